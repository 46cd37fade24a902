"""/healthz, the 503 page while the database is away, and that a broken database connection (PostgreSQL restarted,
the connection killed) costs no failed request: Django checks a reused connection before the request uses it
(CONN_HEALTH_CHECKS)."""

import socket
from io import BytesIO

import psycopg
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection

from tests.kommuner.factories import BrugerFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _frisk_forbindelse_bagefter():
    """The tests break the connection on purpose; the database flush after each test needs a working one."""
    yield
    connection.close()


def test_healthz_answers_ok_without_login_and_without_details(client):
    svar = client.get("/healthz")
    assert svar.status_code == 200
    assert svar.content == b"ok\n"
    assert svar["Content-Type"] == "text/plain; charset=utf-8"
    assert "no-cache" in svar["Cache-Control"]


def _ledig_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch):
    connection.close()
    monkeypatch.setitem(connection.settings_dict, "PORT", str(_ledig_port()))
    try:
        svar = client.get("/healthz")
    finally:
        connection.close()
        monkeypatch.undo()
    assert svar.status_code == 503
    assert svar.content == b"fejl\n"  # nothing about the database, host or error
    assert client.get("/healthz").status_code == 200


def wsgi(sti: str, cookie: str = "", headers: dict | None = None) -> tuple[str, bytes]:
    """A request through Django's real WSGI handler, which (unlike the test client) runs the connection
    housekeeping at the start and end of every request, as gunicorn does."""
    miljoe = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": sti,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
        "wsgi.input": BytesIO(b""),
        "wsgi.errors": BytesIO(),
        "HTTP_COOKIE": cookie,
    }
    status = []

    def start_response(s, svarheaders, exc_info=None):
        status.append(s)
        if headers is not None:
            headers.update(svarheaders)

    krop = b"".join(WSGIHandler()(miljoe, start_response))
    return status[0], krop


def afbryd_forbindelsen() -> None:
    """What a PostgreSQL restart does to an idle connection: the server ends it."""
    pid = connection.connection.info.backend_pid
    indstillinger = connection.settings_dict
    anden = psycopg.connect(
        dbname=indstillinger["NAME"],
        user=indstillinger["USER"],
        host=indstillinger["HOST"],
        port=indstillinger["PORT"],
        autocommit=True,
    )
    with anden.cursor() as cur:
        cur.execute("SELECT pg_terminate_backend(%s)", [pid])
        assert cur.fetchone()[0]
    anden.close()


@pytest.fixture
def session_cookie(kommunedata, client_for, projektleder_101, settings):
    settings.SESSION_COOKIE_NAME = "sessionid"
    return f"sessionid={client_for(projektleder_101).session.session_key}"


def test_a_killed_connection_is_replaced_before_the_next_request_uses_it(session_cookie):
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True
    assert connection.settings_dict["CONN_MAX_AGE"] == 60
    assert wsgi("/healthz")[0] == "200 OK"
    gammel = connection.connection
    assert gammel is not None  # kept for the next request (CONN_MAX_AGE)

    afbryd_forbindelsen()
    assert wsgi("/healthz")[0] == "200 OK"
    assert connection.connection is not gammel

    # A logged-in page in one transaction (ATOMIC_REQUESTS) too.
    afbryd_forbindelsen()
    status, krop = wsgi("/kommuner/101/", session_cookie)
    assert status == "200 OK"
    assert "Københavns Kommune" in krop.decode()


def test_without_health_checks_the_first_request_after_a_kill_fails(monkeypatch):
    """The control: the test above would fail if the setting were off."""
    monkeypatch.setitem(connection.settings_dict, "CONN_HEALTH_CHECKS", False)
    assert wsgi("/healthz")[0] == "200 OK"
    afbryd_forbindelsen()
    assert wsgi("/healthz")[0] == "503 Service Unavailable"


def test_a_page_while_the_database_is_away_says_so_with_503_and_retry_after(session_cookie, monkeypatch):
    """Through the real WSGI handler: the session cannot be read, the user is told to try again in a moment."""
    connection.close()
    monkeypatch.setitem(connection.settings_dict, "PORT", str(_ledig_port()))
    headers = {}
    try:
        status, krop = wsgi("/kommuner/101/", session_cookie, headers)
    finally:
        connection.close()
        monkeypatch.undo()
    assert status == "503 Service Unavailable"
    assert headers["Retry-After"] == "5"
    tekst = krop.decode()
    assert "Portalen kan ikke nå sin database lige nu" in tekst
    assert "Traceback" not in tekst and "psycopg" not in tekst and "5432" not in tekst
    # Back again: the same page answers.
    assert wsgi("/kommuner/101/", session_cookie)[0] == "200 OK"


def test_other_errors_still_get_the_500_page(client, monkeypatch):
    def fejl(*args, **kwargs):
        raise RuntimeError("noget andet")

    monkeypatch.setattr("portal.views.programmer_til_laesning", fejl)
    client.raise_request_exception = False
    client.force_login(BrugerFactory())
    svar = client.get("/")
    assert svar.status_code == 500
    assert "Der skete en fejl hos os" in svar.content.decode()
