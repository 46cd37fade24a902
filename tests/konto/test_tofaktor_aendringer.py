"""A change to a user's two-factor login (switched on, a new app, new backup codes, switched off) ends the user's
other sessions and is told to the user by e-mail; replacing the app takes a code from the one in use; and where
two-factor login is required, a session without it reaches nothing but the set-up (docs/decisions/0037).

Every session here is a real login through the login pages, in its own test client."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from konto import services
from konto.models import Loginsession
from konto.selectors import har_tofaktor
from konto.session import NOTERET
from tests.kommuner.factories import PASSWORD, ProgramFactory
from tests.konto.factories import kode, tofaktor_for

pytestmark = pytest.mark.django_db

LOGIN = "/konto/login/"


@pytest.fixture(autouse=True)
def _ingen_ventetid(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


@pytest.fixture
def sendt(django_capture_on_commit_callbacks):
    """`with sendt(): ...` sends the e-mails that the requests inside leave for their commit (into mail.outbox)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def log_ind(bruger, kode_=None) -> Client:
    """A new browser that logs in with the password, and with the code where the user has two-factor login."""
    client = Client()
    svar = client.post(LOGIN, {"username": bruger.username, "password": PASSWORD})
    assert svar.status_code == 302
    if kode_ is not None:
        assert client.post("/konto/login/kode/", {"kode": kode_})["Location"] == "/"
    return client


def logget_ind(client, sti="/kommuner/101/") -> bool:
    svar = client.get(sti)
    if svar.status_code == 302:
        assert svar["Location"].startswith(f"{LOGIN}?next=")
        return False
    assert svar.status_code == 200
    return True


def slaa_til(client, bruger) -> TOTPDevice:
    """Two-factor login switched on from the account pages; returns the new authenticator."""
    assert client.post(reverse("konto:tofaktor"), {"start": "1"})["Location"] == reverse("konto:tofaktor")
    enhed = TOTPDevice.objects.get(user=bruger, confirmed=False)
    svar = client.post(reverse("konto:tofaktor"), {"bekraeft": "1", "kode": kode(enhed)})
    assert svar["Location"] == reverse("konto:backupkoder")
    enhed.refresh_from_db()
    return enhed


# Switching it on -----------------------------------------------------------------------------------------------


def test_switching_two_factor_on_logs_out_the_users_other_sessions(sendt, projektleder_101, projektleder_147):
    a = log_ind(projektleder_101)
    b = log_ind(projektleder_101)
    anden_bruger = log_ind(projektleder_147)
    with sendt():
        enhed = slaa_til(b, projektleder_101)

    assert not logget_ind(a)
    assert "_auth_user_id" not in a.session
    # The session that did it goes on, confirmed with the new app; nobody else's session is touched.
    assert logget_ind(b)
    assert b.session[DEVICE_ID_SESSION_KEY] == enhed.persistent_id
    assert logget_ind(anden_bruger, "/kommuner/147/")
    # Logging in again now takes the code.
    assert a.post(LOGIN, {"username": projektleder_101.username, "password": PASSWORD})["Location"] == (
        "/konto/login/kode/"
    )
    assert not logget_ind(a)

    assert [m.subject for m in mail.outbox] == ["Tofaktor-login er slået til på din bruger"]
    assert mail.outbox[0].to == [projektleder_101.email]
    assert "Tofaktor-login er blevet slået til på din bruger" in mail.outbox[0].body
    assert "logget ud alle andre steder" in mail.outbox[0].body


def test_a_session_logged_out_by_the_switch_cannot_put_its_own_app_in_place(projektleder_101):
    a = log_ind(projektleder_101)
    b = log_ind(projektleder_101)
    enhed = slaa_til(b, projektleder_101)

    assert a.post(reverse("konto:tofaktor"), {"start": "1"})["Location"].startswith(f"{LOGIN}?next=")
    assert a.post(reverse("konto:tofaktor"), {"bekraeft": "1", "kode": "123456"})["Location"].startswith(LOGIN)
    assert a.post(reverse("konto:backupkoder"))["Location"].startswith(LOGIN)
    assert list(TOTPDevice.objects.filter(user=projektleder_101).values_list("pk", "confirmed")) == [(enhed.pk, True)]


def test_a_set_up_begun_before_the_switch_cannot_be_finished_after_it(projektleder_101):
    a = log_ind(projektleder_101)
    a.post(reverse("konto:tofaktor"), {"start": "1"})
    a_enhed = TOTPDevice.objects.get(user=projektleder_101, confirmed=False)
    b = log_ind(projektleder_101)
    enhed = slaa_til(b, projektleder_101)

    assert a.post(reverse("konto:tofaktor"), {"bekraeft": "1", "kode": kode(a_enhed)})["Location"].startswith(LOGIN)
    assert list(TOTPDevice.objects.filter(user=projektleder_101).values_list("pk", flat=True)) == [enhed.pk]


