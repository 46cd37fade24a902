"""The project's own PostgreSQL cluster for local work and tests, used when DATABASE_URL is not set.

    python -m forebyggelse.localdb start   # initialise (first time) and start; prints the URL
    python -m forebyggelse.localdb stop
    python -m forebyggelse.localdb restart # stop (fast: running transactions are rolled back) and start again
    python -m forebyggelse.localdb url

The cluster listens only on 127.0.0.1 and a socket beside its data, and trusts local connections: it is a
developer's scratch database, never a production one.

Where it lives: as an ordinary user, in .pgdata/ inside the checkout (git-ignored). PostgreSQL refuses to
run as root, so as root the server runs as the `postgres` system user, who may not be able to enter the
checkout at all (a clone in /root or in a mktemp -d folder is mode 0700). Then the cluster lives in a
folder the `postgres` user owns, /var/lib/forebyggelse/pg/<checkout>-<hash of its path>, so no folder
outside the project has to be opened up and two checkouts never share a cluster.

Every failure prints one Danish line saying what to do, never a traceback.
This module imports nothing from Django: settings import DEFAULT_URL from here.
"""

from __future__ import annotations

import glob
import hashlib
import os
import pwd
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("FOREBYGGELSE_PGPORT", "54329"))
USER = "forebyggelse"
DBNAME = "forebyggelse"
DEFAULT_URL = f"postgres://{USER}@127.0.0.1:{PORT}/{DBNAME}"
SERVER_USER = "postgres"
ROOTS_KLYNGER = Path(os.environ.get("FOREBYGGELSE_PG_KLYNGER", "/var/lib/forebyggelse/pg"))

INSTALL_HINT = (
    "Ingen PostgreSQL-programmer fundet: installér PostgreSQL 15 (Debian: apt-get install postgresql-15) "
    "eller sæt DATABASE_URL til en eksisterende database."
)


class DatabaseFejl(Exception):
    """A failure of the local database, with the one Danish line that tells the user what to do."""


def som_root() -> bool:
    return os.geteuid() == 0


def base_dir(root: Path = ROOT) -> Path:
    """The folder holding the cluster, its socket and its log (see the module's docstring)."""
    if not som_root():
        return root / ".pgdata"
    noegle = hashlib.sha256(str(root).encode()).hexdigest()[:12]
    return ROOTS_KLYNGER / f"{root.name}-{noegle}"


BASE = base_dir()
CLUSTER = BASE / "cluster"
RUN = BASE / "run"
LOG = BASE / "postgres.log"


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


def _server_user() -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(SERVER_USER)
    except KeyError:
        _koer(["useradd", "--system", "--no-create-home", SERVER_USER], "kunne ikke oprette systembrugeren postgres")
        return pwd.getpwnam(SERVER_USER)


def _koer(cmd: list[str], hvad: str, *, som_server: bool = False) -> subprocess.CompletedProcess:
    """Run a command (as the server user when root and asked to); a failure becomes one Danish line."""
    if som_server and som_root():
        cmd = ["runuser", "-u", SERVER_USER, "--", *cmd]
    try:
        # From a folder the server user can enter: PostgreSQL's programs change to their working directory.
        result = subprocess.run(cmd, capture_output=True, text=True, cwd=BASE if BASE.exists() else "/")
    except OSError as exc:
        raise DatabaseFejl(f"Databasen: {hvad} ({exc.strerror}).") from exc
    if result.returncode != 0:
        sidste = (result.stderr or result.stdout).strip().splitlines()
        raise DatabaseFejl(f"Databasen: {hvad}: {sidste[-1] if sidste else 'ukendt fejl'}")
    return result


def _prepare_dirs() -> None:
    try:
        if not som_root():
            RUN.mkdir(parents=True, exist_ok=True)
            return
        pw = _server_user()
        # The parents are ordinary root-owned folders (0755); only the cluster's own folder is the server's.
        BASE.parent.mkdir(parents=True, exist_ok=True, mode=0o755)
        BASE.mkdir(exist_ok=True, mode=0o700)
        RUN.mkdir(exist_ok=True, mode=0o700)
        for path in (BASE, RUN):
            os.chown(path, pw.pw_uid, pw.pw_gid)
    except OSError as exc:
        raise DatabaseFejl(
            f"Databasens mappe {BASE} kunne ikke oprettes ({exc.strerror}). Sæt DATABASE_URL til en eksisterende "
            "database, eller kør fra en mappe, du kan skrive i."
        ) from exc


