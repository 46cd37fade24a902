"""Two-factor login: set-up from the account page, the code after the password, backup codes once each,
django-axes counting wrong codes, the production setting that requires it for the ministry and the evaluator,
and that no way into a session skips the code."""

import re
import time
from base64 import b32encode
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from konto.klientadresse import klient_ip
from konto.selectors import har_tofaktor
from konto.session import VENTER
from tests.kommuner.factories import PASSWORD
from tests.konto.factories import kode, tofaktor_for

pytestmark = pytest.mark.django_db

LOGIN = "/konto/login/"
KODE = "/konto/login/kode/"
IP = "10.0.0.7"


@pytest.fixture(autouse=True)
def _ingen_ventetid(settings):
    """django-otp makes the next try wait after a wrong code; the throttling test turns it back on."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def adgangskode(client, bruger, password=PASSWORD, naeste=""):
    url = f"{LOGIN}?next={naeste}" if naeste else LOGIN
    return client.post(url, {"username": bruger.username, "password": password}, REMOTE_ADDR=IP)


def send_kode(client, vaerdi):
    return client.post(KODE, {"kode": vaerdi}, REMOTE_ADDR=IP)


def logget_ind(client) -> bool:
    return client.get("/", REMOTE_ADDR=IP).status_code == 200


# Set-up -----------------------------------------------------------------------------------------------


def test_user_sets_up_two_factor_login_from_the_account_page(client_for, projektleder_101):
    client = client_for(projektleder_101)
    side = client.get(reverse("konto:side")).content.decode()
    assert "Ikke slået til" in side

    assert client.post(reverse("konto:tofaktor"), {"start": "1"}).status_code == 302
    opsaetning = client.get(reverse("konto:tofaktor")).content.decode()
    # The QR code is an image (no inline script or style), and the key is there as text for those who cannot scan.
    assert re.search(r'<img class="tofaktor-qr"\s+src="data:image/svg\+xml', opsaetning)
    enhed = TOTPDevice.objects.get(user=projektleder_101)
    assert not enhed.confirmed
    noegle = re.search(r'<code class="tofaktor-noegle">([A-Z2-7 ]+)</code>', opsaetning).group(1)
    assert noegle.replace(" ", "") == b32encode(enhed.bin_key).decode()

    forkert = client.post(reverse("konto:tofaktor"), {"bekraeft": "1", "kode": "000000"})
    assert "Koden passer ikke" in forkert.content.decode()
    assert not har_tofaktor(projektleder_101)

    svar = client.post(reverse("konto:tofaktor"), {"bekraeft": "1", "kode": kode(enhed)})
    assert svar["Location"] == reverse("konto:backupkoder")
    assert har_tofaktor(projektleder_101)
    # The set-up counts as confirming this session with a code.
    assert client.session[DEVICE_ID_SESSION_KEY] == enhed.persistent_id

    koder_side = client.get(reverse("konto:backupkoder")).content.decode()
    koder = re.findall(r"<code>([a-z2-7]{4} [a-z2-7]{4})</code>", koder_side)
    assert len(koder) == 10
    assert {k.replace(" ", "") for k in koder} == set(
        StaticToken.objects.filter(device__user=projektleder_101).values_list("token", flat=True)
    )
    # Shown once only.
    igen = client.get(reverse("konto:backupkoder")).content.decode()
    assert "<code>" not in igen
    assert "Du har 10 ubrugte backupkoder" in igen
    assert "Slået til." in client.get(reverse("konto:side")).content.decode()


def test_a_new_phone_replaces_the_old_authenticator_once_confirmed(client, projektleder_101):
    gammel, _ = tofaktor_for(projektleder_101)
    adgangskode(client, projektleder_101)
    send_kode(client, kode(gammel))
    # Replacing the app takes a code from the one in use (tests/konto/test_tofaktor_aendringer.py).
    client.post(reverse("konto:tofaktor"), {"start": "1", "kode": kode(gammel, skridt=1)})
    ny = TOTPDevice.objects.get(user=projektleder_101, confirmed=False)
    # Until the new one is confirmed, the old one still works.
    assert TOTPDevice.objects.filter(pk=gammel.pk, confirmed=True).exists()
    client.post(reverse("konto:tofaktor"), {"bekraeft": "1", "kode": kode(ny)})
    assert list(TOTPDevice.objects.filter(user=projektleder_101).values_list("pk", flat=True)) == [ny.pk]


def test_new_backup_codes_replace_the_old_ones(client, projektleder_101):
    enhed, gamle = tofaktor_for(projektleder_101)
    adgangskode(client, projektleder_101)
    send_kode(client, kode(enhed))
    client.post(reverse("konto:backupkoder"))
    nye = set(StaticToken.objects.filter(device__user=projektleder_101).values_list("token", flat=True))
    assert len(nye) == 10
    assert not nye & set(gamle)


# Login ------------------------------------------------------------------------------------------------


def test_login_asks_for_the_code_after_the_password(client, projektleder_101):
    enhed, _ = tofaktor_for(projektleder_101)
    svar = adgangskode(client, projektleder_101, naeste="/kommuner/101/")
    assert svar.status_code == 302
    assert svar["Location"] == KODE
    # The password alone logs nobody in.
    assert not logget_ind(client)
    side = client.get(KODE, REMOTE_ADDR=IP).content.decode()
    assert "Skriv din kode" in side
    assert 'autocomplete="one-time-code"' in side

    forkert = send_kode(client, "123 456" if kode(enhed) != "123456" else "654321")
    assert forkert.status_code == 200
    assert "Koden er forkert eller udløbet" in forkert.content.decode()
    assert not logget_ind(client)

    rigtig = send_kode(client, f"{kode(enhed)[:3]} {kode(enhed)[3:]}")  # spaces as the app shows it
    assert rigtig["Location"] == "/kommuner/101/"
    assert logget_ind(client)
    assert client.session[DEVICE_ID_SESSION_KEY] == enhed.persistent_id
    assert VENTER not in client.session


def test_the_same_app_code_is_not_accepted_twice(client, projektleder_101):
    enhed, _ = tofaktor_for(projektleder_101)
    brugt = kode(enhed)
    adgangskode(client, projektleder_101)
    send_kode(client, brugt)
    client.post(reverse("logout"))
    adgangskode(client, projektleder_101)
    assert "Koden er forkert" in send_kode(client, brugt).content.decode()
    assert not logget_ind(client)


def test_a_backup_code_works_once(client, projektleder_101):
    _, backup = tofaktor_for(projektleder_101)
    adgangskode(client, projektleder_101)
    svar = client.post(KODE, {"kode": backup[0].upper()}, REMOTE_ADDR=IP, follow=True)
    assert "Du loggede ind med en backupkode" in svar.content.decode()
    assert "du har 9 tilbage" in svar.content.decode()
    assert logget_ind(client)
    assert client.session[DEVICE_ID_SESSION_KEY] == StaticDevice.objects.get(user=projektleder_101).persistent_id

    client.post(reverse("logout"))
    adgangskode(client, projektleder_101)
    assert "Koden er forkert" in send_kode(client, backup[0]).content.decode()
    assert not logget_ind(client)
    assert send_kode(client, backup[1])["Location"] == "/"


def test_users_without_two_factor_log_in_with_the_password_alone(client, projektleder_101):
    assert adgangskode(client, projektleder_101)["Location"] == "/"
    assert logget_ind(client)


def test_the_code_step_needs_a_fresh_password_step(client, projektleder_101):
    enhed, _ = tofaktor_for(projektleder_101)
    assert client.get(KODE)["Location"] == LOGIN

    adgangskode(client, projektleder_101)
    session = client.session
    session[VENTER] = {**session[VENTER], "tid": time.time() - 6 * 60}
    session.save()
    svar = client.post(KODE, {"kode": kode(enhed)}, REMOTE_ADDR=IP, follow=True)
    assert "tiden til at skrive koden udløb" in svar.content.decode()
    assert not logget_ind(client)


# Lockout ----------------------------------------------------------------------------------------------


def test_wrong_codes_count_as_failed_logins_and_lock_like_wrong_passwords(client, projektleder_101):
    tofaktor_for(projektleder_101)
    for _ in range(3):
        adgangskode(client, projektleder_101, "forkert-kode")
    adgangskode(client, projektleder_101)
    assert send_kode(client, "000000").status_code == 200
    spaerret = send_kode(client, "111111")  # the fifth failure
    assert spaerret.status_code == 429
    assert "midlertidigt spærret" in spaerret.content.decode()
    attempt = AccessAttempt.objects.get(username=projektleder_101.username)
    assert attempt.failures_since_start == 5
    # The code never reaches axes' log.
    assert "kode=" in attempt.post_data
    assert "111111" not in attempt.post_data

    # Locked: neither the right password nor the right code gets in now.
    assert adgangskode(client, projektleder_101).status_code == 429
    assert client.get(KODE, REMOTE_ADDR=IP)["Location"] == LOGIN
    assert not logget_ind(client)


def test_a_correct_code_resets_the_failure_count(client, projektleder_101):
    enhed, _ = tofaktor_for(projektleder_101)
    adgangskode(client, projektleder_101)
    send_kode(client, "000000")
    send_kode(client, kode(enhed))
    assert logget_ind(client)
    assert not AccessAttempt.objects.filter(username=projektleder_101.username).exists()


def test_after_a_wrong_code_django_otp_makes_the_next_try_wait(client, settings, projektleder_101):
    settings.OTP_TOTP_THROTTLE_FACTOR = 30
    enhed, _ = tofaktor_for(projektleder_101)
    adgangskode(client, projektleder_101)
    send_kode(client, "000000")
    svar = send_kode(client, kode(enhed))
    assert "Der er skrevet forkerte koder for mange gange" in svar.content.decode()
    assert not logget_ind(client)


# Required for the ministry and the evaluator in production --------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "kraevet"),
    [
        ("ministeriet", True),
        ("evaluator", True),
        ("styregruppe", False),
        ("projektleder_101", False),
    ],
)
def test_required_for_ministry_and_evaluator_when_the_setting_is_on(client, settings, request, fixture, kraevet):
    settings.TOFAKTOR_PAAKRAEVET = True
    bruger = request.getfixturevalue(fixture)
    adgangskode(client, bruger)
    svar = client.get("/kommuner/", REMOTE_ADDR=IP)
    if kraevet:
        assert svar["Location"] == reverse("konto:tofaktor")
        opsaetning = client.get(reverse("konto:tofaktor")).content.decode()
        assert "Din rolle kræver tofaktor-login" in opsaetning
        # Once set up, the pages open.
        client.post(reverse("konto:tofaktor"), {"start": "1"})
        enhed = TOTPDevice.objects.get(user=bruger)
        client.post(reverse("konto:tofaktor"), {"bekraeft": "1", "kode": kode(enhed)})
        assert client.get("/kommuner/", REMOTE_ADDR=IP).status_code == 200
    else:
        assert svar.status_code == 200


def test_off_by_default_so_the_ministry_logs_in_with_the_password(client, ministeriet):
    adgangskode(client, ministeriet)
    assert client.get("/kommuner/").status_code == 200


def test_only_those_not_required_may_turn_it_off_and_only_with_a_code(client, settings, ministeriet, projektleder_101):
    settings.TOFAKTOR_PAAKRAEVET = True
    enhed, _ = tofaktor_for(projektleder_101)
    adgangskode(client, projektleder_101)
    send_kode(client, kode(enhed))
    forkert = client.post(reverse("konto:tofaktor_fra"), {"kode": "000000"})
    assert "Koden er forkert" in forkert.content.decode()
    assert har_tofaktor(projektleder_101)
    svar = client.post(reverse("konto:tofaktor_fra"), {"kode": kode(enhed, skridt=1)})
    assert svar["Location"] == reverse("konto:side")
    assert not har_tofaktor(projektleder_101)
    assert logget_ind(client)  # the session goes on without a device

    client.post(reverse("logout"))
    m_enhed, _ = tofaktor_for(ministeriet)
    adgangskode(client, ministeriet)
    send_kode(client, kode(m_enhed))
    nej = client.get(reverse("konto:tofaktor_fra"), follow=True)
    assert "Din rolle kræver tofaktor-login, så det kan ikke slås fra." in nej.content.decode()
    assert har_tofaktor(ministeriet)


# No way around the code -------------------------------------------------------------------------------


def test_a_session_that_skipped_the_code_is_ended(client, projektleder_101):
    tofaktor_for(projektleder_101)
    client.force_login(projektleder_101)
    svar = client.get("/kommuner/101/")
    assert svar.status_code == 302
    assert svar["Location"].startswith(f"{LOGIN}?next=")
    assert "_auth_user_id" not in client.session


def test_the_admin_has_no_login_of_its_own(client):
    svar = client.get("/admin/login/?next=/admin/")
    assert svar.status_code == 302
    assert svar["Location"] == f"{LOGIN}?next=/admin/"


def test_force_login_works_for_users_without_two_factor(client_for, projektleder_101):
    """Other apps' tests log in with force_login; that must keep working when two-factor login is off."""
    assert client_for(projektleder_101).get("/kommuner/101/").status_code == 200


