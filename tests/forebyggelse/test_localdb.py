import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg
import pytest

from forebyggelse import localdb


def test_url_is_database_url_when_set_else_the_local_cluster(monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", "postgres://x@db.example.org/y")
    assert localdb.main(["localdb", "url"]) == 0
    assert capsys.readouterr().out.strip() == "postgres://x@db.example.org/y"
    monkeypatch.delenv("DATABASE_URL")
    localdb.main(["localdb", "url"])
    assert capsys.readouterr().out.strip() == localdb.DEFAULT_URL


@pytest.mark.parametrize("kommando", ["stop", "restart"])
def test_stop_and_restart_leave_an_external_database_alone(monkeypatch, capsys, kommando):
    monkeypatch.setenv("DATABASE_URL", "postgres://x@db.example.org/y")
    assert localdb.main(["localdb", kommando]) == 0
    assert "DATABASE_URL er sat" in capsys.readouterr().out


@pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="the suite runs on an external database")
def test_starting_the_running_cluster_again_says_so(capsys):
    assert localdb.main(["localdb", "start"]) == 0
    assert capsys.readouterr().out.strip() == f"Databasen kører allerede: {localdb.DEFAULT_URL}"


def test_without_postgresql_binaries_it_says_in_one_line_what_to_do(monkeypatch, capsys):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr(localdb, "find_bindir", lambda: None)
    assert localdb.main(["localdb", "start"]) == 1
    out = capsys.readouterr().out.strip()
    assert len(out.splitlines()) == 1
    assert "apt-get install postgresql-15" in out and "DATABASE_URL" in out


def _ledig_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _localdb(klon: Path, kommando: str, port: int) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"FOREBYGGELSE_PGPORT": str(port)}
    return subprocess.run(
        [sys.executable, "-m", "forebyggelse.localdb", kommando], cwd=klon, env=env, capture_output=True, text=True
    )


@pytest.mark.skipif(not localdb.find_bindir(), reason="needs PostgreSQL's programs")
def test_a_checkout_in_a_private_folder_gets_a_working_cluster_without_opening_the_folder():
    """A clone in a folder only its owner may enter (mode 0700, as /root or mktemp -d): as root, the server
    user cannot reach the checkout, so the cluster must live elsewhere; the folder keeps its mode."""
    privat = Path(tempfile.mkdtemp(prefix="forebyggelse-privat-"))
    klon = privat / "klon"
    (klon / "forebyggelse").mkdir(parents=True)
    for navn in ("__init__.py", "localdb.py"):
        shutil.copy(Path(localdb.__file__).parent / navn, klon / "forebyggelse" / navn)
    port = _ledig_port()
    klyngemappe = localdb.base_dir(klon)
    try:
        assert stat.S_IMODE(privat.stat().st_mode) == 0o700
        startet = _localdb(klon, "start", port)
        assert startet.returncode == 0, startet.stdout + startet.stderr
        assert f"Databasen kører: postgres://forebyggelse@127.0.0.1:{port}/forebyggelse" in startet.stdout
        assert str(klyngemappe / "cluster") in startet.stdout  # it says where the data is
        if os.geteuid() == 0:
            assert not klyngemappe.is_relative_to(privat)
            assert klyngemappe.owner() == "postgres"
        conn = psycopg.connect(host="127.0.0.1", port=port, user="forebyggelse", dbname="forebyggelse")
        with conn.cursor() as cur:
            cur.execute("SELECT 1")
            assert cur.fetchone() == (1,)
        conn.close()
        assert stat.S_IMODE(privat.stat().st_mode) == 0o700  # nothing was opened up
        assert _localdb(
            klon, "start", port
        ).stdout.strip() == f"Databasen kører allerede: {localdb.DEFAULT_URL}".replace(str(localdb.PORT), str(port))
        stoppet = _localdb(klon, "stop", port)
        assert stoppet.stdout.strip() == "Databasen er stoppet."
    finally:
        _localdb(klon, "stop", port)
        shutil.rmtree(privat, ignore_errors=True)
        shutil.rmtree(klyngemappe, ignore_errors=True)


@pytest.mark.skipif(not localdb.find_bindir(), reason="needs PostgreSQL's programs")
def test_a_database_that_cannot_start_says_what_to_do_in_one_danish_line(tmp_path):
    """The port is taken (by the suite's own server): one line, no traceback, exit code 1."""
    klon = Path(tempfile.mkdtemp(prefix="forebyggelse-optaget-"))
    (klon / "forebyggelse").mkdir()
    for navn in ("__init__.py", "localdb.py"):
        shutil.copy(Path(localdb.__file__).parent / navn, klon / "forebyggelse" / navn)
    with socket.socket() as optaget:
        optaget.bind(("127.0.0.1", 0))
        optaget.listen()
        port = optaget.getsockname()[1]
        try:
            resultat = _localdb(klon, "start", port)
        finally:
            _localdb(klon, "stop", port)
            shutil.rmtree(localdb.base_dir(klon), ignore_errors=True)
            shutil.rmtree(klon, ignore_errors=True)
    assert resultat.returncode == 1
    linjer = [linje for linje in resultat.stdout.splitlines() if not linje.startswith("Opretter databaseklynge")]
    assert len(linjer) == 1, resultat.stdout
    assert linjer[0].startswith("Databasen kunne ikke starte:")
    assert "FOREBYGGELSE_PGPORT" in linjer[0]
    assert "Traceback" not in resultat.stdout + resultat.stderr
