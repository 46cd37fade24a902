"""The benchmark selector: the municipality's rate, the national and group figures as Σnumerator/Σdenominator,
deviations, ranks, suppression, the profile's group, and a constant number of queries however much data."""

from decimal import Decimal

import pytest

from kommuner.models import Kommune, Kommunegruppe
from kommuner.services.kommuner import kommune_saet_gruppe
from profiler.models import Datastatus, Enhed
from profiler.selectors import noegletal, noegletal_for_alle
from profiler.services.profiler import profil_saet_gruppe
from tests.profiler.factories import IndikatorFactory, importer

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def indikator():
    return IndikatorFactory(bedre="lavere")


def test_own_national_and_group_figures_are_sums_of_numerators_over_sums_of_denominators(kobenhavn, indikator):
    importer(
        [
            ("101", indikator.kode, 2011, 100, 10000),
            ("147", indikator.kode, 2011, 30, 5000),  # Hovedstadskommuner, like København
            ("751", indikator.kode, 2011, 50, 2000),  # Storbykommuner
        ]
    )
    celle = noegletal(kommune=kobenhavn, indikatorer=[indikator], aar=[2011]).celle(indikator, 2011)

    assert celle.egen.vaerdi == D("10.0")
    assert celle.egen.antal == 100 and celle.egen.naevner == 10000
    assert celle.land.vaerdi == D("10.6")  # 180 / 17000 × 1000 = 10,588…, not the mean of rates (13,7)
    assert celle.land.kommuner == 3
    assert celle.gruppe.vaerdi == D("6.0")  # the group's other members: Frederiksberg only
    assert celle.gruppe.kommuner == 1
    assert celle.indeks_land == D("94.3") and celle.afvigelse_land == D("-5.7")
    assert celle.indeks_gruppe == D("166.7") and celle.afvigelse_gruppe == D("66.7")
    assert (celle.rang, celle.rangerede) == (2, 3)  # lower is better: Frederiksberg 6,0 is first
    assert celle.sammenligningsgruppe.navn == "Hovedstadskommuner"
    assert celle.egen.vaerdi_tekst == "10,0" and celle.land.vaerdi_tekst == "10,6"


def test_marking_says_notably_above_or_below_and_whether_it_is_better(kobenhavn, indikator):
    importer([("101", indikator.kode, 2011, 150, 10000), ("147", indikator.kode, 2011, 50, 10000)])
    celle = noegletal(kommune=kobenhavn, indikatorer=[indikator], aar=[2011]).celle(indikator, 2011)
    assert celle.afvigelse_land == D("50.0")
    assert celle.markering == "over"
    assert celle.markeringstekst == "Markant over landsgennemsnittet (dårligere)"


def test_a_small_count_is_shown_as_under_5_and_its_rate_is_hidden_everywhere(kobenhavn, frederiksberg, indikator):
    importer(
        [
            ("101", indikator.kode, 2011, 100, 10000),
            ("147", indikator.kode, 2011, 3, 5000),
            ("751", indikator.kode, 2011, 50, 2000),
        ]
    )
    fb = noegletal(kommune=frederiksberg, indikatorer=[indikator], aar=[2011]).celle(indikator, 2011)
    assert fb.egen.skjult and fb.egen.antal is None and fb.egen.vaerdi is None
    assert fb.egen.antal_tekst == "under 5" and fb.egen.vaerdi_tekst == "skjult"
    assert fb.rang is None and fb.afvigelse_land is None

    kbh = noegletal(kommune=kobenhavn, indikatorer=[indikator], aar=[2011]).celle(indikator, 2011)
    # Exactly one municipality is hidden: the national and København's group figure (Frederiksberg alone)
    # would give it away over these small denominators, so both are hidden too.
    assert kbh.land.skjult and kbh.land.vaerdi is None
    assert kbh.gruppe.skjult
    assert (kbh.rang, kbh.rangerede) == (1, 2)  # ranked among the shown figures only


