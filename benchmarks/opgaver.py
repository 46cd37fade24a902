"""`make bench` for Mine opgaver: the queries and time of each role's task list and front page with 5 and with all 98
municipalities taking part. Each participant has a submitted strategy, a delivery submitted for review, one approved
and one owed after its deadline; the programme has a held meeting, a steering group meeting with approved minutes and
a coming one, and the evaluator and the steering group have opened some of it. A list whose queries grow is flagged.
"""

import os
import sys
import time
from unittest import mock

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forebyggelse.settings.test")
os.environ.setdefault("FOREBYGGELSE_TEST_DB", "bench_opgaver")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from benchmarks.run import maal  # noqa: E402

STOERRELSER = [5, 98]


def byg(antal: int) -> dict:
    from datetime import timedelta

    from django.utils import timezone

    from evaluering.models import Kommuneleverance, Moede, Moedeart
    from evaluering.services.laest import laest_registrer
    from evaluering.services.leverancer import indsendelse_vurder, leverance_indsend
    from evaluering.services.moeder import moede_marker_afholdt, referat_gem, referat_godkend
    from forebyggelse.roller import Rolle
    from kommuner.models import Kommune
    from tests.evaluering.factories import dataleverance, moede
    from tests.kommuner.factories import BrugerFactory, ProgramFactory, projektleder_for
    from tests.strategi.factories import StrategiFactory, deltagelse_for

    program = ProgramFactory(samlet_budget=10_000_000_000)
    ministeriet = BrugerFactory(rolle=Rolle.MINISTERIET)
    kommuner = list(Kommune.objects.order_by("kode")[:antal])
    for kommune in kommuner:
        StrategiFactory(deltagelse=deltagelse_for(kommune, program), status="indsendt")
    dataleverance(program, ministeriet, titel="Forsinket", frist=timezone.now() - timedelta(days=3))
    til_gennemsyn = dataleverance(program, ministeriet, titel="Til gennemsyn")
    godkendt = dataleverance(program, ministeriet, titel="Godkendt")
    for kl in Kommuneleverance.objects.filter(dataleverance=til_gennemsyn).select_related("deltagelse__kommune"):
        leverance_indsend(kommuneleverance=kl, bruger=projektleder_for(kl.deltagelse.kommune))
    for kl in Kommuneleverance.objects.filter(dataleverance=godkendt).select_related("deltagelse__kommune"):
        indsendelse = leverance_indsend(kommuneleverance=kl, bruger=projektleder_for(kl.deltagelse.kommune))
        indsendelse_vurder(indsendelse=indsendelse, godkendt=True, kommentar="", bruger=ministeriet)
    moede_marker_afholdt(moede=moede(program))
    naeste = moede(program, art=Moedeart.STYREGRUPPE, dag=timezone.localdate() + timedelta(days=30), nummer=3)
    afholdt = moede_marker_afholdt(moede=moede(program, art=Moedeart.STYREGRUPPE))
    referat_gem(moede=afholdt, referat="Status blev drøftet.", version=afholdt.version, bruger=ministeriet)
    referat_godkend(moede=afholdt, bruger=ministeriet, version=Moede.objects.get(pk=afholdt.pk).version)
    evaluator, styregruppe = BrugerFactory(rolle=Rolle.EVALUATOR), BrugerFactory(rolle=Rolle.STYREGRUPPE)
    laest_registrer(bruger=evaluator, dataleverance=til_gennemsyn)  # seen marks, read by their lists
    laest_registrer(bruger=styregruppe, moede=naeste)
    return {
        "ministeriet": ministeriet,
        "projektleder": projektleder_for(kommuner[0]),
        "evaluator": evaluator,
        "styregruppe": styregruppe,
    }


def liste(bruger) -> tuple[int, int, float]:
    from portal.opgaver import opgaver_for

    with CaptureQueriesContext(connection) as queries:
        antal_opgaver = len(opgaver_for(bruger))
    start = time.perf_counter()
    opgaver_for(bruger)
    return len(queries), antal_opgaver, (time.perf_counter() - start) * 1000


def main() -> int:
    from django.test.utils import setup_databases, teardown_databases

    setup_test_environment()
    db = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    resultater: dict[str, list[tuple[int, int, str]]] = {}
    try:
        for antal in STOERRELSER:
            with transaction.atomic(), mock.patch("kommuner.services.ansoegninger.html_til_pdf", lambda html: b"%PDF"):
                brugere = byg(antal)
                for rolle, bruger in brugere.items():
                    queries, opgaver, ms = liste(bruger)
                    resultater.setdefault(f"opgaveliste, {rolle}", []).append(
                        (antal, queries, f"{queries} queries, {opgaver} opgaver, {ms:6.1f} ms")
                    )
                    client = Client()
                    client.force_login(bruger)
                    queries, ms = maal(client, "/")
                    resultater.setdefault(f"forside, {rolle}", []).append(
                        (antal, queries, f"{queries} queries, {ms:6.1f} ms")
                    )
                transaction.set_rollback(True)
    finally:
        teardown_databases(db, verbosity=0)

    print(f"{'':<26}" + "".join(f"{f'{n} deltagere':>38}" for n in STOERRELSER) + "   konstant?")
    fejl = 0
    for navn, raekker in resultater.items():
        konstant = len({q for _, q, _ in raekker}) == 1
        fejl += not konstant
        print(f"{navn:<26}" + "".join(f"{tekst:>38}" for _, _, tekst in raekker) + f"   {'ja' if konstant else 'NEJ'}")
    return 1 if fejl else 0


if __name__ == "__main__":
    sys.exit(main())
