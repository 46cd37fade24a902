"""`make loadtest`: 50 simulated users against gunicorn, then the same while PostgreSQL is restarted.

1. Builds its own database on the project's local PostgreSQL cluster (`forebyggelse_belastning`): migrations,
   then the demo scaled to all 98 municipalities (`load_demo --alle-kommuner`: every municipality takes part with
   a lead, an approved strategy and follow-ups). `LOADTEST_GENBRUG=1` reuses a database built before.
2. Serves the app with gunicorn on 127.0.0.1 (a free port) with the production settings, several workers.
3. Normal run: `LOADTEST_BRUGERE` (50) users for `LOADTEST_SEKUNDER` (60) s. Each logs in, then goes round its
   journey with 2–6 s between requests (`LOADTEST_TAENK_MIN`/`_MAX`): municipal leads open the overview, their
   social profile, their strategy, a goal, the follow-up form, save a follow-up and open the action plan, and now
   and then download a PDF (the strategy or the profile); ministry, evaluator and steering-group users open the
   overviews across municipalities.
4. Fault run: the same, and meanwhile the ministry previews an import of 392 key figures and confirms it; while the
   import is writing, PostgreSQL is restarted (`pg_ctl restart -m fast`). To make the restart land mid-write every
   time, the test holds a lock on one of the rows the import updates, so the import waits inside its upsert.
   After the restart the ministry confirms the import again.
5. Prints requests, errors and p50/p95/p99 per page kind (PDFs and the password login apart), how long until
   requests succeeded again after the restart, and whether any write was half done: the import is checked against
   the database (all 392 values in, or none), and every follow-up the server confirmed must exist with its history.

Only loopback addresses are used; every loop has a bound. Exits with 1 when a target is missed:
0 errors and p95 under 300 ms for HTML pages in the normal run; requests succeed again within 5 s of the restart;
0 half-done writes.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import random
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import psycopg

from forebyggelse import localdb

ROD = Path(__file__).resolve().parent.parent
PY = sys.executable
DB = os.environ.get("LOADTEST_DB", "forebyggelse_belastning")
BRUGERE = int(os.environ.get("LOADTEST_BRUGERE", "50"))
SEKUNDER = float(os.environ.get("LOADTEST_SEKUNDER", "60"))
WORKERS = int(os.environ.get("LOADTEST_WORKERS", "5"))
TRAADE = int(os.environ.get("LOADTEST_TRAADE", "1"))
GENBRUG = os.environ.get("LOADTEST_GENBRUG", "") in {"1", "true", "ja"}
GENSTART_EFTER = float(os.environ.get("LOADTEST_GENSTART_EFTER", "20"))
# Users arrive and log in over the first RAMPE seconds; the SEKUNDER after that are measured with everyone at work.
RAMPE = float(os.environ.get("LOADTEST_RAMPE", "20"))
# Seconds between a user's requests: reading a page, typing a follow-up (busy users before a deadline).
TAENKETID = (float(os.environ.get("LOADTEST_TAENK_MIN", "2")), float(os.environ.get("LOADTEST_TAENK_MAX", "6")))
PDF_ANDEL = 0.15
MAX_RUNDER = 500  # per user: a bound even if the clock misbehaves
TIMEOUT = 60.0
HTML_MAAL_MS = 300
GENOPRETNING_MAAL_S = 5.0
PASSWORD = "demo"
DATO = "2012-06-30"
AAR = 2012
IMPORT_AAR = (2010, 2011, 2012, 2013)
IMPORT_INDIKATOR = "anmeldte_forbrydelser"

LOGFIL = ROD / "var" / "loadtest" / "gunicorn.log"
ADMIN_URL = f"postgres://{localdb.USER}@127.0.0.1:{localdb.PORT}"
DB_URL = f"{ADMIN_URL}/{DB}"


# The database -------------------------------------------------------------------------------------------------


def _manage(*args: str, settings: str = "forebyggelse.settings.local") -> None:
    env = {**os.environ, "DATABASE_URL": DB_URL, "DJANGO_SETTINGS_MODULE": settings}
    subprocess.run([PY, "manage.py", *args], cwd=ROD, env=env, check=True, timeout=1800)


def byg_database() -> None:
    with psycopg.connect(f"{ADMIN_URL}/postgres", autocommit=True) as conn:
        findes = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB]).fetchone()
        if findes and GENBRUG:
            print(f"Genbruger databasen {DB} (LOADTEST_GENBRUG=1).")
            return
        conn.execute(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB}"')
    start = time.monotonic()
    print(f"Bygger databasen {DB}: migreringer og demoen skaleret til alle 98 kommuner …", flush=True)
    _manage("migrate", "--no-input", "-v0")
    _manage("load_demo", "--alle-kommuner")
    print(f"Databasen er bygget på {time.monotonic() - start:.0f} s.")


@dataclass
class Data:
    program: int
    strategier: dict[str, int]  # kommunekode → approved strategy
    maal: dict[str, list[int]]  # kommunekode → its goals
    kommuner: list[str]


def slaa_op() -> Data:
    with psycopg.connect(DB_URL) as conn:
        (program,) = conn.execute(
            "SELECT id FROM kommuner_program WHERE navn = 'Forebyggelsesprojektet 2011–2012'"
        ).fetchone()
        strategier, maal = {}, {}
        for kode, strategi, maal_id in conn.execute(
            "SELECT k.kode, s.id, m.id FROM strategi_strategi s "
            "JOIN kommuner_deltagelse d ON d.id = s.deltagelse_id JOIN kommuner_kommune k ON k.id = d.kommune_id "
            "JOIN strategi_maal m ON m.strategi_id = s.id "
            "WHERE d.program_id = %s AND s.status IN ('godkendt', 'vedtaget', 'revideret') ORDER BY k.kode, m.id",
            [program],
        ):
            strategier[kode] = strategi
            maal.setdefault(kode, []).append(maal_id)
        kommuner = [r[0] for r in conn.execute("SELECT kode FROM kommuner_kommune ORDER BY kode")]
    return Data(program=program, strategier=strategier, maal=maal, kommuner=kommuner)


# The server ---------------------------------------------------------------------------------------------------


def fri_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, statisk: Path, media: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "forebyggelse.settings.production",
        "DATABASE_URL": DB_URL,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP on loopback: no TLS proxy in front, so no redirect to HTTPS and no HSTS.
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "ANTAL_PROXYER": "0",
        # The demo users have no authenticator app.
        "TOFAKTOR_PAAKRAEVET": "false",
        "STATIC_ROOT": str(statisk),
        "MEDIA_ROOT": str(media),
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "LOG_LEVEL": "WARNING",
    }
    subprocess.run([PY, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROD, env=env, check=True, timeout=600)
    gunicorn = Path(PY).parent / "gunicorn"
    args = [str(gunicorn), "forebyggelse.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS)]
    if TRAADE > 1:
        args += ["--threads", str(TRAADE)]
    args += ["--timeout", "60", "--log-level", "warning"]
    # The server's own log (the 500s during the restart and their tracebacks) goes to a file, not the report.
    LOGFIL.parent.mkdir(parents=True, exist_ok=True)
    log = LOGFIL.open("w")
    server = subprocess.Popen(args, cwd=ROD, env=env, stdout=log, stderr=subprocess.STDOUT)
    for _ in range(300):  # up to 30 s
        with contextlib.suppress(OSError, http.client.HTTPException):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return server
        if server.poll() is not None:
            raise SystemExit("gunicorn stoppede under opstarten.")
        time.sleep(0.1)
    server.terminate()
    raise SystemExit("gunicorn svarede ikke på /healthz inden for 30 s.")


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)


# The simulated users ------------------------------------------------------------------------------------------


@dataclass
class Maaling:
    art: str
    start: float
    slut: float
    status: int  # 0: no answer (connection refused, cut or timed out)
    ok: bool


@dataclass
class Runde:
    navn: str
    start: float = 0.0
    maalinger: list[Maaling] = field(default_factory=list)
    laas: threading.Lock = field(default_factory=threading.Lock)
    gemte_opfoelgninger: list[str] = field(default_factory=list)  # the comments of follow-ups answered 302
    genstart: tuple[float, float] | None = None
    noegle: str = field(default_factory=lambda: uuid.uuid4().hex[:12])  # marks this run's follow-ups
    importen: dict = field(default_factory=dict)


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Klient:
    """One browser: its own cookies, one request at a time."""

    def __init__(self, port: int, runde: Runde):
        self.port, self.runde, self.cookies = port, runde, {}

    def _kald(self, metode: str, sti: str, art: str, *, krop=None, type_=None, forvent=(200,)):
        headers = {"Host": f"127.0.0.1:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if type_:
            headers["Content-Type"] = type_
        start = time.monotonic()
        status, tekst, sted = 0, "", ""
        try:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
            conn.request(metode, sti, body=krop, headers=headers)
            svar = conn.getresponse()
            indhold = svar.read()
            status, sted = svar.status, svar.getheader("Location", "")
            for linje in svar.headers.get_all("Set-Cookie") or []:
                for navn, morsel in SimpleCookie(linje).items():
                    self.cookies[navn] = morsel.value
            if "text/html" in (svar.getheader("Content-Type") or ""):
                tekst = indhold.decode("utf-8", "replace")
            conn.close()
        except (OSError, http.client.HTTPException):
            status = 0
        slut = time.monotonic()
        ok = status in forvent
        with self.runde.laas:
            self.runde.maalinger.append(Maaling(art, start - self.runde.start, slut - self.runde.start, status, ok))
        return status, tekst, sted

    def get(self, sti: str, art: str, **kw):
        return self._kald("GET", sti, art, **kw)

    def post(self, sti: str, data: dict, art: str, *, csrf: str, **kw):
        krop = urlencode({**data, "csrfmiddlewaretoken": csrf})
        return self._kald("POST", sti, art, krop=krop, type_="application/x-www-form-urlencoded", **kw)

    def post_fil(self, sti: str, data: dict, filnavn: str, indhold: bytes, art: str, *, csrf: str, **kw):
        graense = uuid.uuid4().hex
        dele = []
        for navn, vaerdi in {**data, "csrfmiddlewaretoken": csrf}.items():
            dele.append(f'--{graense}\r\nContent-Disposition: form-data; name="{navn}"\r\n\r\n{vaerdi}\r\n'.encode())
        dele.append(
            f'--{graense}\r\nContent-Disposition: form-data; name="fil"; filename="{filnavn}"\r\n'
            "Content-Type: text/csv\r\n\r\n".encode()
            + indhold
            + f"\r\n--{graense}--\r\n".encode()
        )
        return self._kald("POST", sti, art, krop=b"".join(dele), type_=f"multipart/form-data; boundary={graense}", **kw)

    def log_ind(self, brugernavn: str) -> bool:
        _, tekst, _ = self.get("/konto/login/", "login (side)")
        token = CSRF.search(tekst)
        if not token:
            return False
        status, _, sted = self.post(
            "/konto/login/",
            {"username": brugernavn, "password": PASSWORD},
            "login (adgangskode)",
            csrf=token.group(1),
            forvent=(302,),
        )
        return status == 302 and not sted.startswith("/konto/login")


def _vent(stop: float) -> bool:
    pause = random.uniform(*TAENKETID)
    if time.monotonic() + pause >= stop:
        return False
    time.sleep(pause)
    return True


def leder(klient: Klient, data: Data, kode: str, stop: float, nr: int) -> None:
    if not klient.log_ind(f"projektleder-{kode}"):
        return
    strategi, maal = data.strategier[kode], data.maal[kode]
    for runde in range(MAX_RUNDER):
        trin = [
            lambda: klient.get("/", "forside"),
            lambda: klient.get(f"/profiler/{kode}/{AAR}/", "social profil"),
            lambda: klient.get(f"/strategier/{strategi}/", "strategi"),
        ]
        m = random.choice(maal)
        trin += [lambda m=m: klient.get(f"/maal/{m}/", "mål")]
        for skridt in trin:
            if not _vent(stop):
                return
            skridt()
        if not _vent(stop):
            return
        _, tekst, _ = klient.get(f"/maal/{m}/opfoelgninger/ny/", "opfølgning (formular)")
        token = CSRF.search(tekst)
        if token and _vent(stop):
            kommentar = f"Belastningstest {klient.runde.noegle} {nr}-{runde}"
            status, _, _ = klient.post(
                f"/maal/{m}/opfoelgninger/ny/",
                {"dato": DATO, "vaerdi": "42", "periode": "", "kommentar": kommentar},
                "opfølgning (gem)",
                csrf=token.group(1),
                forvent=(302,),
            )
            if status == 302:
                with klient.runde.laas:
                    klient.runde.gemte_opfoelgninger.append(kommentar)
        if not _vent(stop):
            return
        klient.get(f"/strategier/{strategi}/handleplan/", "handleplan")
        if random.random() < PDF_ANDEL and _vent(stop):
            sti = random.choice([f"/strategier/{strategi}/pdf/", f"/profiler/{kode}/{AAR}/pdf/"])
            klient.get(sti, "PDF")


def oversigtsbruger(klient: Klient, data: Data, brugernavn: str, stop: float) -> None:
    if not klient.log_ind(brugernavn):
        return
    p = data.program
    sider = [
        ("/", "forside"),
        (f"/programmer/{p}/", "program"),
        (f"/programmer/{p}/strategier/", "strategier på tværs"),
        (f"/programmer/{p}/budget/", "budget"),
        ("/profiler/", "profiler (liste)"),
    ]
    for _ in range(MAX_RUNDER):
        kode = random.choice(list(data.strategier))
        for sti, art in [
            *sider,
            (f"/profiler/{kode}/{AAR}/", "social profil"),
            (f"/strategier/{data.strategier[kode]}/", "strategi"),
        ]:
            if not _vent(stop):
                return
            klient.get(sti, art)


# The import across the restart ------------------------------------------------------------------------------


def _importfil(conn) -> tuple[bytes, int]:
    """The project's template with every municipality's reported offences for 2010–2013, each numerator one
    higher than now: every value changes, so the import updates 392 existing rows."""
    raekker = conn.execute(
        "SELECT k.kode, o.aar, o.taeller, o.naevner FROM profiler_observation o "
        "JOIN kommuner_kommune k ON k.id = o.kommune_id JOIN profiler_indikator i ON i.id = o.indikator_id "
        "WHERE i.kode = %s AND o.aar = ANY(%s) AND o.taeller IS NOT NULL ORDER BY k.kode, o.aar",
        [IMPORT_INDIKATOR, list(IMPORT_AAR)],
    ).fetchall()
    linjer = ["kommunekode;indikator;aar;taeller;naevner"]
    for kode, aar, taeller, naevner in raekker:
        naevner_tekst = "" if naevner is None else format(naevner, "f").replace(".", ",")
        linjer.append(f"{kode};{IMPORT_INDIKATOR};{aar};{format(taeller + 1, 'f').replace('.', ',')};{naevner_tekst}")
    return ("\n".join(linjer) + "\n").encode(), len(raekker)


def import_under_genstart(klient: Klient, runde: Runde, stop: float) -> None:
    imp = runde.importen
    if not klient.log_ind("ministeriet"):
        imp["fejl"] = "Ministeriet kunne ikke logge ind."
        return
    with psycopg.connect(DB_URL) as conn:
        fil, imp["antal"] = _importfil(conn)
    _, tekst, _ = klient.get("/noegletal/import/", "import (side)")
    token = CSRF.search(tekst)
    status, _, sted = klient.post_fil(
        "/noegletal/import/",
        {"datastatus": "endelig", "talfelt": "taeller", "indikator": ""},
        "belastningstest.csv",
        fil,
        "import (forhåndsvisning)",
        csrf=token.group(1) if token else "",
        forvent=(302,),
    )
    match = re.search(r"/noegletal/importer/(\d+)/", sted)
    if status != 302 or not match:
        imp["fejl"] = f"Forhåndsvisningen af importen mislykkedes (svar {status})."
        return
    koersel = int(match.group(1))
    imp["koersel"] = koersel
    _, tekst, _ = klient.get(f"/noegletal/importer/{koersel}/", "import (side)")
    token = CSRF.search(tekst)
    time.sleep(max(0.0, runde.start + RAMPE + GENSTART_EFTER - 1 - time.monotonic()))

    # Hold one of the rows the import will update, so it waits inside its upsert until PostgreSQL goes down.
    holder = psycopg.connect(DB_URL)
    holder.execute(
        "SELECT o.id FROM profiler_observation o JOIN profiler_importraekke r ON r.kommune_id = o.kommune_id "
        "AND r.indikator_id = o.indikator_id AND r.aar = o.aar "
        "WHERE r.koersel_id = %s ORDER BY o.id DESC LIMIT 1 FOR UPDATE OF o",
        [koersel],
    )
    svar = {}
    traad = threading.Thread(
        target=lambda: svar.update(
            status=klient.post(
                f"/noegletal/importer/{koersel}/gennemfoer/",
                {},
                "import (gennemfør)",
                csrf=token.group(1) if token else "",
                forvent=(302,),
            )[0]
        )
    )
    traad.start()
    imp["skrev"] = _vent_paa_importen(koersel)
    t0 = time.monotonic()
    try:
        localdb.restart()
    except localdb.DatabaseFejl as fejl:
        imp["fejl"] = str(fejl)
    t1 = time.monotonic()
    runde.genstart = (t0 - runde.start, t1 - runde.start)
    with contextlib.suppress(psycopg.Error):
        holder.close()
    traad.join(timeout=TIMEOUT)
    imp["svar_under_genstart"] = svar.get("status", 0)
    imp["efter_genstart"] = _import_i_databasen(koersel)

    # Then confirm again, as the ministry would when told the import failed.
    time.sleep(GENOPRETNING_MAAL_S)
    _, tekst, _ = klient.get(f"/noegletal/importer/{koersel}/", "import (side)")
    token = CSRF.search(tekst)
    status, _, _ = klient.post(
        f"/noegletal/importer/{koersel}/gennemfoer/",
        {},
        "import (gennemfør)",
        csrf=token.group(1) if token else "",
        forvent=(302,),
    )
    imp["svar_bagefter"] = status
    imp["til_sidst"] = _import_i_databasen(koersel)


def _vent_paa_importen(koersel: int) -> bool:
    """Wait (at most 20 s) until the import's transaction waits for the held row inside its write."""
    with psycopg.connect(DB_URL, autocommit=True) as conn:
        for _ in range(200):
            raekke = conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock' "
                "AND query ILIKE '%%profiler_observation%%'",
                [DB],
            ).fetchone()
            if raekke[0]:
                return True
            time.sleep(0.1)
    return False


