"""The StatBank and template readers' checks one by one, on plain values: no file, no database."""

from decimal import Decimal

from kommuner.models import Kommune
from profiler.importering.kontrol import (
    Omraader,
    Periode,
    Skabelonraekke,
    Spring,
    Statistikbankkolonner,
    Statistikbankraekke,
    aar_fra_celle,
    periode_fra_celle,
    summer_perioder,
    tjek_gentagne_raekker,
    tjek_nogen_kommuner,
    tjek_omraadekolonne,
    tjek_periodearter,
    tolk_skabelonraekke,
    tolk_statistikbankraekke,
)
from profiler.importering.raamme import Fejl, Raamme, Vaerdi
from profiler.models import Enhed, Indikator

AAR_2011 = Periode(2011, "aar", 1)
K1_2011 = Periode(2011, "kvartal", 1)


def raekke(nr, kommune_id=1, periode=AAR_2011, vaerdi=Decimal(5), summeret=(), tid="2011"):
    return Statistikbankraekke(nr, kommune_id, f"Kommune {kommune_id}", tid, periode, vaerdi, summeret)


def test_a_file_without_an_area_column_is_refused_on_the_header_row():
    assert tjek_omraadekolonne(0) == []
    (fejl,) = tjek_omraadekolonne(None)
    assert fejl.raekke == 1
    assert fejl.besked.startswith("Filen mangler en områdekolonne (OMRÅDE, OMRAADE, ADMKOM")


def test_a_repeated_row_names_the_first_and_keeps_every_error_in_the_files_order():
    forkert = Fejl("Ukendt område 'x'.", raekke=3, kolonne="OMRÅDE")
    tolkede = [raekke(2), forkert, raekke(3, kommune_id=2), raekke(4), raekke(4, periode=K1_2011), raekke(5)]
    resultat = tjek_gentagne_raekker(tolkede, "OMRÅDE")
    gentaget = Fejl("Rækken gentager række 2 (Kommune 1, 2011).", raekke=4, kolonne="OMRÅDE")
    assert resultat == [
        tolkede[0],
        forkert,
        tolkede[2],
        gentaget,
        tolkede[4],  # the same municipality in another period is no repeat
        Fejl("Rækken gentager række 2 (Kommune 1, 2011).", raekke=5, kolonne="OMRÅDE"),
    ]


def test_rows_that_differ_only_in_a_summed_variable_are_not_repeats():
    tolkede = [raekke(2, summeret=("0",)), raekke(3, summeret=("1",)), raekke(4, summeret=("0",))]
    resultat = tjek_gentagne_raekker(tolkede, "B")
    assert resultat[:2] == tolkede[:2]
    assert resultat[2] == Fejl("Rækken gentager række 2 (Kommune 1, 2011).", raekke=4, kolonne="B")


def test_a_file_must_not_mix_years_quarters_and_months():
    assert tjek_periodearter([]) == []
    assert tjek_periodearter([raekke(2), raekke(3, kommune_id=2)]) == []
    (fejl,) = tjek_periodearter([raekke(2), raekke(3, periode=K1_2011)])
    assert "blander årstal, kvartaler og måneder" in fejl.besked


def test_a_file_with_no_number_for_any_municipality_is_refused():
    assert tjek_nogen_kommuner([raekke(2)]) == []
    assert tjek_nogen_kommuner([]) == [Fejl("Filen har ingen tal for nogen af de 98 kommuner.")]


def test_summed_rows_add_up_and_a_missing_part_makes_the_sum_missing():
    raekker = [
        raekke(2, summeret=("0",), vaerdi=Decimal(2)),
        raekke(3, summeret=("1",), vaerdi=Decimal(3)),
        raekke(4, kommune_id=2, summeret=("0",), vaerdi=Decimal(1)),
        raekke(5, kommune_id=2, summeret=("1",), vaerdi=None),
        raekke(6, kommune_id=2, summeret=("2",), vaerdi=Decimal(4)),
    ]
    assert summer_perioder(raekker) == {(1, AAR_2011): Decimal(5), (2, AAR_2011): None}


