"""The timeline: what is on it, the chart and its table, and the ministry keeping it."""

import re
from datetime import date, timedelta
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from evaluering.diagrammer import _arter, tidsplan_svg
from evaluering.models import Moede, Punktart, Tidsplanpunkt
from evaluering.selectors import Tidsplan, TidsplanPost, _er_periode, _moedetitel, _raekkefoelge, tidsplan_for
from evaluering.services.moeder import moede_marker_afholdt, opfoelgningspunkt_tilfoej, referat_gem
from evaluering.services.tidsplan import tidsplanpunkt_opret
from evaluering.tidsangivelse import Praecision, fortolk
from tests.evaluering.factories import dataleverance, moede, program_med_deltagere

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(ministeriet, projektleder_101):
    return program_med_deltagere("101", ministeriet=ministeriet)


def test_a_week_number_is_accepted_and_shown_as_such(client_for, ministeriet, program):
    client = client_for(ministeriet)
    svar = client.post(
        f"/programmer/{program.pk}/tidsplan/nyt/",
        {"art": "frist", "titel": "Indgåelse af kontrakt", "tidspunkt": "uge 7, 2011"},
    )
    assert svar.status_code == 302
    punkt = Tidsplanpunkt.objects.get()
    assert (punkt.start, punkt.slut) == (date(2011, 2, 14), date(2011, 2, 20))
    side = client.get(f"/programmer/{program.pk}/tidsplan/").content.decode()
    assert "uge 7, 2011" in side and "Indgåelse af kontrakt" in side and "<svg" in side


def test_a_bad_time_keeps_what_was_typed(client_for, ministeriet, program):
    svar = client_for(ministeriet).post(
        f"/programmer/{program.pk}/tidsplan/nyt/", {"art": "fase", "titel": "Strategi", "tidspunkt": "april-dec"}
    )
    assert svar.status_code == 200
    assert "Skriv en dato" in svar.content.decode() and 'value="april-dec"' in svar.content.decode()
    assert not Tidsplanpunkt.objects.exists()


def test_a_link_must_be_a_page_of_the_portal(client_for, ministeriet, program):
    for henvisning, fejl in [("https://example.org/", "begynde med /"), ("/findes/ikke/", "findes ikke")]:
        svar = client_for(ministeriet).post(
            f"/programmer/{program.pk}/tidsplan/nyt/",
            {"art": "fase", "titel": "X", "tidspunkt": "maj 2011", "henvisning": henvisning},
        )
        assert fejl in svar.content.decode()
    assert not Tidsplanpunkt.objects.exists()


def test_everything_dated_in_the_programme_is_on_the_timeline(program, ministeriet, projektleder_101):
    planlagt = tidsplanpunkt_opret(program=program, art="moede", titel="3. netværksmøde", tid=fortolk("april 2012"))
    tidsplanpunkt_opret(program=program, art="fase", titel="Udvikling af strategi", tid=fortolk("april-dec 2011"))
    afholdt = moede_marker_afholdt(moede=moede(program, tidsplanpunkt=planlagt, nummer=3))
    referat_gem(moede=afholdt, referat="Udkast", version=afholdt.version, bruger=ministeriet)
    opfoelgningspunkt_tilfoej(
        moede=afholdt,
        art="beslutning",
        tekst="Næste møde i juni",
        ansvarlig="Ministeriet",
        frist=timezone.localdate() + timedelta(days=20),
    )
    dataleverance(program, ministeriet, titel="Opfølgning 2012")
    ministeriets = {(p.art, p.titel.split(" (")[0], p.periode) for p in tidsplan_for(program, ministeriet).poster}
    assert ministeriets == {
        ("frist", "Frist for interessetilkendegivelse", False),
        ("fase", "Udvikling af strategi", True),
        ("moede", "3. netværksmøde", False),  # the planned point is shown as the real meeting, once
        ("leverance", "Dataleverance: Opfølgning 2012", False),
        ("opfoelgning", "Beslutning: Næste møde i juni", False),
    }
    lederens = {p.art for p in tidsplan_for(program, projektleder_101).poster}
    assert "opfoelgning" not in lederens  # the minutes are not approved yet


