"""The demo's key figures (real STRAF11/FOLK1A, seeded example data, own figures at each step) load once and
idempotently; the import_statbank and export_nogletal commands run the same pipeline as the pages."""

import csv
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from openpyxl import load_workbook

from profiler.demo import eksempeldata_csv
from profiler.models import ImportKoersel, Indberetning, IndberetningStatus, Observation

pytestmark = pytest.mark.django_db

FILER = Path(__file__).resolve().parent.parent / "fixtures" / "profiler"


@override_settings(DEMO_MODE=True)
def test_the_demo_loads_real_and_example_figures_once():
    call_command("load_demo", stdout=io.StringIO())
    antal = Observation.objects.count()
    kbh = Observation.objects.get(kommune__kode="101", indikator__kode="anmeldte_forbrydelser", aar=2011)
    assert (kbh.taeller, kbh.naevner, kbh.eksempeldata) == (99787, 539542, False)  # real STRAF11 / FOLK1A
    assert Observation.objects.filter(indikator__kode="anmeldte_forbrydelser").count() == 98 * 4
    eksempel = Observation.objects.get(kommune__kode="101", indikator__kode="anbragte_0_17", aar=2011)
    assert eksempel.eksempeldata
    status = dict(Indberetning.objects.values_list("kommune__kode", "status"))
    assert status == {
        "101": IndberetningStatus.KLADDE,
        "147": IndberetningStatus.INDSENDT,
        "751": IndberetningStatus.GODKENDT,
    }
    assert Indberetning.objects.filter(eksempeldata=True).count() == 3
    koersler = ImportKoersel.objects.count()

    ud = io.StringIO()
    call_command("load_demo", stdout=ud)
    assert "Nøgletallene fandtes allerede" in ud.getvalue()
    assert (Observation.objects.count(), ImportKoersel.objects.count()) == (antal, koersler)


def test_the_example_data_is_stable():
    assert eksempeldata_csv() == eksempeldata_csv()


def test_import_statbank_dry_run_writes_nothing_and_a_real_run_does():
    fil = str(FILER / "should_pass" / "straf11_koder.csv")
    ud = io.StringIO()
    call_command("import_statbank", fil, "--indikator", "anmeldte_forbrydelser", "--dry-run", stdout=ud)
    assert "3 ændringer (3 nye, 0 ændrede, 0 uændrede)" in ud.getvalue() and "intet er gemt" in ud.getvalue()
    assert not Observation.objects.exists() and not ImportKoersel.objects.exists()
    call_command("import_statbank", fil, "--indikator", "anmeldte_forbrydelser", stdout=ud)
    assert Observation.objects.get(kommune__kode="101", aar=2011).taeller == 99787
    call_command("import_statbank", str(FILER / "should_pass" / "skabelon.csv"), stdout=ud)  # no --indikator needed
    assert Observation.objects.filter(indikator__kode="udgifter_anbringelser").exists()


def test_import_statbank_refuses_a_bad_file_with_every_error():
    with pytest.raises(CommandError, match="Rækken gentager række 2"):
        call_command(
            "import_statbank", str(FILER / "should_fail" / "dubletter.csv"), "--indikator", "anmeldte_forbrydelser"
        )
    with pytest.raises(CommandError, match="Ukendt indikator"):
        call_command("import_statbank", str(FILER / "should_fail" / "dubletter.csv"), "--indikator", "findes_ikke")
    assert not ImportKoersel.objects.exists()


def test_a_denominator_file(tmp_path):
    fil = tmp_path / "folk1a.csv"
    fil.write_text("OMRÅDE;TID;INDHOLD\n101 København;2011K1;539542\n", encoding="utf-8")
    call_command("import_statbank", str(fil), "--indikator", "anmeldte_forbrydelser", "--naevner", stdout=io.StringIO())
    assert Observation.objects.get(kommune__kode="101", aar=2011).naevner == 539542


def test_export_nogletal_writes_csv_and_xlsx_for_all_98_municipalities(tmp_path):
    call_command("import_statbank", str(FILER / "should_pass" / "skabelon.csv"), stdout=io.StringIO())
    csv_fil, xlsx_fil = tmp_path / "ud.csv", tmp_path / "ud.xlsx"
    call_command("export_nogletal", str(csv_fil), "--aar", "2011", stdout=io.StringIO())
    raekker = list(csv.DictReader(io.StringIO(csv_fil.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert list(raekker[0]) == [
        "kommunekode",
        "kommune",
        "indikator",
        "aar",
        "taeller",
        "naevner",
        "vaerdi",
        "landsgennemsnit",
        "gruppe",
        "gruppegennemsnit",
        "status",
    ]
    kbh = next(r for r in raekker if r["kommunekode"] == "101" and r["indikator"] == "udgifter_anbringelser")
    assert kbh["taeller"] == "1234567,5"
    call_command("export_nogletal", str(xlsx_fil), "--indikator", "anmeldte_forbrydelser", stdout=io.StringIO())
    ark = load_workbook(xlsx_fil).active
    assert ark["A1"].value == "Kommunekode" and {r[2] for r in ark.iter_rows(min_row=2, values_only=True)} == {
        "anmeldte_forbrydelser"
    }
    with pytest.raises(CommandError, match="Året skal ligge mellem"):
        call_command("export_nogletal", str(csv_fil), "--aar", "1990")


def test_downloads_are_recorded_in_the_download_log(client_for, evaluator, ministeriet):
    from hentninger.models import Hentning

    call_command("import_statbank", str(FILER / "should_pass" / "skabelon.csv"), stdout=io.StringIO())
    koersel = ImportKoersel.objects.get()
    client_for(evaluator).get("/noegletal/eksport/fil/", {"format": "xlsx", "aar": 2011})
    client_for(evaluator).get("/profiler/101/2011/pdf/")
    client_for(ministeriet).get(f"/noegletal/importer/{koersel.pk}/fil/")
    assert sorted(Hentning.objects.values_list("art", "objekt_tekst", "bruger__username")) == [
        ("Import", f"Import {koersel.pk}: skabelon.csv", ministeriet.username),
        ("Nøgletal (XLSX)", "Alle indikatorer, 2011", evaluator.username),
        ("Social profil (PDF)", "København, 2011", evaluator.username),
    ]