KOLONNER = Statistikbankkolonner(omraade=0, tid=1, indhold=2, celle=None, summeres=())
RAAMME = Raamme(["OMRÅDE", "TID", "INDHOLD"], [])


def tolk(*celler, kolonner=KOLONNER, raamme=RAAMME):
    omraader = Omraader([Kommune(pk=7, kode="101", navn="København")])
    return tolk_statistikbankraekke(9, list(celler), raamme, kolonner, omraader, periode_fra_celle)


def test_a_row_is_read_as_municipality_period_and_number_or_its_first_error():
    assert tolk("101", "2011K1", "12,5") == Statistikbankraekke(9, 7, "København", "2011K1", K1_2011, Decimal("12.5"))
    assert tolk("Hele landet", "2011", "5") == Spring("hele landet")
    # The area's error comes first, then the period's, then the number's.
    assert tolk("102", "1990", "x") == Fejl("Ukendt kommunekode '102'.", raekke=9, kolonne="OMRÅDE")
    assert tolk("101", "1990", "x").kolonne == "TID"
    assert tolk("101", "2011", "x") == Fejl("Cellen skal være et tal, men er 'x'.", raekke=9, kolonne="INDHOLD")
    # A non-municipal area with a bad number is still an error: the file is wrong either way.
    assert tolk("Hele landet", "2011", "x").kolonne == "INDHOLD"


def test_in_a_cross_table_a_bad_number_is_placed_in_the_column_it_stood_in():
    kolonner = Statistikbankkolonner(omraade=0, tid=1, indhold=2, celle=3, summeres=())
    raamme = Raamme(["VARIABEL1", "TID", "INDHOLD", "_KOLONNE"], [], ["A", "", "", ""])
    assert tolk("101", 2011, "x", "D", kolonner=kolonner, raamme=raamme).kolonne == "D"


SKABELON = ["kommunekode", "indikator", "aar", "taeller", "naevner"]


def tolk_skabelon(*celler, kolonner=SKABELON):
    raamme = Raamme(kolonner, [], ["A", "B", "C", "D", "E", "F"][: len(kolonner)])
    pos = {k: i for i, k in enumerate(kolonner)}
    omraader = Omraader([Kommune(pk=7, kode="101", navn="København")])
    indikatorer = {"anbragte": Indikator(pk=3, kode="anbragte", enhed=Enhed.PR_1000, kun_rate=False)}
    return tolk_skabelonraekke(
        9, list(celler), raamme, pos, omraader, indikatorer, lambda celle: aar_fra_celle(celle, 2030)
    )


def test_a_template_row_is_read_as_municipality_indicator_year_and_numbers():
    vaerdi = Vaerdi(kommune_id=7, indikator_id=3, aar=2011, taeller=Decimal(12), naevner=Decimal(4000), vaerdi=None)
    assert tolk_skabelon("101", "anbragte", "2011", "12", "4000") == Skabelonraekke(
        9, vaerdi, "København, anbragte, 2011"
    )


def test_a_template_row_reports_every_error_it_has_each_in_its_column():
    fejl = tolk_skabelon("102", "ukendt", "1990", "x", "4000")
    assert [(f.besked, f.kolonne) for f in fejl] == [
        ("Ukendt kommunekode '102'.", "A"),
        ("Ukendt indikator 'ukendt'. Se kataloget for koderne.", "B"),
        ("Året 1990 ligger uden for 2000–2030.", "C"),
        ("Cellen skal være et tal, men er 'x'.", "D"),
    ]
    assert {f.raekke for f in fejl} == {9}


def test_a_template_row_checks_its_numbers_against_the_indicator():
    kolonner = [*SKABELON, "vaerdi"]
    (fejl,) = tolk_skabelon("101", "anbragte", "2011", "12", "4000", "3", kolonner=kolonner)
    assert fejl == Fejl("anbragte har tæller og nævner: lad kolonnen vaerdi være tom.", raekke=9)
