import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from konto.services import api_noegle_opret


@pytest.fixture(autouse=True)
def _ren_graense():
    # The per-key rate limit counts in the shared cache; every test starts from zero.
    cache.clear()


@pytest.fixture
def api_for(db):
    """A client that sends a fresh API key of `bruger`, as a script would."""

    def klient(bruger) -> APIClient:
        _, noegle = api_noegle_opret(bruger=bruger, navn="test", gyldig_dage=30)
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Bearer {noegle}")
        return api

    return klient
