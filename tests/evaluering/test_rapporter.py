"""The reports: every figure from the selector that owns it; the same data gives the same PDF; a lead's, the steering
group's and the evaluator's reports page; the data exports as Danish CSV and XLSX; every download in the download log;
the report package as a background job with a manifest, its failure and retry; the data package (datapackage.json)
in the ZIP and beside the exports, validated by frictionless; query counts that do not grow.

The demo programme's every PDF is rendered (once) and read back in test_demo.py."""

import csv
import hashlib
import io
import json
import re
import zipfile
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import frictionless
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape
from openpyxl import load_workbook
from pypdf import PdfReader

from evaluering import pakker
from evaluering.eksporter import DATAEKSPORTER, DATAPAKKE
from evaluering.models import Indholdsart, Jobstatus, Kommuneleverance, Rapportpakke
from evaluering.rapporter import kommunestatus, kommunestatus_pdf, programstatus, programstatus_pdf
from evaluering.selectors import fremmoede_i_program
from evaluering.services.leverancer import indsendelse_vurder, kommuneleverance_hent, leverance_indsend
from evaluering.services.moeder import fremmoede_registrer, moede_marker_afholdt
from evaluering.services.rapporter import rapportpakke_bestil
from evaluering.snapshot import kanonisk
from forebyggelse.eksport import ORDBOG_KOLONNER
from forebyggelse.roller import Rolle
from hentninger.models import Hentning
from kommuner.selectors import budget_for
from kommuner.services.bevillinger import forbrug_registrer
from strategi.models import HandlingStatus
from strategi.selectors import handlinger_for_strategi, oversigt_for_program
from tests.dataordbog import DATOER, csv_hoved, tjek_pakkens_ordbog, tjek_xlsx, ubeskrevne
from tests.evaluering.factories import dataleverance, koer_ventende_jobs, moede, program_med_deltagere
from tests.kommuner.factories import projektleder_for
from tests.strategi.factories import HandlingFactory, MaalFactory, StrategiFactory, godkend

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _kvittering_uden_weasyprint(monkeypatch):
    """The participations come through applications whose receipts are PDFs; nothing here reads them."""
    monkeypatch.setattr("kommuner.services.ansoegninger.html_til_pdf", lambda html: b"%PDF-1.4\n%%EOF\n")


@pytest.fixture
def pdf_af_html(monkeypatch):
    """Where only the PDFs' existence, order and sameness matter: a stand-in PDF made from the HTML's hash (the same
    HTML, the same bytes), saving WeasyPrint's seconds."""

    def lav(html: str, *, billeder=None) -> bytes:
        return b"%PDF-1.7 " + hashlib.sha256(html.encode()).hexdigest().encode()

    monkeypatch.setattr("forebyggelse.pdf.html_til_pdf", lav)


@pytest.fixture
def program(ministeriet, projektleder_101, projektleder_147):
    """København and Frederiksberg in a programme. København: an approved strategy with two goals (one with a
    follow-up) and a late action, spending registered, a submitted and approved delivery; at the held network meeting
    København came and Frederiksberg did not."""
    program = program_med_deltagere("101", "147", ministeriet=ministeriet)
    kbh = program.deltagelser.get(kommune__kode="101")
    strategi = StrategiFactory(deltagelse=kbh, fuld=True)  # one goal and one action, ending 30 June 2012
    MaalFactory(
        strategi=strategi, tekst="=Flere børn i almene tilbud", baseline_vaerdi=Decimal("12.5"), maalvaerdi=Decimal(40)
    )
    HandlingFactory(strategi=strategi, titel="Færdig handling", status=HandlingStatus.GENNEMFOERT)
    godkend(strategi)
    forbrug_registrer(deltagelse=kbh, forbrug={2011: (150_000, "Koordinator")}, bruger=projektleder_101)
    afholdt = moede_marker_afholdt(moede=moede(program))
    fremmoede_registrer(
        moede=afholdt, kommune=kbh.kommune, status="til_stede", deltagere="Projektleder", bruger=ministeriet
    )
    leverance = dataleverance(program, ministeriet, indhold=[Indholdsart.OEKONOMI, Indholdsart.OPFOELGNING])
    indsendelse = leverance_indsend(
        kommuneleverance=Kommuneleverance.objects.get(dataleverance=leverance, deltagelse=kbh), bruger=projektleder_101
    )
    indsendelse_vurder(indsendelse=indsendelse, godkendt=True, kommentar="", bruger=ministeriet)
    return program