# Replacing the app -------------------------------------------------------------------------------------------------


def test_replacing_the_app_without_a_code_from_the_one_in_use_is_refused_and_changes_nothing(sendt, projektleder_101):
    gammel, backup = tofaktor_for(projektleder_101)
    client = log_ind(projektleder_101, kode(gammel))
    side = client.get(reverse("konto:tofaktor")).content.decode()
    assert "Skift til en ny telefon eller app" in side
    assert "Kode fra din nuværende app" in side

    with sendt():
        uden = client.post(reverse("konto:tofaktor"), {"start": "1"})
        assert uden.status_code == 200
        assert "Skriv koden." in uden.content.decode()
        forkert = client.post(reverse("konto:tofaktor"), {"start": "1", "kode": "000000"})
        assert forkert.status_code == 200
        assert "Koden er forkert eller udløbet" in forkert.content.decode()
        ugyldig_backup = client.post(reverse("konto:tofaktor"), {"start": "1", "kode": "abcd efgh"})
        assert "Koden er forkert eller udløbet" in ugyldig_backup.content.decode()
        # With no new app started, there is nothing to confirm either.
        bekraeft = client.post(reverse("konto:tofaktor"), {"bekraeft": "1", "kode": kode(gammel, skridt=1)})
        assert "Start opsætningen forfra" in bekraeft.content.decode()

    assert list(TOTPDevice.objects.filter(user=projektleder_101).values_list("pk", "confirmed")) == [(gammel.pk, True)]
    assert StaticToken.objects.filter(device__user=projektleder_101).count() == len(backup)
    assert logget_ind(client)
    assert mail.outbox == []


def test_the_services_refuse_a_replacement_without_the_code_too(projektleder_101):
    gammel, _ = tofaktor_for(projektleder_101)
    with pytest.raises(ValidationError) as fejl:
        services.totp_opret(bruger=projektleder_101)
    assert "Skriv en kode fra din nuværende app eller en backupkode" in fejl.value.messages[0]
    with pytest.raises(ValidationError) as fejl:
        services.totp_opret(bruger=projektleder_101, nuvaerende_kode="000000")
    assert fejl.value.message_dict == {"kode": [services.FORKERT_KODE]}
    assert list(TOTPDevice.objects.filter(user=projektleder_101).values_list("pk", flat=True)) == [gammel.pk]


@pytest.mark.parametrize("med", ["appen", "en backupkode"])
def test_with_a_code_from_the_app_in_use_or_a_backup_code_the_new_app_replaces_it(sendt, projektleder_101, med):
    gammel, backup = tofaktor_for(projektleder_101)
    client = log_ind(projektleder_101, kode(gammel))
    anden = log_ind(projektleder_101, backup[0])
    nuvaerende = kode(gammel, skridt=1) if med == "appen" else backup[1]
    svar = client.post(reverse("konto:tofaktor"), {"start": "1", "kode": nuvaerende})
    assert svar["Location"] == reverse("konto:tofaktor")
    ny = TOTPDevice.objects.get(user=projektleder_101, confirmed=False)
    # Until the new one is confirmed, the old one still works.
    assert TOTPDevice.objects.filter(pk=gammel.pk, confirmed=True).exists()
    assert logget_ind(anden)

    with sendt():
        client.post(reverse("konto:tofaktor"), {"bekraeft": "1", "kode": kode(ny)})
    assert list(TOTPDevice.objects.filter(user=projektleder_101).values_list("pk", flat=True)) == [ny.pk]
    assert client.session[DEVICE_ID_SESSION_KEY] == TOTPDevice.objects.get(pk=ny.pk).persistent_id
    assert logget_ind(client)
    assert not logget_ind(anden)
    assert [m.subject for m in mail.outbox] == ["Din bruger har fået en ny godkendelses-app"]


# New backup codes and switching off ------------------------------------------------------------------------------


def test_new_backup_codes_log_out_the_users_other_sessions(sendt, projektleder_101):
    enhed, backup = tofaktor_for(projektleder_101)
    a = log_ind(projektleder_101, kode(enhed))
    b = log_ind(projektleder_101, backup[0])
    with sendt():
        assert b.post(reverse("konto:backupkoder"))["Location"] == reverse("konto:backupkoder")

    assert not logget_ind(a)
    assert logget_ind(b)
    assert [m.subject for m in mail.outbox] == ["Du har fået nye backupkoder"]
    assert "De gamle virker ikke længere" in mail.outbox[0].body


