"""Background jobs: work that takes seconds or runs on a clock, run by procrastinate workers from PostgreSQL.

A job is queued with `baggrundsjob_start` inside the transaction of the change that causes it: procrastinate's
Django connector writes the job through Django's own connection, so a rolled-back change queues nothing and a
committed one can never lose its job. The `Baggrundsjob` row is what the user sees: progress, a link to the
result, or why it failed (in Danish) and a button to try again. See docs/decisions/0040.
"""

import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import pghistory
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from procrastinate import manager
from procrastinate.contrib.django import app
from procrastinate.contrib.django.django_connector import DjangoConnector
from procrastinate.tasks import Task, configure_task

from evaluering.models import Baggrundsjob, Jobstatus
from kommuner.models import Bruger

logger = logging.getLogger(__name__)


class JobFejl(Exception):
    """A failure the user can understand: its message is shown as it is."""


@dataclass(frozen=True)
class Resultat:
    """Where the user finds what the job made, shown as a link when the job is done."""

    url: str = ""
    tekst: str = ""


@dataclass(frozen=True)
class Fremdrift:
    """Reports how far a job has come. Written at once (outside the job's own transactions), so the status
    page shows it while the job runs."""

    job_id: int

    def __call__(self, gjort: int, i_alt: int, trin: str = "") -> None:
        procent = 100 if i_alt <= 0 else min(100, round(100 * gjort / i_alt))
        Baggrundsjob.objects.filter(pk=self.job_id).update(fremdrift=procent, trin=trin[:300])


@dataclass(frozen=True)
class Fortsaetter:
    """Returned by a job whose work goes on in other jobs (a report package's parts): they finish it."""


Opgave = Callable[..., Resultat | Fortsaetter | None]
# opgave name → the function doing the work; procrastinate's task of the same name runs it.
OPGAVER: dict[str, Opgave] = {}


def opgave(navn: str):
    """Register a job function under `navn`. It is called as `funktion(job=..., fremdrift=..., **argumenter)`."""

    def registrer(funktion: Opgave) -> Opgave:
        if navn in OPGAVER:
            raise RuntimeError(f"Opgaven {navn} er registreret to gange")
        OPGAVER[navn] = funktion
        return funktion

    return registrer


@app.task(name="baggrundsjob", queue="baggrundsjob")
def koer_baggrundsjob(baggrundsjob_id: int) -> None:
    """The one procrastinate task: it runs whichever registered function the Baggrundsjob row names."""
    koer(baggrundsjob_id)


def fejltekst(exc: Exception) -> str:
    if isinstance(exc, JobFejl):
        return str(exc)
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    if isinstance(exc, smtplib.SMTPException | ConnectionError | OSError):
        return f"E-mailserveren kunne ikke nås eller afviste beskeden ({exc}). Prøv igen om lidt."
    return f"Der opstod en uventet fejl ({type(exc).__name__}). Prøv igen; sker det igen, så kontakt support."


def koer(baggrundsjob_id: int) -> None:
    """Run one job now, in this thread: the worker calls this, and so do the daily jobs."""
    # Claim the job in one conditional UPDATE: of two deliveries at once, PostgreSQL lets the second re-check the
    # status after the first has committed, so only one runs; a deleted, running or finished job is left alone.
    if not Baggrundsjob.objects.filter(pk=baggrundsjob_id, status=Jobstatus.VENTER).update(
        status=Jobstatus.KOERER, startet=timezone.now(), fremdrift=0, trin="", fejl=""
    ):
        return
    job = Baggrundsjob.objects.select_related("bruger").get(pk=baggrundsjob_id)
    funktion = OPGAVER.get(job.opgave)
    try:
        if funktion is None:
            raise JobFejl(f"Opgaven “{job.opgave}” findes ikke i denne version af portalen.")
        with pghistory.context(user=job.bruger_id, baggrundsjob=job.pk):
            resultat = funktion(job=job, fremdrift=Fremdrift(job.pk), **job.argumenter) or Resultat()
    except Exception as exc:
        baggrundsjob_fejlet(job_id=job.pk, fejl=fejltekst(exc))
        logger.exception("Baggrundsjob %s (%s) fejlede", job.pk, job.opgave)
        raise  # procrastinate records the failure too, with the traceback, for whoever runs the workers
    if not isinstance(resultat, Fortsaetter):
        baggrundsjob_afslut(job_id=job.pk, resultat=resultat)


def baggrundsjob_afslut(*, job_id: int, resultat: Resultat) -> None:
    Baggrundsjob.objects.filter(pk=job_id).update(
        status=Jobstatus.FAERDIG,
        fremdrift=100,
        trin="",  # the last step is over; the page shows the result instead
        afsluttet=timezone.now(),
        resultat_url=resultat.url,
        resultat_tekst=resultat.tekst,
    )


def baggrundsjob_fejlet(*, job_id: int, fejl: str) -> None:
    Baggrundsjob.objects.filter(pk=job_id).update(status=Jobstatus.FEJLET, fejl=fejl, afsluttet=timezone.now())


@cache
def _django_koe() -> manager.JobManager:
    return manager.JobManager(DjangoConnector())


def koe_i_transaktionen(task: Task, **argumenter) -> int:
    """Queue a procrastinate job through Django's own connection, so it is part of the current transaction. A task's
    own `defer` uses the app's connector, which inside a worker is the worker's separate connection: a job queued by
    a job would be visible to other workers before the rows it works on are committed."""
    return configure_task(name=task.name, job_manager=_django_koe(), queue=task.queue).defer(**argumenter)


def _koe(job: Baggrundsjob) -> None:
    job.procrastinate_id = koe_i_transaktionen(koer_baggrundsjob, baggrundsjob_id=job.pk)
    job.save(update_fields=["procrastinate_id"])


@transaction.atomic
def baggrundsjob_start(*, opgave: str, titel: str, argumenter: dict, bruger: Bruger | None) -> Baggrundsjob:
    """Queue a job in the caller's transaction: it runs only if that transaction commits."""
    if opgave not in OPGAVER:
        raise ValueError(f"Ukendt opgave: {opgave}")
    job = Baggrundsjob(opgave=opgave, titel=titel, argumenter=argumenter, bruger=bruger)
    job.full_clean()
    job.save()
    _koe(job)
    return job


def baggrundsjob_koer_nu(*, opgave: str, titel: str, argumenter: dict, bruger: Bruger | None = None) -> Baggrundsjob:
    """Record and run a job in this thread, for work that is already running in a worker (the daily jobs)."""
    if opgave not in OPGAVER:
        raise ValueError(f"Ukendt opgave: {opgave}")
    job = Baggrundsjob(opgave=opgave, titel=titel, argumenter=argumenter, bruger=bruger)
    job.full_clean()
    job.save()
    koer(job.pk)
    job.refresh_from_db()
    return job


@transaction.atomic
def baggrundsjob_proev_igen(*, job: Baggrundsjob) -> Baggrundsjob:
    """Queue a failed job again with the same arguments."""
    job = Baggrundsjob.objects.select_for_update().get(pk=job.pk)
    if job.status != Jobstatus.FEJLET:
        raise ValidationError("Kun et job, der er fejlet, kan prøves igen.")
    job.status = Jobstatus.VENTER
    job.fejl = ""
    job.fremdrift = 0
    job.trin = ""
    job.afsluttet = None
    job.forsoeg += 1
    job.save(update_fields=["status", "fejl", "fremdrift", "trin", "afsluttet", "forsoeg"])
    _koe(job)
    return job