def test_one_hidden_municipality_leaves_a_rate_shown_whose_rounding_hides_the_count(kobenhavn, indikator):
    # Per 1.000 with one decimal over 200.000 people: the rounding blurs the count by ±10, more than 4.
    importer([("101", indikator.kode, 2011, 1000, 150000), ("147", indikator.kode, 2011, 3, 50000)])
    kbh = noegletal(kommune=kobenhavn, indikatorer=[indikator], aar=[2011]).celle(indikator, 2011)
    assert kbh.land.vaerdi == D("5.0") and not kbh.land.skjult
    assert kbh.gruppe.skjult  # Frederiksberg alone over 50.000: ±2,5 does not hide it


def test_two_hidden_municipalities_leave_the_national_figure_shown(kobenhavn, indikator):
    importer(
        [
            ("101", indikator.kode, 2011, 100, 10000),
            ("147", indikator.kode, 2011, 3, 5000),
            ("151", indikator.kode, 2011, 2, 5000),
        ]
    )
    kbh = noegletal(kommune=kobenhavn, indikatorer=[indikator], aar=[2011]).celle(indikator, 2011)
    assert kbh.land.vaerdi == D("5.3")  # 105 / 20000 × 1000
    assert kbh.gruppe.vaerdi == D("0.5")  # 5 / 10000 × 1000: two hidden, summing to 5


def test_a_small_national_count_hides_the_national_rate():
    indikator = IndikatorFactory()
    importer(
        [
            ("101", indikator.kode, 2011, 0, 10000),
            ("147", indikator.kode, 2011, 3, 5000),
            ("151", indikator.kode, 2011, 1, 5000),
        ]
    )
    kbh = noegletal(kommune=Kommune.objects.get(kode="101"), indikatorer=[indikator], aar=[2011])
    assert kbh.celle(indikator, 2011).land.skjult  # 4 in all


def test_zero_is_not_hidden(kobenhavn, indikator):
    importer([("101", indikator.kode, 2011, 0, 10000)])
    celle = noegletal(kommune=kobenhavn, indikatorer=[indikator], aar=[2011]).celle(indikator, 2011)
    assert celle.egen.antal == 0 and celle.egen.vaerdi == D("0.0") and not celle.egen.skjult


def test_one_hidden_part_of_a_total_hides_the_smallest_other_part(kobenhavn):
    total = IndikatorFactory(kode="anbragte_total")
    dele = [IndikatorFactory(kode=f"anbragte_del_{n}", del_af=total) for n in range(3)]
    importer(
        [
            ("101", total.kode, 2011, 33, 10000),
            ("101", dele[0].kode, 2011, 3, 10000),  # hidden: 1–4
            ("101", dele[1].kode, 2011, 10, 10000),  # the smallest other part: hidden too
            ("101", dele[2].kode, 2011, 20, 10000),
            ("147", dele[0].kode, 2011, 12, 5000),  # another municipality: nothing hidden
            ("147", dele[1].kode, 2011, 8, 5000),
        ]
    )
    # Asked for one part alone, it is still hidden: the rule looks at the whole family.
    alene = noegletal(kommune=kobenhavn, indikatorer=[dele[1]], aar=[2011]).celle(dele[1], 2011)
    assert alene.egen.skjult and alene.egen.antal_tekst == "skjult"

    tal = noegletal(kommune=kobenhavn, indikatorer=[total, *dele], aar=[2011])
    assert tal.celle(total, 2011).egen.antal == 33
    assert tal.celle(dele[0], 2011).egen.antal_tekst == "under 5"
    assert tal.celle(dele[1], 2011).egen.skjult
    assert tal.celle(dele[2], 2011).egen.antal == 20
    fb = noegletal(kommune=Kommune.objects.get(kode="147"), indikatorer=dele, aar=[2011])
    assert fb.celle(dele[0], 2011).egen.antal == 12 and fb.celle(dele[1], 2011).egen.antal == 8