# Behind the reverse proxy -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("antal", "videresendt", "forventet"),
    [
        (0, "203.0.113.9", "10.0.0.1"),  # no proxy: the header is the client's own claim
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "1.2.3.4, 203.0.113.9", "203.0.113.9"),  # what the client claimed before our proxy is ignored
        (2, "1.2.3.4, 203.0.113.9, 10.1.1.1", "203.0.113.9"),
        (1, "", "10.0.0.1"),
    ],
)
def test_lockout_counts_the_visitors_address_behind_the_proxy(rf, settings, antal, videresendt, forventet):
    settings.ANTAL_PROXYER = antal
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=videresendt)
    assert klient_ip(request) == forventet


def test_behind_a_proxy_one_visitors_failures_do_not_lock_another(client, settings, projektleder_101):
    settings.ANTAL_PROXYER = 1
    for _ in range(5):
        client.post(
            LOGIN,
            {"username": projektleder_101.username, "password": "forkert"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )
    spaerret = client.post(
        LOGIN,
        {"username": projektleder_101.username, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert spaerret.status_code == 429
    andet = client.post(
        LOGIN,
        {"username": projektleder_101.username, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.4",
    )
    assert andet["Location"] == "/"


def test_demo_logins_follow_the_setting(client, settings):
    """Locally (and so in the demo) two-factor login is off; turned on, the demo says so and the demo ministry
    is sent to set it up."""
    settings.DEMO_MODE = True
    settings.TOFAKTOR_PAAKRAEVET = True
    ud = StringIO()
    call_command("load_demo", stdout=ud)
    assert "Tofaktor-login er påkrævet" in ud.getvalue()
    client.post(LOGIN, {"username": "ministeriet", "password": "demo"}, REMOTE_ADDR=IP)
    assert client.get("/")["Location"] == reverse("konto:tofaktor")