def is_running(bindir: Path) -> bool:
    if not (CLUSTER / "PG_VERSION").exists():
        return False
    cmd = [str(bindir / "pg_ctl"), "status", "-D", str(CLUSTER)]
    if som_root():
        cmd = ["runuser", "-u", SERVER_USER, "--", *cmd]
    return subprocess.run(cmd, capture_output=True, cwd=BASE).returncode == 0


def start() -> int:
    bindir = find_bindir()
    if bindir is None:
        raise DatabaseFejl(INSTALL_HINT)
    _prepare_dirs()
    if not (CLUSTER / "PG_VERSION").exists():
        print(f"Opretter databaseklynge i {CLUSTER} …")
        _koer(
            [
                str(bindir / "initdb"),
                "-D",
                str(CLUSTER),
                "-U",
                USER,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
            ],
            "klyngen kunne ikke oprettes",
            som_server=True,
        )
    if is_running(bindir):
        print(f"Databasen kører allerede: {DEFAULT_URL}")
        return 0
    try:
        _koer(
            [str(bindir / "pg_ctl"), "start", "-w", "-D", str(CLUSTER), "-l", str(LOG), "-o", _options()],
            "kunne ikke starte",
            som_server=True,
        )
    except DatabaseFejl:
        raise DatabaseFejl(
            f"Databasen kunne ikke starte: {_sidste_logfejl()} Er port {PORT} optaget, så sæt FOREBYGGELSE_PGPORT "
            f"til en anden port. Loggen ligger i {LOG}."
        ) from None
    _ensure_database()
    print(f"Databasen kører: {DEFAULT_URL} (data i {CLUSTER})")
    return 0


def _options() -> str:
    return f"-c listen_addresses=127.0.0.1 -p {PORT} -k {RUN}"


def _sidste_logfejl() -> str:
    try:
        linjer = [linje for linje in LOG.read_text(errors="replace").splitlines() if "FATAL" in linje]
    except OSError:
        return ""
    return linjer[-1].split("FATAL:", 1)[-1].strip() + "." if linjer else ""


def _ensure_database() -> None:
    import psycopg

    for attempt in range(50):
        try:
            conn = psycopg.connect(host="127.0.0.1", port=PORT, user=USER, dbname="postgres")
            break
        except psycopg.OperationalError as exc:
            if attempt == 49:
                raise DatabaseFejl(
                    f"Databasen startede, men svarer ikke på port {PORT}. Se {LOG}, eller kør make stop og prøv igen."
                ) from exc
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
        raise DatabaseFejl(INSTALL_HINT)
    if not is_running(bindir):
        print("Databasen kører ikke.")
        return 0
    stop_cmd = [str(bindir / "pg_ctl"), "stop", "-w", "-m", "fast", "-D", str(CLUSTER)]
    _koer(stop_cmd, "kunne ikke stoppe", som_server=True)
    print("Databasen er stoppet.")
    return 0


def restart() -> int:
    """Stop the server the fast way (open transactions are rolled back, connections cut) and start it again; what
    `make loadtest` does to show that the app comes back by itself."""
    bindir = find_bindir()
    if bindir is None:
        raise DatabaseFejl(INSTALL_HINT)
    if not is_running(bindir):
        raise DatabaseFejl("Databasen kører ikke; start den med make db.")
    cmd = [str(bindir / "pg_ctl"), "restart", "-w", "-m", "fast", "-D", str(CLUSTER), "-l", str(LOG), "-o", _options()]
    _koer(cmd, "kunne ikke genstarte", som_server=True)
    print("Databasen er genstartet.")
    return 0


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else ""
    if os.environ.get("DATABASE_URL") and command in {"start", "stop", "restart"}:
        print(f"DATABASE_URL er sat; den lokale database bruges ikke ({command} springes over).")
        return 0
    try:
        if command == "start":
            return start()
        if command == "stop":
            return stop()
        if command == "restart":
            return restart()
    except DatabaseFejl as fejl:
        print(str(fejl).replace("\n", " "))
        return 1
    if command == "url":
        print(os.environ.get("DATABASE_URL") or DEFAULT_URL)
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
