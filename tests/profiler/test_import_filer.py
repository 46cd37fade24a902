"""Every sample file in tests/fixtures/profiler: the good ones import, the bad ones give a clear Danish message
and write nothing. Plus what the good ones must come out as."""

from decimal import Decimal
from pathlib import Path

import pytest

from profiler.importering.raamme import ImportFejl
from profiler.models import Importformat, ImportKoersel, Indikator, Observation, Talfelt
from profiler.services.importer import import_forhaandsvis, import_gennemfoer

pytestmark = pytest.mark.django_db

FILER = Path(__file__).resolve().parent.parent / "fixtures" / "profiler"
# København's reported offences in 2011 (STRAF11, profiler/data): the sum of its four quarters.
STRAF11_KBH_2011 = 23124 + 24343 + 25227 + 27093


def forhaandsvis(sti: Path, indhold: bytes | None = None):
    indikator = Indikator.objects.get(kode="anmeldte_forbrydelser")
    skabelon = sti.name.startswith("skabelon")
    return import_forhaandsvis(
        filnavn=sti.name,
        indhold=sti.read_bytes() if indhold is None else indhold,
        bruger=None,
        indikator=None if skabelon else indikator,
        talfelt="" if skabelon else Talfelt.TAELLER,
    )


@pytest.mark.parametrize("sti", sorted((FILER / "should_pass").iterdir()), ids=lambda p: p.name)
def test_every_good_file_imports(sti):
    koersel = forhaandsvis(sti)
    assert koersel.antal_raekker >= 2
    import_gennemfoer(koersel=koersel, bruger=None)
    assert Observation.objects.filter(kommune__kode="101", aar=2011).exists()


# File → a part of the message the user must see.
FORVENTET = {
    "tom.csv": "Filen er tom",
    "kun_overskrift.csv": "ingen rækker med tal",
    "forkert_separator.csv": "bruger komma mellem kolonnerne",
    "ukendt_omraade.csv": "Række 3, kolonne OMRÅDE: Ukendt område 'Københavnn'",
    "ukendt_kommunekode.csv": "Række 3, kolonne OMRÅDE: Ukendt kommunekode '102'",
    "kode_og_navn_passer_ikke.csv": "Koden 101 hører til København, ikke Aarhus",
    "manglende_kolonne.csv": "Ukendt filformat",
    "ukendt_format.csv": "Ukendt filformat: kolonnerne er kode; navn; tid; anmeldte_forbrydelser",
    "skabelon_ukendt_kolonne.csv": "Række 1, kolonne kommentar: Ukendt kolonne 'kommentar'",
    "skabelon_manglende_kolonne.csv": "Kolonnen 'naevner' mangler",
    "skabelon_ukendt_indikator.csv": "Ukendt indikator 'anmeldte_forbrydelsr'",
    "aar_uden_for_intervallet.csv": "Året 1990 ligger uden for",
    "ukendt_periode.csv": "Ukendt periode '2011-1'",
    "tekst_i_talcelle.csv": "Række 2, kolonne INDHOLD: Cellen skal være et tal, men er 'mange'",
    "negativt_tal.csv": "Negative tal kan ikke importeres (-5)",
    "komma_forkert_sted.csv": "Kommaet står forkert i '1,234,5'",
    "tusindtalsseparator.csv": "Tallet '12.345' har punktum eller mellemrum",
    "dubletter.csv": "Række 4, kolonne OMRÅDE: Rækken gentager række 2",
    "skabelon_dubletter.csv": "Rækken gentager række 2",
    "blandede_perioder.csv": "blander årstal, kvartaler og måneder",
    "flere_vaerdier_for_variabel.csv": "kolonne OVERTRÆD: Kolonnen har flere værdier (1, TOT)",
    "forkert_antal_felter.csv": "Række 2: Rækken har 4 felter, men overskriften har 3",
    "formel.xlsx": "Række 6, kolonne D: Cellen indeholder en formel (=C6*2)",
    "flere_ark.xlsx": "Filen har 2 ark",
    "flettede_celler.xlsx": "flettede celler (A1:F1)",
    "pdf_omdoebt.xlsx": "Filen hedder .xlsx, men er en PDF-fil",
    "word_omdoebt.xlsx": "Filen hedder .xlsx, men er et Word-dokument (DOCX)",
    "makroer.xlsx": "Excel-regneark med makroer",
    "excel_omdoebt.csv": "Filen hedder .csv, men er en Excel- eller ZIP-fil",
    "tekstfil.pdf": "Filtypen .pdf kan ikke importeres",
    "fil_uden_endelse": "En fil uden endelse kan ikke importeres",
    "zipbombe.xlsx": "ville fylde 150 MB pakket ud",
    "mange_dele.xlsx": "Den er afvist uden at blive pakket ud",
    "entiteter.xlsx": "Excel-filen kan ikke læses",
}


