import importlib
import threading

import pytest
from django.apps import apps
from django.db import connections
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
        # In its own thread: the browser tests' Playwright already runs an event loop in this one.
        fejl = []

        def koer_worker():
            try:
                with app.replace_connector(app.connector.get_worker_connector()):
                    app.run_worker(wait=False, install_signal_handlers=False, listen_notify=False)
            except Exception as exc:  # re-raised in the test thread below
                fejl.append(exc)

        traad = threading.Thread(target=koer_worker)
        traad.start()
        traad.join(timeout=60)
        if fejl:
            raise fejl[0]

    # The worker's threads keep their connections for CONN_MAX_AGE, which would keep the test database open
    # at teardown; with 0, procrastinate's Django middleware closes them after each job.
    databases = connections.settings["default"]
    foer = databases["CONN_MAX_AGE"]
    databases["CONN_MAX_AGE"] = 0
    yield koer
    databases["CONN_MAX_AGE"] = foer
