import os

import pytest

from forebyggelse import localdb


def test_url_is_database_url_when_set_else_the_local_cluster(monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", "postgres://x@db.example.org/y")
    assert localdb.main(["localdb", "url"]) == 0
    assert capsys.readouterr().out.strip() == "postgres://x@db.example.org/y"
    monkeypatch.delenv("DATABASE_URL")
    localdb.main(["localdb", "url"])
    assert capsys.readouterr().out.strip() == localdb.DEFAULT_URL


def test_start_and_stop_leave_an_external_database_alone(monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", "postgres://x@db.example.org/y")
    assert localdb.main(["localdb", "stop"]) == 0
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
