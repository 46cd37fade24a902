"""Every page of the strategies app × every role (decision record 0005): who gets the page (200), who may read the
strategy but not do this (403, with the reason), for whom it does not exist (404: another municipality's draft, a
draft the ministry has not been sent, a strategy the steering group may not read before it is approved), and that
an anonymous visitor is sent to login. POST-only actions are refused on GET and checked per role with a POST.

The objects: København's approved and reviewed strategy (with everything a page can show), a draft of København in
another programme, one submitted to the ministry in a third, and a participation without a strategy. A page added
without a row here fails the last test."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver

from strategi.models import Handling
from strategi.services.gennemgang import Gennemgangspunkt, aarsgennemgang_gem
from strategi.services.maal import opfoelgning_opret
from strategi.services.strategier import boernepolitik_tilfoej
from strategi.services.struktur import delstrategi_gem
from tests.strategi.factories import StrategiFactory, TilbudFactory, deltagelse_for, godkend

pytestmark = pytest.mark.django_db

ROLLER = ["ministeriet", "projektleder_101", "projektleder_147", "evaluator", "styregruppe"]
ALLE = (200, 200, 200, 200, 200)
LAAST = (403, 403, 403, 403, 403)  # approved: nobody changes it outside the annual review
KUN_EGEN_KLADDE = (404, 200, 404, 404, 404)
EGEN_LEDER = (403, 200, 403, 403, 403)

# url (with placeholders) → expected status per role, in the order of ROLLER.
MATRIX = {
    "/strategier/": ALLE,
    # The approved, reviewed strategy: everyone reads it; nobody changes it.
    "/strategier/{s}/": ALLE,
    "/strategier/{s}/rediger/": LAAST,
    "/strategier/{s}/struktur/": ALLE,
    "/strategier/{s}/indsatsomraader/nyt/": LAAST,
    "/indsatsomraader/{omraade}/rediger/": LAAST,
    "/indsatsomraader/{omraade}/delstrategier/ny/": LAAST,
    "/delstrategier/{delstrategi}/rediger/": LAAST,
    "/strategier/{s}/maalgrupper/ny/": LAAST,
    "/maalgrupper/{maalgruppe}/rediger/": LAAST,
    "/strategier/{s}/aktoerer/ny/": LAAST,
    "/aktoerer/{aktoer}/rediger/": LAAST,
    "/strategier/{s}/maal/": ALLE,
    "/strategier/{s}/maal/nyt/": LAAST,
    "/strategier/{s}/maal/slettede/": LAAST,
    "/maal/{maal}/": ALLE,
    "/maal/{maal}/rediger/": LAAST,
    "/maal/{maal}/slet/": LAAST,
    "/maal/{maal}/opfoelgninger/ny/": EGEN_LEDER,
    "/strategier/{s}/handleplan/": ALLE,
    "/strategier/{s}/handlinger/ny/": LAAST,
    "/handlinger/{handling}/rediger/": LAAST,
    "/strategier/{s}/forandringsteori/": ALLE,
    "/strategier/{s}/indsatstrappe/": ALLE,
    "/strategier/{s}/tilbud/nyt/": LAAST,
    "/tilbud/{tilbud}/rediger/": LAAST,
    "/strategier/{s}/kommentar/": (200, 403, 403, 403, 403),
    "/strategier/{s}/godkend/": LAAST,  # not submitted now
    "/strategier/{s}/send-tilbage/": LAAST,
    "/strategier/{s}/vedtagelse/": EGEN_LEDER,
    "/strategier/{s}/gennemgang/": EGEN_LEDER,
    "/gennemgange/{gennemgang}/": ALLE,
    "/strategier/{s}/versioner/": ALLE,
    "/strategier/{s}/versioner/1/": ALLE,
    "/strategier/{s}/versioner/1/sammenlign/": ALLE,
    "/strategier/{s}/historik/": (200, 200, 403, 403, 403),
    "/strategier/{s}/pdf/": ALLE,
    "/strategibilag/{bilag}/": ALLE,
    # København's draft: the municipality's own; by URL it does not exist for anybody else.
    "/strategier/{k}/": KUN_EGEN_KLADDE,
    "/strategier/{k}/rediger/": KUN_EGEN_KLADDE,
    "/strategier/{k}/struktur/": KUN_EGEN_KLADDE,
    "/strategier/{k}/indsatsomraader/nyt/": KUN_EGEN_KLADDE,
    "/indsatsomraader/{k_omraade}/rediger/": KUN_EGEN_KLADDE,
    "/indsatsomraader/{k_omraade}/delstrategier/ny/": KUN_EGEN_KLADDE,
    "/delstrategier/{k_delstrategi}/rediger/": KUN_EGEN_KLADDE,
    "/strategier/{k}/maalgrupper/ny/": KUN_EGEN_KLADDE,
    "/maalgrupper/{k_maalgruppe}/rediger/": KUN_EGEN_KLADDE,
    "/strategier/{k}/aktoerer/ny/": KUN_EGEN_KLADDE,
    "/aktoerer/{k_aktoer}/rediger/": KUN_EGEN_KLADDE,
    "/strategier/{k}/maal/nyt/": KUN_EGEN_KLADDE,
    "/strategier/{k}/maal/slettede/": KUN_EGEN_KLADDE,
    "/maal/{k_maal}/": KUN_EGEN_KLADDE,
    "/maal/{k_maal}/rediger/": KUN_EGEN_KLADDE,
    "/maal/{k_maal}/slet/": KUN_EGEN_KLADDE,
    "/maal/{k_maal}/opfoelgninger/ny/": (404, 403, 404, 404, 404),  # follow-up starts at approval
    "/strategier/{k}/handlinger/ny/": KUN_EGEN_KLADDE,
    "/handlinger/{k_handling}/rediger/": KUN_EGEN_KLADDE,
    "/strategier/{k}/tilbud/nyt/": KUN_EGEN_KLADDE,
    "/tilbud/{k_tilbud}/rediger/": KUN_EGEN_KLADDE,
    "/strategier/{k}/gennemgang/": (404, 403, 404, 404, 404),
    "/strategier/{k}/historik/": KUN_EGEN_KLADDE,
    "/strategier/{k}/pdf/": KUN_EGEN_KLADDE,
    "/strategibilag/{k_bilag}/": KUN_EGEN_KLADDE,
    # Submitted to the ministry: the ministry approves or sends back; the lead waits.
    "/strategier/{i}/": (200, 200, 404, 200, 404),
    "/strategier/{i}/rediger/": (403, 403, 404, 403, 404),
    "/strategier/{i}/godkend/": (200, 403, 404, 403, 404),
    "/strategier/{i}/send-tilbage/": (200, 403, 404, 403, 404),
    "/strategier/{i}/kommentar/": (200, 403, 404, 403, 404),
    "/strategier/{i}/historik/": (200, 200, 404, 403, 404),
    # Across the participants.
    "/programmer/{program}/strategier/": (200, 403, 403, 200, 200),
    "/programmer/{program}/indsatstrappe/": (200, 403, 403, 200, 200),
}

# POST-only actions: GET is refused for everyone, and a POST gets this per role (302: done or refused with a
# message on the page it came from; 400: submission refused with the reasons on the page).
KUN_POST = {
    "/deltagelser/{ny_deltagelse}/strategi/": (403, 302, 404, 403, 403),
    "/strategier/{k}/boernepolitik/": (404, 302, 404, 404, 404),
    "/strategibilag/{k_bilag}/slet/": (404, 302, 404, 404, 404),
    "/handlinger/{k_handling}/slet/": (404, 302, 404, 404, 404),
    "/tilbud/{k_tilbud}/slet/": (404, 302, 404, 404, 404),
    "/delstrategier/{k_delstrategi}/slet/": (404, 302, 404, 404, 404),
    "/maalgrupper/{k_maalgruppe}/slet/": (404, 302, 404, 404, 404),
    "/aktoerer/{k_aktoer}/slet/": (404, 302, 404, 404, 404),
    "/indsatsomraader/{k_omraade}/slet/": (404, 302, 404, 404, 404),
    "/strategier/{k}/maal/gendan/999999/": (404, 302, 404, 404, 404),
    "/strategier/{s}/indsend/": (403, 403, 403, 403, 403),
    "/opfoelgninger/{opfoelgning}/slet/": (403, 302, 403, 403, 403),
    # Last: by now the draft has lost its action, so submitting is refused with the reasons (400).
    "/strategier/{k}/indsend/": (404, 400, 404, 404, 404),
}

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def data(kobenhavn, ministeriet, projektleder_101):
    leder = projektleder_101
    s = StrategiFactory(fuld=True)
    omraade = s.indsatsomraader.get()
    delstrategi = delstrategi_gem(
        indsatsomraade=omraade, delstrategi=None, navn="Screening", beskrivelse="", bruger=leder
    )
    tilbud = TilbudFactory(strategi=s)
    bilag = boernepolitik_tilfoej(strategi=s, fil=SimpleUploadedFile("politik.pdf", PDF), bruger=leder)
    s = godkend(s)
    maal = s.maal.get()
    opfoelgning = opfoelgning_opret(maal=maal, dato=date(2012, 6, 30), vaerdi=Decimal(50), bruger=leder)
    gennemgang = aarsgennemgang_gem(
        strategi=s,
        aar=2012,
        konklusion="Handlingerne følger planen.",
        punkter=[Gennemgangspunkt(handling=h, farve=h.farve, status=h.status, slut=h.slut) for h in s.handlinger.all()],
        bruger=leder,
    )

    k = StrategiFactory(fuld=True)
    k_omraade = k.indsatsomraader.get()
    k_tilbud = TilbudFactory(strategi=k)
    k_bilag = boernepolitik_tilfoej(strategi=k, fil=SimpleUploadedFile("politik.pdf", PDF), bruger=leder)
    i = StrategiFactory(status="indsendt")
    return {
        "s": s.pk,
        "program": s.program.pk,
        "omraade": omraade.pk,
        "delstrategi": delstrategi.pk,
        "maalgruppe": s.maalgrupper.get().pk,
        "aktoer": s.aktoerer.get().pk,
        "maal": maal.pk,
        "handling": Handling.objects.get(strategi=s).pk,
        "tilbud": tilbud.pk,
        "bilag": bilag.pk,
        "opfoelgning": opfoelgning.pk,
        "gennemgang": gennemgang.pk,
        "k": k.pk,
        "k_omraade": k_omraade.pk,
        "k_delstrategi": delstrategi_gem(
            indsatsomraade=k_omraade, delstrategi=None, navn="Overgange", beskrivelse="", bruger=leder
        ).pk,
        "k_maalgruppe": k.maalgrupper.get().pk,
        "k_aktoer": k.aktoerer.get().pk,
        "k_maal": k.maal.get().pk,
        "k_handling": Handling.objects.get(strategi=k).pk,
        "k_tilbud": k_tilbud.pk,
        "k_bilag": k_bilag.pk,
        "i": i.pk,
        "ny_deltagelse": deltagelse_for(kobenhavn).pk,
    }


@pytest.mark.parametrize(("rolle_nr", "rolle"), list(enumerate(ROLLER)))
def test_every_page_for_every_role(client_for, request, data, rolle_nr, rolle):
    client = client_for(request.getfixturevalue(rolle))
    faktisk = {url: client.get(url.format(**data)).status_code for url in MATRIX}
    forventet = {url: statusser[rolle_nr] for url, statusser in MATRIX.items()}
    assert faktisk == forventet
    for url in KUN_POST:
        assert client.get(url.format(**data)).status_code == 405


@pytest.mark.parametrize(("rolle_nr", "rolle"), list(enumerate(ROLLER)))
def test_every_post_only_action_for_every_role(client_for, request, data, rolle_nr, rolle):
    client = client_for(request.getfixturevalue(rolle))
    faktisk = {url: client.post(url.format(**data)).status_code for url in KUN_POST}
    assert faktisk == {url: statusser[rolle_nr] for url, statusser in KUN_POST.items()}


def test_a_403_says_why(client_for, data, projektleder_147, projektleder_101):
    response = client_for(projektleder_147).get(f"/strategier/{data['s']}/rediger/")
    assert "Strategien er godkendt af ministeriet og kan ikke ændres" in response.content.decode()
    response = client_for(projektleder_101).get(f"/programmer/{data['program']}/strategier/")
    assert "for ministeriet, styregruppen og evaluator" in response.content.decode()


def test_anonymous_visitors_are_sent_to_login(client, data):
    for url in [*MATRIX, *KUN_POST]:
        response = client.get(url.format(**data))
        assert response.status_code == 302
        assert response["Location"].startswith("/konto/login/?next=")


def test_the_matrix_covers_every_page_of_the_app():
    (app,) = [p for p in get_resolver().url_patterns if getattr(p, "app_name", None) == "strategi"]
    sider = {re.sub(r"<int:[a-z]+>", "{x}", str(p.pattern)).strip("/") for p in app.url_patterns}
    daekket = {re.sub(r"\{[a-z_]+\}|\b\d+\b", "{x}", url.strip("/")) for url in (*MATRIX, *KUN_POST)}
    assert len(sider) == 52
    assert sider == daekket, sider ^ daekket
