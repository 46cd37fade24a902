"""Writes to a programme's timeline: the ministry adds, changes and removes phases, deadlines and planned meetings."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import Resolver404, resolve

from evaluering.models import Tidsplanpunkt
from evaluering.tidsangivelse import Tidsangivelse
from kommuner.models import Program


def _kontroller_henvisning(henvisning: str) -> str:
    henvisning = (henvisning or "").strip()
    if not henvisning:
        return ""
    if not henvisning.startswith("/") or henvisning.startswith("//"):
        raise ValidationError({"henvisning": "Henvisningen skal være en side i portalen og begynde med /."})
    try:
        resolve(henvisning.split("?")[0].split("#")[0])
    except Resolver404:
        raise ValidationError({"henvisning": "Siden findes ikke i portalen. Kopiér adressen fra browseren."}) from None
    return henvisning


def _udfyld(punkt: Tidsplanpunkt, *, art, titel, tid: Tidsangivelse, beskrivelse, henvisning) -> Tidsplanpunkt:
    punkt.art = art
    punkt.titel = titel.strip()
    punkt.start, punkt.slut, punkt.praecision = tid.start, tid.slut, tid.praecision
    punkt.beskrivelse = beskrivelse.strip()
    punkt.henvisning = _kontroller_henvisning(henvisning)
    punkt.full_clean()
    return punkt


@transaction.atomic
def tidsplanpunkt_opret(
    *, program: Program, art: str, titel: str, tid: Tidsangivelse, beskrivelse: str = "", henvisning: str = ""
) -> Tidsplanpunkt:
    punkt = _udfyld(
        Tidsplanpunkt(program=program), art=art, titel=titel, tid=tid, beskrivelse=beskrivelse, henvisning=henvisning
    )
    punkt.save()
    return punkt


@transaction.atomic
def tidsplanpunkt_opdater(
    *, punkt: Tidsplanpunkt, art: str, titel: str, tid: Tidsangivelse, beskrivelse: str = "", henvisning: str = ""
) -> Tidsplanpunkt:
    punkt = Tidsplanpunkt.objects.select_for_update().get(pk=punkt.pk)
    _udfyld(punkt, art=art, titel=titel, tid=tid, beskrivelse=beskrivelse, henvisning=henvisning)
    punkt.save(update_fields=["art", "titel", "start", "slut", "praecision", "beskrivelse", "henvisning"])
    return punkt


@transaction.atomic
def tidsplanpunkt_slet(*, punkt: Tidsplanpunkt) -> None:
    """A meeting that fulfilled the point stays; it just no longer points at the plan."""
    Tidsplanpunkt.objects.filter(pk=punkt.pk).delete()