def test_two_hidden_parts_need_no_further_hiding(kobenhavn):
    total = IndikatorFactory()
    dele = [IndikatorFactory(del_af=total) for _ in range(3)]
    importer(
        [
            ("101", dele[0].kode, 2011, 3, 10000),
            ("101", dele[1].kode, 2011, 2, 10000),
            ("101", dele[2].kode, 2011, 20, 10000),
        ]
    )
    tal = noegletal(kommune=kobenhavn, indikatorer=dele, aar=[2011])
    assert [tal.celle(d, 2011).egen.skjult for d in dele] == [True, True, False]


def test_a_rate_only_source_is_weighted_by_its_weight(kobenhavn):
    indikator = IndikatorFactory(enhed=Enhed.PCT, faktor=D(100), kun_rate=True, undertrykkes=False)
    importer(
        [("101", indikator.kode, 2011, None, 1000, "20"), ("147", indikator.kode, 2011, None, 3000, "10")],
        vaerdi=True,
    )
    celle = noegletal(kommune=kobenhavn, indikatorer=[indikator], aar=[2011]).celle(indikator, 2011)
    assert celle.egen.vaerdi == D("20.0") and celle.egen.antal is None
    assert celle.land.vaerdi == D("12.5")  # (200 + 300) / 4000 × 100, not (20 + 10) / 2


def test_a_count_compares_with_the_average_per_municipality(kobenhavn):
    indikator = IndikatorFactory(enhed=Enhed.ANTAL, naevner_kilde="", naevner_definition="", undertrykkes=False)
    importer([("101", indikator.kode, 2011, 40, None), ("147", indikator.kode, 2011, 20, None)])
    celle = noegletal(kommune=kobenhavn, indikatorer=[indikator], aar=[2011]).celle(indikator, 2011)
    assert celle.egen.vaerdi == D("40.0") and celle.egen.naevner is None
    assert celle.land.vaerdi == D("30.0")


def test_the_profile_group_replaces_the_municipalitys_own_group(kobenhavn, indikator, ministeriet):
    importer(
        [
            ("101", indikator.kode, 2011, 100, 10000),
            ("147", indikator.kode, 2011, 30, 5000),
            ("751", indikator.kode, 2011, 50, 2000),
        ]
    )
    profil_saet_gruppe(
        kommune=kobenhavn, sammenligningsgruppe=Kommunegruppe.objects.get(navn="Storbykommuner"), bruger=ministeriet
    )
    celle = noegletal(kommune=kobenhavn, indikatorer=[indikator], aar=[2011]).celle(indikator, 2011)
    assert celle.sammenligningsgruppe.navn == "Storbykommuner"
    assert celle.gruppe.vaerdi == D("25.0")  # Aarhus; København is not a member, so nothing is subtracted


def test_moving_a_municipality_to_another_group_shows_at_once(kobenhavn, indikator):
    importer([("101", indikator.kode, 2011, 100, 10000), ("147", indikator.kode, 2011, 30, 5000)])
    assert noegletal(kommune=kobenhavn, indikatorer=[indikator], aar=[2011]).celle(indikator, 2011).gruppe.vaerdi
    kommune_saet_gruppe(
        kommune=Kommune.objects.get(kode="147"), kommunegruppe=Kommunegruppe.objects.get(navn="Landkommuner")
    )
    celle = noegletal(kommune=kobenhavn, indikatorer=[indikator], aar=[2011]).celle(indikator, 2011)
    assert celle.gruppe.vaerdi is None and celle.gruppe.kommuner == 0


