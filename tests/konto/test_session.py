"""The 12-hour limit on top of the 30-minute idle limit, and the endpoints the idle warning uses. The dialog
itself is tested in a real browser (tests/browser/test_session_advarsel.py)."""

import re
import time
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from konto.session import LOGIN_TID
from tests.kommuner.factories import PASSWORD

pytestmark = pytest.mark.django_db

TOLV_TIMER = 12 * 60 * 60


def saet_login_tid(client, sekunder_siden: float) -> None:
    session = client.session
    session[LOGIN_TID] = time.time() - sekunder_siden
    session.save()


def test_login_lasts_at_most_12_hours_however_active(client_for, projektleder_101):
    client = client_for(projektleder_101)
    saet_login_tid(client, TOLV_TIMER - 60)
    assert client.get("/").status_code == 200

    saet_login_tid(client, TOLV_TIMER + 1)
    svar = client.get("/kommuner/101/")
    assert svar.status_code == 302
    assert svar["Location"] == "/konto/login/?next=/kommuner/101/"
    assert "_auth_user_id" not in client.session
    besked = client.get(svar["Location"]).content.decode()
    assert "Du er logget ud, fordi du har været logget ind i 12 timer" in besked


def test_a_new_login_starts_the_12_hours_again(client, projektleder_101):
    client.post("/konto/login/", {"username": projektleder_101.username, "password": PASSWORD})
    assert abs(client.session[LOGIN_TID] - time.time()) < 5


def test_the_idle_limit_stays_30_minutes(client_for, projektleder_101):
    client = client_for(projektleder_101)
    assert client.session.get_expiry_age() == 30 * 60


def test_staying_logged_in_pushes_the_idle_expiry_and_tells_the_page_how_long(client_for, projektleder_101):
    client = client_for(projektleder_101)
    saet_login_tid(client, 60 * 60)
    noegle = client.session.session_key
    Session.objects.filter(pk=noegle).update(expire_date=timezone.now() + timedelta(minutes=2))
    svar = client.post(reverse("konto:session_forlaeng"))
    assert svar.status_code == 200
    data = svar.json()
    assert data["udloeber_om"] == 30 * 60
    assert TOLV_TIMER - 60 * 60 - 5 <= data["absolut_om"] <= TOLV_TIMER - 60 * 60
    assert Session.objects.get(pk=noegle).expire_date > timezone.now() + timedelta(minutes=29)


def test_staying_logged_in_is_post_only_and_needs_a_live_session(client, client_for, projektleder_101):
    assert client.post(reverse("konto:session_forlaeng"))["Location"].startswith("/konto/login/")
    assert client_for(projektleder_101).get(reverse("konto:session_forlaeng")).status_code == 405


def test_when_time_is_up_the_page_logs_out_and_says_why(client_for, projektleder_101):
    client = client_for(projektleder_101)
    svar = client.post(reverse("konto:session_udloebet"), {"next": "/kommuner/101/"})
    assert svar["Location"] == "/konto/session/udloebet/?next=%2Fkommuner%2F101%2F"
    assert "_auth_user_id" not in client.session
    side = client.get(svar["Location"]).content.decode()
    assert "Du er logget ud" in side
    assert 'href="/konto/login/?next=/kommuner/101/"' in side


def test_the_expired_page_never_links_to_another_site(client):
    svar = client.post(reverse("konto:session_udloebet"), {"next": "https://example.org/"})
    assert svar["Location"] == "/konto/session/udloebet/"
    assert "example.org" not in client.get(svar["Location"]).content.decode()


def test_the_expired_page_sends_a_live_session_on(client_for, projektleder_101):
    client = client_for(projektleder_101)
    assert client.get(reverse("konto:session_udloebet") + "?next=/kommuner/")["Location"] == "/kommuner/"


def test_logged_in_pages_carry_the_warning_with_its_timings(client_for, settings, projektleder_101):
    settings.SESSION_ADVARSEL_SEKUNDER = 240
    client = client_for(projektleder_101)
    saet_login_tid(client, 60)
    side = client.get("/").content.decode()
    assert 'role="dialog"' in side
    assert 'data-udloeber-om="1800"' in side
    assert 'data-advarsel-foer="240"' in side
    absolut = int(re.search(r'data-absolut-om="(\d+)"', side).group(1))
    assert TOLV_TIMER - 70 <= absolut <= TOLV_TIMER - 60
    assert '<script src="/static/js/session.js">' in side


def test_pages_without_login_have_no_warning(client):
    side = client.get("/konto/login/").content.decode()
    assert "session-advarsel" not in side
    assert "session.js" not in side
