"""`make bench` for the strategies: query counts and response times of the overviews across participants and of a
strategy's own pages as participants and goals grow. A page whose query count grows with the data is flagged.

Each participant gets a strategy with goals on an indicator and on an own measure, follow-ups, actions and offers,
all made through the services (the application receipts' PDF is stubbed: it is the programmes app's, not measured).
"""

import os
import sys
from unittest import mock

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forebyggelse.settings.test")
os.environ.setdefault("FOREBYGGELSE_TEST_DB", "bench_strategi")

import django

django.setup()

from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from benchmarks.run import maal  # noqa: E402

STOERRELSER = [5, 20, 50]


def byg(antal: int):
    from datetime import date
    from decimal import Decimal

    from forebyggelse.roller import Rolle
    from kommuner.models import Kommune
    from profiler.models import Retning
    from strategi.services.maal import opfoelgning_opret
    from tests.kommuner.factories import BrugerFactory, ProgramFactory, projektleder_for
    from tests.profiler.factories import IndikatorFactory, importer
    from tests.strategi.factories import (
        HandlingFactory,
        MaalFactory,
        StrategiFactory,
        TilbudFactory,
        deltagelse_for,
        godkend,
    )

    program = ProgramFactory(samlet_budget=10_000_000_000)
    ministeriet = BrugerFactory(rolle=Rolle.MINISTERIET)
    kommuner = list(Kommune.objects.order_by("kode")[:antal])
    indikator = IndikatorFactory(bedre=Retning.LAVERE)
    importer([(k.kode, indikator.kode, aar, 100, 10000) for k in kommuner for aar in (2010, 2011, 2012)])
    strategier = []
    for kommune in kommuner:
        strategi = StrategiFactory(deltagelse=deltagelse_for(kommune, program), fuld=True)
        for n in range(4):
            maal_ = MaalFactory(
                strategi=strategi,
                **(
                    {}
                    if n % 2
                    else {
                        "indikator": indikator,
                        "egen_maaling": "",
                        "egen_enhed": "",
                        "baseline_vaerdi": Decimal(10),
                        "baseline_aar": 2010,
                        "maalvaerdi": Decimal(9),
                        "retning": Retning.LAVERE,
                    }
                ),
            )
            HandlingFactory(strategi=strategi, maal=(maal_,))
            TilbudFactory(strategi=strategi, trin=n + 1)
        strategi = godkend(strategi)
        for m in strategi.maal.filter(indikator__isnull=True):
            opfoelgning_opret(maal=m, dato=date(2012, 6, 30), vaerdi=Decimal(50), bruger=projektleder_for(kommune))
        strategier.append(strategi)
    return program, ministeriet, strategier


def main() -> int:
    from django.test.utils import setup_databases, teardown_databases

    setup_test_environment()
    db = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    resultater: dict[str, list[tuple[int, int, float]]] = {}
    try:
        for antal in STOERRELSER:
            with transaction.atomic(), mock.patch("kommuner.services.ansoegninger.html_til_pdf", lambda html: b"%PDF"):
                program, ministeriet, strategier = byg(antal)
                client = Client()
                client.force_login(ministeriet)
                s = strategier[0].pk
                sider = {
                    "oversigt på tværs": f"/programmer/{program.pk}/strategier/",
                    "trappen på tværs": f"/programmer/{program.pk}/indsatstrappe/",
                    "strategiliste": "/strategier/",
                    "program": f"/programmer/{program.pk}/",
                    "strategi": f"/strategier/{s}/",
                    "mål": f"/strategier/{s}/maal/",
                    "handleplan": f"/strategier/{s}/handleplan/",
                }
                for navn, url in sider.items():
                    queries, ms = maal(client, url)
                    resultater.setdefault(navn, []).append((antal, queries, ms))
                transaction.set_rollback(True)
    finally:
        teardown_databases(db, verbosity=0)

    print(f"{'side':<20}" + "".join(f"{f'{n} deltagere':>24}" for n in STOERRELSER) + "   konstant?")
    fejl = 0
    for navn, raekker in resultater.items():
        celler = "".join(f"{f'{q} queries, {ms:6.1f} ms':>24}" for _, q, ms in raekker)
        konstant = len({q for _, q, _ in raekker}) == 1
        fejl += not konstant
        print(f"{navn:<20}{celler}   {'ja' if konstant else 'NEJ: antallet vokser med data'}")
    return 1 if fejl else 0


if __name__ == "__main__":
    sys.exit(main())