def test_a_new_import_is_shown_at_once_despite_the_cache(kobenhavn, indikator):
    importer([("101", indikator.kode, 2011, 100, 10000)])
    assert noegletal(kommune=kobenhavn, indikatorer=[indikator], aar=[2011]).celle(indikator, 2011).egen.antal == 100
    importer([("101", indikator.kode, 2011, 120, 10000)])
    assert noegletal(kommune=kobenhavn, indikatorer=[indikator], aar=[2011]).celle(indikator, 2011).egen.antal == 120


def test_status_and_example_data_follow_the_import(kobenhavn, indikator):
    importer([("101", indikator.kode, 2011, 100, 10000)], datastatus=Datastatus.FORELOEBIG, eksempeldata=True)
    celle = noegletal(kommune=kobenhavn, indikatorer=[indikator], aar=[2011]).celle(indikator, 2011)
    assert celle.status == Datastatus.FORELOEBIG
    assert celle.eksempeldata and celle.status_tekst == "Eksempeldata"


def test_missing_figures_are_empty_not_zero(kobenhavn, indikator):
    importer([("147", indikator.kode, 2011, 30, 5000)])
    tal = noegletal(kommune=kobenhavn, indikatorer=[indikator], aar=[2011, 2012])
    assert tal.celle(indikator, 2011).egen.vaerdi is None
    assert tal.celle(indikator, 2011).egen.vaerdi_tekst == "–"
    assert tal.celle(indikator, 2011).land.vaerdi == D("6.0")
    assert tal.celle(indikator, 2012).land.vaerdi is None
    assert tal.aar_med_data == [2011]


def _mange(indikatorer, aar, kommuner):
    importer(
        [
            (k.kode, i.kode, a, (n * 7 + a) % 90 + 5, 10000 + n)
            for n, k in enumerate(kommuner)
            for i in indikatorer
            for a in aar
        ]
    )


def test_the_number_of_queries_does_not_grow_with_the_data(kobenhavn, django_assert_max_num_queries):
    indikatorer = [IndikatorFactory() for _ in range(6)]
    _mange(indikatorer[:2], [2011], Kommune.objects.filter(kode__in=["101", "147"]))
    # Not cached yet: profile group, data state, cache read, the benchmark, and the cache write (5 with savepoint).
    with django_assert_max_num_queries(9):
        lille = noegletal(kommune=kobenhavn, indikatorer=indikatorer[:2], aar=[2011])
    _mange(indikatorer, range(2005, 2015), Kommune.objects.all())
    with django_assert_max_num_queries(9):
        stor = noegletal(kommune=kobenhavn, indikatorer=indikatorer, aar=range(2005, 2015))
    with django_assert_max_num_queries(3):  # cached: profile group, data state, cache read
        noegletal(kommune=kobenhavn, indikatorer=indikatorer, aar=range(2005, 2015))
    assert lille.celle(indikatorer[0], 2011).land.kommuner == 2
    assert stor.celle(indikatorer[0], 2011).land.kommuner == 98


def test_every_municipality_at_once_uses_each_ones_own_group(indikator, ministeriet):
    importer(
        [
            ("101", indikator.kode, 2011, 100, 10000),
            ("147", indikator.kode, 2011, 30, 5000),
            ("751", indikator.kode, 2011, 50, 2000),
            ("461", indikator.kode, 2011, 40, 4000),
        ]
    )
    profil_saet_gruppe(
        kommune=Kommune.objects.get(kode="147"),
        sammenligningsgruppe=Kommunegruppe.objects.get(navn="Storbykommuner"),
        bruger=ministeriet,
    )
    celler = {c.kommune.kode: c for c in noegletal_for_alle(indikatorer=[indikator], aar=[2011])}
    assert len(celler) == 98
    assert celler["101"].gruppe.vaerdi == D("6.0")
    assert celler["147"].gruppe.vaerdi == D("15.0")  # (Aarhus 50 + Odense 40) / 6000 × 1000
    assert celler["751"].gruppe.vaerdi == D("10.0")  # Odense only: Aarhus itself is left out
    assert celler["860"].egen.vaerdi is None
