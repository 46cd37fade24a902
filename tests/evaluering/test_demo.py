"""The demo programme: its timeline, meetings and deliveries load once and are labelled as example data; and every PDF
of the demo programme renders and reads back as an accessible PDF (PDF/UA-1, Danish, titled, page numbers; in its
structure tree every figure has alt text, every table header cells, every header cell a scope).

The demo is loaded once for this module and every PDF rendered once (the evaluator's package of everything, the
approved minutes, the receipts made at loading), inside one transaction rolled back after the module."""

import csv
import hashlib
import io
import zipfile
from collections import Counter
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone
from pypdf import PdfReader

from evaluering.models import Baggrundsjob, Indsendelse, Jobstatus, Moede, Moedestatus, Tidsplanpunkt
from evaluering.pakker import Pakke, byg_pakke
from evaluering.selectors import fremmoedeliste, leveranceoverblik, tidsplan_for
from kommuner.models import Bruger, Kommune, Kvittering, Program
from strategi.models import Strategi
from strategi.permissions import strategier_til_laesning
from tests.pdfua import struktur

pytestmark = pytest.mark.django_db


@dataclass
class Demo:
    program: Program
    pakke: Pakke
    pdfer: dict[str, bytes]  # every PDF of the demo programme, by a name saying what it is


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(DEMO_MODE=True, MEDIA_ROOT=tmp_path_factory.mktemp("media")),
    ):
        call_command("load_demo")
        program = Program.objects.get()
        evaluator = Bruger.objects.get(username="evaluator")
        pakke = byg_pakke(program=program, art="alt", bruger=evaluator, i_dag=timezone.localdate())
        arkiv = zipfile.ZipFile(io.BytesIO(pakke.indhold))
        pdfer = {navn: arkiv.read(navn) for navn in arkiv.namelist() if navn.endswith(".pdf")}
        client = Client()
        client.force_login(evaluator)
        for moede in Moede.objects.filter(status=Moedestatus.GODKENDT):
            pdfer[f"referat/{moede.titel}.pdf"] = client.get(f"/moeder/{moede.pk}/referat.pdf").content
        for kvittering in Kvittering.objects.select_related("ansoegning__kommune"):
            pdfer[f"kvittering/{kvittering.ansoegning.kommune.kode}.pdf"] = bytes(kvittering.pdf)
        yield Demo(program, pakke, pdfer)
        transaction.set_rollback(True)


def test_the_demo_timeline_meetings_and_deliveries_load_once(demo, settings, client):
    settings.DEMO_MODE = True
    tael = [m.objects.count() for m in (Tidsplanpunkt, Moede, Indsendelse, Baggrundsjob)]
    call_command("load_demo")
    assert [m.objects.count() for m in (Tidsplanpunkt, Moede, Indsendelse, Baggrundsjob)] == tael
    program = demo.program
    ministeriet = Bruger.objects.get(username="ministeriet")
    tekster = {p.tekst for p in tidsplan_for(program, ministeriet).poster}
    assert {"uge 7, 2011", "februar–april 2011", "oktober–november 2012", "april 2012"} <= tekster
    netvaerk = Moede.objects.get(art="netvaerksmoede", nummer=1)
    assert netvaerk.status == Moedestatus.GODKENDT and "Eksempeldata" in netvaerk.referat
    assert [r.kommune.kode for r in fremmoedeliste(netvaerk) if r.mangler] == ["860"]
    assert not Baggrundsjob.objects.exclude(status=Jobstatus.FAERDIG).exists()  # the minutes' mails ran, to nobody
    raekker = {r.dataleverance.titel: r for r in leveranceoverblik(program, ministeriet).raekker}
    celler = {c.deltagelse.kommune.kode: c.tekst for c in raekker["Økonomi og mødedeltagelse 2011"].celler}
    assert celler == {"101": "Godkendt", "147": "Indsendt", "461": "Forsinket", "751": "Forsinket", "860": "Forsinket"}
    # The delivery of profile, strategy and follow-up, frozen after those were loaded.
    strategileverance = raekker["Social profil, strategi og opfølgning 2012"]
    assert [c.tekst for c in strategileverance.celler][:2] == ["Godkendt", "Indsendt"]
    kbh = strategileverance.celler[0].seneste.snapshot
    assert [a["art"] for a in kbh["afsnit"]] == ["social_profil", "strategi", "opfoelgning"]
    assert kbh["afsnit"][0]["data"]["aar"] == 2011 and kbh["afsnit"][0]["data"]["noegletal"]
    assert kbh["afsnit"][1]["blokke"][0]["felter"][0] == [
        "Titel",
        Strategi.objects.get(deltagelse__kommune__kode="101").titel,
    ]
    client.force_login(ministeriet)
    assert client.get(f"/programmer/{program.pk}/tidsplan/").status_code == 200


