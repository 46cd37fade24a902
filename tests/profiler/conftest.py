import importlib

import pytest
from django.apps import apps
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _tom_cache(db):
    """The shared cache is a database table outside the test's models: start every test without entries."""
    cache.clear()


def indlaes_referencedata() -> None:
    """The migrated reference data (the 98 municipalities and the indicator catalogue), for tests whose database
    is flushed between tests."""
    importlib.import_module("kommuner.migrations.0002_indlaes_kommuner_og_grupper").indlaes(apps, None)
    importlib.import_module("profiler.migrations.0002_indlaes_indikatorkatalog").indlaes(apps, None)


@pytest.fixture
def kommunedata_og_katalog(transactional_db):
    indlaes_referencedata()
