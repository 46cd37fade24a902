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

from forebyggelse import tid
from kommuner.models import Bruger
from strategi.models import (
    Aarsgennemgang,
    Gennemgangslinje,
    Handling,
    Strategi,
    StrategiStatus,
    Strategiversion,
    forfaldent_gennemgangsaar,
)
from strategi.selectors import indhold_for
from strategi.services.faelles import laas, valider_godkendt


@dataclass(frozen=True)
class Gennemgangspunkt:
    """What the review decides for one action."""

    handling: Handling
    farve: str
    status: str
    slut: date
    bemaerkning: str = ""


# The review's rules: each takes plain values and returns a Danish message, or None when the rule holds. --------


def tjek_gennemgangsaar(aar: int, programmets_aar: list[int], gennemgaaede_aar: set[int], i_aar: int) -> str | None:
    if aar not in programmets_aar:
        return f"Gennemgangen skal gælde et af programmets år ({programmets_aar[0]}–{programmets_aar[-1]})."
    if aar in gennemgaaede_aar:
        return f"Strategien er allerede gennemgået for {aar}."
    if aar < max(gennemgaaede_aar, default=0):
        return f"Strategien er allerede gennemgået for et senere år ({max(gennemgaaede_aar)})."
    forfaldent = forfaldent_gennemgangsaar(programmets_aar, gennemgaaede_aar, i_aar)
    if forfaldent is None:
        return f"Gennemgangen for {aar} kan ikke gennemføres nu: den gælder det år, der er i gang."
    if aar != forfaldent:
        return f"Den årlige gennemgang, der skal laves nu, gælder {forfaldent}."
    return None


def tjek_konklusion(konklusion: str) -> str | None:
    return None if konklusion.strip() else "Skriv, hvad gennemgangen viste, og hvad der ændres."


def tjek_samme_handlinger(gennemgaaede: set[int], handleplanens: set[int]) -> str | None:
    """The review covers exactly the actions the plan has now; otherwise the plan changed while the lead worked."""
    if gennemgaaede != handleplanens:
        return "Handleplanen er ændret, mens du arbejdede. Hent gennemgangen igen."
    return None


def tjek_slutdato(slut: date, start: date) -> str | None:
    return "Slutdatoen kan ikke ligge før startdatoen." if slut < start else None


# The review -----------------------------------------------------------------------------------------------------


@transaction.atomic
def aarsgennemgang_gem(
    *,
    strategi: Strategi,
    aar: int,
    konklusion: str,
    punkter: list[Gennemgangspunkt],
    bruger: Bruger,
    nu: datetime | None = None,
    i_dag: date | None = None,
) -> Aarsgennemgang:
    """Store the review of `aar`: freeze the current version, apply the actions' new colours, statuses and end
    dates, and move the strategy on to the next version."""
    strategi = laas(strategi)
    valider_godkendt(strategi, "Den årlige gennemgang")
    nu = nu or timezone.now()
    handlinger = {h.pk: h for h in Handling.objects.select_for_update().filter(strategi=strategi)}
    gennemgaaede_aar = set(Aarsgennemgang.objects.filter(strategi=strategi).values_list("aar", flat=True))
    fejl = {
        "aar": tjek_gennemgangsaar(aar, strategi.program.aar, gennemgaaede_aar, (i_dag or tid.i_dag()).year),
        "konklusion": tjek_konklusion(konklusion),
        "__all__": tjek_samme_handlinger({p.handling.pk for p in punkter}, set(handlinger)),
    }
    for punkt in punkter:
        if (handling := handlinger.get(punkt.handling.pk)) is not None:
            fejl[f"slut_{handling.pk}"] = tjek_slutdato(punkt.slut, handling.start)
    fejl = {felt: besked for felt, besked in fejl.items() if besked}
    if fejl:
        raise ValidationError(fejl)

    with pghistory.context(user=bruger.pk):
        version = _frys_version(strategi, bruger=bruger, nu=nu)
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
            _gem_linje(gennemgang, handlinger[punkt.handling.pk], punkt, nu=nu)
        Strategi.objects.filter(pk=strategi.pk).update(
            versionsnummer=F("versionsnummer") + 1, status=StrategiStatus.REVIDERET, aendret=nu
        )
    return gennemgang


def _frys_version(strategi: Strategi, *, bruger: Bruger, nu: datetime) -> Strategiversion:
    """The strategy as it stands, kept as the version the review closes."""
    try:
        with transaction.atomic():
            return Strategiversion.objects.create(
                strategi=strategi,
                nummer=strategi.versionsnummer,
                indhold=indhold_for(strategi),
                afsluttet=nu,
                afsluttet_af=bruger,
            )
    except IntegrityError:
        raise ValidationError("Versionen er allerede gemt af en anden gennemgang. Hent siden igen.") from None


def _gem_linje(gennemgang: Aarsgennemgang, handling: Handling, punkt: Gennemgangspunkt, *, nu: datetime) -> None:
    """One action's line in the review (before and after), and the action itself when the review changes it."""
    linje = Gennemgangslinje(
        strategi=gennemgang.strategi,
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
