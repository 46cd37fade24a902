"""The personal calendar feed: a secret URL per user, renewable; wrong or renewed token → 404."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from evaluering.models import Kalenderabonnement
from evaluering.services.kalender import kalenderabonnement_hent
from evaluering.services.moeder import moede_marker_afholdt, opfoelgningspunkt_tilfoej, referat_gem
from forebyggelse.roller import Rolle
from tests.evaluering.factories import dataleverance, moede, program_med_deltagere
from tests.kommuner.factories import BrugerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(ministeriet, projektleder_101):
    return program_med_deltagere("101", ministeriet=ministeriet)


def _feed(client, noegle):
    return client.get(f"/kalender/{noegle}.ics")


def _begivenheder(svar) -> dict:
    return {str(e["summary"]): e for e in Calendar.from_ical(svar.content).walk("VEVENT")}


def test_the_feed_holds_meetings_and_deadlines_and_needs_no_login(client, program, ministeriet, projektleder_101):
    m = moede(program, dag=timezone.localdate() + timedelta(days=5))
    dataleverance(program, ministeriet, titel="Økonomi 2011")
    abonnement = kalenderabonnement_hent(bruger=projektleder_101)
    svar = _feed(client, abonnement.noegle)
    assert svar.status_code == 200 and svar["Content-Type"].startswith("text/calendar")
    begivenheder = _begivenheder(svar)
    moedet = begivenheder[f"2. netværksmøde – {program.navn}"]
    assert moedet.decoded("dtstart") == m.start and str(moedet["location"]).startswith("Socialministeriet")
    assert f"/moeder/{m.pk}/" in str(moedet["url"])
    assert "Frist: dataleverance Økonomi 2011" in begivenheder


def test_follow_up_deadlines_appear_only_when_the_user_may_read_the_minutes(
    client, program, ministeriet, projektleder_101
):
    afholdt = moede_marker_afholdt(moede=moede(program))
    referat_gem(moede=afholdt, referat="Udkast", version=afholdt.version, bruger=ministeriet)
    opfoelgningspunkt_tilfoej(
        moede=afholdt, art="opfoelgning", tekst="Send status", ansvarlig="Kommunerne", frist=timezone.localdate()
    )
    leder = _begivenheder(_feed(client, kalenderabonnement_hent(bruger=projektleder_101).noegle))
    ministeriets = _begivenheder(_feed(client, kalenderabonnement_hent(bruger=ministeriet).noegle))
    assert "Frist: Send status" not in leder and "Frist: Send status" in ministeriets


def test_a_wrong_or_renewed_token_gives_404(client_for, client, projektleder_101, program):
    gammel = kalenderabonnement_hent(bruger=projektleder_101).noegle
    assert _feed(client, "forkert-noegle").status_code == 404
    assert _feed(client, gammel[:-1]).status_code == 404
    svar = client_for(projektleder_101).post("/kalender/forny/")
    assert svar.status_code == 302
    ny = Kalenderabonnement.objects.get(bruger=projektleder_101).noegle
    assert ny != gammel
    client.logout()
    assert _feed(client, gammel).status_code == 404
    assert _feed(client, ny).status_code == 200


def test_a_user_without_a_role_or_deactivated_gets_404(client, db):
    uden = BrugerFactory(rolle="", username="uden-rolle")
    assert _feed(client, kalenderabonnement_hent(bruger=uden).noegle).status_code == 404
    deaktiveret = BrugerFactory(rolle=Rolle.EVALUATOR, username="tidligere")
    noegle = kalenderabonnement_hent(bruger=deaktiveret).noegle
    deaktiveret.is_active = False
    deaktiveret.save()
    assert _feed(client, noegle).status_code == 404


def test_the_calendar_page_shows_the_users_address(client_for, evaluator):
    side = client_for(evaluator).get("/kalender/").content.decode()
    noegle = Kalenderabonnement.objects.get(bruger=evaluator).noegle
    assert f"http://testserver/kalender/{noegle}.ics" in side and "webcal://testserver" in side


def test_the_meetings_calendar_shows_a_month_grid_and_a_list(client_for, program, projektleder_101, settings):
    settings.PORTAL_I_DAG = "2012-06-01"
    moede(program, dag=date(2012, 6, 14), nummer=3)
    moede(program, dag=date(2012, 4, 19), nummer=2)
    client = client_for(projektleder_101)
    juni = client.get("/moeder/kalender/").content.decode()  # the demo's today: June 2012
    assert "Juni 2012" in juni and "2. netværksmøde" not in juni
    celle = juni[juni.index('<span class="kalenderdag">14.</span>') :][:400]
    assert "10.00 3. netværksmøde" in celle
    april = client.get("/moeder/kalender/?maaned=2012-04").content.decode()
    assert "April 2012" in april and "10.00 2. netværksmøde" in april
    assert "?maaned=2012-03" in april and "?maaned=2012-05" in april
    liste = client.get("/moeder/kalender/?visning=liste").content.decode()
    assert "3. netværksmøde" in liste and "2. netværksmøde" not in liste  # from today on
    assert "14. juni 2012 kl. 10.00–15.00" in liste
    for ugyldig in ["2012-13", "x", "99999-01", "2012-04-01"]:
        assert "Juni 2012" in client.get("/moeder/kalender/", {"maaned": ugyldig}).content.decode()