def _tekst(pdf: bytes) -> str:
    return "\n".join(side.extract_text() for side in PdfReader(io.BytesIO(pdf)).pages)


def test_the_programme_report_takes_every_figure_from_its_selector(program, styregruppe, client_for):
    i_dag = timezone.localdate()
    r = programstatus(program=program, bruger=styregruppe, i_dag=i_dag)
    budget = budget_for(program, styregruppe, i_dag=i_dag)
    assert [(d.deltagelse.kommune.kode, d.budget.bevilget, d.budget.forbrugt) for d in r.deltagere] == [
        (b.deltagelse.kommune.kode, b.bevilget, b.forbrugt) for b in budget.deltagere
    ]
    assert (r.budget.bevilget, r.budget.forbrugt) == (2_760_000, 150_000)
    oversigt = {o.deltagelse.kommune.kode: o for o in oversigt_for_program(program, styregruppe, i_dag=i_dag).raekker}
    kbh, frb = r.deltagere
    assert kbh.strategi.maal == oversigt["101"].maal and sum(kbh.strategi.maal.values()) == 2
    assert frb.strategi.strategi is None and frb.strategi.statustekst == "Ikke oprettet"
    strategi = kbh.strategi.strategi
    assert [h.titel for h in r.forsinkede] == [
        h.titel for h in handlinger_for_strategi(strategi, i_dag=i_dag) if h.forsinket
    ]
    assert len(r.forsinkede) == 1 and kbh.strategi.forsinkede == 1
    assert (kbh.mangler_fremmoede, frb.mangler_fremmoede) == (0, 1)
    assert fremmoede_i_program(program).i_alt_mangler == 1
    assert (kbh.godkendte_leverancer, frb.godkendte_leverancer) == (1, 0)

    side = client_for(styregruppe).get(f"/programmer/{program.pk}/rapporter/status/").content.decode()
    for tekst in ("2.760.000 kr.", "150.000 kr.", "Koordinator", "Godkendt", "Mangler", "Handling"):
        assert tekst in side
    # The PDF shows the same, with page numbers, a contents list and the data's state as its stamp.
    tekst = _tekst(programstatus_pdf(r, bruger=styregruppe))
    for del_ in (
        "Programmets status",
        "Side 1 af",
        "Indhold",
        "Deltagerne",
        "Mødedeltagelse",
        "2.760.000 kr.",
        "data pr.",
        "dannet til",
    ):
        assert del_ in tekst, del_


def test_a_municipalitys_report_with_its_goals_late_actions_and_attendance(program, evaluator, client_for):
    kbh = program.deltagelser.get(kommune__kode="101")
    r = kommunestatus(deltagelse=kbh, bruger=evaluator, i_dag=timezone.localdate())
    assert [m.maal.tekst for m in r.maal][-1] == "=Flere børn i almene tilbud"
    assert [h.titel for h in r.forsinkede] == [
        h.titel for h in handlinger_for_strategi(r.strategi.strategi, i_dag=r.i_dag) if h.forsinket
    ]
    assert [(m.titel, f.tekst) for m, f in r.fremmoede] == [("2. netværksmøde", "Til stede")]
    assert [(lev.titel, c.tekst) for lev, c in r.leverancer] == [("Opfølgning 2012", "Godkendt")]
    tekst = _tekst(kommunestatus_pdf(r, bruger=evaluator))
    for del_ in (
        "Statusrapport for Københavns Kommune",
        "150.000 kr.",
        "Opfølgning 2012",
        "Forsinkede handlinger",
        "2. netværksmøde",
    ):
        assert del_ in tekst, del_


def test_the_same_report_from_the_same_data_is_the_same_pdf_byte_for_byte(program, evaluator):
    """Same bytes, not only the same text: the stamp and the PDF's dates are the data's state, not the clock, the
    document ID is a hash of the content, and the fonts carry no time of their own. A change of data is new bytes."""
    kbh = program.deltagelser.get(kommune__kode="101")
    i_dag = timezone.localdate()
    foerste = kommunestatus_pdf(kommunestatus(deltagelse=kbh, bruger=evaluator, i_dag=i_dag), bruger=evaluator)
    anden = kommunestatus_pdf(kommunestatus(deltagelse=kbh, bruger=evaluator, i_dag=i_dag), bruger=evaluator)
    assert foerste == anden
    info = PdfReader(io.BytesIO(foerste)).metadata
    assert info["/CreationDate"] == info["/ModDate"]  # the data's state, the same both times
    forbrug_registrer(deltagelse=kbh, forbrug={2011: (175_000, "Mere")}, bruger=projektleder_for(kbh.kommune))
    efter = kommunestatus_pdf(kommunestatus(deltagelse=kbh, bruger=evaluator, i_dag=i_dag), bruger=evaluator)
    assert efter != foerste and "175.000 kr." in _tekst(efter)