def test_the_timeline_page_uses_a_fixed_number_of_queries(
    client_for, program, ministeriet, django_assert_max_num_queries
):
    client, url = client_for(ministeriet), f"/programmer/{program.pk}/tidsplan/"

    def fyld(fra, til):
        for nr in range(fra, til):
            tidsplanpunkt_opret(program=program, art="fase", titel=f"Fase {nr}", tid=fortolk(f"maj {2011 + nr % 2}"))
            afholdt = moede_marker_afholdt(moede=moede(program, nummer=nr + 1))
            opfoelgningspunkt_tilfoej(
                moede=afholdt, art="beslutning", tekst=f"B{nr}", ansvarlig="X", frist=timezone.localdate()
            )
            dataleverance(program, ministeriet, titel=f"Leverance {nr}")

    fyld(0, 1)
    with CaptureQueriesContext(connection) as en:
        assert client.get(url).status_code == 200
    fyld(1, 9)
    with django_assert_max_num_queries(len(en)):
        assert client.get(url).status_code == 200


def test_today_is_marked_when_it_is_within_the_plan(program):
    plan = tidsplan_for(program, program.deltagelser.first().kommune.projektledere.first(), i_dag=date(2011, 6, 1))
    assert plan.i_dag_vises
    leder = program.deltagelser.first().kommune.projektledere.first()
    assert not tidsplan_for(program, leder, i_dag=date(2040, 1, 1)).i_dag_vises


def test_the_chart_is_well_formed_svg(program):
    # An XML parser refuses an attribute written twice (the drawing's own class and one added for the page once).
    leder = program.deltagelser.first().kommune.projektledere.first()
    svg = ElementTree.fromstring(tidsplan_svg(tidsplan_for(program, leder)))
    assert svg.get("role") == "img" and svg.get("aria-label").startswith("Tidsplan for ")


@pytest.mark.parametrize(
    ("art", "praecision", "periode"),
    [
        (Punktart.FASE, Praecision.DATO, True),
        (Punktart.FRIST, Praecision.MAANEDER, True),
        (Punktart.MOEDE, Praecision.PERIODE, True),
        (Punktart.FRIST, Praecision.DATO, False),
        (Punktart.FRIST, Praecision.UGE, False),
        (Punktart.MOEDE, Praecision.MAANED, False),
    ],
)
def test_a_phase_or_a_span_is_a_bar_and_anything_else_a_mark(art, praecision, periode):
    assert _er_periode(Tidsplanpunkt(art=art, praecision=praecision)) is periode


def test_a_meetings_title_names_its_focus_when_it_has_one():
    assert _moedetitel(Moede(art="netvaerksmoede", nummer=2, fokus="")) == "2. netværksmøde"
    assert _moedetitel(Moede(art="netvaerksmoede", nummer=2, fokus="Data")) == "2. netværksmøde (fokus: Data)"


def test_on_the_same_day_a_bar_comes_before_a_mark_then_the_earlier_end():
    dag = date(2011, 5, 1)
    maerke = TidsplanPost("frist", "Frist", "A", dag, dag, "1. maj 2011", "")
    lang = TidsplanPost("fase", "Fase", "B", dag, dag + timedelta(days=60), "maj-juni 2011", "", True)
    kort = TidsplanPost("fase", "Fase", "C", dag, dag + timedelta(days=30), "maj 2011", "", True)
    foer = TidsplanPost("frist", "Frist", "Z", dag - timedelta(days=1), dag - timedelta(days=1), "", "")
    assert sorted([maerke, lang, kort, foer], key=_raekkefoelge) == [foer, kort, lang, maerke]


def test_each_kind_keeps_its_place_in_the_key_whatever_comes_first(program):
    dag = date(2011, 5, 1)
    poster = [
        TidsplanPost("moede", "Møde", "Opstart", dag, dag, "1. maj 2011"),
        TidsplanPost("opfoelgning", "Opfølgning", "Beslutning", dag, dag, "1. maj 2011"),
        TidsplanPost("fase", "Fase", "Strategi", dag, dag + timedelta(days=30), "maj 2011", periode=True),
        TidsplanPost("moede", "Møde", "Netværk", dag, dag, "1. maj 2011"),
    ]
    assert _arter(Tidsplan(program, poster, dag)) == ["fase", "moede", "opfoelgning"]


@pytest.mark.parametrize("periode", [True, False])
def test_a_plan_of_only_bars_or_only_marks_draws_no_empty_unlabelled_layer(program, periode):
    """Vega draws an empty layer as a graphic with no label, which axe refuses (svg-img-alt)."""
    dag = date(2011, 5, 1)
    poster = [TidsplanPost("fase", "Fase", "Strategi", dag, dag + timedelta(days=30), "maj 2011", periode=periode)]
    svg = str(tidsplan_svg(Tidsplan(program, poster, dag)))
    assert ("rect mark container" in svg) is periode
    for gruppe in re.findall(r'<g class="mark-(?:rect|symbol)[^"]*"[^>]*?/>', svg):
        pytest.fail(f"Et tomt lag uden indhold: {gruppe}")
