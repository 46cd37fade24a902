import pytest
from procrastinate.contrib.django import app


@pytest.fixture
def worker(transactional_db):
    """A real procrastinate worker in this process: runs every queued job, then returns. The jobs it runs see
    only committed data, hence the transactional database."""

    def koer() -> None:
        with app.replace_connector(app.connector.get_worker_connector()):
            app.run_worker(wait=False, install_signal_handlers=False, listen_notify=False)

    return koer
