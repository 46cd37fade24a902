import importlib

import pytest
from django.apps import apps
from procrastinate.contrib.django import app


@pytest.fixture
def kommunedata_transaktion(transactional_db):
    """Transactional tests flush the database afterwards; put the migrated municipalities back first."""
    importlib.import_module("kommuner.migrations.0002_indlaes_kommuner_og_grupper").indlaes(apps, None)


@pytest.fixture
def worker(kommunedata_transaktion):
    """A real procrastinate worker in this process: it runs every queued job, then returns. Jobs run in the
    worker's own threads and connections and see only committed data, hence the transactional database."""

    def koer() -> None:
        with app.replace_connector(app.connector.get_worker_connector()):
            app.run_worker(wait=False, install_signal_handlers=False, listen_notify=False)

    return koer
