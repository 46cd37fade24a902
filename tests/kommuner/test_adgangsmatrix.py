"""Every page of the kommuner app × every role, on one submitted, assessed and granted application of
København: who gets the page (200), who may read the object but not do this (403, with the reason), for whom
it does not exist (404: not theirs to read, or the ministry's assessment work), and that an anonymous visitor
is sent to login (decision record 0005). A page added without a row here fails the last test."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver

from kommuner.models import Vurdering
from kommuner.services.ansoegninger import ansoegning_indsend, bilag_tilfoej
from kommuner.services.bevillinger import afgoerelse_traef
from kommuner.services.vurderinger import Vurderingsindhold, vurdering_gem
from tests.kommuner.factories import AnsoegningFactory, ProgramFactory

pytestmark = pytest.mark.django_db

ROLLER = ["ministeriet", "projektleder_101", "projektleder_147", "evaluator", "styregruppe"]

# url (with placeholders) → expected status per role, in the order of ROLLER.
MATRIX = {
    "/kommuner/": (200, 200, 200, 200, 200),
    "/kommuner/101/": (200, 200, 404, 200, 200),
    "/kommuner/101/kommunegruppe/": (200, 403, 404, 403, 403),
    "/kommuner/101/oplysninger/": (200, 200, 404, 403, 403),
    "/programmer/": (200, 200, 200, 200, 200),
    "/programmer/nyt/": (200, 403, 403, 403, 403),
    "/programmer/{program}/": (200, 200, 200, 200, 200),
    "/programmer/{program}/rediger/": (200, 403, 403, 403, 403),
    "/ansoegninger/{ansoegning}/": (200, 200, 404, 200, 404),
    "/ansoegninger/{ansoegning}/rediger/": (403, 403, 404, 403, 404),  # submitted: locked for everyone
    "/ansoegninger/{ansoegning}/send-tilbage/": (403, 403, 404, 403, 404),  # decided: change the decision first
    "/ansoegninger/{ansoegning}/genaabn/": (403, 403, 404, 403, 404),  # submitted: nothing to reopen
    "/bilag/{bilag}/": (200, 200, 404, 200, 404),
    "/kvitteringer/{kvittering}/": (200, 200, 404, 200, 404),
    "/ansoegninger/{ansoegning}/vurdering/": (200, 404, 404, 404, 404),
    "/vurderinger/{vurdering}/": (200, 404, 404, 404, 404),
    "/programmer/{program}/sammenligning/": (200, 404, 404, 404, 404),
    "/ansoegninger/{ansoegning}/afgoerelse/": (200, 404, 404, 404, 404),
    "/programmer/{program}/budget/": (200, 200, 200, 200, 200),
    "/deltagelser/{deltagelse}/forbrug/": (200, 200, 404, 403, 403),
}
# POST-only actions: GET is refused for everyone; what POST does per role is tested with each feature.
KUN_POST = {
    "/programmer/{program}/ansoeg/",
    "/ansoegninger/{ansoegning}/bilag/",
    "/ansoegninger/{ansoegning}/indsend/",
    "/bilag/{bilag}/slet/",
}


@pytest.fixture
def data(kobenhavn, ministeriet, projektleder_101):
    program = ProgramFactory()
    ansoegning = AnsoegningFactory(program=program, kommune=kobenhavn, udfyldt=True)
    bilag = bilag_tilfoej(
        ansoegning=ansoegning, fil=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n"), bruger=projektleder_101
    )
    kvittering = ansoegning_indsend(ansoegning=ansoegning, bruger=projektleder_101)
    ansoegning.refresh_from_db()
    vurdering = vurdering_gem(
        vurdering=Vurdering(ansoegning=ansoegning, bedoemmer=ministeriet),
        bruger=ministeriet,
        indhold=Vurderingsindhold(kriterie_1=4),
        version=0,
    )
    afgoerelse_traef(
        ansoegning=ansoegning, udvalgt=True, begrundelse="God", bevillinger={2011: 1, 2012: 1}, bruger=ministeriet
    )
    return {
        "program": program.pk,
        "ansoegning": ansoegning.pk,
        "bilag": bilag.pk,
        "kvittering": kvittering.pk,
        "vurdering": vurdering.pk,
        "deltagelse": ansoegning.deltagelse.pk,
    }


@pytest.mark.parametrize(("rolle_nr", "rolle"), list(enumerate(ROLLER)))
def test_every_page_for_every_role(client_for, request, data, rolle_nr, rolle):
    client = client_for(request.getfixturevalue(rolle))
    faktisk = {url: client.get(url.format(**data)).status_code for url in MATRIX}
    forventet = {url: statusser[rolle_nr] for url, statusser in MATRIX.items()}
    assert faktisk == forventet
    for url in KUN_POST:
        assert client.get(url.format(**data)).status_code == 405


def test_anonymous_visitors_are_sent_to_login(client, data):
    for url in [*MATRIX, *KUN_POST]:
        response = client.get(url.format(**data))
        assert response.status_code == 302
        assert response["Location"].startswith("/konto/login/?next=")


def test_the_matrix_covers_every_page_of_the_app():
    (app,) = [p for p in get_resolver().url_patterns if getattr(p, "app_name", None) == "kommuner"]
    sider = {
        str(p.pattern).strip("/").replace("<str:kode>", "101").replace("<int:pk>", "{x}") for p in app.url_patterns
    }
    daekket = {re.sub(r"\{[a-z]+\}", "{x}", url.strip("/")) for url in (*MATRIX, *KUN_POST)}
    assert len(sider) == 24
    assert sider == daekket, sider ^ daekket
