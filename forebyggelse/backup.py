"""Backups with PostgreSQL's own tools, and restoring one into a fresh database.

    python manage.py backup                     # var/backup/forebyggelse-<db>-2011-02-08-120000.dump
    python manage.py restore FIL [--database NAVN] [--overskriv]

A backup is `pg_dump -Fc` of the whole database (schema, data, history triggers), written under a temporary
name and renamed when complete, readable only by its owner. Restoring creates the database if it does not exist,
refuses one that already has tables unless told to overwrite it (then it is dropped and created anew), and runs
`pg_restore` in one transaction: a failed restore leaves an empty database, never half of one.

The programs must be at least the server's major version: `PG_BINDIR`, the server's own version's Debian
folder, the local cluster's folder (forebyggelse/localdb.py), then PATH.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import psycopg
from django.conf import settings
from django.db import connections
from django.utils import timezone
from psycopg import sql

from forebyggelse import localdb
from forebyggelse.formatering import dansk_tid


class BackupFejl(Exception):
    """A backup or restore that could not be done, with one Danish line saying why."""


@dataclass(frozen=True)
class Forbindelse:
    """Where a database is, as PostgreSQL's programs and psycopg take it."""

    navn: str
    bruger: str
    vaert: str
    port: str
    adgangskode: str

    @classmethod
    def fra_settings(cls, alias: str = "default") -> Forbindelse:
        db = settings.DATABASES[alias]
        return cls(
            navn=db["NAME"],
            bruger=db.get("USER") or "",
            vaert=db.get("HOST") or "",
            port=str(db.get("PORT") or ""),
            adgangskode=db.get("PASSWORD") or "",
        )

    def til(self, navn: str) -> Forbindelse:
        return Forbindelse(navn, self.bruger, self.vaert, self.port, self.adgangskode)

    def argumenter(self) -> list[str]:
        args = ["--dbname", self.navn]
        for flag, vaerdi in (("--host", self.vaert), ("--port", self.port), ("--username", self.bruger)):
            if vaerdi:
                args += [flag, vaerdi]
        return args

    def miljoe(self) -> dict[str, str]:
        miljoe = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
        if self.adgangskode:
            miljoe["PGPASSWORD"] = self.adgangskode
        return miljoe

    def forbind(self):
        return psycopg.connect(
            dbname=self.navn,
            user=self.bruger or None,
            host=self.vaert or None,
            port=self.port or None,
            password=self.adgangskode or None,
            connect_timeout=10,
            autocommit=True,
        )


# The programs ----------------------------------------------------------------------------------------


def server_version(forbindelse: Forbindelse) -> int:
    """The server's major version (15 for 15.4)."""
    conn = forbindelse.forbind()
    try:
        return conn.info.server_version // 10000
    finally:
        conn.close()


def _program_version(sti: Path) -> int:
    svar = subprocess.run([str(sti), "--version"], capture_output=True, text=True, check=False)
    fundet = re.search(r"(\d+)(?:\.\d+)?", svar.stdout)
    return int(fundet.group(1)) if fundet else 0


def find_program(navn: str, *, mindst: int) -> Path:
    """pg_dump or pg_restore of at least the server's major version (see the module's docstring)."""
    mapper = [
        os.environ.get("PG_BINDIR"),
        f"/usr/lib/postgresql/{mindst}/bin",
        localdb.find_bindir(),
        Path(shutil.which(navn)).parent if shutil.which(navn) else None,
    ]
    for mappe in mapper:
        if mappe and (sti := Path(mappe) / navn).exists() and _program_version(sti) >= mindst:
            return sti
    raise BackupFejl(
        f"{navn} i version {mindst} eller nyere findes ikke: installér PostgreSQL {mindst}'s klientprogrammer "
        f"(Debian: postgresql-client-{mindst}), eller sæt PG_BINDIR til mappen med dem."
    )


