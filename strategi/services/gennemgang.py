"""The annual review: the lead re-colours the actions, sets their statuses and end dates, and concludes. The
strategy as it was before is frozen as an earlier version (readable and comparable), and it continues as the next
version, 'revideret'."""

from dataclasses import dataclass
from datetime import date, datetime

import pghistory
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from kommuner.models import Bruger
from strategi.models import (
    Aarsgennemgang,
    Gennemgangslinje,
    Handling,
    Strategi,
    StrategiStatus,
    Strategiversion,
)
from strategi.selectors import indhold_for
from strategi.services.faelles import kraev_godkendt, laas


@dataclass(frozen=True)
class Gennemgangspunkt:
    """What the review decides for one action."""

    handling: Handling
    farve: str
    status: str
    slut: date
    bemaerkning: str = ""


@transaction.atomic
def aarsgennemgang_gem(
    *,
    strategi: Strategi,
    aar: int,
    konklusion: str,
    punkter: list[Gennemgangspunkt],
    bruger: Bruger,
    nu: datetime | None = None,
) -> Aarsgennemgang:
    """Store the review of `aar`: freeze the current version, apply the actions' new colours, statuses and end
    dates, and move the strategy on to the next version."""
    strategi = laas(strategi)
    kraev_godkendt(strategi, "Den årlige gennemgang")
    nu = nu or timezone.now()
    fejl = {}
    if aar not in strategi.program.aar:
        fejl["aar"] = (
            f"Gennemgangen skal gælde et af programmets år ({strategi.program.aar[0]}–{strategi.program.aar[-1]})."
        )
    elif Aarsgennemgang.objects.filter(strategi=strategi, aar=aar).exists():
        fejl["aar"] = f"Strategien er allerede gennemgået for {aar}."
    if not konklusion.strip():
        fejl["konklusion"] = "Skriv, hvad gennemgangen viste, og hvad der ændres."
    handlinger = {h.pk: h for h in Handling.objects.select_for_update().filter(strategi=strategi)}
    if {p.handling.pk for p in punkter} != set(handlinger):
        fejl["__all__"] = "Handleplanen er ændret, mens du arbejdede. Hent gennemgangen igen."
    for punkt in punkter:
        handling = handlinger.get(punkt.handling.pk)
        if handling is not None and punkt.slut < handling.start:
            fejl[f"slut_{handling.pk}"] = "Slutdatoen kan ikke ligge før startdatoen."
    if fejl:
        raise ValidationError(fejl)

    with pghistory.context(user=bruger.pk):
        try:
            with transaction.atomic():
                version = Strategiversion.objects.create(
                    strategi=strategi,
                    nummer=strategi.versionsnummer,
                    indhold=indhold_for(strategi),
                    afsluttet=nu,
                    afsluttet_af=bruger,
                )
        except IntegrityError:
            raise ValidationError("Versionen er allerede gemt af en anden gennemgang. Hent siden igen.") from None
        gennemgang = Aarsgennemgang(
            strategi=strategi,
            aar=aar,
            konklusion=konklusion.strip(),
            version_foer=version,
            gennemfoert=nu,
            gennemfoert_af=bruger,
        )
        gennemgang.full_clean()
        gennemgang.save()
        for punkt in punkter:
            handling = handlinger[punkt.handling.pk]
            linje = Gennemgangslinje(
                strategi=strategi,
                gennemgang=gennemgang,
                handling=handling,
                handling_titel=handling.titel,
                farve_foer=handling.farve,
                farve_efter=punkt.farve,
                status_foer=handling.status,
                status_efter=punkt.status,
                slut_foer=handling.slut,
                slut_efter=punkt.slut,
                bemaerkning=punkt.bemaerkning.strip(),
            )
            linje.full_clean()
            linje.save()
            if linje.er_aendret:
                Handling.objects.filter(pk=handling.pk).update(
                    farve=punkt.farve, status=punkt.status, slut=punkt.slut, version=F("version") + 1, aendret=nu
                )
        Strategi.objects.filter(pk=strategi.pk).update(
            versionsnummer=F("versionsnummer") + 1, status=StrategiStatus.REVIDERET, aendret=nu
        )
    return gennemgang
