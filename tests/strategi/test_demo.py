"""The demo: København's strategy with the three focus areas it chose, labelled example content in which every goal
status, action status and colour, a late action and every step of the indsatstrappe appear, follow-ups over 2011–2012,
an annual review with an earlier version; the other participants in other states; loaded once however often
`load_demo` runs. And the strategy PDF of the København demo, read back: every section is there, and every chart and
diagram reaches a screen reader with its text alternative."""

import io
import shutil
import subprocess
from collections import Counter
from datetime import date

import pytest
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from hentninger.models import Hentning
from kommuner.models import Bruger
from strategi.maalstatus import Maalstatus
from strategi.models import (
    Aarsgennemgang,
    Farve,
    Fremskridt,
    Handling,
    HandlingStatus,
    Maal,
    Opfoelgning,
    Strategi,
    StrategiStatus,
    Strategiversion,
    Tilbud,
    Trin,
)
from strategi.selectors import (
    fremskridt_sendt_tilbage,
    fremskridt_til_gennemsyn,
    handlinger_for_strategi,
    maal_for_strategi,
)
from tests.pdfua import struktur

pytestmark = pytest.mark.django_db

FOKUS = [
    "Redskaber til tidlig opsporing af børn med risikoprofiler",
    "Procedure for arbejdet med overgange",
    "Fleksible tilbud, herunder alternativer til dagbehandling",
]


@pytest.fixture
def demo(settings):
    settings.DEMO_MODE = True
    call_command("load_demo")
    return Strategi.objects.med_kommune().get(deltagelse__kommune__kode="101")


def _antal():
    return [m.objects.count() for m in (Strategi, Maal, Handling, Tilbud, Opfoelgning, Aarsgennemgang)]


def test_copenhagens_demo_shows_every_status_and_colour_and_loads_once(demo):
    assert list(demo.indsatsomraader.order_by("pk").values_list("navn", flat=True)) == FOKUS
    assert demo.eksempeldata and demo.status == StrategiStatus.REVIDERET and demo.versionsnummer == 2
    assert (demo.vedtaget_af, demo.vedtaget_dato.year) == ("Socialudvalget", 2012)

    maal = maal_for_strategi(demo)
    assert set(Counter(m.status for m in maal)) == set(Maalstatus.values)
    assert any(m.maal.indikator_id for m in maal) and any(not m.maal.indikator_id for m in maal)
    assert all(o.dato.year in (2011, 2012) for o in Opfoelgning.objects.filter(strategi=demo))

    handlinger = handlinger_for_strategi(demo, i_dag=timezone.localdate())
    assert {h.farve for h in handlinger} == set(Farve.values)
    assert {h.status for h in handlinger} == set(HandlingStatus.values)
    assert any(h.forsinket for h in handlinger)
    assert set(demo.tilbud.values_list("trin", flat=True)) == set(Trin.values)
    assert demo.tilbud.exclude(evidensprogram="").count() >= 3

    assert Strategiversion.objects.filter(strategi=demo, nummer=1).exists()
    gennemgang = Aarsgennemgang.objects.get(strategi=demo)
    assert gennemgang.aar == 2012 and any(linje.er_aendret for linje in gennemgang.linjer.all())

    andre = dict(Strategi.objects.exclude(pk=demo.pk).values_list("deltagelse__kommune__kode", "status"))
    assert andre == {"147": "godkendt", "751": "indsendt", "461": "kladde", "860": "vedtaget"}
    assert all(Strategi.objects.values_list("eksempeldata", flat=True))

    foer = _antal()
    call_command("load_demo")
    assert _antal() == foer


def test_the_demo_lead_finds_the_strategy_in_one_click_from_the_front_page(demo, client):
    client.force_login(Bruger.objects.get(username="projektleder-101"))
    forside = client.get("/").content.decode()
    assert f'href="/strategier/{demo.pk}/"' in forside
    assert "Eksempeldata" in client.get(f"/strategier/{demo.pk}/").content.decode()


def test_the_strategy_pdf_of_the_copenhagen_demo_has_every_section(demo, client, tmp_path):
    client.force_login(Bruger.objects.get(username="evaluator"))
    response = client.get(f"/strategier/{demo.pk}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="forebyggelsesstrategi-101-version-2-')
    assert Hentning.objects.get(art="Forebyggelsesstrategi (PDF)").objekt_tekst.endswith("(København), version 2")
    laeser = PdfReader(io.BytesIO(response.content))
    tekst = " ".join(" ".join(side.extract_text().split()) for side in laeser.pages)
    for afsnit in [
        demo.titel,
        "Eksempeldata",
        "Vision",
        "Sammenhæng med børnepolitikken",
        "Struktur",
        *FOKUS,
        "Målgrupper",
        "Aktører",
        "Mål og opfølgning",
        "Status: På vej",
        "Status: Bagud",
        "Status: Nået",
        "Status: Ingen data",
        "Forventet værdi = baseline",
        "Handleplan",
        "Forsinket:",  # the late flag (the narrow column may hyphenate the rest)
        "Forandringsteori",
        "Tilbud på indsatstrappen",
        *[f"Trin {t}:" for t in Trin.values],
        "De Utrolige År",
        "Årlige gennemgange",
        "Gennemgang 2012",
        "data pr.",
    ]:
        assert afsnit in tekst, afsnit
    for farve in ("Grøn", "Gul", "Rød"):
        assert farve in tekst
    for nummer in ("E1:", "L1:", "K1:", "H1:"):
        assert nummer in tekst
    # A progress chart per goal and a theory of change per focus area, each an image with its alt text.
    tjek = struktur(response.content)
    assert tjek.fejl == []
    assert tjek.antal["figurer"] == len(maal_for_strategi(demo)) + demo.indsatsomraader.count() > 3
    # Every page renders to an image with something on it (the pages were also looked at by eye).
    if shutil.which("pdftoppm"):
        pdf = tmp_path / "strategi.pdf"
        pdf.write_bytes(response.content)
        subprocess.run(["pdftoppm", "-png", "-r", "20", str(pdf), str(tmp_path / "side")], check=True)
        billeder = sorted(tmp_path.glob("side-*.png"))
        assert len(billeder) == len(laeser.pages) >= 8
        assert all(b.stat().st_size > 1_000 for b in billeder)


def test_copenhagens_demo_has_progress_during_the_spring_that_the_ministry_has_not_seen(demo):
    fremskridt = list(Fremskridt.objects.filter(strategi=demo))
    assert {f.status for f in fremskridt} == {HandlingStatus.GENNEMFOERT, HandlingStatus.I_GANG}
    assert all(f.dato < date(2012, 6, 1) for f in fremskridt)
    assert [f.sendt_tilbage for f in fremskridt].count(True) == 1
    ministeriet = Bruger.objects.get(username="ministeriet")
    assert len(fremskridt_til_gennemsyn(ministeriet)) == len(fremskridt) - 1
    (tilbage,) = fremskridt_sendt_tilbage(Bruger.objects.get(username="projektleder-101"))
    assert "hvilke skoler" in tilbage.kommentarer.get().tekst
