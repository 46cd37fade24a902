"""`make bench` for key figures: a national dataset of 98 municipalities × 40 indicators × 15 years (58.800 values).

Prints
(a) the import of that file (preview + confirm, as the ministry does it) against a PostgreSQL COPY of the same
    rows into the observations table in the same run, as a ratio (target: within 5×);
(b) the median server time of a social profile page against that of an empty logged-in page through the same
    stack (target: within 3× and under 100 ms), and the page's query count at a small scale and at full scale
    (they must be equal);
(c) the time to make the profile's PDF (target: under 3 s).
Returns 1 if the query counts differ. Runs in its own scratch database (bench_profiler_<name>, dropped after).
"""

import io
import os
import random
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forebyggelse.settings.test")
os.environ.setdefault("FOREBYGGELSE_TEST_DB", "bench_profiler_forebyggelse")

import django

django.setup()

from django.db import connection, reset_queries, transaction  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.template import engines  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings, setup_test_environment  # noqa: E402
from django.urls import include, path  # noqa: E402

KOMMUNER, INDIKATORER, AAR = 98, 40, list(range(2010, 2025))
GENTAGELSER = 20
NULL = "\\N"  # COPY's text format for a missing value
IMPORTGENTAGELSER = 3

TOM_SIDE = engines["django"].from_string('{% extends "base.html" %}{% block overskrift %}Tom side{% endblock %}')


def tom_side(request):
    """The empty logged-in page the profile page is compared with: the same layout, menu and middleware."""
    return HttpResponse(TOM_SIDE.render({}, request))


urlpatterns = [path("bench/tom/", tom_side), path("", include("portal.urls"))]


def katalog_med_40():
    from profiler.models import Indikator
    from profiler.services.indikatorer import indikator_opret

    for n in range(INDIKATORER - Indikator.objects.count()):
        indikator_opret(
            bruger=None,
            kode=f"bench_{n}",
            navn=f"Benchmarkindikator {n}",
            definition="Til benchmark.",
            kategori="forebyggelse",
            enhed="pr_1000",
            taeller_definition="Tæller.",
            taeller_kilde="BENCH",
            naevner_definition="Nævner.",
            naevner_kilde="FOLK1A",
        )
    return list(Indikator.objects.order_by("pk"))


def vaerdier(kommuner, indikatorer, aar):
    """(kommune, indikator, år, tæller, nævner, værdi) for every cell: random, the same every run."""
    r = random.Random(2011)
    for k in kommuner:
        for i in indikatorer:
            for a in aar:
                naevner = r.randint(2_000, 600_000)
                taeller = r.randint(0, naevner // 50)
                if i.kun_rate:
                    yield k, i, a, None, naevner, round(r.uniform(5, 12), 1)
                else:
                    yield k, i, a, taeller, naevner, None


def skabelon(kommuner, indikatorer, aar) -> bytes:
    linjer = ["kommunekode;indikator;aar;taeller;naevner;vaerdi"]
    for k, i, a, t, n, v in vaerdier(kommuner, indikatorer, aar):
        taeller = "" if t is None else t
        vaerdi = "" if v is None else str(v).replace(".", ",")
        linjer.append(f"{k.kode};{i.kode};{a};{taeller};{n};{vaerdi}")
    return ("\n".join(linjer) + "\n").encode()


def _toem() -> None:
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE profiler_observation, profiler_importraekke")


def copy_tid(kommuner, indikatorer, aar) -> float:
    """COPY of the same rows into the observations table (its indexes and constraints) and the commit."""
    fil = io.StringIO()
    for k, i, a, t, n, v in vaerdier(kommuner, indikatorer, aar):
        felter = [k.pk, i.pk, a, NULL if t is None else t, n, NULL if v is None else v, "endelig", "f", "now"]
        fil.write("\t".join(map(str, felter)) + "\n")
    tekst = fil.getvalue()
    tider = []
    for _ in range(IMPORTGENTAGELSER):
        _toem()
        start = time.perf_counter()
        with (
            transaction.atomic(),
            connection.cursor() as cursor,
            cursor.cursor.copy(
                "COPY profiler_observation (kommune_id, indikator_id, aar, taeller, naevner, vaerdi, status, "
                "eksempeldata, aendret) FROM STDIN"
            ) as copy,
        ):
            copy.write(tekst)
        tider.append(time.perf_counter() - start)
    _toem()
    return statistics.median(tider)


def importer(indhold: bytes, bruger):
    """Preview and confirm, each committed, as the ministry does it in two requests."""
    from profiler.services.importer import import_forhaandsvis, import_gennemfoer

    start = time.perf_counter()
    koersel = import_forhaandsvis(filnavn="national.csv", indhold=indhold, bruger=bruger)
    koersel = import_gennemfoer(koersel=koersel, bruger=bruger)
    return koersel, time.perf_counter() - start


def import_tid(indhold: bytes, bruger) -> tuple[float, int]:
    tider, aendringer = [], 0
    for _ in range(IMPORTGENTAGELSER):
        _toem()
        koersel, tid = importer(indhold, bruger)
        tider.append(tid)
        aendringer = koersel.antal_aendringer
    return statistics.median(tider), aendringer


def side(client: Client, url: str) -> tuple[int, float, float]:
    """(queries, median ms, first request ms) of a page, after a first request that warms the caches."""
    start = time.perf_counter()
    assert client.get(url).status_code == 200, url
    foerste = (time.perf_counter() - start) * 1000
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    antal = len(queries)
    tider = []
    for _ in range(GENTAGELSER):
        start = time.perf_counter()
        client.get(url)
        tider.append(time.perf_counter() - start)
    return antal, statistics.median(tider) * 1000, foerste


def main() -> int:
    from django.test.utils import setup_databases, teardown_databases

    setup_test_environment()
    db = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    try:
        with override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["testserver"]):
            return _maal()
    finally:
        teardown_databases(db, verbosity=0)


