"""The real STRAF11/FOLK1A data: København's, the national and the group's reported offences per 1,000 inhabitants
in 2011, recomputed here from the raw files in profiler/data, agree with the profile page, the CSV export and the
PDF."""

import csv
import io
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from forebyggelse.formatering import tal
from kommuner.models import Kommune
from profiler.demo import indlaes_straf11_og_folk1a

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent.parent.parent / "profiler" / "data"


def _laes(navn: str, kolonne: str) -> dict[tuple[str, str], int]:
    with (DATA / navn).open(encoding="utf-8") as fil:
        return {(r["kode"], r["tid"]): int(r[kolonne]) for r in csv.DictReader(fil)}


@pytest.fixture
def forventet():
    """Recomputed from the raw files: offences are the sum of 2011's four quarters, inhabitants those of
    1 January 2011 (2011K1); the country and the group are sums over municipalities, not means of rates."""
    forbrydelser = _laes("straf11_anmeldte_forbrydelser_kvartal_2010_2013.csv", "anmeldte_forbrydelser")
    befolkning = _laes("folk1a_befolkning_kvartal_2010_2013.csv", "befolkning")
    kommuner = {k.kode: k.kommunegruppe.navn for k in Kommune.objects.med_gruppe()}
    assert len(kommuner) == 98  # Christiansø (411) and "unknown" (998) are not municipalities

    def t(kode: str) -> int:
        return sum(forbrydelser[(kode, f"2011K{q}")] for q in range(1, 5))

    def rate(koder) -> Decimal:
        koder = list(koder)
        vaerdi = Decimal(sum(t(k) for k in koder)) / Decimal(sum(befolkning[(k, "2011K1")] for k in koder)) * 1000
        return vaerdi.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    gruppe = [k for k, g in kommuner.items() if g == kommuner["101"] and k != "101"]
    return {
        "kobenhavn": rate(["101"]),
        "land": rate(kommuner),
        "gruppe": rate(gruppe),
        "taeller": t("101"),
        "naevner": befolkning[("101", "2011K1")],
    }


@pytest.fixture
def rigtige_tal(db):
    indlaes_straf11_og_folk1a(bruger=None)


def test_the_recomputed_figures_are_what_dst_published(forventet):
    assert forventet["taeller"] == 99_787
    assert forventet["naevner"] == 539_542
    assert forventet["kobenhavn"] == Decimal("184.9")


def test_the_profile_page_shows_the_recomputed_figures(client_for, evaluator, rigtige_tal, forventet):
    html = client_for(evaluator).get("/profiler/101/2011/").content.decode()
    raekke = re.search(r'href="#indikator-anmeldte_forbrydelser">.*?</tr>', html, re.S).group(0)
    celler = re.findall(r'<td class="tal[^"]*">\s*([^<]*?)\s*</td>', raekke)
    assert celler[:3] == [tal(forventet["kobenhavn"], 1), tal(forventet["land"], 1), tal(forventet["gruppe"], 1)]
    aarsraekke = re.search(r'id="indikator-anmeldte_forbrydelser".*?<th scope="row">2011</th>(.*?)</tr>', html, re.S)
    assert tal(forventet["taeller"]) in aarsraekke.group(1)


def test_the_csv_export_has_the_recomputed_figures(client_for, evaluator, rigtige_tal, forventet):
    svar = client_for(evaluator).get("/noegletal/eksport/fil/", {"format": "csv", "aar": 2011})
    raekker = list(csv.DictReader(io.StringIO(svar.content.decode("utf-8-sig")), delimiter=";"))
    kbh = next(r for r in raekker if r["kommunekode"] == "101" and r["indikator"] == "anmeldte_forbrydelser")
    assert kbh["taeller"] == str(forventet["taeller"]) and kbh["naevner"] == str(forventet["naevner"])
    assert kbh["vaerdi"] == str(forventet["kobenhavn"]).replace(".", ",")
    assert kbh["landsgennemsnit"] == str(forventet["land"]).replace(".", ",")
    assert kbh["gruppegennemsnit"] == str(forventet["gruppe"]).replace(".", ",")
    assert kbh["gruppe"] == "Hovedstadskommuner" and kbh["status"] == "Endelig"
    assert len({r["kommunekode"] for r in raekker}) == 98


def test_the_pdf_has_the_recomputed_figures(client_for, evaluator, rigtige_tal, forventet):
    svar = client_for(evaluator).get("/profiler/101/2011/pdf/")
    assert svar["Content-Type"] == "application/pdf"
    tekst = " ".join(side.extract_text() for side in PdfReader(io.BytesIO(svar.content)).pages)
    tekst = " ".join(tekst.split())
    raekke = f"{tal(forventet['kobenhavn'], 1)} {tal(forventet['land'], 1)} {tal(forventet['gruppe'], 1)}"
    assert f"Anmeldte forbrydelser pr. 1.000 indbyggere {raekke}" in tekst
    assert f"2011 {tal(forventet['taeller'])} {raekke}" in tekst