@pytest.mark.parametrize("sti", sorted((FILER / "should_fail").iterdir()), ids=lambda p: p.name)
def test_every_bad_file_is_refused_with_a_danish_message_and_writes_nothing(sti):
    assert sti.name in FORVENTET, f"Tilføj den forventede besked for {sti.name}"
    with pytest.raises(ImportFejl) as fejl:
        forhaandsvis(sti)
    assert any(FORVENTET[sti.name] in besked for besked in fejl.value.messages), fejl.value.messages
    assert not ImportKoersel.objects.exists()
    assert not Observation.objects.exists()


def test_a_file_over_20_mb_is_refused():
    linje = b"101;2011K1;100\n"
    indhold = b"OMR\xc3\x85DE;TID;INDHOLD\n" + linje * (20 * 1024 * 1024 // len(linje) + 1)
    with pytest.raises(ImportFejl, match="En fil må højst fylde 20 MB"):
        forhaandsvis(Path("stor.csv"), indhold)
    assert not ImportKoersel.objects.exists()


def test_all_errors_of_a_file_are_listed_at_once():
    indhold = "OMRÅDE;TID;INDHOLD\nKøbenhavnn;2011K1;1\n101;2099K1;2\n147;2011K1;x\n".encode()
    with pytest.raises(ImportFejl) as fejl:
        forhaandsvis(Path("flere.csv"), indhold)
    assert [f.raekke for f in fejl.value.fejl] == [2, 3, 4]


def _kbh(aar: int = 2011) -> Observation:
    return Observation.objects.get(kommune__kode="101", indikator__kode="anmeldte_forbrydelser", aar=aar)


@pytest.mark.parametrize(
    "fil",
    [
        "straf11_koder.csv",
        "straf11_navne_bom.csv",
        "straf11_kode_og_navn_windows1252.csv",
        "straf11_aar_crlf.csv",
        "statbank_udtraek.xlsx",
        "statbank_lang.xlsx",
    ],
)
def test_statbank_files_give_the_sum_of_the_quarters_for_each_municipality(fil):
    koersel = forhaandsvis(FILER / "should_pass" / fil)
    assert koersel.antal_nye == 3  # København, Frederiksberg, Aarhus; the country, Christiansø and 998 left out
    assert koersel.format == (Importformat.DST_XLSX if fil.endswith("xlsx") else Importformat.DST_CSV)
    import_gennemfoer(koersel=koersel, bruger=None)
    assert _kbh().taeller == STRAF11_KBH_2011


def test_a_suppressed_quarter_makes_the_year_missing_never_zero():
    koersel = forhaandsvis(FILER / "should_pass" / "straf11_med_variabel_og_manglende.csv")
    import_gennemfoer(koersel=koersel, bruger=None)
    assert _kbh().taeller is None
    assert Observation.objects.get(kommune__kode="147", indikator__kode="anmeldte_forbrydelser", aar=2011).taeller


def test_the_template_reads_decimal_commas_and_empty_cells_as_missing():
    import_gennemfoer(koersel=forhaandsvis(FILER / "should_pass" / "skabelon.csv"), bruger=None)
    udgifter = Observation.objects.get(kommune__kode="101", indikator__kode="udgifter_anbringelser", aar=2011)
    assert udgifter.taeller == Decimal("1234567.5")
    aarhus = Observation.objects.get(kommune__kode="751", indikator__kode="anmeldte_forbrydelser", aar=2011)
    assert aarhus.taeller is None and aarhus.naevner == 314545


def test_an_incomplete_year_is_left_out_with_a_remark():
    indhold = "OMRÅDE;TID;INDHOLD\n101;2011K1;1\n101;2011K2;1\n101;2011K3;1\n101;2011K4;1\n101;2012K1;5\n".encode()
    koersel = forhaandsvis(Path("delvis.csv"), indhold)
    assert koersel.antal_raekker == 1
    assert koersel.bemaerkninger == ["2012 er udeladt for 1 kommuner, fordi årets ikke alle 4 kvartaler er med."]
