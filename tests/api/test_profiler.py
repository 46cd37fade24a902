"""The catalogue, the key figures and the profiles through the API: the same selector, rules and figures as the
pages and the export; the queries per page do not grow with the number of municipalities on it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from profiler.eksporter import noegletal_tabel
from tests.profiler.factories import IndikatorFactory, importer

pytestmark = pytest.mark.django_db


@pytest.fixture
def tal(db):
    indikator = IndikatorFactory(kode="test_anbragte", navn="Anbragte (test)")
    raekker = []
    for n, kode in enumerate(["101", "147", "151", "153", "155", "157", "159", "161", "163", "165"]):
        for aar in (2011, 2012):
            raekker.append((kode, indikator.kode, aar, 20 + n, 1000 + 10 * n))
    importer(raekker)
    return indikator


def test_the_key_figures_are_the_exports_rows(api_for, evaluator, tal):
    api = api_for(evaluator)
    raekker, adresse = [], f"/api/v1/noegletal/?indikator={tal.kode}&antal=3"
    while adresse:
        side = api.get(adresse).json()
        raekker += side["results"]
        adresse = side["next"]
    _, eksport = noegletal_tabel(indikator=tal)
    forventet = [(r[0], r[2], r[3], r[4], float(r[6]), r[10]) for r in eksport]
    assert [
        (r["kommune"], r["indikator"], r["aar"], r["taeller"], r["vaerdi"], r["status"]) for r in raekker
    ] == forventet
    assert len(forventet) == 20


def test_the_bulk_key_figures_follow_the_exports_rule(api_for, projektleder_101, styregruppe, tal):
    for bruger in (projektleder_101, styregruppe):
        svar = api_for(bruger).get("/api/v1/noegletal/")
        assert svar.status_code == 403
        assert "Kun ministeriet og evaluator" in svar.json()["fejl"]
        # … while every profile, figures included, is theirs to read as on the pages.
        assert api_for(bruger).get("/api/v1/profiler/147/").status_code == 200


def test_unknown_indicator_or_year_is_400_by_name(api_for, evaluator, tal):
    api = api_for(evaluator)
    assert api.get("/api/v1/noegletal/?indikator=findes_ikke").json()["parametre"] == {
        "indikator": ["Der findes ingen indikator med koden findes_ikke."]
    }
    assert list(api.get("/api/v1/noegletal/?aar=20111").json()["parametre"]) == ["aar"]
    assert api.get("/api/v1/indikatorer/findes_ikke/").status_code == 404


def _antal_queries(api, adresse) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert api.get(adresse).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "adresse",
    ["/api/v1/noegletal/?antal={n}", "/api/v1/profiler/?antal={n}", "/api/v1/indikatorer/?antal={n}"],
)
def test_queries_per_page_do_not_grow_with_the_page(api_for, evaluator, tal, adresse):
    api = api_for(evaluator)
    _antal_queries(api, adresse.format(n=1))  # warms the benchmark cache and the key's "last used"
    assert _antal_queries(api, adresse.format(n=2)) == _antal_queries(api, adresse.format(n=10))
