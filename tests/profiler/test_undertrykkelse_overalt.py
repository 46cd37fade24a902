"""No output shows a suppressed count: the profile page, its map table, the CSV and XLSX exports, the PDF's text and
the charts' data and SVG. Læsø has 3 of one part of a total (under 5) and 7 of another (hidden with it, since the
total minus the other parts would give the 3 away) out of a denominator of 13, so its rates would have been
230,8 and 538,5: those strings must appear nowhere."""

import csv
import io
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from kommuner.models import Kommune
from profiler import grafer
from profiler.eksporter import KOLONNER
from profiler.profilside import profilside
from profiler.services.profiler import profil_vaelg_indikatorer
from tests.profiler.factories import IndikatorFactory, importer

pytestmark = pytest.mark.django_db

SKJULTE_RATER = ["230,8", "538,5", "230.8", "538.5", "230.76", "538.46"]


@pytest.fixture
def familie(ministeriet):
    total = IndikatorFactory(kode="anbragte_ialt_test", navn="Anbragte i alt (test)")
    a = IndikatorFactory(kode="anbragte_del_a", navn="Anbragt i plejefamilie (test)", del_af=total)
    b = IndikatorFactory(kode="anbragte_del_b", navn="Anbragt på institution (test)", del_af=total)
    raekker = []
    for kode, (ta, tb, n) in {
        "825": (3, 7, 13),
        "101": (50, 60, 10000),
        "147": (20, 30, 5000),
        "751": (40, 41, 9000),
    }.items():
        for aar in (2011, 2012):
            raekker += [(kode, total.kode, aar, ta + tb, n), (kode, a.kode, aar, ta, n), (kode, b.kode, aar, tb, n)]
    importer(raekker)
    laesoe = Kommune.objects.get(kode="825")
    profil_vaelg_indikatorer(kommune=laesoe, indikatorer=[total, a, b], bruger=ministeriet)
    profil_vaelg_indikatorer(kommune=Kommune.objects.get(kode="101"), indikatorer=[total, a, b], bruger=ministeriet)
    return {"total": total, "a": a, "b": b, "laesoe": laesoe}


def _ingen_skjulte_rater(tekst: str):
    for rate in SKJULTE_RATER:
        assert rate not in tekst, rate