def _navne() -> dict[str, str]:
    return {k.kode: k.officielt_navn for k in Kommune.objects.filter(deltagelser__isnull=False)}


MED_INDHOLD = ("rapporter/", "referat/", "kvittering/")


def test_every_pdf_of_the_demo_programme_renders_as_an_accessible_pdf_and_reads_back(demo, capsys):
    navne = _navne()
    evaluator = Bruger.objects.get(username="evaluator")
    strategier = {s.kommune.kode: s.titel for s in strategier_til_laesning(evaluator)}  # submitted ones
    forventet: dict[str, list[str]] = {
        "rapporter/programstatus.pdf": ["Programmets status", "Deltagerne", "Mødedeltagelse", "Hjørring", "Mangler"]
    }
    for kode, navn in navne.items():
        mappe = next(n.rsplit("/", 1)[0] for n in demo.pdfer if n.startswith(f"rapporter/{kode}-"))
        forventet[f"{mappe}/statusrapport.pdf"] = [f"Statusrapport for {navn}", "Mødedeltagelse"]
        forventet[next(n for n in demo.pdfer if n.startswith(f"{mappe}/social-profil-"))] = [f"Social profil: {navn}"]
        if kode in strategier:
            forventet[f"{mappe}/forebyggelsesstrategi.pdf"] = [" ".join(strategier[kode].split()[:3]), "Handleplan"]
        forventet[f"kvittering/{kode}.pdf"] = ["Kvittering for interessetilkendegivelse"]
    for navn in demo.pdfer:
        if navn.startswith("leverancer/"):
            forventet[navn] = ["Kontrolsum", "Leverancen er frosset"]
        if navn.startswith("referat/"):
            forventet[navn] = ["Referat af", "Fremmøde"]
    assert set(demo.pdfer) == set(forventet)
    assert len(demo.pdfer) == 1 + 5 + 5 + 4 + 5 + 4 + 4  # programme, status, profiles, strategies, receipts, ...

    i_alt = Counter()
    for navn, pdf in demo.pdfer.items():
        laeser = PdfReader(io.BytesIO(pdf))
        rod = laeser.trailer["/Root"]
        assert rod["/Lang"] == "da", navn
        assert rod["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in rod, navn
        assert rod["/ViewerPreferences"]["/DisplayDocTitle"], navn
        assert 'pdfuaid:part="1"' in rod["/Metadata"].get_object().get_data().decode(), navn
        assert laeser.metadata.title, navn
        sider = [" ".join(side.extract_text().split()) for side in laeser.pages]
        for nr, tekst in enumerate(sider, start=1):
            assert f"Side {nr} af {len(sider)}" in tekst, (navn, nr)
        tekst = " ".join(sider)
        for del_ in forventet[navn]:
            assert del_ in tekst, (navn, del_)
        if navn.startswith(MED_INDHOLD):  # three sections or more: a contents list on the first page
            assert "Indhold" in sider[0], navn
        # What a screen reader meets: every chart with its text alternative, tables with header cells that say what
        # they head, no table title left behind at a page break.
        tjek = struktur(pdf)
        i_alt.update(tjek.antal)
        assert tjek.fejl == [], (navn, tjek.fejl[:5])
        assert tjek.antal["tabeller"] and tjek.antal["overskriftsceller"], navn
        if navn.startswith("rapporter/"):  # the reports show charts
            assert tjek.antal["figurer"], navn
    with capsys.disabled():
        print(
            f"\nPDF-strukturtræ: {len(demo.pdfer)} PDF'er, {i_alt['figurer']} figurer, {i_alt['tabeller']} tabeller, "
            f"{i_alt['overskriftsceller']} overskriftsceller, 0 fejl."
        )


def test_the_demo_package_lists_every_file_with_its_checksum(demo):
    arkiv = zipfile.ZipFile(io.BytesIO(demo.pakke.indhold))
    manifest = list(csv.reader(io.StringIO(arkiv.read("manifest.csv").decode("utf-8-sig")), delimiter=";"))
    filer = {raekke[0]: raekke for raekke in manifest[1:]}
    assert set(filer) == set(arkiv.namelist()) - {"manifest.csv"}
    assert all(hashlib.sha256(arkiv.read(n)).hexdigest() == r[1] for n, r in filer.items())
    leverancer = [r for r in filer.values() if r[0].startswith("leverancer/")]
    assert len(leverancer) == 8 and all(r[3].startswith("Dataleverance “") for r in leverancer)
    assert {r[0] for r in filer.values() if r[0].startswith("data/")} == {
        f"data/{navn}-program-{demo.program.pk}.{endelse}"
        for navn in ("noegletal", "maal", "opfoelgninger", "handlinger")
        for endelse in ("csv", "xlsx")
    }
