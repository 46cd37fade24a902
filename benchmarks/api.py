"""The read API at the demo's size and at national scale: every list's first page (queries, median time) as the
evaluator, and the pulls an evaluator's script makes (every follow-up of the programme; every key figure of the
country), page by page as a script follows `next`.

A scratch database (bench_api, dropped afterwards) gets the demo (`load_demo`: 5 participants), is measured, then
the rest of the country (`load_demo --alle-kommuner`: 98) and is measured again. A first page whose query count
changes between the two sizes is flagged and the run exits 1: that is the regression this guards against.

python -m benchmarks.api      (part of `make bench`)
"""

import os
import shutil
import statistics
import sys
import tempfile
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forebyggelse.settings.test")
os.environ.setdefault("FOREBYGGELSE_TEST_DB", "bench_api")
# The demo's annexes go to a folder of their own, removed afterwards.
os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="bench_api_")

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings, setup_test_environment  # noqa: E402

GENTAGELSER = 5
LISTER = [
    "programmer",
    "kommuner",
    "indikatorer",
    "noegletal",
    "profiler",
    "strategier",
    "maal",
    "handlinger",
    "opfoelgninger",
    "fremskridt",
    "tilbud",
    "moeder",
    "dataleverancer",
    "indsendelser",
]


def _klient():
    from rest_framework.test import APIClient

    from kommuner.models import Bruger
    from konto.api import NoegleBegraensning
    from konto.services import api_noegle_opret

    NoegleBegraensning.rate = "1000000/min"  # the limit is not what is measured
    _, noegle = api_noegle_opret(bruger=Bruger.objects.get(username="evaluator"), navn="bench", gyldig_dage=1)
    klient = APIClient()
    klient.credentials(HTTP_AUTHORIZATION=f"Bearer {noegle}")
    return klient


def _side(klient, url: str) -> tuple[int, float]:
    klient.get(url)  # warm caches
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        svar = klient.get(url)
    assert svar.status_code == 200, (url, svar.status_code)
    antal = len(queries)
    tider = []
    for _ in range(GENTAGELSER):
        start = time.perf_counter()
        klient.get(url)
        tider.append(time.perf_counter() - start)
    return antal, statistics.median(tider) * 1000


def _hent_alt(klient, url: str) -> tuple[int, int, float]:
    """(rows, pages, seconds) for a script that follows `next` to the end."""
    raekker = sider = 0
    start = time.perf_counter()
    while url:
        side = klient.get(url).json()
        raekker, sider, url = raekker + len(side["results"]), sider + 1, side["next"]
    return raekker, sider, time.perf_counter() - start


def maal() -> dict:
    from kommuner.demo import PROGRAMNAVN
    from kommuner.models import Program

    klient = _klient()
    program = Program.objects.get(navn=PROGRAMNAVN).pk
    cache.clear()
    resultat = {navn: _side(klient, f"/api/v1/{navn}/?antal=100") for navn in LISTER}
    resultat["hent: opfølgninger i programmet"] = _hent_alt(klient, f"/api/v1/opfoelgninger/?program={program}")
    resultat["hent: mål i programmet"] = _hent_alt(klient, f"/api/v1/maal/?program={program}&antal=1000")
    resultat["hent: alle nøgletal, alle år"] = _hent_alt(klient, "/api/v1/noegletal/?antal=98")
    return resultat


def udskriv(lille: dict, stor: dict) -> int:
    print(f"{'API som evaluator':<36}{'5 deltagere':>26}{'98 deltagere':>26}")
    fejl = 0
    for navn in LISTER:
        (q1, ms1), (q2, ms2) = lille[navn], stor[navn]
        konstant = q1 == q2
        fejl += not konstant
        celler = f"{f'{q1} queries, {ms1:6.1f} ms':>26}{f'{q2} queries, {ms2:6.1f} ms':>26}"
        print(f"  {navn + '/ første side':<34}{celler}   {'konstant' if konstant else 'NEJ: vokser med data'}")
    for navn in [n for n in lille if n not in LISTER]:
        (r1, s1, t1), (r2, s2, t2) = lille[navn], stor[navn]
        print(f"  {navn:<34}{f'{r1} rækker, {s1} sider, {t1:.2f} s':>28}{f'{r2} rækker, {s2} sider, {t2:.2f} s':>28}")
    return 1 if fejl else 0


def main() -> int:
    from django.test.utils import setup_databases, teardown_databases

    setup_test_environment()
    db = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    try:
        with override_settings(DEMO_MODE=True):
            call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
            lille = maal()
            call_command("load_demo", "--alle-kommuner", stdout=open(os.devnull, "w"))  # noqa: SIM115
            stor = maal()
    finally:
        connection.close()
        teardown_databases(db, verbosity=0)
        shutil.rmtree(os.environ["MEDIA_ROOT"], ignore_errors=True)
    return udskriv(lille, stor)


if __name__ == "__main__":
    sys.exit(main())