def test_the_reports_page_lists_what_each_role_may_download(
    program, client_for, projektleder_147, styregruppe, evaluator, projektleder_101
):
    url = f"/programmer/{program.pk}/rapporter/"
    leder = client_for(projektleder_101).get(url).content.decode()
    assert "Statusrapport" in leder and "/rapporter/101/status.pdf" in leder and "/rapporter/147/" not in leder
    assert "leverance.json" in leder  # their own snapshot
    assert "Programmets status" not in leder and "/data/" not in leder and "Hent alt som ZIP" not in leder
    styre = client_for(styregruppe).get(url).content.decode()
    assert "/rapporter/status.pdf" in styre and "/rapporter/147/status.pdf" in styre
    assert "leverance.json" not in styre and "/data/" not in styre and "Hent alt som ZIP" not in styre
    # The evaluator and the steering group find the page from their front page.
    assert url not in client_for(projektleder_101).get("/").content.decode()
    assert url in client_for(styregruppe).get("/").content.decode()
    assert url in client_for(evaluator).get("/").content.decode()
    alt = client_for(evaluator).get(url).content.decode()
    for del_ in (
        "/rapporter/status.pdf",
        "/rapporter/147/",
        "leverance.json",
        "leverance.pdf",
        "/data/maal.csv",
        "/data/noegletal.xlsx",
        "/data/opfoelgninger.csv",
        "/data/handlinger.xlsx",
        "Hent alt som ZIP",
    ):
        assert del_ in alt, del_
    # Each export's data dictionary is on the page: heading, machine name and meaning of every column.
    for eksport in DATAEKSPORTER.values():
        assert f"Dataordbog: {eksport.titel.lower()}" in alt
        for k in eksport.kolonner:
            assert f'<th scope="row">{escape(k.overskrift)}</th>' in alt and escape(k.beskrivelse) in alt, k.navn


def test_data_exports_are_danish_csv_and_xlsx_with_formulas_neutralised(program, evaluator, client_for):
    client = client_for(evaluator)
    svar = client.get(f"/programmer/{program.pk}/data/maal.csv")
    assert svar["Content-Type"] == "text/csv; charset=utf-8"
    indhold = svar.content
    assert indhold.startswith("\ufeff".encode())
    raekker = list(csv.reader(io.StringIO(indhold.decode("utf-8-sig")), delimiter=";"))
    assert raekker[0][:4] == ["kommunekode", "kommune", "maal", "tekst"]
    formel = next(r for r in raekker if "Flere børn" in r[3])
    assert formel[3] == "'=Flere børn i almene tilbud"  # never run as a formula
    assert formel[raekker[0].index("baseline")] == "12,5" and formel[raekker[0].index("maalvaerdi")] == "40"
    handlinger = list(
        csv.reader(
            io.StringIO(client.get(f"/programmer/{program.pk}/data/handlinger.csv").content.decode("utf-8-sig")),
            delimiter=";",
        )
    )
    assert {r[handlinger[0].index("forsinket")] for r in handlinger[1:]} == {"Ja", "Nej"}

    bog = load_workbook(io.BytesIO(client.get(f"/programmer/{program.pk}/data/maal.xlsx").content))
    ark = bog.active
    celler = {c.value: c for c in ark[2] + ark[3]}
    assert celler["=Flere børn i almene tilbud"].data_type == "s"
    assert client.get(f"/programmer/{program.pk}/data/regnskab.csv").status_code == 404
    assert client.get(f"/programmer/{program.pk}/data/maal.pdf").status_code == 404


@pytest.mark.parametrize(
    "kolonner",
    [e.kolonner for e in DATAEKSPORTER.values()] + [pakker.MANIFEST_KOLONNER, ORDBOG_KOLONNER],
    ids=[*DATAEKSPORTER, "manifest", "dataordbog"],
)
def test_every_column_of_every_data_export_has_a_danish_heading_and_a_meaning(kolonner):
    """A column added to an export without a heading and a meaning cannot be made (Kolonne refuses it); this holds
    the words to the rule: Danish headings, a sentence of meaning, no name twice."""
    assert kolonner and ubeskrevne(kolonner) == []


