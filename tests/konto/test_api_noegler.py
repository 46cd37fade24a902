"""Personal API keys (docs/decisions/0059): made on Min konto and shown once, stored as their SHA-256 only, at most
ten valid per user (also when two requests come at once), revoked by the owner or the ministry; the Bearer
authentication and the per-key rate limit of the read API."""

import hashlib
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from forebyggelse.formatering import dato
from konto.api import NoegleAutentificering
from konto.models import ApiNoegle
from konto.services import MAKS_GYLDIGE_API_NOEGLER, api_noegle_opret, api_noegle_tilbagekald
from tests.kommuner.factories import BrugerFactory
from tests.kommuner.test_samtidighed import Traad, foerst_holdt_aaben, venter_paa_laas

pytestmark = pytest.mark.django_db

NY = reverse("konto:api_noegle_opret")
ALLE = reverse("konto:api_noegler")
NOEGLE = re.compile(r"fbp_[A-Za-z0-9_-]{43}")


def tilbagekald_url(noegle: ApiNoegle) -> str:
    return reverse("konto:api_noegle_tilbagekald", args=[noegle.pk])


# Making a key -------------------------------------------------------------------------------------------------


def test_a_new_key_is_shown_once_and_only_its_hash_is_stored(client_for, projektleder_101):
    client = client_for(projektleder_101)
    response = client.post(NY, {"navn": "R-script til evalueringen", "gyldig_dage": "180"})

    assert response.status_code == 200  # the same response shows the key: there is no page to go back to for it
    assert "no-store" in response["Cache-Control"]
    side = response.content.decode()
    (klartekst,) = set(NOEGLE.findall(side))
    assert "Den bliver ikke vist igen" in side
    assert f'curl -H "Authorization: Bearer {klartekst}" {settings.PORTAL_URL}/api/v1/programmer/' in side

    noegle = ApiNoegle.objects.get(bruger=projektleder_101)
    assert noegle.noegle_hash == hashlib.sha256(klartekst.encode()).hexdigest()
    assert noegle.praefiks == klartekst[:10]
    assert noegle.navn == "R-script til evalueringen"
    assert abs(noegle.udloeber - (noegle.oprettet + timedelta(days=180))) < timedelta(seconds=1)
    gemt = [str(getattr(noegle, felt.attname)) for felt in ApiNoegle._meta.concrete_fields]
    assert not any(klartekst in vaerdi for vaerdi in gemt)

    min_konto = client.get(reverse("konto:side")).content.decode()
    assert klartekst not in min_konto
    assert f"{klartekst[:10]}…" in min_konto
    assert "R-script til evalueringen" in min_konto


def test_the_form_offers_four_validities_with_90_days_first_chosen(client_for, projektleder_101):
    side = client_for(projektleder_101).get(NY).content.decode()
    assert re.findall(r'name="gyldig_dage" value="(\d+)"', side) == ["30", "90", "180", "365"]
    assert re.search(r'value="90"[^>]*checked', side)


def test_a_form_error_keeps_what_the_user_wrote(client_for, projektleder_101):
    client = client_for(projektleder_101)
    response = client.post(NY, {"navn": "x" * 101, "gyldig_dage": "365"})
    assert response.status_code == 400
    side = response.content.decode()
    assert "Navnet må højst være 100 tegn." in side
    assert "x" * 101 in side
    assert re.search(r'value="365"[^>]*checked', side)

    response = client.post(NY, {"navn": "Stata", "gyldig_dage": "7"})  # not one of the choices
    assert response.status_code == 400
    assert 'value="Stata"' in response.content.decode()
    assert not ApiNoegle.objects.exists()


def test_the_service_refuses_a_validity_past_a_year(projektleder_101):
    with pytest.raises(ValidationError):
        api_noegle_opret(bruger=projektleder_101, navn="For længe", gyldig_dage=366)


# At most ten valid keys ----------------------------------------------------------------------------------------


def test_an_eleventh_valid_key_is_refused_and_revoked_or_expired_ones_do_not_count(projektleder_101, ministeriet):
    noegler = [api_noegle_opret(bruger=projektleder_101, navn=f"Nøgle {i}", gyldig_dage=30)[0] for i in range(10)]
    with pytest.raises(ValidationError, match="allerede 10 gyldige API-nøgler"):
        api_noegle_opret(bruger=projektleder_101, navn="Nummer 11", gyldig_dage=30)

    api_noegle_tilbagekald(noegle=noegler[0], af=ministeriet)
    api_noegle_opret(bruger=projektleder_101, navn="I stedet for nøgle 0", gyldig_dage=30)

    ApiNoegle.objects.filter(pk=noegler[1].pk).update(udloeber=timezone.now() - timedelta(seconds=1))
    api_noegle_opret(bruger=projektleder_101, navn="I stedet for nøgle 1", gyldig_dage=30)
    assert ApiNoegle.objects.filter(bruger=projektleder_101).count() == 12

    # Another user's keys are theirs: the ministry may still make its own.
    api_noegle_opret(bruger=ministeriet, navn="Ministeriets", gyldig_dage=30)