def _koer(cmd: list[str], forbindelse: Forbindelse, hvad: str) -> None:
    svar = subprocess.run(cmd, capture_output=True, text=True, env=forbindelse.miljoe(), check=False)
    if svar.returncode != 0:
        linjer = (svar.stderr or svar.stdout).strip().splitlines()
        raise BackupFejl(f"{hvad}: {linjer[-1] if linjer else 'ukendt fejl'}")


# Backup ----------------------------------------------------------------------------------------------


def backup_lav(*, mappe: Path, forbindelse: Forbindelse | None = None) -> Path:
    """Dump the database to a new file in `mappe`, named with the database and the Danish time."""
    forbindelse = forbindelse or Forbindelse.fra_settings()
    pg_dump = find_program("pg_dump", mindst=server_version(forbindelse))
    mappe.mkdir(parents=True, exist_ok=True, mode=0o700)
    fil = mappe / f"forebyggelse-{forbindelse.navn}-{dansk_tid(timezone.now()):%Y-%m-%d-%H%M%S}.dump"
    if fil.exists():
        raise BackupFejl(f"{fil} findes allerede. Vent et sekund, og prøv igen.")
    midlertidig = fil.with_suffix(".dump.ufaerdig")
    gammel_umask = os.umask(0o077)
    try:
        _koer(
            [str(pg_dump), "--format=custom", "--file", str(midlertidig), *forbindelse.argumenter()],
            forbindelse,
            "Backup mislykkedes",
        )
    except BackupFejl:
        midlertidig.unlink(missing_ok=True)
        raise
    finally:
        os.umask(gammel_umask)
    midlertidig.rename(fil)
    return fil


# Restore ---------------------------------------------------------------------------------------------


def tabeller_med_antal(forbindelse: Forbindelse) -> dict[str, int]:
    """Every table of the database's own schemas with its number of rows."""
    conn = forbindelse.forbind()
    try:
        with conn.cursor() as cur:
            cur.execute(
                "SELECT schemaname, tablename FROM pg_tables "
                "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2"
            )
            tabeller = cur.fetchall()
            antal = {}
            for skema, tabel in tabeller:
                cur.execute(sql.SQL("SELECT count(*) FROM {}.{}").format(sql.Identifier(skema), sql.Identifier(tabel)))
                antal[f"{skema}.{tabel}"] = cur.fetchone()[0]
            return antal
    finally:
        conn.close()


def _findes(vedligehold, navn: str) -> bool:
    with vedligehold.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [navn])
        return cur.fetchone() is not None


def restore(*, fil: Path, database: str | None = None, overskriv: bool = False) -> dict[str, int]:
    """Restore `fil` into the database `database` (default: the configured one) as a fresh database, and
    return its tables with their row counts. Raises BackupFejl, changing nothing, if the database has tables
    and `overskriv` is not given."""
    if not fil.is_file():
        raise BackupFejl(f"Filen {fil} findes ikke.")
    konfigureret = Forbindelse.fra_settings()
    maal = konfigureret.til(database or konfigureret.navn)
    pg_restore = find_program("pg_restore", mindst=server_version(konfigureret))
    vedligehold = konfigureret.til("postgres").forbind()
    try:
        if _findes(vedligehold, maal.navn):
            if tabeller_med_antal(maal) and not overskriv:
                raise BackupFejl(
                    f"Databasen {maal.navn} har allerede tabeller, og intet er ændret. Gendan i en ny database "
                    "(--database NAVN), eller overskriv den med --overskriv."
                )
            # Our own connections to it would keep DROP DATABASE waiting; FORCE ends everybody else's.
            connections.close_all()
            with vedligehold.cursor() as cur:
                cur.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(maal.navn)))
        with vedligehold.cursor() as cur:
            cur.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'").format(sql.Identifier(maal.navn))
            )
    finally:
        vedligehold.close()
    _koer(
        [
            str(pg_restore),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            *maal.argumenter(),
            str(fil),
        ],
        maal,
        "Gendannelsen mislykkedes, og databasen er tom",
    )
    return tabeller_med_antal(maal)
