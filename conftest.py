"""Fixtures every test can use: the municipalities (loaded by migration) and one user per role."""

import importlib

import pytest
from django.apps import apps

from forebyggelse.roller import Rolle
from kommuner.models import Kommune
from tests.kommuner.factories import BrugerFactory


@pytest.fixture
def kobenhavn(db) -> Kommune:
    return Kommune.objects.get(kode="101")


@pytest.fixture
def frederiksberg(db) -> Kommune:
    return Kommune.objects.get(kode="147")


@pytest.fixture
def ministeriet(db):
    return BrugerFactory(username="test-ministeriet", rolle=Rolle.MINISTERIET)


@pytest.fixture
def evaluator(db):
    return BrugerFactory(username="test-evaluator", rolle=Rolle.EVALUATOR)


@pytest.fixture
def styregruppe(db):
    return BrugerFactory(username="test-styregruppe", rolle=Rolle.STYREGRUPPE)


@pytest.fixture
def projektleder_101(db):
    return BrugerFactory(username="test-projektleder-101", rolle=Rolle.PROJEKTLEDER, kommuner=["101"])


@pytest.fixture
def projektleder_147(db):
    return BrugerFactory(username="test-projektleder-147", rolle=Rolle.PROJEKTLEDER, kommuner=["147"])


@pytest.fixture
def client_for(client):
    """`client_for(user)` gives the test client logged in as that user."""

    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def api_for(db):
    """`api_for(user)` gives an API client that sends a fresh API key of that user, as a script would."""
    from rest_framework.test import APIClient

    from konto.services import api_noegle_opret

    def klient(bruger) -> APIClient:
        _, noegle = api_noegle_opret(bruger=bruger, navn="test", gyldig_dage=30)
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Bearer {noegle}")
        return api

    return klient


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded annexes go to a fresh folder per test, never into the project."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def kommunedata(transactional_db):
    """Tests on committed data (live server, concurrent transactions) flush the database after each test; put
    the migrated reference data (98 municipalities and their groups) back first."""
    migration = importlib.import_module("kommuner.migrations.0002_indlaes_kommuner_og_grupper")
    migration.indlaes(apps, None)


@pytest.fixture
def menuen(db):
    """How many queries the menu's count of the user's tasks costs on every page (portal/opgaver.py). A page's test
    of its own queries allows its own number plus this; both stay the same as data grow."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from portal.opgaver import opgaver_for

    def antal(user) -> int:
        with CaptureQueriesContext(connection) as forespoergsler:
            opgaver_for(user)
        return len(forespoergsler)

    return antal