def test_every_data_export_names_its_date_columns_for_the_checks():
    assert set(DATOER) == set(DATAEKSPORTER)
    for navn, eksport in DATAEKSPORTER.items():
        assert DATOER[navn] == {k.navn for k in eksport.kolonner if k.type in ("date", "datetime")}, navn


@pytest.fixture
def med_data(program, projektleder_101):
    """The programme with a key figure and an own follow-up (a year as its period) on the formula goal."""
    from strategi.models import Maal
    from strategi.services.maal import opfoelgning_opret
    from tests.profiler.factories import importer

    importer([("101", "anmeldte_forbrydelser", 2011, 100, 10000)])
    formel = Maal.objects.get(tekst="=Flere børn i almene tilbud")
    opfoelgning_opret(
        maal=formel, dato=date(2012, 3, 31), vaerdi=Decimal("20.25"), periode="2012", bruger=projektleder_101
    )
    return program


@pytest.mark.parametrize("navn", list(DATAEKSPORTER))
def test_a_data_export_has_danish_headings_excel_dates_periods_as_text_and_a_data_dictionary(
    med_data, evaluator, client_for, navn
):
    program = med_data
    eksport, client = DATAEKSPORTER[navn], client_for(evaluator)
    raekker = tjek_xlsx(
        client.get(f"/programmer/{program.pk}/data/{navn}.xlsx").content, eksport.kolonner, datoer=DATOER[navn]
    )
    assert raekker, navn
    csv_indhold = client.get(f"/programmer/{program.pk}/data/{navn}.csv").content
    assert csv_hoved(csv_indhold) == [k.navn for k in eksport.kolonner]
    assert len(csv_indhold.decode("utf-8-sig").rstrip("\r\n").split("\r\n")) == len(raekker) + 1
    for datokolonne in DATOER[navn]:
        assert any(r[datokolonne].is_date for r in raekker), datokolonne  # the data has dates to check


def test_the_exports_cells_are_dates_numbers_and_text_as_a_reader_needs_them(med_data, evaluator, client_for):
    program = med_data
    client = client_for(evaluator)

    def hent(navn):
        indhold = client.get(f"/programmer/{program.pk}/data/{navn}.xlsx").content
        return tjek_xlsx(indhold, DATAEKSPORTER[navn].kolonner, datoer=DATOER[navn])

    maal = next(r for r in hent("maal") if r["tekst"].value == "=Flere børn i almene tilbud")
    assert maal["baselineaar"].data_type == "s" and maal["baselineaar"].value.isdigit()
    assert maal["maalaar"].data_type == "s" and int(maal["maalaar"].value) > int(maal["baselineaar"].value)
    assert (maal["baseline"].value, maal["baseline"].data_type) == (12.5, "n")
    handlinger = hent("handlinger")
    assert {r["forsinket"].value for r in handlinger} == {"Ja", "Nej"}
    late = next(r for r in handlinger if r["forsinket"].value == "Ja")
    assert late["slut"].value.date() < timezone.localdate()
    assert {r["forventet_udgift_kr"].data_type for r in handlinger if r["forventet_udgift_kr"].value} == {"n"}
    (opfoelgning,) = [r for r in hent("opfoelgninger") if r["vaerdi"].value == 20.25]
    assert opfoelgning["dato"].value == datetime(2012, 3, 31) and opfoelgning["dato"].number_format == "dd-mm-yyyy"
    assert (opfoelgning["periode"].value, opfoelgning["periode"].data_type) == ("2012", "s")
    assert opfoelgning["kilde"].value == "Egen opfølgning" and opfoelgning["eksempeldata"].value == "Nej"
    maal = next(r for r in hent("maal") if r["tekst"].value == "=Flere børn i almene tilbud")
    assert maal["seneste_dato"].value == datetime(2012, 3, 31) and maal["seneste_vaerdi"].value == 20.25


