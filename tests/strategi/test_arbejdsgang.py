"""Working together on a strategy: the lead builds and submits it (refused with the reasons while something is
missing), the ministry comments, sends it back (a comment required) or approves it, other participants and the steering
group read it once approved, the lead registers the political adoption, and every change is recorded and shown —
draft revisions to the municipality only."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from strategi.models import Kommentar, Kommentarart, Strategi, StrategiStatus
from strategi.services.strategier import strategi_registrer_vedtagelse
from tests.strategi.factories import StrategiFactory

pytestmark = pytest.mark.django_db


def test_a_lead_creates_the_strategy_for_their_participation_from_the_programme_page(client_for, projektleder_101):
    from kommuner.models import Kommune
    from tests.strategi.factories import deltagelse_for

    deltagelse = deltagelse_for(Kommune.objects.get(kode="101"))
    client = client_for(projektleder_101)
    side = client.get(f"/programmer/{deltagelse.program_id}/").content.decode()
    assert "Opret forebyggelsesstrategi" in side
    response = client.post(f"/deltagelser/{deltagelse.pk}/strategi/")
    strategi = Strategi.objects.get(deltagelse=deltagelse)
    assert response["Location"] == f"/strategier/{strategi.pk}/"
    assert strategi.titel == "Forebyggelsesstrategi for Københavns Kommune"
    assert client.post(f"/deltagelser/{deltagelse.pk}/strategi/").status_code == 403  # one per participation


def test_submitting_an_unfinished_strategy_is_refused_with_what_is_missing(client_for, projektleder_101):
    strategi = StrategiFactory()
    response = client_for(projektleder_101).post(f"/strategier/{strategi.pk}/indsend/")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Strategien blev ikke indsendt" in html
    for mangel in ("Skriv strategiens vision.", "Tilføj mindst ét indsatsområde.", "Tilføj mindst én målgruppe."):
        assert mangel in html
    strategi.refresh_from_db()
    assert strategi.status == StrategiStatus.KLADDE and strategi.indsendt is None


def test_submit_send_back_with_a_comment_resubmit_and_approve(
    client_for, projektleder_101, projektleder_147, ministeriet, styregruppe
):
    strategi = StrategiFactory(fuld=True)
    leder = client_for(projektleder_101)
    assert leder.post(f"/strategier/{strategi.pk}/indsend/").status_code == 302
    strategi.refresh_from_db()
    assert strategi.status == StrategiStatus.INDSENDT and strategi.foerst_indsendt is not None
    assert leder.get(f"/strategier/{strategi.pk}/rediger/").status_code == 403  # locked while the ministry has it

    ministeriets = client_for(ministeriet)
    assert ministeriets.post(f"/strategier/{strategi.pk}/send-tilbage/", {"kommentar": ""}).status_code == 200
    strategi.refresh_from_db()
    assert strategi.status == StrategiStatus.INDSENDT  # a reason is required
    ministeriets.post(f"/strategier/{strategi.pk}/kommentar/", {"tekst": "Målene mangler en baseline for 2010."})
    ministeriets.post(f"/strategier/{strategi.pk}/send-tilbage/", {"kommentar": "Tilføj en handling mere."})
    strategi.refresh_from_db()
    assert strategi.status == StrategiStatus.SENDT_TILBAGE
    assert list(Kommentar.objects.values_list("art", flat=True)) == [Kommentarart.SENDT_TILBAGE, Kommentarart.KOMMENTAR]

    side = client_for(projektleder_101).get(f"/strategier/{strategi.pk}/").content.decode()
    assert "Sendt tilbage til ændring" in side and "Tilføj en handling mere." in side
    assert "Målene mangler en baseline for 2010." in side
    # Other participants neither read nor learn the comments of a strategy that is not approved.
    assert client_for(projektleder_147).get(f"/strategier/{strategi.pk}/").status_code == 404

    assert client_for(projektleder_101).post(f"/strategier/{strategi.pk}/indsend/").status_code == 302
    assert (
        client_for(ministeriet).post(f"/strategier/{strategi.pk}/godkend/", {"kommentar": "Fint."}).status_code == 302
    )
    strategi.refresh_from_db()
    assert strategi.status == StrategiStatus.GODKENDT and strategi.godkendt_af == ministeriet

    anden = client_for(projektleder_147).get(f"/strategier/{strategi.pk}/").content.decode()
    assert strategi.titel in anden and "Ministeriets kommentarer" not in anden
    assert client_for(styregruppe).get(f"/strategier/{strategi.pk}/").status_code == 200
    assert client_for(projektleder_101).get(f"/strategier/{strategi.pk}/rediger/").status_code == 403


def test_the_political_adoption_needs_a_past_date_after_the_approval_and_a_body(projektleder_101):
    strategi = StrategiFactory(status="godkendt")
    i_morgen = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as fejl:
        strategi_registrer_vedtagelse(strategi=strategi, dato=i_morgen, organ="", bruger=projektleder_101)
    assert set(fejl.value.message_dict) == {"dato", "organ"}
    with pytest.raises(ValidationError, match="før ministeriet godkendte"):
        strategi_registrer_vedtagelse(
            strategi=strategi, dato=date(2000, 1, 1), organ="Socialudvalget", bruger=projektleder_101
        )
    strategi = strategi_registrer_vedtagelse(
        strategi=strategi, dato=timezone.localdate(), organ="Socialudvalget", bruger=projektleder_101
    )
    assert (strategi.status, strategi.vedtaget_af) == (StrategiStatus.VEDTAGET, "Socialudvalget")


def test_every_change_is_recorded_and_the_ministry_sees_none_of_the_draft_revisions(
    kommunedata, client_for, projektleder_101, ministeriet
):
    """Each request in its own transaction, as in the portal: an event's time is its transaction's, and the ministry
    reads the history from the first submission's own event on."""
    strategi = StrategiFactory(fuld=True)
    leder = client_for(projektleder_101)
    leder.post(
        f"/strategier/{strategi.pk}/rediger/",
        {
            "titel": "Kladdens titel",
            "vision": "Første udkast",
            "boernepolitik": "",
            "boernepolitik_url": "",
            "version": strategi.version,
        },
    )
    historik = leder.get(f"/strategier/{strategi.pk}/historik/").content.decode()
    assert "Kladdens titel" in historik and "Første udkast" in historik  # old → new, for the municipality

    leder.post(f"/strategier/{strategi.pk}/indsend/")
    client_for(ministeriet).post(f"/strategier/{strategi.pk}/godkend/", {"kommentar": ""})
    ministeriets = client_for(ministeriet).get(f"/strategier/{strategi.pk}/historik/").content.decode()
    assert "Godkendt af ministeriet" in ministeriets  # status indsendt → godkendt
    assert "Første udkast" not in ministeriets  # the draft revision is the municipality's


def test_the_lead_finds_the_strategy_from_the_front_page(client_for, projektleder_101):
    strategi = StrategiFactory()
    forside = client_for(projektleder_101).get("/").content.decode()
    assert f'href="/strategier/{strategi.pk}/"' in forside
    menu = client_for(projektleder_101).get("/strategier/").content.decode()
    assert f'href="/strategier/{strategi.pk}/"' in menu
