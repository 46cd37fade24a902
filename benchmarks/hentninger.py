"""The download log page as the log grows (it is never pruned): query count and median time per page kind.

python -m benchmarks.hentninger      (part of `make bench`)
"""

import os
import sys
from datetime import UTC, datetime, timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forebyggelse.settings.test")
os.environ.setdefault("FOREBYGGELSE_TEST_DB", "bench_hentninger")

from benchmarks.run import maal  # sets Django up

STOERRELSER = [1_000, 20_000, 200_000]


def fyld(antal: int, brugere: list) -> None:
    """`antal` downloads spread over two years and the given users; bulk-inserted (the log only grows)."""
    from hentninger.models import Hentning

    start = datetime(2011, 1, 1, tzinfo=UTC)
    arter = ["Bilag", "Kvittering", "Social profil (PDF)", "Dataeksport (CSV)"]
    Hentning.objects.bulk_create(
        (
            Hentning(
                bruger=brugere[i % len(brugere)],
                art=arter[i % len(arter)],
                filnavn=f"fil-{i}.pdf",
                objekt_tekst=f"Objekt {i}",
                tidspunkt=start + timedelta(minutes=5 * i % (2 * 365 * 24 * 60)),
            )
            for i in range(antal)
        ),
        batch_size=5_000,
    )


def main() -> int:
    from django.db import transaction
    from django.test import Client
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    from forebyggelse.roller import Rolle
    from tests.kommuner.factories import BrugerFactory

    setup_test_environment()
    db = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    resultater: dict[str, list[tuple[int, float]]] = {}
    try:
        for antal in STOERRELSER:
            with transaction.atomic():
                ministeriet = BrugerFactory(rolle=Rolle.MINISTERIET)
                brugere = [BrugerFactory(rolle=Rolle.EVALUATOR) for _ in range(20)]
                fyld(antal, brugere)
                client = Client()
                client.force_login(ministeriet)
                sider = {
                    "første side": "/hentninger/",
                    "side 10": "/hentninger/?side=10",
                    "én bruger": f"/hentninger/?bruger={brugere[3].pk}",
                    "én art": "/hentninger/?art=Bilag",
                    "to dage": "/hentninger/?fra=1.1.2011&til=2.1.2011",
                }
                for navn, url in sider.items():
                    resultater.setdefault(navn, []).append(maal(client, url))
                transaction.set_rollback(True)
    finally:
        teardown_databases(db, verbosity=0)

    print(f"{'hentningslog':<15}" + "".join(f"{f'{n:,} rækker'.replace(',', '.'):>24}" for n in STOERRELSER))
    fejl = 0
    for navn, raekker in resultater.items():
        konstant = len({q for q, _ in raekker}) == 1
        fejl += not konstant
        celler = "".join(f"{f'{q} queries, {ms:6.1f} ms':>24}" for q, ms in raekker)
        print(f"{navn:<15}{celler}   {'konstant' if konstant else 'NEJ: antallet vokser med data'}")
    return 1 if fejl else 0


if __name__ == "__main__":
    sys.exit(main())