def test_every_download_writes_one_line_in_the_download_log(program, evaluator, ministeriet, client_for, pdf_af_html):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from evaluering.models import Indsendelse, Moede
    from evaluering.services.moeder import materiale_tilfoej, referat_gem, referat_godkend

    indsendelse = Indsendelse.objects.get()
    afholdt = Moede.objects.get()
    materiale = materiale_tilfoej(
        moede=afholdt, fil=SimpleUploadedFile("oplaeg.pdf", b"%PDF-1.4\n%%EOF\n"), bruger=ministeriet
    )
    afholdt = referat_gem(moede=afholdt, referat="Referat", version=afholdt.version, bruger=ministeriet)
    referat_godkend(moede=afholdt, bruger=ministeriet, version=afholdt.version)
    job = rapportpakke_bestil(program=program, art="rapporter", bruger=evaluator)
    koer_ventende_jobs()
    pakke = Rapportpakke.objects.get()
    assert job.pk
    client = client_for(evaluator)
    forventet = {
        f"/programmer/{program.pk}/rapporter/status.pdf": "Programmets statusrapport (PDF)",
        f"/programmer/{program.pk}/rapporter/101/status.pdf": "Statusrapport (PDF)",
        f"/programmer/{program.pk}/data/noegletal.csv": "Dataeksport: Nøgletal (CSV)",
        f"/indsendelser/{indsendelse.pk}/leverance.json": "Dataleverance (JSON)",
        f"/indsendelser/{indsendelse.pk}/leverance.pdf": "Dataleverance (PDF)",
        f"/moeder/{afholdt.pk}/referat.pdf": "Referat (PDF)",
        f"/materialer/{materiale.pk}/": "Mødemateriale",
        f"/rapportpakker/{pakke.pk}/": "Rapportpakke (ZIP)",
    }
    for url, art in forventet.items():
        foer = Hentning.objects.count()
        svar = client.get(url)
        assert svar.status_code == 200, url
        if svar.streaming:
            b"".join(svar.streaming_content)
        assert Hentning.objects.count() == foer + 1, url
        assert Hentning.objects.latest("pk").art == art
        assert Hentning.objects.latest("pk").bruger == evaluator


def test_a_snapshots_json_is_exactly_the_checksummed_bytes(program, projektleder_101, client_for):
    from evaluering.models import Indsendelse

    indsendelse = Indsendelse.objects.get()
    indhold = client_for(projektleder_101).get(f"/indsendelser/{indsendelse.pk}/leverance.json").content
    assert indhold == kanonisk(indsendelse.snapshot)
    assert hashlib.sha256(indhold).hexdigest() == indsendelse.sha256


def _manifest(arkiv: zipfile.ZipFile) -> list[list[str]]:
    return list(csv.reader(io.StringIO(arkiv.read("manifest.csv").decode("utf-8-sig")), delimiter=";"))


def test_the_evaluators_package_is_a_background_job_with_a_manifest(program, evaluator, client_for, pdf_af_html):
    client = client_for(evaluator)
    svar = client.post(f"/programmer/{program.pk}/rapportpakker/", {"art": "alt"})
    job = evaluator.baggrundsjob.get()
    assert svar["Location"] == f"/jobs/{job.pk}/"
    (koert,) = koer_ventende_jobs()
    assert koert.status == Jobstatus.FAERDIG and koert.fremdrift == 100, koert.fejl
    pakke = Rapportpakke.objects.get()
    assert koert.resultat_url == f"/rapportpakker/{pakke.pk}/" and "som ZIP" in koert.resultat_tekst
    arkiv = zipfile.ZipFile(io.BytesIO(b"".join(client.get(koert.resultat_url).streaming_content)))
    manifest = _manifest(arkiv)
    assert manifest[0] == ["fil", "sha256", "dannet", "kilde"]
    filer = {r[0]: r for r in manifest[1:]}
    assert set(filer) == set(arkiv.namelist()) - {"manifest.csv"}
    for navn, raekke in filer.items():
        assert hashlib.sha256(arkiv.read(navn)).hexdigest() == raekke[1], navn
    assert {
        "rapporter/programstatus.pdf",
        "rapporter/101-koebenhavn/statusrapport.pdf",
        "rapporter/101-koebenhavn/forebyggelsesstrategi.pdf",
        "rapporter/147-frederiksberg/statusrapport.pdf",
        f"data/maal-program-{program.pk}.csv",
        f"data/handlinger-program-{program.pk}.xlsx",
    } <= set(filer)
    # Every CSV's columns are in the data dictionary; every XLSX carries its own.
    ordbog = tjek_pakkens_ordbog(arkiv)
    assert "dataordbog.csv" in filer and set(ordbog) == {"manifest.csv", "dataordbog.csv"} | {
        f"data/{e.filnavn(program, 'csv')}" for e in DATAEKSPORTER.values()
    }
    assert ordbog[f"data/{DATAEKSPORTER['handlinger'].filnavn(program, 'csv')}"][-1][:2] == ["forsinket", "Forsinket"]
    for eksport in DATAEKSPORTER.values():
        navn = f"data/{eksport.filnavn(program, 'xlsx')}"
        tjek_xlsx(arkiv.read(navn), eksport.kolonner, datoer=DATOER[eksport.navn])
    (snapshot,) = [n for n in filer if n.startswith("leverancer/") and n.endswith(".json")]
    assert filer[DATAPAKKE][3] == pakker.ORDBOG_KILDE
    assert "Opfølgning 2012" in filer[snapshot][3] and "godkendt" in filer[snapshot][3]
    assert (
        hashlib.sha256(arkiv.read(snapshot)).hexdigest()
        == Kommuneleverance.objects.get(deltagelse__kommune__kode="101").indsendelser.get().sha256
    )
    assert filer["rapporter/programstatus.pdf"][3] == pakker.AKTUELLE_DATA
    assert "147-frederiksberg/forebyggelsesstrategi.pdf" not in " ".join(filer)  # none

    # Unchanged data: a second package has the same files, byte for byte; only the manifest's times may differ.
    client.post(f"/programmer/{program.pk}/rapportpakker/", {"art": "alt"})
    koer_ventende_jobs()
    anden = zipfile.ZipFile(Rapportpakke.objects.order_by("-pk").first().fil.open("rb"))
    assert {r[0]: r[1] for r in _manifest(anden)[1:]} == {n: r[1] for n, r in filer.items()}


