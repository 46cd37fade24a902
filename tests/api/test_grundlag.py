"""The frame every endpoint shares (api/base.py): keys, methods, parameters, pages, ETags, the download log."""

import pytest
from rest_framework.test import APIClient

from api.sider import Markoerside
from hentninger.models import Hentning
from kommuner.models import Kommune
from konto.models import ApiNoegle
from konto.services import api_noegle_tilbagekald

pytestmark = pytest.mark.django_db


def test_without_a_key_401_with_a_danish_message_and_how_to_send_one(kobenhavn):
    svar = APIClient().get("/api/v1/kommuner/")
    assert svar.status_code == 401
    assert svar["WWW-Authenticate"].startswith("Bearer")
    assert "fejl" in svar.json()


def test_a_revoked_or_expired_key_is_401(api_for, ministeriet, kobenhavn):
    api = api_for(ministeriet)
    assert api.get("/api/v1/kommuner/").status_code == 200
    noegle = ApiNoegle.objects.get(bruger=ministeriet)
    api_noegle_tilbagekald(noegle=noegle, af=ministeriet)
    svar = api.get("/api/v1/kommuner/")
    assert svar.status_code == 401
    assert "tilbagekaldt" in svar.json()["fejl"]

    api = api_for(ministeriet)
    ApiNoegle.objects.filter(tilbagekaldt__isnull=True).update(udloeber="2000-01-01T00:00:00Z")
    assert api.get("/api/v1/kommuner/").status_code == 401


def test_the_session_of_a_logged_in_browser_is_not_a_key(client, ministeriet, kobenhavn):
    client.force_login(ministeriet)
    assert client.get("/api/v1/kommuner/").status_code == 401


@pytest.mark.parametrize("metode", ["post", "put", "patch", "delete"])
def test_only_reads_405_with_or_without_a_key(api_for, ministeriet, kobenhavn, metode):
    for api in (api_for(ministeriet), APIClient()):
        svar = getattr(api, metode)("/api/v1/kommuner/")
        assert svar.status_code == 405
        assert "GET" in svar["Allow"]


def test_an_unknown_parameter_or_value_is_400_naming_the_parameter(api_for, ministeriet, kobenhavn):
    api = api_for(ministeriet)
    svar = api.get("/api/v1/kommuner/?programm=1")
    assert svar.status_code == 400
    assert list(svar.json()["parametre"]) == ["programm"]
    assert "Ukendt parameter" in svar.json()["fejl"]
    svar = api.get("/api/v1/kommuner/?program=999999")
    assert svar.status_code == 400
    assert svar.json()["parametre"] == {"program": ["Der findes intet program med id 999999."]}
    assert api.get("/api/v1/kommuner/?program=abc").status_code == 400


def test_cursor_pages_follow_next_to_the_end_and_cap_the_size(api_for, ministeriet, kobenhavn, frederiksberg):
    api = api_for(ministeriet)
    koder, adresse, sider = [], "/api/v1/kommuner/?antal=40", 0
    while adresse:
        side = api.get(adresse).json()
        koder += [k["kode"] for k in side["results"]]
        adresse, sider = side["next"], sider + 1
    alle = sorted(Kommune.objects.values_list("kode", flat=True))
    assert sorted(koder) == alle and len(koder) == len(set(koder))
    assert sider == -(-len(alle) // 40)
    assert len(api.get("/api/v1/kommuner/?antal=100000").json()["results"]) == min(len(alle), 1000)
    assert api.get("/api/v1/kommuner/?cursor=xyz").json() == {"fejl": Markoerside.invalid_cursor_message}


def test_etag_and_304_when_nothing_changed(api_for, ministeriet, kobenhavn):
    api = api_for(ministeriet)
    svar = api.get("/api/v1/kommuner/101/")
    etag = svar["ETag"]
    assert api.get("/api/v1/kommuner/101/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    kobenhavn.navn = "København (ændret)"
    kobenhavn.save()
    assert api.get("/api/v1/kommuner/101/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_the_start_of_a_pull_is_written_to_the_download_log_once(api_for, evaluator, kobenhavn, frederiksberg):
    api = api_for(evaluator)
    foerste = api.get("/api/v1/kommuner/?antal=1").json()
    api.get(foerste["next"])
    api.get("/api/v1/kommuner/101/")
    hentning = Hentning.objects.get()
    assert (hentning.bruger, hentning.art, hentning.filnavn) == (
        evaluator,
        "API: Kommuner",
        "/api/v1/kommuner/?antal=1",
    )


def test_options_describes_the_list_in_danish(api_for, ministeriet, kobenhavn):
    svar = api_for(ministeriet).options("/api/v1/kommuner/").json()
    assert svar["name"] == "Kommuner"
    assert svar["description"].startswith("Kommunerne, som portalens sider viser dem")


def test_every_list_has_a_danish_name_and_description():
    from api.urls import router

    for _, visning, _ in router.registry:
        assert visning.art.startswith("API: ") and len(visning.art) > 6, visning
        assert len(getattr(visning, "beskrivelse", "")) > 40, visning
