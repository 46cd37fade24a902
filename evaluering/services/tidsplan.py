"""Writes to a programme's timeline: the ministry adds, changes and removes phases, deadlines and planned meetings,
or starts the timeline as a copy of another programme's."""

import pghistory
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import pluralize
from django.urls import Resolver404, resolve

from evaluering.models import Dataleverance, Moede, Tidsplanpunkt
from evaluering.tidsangivelse import Tidsangivelse, forskyd, maaneder_mellem
from kommuner.models import Bruger, Program


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


# The first part of the routes whose objects belong to one programme, by the model that holds them.
PROGRAMMETS_OBJEKTER = {"moeder": Moede, "leverancer": Dataleverance, "tidsplan": Tidsplanpunkt}


def peger_paa_program(henvisning: str, program: Program) -> bool:
    """Whether a link leads to one of the programme's pages (/programmer/<pk>/…) or to one of its meetings,
    deliveries or timeline points. A link that no longer leads anywhere counts too: it cannot be kept either."""
    try:
        match = resolve(henvisning.split("?")[0].split("#")[0])
    except Resolver404:
        return True
    forreste, pk = match.route.split("/")[0], match.kwargs.get("pk")
    if pk is None:
        return False
    if forreste == "programmer":
        return pk == program.pk
    model = PROGRAMMETS_OBJEKTER.get(forreste)
    return model is not None and model.objects.filter(pk=pk, program=program).exists()


@transaction.atomic
def tidsplan_kopier(*, fra: Program, til: Program, bruger: Bruger) -> list[Tidsplanpunkt]:
    """Start `til`'s empty timeline as a copy of `fra`'s: every phase, deadline and planned meeting, moved by the
    whole months between the programmes' starts. Meetings held are the old programme's and stay there; a planned
    meeting is copied as planned. A link to the old programme's pages is dropped. The lock on `til` makes two
    copies at once one copy and a refusal."""
    til = Program.objects.select_for_update().get(pk=til.pk)
    if fra.pk == til.pk:
        raise ValidationError({"fra": "Vælg et andet program end dette."})
    antal = til.tidsplanpunkter.count()
    if antal:
        raise ValidationError(
            f"Programmet har allerede {antal} {pluralize(antal, 'punkt,punkter')} i tidsplanen; "
            "kopiér kun til en tom tidsplan."
        )
    kilde = list(fra.tidsplanpunkter.order_by("start", "slut", "pk"))
    if not kilde:
        raise ValidationError({"fra": f"{fra.navn} har ingen punkter i tidsplanen."})
    maaneder = maaneder_mellem(fra.startdato, til.startdato)
    with pghistory.context(user=bruger.pk):
        return [
            tidsplanpunkt_opret(
                program=til,
                art=punkt.art,
                titel=punkt.titel,
                tid=forskyd(Tidsangivelse(punkt.start, punkt.slut, punkt.praecision), maaneder),
                beskrivelse=punkt.beskrivelse,
                henvisning="" if punkt.henvisning and peger_paa_program(punkt.henvisning, fra) else punkt.henvisning,
            )
            for punkt in kilde
        ]