def test_a_reports_only_package_describes_its_manifest_in_the_data_dictionary(program, evaluator, pdf_af_html):
    pakke = pakker.byg_pakke(program=program, art="rapporter", bruger=evaluator, i_dag=timezone.localdate())
    arkiv = zipfile.ZipFile(io.BytesIO(pakke.indhold))
    ordbog = tjek_pakkens_ordbog(arkiv)
    assert set(ordbog) == {"manifest.csv", "dataordbog.csv"}
    assert [k[1] for k in ordbog["manifest.csv"]] == ["Fil", "SHA-256", "Dannet", "Kilde"]
    assert "dataordbog.csv" in {f["fil"] for f in pakke.manifest}


@pytest.fixture
def med_skjulte_tal(med_data):
    """The programme's data with what a reader must type right: a suppressed count ("under 5") beside shown ones with
    decimals, a rate the source rounds, and the dates, Ja/Nej and empty cells the exports already have."""
    from tests.profiler.factories import importer

    importer([("101", "anbragte_0_17", 2011, 3, 9123), ("147", "anbragte_0_17", 2011, 57, 17777)])
    return med_data


def _valider(mappe: Path) -> dict[str, int]:
    """Frictionless's verdict on the data package in `mappe`: every cell of every CSV read as its column's type. Gives
    the rows checked per file."""
    rapport = frictionless.validate(str(mappe / "datapackage.json"))
    assert rapport.valid, rapport.flatten(["taskNumber", "rowNumber", "fieldName", "type", "note"])
    return {t.name: t.stats["rows"] for t in rapport.tasks}


# A column whose every value in the test data looks like a number, a date or Ja/Nej is typed so; these are text for
# a reason: a municipality's code is an identifier (its digits are not an amount), a follow-up's period is what the
# municipality wrote ("1. halvår 2012") even where it happens to be a year.
TEKST_MED_TAL = {"kommunekode", "periode"}
LIGNER_TYPE = re.compile(r"^(-?\d+(,\d+)?|\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?|Ja|Nej)$")


def _tjek_felter(mappe: Path, kolonner: dict[str, list]) -> None:
    """Every file's fields are its export's columns, each with heading and meaning, and no number, date or Ja/Nej
    column is left as text."""
    pakke = frictionless.Package(str(mappe / "datapackage.json"))
    for ressource in pakke.resources:
        felter = ressource.schema.fields
        assert [(f.name, f.title, f.description) for f in felter] == [
            (k.navn, k.overskrift, k.beskrivelse) for k in kolonner[ressource.path]
        ], ressource.path
        linjer = list(csv.reader(io.StringIO((mappe / ressource.path).read_text("utf-8-sig")), delimiter=";"))[1:]
        for nr, felt in enumerate(felter):
            vaerdier = [linje[nr] for linje in linjer if linje[nr]]
            if felt.type == "string" and felt.name not in TEKST_MED_TAL and vaerdier:
                assert not all(LIGNER_TYPE.match(v) for v in vaerdier), (ressource.path, felt.name, vaerdier[:3])


def _laes(mappe: Path, navn: str) -> list[dict]:
    return [r.to_dict() for r in frictionless.Package(str(mappe / "datapackage.json")).get_resource(navn).read_rows()]


