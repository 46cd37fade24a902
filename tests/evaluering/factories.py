"""Test data for the evaluering app, made through the services like everywhere else."""

import contextlib
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from evaluering.jobs import koer
from evaluering.models import Baggrundsjob, Dataleverance, Indholdsart, Jobstatus, Moede, Moedeart, Pakkedel
from evaluering.services.leverancer import dataleverance_opret
from evaluering.services.moeder import moede_opret
from evaluering.services.rapporter import pakkedel_koer
from forebyggelse.formatering import dansk_tidspunkt
from forebyggelse.roller import Rolle
from kommuner.models import Bruger, Kommune, Program
from kommuner.services.bevillinger import afgoerelse_traef
from tests.kommuner.factories import AnsoegningFactory, BrugerFactory, ProgramFactory


def program_med_deltagere(*koder: str, ministeriet: Bruger | None = None, **program) -> Program:
    """A programme 2011–2012 whose municipalities (default København and Frederiksberg) applied, were selected
    and granted 200.000 + 1.180.000 kr."""
    ministeriet = ministeriet or BrugerFactory(rolle=Rolle.MINISTERIET)
    program = ProgramFactory(**program)
    for kode in koder or ("101", "147"):
        ansoegning = AnsoegningFactory(program=program, kommune=Kommune.objects.get(kode=kode), indsendt=True)
        afgoerelse_traef(
            ansoegning=ansoegning,
            udvalgt=True,
            begrundelse="Udvalgt i en test.",
            bevillinger={2011: 200_000, 2012: 1_180_000},
            bruger=ministeriet,
        )
    return program


def moede(program: Program, *, art: str = Moedeart.NETVAERK, dag: date | None = None, **felter) -> Moede:
    """A meeting 10.00–15.00 Danish time, by default a week ago (so it can be marked as held)."""
    dag = dag or (timezone.localdate() - timedelta(days=7))
    return moede_opret(
        program=program,
        art=art,
        nummer=felter.pop("nummer", 2),
        start=dansk_tidspunkt(dag, time(10, 0)),
        slut=dansk_tidspunkt(dag, time(15, 0)),
        sted=felter.pop("sted", "Socialministeriet, Holmens Kanal 22, København"),
        fokus=felter.pop("fokus", "opfølgning og dokumentation"),
        **felter,
    )


def dataleverance(program: Program, bruger: Bruger, *, frist: datetime | None = None, **felter) -> Dataleverance:
    return dataleverance_opret(
        program=program,
        titel=felter.pop("titel", "Opfølgning 2012"),
        indhold=felter.pop("indhold", [Indholdsart.ANSOEGNING, Indholdsart.OEKONOMI, Indholdsart.MOEDEDELTAGELSE]),
        frist=frist or timezone.now() + timedelta(days=14),
        bruger=bruger,
        **felter,
    )


def koer_ventende_jobs() -> list[Baggrundsjob]:
    """Run every queued job now, in this thread and this test's transaction (the worker's own path is tested
    with a real worker in test_jobs.py)."""
    jobs = list(Baggrundsjob.objects.filter(status=Jobstatus.VENTER).order_by("pk"))
    for job in jobs:
        with contextlib.suppress(Exception):
            koer(job.pk)
    # A report package's parts, as the workers would take them (a failed part is queued again until it gives up).
    while dele := list(Pakkedel.objects.filter(status=Jobstatus.VENTER).order_by("pk").values_list("pk", flat=True)):
        for pk in dele:
            pakkedel_koer(pakkedel_id=pk)
    for job in jobs:
        job.refresh_from_db()
    return jobs
