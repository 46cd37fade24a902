"""The profile page: what it shows, findings per role, the year and map choices, SVG caching, the settings and
findings forms, and the same number of queries however much data there is."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forebyggelse import grafer as tegning
from forebyggelse.formatering import tidspunkt
from kommuner.models import Kommune, Kommunegruppe
from profiler.models import Fund, Indikator, Kategori
from profiler.services.profiler import fund_gem
from tests.profiler.factories import IndikatorFactory, importer

pytestmark = pytest.mark.django_db


@pytest.fixture
def tal():
    indikator = Indikator.objects.get(kode="anmeldte_forbrydelser")
    importer(
        [
            (kode, indikator.kode, aar, t + aar - 2010, n)
            for kode, t, n in (("101", 1000, 10000), ("147", 300, 5000), ("751", 500, 2000))
            for aar in (2010, 2011)
        ],
        eksempeldata=True,
    )
    return indikator


def test_the_page_shows_figures_marks_example_data_and_links_charts_by_their_data(client_for, evaluator, tal):
    html = client_for(evaluator).get("/profiler/101/2011/").content.decode()
    assert "Social profil: Københavns Kommune, 2011" in html
    assert "Eksempeldata" in html
    assert "Hovedstadskommuner" in html and "de andre 23 kommuner" in html
    assert "Kort: Geodatastyrelsen &amp; Danske Kommuner" in html
    noegle = re.search(r"/profiler/101/2011/graf/anmeldte_forbrydelser\.svg\?v=([0-9a-f]{64})", html).group(1)
    svar = client_for(evaluator).get(f"/profiler/101/2011/graf/anmeldte_forbrydelser.svg?v={noegle}")
    assert svar["Content-Type"] == "image/svg+xml" and svar.content.startswith(b"<svg")
    assert "immutable" in svar["Cache-Control"]  # the page's key is the chart's data key
    assert (
        "no-cache"
        in client_for(evaluator).get("/profiler/101/2011/graf/anmeldte_forbrydelser.svg?v=x")["Cache-Control"]
    )
    assert re.search(r'alt="Graf over Anmeldte forbrydelser pr. 1.000 indbyggere \(pr. 1.000\) år for år\. 2010:', html)


def test_a_chart_is_rendered_once_and_again_only_when_its_data_changes(client_for, evaluator, tal, monkeypatch):
    kald = []
    original = tegning.vl_convert.vegalite_to_svg  # every chart is drawn through forebyggelse/grafer.py
    monkeypatch.setattr(tegning.vl_convert, "vegalite_to_svg", lambda *a, **k: kald.append(1) or original(*a, **k))
    client = client_for(evaluator)
    client.get("/profiler/101/2011/graf/anmeldte_forbrydelser.svg")
    client.get("/profiler/101/2011/graf/anmeldte_forbrydelser.svg")
    assert len(kald) == 1
    importer([("101", tal.kode, 2011, 1234, 10000)])
    client.get("/profiler/101/2011/graf/anmeldte_forbrydelser.svg")
    assert len(kald) == 2


def test_a_year_without_figures_says_so(client_for, evaluator, tal):
    html = client_for(evaluator).get("/profiler/101/2013/").content.decode()
    assert "Ingen nøgletal for 2013" in html and "Der er tal for 2010, 2011" in html
    assert client_for(evaluator).get("/profiler/101/1990/").status_code == 404


def test_the_latest_year_is_the_default(client_for, evaluator, tal):
    assert client_for(evaluator).get("/profiler/101/")["Location"] == "/profiler/101/2011/"


def test_the_map_shows_the_chosen_indicator(client_for, evaluator, tal):
    html = client_for(evaluator).get("/profiler/147/2011/", {"kort": "anmeldte_forbrydelser"}).content.decode()
    assert "Danmarkskort: Anmeldte forbrydelser pr. 1.000 indbyggere, 2011" in html
    assert "/profiler/147/2011/kort/anmeldte_forbrydelser.svg?v=" in html


def test_findings_are_the_municipalitys_own(client_for, projektleder_101, projektleder_147, styregruppe, tal):
    fund_gem(
        kommune=Kommune.objects.get(kode="101"),
        kategori=Kategori.KRIMINALITET,
        tekst="Et fund om tryghed.",
        version=0,
        bruger=projektleder_101,
    )
    assert "Et fund om tryghed." in client_for(styregruppe).get("/profiler/101/2011/").content.decode()
    andens = client_for(projektleder_147).get("/profiler/101/2011/").content.decode()
    assert "Et fund om tryghed." not in andens and "Anmeldte forbrydelser" in andens  # the published figures only
    assert client_for(projektleder_147).get("/profiler/101/2011/pdf/").status_code == 200


def test_two_people_writing_findings_at_once_do_not_overwrite_each_other(
    client_for, projektleder_101, ministeriet, tal
):
    kobenhavn = Kommune.objects.get(kode="101")
    fund_gem(kommune=kobenhavn, kategori=Kategori.KRIMINALITET, tekst="Første udgave.", version=0, bruger=ministeriet)
    client = client_for(projektleder_101)
    url = "/profiler/101/fund/kriminalitet/"
    assert client.post(url, {"tekst": "Lederens udgave.", "version": 1}).status_code == 302
    svar = client.post(url, {"tekst": "Skrevet oven på en gammel version.", "version": 1})
    assert svar.status_code == 409
    html = svar.content.decode()
    assert "Lederens udgave." in html and "Skrevet oven på en gammel version." in html  # the input is kept
    gemt = Fund.objects.get(profil__kommune=kobenhavn)
    assert f"Fundene til afsnittet er blevet ændret af Test projektleder den {tidspunkt(gemt.aendret)}" in html
    assert Fund.objects.get(profil__kommune=kobenhavn).tekst == "Lederens udgave."


def test_a_lead_chooses_indicators_and_only_the_ministry_changes_the_group(
    client_for, projektleder_101, ministeriet, tal
):
    lille = Indikator.objects.get(kode="anbragte_0_17")
    lead = client_for(projektleder_101)
    assert (
        lead.post(
            "/profiler/101/indstillinger/noegletal/", {"indikatorer": [tal.pk, lille.pk], "version": 0}
        ).status_code
        == 302
    )
    html = lead.get("/profiler/101/2011/").content.decode()
    assert html.count('class="indikator"') == 2
    gruppe = Kommunegruppe.objects.get(navn="Storbykommuner")
    assert lead.post("/profiler/101/indstillinger/gruppe/", {"sammenligningsgruppe": gruppe.pk}).status_code == 403
    ministeriet_client = client_for(ministeriet)
    assert (
        ministeriet_client.post("/profiler/101/indstillinger/gruppe/", {"sammenligningsgruppe": gruppe.pk}).status_code
        == 302
    )
    html = ministeriet_client.get("/profiler/101/2011/").content.decode()
    assert "gruppen <strong>Storbykommuner</strong>" in html


def _forespoergsler(client, url: str) -> int:
    client.get(url)  # warms the caches, as every page after the first
    with CaptureQueriesContext(connection) as forespoergsler:
        assert client.get(url).status_code == 200
    return len(forespoergsler)


def test_the_page_makes_the_same_number_of_queries_however_much_data_there_is(client_for, evaluator, ministeriet):
    client = client_for(evaluator)
    indikatorer = [IndikatorFactory(standard=True) for _ in range(2)]
    importer([("101", i.kode, 2011, 50, 1000) for i in indikatorer])
    lille = _forespoergsler(client, "/profiler/101/2011/")
    flere = [IndikatorFactory(standard=True) for _ in range(6)]
    importer(
        [
            (k.kode, i.kode, aar, 50 + n, 1000)
            for n, k in enumerate(Kommune.objects.all())
            for i in [*indikatorer, *flere]
            for aar in range(2005, 2013)
        ]
    )
    stor = _forespoergsler(client, "/profiler/101/2011/")
    assert lille == stor
    assert stor <= 16


def test_the_cached_page_follows_the_data_the_findings_and_the_viewers_rights(
    client_for, styregruppe, projektleder_101, projektleder_147, tal
):
    kobenhavn = Kommune.objects.get(kode="101")
    fund_gem(
        kommune=kobenhavn, kategori=Kategori.KRIMINALITET, tekst="Første fund.", version=0, bruger=projektleder_101
    )
    assert "Første fund." in client_for(styregruppe).get("/profiler/101/2011/").content.decode()
    # Another municipality's lead gets the same figures, never the findings cached for the steering group.
    andens = client_for(projektleder_147).get("/profiler/101/2011/").content.decode()
    assert "Første fund." not in andens and "Anmeldte forbrydelser" in andens
    importer([("101", tal.kode, 2011, 7777, 10000)])
    fund_gem(kommune=kobenhavn, kategori=Kategori.KRIMINALITET, tekst="Andet fund.", version=1, bruger=projektleder_101)
    html = client_for(styregruppe).get("/profiler/101/2011/").content.decode()
    assert "777,7" in html and "Andet fund." in html and "Første fund." not in html


def test_choosing_indicators_over_a_newer_choice_is_refused_and_the_choice_kept(
    client_for, projektleder_101, ministeriet, tal
):
    lille = Indikator.objects.get(kode="anbragte_0_17")
    html = client_for(projektleder_101).get("/profiler/101/indstillinger/").content.decode()
    assert 'name="version" value="0"' in html
    client_for(ministeriet).post("/profiler/101/indstillinger/noegletal/", {"indikatorer": [tal.pk], "version": 0})
    svar = client_for(projektleder_101).post(
        "/profiler/101/indstillinger/noegletal/", {"indikatorer": [lille.pk], "version": 0}
    )
    assert svar.status_code == 409
    assert "Profilens nøgletal er blevet ændret af Test ministeriet den " in svar.content.decode()
    assert re.search(rf'value="{lille.pk}"[^>]*checked', svar.content.decode())  # the lead's choice is kept
    profil = Kommune.objects.get(kode="101").profil
    assert [v.indikator_id for v in profil.valg.all()] == [tal.pk]