def _tjek_typer(mappe: Path) -> None:
    """What a reader of the package gets: a suppressed count as missing (the CSV says "under 5"), decimals as
    numbers, dates as dates, Ja/Nej as booleans, empty cells as missing."""
    anbragte = {r["kommunekode"]: r for r in _laes(mappe, "noegletal") if r["indikator"] == "anbragte_0_17"}
    assert (anbragte["101"]["taeller"], anbragte["101"]["vaerdi"], anbragte["101"]["naevner"]) == (None, None, 9123)
    assert anbragte["147"]["taeller"] == 57 and anbragte["147"]["vaerdi"] == Decimal("3.2")
    assert anbragte["101"]["aar"] == 2011 and anbragte["101"]["landsgennemsnit"] is None  # hidden: one of two
    (opfoelgning,) = [r for r in _laes(mappe, "opfoelgninger") if r["vaerdi"] == Decimal("20.25")]
    assert opfoelgning["dato"] == date(2012, 3, 31) and opfoelgning["eksempeldata"] is False
    handlinger = _laes(mappe, "handlinger")
    assert {h["forsinket"] for h in handlinger} == {True, False} and all(
        isinstance(h["start"], date) for h in handlinger
    )
    assert {type(h["forventet_udgift_kr"]) for h in handlinger} <= {int, type(None)}
    maal = _laes(mappe, "maal")
    assert {m["baseline"] for m in maal} >= {Decimal("12.5")} and {type(m["maalaar"]) for m in maal} == {int}
    assert any(m["seneste_vaerdi"] is None for m in maal)  # a goal without a follow-up: an empty cell, missing


def test_the_packages_datapackage_describes_every_csv_and_frictionless_validates_every_cell(
    med_skjulte_tal, evaluator, pdf_af_html, tmp_path
):
    program = med_skjulte_tal
    pakke = pakker.byg_pakke(program=program, art="alt", bruger=evaluator, i_dag=timezone.localdate())
    with zipfile.ZipFile(io.BytesIO(pakke.indhold)) as arkiv:
        arkiv.extractall(tmp_path)
        csv_filer = {n for n in arkiv.namelist() if n.endswith(".csv")}
    assert DATAPAKKE in {f["fil"] for f in pakke.manifest}  # listed, with its checksum, like every file

    beskrevet = json.loads((tmp_path / DATAPAKKE).read_text())
    assert {r["path"] for r in beskrevet["resources"]} == csv_filer
    assert beskrevet["created"] == pakke.datastand.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    noegletal = next(r for r in beskrevet["resources"] if r["name"] == "noegletal")
    assert {"under 5", "skjult"} <= set(noegletal["schema"]["missingValues"])
    assert "https://statistikbanken.dk/anbaar9" in {k.get("path") for k in noegletal["sources"]}
    assert noegletal["licenses"][0]["name"] == "CC-BY-4.0"

    raekker = _valider(tmp_path)
    assert set(raekker) == {r["name"] for r in beskrevet["resources"]} and all(raekker.values()), raekker
    kolonner = {f"data/{e.filnavn(program, 'csv')}": e.kolonner for e in DATAEKSPORTER.values()}
    _tjek_felter(tmp_path, kolonner | {"manifest.csv": pakker.MANIFEST_KOLONNER, "dataordbog.csv": ORDBOG_KOLONNER})
    _tjek_typer(tmp_path)
    assert "under 5" in (tmp_path / f"data/{DATAEKSPORTER['noegletal'].filnavn(program, 'csv')}").read_text("utf-8-sig")
    (dannet,) = {r["dannet"] for r in _laes(tmp_path, "manifest") if r["fil"] == DATAPAKKE}
    assert isinstance(dannet, datetime)


def test_a_reports_only_packages_datapackage_describes_its_manifest_and_dictionary(
    program, evaluator, pdf_af_html, tmp_path
):
    pakke = pakker.byg_pakke(program=program, art="rapporter", bruger=evaluator, i_dag=timezone.localdate())
    zipfile.ZipFile(io.BytesIO(pakke.indhold)).extractall(tmp_path)
    assert _valider(tmp_path).keys() == {"manifest", "dataordbog"}


