"""CSV and XLSX downloads: Danish Excel's CSV dialect, numbers as numbers, and no formula injection."""

import csv
import io
import re
import zipfile
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from forebyggelse.eksport import ORDBOG_KOLONNER, Kolonne, csv_bytes, csv_svar, ordbog_raekker, xlsx_bytes, xlsx_svar
from profiler.eksporter import KOLONNER
from profiler.importering.kontrol import SKABELON, SKABELON_VAERDI
from tests.dataordbog import csv_hoved, tjek_xlsx, ubeskrevne

FARLIGE = ["=1+1", "+45 33 66", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", '=HYPERLINK("http://x";"klik")']


def k(*navne: str) -> list[Kolonne]:
    """Described columns for tests where only the machine names matter."""
    return [Kolonne(n, n.capitalize(), f"Kolonnen {n}.") for n in navne]


def test_csv_is_utf8_with_bom_semicolons_and_decimal_comma():
    indhold = csv_bytes(
        k("kommune", "aar", "vaerdi", "dato", "tidspunkt", "ja"),
        [["København", 2011, Decimal("97.7"), date(2011, 2, 8), datetime(2011, 2, 8, 11, 0, tzinfo=UTC), True]],
    )
    assert indhold.startswith(b"\xef\xbb\xbf")
    linjer = indhold.decode("utf-8-sig").split("\r\n")
    assert linjer[0] == "kommune;aar;vaerdi;dato;tidspunkt;ja"
    assert linjer[1] == "København;2011;97,7;2011-02-08;2011-02-08 12:00;Ja"  # Danish time


def test_csv_quotes_separators_and_line_breaks_inside_text():
    indhold = csv_bytes(k("tekst"), [["a;b"], ['sagde "hej"\nigen']]).decode("utf-8-sig")
    assert indhold.split("\r\n")[1] == '"a;b"'
    assert '"sagde ""hej""\nigen"' in indhold


def test_csv_neutralises_text_that_a_spreadsheet_would_run_as_a_formula():
    tekst = csv_bytes(k("x"), [[f] for f in FARLIGE]).decode("utf-8-sig")
    celler = [raekke[0] for raekke in csv.reader(io.StringIO(tekst, newline=""), delimiter=";")][1:]
    assert celler == [f"'{farlig}" for farlig in FARLIGE]
    # Real negative numbers stay numbers.
    assert csv_bytes(k("x"), [[Decimal("-2.5")], [-3]]).decode("utf-8-sig").split("\r\n")[1:3] == ["-2,5", "-3"]


def test_xlsx_keeps_numbers_as_numbers_and_text_as_text_never_formulas():
    indhold = xlsx_bytes(k("tekst", "tal"), [[f, Decimal("-12.5")] for f in FARLIGE] + [["ok", 7]])
    ark = load_workbook(io.BytesIO(indhold)).active
    assert [c.value for c in ark[1]] == ["Tekst", "Tal"]
    assert ark["A1"].font.bold
    for raekke, farlig in enumerate(FARLIGE, start=2):
        celle = ark.cell(row=raekke, column=1)
        assert celle.data_type == "s"
        assert celle.value in {farlig, farlig.replace("\r", "\n")}
        assert celle.quotePrefix
        assert ark.cell(row=raekke, column=2).value == -12.5
        assert ark.cell(row=raekke, column=2).data_type == "n"
    assert ark.cell(row=len(FARLIGE) + 2, column=2).value == 7
    ark_xml = zipfile.ZipFile(io.BytesIO(indhold)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in ark_xml and "<f " not in ark_xml


@pytest.mark.parametrize(("svar", "type_"), [(csv_svar, "text/csv"), (xlsx_svar, "spreadsheetml")])
def test_downloads_are_attachments_with_the_file_name(svar, type_):
    response = svar("nøgletal-2011.csv", k("a"), [[1]])
    assert type_ in response["Content-Type"]
    assert response["Content-Disposition"].startswith("attachment;")
    assert "n%C3%B8gletal-2011.csv" in response["Content-Disposition"]


ROD = Path(__file__).resolve().parents[2]
APPS = ["forebyggelse", "kommuner", "konto", "hentninger", "profiler", "strategi", "evaluering", "portal"]
# Writers of CSV or XLSX outside forebyggelse/eksport.py that are not downloads, and why they may be.
IKKE_EKSPORT = {
    # The demo's example figures are written as the project's import template and fed to the import pipeline.
    "profiler/demo.py",
}


def test_every_csv_and_xlsx_writer_is_forebyggelse_eksport():
    """A download that wrote its own CSV or XLSX would skip the formula neutralisation: none may."""
    skrivere = re.compile(r"csv\.(writer|DictWriter)\(|\bWorkbook\(|xlsxwriter|\.to_csv\(|\.to_excel\(")
    fundet = []
    for app in APPS:
        for sti in (ROD / app).rglob("*.py"):
            relativ = sti.relative_to(ROD).as_posix()
            if "/migrations/" in relativ or relativ == "forebyggelse/eksport.py" or relativ in IKKE_EKSPORT:
                continue
            if skrivere.search(sti.read_text()):
                fundet.append(relativ)
    assert fundet == []


@pytest.mark.django_db
@pytest.mark.parametrize("format_", ["csv", "xlsx"])
def test_the_key_figure_download_neutralises_a_formula_in_a_text_cell(client_for, evaluator, format_):
    """End to end through the view: a municipality's name that a spreadsheet would run as a formula arrives as
    text."""
    from kommuner.models import Kommune
    from tests.profiler.factories import importer

    Kommune.objects.filter(kode="101").update(navn='=HYPERLINK("http://x";"klik")')
    importer([("101", "anmeldte_forbrydelser", 2011, 100, 10000)])
    svar = client_for(evaluator).get(f"/noegletal/eksport/fil/?format={format_}&aar=2011")
    assert svar.status_code == 200
    if format_ == "csv":
        raekker = list(csv.reader(io.StringIO(svar.content.decode("utf-8-sig"), newline=""), delimiter=";"))
        assert raekker[1][1] == '\'=HYPERLINK("http://x";"klik")'
    else:
        ark = load_workbook(io.BytesIO(svar.content)).active
        celle = ark.cell(row=2, column=2)
        assert celle.value == '=HYPERLINK("http://x";"klik")' and celle.data_type == "s" and celle.quotePrefix


def test_xlsx_gives_dates_as_excel_dates_periods_as_text_and_danish_headings_with_a_data_dictionary():
    kolonner = [
        Kolonne("dato", "Dato", "Dagen."),
        Kolonne("tid", "Tidspunkt", "Dansk tid."),
        Kolonne("aar", "År", "Året.", periode=True),
        Kolonne("periode", "Periode", "Et kvartal.", periode=True),
        Kolonne("antal", "Antal", "Et tal."),
    ]
    sommer = datetime(2011, 6, 1, 10, 30, tzinfo=UTC)  # 12.30 Danish summer time
    raekker = [[date(2011, 2, 8), sommer, 2011, "2011K1", 4], [None, None, None, "", None]]
    ark = load_workbook(io.BytesIO(xlsx_bytes(kolonner, raekker))).worksheets
    data, ordbog = ark
    assert [c.value for c in data[1]] == ["Dato", "Tidspunkt", "År", "Periode", "Antal"]
    dato, tid, aar, periode, tal = data[2]
    assert dato.is_date and dato.value == datetime(2011, 2, 8) and dato.number_format == "dd-mm-yyyy"
    assert tid.is_date and tid.value == datetime(2011, 6, 1, 12, 30) and tid.number_format == "dd-mm-yyyy hh:mm"
    assert (aar.value, aar.data_type, periode.value, periode.data_type) == ("2011", "s", "2011K1", "s")
    assert (tal.value, tal.data_type) == (4, "n")
    assert all(c.value is None for c in data[3])  # an empty period stays empty, not the text "None"
    assert ordbog.title == "Dataordbog"
    assert [c.value for c in ordbog[1]] == ["Overskrift", "Kolonnenavn i CSV", "Indhold"]
    assert [c.value for c in ordbog[4]] == ["År", "aar", "Året."]
    # The CSV keeps the machine names, and its dates stay ISO dates.
    csv_tekst = csv_bytes(kolonner, raekker).decode("utf-8-sig").split("\r\n")
    assert csv_tekst[:2] == ["dato;tid;aar;periode;antal", "2011-02-08;2011-06-01 12:30;2011;2011K1;4"]


@pytest.mark.parametrize(
    "mangler",
    [("x", "", "Noget."), ("x", "X", ""), ("", "X", "Noget."), ("x", "X", "  ")],
    ids=["heading", "meaning", "name", "blank meaning"],
)
def test_a_column_without_a_name_heading_or_meaning_cannot_be_made(mangler):
    with pytest.raises(ValueError, match="overskrift og en beskrivelse"):
        Kolonne(*mangler)


@pytest.mark.parametrize("skriv", [csv_bytes, xlsx_bytes])
def test_an_export_takes_only_described_columns_and_one_value_per_column(skriv):
    with pytest.raises(TypeError):
        skriv(["bare_et_navn"], [[1]])
    with pytest.raises(ValueError):
        skriv(k("a", "b"), [[1, 2, 3]])  # a value nobody has described
    with pytest.raises(ValueError):
        skriv(k("a", "b"), [[1]])


def test_a_data_dictionary_lists_each_csv_column_with_its_heading_and_meaning():
    kolonner = [Kolonne("aar", "År", "Året.", periode=True), Kolonne("vaerdi", "Værdi", "Tallet.")]
    indhold = csv_bytes(ORDBOG_KOLONNER, ordbog_raekker("data/x.csv", kolonner)).decode("utf-8-sig")
    assert indhold.split("\r\n")[:3] == [
        "fil;kolonne;overskrift;indhold",
        "data/x.csv;aar;År;Året.",
        "data/x.csv;vaerdi;Værdi;Tallet.",
    ]


def test_every_column_of_the_key_figure_export_and_the_import_template_is_described():
    assert ubeskrevne(KOLONNER) == []
    assert ubeskrevne([*SKABELON, SKABELON_VAERDI]) == []


@pytest.mark.django_db
def test_the_key_figure_xlsx_has_danish_headings_years_as_text_and_its_data_dictionary(client_for, evaluator):
    from tests.profiler.factories import importer

    importer([("101", "anmeldte_forbrydelser", 2011, 100, 10000)])
    svar = client_for(evaluator).get("/noegletal/eksport/fil/?format=xlsx&aar=2011")
    (raekke,) = [r for r in tjek_xlsx(svar.content, KOLONNER) if r["kommunekode"].value == "101"]
    assert (raekke["aar"].value, raekke["aar"].data_type) == ("2011", "s")
    assert raekke["taeller"].value == 100 and raekke["taeller"].data_type == "n"
    csv_svar_ = client_for(evaluator).get("/noegletal/eksport/fil/?format=csv&aar=2011")
    assert csv_hoved(csv_svar_.content) == [k.navn for k in KOLONNER]
    side = client_for(evaluator).get("/noegletal/eksport/").content.decode()
    assert "Dataordbog" in side and all(f"<code>{k.navn}</code>" in side for k in KOLONNER)
    assert all(k.beskrivelse in side for k in KOLONNER if '"' not in k.beskrivelse)


@pytest.mark.django_db
def test_the_import_template_keeps_machine_names_and_its_columns_are_described_on_the_import_page(
    client_for, ministeriet
):
    svar = client_for(ministeriet).get("/noegletal/import/skabelon.csv")
    assert csv_hoved(svar.content) == [k.navn for k in SKABELON]
    side = client_for(ministeriet).get("/noegletal/import/").content.decode()
    for k in [*SKABELON, SKABELON_VAERDI]:
        assert f"<code>{k.navn}</code>" in side and k.beskrivelse in side, k.navn