def test_the_page_says_so_at_ten_and_the_refusal_keeps_the_input(client_for, projektleder_101):
    for i in range(MAKS_GYLDIGE_API_NOEGLER):
        api_noegle_opret(bruger=projektleder_101, navn=f"Nøgle {i}", gyldig_dage=30)
    client = client_for(projektleder_101)
    assert "Du har allerede 10 gyldige API-nøgler" in client.get(NY).content.decode()

    response = client.post(NY, {"navn": "Python-notebook", "gyldig_dage": "30"})
    assert response.status_code == 400
    side = response.content.decode()
    assert "Tilbagekald en, du ikke bruger længere, før du laver en ny." in side
    assert 'value="Python-notebook"' in side
    assert not NOEGLE.search(side)
    assert ApiNoegle.objects.filter(bruger=projektleder_101).count() == MAKS_GYLDIGE_API_NOEGLER


@pytest.mark.django_db(transaction=True)
def test_two_keys_at_once_cannot_make_eleven():
    """Nine keys; two new ones at once, in two transactions. The second waits for the lock on the user's row, then
    counts the first's key and is refused: ten, not eleven."""
    bruger = BrugerFactory(username="samtidig", rolle="evaluator")
    for i in range(MAKS_GYLDIGE_API_NOEGLER - 1):
        api_noegle_opret(bruger=bruger, navn=f"Nøgle {i}", gyldig_dage=30)

    foerste = foerst_holdt_aaben(lambda: api_noegle_opret(bruger=bruger, navn="Først", gyldig_dage=30))
    anden = Traad(lambda: api_noegle_opret(bruger=bruger, navn="Samtidig", gyldig_dage=30)).start()
    assert venter_paa_laas(anden)
    foerste.slip.set()
    foerste.vent()
    anden.vent()

    assert foerste.fejl is None
    assert isinstance(anden.fejl, ValidationError)
    assert ApiNoegle.objects.filter(bruger=bruger).count() == MAKS_GYLDIGE_API_NOEGLER
    assert not ApiNoegle.objects.filter(navn="Samtidig").exists()


# Revoking ------------------------------------------------------------------------------------------------------


def test_the_owner_revokes_their_key_after_a_confirmation(client_for, projektleder_101):
    noegle, _ = api_noegle_opret(bruger=projektleder_101, navn="Gammelt R-script", gyldig_dage=90)
    client = client_for(projektleder_101)
    assert f'href="{tilbagekald_url(noegle)}"' in client.get(reverse("konto:side")).content.decode()

    bekraeft = client.get(tilbagekald_url(noegle))
    assert bekraeft.status_code == 200
    assert "Det kan ikke fortrydes" in bekraeft.content.decode()
    ApiNoegle.objects.get(pk=noegle.pk, tilbagekaldt__isnull=True)  # a GET changes nothing

    response = client.post(tilbagekald_url(noegle), follow=True)
    assert response.redirect_chain == [(reverse("konto:side"), 302)]
    noegle.refresh_from_db()
    assert noegle.tilbagekaldt is not None
    assert noegle.tilbagekaldt_af == projektleder_101
    side = response.content.decode()
    assert "er tilbagekaldt og virker ikke mere" in side
    assert f"Tilbagekaldt {dato(noegle.tilbagekaldt)} af {projektleder_101.get_full_name()}" in side
    assert f'href="{tilbagekald_url(noegle)}"' not in side  # nothing more to revoke

    again = client.post(tilbagekald_url(noegle))
    assert again.status_code == 403
    assert "allerede tilbagekaldt" in again.content.decode()