def test_the_exports_datapackage_lies_beside_them_and_validates_their_downloads(
    med_skjulte_tal, evaluator, client_for, tmp_path
):
    """Downloaded as a reader would: the datapackage.json, then each file it names from the URL beside it."""
    program, client = med_skjulte_tal, client_for(evaluator)
    foer = Hentning.objects.count()
    svar = client.get(f"/programmer/{program.pk}/data/datapackage.json")
    assert svar.status_code == 200 and svar["Content-Type"] == "application/json"
    assert Hentning.objects.latest("pk").art == "Datapakke (datapackage.json)" and Hentning.objects.count() == foer + 1
    (tmp_path / DATAPAKKE).write_bytes(svar.content)
    beskrevet = json.loads(svar.content)
    assert [r["path"] for r in beskrevet["resources"]] == [f"{navn}.csv" for navn in DATAEKSPORTER]
    for ressource in beskrevet["resources"]:
        fil = client.get(f"/programmer/{program.pk}/data/{ressource['path']}")
        assert fil.status_code == 200, ressource["path"]
        (tmp_path / ressource["path"]).write_bytes(fil.content)
    assert all(_valider(tmp_path).values())
    _tjek_felter(tmp_path, {f"{e.navn}.csv": e.kolonner for e in DATAEKSPORTER.values()})
    _tjek_typer(tmp_path)
    # Unchanged data, the same bytes (stamped with the data's state, not the clock).
    assert client.get(f"/programmer/{program.pk}/data/datapackage.json").content == svar.content


def test_a_failed_package_says_why_and_can_be_retried(program, evaluator, client_for, monkeypatch, pdf_af_html):
    job = rapportpakke_bestil(program=program, art="rapporter", bruger=evaluator)

    def fejler(**kwargs):
        raise RuntimeError("intern detalje")

    monkeypatch.setattr(pakker, "profil_pdf", fejler)
    (koert,) = koer_ventende_jobs()
    assert koert.status == Jobstatus.FEJLET
    assert "uventet fejl (RuntimeError)" in koert.fejl and "intern detalje" not in koert.fejl
    side = client_for(evaluator).get(f"/jobs/{job.pk}/").content.decode()
    assert "Prøv igen" in side and "Jobbet fejlede" in side
    monkeypatch.undo()
    monkeypatch.setattr("forebyggelse.pdf.html_til_pdf", lambda html, *, billeder=None: b"%PDF-1.7")
    monkeypatch.setattr("kommuner.services.ansoegninger.html_til_pdf", lambda html: b"%PDF-1.4\n%%EOF\n")
    assert client_for(evaluator).post(f"/jobs/{job.pk}/proev-igen/").status_code == 302
    (koert,) = koer_ventende_jobs()
    assert koert.status == Jobstatus.FAERDIG and koert.forsoeg == 2 and Rapportpakke.objects.count() == 1

    # Who lost the right to download everything by the time the job runs gets a reason, not a package.
    job = rapportpakke_bestil(program=program, art="rapporter", bruger=evaluator)
    evaluator.rolle = Rolle.STYREGRUPPE
    evaluator.save(update_fields=["rolle"])
    (koert,) = koer_ventende_jobs()
    assert koert.fejl == "Data og samlede pakker kan hentes af evaluator og ministeriet."
    assert Rapportpakke.objects.count() == 1


def _flere_deltagere(program, ministeriet, koder):
    from kommuner.models import Kommune
    from kommuner.services.bevillinger import afgoerelse_traef
    from tests.kommuner.factories import AnsoegningFactory

    for kode in koder:
        ansoegning = AnsoegningFactory(program=program, kommune=Kommune.objects.get(kode=kode), indsendt=True)
        afgoerelse_traef(
            ansoegning=ansoegning, udvalgt=True, begrundelse="Test", bevillinger={2011: 1, 2012: 1}, bruger=ministeriet
        )
        deltagelse = program.deltagelser.get(kommune__kode=kode)
        godkend(StrategiFactory(deltagelse=deltagelse, fuld=True))
        leder = projektleder_for(deltagelse.kommune)
        kl = kommuneleverance_hent(dataleverance=program.dataleverancer.get(), deltagelse=deltagelse)
        leverance_indsend(kommuneleverance=kl, bruger=leder)


def test_the_report_pages_use_a_fixed_number_of_queries(
    program, ministeriet, evaluator, client_for, django_assert_max_num_queries
):
    client = client_for(evaluator)
    sider = [
        f"/programmer/{program.pk}/rapporter/",
        f"/programmer/{program.pk}/rapporter/status/",
        f"/programmer/{program.pk}/rapporter/101/",
    ]
    antal = {}
    for url in sider:
        client.get(url)  # warm the key figures' and charts' caches
        with CaptureQueriesContext(connection) as foer:
            assert client.get(url).status_code == 200
        antal[url] = len(foer)
    _flere_deltagere(program, ministeriet, ["461", "751", "860"])
    moede_marker_afholdt(moede=moede(program, nummer=3, dag=date(2011, 12, 7)))
    for url in sider:
        client.get(url)
        with django_assert_max_num_queries(antal[url]):
            assert client.get(url).status_code == 200