def test_backup_codes_alone_cannot_switch_two_factor_on(projektleder_101):
    with pytest.raises(ValidationError):
        services.backupkoder_forny(bruger=projektleder_101, behold_session=None)
    assert not har_tofaktor(projektleder_101)


def test_switching_two_factor_off_logs_out_the_other_sessions_and_says_so_by_e_mail(sendt, projektleder_101):
    enhed, backup = tofaktor_for(projektleder_101)
    a = log_ind(projektleder_101, kode(enhed))
    b = log_ind(projektleder_101, backup[0])
    with sendt():
        assert b.post(reverse("konto:tofaktor_fra"), {"kode": backup[1]})["Location"] == reverse("konto:side")

    assert not har_tofaktor(projektleder_101)
    assert not logget_ind(a)
    assert logget_ind(b)
    assert [m.subject for m in mail.outbox] == ["Tofaktor-login er slået fra på din bruger"]


def test_no_e_mail_for_a_user_without_an_address(sendt, projektleder_101):
    projektleder_101.email = ""
    projektleder_101.save(update_fields=["email"])
    with sendt():
        slaa_til(log_ind(projektleder_101), projektleder_101)
    assert mail.outbox == []


# The list of sessions ----------------------------------------------------------------------------------------------


def test_logging_in_and_out_keeps_the_list_of_sessions(projektleder_101):
    gammel = Loginsession.objects.create(
        bruger=projektleder_101, session_noegle="x" * 32, oprettet=timezone.now() - timedelta(hours=13)
    )
    client = log_ind(projektleder_101)
    noegle = client.session.session_key
    assert list(Loginsession.objects.filter(bruger=projektleder_101).values_list("session_noegle", flat=True)) == [
        noegle
    ]
    assert not Loginsession.objects.filter(pk=gammel.pk).exists()  # past the 12-hour limit

    client.post(reverse("logout"))
    assert not Loginsession.objects.filter(bruger=projektleder_101).exists()
    assert not Session.objects.filter(pk=noegle).exists()


def test_a_session_from_before_the_list_is_logged_out(client, projektleder_101):
    client = log_ind(projektleder_101)
    session = client.session
    del session[NOTERET]
    session.save()
    Loginsession.objects.filter(bruger=projektleder_101).delete()

    assert not logget_ind(client)
    besked = client.get(f"{LOGIN}?next=/kommuner/101/").content.decode()
    assert "Du er blevet logget ud af sikkerhedshensyn" in besked


# Where two-factor login is required ----------------------------------------------------------------------------


def test_where_required_a_session_without_two_factor_reaches_only_the_set_up_and_logout(settings, ministeriet):
    settings.TOFAKTOR_PAAKRAEVET = True
    program = ProgramFactory()
    client = log_ind(ministeriet)
    for sti in ["/", reverse("kommuner:program", args=[program.pk]), "/kommuner/", reverse("konto:side")]:
        assert client.get(sti)["Location"] == reverse("konto:tofaktor"), sti
    assert client.post(reverse("kommuner:program_rediger", args=[program.pk]), {})["Location"] == reverse(
        "konto:tofaktor"
    )
    assert client.get(reverse("konto:backupkoder"))["Location"] == reverse("konto:tofaktor")

    assert client.get(reverse("konto:tofaktor")).status_code == 200
    # Pages open to everybody stay open (static files are served by WhiteNoise before any of this).
    assert client.get("/healthz").status_code == 200
    assert client.get(LOGIN).status_code == 200
    assert client.get(reverse("tilgaengelighedserklaering")).status_code == 200

    assert client.post(reverse("logout")).status_code == 200
    assert "_auth_user_id" not in client.session


def test_where_required_the_set_up_opens_the_pages_and_shuts_the_set_up_to_the_other_sessions(settings, ministeriet):
    settings.TOFAKTOR_PAAKRAEVET = True
    program = ProgramFactory()
    a = log_ind(ministeriet)
    b = log_ind(ministeriet)
    assert a.get("/")["Location"] == reverse("konto:tofaktor")
    slaa_til(b, ministeriet)
    assert b.get("/").status_code == 200
    assert b.get(reverse("kommuner:program", args=[program.pk])).status_code == 200

    # The other session that was sent to the set-up is not sent there any longer, but to the login.
    assert a.get("/")["Location"] == f"{LOGIN}?next=/"
    assert a.post(reverse("konto:tofaktor"), {"start": "1"})["Location"].startswith(f"{LOGIN}?next=")
    assert TOTPDevice.objects.filter(user=ministeriet).count() == 1
