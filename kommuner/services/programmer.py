"""Writes to a programme: the ministry creates and edits programmes."""

from datetime import date, datetime

from django.db import transaction

from kommuner.models import Program, ProgramStatus
from kommuner.selectors import gaeldende_opsaetning
from kommuner.services.opsaetninger import opsaetning_opret


@transaction.atomic
def program_opret(
    *,
    navn: str,
    startdato: date,
    slutdato: date,
    samlet_budget: int,
    ansoegningsfrist: datetime,
    beskrivelse: str = "",
    status: str = ProgramStatus.PLANLAGT,
    kopi_fra: Program | None = None,
) -> Program:
    """A new programme with its set-up: a copy of `kopi_fra`'s newest set-up, or the standard form."""
    program = Program(
        navn=navn,
        startdato=startdato,
        slutdato=slutdato,
        samlet_budget=samlet_budget,
        ansoegningsfrist=ansoegningsfrist,
        beskrivelse=beskrivelse,
        status=status,
    )
    program.full_clean()
    program.save()
    kilde = gaeldende_opsaetning(kopi_fra) if kopi_fra is not None else None
    opsaetning_opret(program=program, kilde=kilde)
    return program


@transaction.atomic
def program_opdater(
    *,
    program: Program,
    navn: str,
    startdato: date,
    slutdato: date,
    samlet_budget: int,
    ansoegningsfrist: datetime,
    beskrivelse: str,
    status: str,
) -> Program:
    """Change a programme's facts, as the ministry's edit form holds them."""
    program = Program.objects.select_for_update().get(pk=program.pk)
    program.navn = navn
    program.startdato = startdato
    program.slutdato = slutdato
    program.samlet_budget = samlet_budget
    program.ansoegningsfrist = ansoegningsfrist
    program.beskrivelse = beskrivelse
    program.status = status
    program.full_clean()
    program.save()
    return program


@transaction.atomic
def program_saet_status(*, program: Program, status: str) -> Program:
    """Move the programme on: planlagt → åben for interessetilkendegivelser → i gang → afsluttet."""
    program = Program.objects.select_for_update().get(pk=program.pk)
    program.status = status
    program.full_clean()
    program.save(update_fields=["status"])
    return program
