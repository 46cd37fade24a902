from datetime import timedelta

import pghistory
import pytest
from django.utils import timezone

from evaluering.services.moeder import moede_opdater
from forebyggelse.historik import HISTORIK_PR_SIDE, historik_til
from kommuner.models import Ansoegning, Kommune, Program
from kommuner.services.programmer import program_opdater
from tests.evaluering.factories import moede, program_med_deltagere
from tests.kommuner.factories import ProgramFactory

pytestmark = pytest.mark.django_db


def test_changes_show_who_and_old_to_new_in_danish_formats(ministeriet):
    program = ProgramFactory(samlet_budget=8_000_000, ansoegningsfrist=timezone.now() + timedelta(days=3))
    ny_frist = timezone.make_aware(timezone.datetime(2011, 2, 8, 12, 0))
    with pghistory.context(user=ministeriet.pk):
        program_opdater(
            program=program,
            navn=program.navn,
            beskrivelse=program.beskrivelse,
            startdato=program.startdato,
            slutdato=program.slutdato,
            samlet_budget=7_500_000,
            ansoegningsfrist=ny_frist,
            status="i_gang",
        )
    seneste, oprettet = historik_til(ministeriet, program, modeller=[Program], kommune_id=None)
    assert (seneste.handling, seneste.hvad, seneste.bruger) == ("Ændret", "Program", ministeriet.get_full_name())
    aendringer = {a.felt: (a.foer, a.efter) for a in seneste.aendringer}
    assert aendringer["samlet budget (kr.)"] == ("8.000.000 kr.", "7.500.000 kr.")
    assert aendringer["frist for interessetilkendegivelse"][1] == "8. februar 2011 kl. 12.00"
    assert aendringer["status"] == ("Åben for interessetilkendegivelser", "I gang")
    assert oprettet.handling == "Oprettet"
    # A new record lists what it was created with, not its empty fields.
    assert all(a.efter != "–" for a in oprettet.aendringer)


def test_the_first_change_to_a_municipality_loaded_before_tracking_is_shown(kobenhavn, ministeriet):
    kobenhavn.telefon = "33 66 33 66"
    kobenhavn.save()
    (aendring,) = historik_til(ministeriet, kobenhavn, modeller=[Kommune], kommune_id=kobenhavn.pk)
    assert [(a.felt, a.foer, a.efter) for a in aendring.aendringer] == [("telefon", "–", "33 66 33 66")]


def test_writes_outside_a_request_are_recorded_with_the_user_who_made_them(ministeriet, projektleder_101):
    from kommuner.services.ansoegninger import ansoegning_send_tilbage
    from tests.kommuner.factories import AnsoegningFactory

    ansoegning = AnsoegningFactory(indsendt=True)
    ansoegning_send_tilbage(ansoegning=ansoegning, kommentar="Uddyb afsnit C.", bruger=ministeriet)
    seneste = historik_til(ministeriet, ansoegning, modeller=[Ansoegning], kommune_id=ansoegning.kommune_id).haendelser[
        0
    ]
    assert seneste.bruger == ministeriet.get_full_name()
    assert ("status", "Indsendt", "Sendt tilbage til ændring") in [
        (a.felt, a.foer, a.efter) for a in seneste.aendringer
    ]


@pytest.fixture
def to_sider(kobenhavn, ministeriet):
    """København's history with one event more than a page holds, as the ministry reads it."""
    for nr in range(HISTORIK_PR_SIDE + 1):
        kobenhavn.telefon = f"33 66 33 {nr:02}"
        kobenhavn.save()
    return lambda side: historik_til(ministeriet, kobenhavn, modeller=[Kommune], kommune_id=kobenhavn.pk, side=side)


def test_the_second_page_of_a_history(to_sider):
    side = to_sider("2")
    assert (side.nummer, len(side), side.har_nyere, side.har_aeldre) == (2, 1, True, False)


@pytest.mark.parametrize("nummer", ["9223372036854775807", "99999999999999999999", "3", "0", "-5", "abc", "", None])
def test_a_page_number_that_is_no_page_of_the_history_shows_page_1(to_sider, nummer):
    """Past the last page, past what PostgreSQL can count (it gave "bigint out of range"), below 1 or no number."""
    side = to_sider(nummer)
    assert (side.nummer, len(side), side.har_nyere, side.har_aeldre) == (1, HISTORIK_PR_SIDE, False, True)


def test_a_history_shows_what_people_wrote_not_what_the_portal_set_by_itself(client_for, ministeriet):
    """A meeting's calendar UUID and automatic timestamps are bookkeeping: never a row in its history."""
    m = moede(program_med_deltagere("101", ministeriet=ministeriet))
    moede_opdater(
        moede=m,
        version=m.version,
        bruger=ministeriet,
        art=m.art,
        start=m.start,
        slut=m.slut,
        sted="Holmens Kanal 22",
        fokus=m.fokus,
    )
    side = client_for(ministeriet).get(f"/moeder/{m.pk}/").content.decode()
    historik = side[side.index('id="historik-overskrift"') :]
    assert "Holmens Kanal 22" in historik  # the history is there, with what people wrote
    assert "Kalender-id" not in historik and str(m.uid) not in historik
