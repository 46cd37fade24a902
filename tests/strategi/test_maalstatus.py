"""The status rule at its boundaries: exactly on the straight line is on track, a hair below is behind; exactly at
the target is achieved; no follow-up is no data; before the line starts the baseline is expected, after it ends the
target. Both directions. And the social profile's newer figures count as follow-ups by themselves (hidden small
numbers do not)."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from profiler.models import Retning
from strategi.grafer import EGEN, PROFIL, _maalte_punkter
from strategi.maalstatus import Kilde, Maaling, Maalstatus, forventet_vaerdi, seneste, vurder
from strategi.selectors import maal_for_strategi
from strategi.services.maal import opfoelgning_opret
from tests.kommuner.factories import projektleder_for
from tests.profiler.factories import IndikatorFactory, importer
from tests.strategi.factories import MaalFactory, StrategiFactory, godkend

D = Decimal
# 31.12.2011 → 31.12.2012 is 366 days (2012 is a leap year); 1 July 2012 is day 183, exactly halfway.
HALVVEJS = date(2012, 7, 1)


def _status(vaerdi, dag=HALVVEJS, *, baseline=20, maalvaerdi=80, retning=Retning.HOEJERE, flere=()):
    baseline, maalvaerdi = D(baseline), D(maalvaerdi)
    maalinger = [Maaling(dato=dag, vaerdi=D(vaerdi), kilde=Kilde.OPFOELGNING, pk=1), *flere]
    return vurder(
        baseline=baseline, baseline_aar=2011, maalvaerdi=maalvaerdi, maal_aar=2012, retning=retning, maalinger=maalinger
    )


def test_the_expected_value_is_on_the_straight_line_from_baseline_to_target():
    assert forventet_vaerdi(baseline=D(20), baseline_aar=2011, maalvaerdi=D(80), maal_aar=2012, dato=HALVVEJS) == 50
    assert (
        forventet_vaerdi(baseline=D(20), baseline_aar=2011, maalvaerdi=D(80), maal_aar=2012, dato=date(2011, 6, 1))
        == 20
    )
    assert (
        forventet_vaerdi(baseline=D(20), baseline_aar=2011, maalvaerdi=D(80), maal_aar=2012, dato=date(2013, 3, 1))
        == 80
    )


@pytest.mark.parametrize(
    ("vaerdi", "status"),
    [
        ("50", Maalstatus.PAA_VEJ),  # exactly on the line
        ("49.9999", Maalstatus.BAGUD),  # a hair below it
        ("79.9999", Maalstatus.PAA_VEJ),
        ("80", Maalstatus.NAAET),  # exactly the target
        ("95", Maalstatus.NAAET),
    ],
)
def test_higher_is_better_at_the_boundaries(vaerdi, status):
    assert _status(vaerdi).status == status


@pytest.mark.parametrize(
    ("vaerdi", "status"),
    [
        ("70", Maalstatus.PAA_VEJ),  # 100 → 40: halfway is 70
        ("70.0001", Maalstatus.BAGUD),
        ("40.0001", Maalstatus.PAA_VEJ),
        ("40", Maalstatus.NAAET),
        ("12", Maalstatus.NAAET),
    ],
)
def test_lower_is_better_at_the_boundaries(vaerdi, status):
    assert _status(vaerdi, baseline=100, maalvaerdi=40, retning=Retning.LAVERE).status == status


def test_before_the_line_the_baseline_is_expected_and_after_it_the_target():
    foer = date(2011, 10, 1)
    assert _status("20", foer).status == Maalstatus.PAA_VEJ
    assert _status("19.99", foer).status == Maalstatus.BAGUD
    efter = date(2013, 2, 1)
    assert _status("79.99", efter).status == Maalstatus.BAGUD
    assert _status("79.99", efter).forventet == 80


def test_no_follow_up_is_no_data():
    vurdering = vurder(
        baseline=D(20), baseline_aar=2011, maalvaerdi=D(80), maal_aar=2012, retning=Retning.HOEJERE, maalinger=[]
    )
    assert vurdering.status == Maalstatus.INGEN_DATA
    assert vurdering.seneste is None and vurdering.forventet is None


def test_the_latest_follow_up_decides_even_when_an_earlier_one_was_better():
    tidlig = Maaling(dato=date(2012, 3, 1), vaerdi=D(90), kilde=Kilde.OPFOELGNING, pk=2)
    assert _status("45", flere=[tidlig]).status == Maalstatus.BAGUD


def test_on_the_same_date_the_municipalitys_own_follow_up_counts_after_the_profiles_figure():
    profil = Maaling(dato=date(2012, 12, 31), vaerdi=D(10), kilde=Kilde.NOEGLETAL)
    egen = Maaling(dato=date(2012, 12, 31), vaerdi=D(90), kilde=Kilde.OPFOELGNING, pk=5)
    assert seneste([egen, profil]) is egen


@pytest.mark.django_db
def test_the_social_profiles_newer_figures_count_as_follow_ups_and_hidden_ones_do_not(kobenhavn):
    indikator = IndikatorFactory(bedre="lavere")
    importer(
        [
            ("101", indikator.kode, 2010, 200, 10000),  # 20,0 per 1.000: the baseline year
            ("101", indikator.kode, 2011, 180, 10000),  # 18,0
            ("101", indikator.kode, 2012, 3, 10000),  # a count under 5: hidden, so not a follow-up
            ("147", indikator.kode, 2012, 100, 10000),
        ]
    )
    strategi = StrategiFactory(fuld=True)
    MaalFactory(
        strategi=strategi,
        tekst="Færre anbragte",
        indikator=indikator,
        egen_maaling="",
        egen_enhed="",
        baseline_vaerdi=D(20),
        baseline_aar=2010,
        maalvaerdi=D(16),
        maal_aar=2012,
        retning=Retning.LAVERE,
    )
    (maal,) = [m for m in maal_for_strategi(strategi) if m.maal.tekst == "Færre anbragte"]
    assert [(m.dato, m.vaerdi, m.kilde) for m in maal.maalinger] == [(date(2011, 12, 31), D("18.0"), Kilde.NOEGLETAL)]
    # 31.12.2011 is 365 of the 731 days to 31.12.2012: expected 20 − 4 × 365/731 = 18,0027…; 18,0 is better.
    assert maal.status == Maalstatus.PAA_VEJ


@pytest.mark.django_db
def test_follow_ups_recorded_by_the_lead_change_the_status(kobenhavn):
    strategi = StrategiFactory(fuld=True)
    maal = MaalFactory(strategi=strategi, tekst="Screening")
    strategi = godkend(strategi)
    leder = projektleder_for(kobenhavn)

    def status():
        return next(m.status for m in maal_for_strategi(strategi) if m.maal.pk == maal.pk)

    assert status() == Maalstatus.INGEN_DATA
    opfoelgning_opret(maal=maal, dato=HALVVEJS, vaerdi=D(40), bruger=leder)
    assert status() == Maalstatus.BAGUD
    opfoelgning_opret(maal=maal, dato=date(2012, 9, 1), vaerdi=D(70), bruger=leder)
    assert status() == Maalstatus.PAA_VEJ
    opfoelgning_opret(maal=maal, dato=date(2012, 12, 1), vaerdi=D(80), bruger=leder)
    assert status() == Maalstatus.NAAET


def test_the_chart_marks_each_follow_up_by_where_it_came_from():
    maal = SimpleNamespace(baseline_aar=2010, baseline_vaerdi=Decimal("12.5"))
    maalinger = [
        SimpleNamespace(kilde=Kilde.NOEGLETAL, dato=date(2011, 12, 31), vaerdi=Decimal("11")),
        SimpleNamespace(kilde=Kilde.OPFOELGNING, dato=date(2012, 6, 30), vaerdi=Decimal("10.5")),
    ]
    punkter = _maalte_punkter(SimpleNamespace(maal=maal, maalinger=maalinger))
    assert punkter == [
        {"dato": "2010-12-31", "vaerdi": 12.5, "hvad": "Baseline"},
        {"dato": "2011-12-31", "vaerdi": 11.0, "hvad": PROFIL},
        {"dato": "2012-06-30", "vaerdi": 10.5, "hvad": EGEN},
    ]
