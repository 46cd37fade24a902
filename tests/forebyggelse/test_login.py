from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.kommuner.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/konto/login/"
FORKERT = "Forkert brugernavn eller adgangskode"


def log_ind(client, username, password=PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR="10.0.0.1", follow=True)


@pytest.mark.parametrize(
    ("fixture", "overskrift"),
    [
        ("ministeriet", "Ministeriets overblik"),
        ("evaluator", "Evaluatorens overblik"),
        ("styregruppe", "Styregruppens overblik"),
        ("projektleder_101", "Københavns Kommune"),
        ("projektleder_147", "Frederiksberg Kommune"),
    ],
)
def test_each_role_logs_in_and_sees_its_overview(client, request, fixture, overskrift):
    bruger = request.getfixturevalue(fixture)
    response = log_ind(client, bruger.username)
    assert response.redirect_chain[-1][0] == "/"
    assert f"<h1>{overskrift}</h1>" in response.content.decode().replace("\n", "")
    assert response.context["user"] == bruger


def test_ministry_overview_lists_all_municipalities(client_for, ministeriet):
    response = client_for(ministeriet).get("/")
    assert len(response.context["kommuner"]) == 98


def test_lead_overview_shows_only_own_municipality(client_for, projektleder_101):
    response = client_for(projektleder_101).get("/")
    assert [k.kode for k in response.context["kommuner"]] == ["101"]
    assert "Frederiksberg" not in response.content.decode()


@pytest.mark.parametrize("username", ["test-ministeriet", "findes-ikke"])
def test_wrong_password_gives_the_same_danish_message_whether_the_user_exists_or_not(client, ministeriet, username):
    response = log_ind(client, username, "forkert-kode")
    assert response.status_code == 200
    assert FORKERT in response.content.decode()
    assert not response.context["user"].is_authenticated
    # What the user typed stays in the form.
    assert response.context["form"]["username"].value() == username


def test_anonymous_user_is_sent_to_login(client, kobenhavn):
    for url in ["/", "/kommuner/", "/kommuner/101/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(f"{LOGIN}?next=")


def test_logout_ends_the_session(client, ministeriet):
    log_ind(client, ministeriet.username)
    response = client.post(reverse("logout"), follow=True)
    assert "Du er logget ud" in response.content.decode()
    assert client.get("/").status_code == 302


def test_five_failures_lock_the_username_from_that_address_for_15_minutes(client, ministeriet):
    for _ in range(5):
        log_ind(client, ministeriet.username, "forkert-kode")
    response = log_ind(client, ministeriet.username)  # even the right password is refused now
    assert response.status_code == 429
    assert "midlertidigt spærret" in response.content.decode()
    assert client.get("/").status_code == 302

    # Another username from the same address is not locked.
    other = client.post(LOGIN, {"username": "x", "password": "y"}, REMOTE_ADDR="10.0.0.1")
    assert other.status_code == 200

    # After the cool-off the lock lifts.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert log_ind(client, ministeriet.username).context["user"] == ministeriet


def test_four_failures_do_not_lock(client, ministeriet):
    for _ in range(4):
        log_ind(client, ministeriet.username, "forkert-kode")
    assert log_ind(client, ministeriet.username).context["user"] == ministeriet


def test_session_expires_after_30_minutes_idle(client, ministeriet):
    log_ind(client, ministeriet.username)
    assert client.session.get_expiry_age() == 30 * 60
    session = Session.objects.get(session_key=client.session.session_key)

    # Activity pushes the expiry forward …
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() + timedelta(minutes=5))
    assert client.get("/").status_code == 200
    assert Session.objects.get(pk=session.pk).expire_date > timezone.now() + timedelta(minutes=29)

    # … and 30 idle minutes end it.
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_password_reset_sends_a_danish_email_with_a_working_link(client, ministeriet):
    response = client.post(reverse("password_reset"), {"email": ministeriet.email}, follow=True)
    assert "Tjek din e-mail" in response.content.decode()
    assert len(mail.outbox) == 1
    besked = mail.outbox[0]
    assert besked.subject == "Ny adgangskode til Forebyggelsesportalen"
    link = next(line for line in besked.body.splitlines() if "/konto/nulstil-adgangskode/" in line)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert form_page.context["validlink"]
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "EnNyOgLangKode-2011", "new_password2": "EnNyOgLangKode-2011"},
        follow=True,
    )
    assert "Adgangskoden er ændret" in done.content.decode()
    assert log_ind(client, ministeriet.username, "EnNyOgLangKode-2011").context["user"] == ministeriet


def test_password_reset_for_unknown_address_reveals_nothing(client, db):
    response = client.post(reverse("password_reset"), {"email": "ukendt@example.org"}, follow=True)
    assert "Tjek din e-mail" in response.content.decode()
    assert mail.outbox == []


def test_pages_carry_a_strict_content_security_policy(client):
    policy = client.get(LOGIN)["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