def _maal() -> int:
    from django.core.cache import cache

    from forebyggelse.roller import Rolle
    from kommuner.models import Kommune
    from tests.kommuner.factories import BrugerFactory

    ministeriet = BrugerFactory(rolle=Rolle.MINISTERIET)
    kommuner = list(Kommune.objects.order_by("kode"))
    indikatorer = katalog_med_40()
    assert (len(kommuner), len(indikatorer)) == (KOMMUNER, INDIKATORER)
    client = Client()
    client.force_login(ministeriet)
    profil = "/profiler/101/2020/"

    # The profile page at a small scale: 5 municipalities, the 18 catalogue indicators, 2 years.
    with transaction.atomic():
        importer(skabelon(kommuner[:5], indikatorer[:18], [2019, 2020]), ministeriet)
        cache.clear()
        smaa_queries, smaa_ms, _ = side(client, profil)
        transaction.set_rollback(True)

    # The national file.
    indhold = skabelon(kommuner, indikatorer, AAR)
    raekker = KOMMUNER * INDIKATORER * len(AAR)
    copy_s = copy_tid(kommuner, indikatorer, AAR)
    import_s, aendringer = import_tid(indhold, ministeriet)  # leaves the national data in place
    assert aendringer == raekker, aendringer
    igen, igen_s = importer(indhold, ministeriet)  # the same file again
    assert igen.antal_aendringer == 0

    cache.clear()
    tom_queries, tom_ms, _ = side(client, "/bench/tom/")
    queries, profil_ms, kold_ms = side(client, profil)
    start = time.perf_counter()
    assert client.get(f"{profil}pdf/").status_code == 200
    pdf_foerste_s = time.perf_counter() - start
    pdf_tider = []
    for _ in range(3):
        start = time.perf_counter()
        client.get(f"{profil}pdf/")
        pdf_tider.append(time.perf_counter() - start)
    pdf_s = statistics.median(pdf_tider)

    def maal(ok: bool) -> str:
        return "ja" if ok else "NEJ"

    print(f"Nøgletal: {KOMMUNER} kommuner × {INDIKATORER} indikatorer × {len(AAR)} år = {raekker} værdier")
    print(f"(a) import (forhåndsvisning + gennemførelse), median af {IMPORTGENTAGELSER}: {import_s * 1000:6.0f} ms")
    print(
        f"    PostgreSQL COPY af de samme rækker i tabellen, median af {IMPORTGENTAGELSER}: {copy_s * 1000:6.0f} ms "
        "(begge inkl. commit)"
    )
    print(f"    forhold import/COPY: {import_s / copy_s:.1f}×  (mål: højst 5×: {maal(import_s <= 5 * copy_s)})")
    print(f"    samme fil igen: 0 ændringer på {igen_s * 1000:.0f} ms")
    print(f"(b) tom side: median {tom_ms:.1f} ms, {tom_queries} queries")
    print(f"    social profil {profil}: median {profil_ms:.1f} ms (første, kold cache: {kold_ms:.0f} ms)")
    print(
        f"    forhold profil/tom: {profil_ms / tom_ms:.1f}×  (mål: højst 3×: {maal(profil_ms <= 3 * tom_ms)}; "
        f"under 100 ms: {maal(profil_ms < 100)})"
    )
    print(
        f"    queries: {smaa_queries} ved lille skala (5 kommuner, 2 år; median {smaa_ms:.1f} ms), {queries} ved fuld "
        f"skala  (ens: {maal(smaa_queries == queries)})"
    )
    print(
        f"(c) profilens PDF: median {pdf_s:.2f} s (første: {pdf_foerste_s:.2f} s)  (mål: under 3 s: {maal(pdf_s < 3)})"
    )
    return 0 if smaa_queries == queries else 1


if __name__ == "__main__":
    sys.exit(main())