def _import_i_databasen(koersel: int) -> dict:
    for _ in range(100):  # the server may still be starting: up to 10 s
        try:
            with psycopg.connect(DB_URL) as conn:
                tilstand = conn.execute(
                    "SELECT tilstand FROM profiler_importkoersel WHERE id = %s", [koersel]
                ).fetchone()
                skrevet = conn.execute(
                    "SELECT count(*) FROM profiler_observation WHERE taeller_import_id = %s", [koersel]
                ).fetchone()
                return {"tilstand": tilstand[0], "skrevet": skrevet[0]}
        except psycopg.OperationalError:
            time.sleep(0.1)
    return {"tilstand": "?", "skrevet": -1}


# A run --------------------------------------------------------------------------------------------------------


def koer_runde(navn: str, port: int, data: Data, *, genstart: bool) -> Runde:
    runde = Runde(navn=navn)
    runde.start = time.monotonic()
    stop = runde.start + RAMPE + SEKUNDER
    traade = []
    oversigt = ["ministeriet", "ministeriet", "evaluator", "evaluator", "styregruppe"]
    antal_oversigt = min(len(oversigt), max(1, BRUGERE // 10))
    ledere = [k for k in data.kommuner if k in data.strategier][: BRUGERE - antal_oversigt]
    for nr, kode in enumerate(ledere):
        traade.append(threading.Thread(target=leder, args=(Klient(port, runde), data, kode, stop, nr)))
    for brugernavn in oversigt[:antal_oversigt]:
        traade.append(threading.Thread(target=oversigtsbruger, args=(Klient(port, runde), data, brugernavn, stop)))
    if genstart:
        traade.append(threading.Thread(target=import_under_genstart, args=(Klient(port, runde), runde, stop)))
    for nr, traad in enumerate(traade):
        # Users arrive over the ramp, as they would log in, not all in the same instant.
        time.sleep(max(0.0, runde.start + nr * RAMPE / len(traade) - time.monotonic()))
        traad.start()
    for traad in traade:
        traad.join(timeout=RAMPE + SEKUNDER + 3 * TIMEOUT)
    return runde


# The report ---------------------------------------------------------------------------------------------------

SAERSKILT = {"PDF", "import (forhåndsvisning)", "import (gennemfør)"}


def percentil(vaerdier: list[float], p: float) -> float:
    if not vaerdier:
        return float("nan")
    ordnet = sorted(vaerdier)
    return ordnet[min(len(ordnet) - 1, max(0, round(p / 100 * len(ordnet) + 0.5) - 1))]


def _linje(navn: str, maalinger: list[Maaling]) -> str:
    ms = [(m.slut - m.start) * 1000 for m in maalinger]
    fejl = sum(not m.ok for m in maalinger)
    tal = "  ".join(f"{percentil(ms, p):7.0f}" for p in (50, 95, 99))
    return f"  {navn:<28}{len(maalinger):>7}{fejl:>6}  {tal}"


def rapport(runde: Runde) -> dict:
    """The table of the measured window (everyone logged in and at work); the logins of the ramp apart."""
    m = [x for x in runde.maalinger if x.start >= RAMPE or x.art.startswith("login")]
    print(f"\n{runde.navn}")
    print(f"  {'sidetype':<28}{'antal':>7}{'fejl':>6}  {'p50':>7}  {'p95':>7}  {'p99':>7}  (ms)")
    html = [x for x in m if x.art not in SAERSKILT and not x.art.startswith("login")]
    for art in sorted({x.art for x in html}):
        print(_linje(art, [x for x in html if x.art == art]))
    print(_linje("HTML-sider i alt", html))
    print("  —")
    for art in sorted({x.art for x in m} - {x.art for x in html}):
        print(_linje(art, [x for x in m if x.art == art]))
    maalt = [x for x in m if x.start >= RAMPE]
    fejl = [x for x in m if not x.ok]
    print(
        f"  Målt fra {RAMPE:.0f} til {RAMPE + SEKUNDER:.0f} s: {len(maalt)} forespørgsler "
        f"({len(maalt) / SEKUNDER:.1f} pr. s); logins under de første {RAMPE:.0f} s. {len(fejl)} fejl i alt."
    )
    for x in fejl[:5]:
        print(f"    fejl: {x.art} svar {x.status or 'intet'} efter {x.start:.1f} s")
    return {
        "fejl": len(fejl),
        "html_p95": percentil([(x.slut - x.start) * 1000 for x in html], 95),
        "gemte": len(runde.gemte_opfoelgninger),
    }


def tjek_opfoelgninger(runde: Runde) -> tuple[int, int, int]:
    """(follow-ups the server confirmed that are missing, follow-ups saved whose answer was an error, follow-ups
    without their history row)."""
    with psycopg.connect(DB_URL) as conn:
        gemte = {
            r[0]: r[1]
            for r in conn.execute(
                "SELECT o.kommentar, count(e.pgh_id) FROM strategi_opfoelgning o "
                "LEFT JOIN strategi_opfoelgningevent e ON e.pgh_obj_id = o.id AND e.pgh_label = 'insert' "
                "WHERE o.kommentar LIKE %s GROUP BY o.kommentar",
                [f"Belastningstest {runde.noegle} %"],
            )
        }
    bekraeftet = set(runde.gemte_opfoelgninger)
    mangler = len(bekraeftet - gemte.keys())
    gemt_trods_fejl = len(gemte.keys() - bekraeftet)
    uden_historik = sum(1 for antal in gemte.values() if antal != 1)
    return mangler, gemt_trods_fejl, uden_historik


def main() -> int:
    os.chdir(ROD)
    if localdb.main(["localdb", "start"]) != 0:
        return 1
    byg_database()
    data = slaa_op()
    belastning = " ".join(Path("/proc/loadavg").read_text().split()[:3]) if Path("/proc/loadavg").exists() else "?"
    with tempfile.TemporaryDirectory(prefix="loadtest-") as tmp:
        port = fri_port()
        server = start_server(port, Path(tmp) / "static", Path(tmp) / "media")
        try:
            print(
                f"\nBelastningstest: {BRUGERE} samtidige brugere mod gunicorn ({WORKERS} workers × {TRAADE} tråd(e)) "
                f"på 127.0.0.1:{port}; {len(data.strategier)} kommuner med godkendt strategi; {TAENKETID[0]:g}–"
                f"{TAENKETID[1]:g} s mellem en brugers forespørgsler. Belastning på maskinen (load average) ved start: "
                f"{belastning}."
            )
            normalrunde = koer_runde("Normal kørsel", port, data, genstart=False)
            normal = rapport(normalrunde)
            fejlrunde = koer_runde(
                f"Kørsel med genstart af PostgreSQL {GENSTART_EFTER:.0f} s inde i målingen", port, data, genstart=True
            )
            fejl = rapport(fejlrunde)
        finally:
            stop_server(server)
    print(f"Serverens log: {LOGFIL.relative_to(ROD)}")
    return vurder(normal, fejl, fejlrunde, [tjek_opfoelgninger(r) for r in (normalrunde, fejlrunde)])


def vurder(normal: dict, fejl: dict, fejlrunde: Runde, opfoelgninger: list[tuple[int, int, int]]) -> int:
    imp = fejlrunde.importen
    print("\nGenstarten")
    genopretning = float("inf")
    if fejlrunde.genstart:
        t0, t1 = fejlrunde.genstart
        efter = [m for m in fejlrunde.maalinger if m.start >= t1]
        foerste_ok = min((m.slut for m in efter if m.ok), default=float("inf"))
        sidste_fejl = max(
            (m.slut for m in fejlrunde.maalinger if not m.ok and m.art != "import (gennemfør)"), default=t0
        )
        genopretning = max(foerste_ok, sidste_fejl) - t1
        print(f"  pg_ctl restart fra {t0:.1f} til {t1:.1f} s ({t1 - t0:.1f} s).")
        print(
            f"  Første vellykkede svar {foerste_ok - t1:.2f} s efter, at databasen var oppe igen; sidste fejl "
            f"{sidste_fejl - t1:+.2f} s i forhold til det; fejl i alt: {fejl['fejl']}."
        )
    else:
        print(f"  Genstarten blev ikke gennemført: {imp.get('fejl', 'ukendt årsag')}")
    print("Halve skrivninger")
    halve = 0
    if "efter_genstart" in imp:
        antal = imp["antal"]
        for navn, noegle in (("under genstarten", "efter_genstart"), ("gennemført igen bagefter", "til_sidst")):
            tilstand, skrevet = imp[noegle]["tilstand"], imp[noegle]["skrevet"]
            hel = (tilstand == "gennemfoert" and skrevet == antal) or (tilstand == "forhaandsvist" and skrevet == 0)
            halve += not hel
            hvad = "helt inde" if skrevet == antal else "helt ude" if skrevet == 0 else "HALVT"
            print(f"  Importen af {antal} værdier {navn}: {hvad} ({skrevet} af {antal} skrevet, tilstand {tilstand}).")
        print(
            f"  Importen ventede midt i sin skrivning, da databasen blev genstartet: "
            f"{'ja' if imp.get('skrev') else 'NEJ'}; "
            f"svar under genstarten: {imp.get('svar_under_genstart') or 'intet'}, bagefter: {imp.get('svar_bagefter')}."
        )
    else:
        halve += 1
        print(f"  Importen kom ikke i gang: {imp.get('fejl', 'ukendt årsag')}")
    for navn, bekraeftet, (mangler, trods_fejl, uden_historik) in zip(
        ("den normale kørsel", "kørslen med genstart"),
        (normal["gemte"], len(fejlrunde.gemte_opfoelgninger)),
        opfoelgninger,
        strict=True,
    ):
        halve += mangler + uden_historik
        print(
            f"  Opfølgninger i {navn}: {bekraeftet} bekræftet af serveren (302), {mangler} af dem mangler; "
            f"{trods_fejl} gemt hele, selv om svaret var en fejl; {uden_historik} uden deres historikrække."
        )
    maal = [
        ("0 fejl i den normale kørsel", normal["fejl"] == 0, f"{normal['fejl']} fejl"),
        (
            f"p95 for HTML-sider under {HTML_MAAL_MS} ms",
            normal["html_p95"] < HTML_MAAL_MS,
            f"{normal['html_p95']:.0f} ms",
        ),
        (
            f"svar igen inden {GENOPRETNING_MAAL_S:.0f} s efter genstarten",
            genopretning <= GENOPRETNING_MAAL_S,
            f"{genopretning:.2f} s",
        ),
        ("0 halve skrivninger", halve == 0 and imp.get("skrev", False), f"{halve}"),
    ]
    print("Mål")
    for tekst, ok, tal in maal:
        print(f"  {'✓' if ok else '✗'} {tekst}: {tal}")
    return 0 if all(ok for _, ok, _ in maal) else 1


if __name__ == "__main__":
    sys.exit(main())
