"""Change history: which models are tracked, and how their events are read back for people.

Tracked models get PostgreSQL triggers (django-pghistory) that record every insert, update and delete
with the user and URL of the request that made it, so nothing can change without a trace.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import pghistory
from django.apps import apps
from django.contrib.auth import get_user_model
from pghistory.models import Events

from forebyggelse import formatering


def historik():
    """The tracking decorator every tracked model uses: inserts, updates and deletes."""
    return pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())


HANDLINGER = {"insert": "Oprettet", "update": "Ændret", "delete": "Slettet"}
# A snapshot of rows that existed before tracking began (see kommuner migration 0004): the starting point
# for the first change's diff, not a change itself.
GRUNDLAG = "grundlag"
SKJULTE_FELTER = {"id", "version", "aendret", "oprettet", "pdf", "fil"}


@dataclass
class Aendring:
    felt: str
    foer: str
    efter: str


@dataclass
class Haendelse:
    tidspunkt: datetime
    handling: str
    hvad: str
    bruger: str
    aendringer: list[Aendring]


def _vis(model, felt: str, vaerdi) -> str:
    """A stored value as the user would write it: labels, Ja/Nej, Danish dates and amounts."""
    if vaerdi is None or vaerdi == "":
        return "–"
    field = model._meta.get_field(felt)
    if field.choices:
        return str(dict(field.flatchoices).get(vaerdi, vaerdi))
    if vaerdi is True:
        return "Ja"
    if vaerdi is False:
        return "Nej"
    type_ = field.get_internal_type()
    if type_ == "DateTimeField":
        return formatering.tidspunkt(datetime.fromisoformat(vaerdi))
    if type_ == "DateField":
        return formatering.dato(date.fromisoformat(vaerdi))
    if type_ in {"PositiveBigIntegerField", "BigIntegerField"} and "kr." in str(field.verbose_name):
        return formatering.kr(vaerdi)
    if type_ == "DecimalField":
        tal = Decimal(str(vaerdi)).normalize()
        return formatering.tal(tal, max(0, -tal.as_tuple().exponent))
    return str(vaerdi)


def historik_for(*objekter) -> list[Haendelse]:
    """Every recorded change to these objects (all of one model) and to rows that point at them, newest first."""
    events = [
        e
        for e in Events.objects.references(*objekter).order_by("-pgh_created_at", "-pgh_id")
        if e.pgh_label != GRUNDLAG
    ]
    bruger_ids = {e.pgh_context.get("user") for e in events if e.pgh_context}
    brugere = {b.pk: b for b in get_user_model().objects.filter(pk__in=[i for i in bruger_ids if i])}
    resultat = []
    for event in events:
        event_model = apps.get_model(event.pgh_model)
        model = event_model.pgh_tracked_model
        label = event.pgh_label
        if label == "update":
            kilde = {felt: fra_til for felt, fra_til in (event.pgh_diff or {}).items()}
        else:
            kilde = {felt: ([None, v] if label == "insert" else [v, None]) for felt, v in event.pgh_data.items()}
        aendringer = [
            Aendring(felt=str(model._meta.get_field(felt).verbose_name), foer=foer, efter=efter)
            for felt, (foer, efter) in (
                (felt, (_vis(model, felt, fra), _vis(model, felt, til)))
                for felt, (fra, til) in kilde.items()
                if felt not in SKJULTE_FELTER and not felt.endswith("_id") and _er_felt(model, felt)
            )
            if foer != efter
        ]
        if label == "update" and not aendringer:
            continue
        bruger_id = (event.pgh_context or {}).get("user")
        bruger = brugere.get(bruger_id)
        resultat.append(
            Haendelse(
                tidspunkt=event.pgh_created_at,
                handling=HANDLINGER.get(label, label),
                hvad=str(model._meta.verbose_name).capitalize(),
                bruger=(bruger.get_full_name() or bruger.username) if bruger else "Systemet",
                aendringer=aendringer,
            )
        )
    return resultat


def _er_felt(model, felt: str) -> bool:
    try:
        field = model._meta.get_field(felt)
    except Exception:
        return False
    return not field.is_relation