def test_min_konto_tells_expired_from_valid(client_for, projektleder_101):
    gyldig, _ = api_noegle_opret(bruger=projektleder_101, navn="Gyldig nøgle", gyldig_dage=30)
    udloebet, _ = api_noegle_opret(bruger=projektleder_101, navn="Udløbet nøgle", gyldig_dage=30)
    ApiNoegle.objects.filter(pk=udloebet.pk).update(udloeber=timezone.now() - timedelta(days=1))
    side = client_for(projektleder_101).get(reverse("konto:side")).content.decode()
    raekker = {navn: raekke for navn, raekke in re.findall(r"<tr>\s*<td>([^<]+)</td>(.*?)</tr>", side, re.S)}
    assert "Gyldig" in raekker["Gyldig nøgle"] and tilbagekald_url(gyldig) in raekker["Gyldig nøgle"]
    assert "Udløbet" in raekker["Udløbet nøgle"] and tilbagekald_url(udloebet) not in raekker["Udløbet nøgle"]
    assert f'href="{ALLE}"' not in side  # the overview is the ministry's


@pytest.mark.parametrize("anden", ["projektleder_147", "evaluator", "styregruppe"])
def test_nobody_but_the_owner_and_the_ministry_knows_a_key_exists(request, client_for, projektleder_101, anden):
    noegle, _ = api_noegle_opret(bruger=projektleder_101, navn="København", gyldig_dage=90)
    client = client_for(request.getfixturevalue(anden))
    assert client.get(tilbagekald_url(noegle)).status_code == 404
    assert client.post(tilbagekald_url(noegle)).status_code == 404
    noegle.refresh_from_db()
    assert noegle.tilbagekaldt is None


# The ministry's overview ---------------------------------------------------------------------------------------


def test_the_ministry_sees_every_key_newest_first_and_revokes_one(
    client_for, projektleder_101, evaluator, ministeriet, django_assert_max_num_queries
):
    gammel, _ = api_noegle_opret(bruger=evaluator, navn="Evaluators Stata", gyldig_dage=365)
    ApiNoegle.objects.filter(pk=gammel.pk).update(oprettet=timezone.now() - timedelta(days=3))
    ny, _ = api_noegle_opret(bruger=projektleder_101, navn="Københavns R", gyldig_dage=30)
    for i in range(20):  # the query count must not grow with the keys
        noegle, _ = api_noegle_opret(bruger=ministeriet, navn=f"Ministeriets {i}", gyldig_dage=30)
        api_noegle_tilbagekald(noegle=noegle, af=ministeriet)
    ApiNoegle.objects.filter(bruger=ministeriet).update(oprettet=timezone.now() - timedelta(days=5))
    client = client_for(ministeriet)

    assert reverse("konto:api_noegler") in client.get(reverse("konto:side")).content.decode()
    with django_assert_max_num_queries(18):  # 8 of them the menu and its tasks, 1 the keys with their users
        side = client.get(ALLE).content.decode()
    assert "22 API-nøgler" in side
    assert side.index("Københavns R") < side.index("Evaluators Stata") < side.index("Ministeriets 0")
    assert "Kommunal projektleder" in side and "Evaluator" in side
    assert f"{ny.praefiks}…" in side
    assert side.count("Tilbagekaldt ") == 20

    response = client.post(tilbagekald_url(ny), {"fra": "oversigt"}, follow=True)
    assert response.redirect_chain == [(ALLE, 302)]
    ny.refresh_from_db()
    assert ny.tilbagekaldt_af == ministeriet
    assert f"Tilbagekaldt {dato(ny.tilbagekaldt)} af {ministeriet.get_full_name()}" in response.content.decode()

    # The owner sees who revoked it.
    ejers_side = client_for(projektleder_101).get(reverse("konto:side")).content.decode()
    assert f"af {ministeriet.get_full_name()}" in ejers_side


def test_the_overview_has_pages_of_fifty(client_for, ministeriet):
    bruger = BrugerFactory(username="mange", rolle="evaluator")
    nu = timezone.now()
    ApiNoegle.objects.bulk_create(
        ApiNoegle(bruger=bruger, navn=f"Nøgle {i}", praefiks="fbp_x", noegle_hash=f"{i:064x}", udloeber=nu)
        for i in range(51)
    )
    client = client_for(ministeriet)
    assert client.get(ALLE).content.decode().count("fbp_x…") == 50
    anden = client.get(ALLE, {"side": "2"}).content.decode()
    assert anden.count("fbp_x…") == 1
    assert "side 2 af 2" in anden


@pytest.mark.parametrize("rolle", ["projektleder_101", "evaluator", "styregruppe"])
def test_only_the_ministry_sees_the_overview(request, client_for, rolle):
    response = client_for(request.getfixturevalue(rolle)).get(ALLE)
    assert response.status_code == 403
    assert "Kun ministeriet kan se alle brugeres API-nøgler" in response.content.decode()