def _aarsraekke(html: str, kode: str, aar: int) -> list[str]:
    artikel = re.search(rf'id="indikator-{kode}".*?</article>', html, re.S).group(0)
    raekke = re.search(rf'<th scope="row">{aar}</th>(.*?)</tr>', artikel, re.S).group(1)
    return [re.sub(r"\s+", " ", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", raekke, re.S)]


def test_the_profile_page_shows_under_5_and_hides_the_rates(client_for, ministeriet, familie):
    html = client_for(ministeriet).get("/profiler/825/2011/").content.decode()
    assert _aarsraekke(html, "anbragte_del_a", 2011)[:2] == ["under 5", "skjult"]
    assert _aarsraekke(html, "anbragte_del_b", 2011)[:2] == ["skjult", "skjult"]
    assert _aarsraekke(html, "anbragte_ialt_test", 2011)[:2] == ["10", "769,2"]
    _ingen_skjulte_rater(html)


def test_another_profiles_map_table_hides_the_same(client_for, projektleder_147, familie):
    html = client_for(projektleder_147).get("/profiler/101/2011/", {"kort": "anbragte_del_b"}).content.decode()
    kort = re.search(r'id="kort".*?</section>', html, re.S).group(0)
    laesoe = re.search(r"<td>825</td>\s*<td>Læsø</td>(.*?)</tr>", kort, re.S).group(1)
    assert [c.strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", laesoe, re.S)] == ["skjult", "skjult"]
    _ingen_skjulte_rater(html)


def test_csv_and_xlsx_exports_hide_them(client_for, evaluator, familie):
    client = client_for(evaluator)
    tekst = client.get("/noegletal/eksport/fil/", {"format": "csv"}).content.decode("utf-8-sig")
    _ingen_skjulte_rater(tekst)
    raekker = {
        (r["kommunekode"], r["indikator"], r["aar"]): r for r in csv.DictReader(io.StringIO(tekst), delimiter=";")
    }
    assert (
        raekker[("825", "anbragte_del_a", "2011")]["taeller"],
        raekker[("825", "anbragte_del_a", "2011")]["vaerdi"],
    ) == ("under 5", "")
    assert (
        raekker[("825", "anbragte_del_b", "2011")]["taeller"],
        raekker[("825", "anbragte_del_b", "2011")]["vaerdi"],
    ) == ("skjult", "")

    bog = load_workbook(io.BytesIO(client.get("/noegletal/eksport/fil/", {"format": "xlsx"}).content))
    ark = bog.active
    assert [c.value for c in ark[1]] == [k.overskrift for k in KOLONNER]  # Danish headings
    kolonner = [k.navn for k in KOLONNER]
    for raekke in ark.iter_rows(min_row=2, values_only=True):
        r = dict(zip(kolonner, raekke, strict=True))
        if r["kommunekode"] == "825" and r["indikator"] in {"anbragte_del_a", "anbragte_del_b"}:
            assert r["taeller"] in {"under 5", "skjult"} and r["vaerdi"] is None
        assert r["vaerdi"] is None or float(r["vaerdi"]) not in {230.8, 538.5}


def test_the_pdf_text_hides_them(client_for, evaluator, familie):
    svar = client_for(evaluator).get("/profiler/825/2011/pdf/")
    tekst = " ".join(" ".join(s.extract_text().split()) for s in PdfReader(io.BytesIO(svar.content)).pages)
    assert "2011 under 5 skjult" in tekst and "2011 skjult skjult" in tekst
    _ingen_skjulte_rater(tekst)


def test_the_charts_data_and_svg_hide_them(client_for, evaluator, familie):
    side = profilside(kommune=familie["laesoe"], aar=2011, program=None, kort_indikator="anbragte_del_a")
    for visning in (v for a in side.afsnit for v in a.indikatorer):
        egne = [p for p in visning.graf_data["punkter"] if p["serie"] == "Læsø"]
        if visning.indikator.kode in {"anbragte_del_a", "anbragte_del_b"}:
            assert egne == []
            assert "under 5" in visning.graf_alt or "skjult" in visning.graf_alt
    assert side.kort.data["vaerdier"]["825"] is None
    client = client_for(evaluator)
    for url in (
        "/profiler/825/2011/graf/anbragte_del_a.svg",
        "/profiler/825/2011/graf/anbragte_del_b.svg",
        "/profiler/825/2011/kort/anbragte_del_a.svg",
        "/profiler/825/2011/afvigelser.svg",
    ):
        svar = client.get(url)
        assert svar["Content-Type"] == "image/svg+xml"
        # The SVG's words and numbers (its path coordinates are geometry, not figures).
        tekster = re.findall(r"<text[^>]*>([^<]*)</text>", svar.content.decode())
        assert tekster
        _ingen_skjulte_rater(" ".join(tekster))
    _ingen_skjulte_rater(
        str(side.afvigelser_data)
        + side.kort.alt
        + str(grafer.kort_data(side.kort.celler, kommune_kode="825", gruppe_koder=[]))
    )


def test_the_api_hides_them_as_the_pages_do(api_for, evaluator, projektleder_147, familie):
    noegletal = api_for(evaluator).get("/api/v1/noegletal/", {"kommune": "825", "aar": 2011}).json()["results"]
    raekker = {r["indikator"]: r for r in noegletal}
    assert (raekker["anbragte_del_a"]["taeller"], raekker["anbragte_del_a"]["taeller_tekst"]) == (None, "under 5")
    assert (raekker["anbragte_del_b"]["taeller"], raekker["anbragte_del_b"]["taeller_tekst"]) == (None, "skjult")
    assert raekker["anbragte_del_a"]["skjult"] and raekker["anbragte_del_a"]["vaerdi"] is None
    assert (raekker["anbragte_ialt_test"]["taeller"], raekker["anbragte_ialt_test"]["vaerdi"]) == (10, 769.2)
    # A lead reads Læsø's profile (every profile is open to every role), hidden the same way.
    profil = api_for(projektleder_147).get("/api/v1/profiler/825/")
    assert profil.status_code == 200
    assert [r["taeller_tekst"] for r in profil.json()["noegletal"] if r["indikator"] == "anbragte_del_a"] == [
        "under 5",
        "under 5",
    ]
    for tekst in (str(noegletal), profil.content.decode()):
        _ingen_skjulte_rater(tekst)
