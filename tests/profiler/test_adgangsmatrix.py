"""Every page of the profiler app × every role: who gets it (200), who is told no (403), for whom it does not exist
(404), where POSTs lead, and that an anonymous visitor is sent to login. A page added without a row fails the last
test. The municipality is København; "another municipality" is Frederiksberg's lead."""

import re
from decimal import Decimal

import pytest
from django.urls import get_resolver

from profiler.models import Indikator
from profiler.services.importer import import_forhaandsvis
from profiler.services.indberetninger import EgenVaerdi, indberetning_gem, indberetning_indsend, indberetning_opret
from tests.profiler.factories import importer, skabelon

pytestmark = pytest.mark.django_db

ROLLER = ["ministeriet", "projektleder_101", "projektleder_147", "evaluator", "styregruppe"]
ALLE = (200, 200, 200, 200, 200)
MINISTERIET = (200, 403, 403, 403, 403)
MINISTERIETS_OBJEKT = (200, 404, 404, 404, 404)

MATRIX = {
    "/profiler/": ALLE,
    "/profiler/101/": (302, 302, 302, 302, 302),
    "/profiler/101/2011/": ALLE,
    "/profiler/101/2011/pdf/": ALLE,
    "/profiler/101/2011/graf/{indikator}.svg": ALLE,
    "/profiler/101/2011/afvigelser.svg": ALLE,
    "/profiler/101/2011/kort/{indikator}.svg": ALLE,
    "/profiler/101/indstillinger/": (200, 200, 403, 403, 403),
    "/profiler/101/fund/anbringelser/": (200, 200, 403, 403, 403),
    "/profiler/101/egne-tal/": (200, 200, 404, 200, 404),
    "/profiler/101/egne-tal/2011/": (200, 200, 404, 200, 404),  # submitted
    "/noegletal/": ALLE,
    "/noegletal/indikatorer/ny/": MINISTERIET,
    "/noegletal/indikatorer/{indikator}/": ALLE,
    "/noegletal/indikatorer/{indikator}/rediger/": MINISTERIET,
    "/noegletal/import/": MINISTERIET,
    "/noegletal/import/skabelon.csv": MINISTERIET,
    "/noegletal/importer/": MINISTERIET,
    "/noegletal/importer/{koersel}/": MINISTERIETS_OBJEKT,
    "/noegletal/importer/{koersel}/fil/": MINISTERIETS_OBJEKT,
    "/noegletal/data/": MINISTERIET,
    "/noegletal/egne-tal/": MINISTERIET,
    "/noegletal/eksport/": (200, 403, 403, 200, 403),
    "/noegletal/eksport/fil/?format=csv": (200, 403, 403, 200, 403),
}
# POST-only actions: GET gives 405 for everyone; a POST per role gives these (302: done or told why on the page).
KUN_POST = {
    "/profiler/101/indstillinger/noegletal/": (
        (302, 302, 403, 403, 403),
        {"indikatorer": ["{indikator_pk}"], "version": "0"},
    ),
    "/profiler/101/indstillinger/gruppe/": ((302, 403, 403, 403, 403), {"sammenligningsgruppe": ""}),
    "/profiler/101/egne-tal/2012/indsend/": ((404, 302, 404, 404, 404), {}),  # a draft: only its own leads see it
    "/profiler/101/egne-tal/2011/godkend/": ((302, 403, 404, 403, 404), {}),
    "/profiler/101/egne-tal/2011/send-tilbage/": ((302, 403, 404, 403, 404), {"kommentar": "Ret tallene."}),
    "/noegletal/indikatorer/{indikator}/hent/": ((400, 403, 403, 403, 403), {"maal": "taeller"}),
    "/noegletal/importer/{forhaandsvist}/gennemfoer/": ((302, 404, 404, 404, 404), {}),
    "/noegletal/importer/{kasseres}/kasser/": ((302, 404, 404, 404, 404), {}),
    "/noegletal/importer/{koersel}/fortryd/": ((302, 404, 404, 404, 404), {}),
}


@pytest.fixture
def data(kobenhavn, ministeriet, projektleder_101, settings):
    settings.DST_API_URL = "http://127.0.0.1:9/v1"  # nothing listens: the ministry's fetch is refused with a message
    settings.DST_API_TIMEOUT = 0.5
    indikator = Indikator.objects.get(kode="anmeldte_forbrydelser")
    koersel = importer([("101", indikator.kode, 2011, 100, 10000), ("147", indikator.kode, 2011, 30, 5000)])
    egen = Indikator.objects.get(kode="specialundervisning")
    for aar, indsend in ((2011, True), (2012, False)):
        indberetning = indberetning_opret(kommune=kobenhavn, aar=aar, bruger=projektleder_101)
        vaerdier = [EgenVaerdi(egen, Decimal(40), Decimal(800))]
        vaerdier += [
            EgenVaerdi(i, Decimal(100)) for i in Indikator.objects.filter(taeller_kilde="EGNE").exclude(pk=egen.pk)
        ]
        indberetning = indberetning_gem(
            indberetning=indberetning, vaerdier=vaerdier, version=1, bruger=projektleder_101
        )
        if indsend:
            indberetning_indsend(indberetning=indberetning, bruger=projektleder_101)
    forhaandsvisninger = [
        import_forhaandsvis(
            filnavn="f.csv", indhold=skabelon([("151", indikator.kode, 2011, n, 9000)]), bruger=ministeriet
        )
        for n in (7, 8)
    ]
    return {
        "indikator": indikator.kode,
        "indikator_pk": indikator.pk,
        "koersel": koersel.pk,
        "forhaandsvist": forhaandsvisninger[0].pk,
        "kasseres": forhaandsvisninger[1].pk,
    }


@pytest.mark.parametrize(("nr", "rolle"), list(enumerate(ROLLER)))
def test_every_page_for_every_role(client_for, request, data, nr, rolle):
    client = client_for(request.getfixturevalue(rolle))
    faktisk = {url: client.get(url.format(**data)).status_code for url in MATRIX}
    assert faktisk == {url: status[nr] for url, status in MATRIX.items()}
    for url in KUN_POST:
        assert client.get(url.format(**data)).status_code == 405, url


@pytest.mark.parametrize(("nr", "rolle"), list(enumerate(ROLLER)))
def test_every_action_for_every_role(client_for, request, data, nr, rolle):
    client = client_for(request.getfixturevalue(rolle))
    faktisk, forventet = {}, {}
    for url, (status, formdata) in KUN_POST.items():
        udfyldt = {k: [v.format(**data) for v in vs] if isinstance(vs, list) else vs for k, vs in formdata.items()}
        faktisk[url] = client.post(url.format(**data), udfyldt).status_code
        forventet[url] = status[nr]
    assert faktisk == forventet


def test_anonymous_visitors_are_sent_to_login(client, data):
    for url in [*MATRIX, *KUN_POST]:
        response = client.get(url.format(**data))
        assert response.status_code == 302
        assert response["Location"].startswith("/konto/login/?next=")


def test_the_matrix_covers_every_page_of_the_app():
    (app,) = [p for p in get_resolver().url_patterns if getattr(p, "app_name", None) == "profiler"]
    sider = {re.sub(r"<[a-z]+:[a-z]+>", "{x}", str(p.pattern)) for p in app.url_patterns}
    daekket = {
        re.sub(r"\{[a-z_]+\}|101|2011|2012|anbringelser", "{x}", url.split("?")[0]).lstrip("/")
        for url in (*MATRIX, *KUN_POST)
    }
    assert sider == daekket, sider ^ daekket