# Authentication --------------------------------------------------------------------------------------------------


def anmodning(authorization: str | None = None):
    ekstra = {"HTTP_AUTHORIZATION": authorization} if authorization is not None else {}
    return RequestFactory().get("/api/v1/programmer/", **ekstra)


def autentificer(authorization: str | None = None):
    return NoegleAutentificering().authenticate(anmodning(authorization))


def test_a_valid_key_reads_as_its_owner(projektleder_101):
    noegle, klartekst = api_noegle_opret(bruger=projektleder_101, navn="R", gyldig_dage=30)
    bruger, auth = autentificer(f"Bearer {klartekst}")
    assert bruger == projektleder_101
    assert auth == noegle


def test_without_a_bearer_header_the_key_authentication_steps_aside():
    assert autentificer() is None
    assert autentificer("Basic dXNlcjpwYXNz") is None


@pytest.mark.parametrize(
    "hvad",
    ["tilbagekaldt", "udloebet", "forkert", "ejeren_deaktiveret", "to_dele", "ikke_ascii"],
)
def test_a_key_that_does_not_work_is_refused(projektleder_101, ministeriet, hvad):
    noegle, klartekst = api_noegle_opret(bruger=projektleder_101, navn="R", gyldig_dage=30)
    header = f"Bearer {klartekst}"
    if hvad == "tilbagekaldt":
        api_noegle_tilbagekald(noegle=noegle, af=ministeriet)
    elif hvad == "udloebet":
        ApiNoegle.objects.filter(pk=noegle.pk).update(udloeber=timezone.now() - timedelta(seconds=1))
    elif hvad == "forkert":
        header = f"Bearer {klartekst[:-1]}{'A' if klartekst[-1] != 'A' else 'B'}"
    elif hvad == "ejeren_deaktiveret":
        type(projektleder_101).objects.filter(pk=projektleder_101.pk).update(is_active=False)
    elif hvad == "to_dele":
        header = f"Bearer {klartekst} ekstra"
    elif hvad == "ikke_ascii":
        header = "Bearer fbp_æøå"
    with pytest.raises(AuthenticationFailed):
        NoegleAutentificering().authenticate(anmodning(header))


def test_last_used_is_written_at_most_once_a_minute(projektleder_101, django_assert_num_queries):
    noegle, klartekst = api_noegle_opret(bruger=projektleder_101, navn="R", gyldig_dage=30)
    assert noegle.sidst_brugt is None
    autentificer(f"Bearer {klartekst}")
    noegle.refresh_from_db()
    foerst = noegle.sidst_brugt
    assert foerst is not None

    with django_assert_num_queries(1):  # the lookup only: no UPDATE within the minute
        autentificer(f"Bearer {klartekst}")
    noegle.refresh_from_db()
    assert noegle.sidst_brugt == foerst

    ApiNoegle.objects.filter(pk=noegle.pk).update(sidst_brugt=foerst - timedelta(seconds=61))
    autentificer(f"Bearer {klartekst}")
    noegle.refresh_from_db()
    assert noegle.sidst_brugt > foerst


class _Lille(APIView):
    """The smallest read endpoint with the project's default authentication and rate limit."""

    def get(self, request):
        return Response({"bruger": request.user.username})


def test_the_rate_limit_is_per_key_and_answers_429_past_it(projektleder_101):
    _, klartekst = api_noegle_opret(bruger=projektleder_101, navn="Hurtig", gyldig_dage=30)
    _, anden = api_noegle_opret(bruger=projektleder_101, navn="Anden", gyldig_dage=30)
    visning = _Lille.as_view()
    rest = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"api": "3/min"}}

    def hent(noegle=None):
        # Each request in its own transaction, as ATOMIC_REQUESTS gives it: DRF marks the request's transaction for
        # rollback when it answers with an error, which here would otherwise be the test's own.
        ekstra = {"HTTP_AUTHORIZATION": f"Bearer {noegle}"} if noegle else {}
        with transaction.atomic():
            return visning(APIRequestFactory().get("/api/v1/lille/", **ekstra))

    cache.clear()  # the cache is a table: what the test counts is rolled back with it
    with override_settings(REST_FRAMEWORK=rest):
        svar = [hent(klartekst).status_code for _ in range(4)]
        assert svar == [200, 200, 200, 429]
        assert hent(anden).status_code == 200  # another key counts on its own
        assert hent(klartekst)["Retry-After"]
    assert hent().status_code == 401
