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
from datetime import date

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone
from pypdf import PdfReader

from evaluering.eksporter import DATAEKSPORTER
from evaluering.models import Baggrundsjob, Indsendelse, Jobstatus, Moede, Moedestatus, Tidsplanpunkt
from evaluering.pakker import Pakke, byg_pakke
from evaluering.selectors import (
    fremmoedeliste,
    leveranceoverblik,
    manglende_fremmoedesvar,
    moedeindhold,
    moeder_uden_fremmoede,
    naeste_moede,
    referater_til_godkendelse,
    tidsplan_for,
)
from kommuner.demo import PROGRAMNAVN
from kommuner.models import Bruger, Kommune, Kvittering, Program
from strategi.models import Strategi
from strategi.permissions import strategier_til_laesning
from tests.dataordbog import DATOER, tjek_pakkens_ordbog, tjek_xlsx
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
        program = Program.objects.get(navn=PROGRAMNAVN)
        evaluator = Bruger.objects.get(username="evaluator")
        pakke = byg_pakke(program=program, art="alt", bruger=evaluator, i_dag=timezone.localdate())
        arkiv = zipfile.ZipFile(io.BytesIO(pakke.indhold))
        pdfer = {navn: arkiv.read(navn) for navn in arkiv.namelist() if navn.endswith(".pdf")}
        client = Client()
        client.force_login(evaluator)
        for moede in Moede.objects.filter(status=Moedestatus.GODKENDT):
            pdfer[f"referat/{moede.titel}.pdf"] = client.get(f"/moeder/{moede.pk}/referat.pdf").content
        for kvittering in Kvittering.objects.filter(ansoegning__program=program).select_related("ansoegning__kommune"):
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
    # The planned 3rd network meeting (april 2012) was held: the timeline shows it at its own time.
    assert {"uge 7, 2011", "februar–april 2011", "oktober–november 2012", "19. april 2012 kl. 10.00"} <= tekster
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


def _navne(program) -> dict[str, str]:
    return {k.kode: k.officielt_navn for k in Kommune.objects.filter(deltagelser__program=program)}


MED_INDHOLD = ("rapporter/", "referat/", "kvittering/")


def test_every_pdf_of_the_demo_programme_renders_as_an_accessible_pdf_and_reads_back(demo, capsys):
    navne = _navne(demo.program)
    evaluator = Bruger.objects.get(username="evaluator")
    strategier = {s.kommune.kode: s.titel for s in strategier_til_laesning(evaluator)}  # submitted ones
    forventet: dict[str, list[str]] = {
        "rapporter/programstatus.pdf": ["Programmets status", "Deltagerne", "Mødedeltagelse", "Hjørring", "Mangler"]
    }
    for kode, navn in navne.items():
        mappe = next(n.rsplit("/", 1)[0] for n in demo.pdfer if n.startswith(f"rapporter/{kode}-"))
        forventet[f"{mappe}/statusrapport.pdf"] = [f"Statusrapport for {navn}", "Mødedeltagelse", "Milepælsplan"]
        if kode == "147":  # Frederiksberg's example organisation and plan
            forventet[f"{mappe}/statusrapport.pdf"] += ["Eksempel Projektejer", "Forsinket"]
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
    # programme, status, profiles, strategies, receipts, approved minutes (5), submitted deliveries
    assert len(demo.pdfer) == 1 + 5 + 5 + 4 + 5 + 5 + 4

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


def test_the_demo_packages_data_follow_the_export_rule(demo):
    """On the demo's real data: every XLSX has Danish headings, Excel dates, periods as text and its dictionary
    sheet; dataordbog.csv describes every CSV column in the ZIP."""
    arkiv = zipfile.ZipFile(io.BytesIO(demo.pakke.indhold))
    tjek_pakkens_ordbog(arkiv)
    for eksport in DATAEKSPORTER.values():
        raekker = tjek_xlsx(
            arkiv.read(f"data/{eksport.filnavn(demo.program, 'xlsx')}"), eksport.kolonner, datoer=DATOER[eksport.navn]
        )
        assert raekker, eksport.navn
        for dato in DATOER[eksport.navn]:
            assert any(r[dato].is_date for r in raekker), (eksport.navn, dato)


def test_the_demo_has_a_network_meeting_with_minutes_per_item_and_an_apology(demo):
    """Before 1 June 2012 (the demo's day): the 3rd network meeting, minutes under each agenda item with a decision
    and a follow-up point under the last, and Frederiksberg's apology with its reason."""
    tredje = Moede.objects.get(art="netvaerksmoede", nummer=3)
    assert tredje.start.date() < date(2012, 6, 1) and tredje.status == Moedestatus.GODKENDT
    indhold = moedeindhold(tredje)
    assert len(indhold.referat) == 4 and all(r.punkt.referat.startswith("Eksempeldata") for r in indhold.referat)
    sidste = indhold.referat[-1]
    assert len(sidste.beslutninger) == 1 and sidste.beslutninger[0].frist is None
    assert len(sidste.opfoelgningspunkter) == 1 and sidste.opfoelgningspunkter[0].frist
    afbud = {r.kommune.kode: r.tekst for r in indhold.fremmoede if r.fremmoede and r.fremmoede.status == "afbud"}
    assert list(afbud) == ["147"] and afbud["147"].startswith("Meldt afbud: Eksempeldata: projektlederen")
    # The pages on 1 June 2012: minutes to approve and attendance missing for the ministry, Frederiksberg's answer
    # owed, the steering group's next meeting.
    ministeriet, leder, styregruppe = (
        Bruger.objects.get(username=u) for u in ("ministeriet", "projektleder-147", "styregruppe")
    )
    anden = Moede.objects.get(art="netvaerksmoede", nummer=2)
    assert referater_til_godkendelse(ministeriet) == [anden]
    assert moeder_uden_fremmoede(ministeriet) == [anden]
    assert [(s.moede, s.kommune.kode) for s in manglende_fremmoedesvar(leder)] == [(anden, "147")]
    naeste = naeste_moede(styregruppe, i_dag=date(2012, 6, 1))
    assert naeste.art == "styregruppemoede" and naeste.start.date() == date(2012, 6, 14)
