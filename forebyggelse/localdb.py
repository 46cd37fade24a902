"""The project's own PostgreSQL cluster for local work and tests, used when DATABASE_URL is not set.

    python -m forebyggelse.localdb start   # initialise (first time) and start; prints the URL
    python -m forebyggelse.localdb stop
    python -m forebyggelse.localdb url

The cluster lives in .pgdata/ (git-ignored), listens only on 127.0.0.1 and a socket in .pgdata/run,
and trusts local connections: it is a developer's scratch database, never a production one.
PostgreSQL refuses to run as root, so as root the server runs as the `postgres` system user.
This module imports nothing from Django: settings import DEFAULT_URL from here.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / ".pgdata"
CLUSTER = BASE / "cluster"
RUN = BASE / "run"
LOG = BASE / "postgres.log"
PORT = int(os.environ.get("FOREBYGGELSE_PGPORT", "54329"))
USER = "forebyggelse"
DBNAME = "forebyggelse"
DEFAULT_URL = f"postgres://{USER}@127.0.0.1:{PORT}/{DBNAME}"
SERVER_USER = "postgres"

INSTALL_HINT = (
    "Ingen PostgreSQL-programmer fundet: installér PostgreSQL 15 (Debian: apt-get install postgresql-15) "
    "eller sæt DATABASE_URL til en eksisterende database."
)


def find_bindir() -> Path | None:
    """Where initdb and pg_ctl are: $PG_BINDIR, Debian's versioned folders (newest first), then PATH."""
    if os.environ.get("PG_BINDIR"):
        return Path(os.environ["PG_BINDIR"])
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key, reverse=True):
        if Path(folder, "pg_ctl").exists() and Path(folder, "initdb").exists():
            return Path(folder)
    pg_ctl = shutil.which("pg_ctl")
    if pg_ctl and shutil.which("initdb"):
        return Path(pg_ctl).resolve().parent
    return None


def _version_key(folder: str) -> int:
    try:
        return int(Path(folder).parent.name)
    except ValueError:
        return 0


def _as_server_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    return ["runuser", "-u", SERVER_USER, "--", *cmd]


def _prepare_dirs() -> None:
    BASE.mkdir(exist_ok=True)
    RUN.mkdir(exist_ok=True)
    if os.geteuid() == 0:
        try:
            pw = pwd.getpwnam(SERVER_USER)
        except KeyError:
            subprocess.run(["useradd", "--system", "--no-create-home", SERVER_USER], check=True)
            pw = pwd.getpwnam(SERVER_USER)
        for path in [BASE, RUN, *BASE.rglob("*")]:
            os.chown(path, pw.pw_uid, pw.pw_gid)


def is_running(bindir: Path) -> bool:
    if not (CLUSTER / "PG_VERSION").exists():
        return False
    result = subprocess.run(
        _as_server_user([str(bindir / "pg_ctl"), "status", "-D", str(CLUSTER)]),
        capture_output=True,
        text=True,
    )
    return result.returncode == 0


def start() -> int:
    bindir = find_bindir()
    if bindir is None:
        print(INSTALL_HINT)
        return 1
    _prepare_dirs()
    if not (CLUSTER / "PG_VERSION").exists():
        print(f"Opretter databaseklynge i {CLUSTER} …")
        subprocess.run(
            _as_server_user(
                [
                    str(bindir / "initdb"),
                    "-D",
                    str(CLUSTER),
                    "-U",
                    USER,
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--locale=C.UTF-8",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
    if is_running(bindir):
        print(f"Databasen kører allerede: {DEFAULT_URL}")
        return 0
    options = f"-c listen_addresses=127.0.0.1 -p {PORT} -k {RUN}"
    result = subprocess.run(
        _as_server_user([str(bindir / "pg_ctl"), "start", "-w", "-D", str(CLUSTER), "-l", str(LOG), "-o", options]),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        print(f"Databasen kunne ikke starte (port {PORT} optaget? sæt FOREBYGGELSE_PGPORT). Se {LOG}:")
        print(LOG.read_text()[-2000:] if LOG.exists() else result.stderr)
        return 1
    _ensure_database()
    print(f"Databasen kører: {DEFAULT_URL}")
    return 0


def _ensure_database() -> None:
    import psycopg2

    for attempt in range(50):
        try:
            conn = psycopg2.connect(host="127.0.0.1", port=PORT, user=USER, dbname="postgres")
            break
        except psycopg2.OperationalError:
            if attempt == 49:
                raise
            time.sleep(0.1)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DBNAME])
        if cur.fetchone() is None:
            cur.execute(f'CREATE DATABASE "{DBNAME}"')
    conn.close()


def stop() -> int:
    bindir = find_bindir()
    if bindir is None:
        print(INSTALL_HINT)
        return 1
    if not is_running(bindir):
        print("Databasen kører ikke.")
        return 0
    subprocess.run(
        _as_server_user([str(bindir / "pg_ctl"), "stop", "-w", "-m", "fast", "-D", str(CLUSTER)]),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print("Databasen er stoppet.")
    return 0


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else ""
    if os.environ.get("DATABASE_URL") and command in {"start", "stop"}:
        print(f"DATABASE_URL er sat; den lokale database bruges ikke ({command} springes over).")
        return 0
    if command == "start":
        return start()
    if command == "stop":
        return stop()
    if command == "url":
        print(os.environ.get("DATABASE_URL") or DEFAULT_URL)
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
