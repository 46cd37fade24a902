"""Writes to a programme: the ministry creates and edits programmes."""

from datetime import date, datetime

from django.db import transaction

from kommuner.models import Program, ProgramStatus

REDIGERBARE_FELTER = {"navn", "beskrivelse", "startdato", "slutdato", "samlet_budget", "ansoegningsfrist", "status"}


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
) -> Program:
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
    return program


@transaction.atomic
def program_opdater(*, program: Program, **felter) -> Program:
    """Change some of a programme's facts; the rest stay as they are."""
    ukendte = set(felter) - REDIGERBARE_FELTER
    if ukendte:
        raise ValueError(f"{', '.join(sorted(ukendte))} kan ikke ændres her")
    program = Program.objects.select_for_update().get(pk=program.pk)
    for felt, vaerdi in felter.items():
        setattr(program, felt, vaerdi)
    program.full_clean()
    program.save()
    return program
