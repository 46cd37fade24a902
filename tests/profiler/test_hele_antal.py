"""Counts of people are whole numbers everywhere, rates, shares, amounts and durations keep their decimals: the one
rule (forebyggelse.formatering.maengde) over every unit of the catalogue and of a goal's own measure, and where the
profile, its national and group figures, the charts and the goals write a value."""

from decimal import Decimal

import pytest

from forebyggelse.formatering import er_antal, maengde
from kommuner.models import Kommune
from profiler import grafer
from profiler.models import Enhed
from profiler.selectors import noegletal
from profiler.undertrykkelse import vist_samlet, vist_tal
from strategi.selectors import vis_vaerdi
from tests.profiler.factories import IndikatorFactory, importer
from tests.strategi.factories import MaalFactory

# Every unit a value can have: the catalogue's, and own measures' as leads write them.
ANTAL = ["antal", "familier", "børn", "antal børn", "Børn i dagbehandling", "personer", "underretninger", "sager"]
IKKE_ANTAL = ["pct.", "%", "pr. 1.000", "kr.", "kr. pr. barn", "dage", "timer", "andel", "point på skalaen", ""]


def test_every_catalogue_unit_is_a_count_only_when_it_is_antal():
    assert {e.value: er_antal(e.label) for e in Enhed} == {
        Enhed.ANTAL: True,
        Enhed.PCT: False,
        Enhed.KR: False,
        Enhed.PR_1000: False,
    }


@pytest.mark.parametrize("enhed", ANTAL)
def test_a_count_is_a_whole_number(enhed):
    assert maengde(Decimal("749.18"), enhed=enhed, decimaler=2) == "749"
    assert maengde(Decimal("1234.5"), enhed=enhed, decimaler=1) == "1.234"


@pytest.mark.parametrize("enhed", IKKE_ANTAL)
def test_a_rate_share_amount_or_duration_keeps_its_decimals(enhed):
    assert maengde(Decimal("749.18"), enhed=enhed, decimaler=2) == "749,18"
    assert maengde(Decimal("11.14"), enhed=enhed, decimaler=1) == "11,1"


@pytest.mark.django_db
@pytest.mark.parametrize("enhed", list(Enhed))
def test_the_profile_writes_every_unit_by_the_rule(enhed):
    indikator = IndikatorFactory(
        enhed=enhed,
        decimaler=2,
        naevner_kilde="" if enhed == Enhed.ANTAL else "FOLK1A",
        faktor=Decimal(100) if enhed == Enhed.PCT else Decimal(1000),
    )
    egen = vist_tal(
        indikator=indikator, taeller=Decimal(751), naevner=Decimal(3000), vaerdi=Decimal("749.18"), skjult=False
    )
    samlet = vist_samlet(indikator=indikator, taeller=Decimal(1499), naevner=Decimal(2), kommuner=2, skjulte=0)
    if enhed == Enhed.ANTAL:
        assert (egen.vaerdi_tekst, egen.vaerdi, samlet.vaerdi_tekst) == ("749", Decimal(749), "750")  # 749,5 a piece
    else:
        assert egen.vaerdi_tekst == "749,18" and egen.vaerdi == Decimal("749.18")
    # The numerator counts people (whole); an amount's numerator is thousands of kroner with their decimals.
    antal = vist_tal(indikator=indikator, taeller=Decimal("751.5"), naevner=Decimal(3000), vaerdi=None, skjult=False)
    assert antal.antal_tekst == ("751,5" if enhed == Enhed.KR else "752")


@pytest.mark.django_db
def test_a_count_indicators_figures_and_chart_are_whole_numbers(kobenhavn):
    indikator = IndikatorFactory(enhed=Enhed.ANTAL, naevner_kilde="", decimaler=1, standard=True)
    importer(
        [(k.kode, indikator.kode, 2011, 100 + n, None) for n, k in enumerate(Kommune.objects.order_by("kode")[:3])]
    )
    celle = noegletal(kommune=kobenhavn, indikatorer=[indikator], aar=[2011]).celle(indikator, 2011)
    assert celle.egen.vaerdi_tekst == "100" and celle.land.vaerdi_tekst == "101"  # not "101,0"
    tal = noegletal(kommune=kobenhavn, indikatorer=[indikator], aar=[2011])
    assert grafer.tidsserie_data(tal, indikator, [2011])["decimaler"] == 0


@pytest.mark.django_db
@pytest.mark.parametrize("enhed", ANTAL + IKKE_ANTAL)
def test_a_goals_own_measure_is_written_by_the_rule(kobenhavn, enhed):
    # From 600 to 900: the straight line between them gives values such as 749,18 (the expected value).
    maal = MaalFactory(egen_maaling="Familier i åben rådgivning", egen_enhed=enhed, baseline_vaerdi=600, maalvaerdi=900)
    tekst = "749" if er_antal(enhed) else "749,18"
    assert vis_vaerdi(maal, Decimal("749.1803")) == f"{tekst} {enhed}".strip()
    assert vis_vaerdi(maal, Decimal(600)) == f"600 {enhed}".strip()


@pytest.mark.django_db
@pytest.mark.parametrize("enhed", list(Enhed))
def test_a_goal_on_an_indicator_is_written_as_the_profile_writes_it(kobenhavn, enhed):
    indikator = IndikatorFactory(enhed=enhed, decimaler=1, naevner_kilde="" if enhed == Enhed.ANTAL else "FOLK1A")
    maal = MaalFactory(
        indikator=indikator, egen_maaling="", egen_enhed="", baseline_vaerdi=12, maalvaerdi=8, retning="lavere"
    )
    vist = vist_tal(indikator=indikator, taeller=Decimal(1), naevner=Decimal(1), vaerdi=Decimal("11.14"), skjult=False)
    assert vis_vaerdi(maal, Decimal("11.14")) == f"{vist.vaerdi_tekst} {indikator.enhedstekst}".strip()
