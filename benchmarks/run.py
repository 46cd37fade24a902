"""`make bench`: query counts and response times of the main pages as the data grows.

Builds a scratch database (bench_<name>, dropped afterwards), fills it through the services at growing
sizes (participating municipalities, each with a submitted application, three assessments, a decision and
grants), and for every page prints the number of SQL queries and the median time of 5 requests.
A page whose query count grows with the data is flagged: that is the regression this guards against.
"""

import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forebyggelse.settings.test")
# Its own scratch database, so it can run beside the test suite.
os.environ.setdefault("FOREBYGGELSE_TEST_DB", "bench_forebyggelse")

import django

django.setup()

from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

STOERRELSER = [5, 20, 60]
GENTAGELSER = 5


def byg(antal: int):
    """`antal` municipalities with a submitted, assessed and decided application in one programme."""
    from forebyggelse.roller import Rolle
    from kommuner.models import Kommune, Vurdering
    from kommuner.services.bevillinger import afgoerelse_traef
    from kommuner.services.vurderinger import Vurderingsindhold, vurdering_gem
    from tests.kommuner.factories import AnsoegningFactory, BrugerFactory, ProgramFactory

    program = ProgramFactory(samlet_budget=10_000_000_000)
    ministerier = [BrugerFactory(rolle=Rolle.MINISTERIET) for _ in range(3)]
    ansoegninger = []
    for kommune in Kommune.objects.order_by("kode")[:antal]:
        ansoegning = AnsoegningFactory(program=program, kommune=kommune, indsendt=True)
        for bedoemmer in ministerier:
            data = {f"kriterie_{nr}": 3 for nr in range(1, 9)} | {"forudsaetning_1": True, "forudsaetning_2": True}
            vurdering_gem(
                vurdering=Vurdering(ansoegning=ansoegning, bedoemmer=bedoemmer),
                bruger=bedoemmer,
                indhold=Vurderingsindhold(**data),
                version=0,
            )
        afgoerelse_traef(
            ansoegning=ansoegning,
            udvalgt=True,
            begrundelse="Benchmark",
            bevillinger={2011: 100_000, 2012: 100_000},
            bruger=ministerier[0],
        )
        ansoegninger.append(ansoegning)
    return program, ministerier[0], ansoegninger


def maal(client: Client, url: str) -> tuple[int, float]:
    client.get(url)  # warm caches
    reset_queries()  # the log is a bounded deque; once full, a capture would count nothing
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    antal = len(queries)  # now: the next request clears the log the capture reads from
    assert response.status_code == 200, (url, response.status_code)
    tider = []
    for _ in range(GENTAGELSER):
        start = time.perf_counter()
        client.get(url)
        tider.append(time.perf_counter() - start)
    return antal, statistics.median(tider) * 1000


def main() -> int:
    from django.test.utils import setup_databases, teardown_databases

    setup_test_environment()
    db = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    resultater: dict[str, list[tuple[int, int, float]]] = {}
    try:
        for antal in STOERRELSER:
            with transaction.atomic():
                program, ministeriet, ansoegninger = byg(antal)
                client = Client()
                client.force_login(ministeriet)
                sider = {
                    "forside": "/",
                    "kommuner": "/kommuner/",
                    "programmer": "/programmer/",
                    "program": f"/programmer/{program.pk}/",
                    "sammenligning": f"/programmer/{program.pk}/sammenligning/",
                    "budget": f"/programmer/{program.pk}/budget/",
                    "ansoegning": f"/ansoegninger/{ansoegninger[0].pk}/",
                }
                for navn, url in sider.items():
                    queries, ms = maal(client, url)
                    resultater.setdefault(navn, []).append((antal, queries, ms))
                transaction.set_rollback(True)
    finally:
        teardown_databases(db, verbosity=0)

    print(f"{'side':<15}" + "".join(f"{f'{n} kommuner':>24}" for n in STOERRELSER) + "   konstant?")
    fejl = 0
    for navn, raekker in resultater.items():
        celler = "".join(f"{f'{q} queries, {ms:6.1f} ms':>24}" for _, q, ms in raekker)
        konstant = len({q for _, q, _ in raekker}) == 1
        fejl += not konstant
        print(f"{navn:<15}{celler}   {'ja' if konstant else 'NEJ: antallet vokser med data'}")
    return 1 if fejl else 0


if __name__ == "__main__":
    sys.exit(main())
