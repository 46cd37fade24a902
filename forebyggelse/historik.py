"""Change history: which models are tracked, and how their events are read back for people.

Tracked models get PostgreSQL triggers (django-pghistory) that record every insert, update and delete
with the user and URL of the request that made it, so nothing can change without a trace.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import pghistory
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Model, QuerySet
from pghistory.models import Event, Events

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


HISTORIK_PR_SIDE = 25


def event_model(model: type[Model]) -> type[Model]:
    """The event model pghistory keeps for a tracked model."""
    return apps.get_model(model._meta.app_label, f"{model.__name__}Event")


def haendelser(*objekter: Model, modeller: Iterable[type[Model]]) -> QuerySet:
    """The events of these tracked models that reference the objects (all of one model), newest first.

    One SQL query over only the named models' event tables, which callers narrow further in SQL (what a
    user may not read never leaves the database) and page with `historik_side`.
    """
    return (
        Events.objects.references(*objekter)
        .across(*[event_model(m) for m in modeller])
        .exclude(pgh_label=GRUNDLAG)
        .order_by("-pgh_created_at", "-pgh_id")
    )


@dataclass
class HistorikSide:
    """One page of a history, newest first. Without a total count: a history page costs one query."""

    haendelser: list[Haendelse]
    nummer: int
    har_nyere: bool
    har_aeldre: bool

    def __iter__(self):
        return iter(self.haendelser)

    def __len__(self) -> int:
        return len(self.haendelser)


# PostgreSQL counts an OFFSET in a bigint: a page number past this would end as a server error, not an empty page.
HOEJESTE_SIDE = (2**63 - 1) // HISTORIK_PR_SIDE - 1


def historik_side(events: QuerySet, side: str | int | None = 1) -> HistorikSide:
    """One page of events, as people read them; `side` is the page number from the URL. One that is no page of this
    history (not a number, below 1, past the last page) shows page 1, at the cost of a second query only then."""
    try:
        nummer = int(side or 1)
    except (TypeError, ValueError):
        nummer = 1
    if not 1 <= nummer <= HOEJESTE_SIDE:
        nummer = 1
    raekker = _raekker(events, nummer)
    if not raekker and nummer > 1:
        nummer = 1
        raekker = _raekker(events, nummer)
    return HistorikSide(
        haendelser=_som_haendelser(raekker[:HISTORIK_PR_SIDE]),
        nummer=nummer,
        har_nyere=nummer > 1,
        har_aeldre=len(raekker) > HISTORIK_PR_SIDE,
    )


def _raekker(events: QuerySet, nummer: int) -> list:
    """The page's events and one more, which tells whether there are older ones."""
    start = (nummer - 1) * HISTORIK_PR_SIDE
    return list(events[start : start + HISTORIK_PR_SIDE + 1])


def historik_for(*objekter: Model, modeller: Iterable[type[Model]]) -> list[Haendelse]:
    """Every recorded change (for short histories that are shown whole)."""
    return _som_haendelser(list(haendelser(*objekter, modeller=modeller)))


def _som_haendelser(events: list) -> list[Haendelse]:
    bruger_ids = {e.pgh_context.get("user") for e in events if e.pgh_context}
    brugere = {b.pk: b for b in get_user_model().objects.filter(pk__in=[i for i in bruger_ids if i])}
    resultat = []
    for event in events:
        model = apps.get_model(event.pgh_model).pgh_tracked_model
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
            continue  # only bookkeeping fields changed (ændret, version)
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


def seneste_aendring() -> datetime | None:
    """The moment of the newest change recorded in any tracked model's history, in one query: unchanged data, the
    same moment. Reports are stamped with it instead of the clock, so the same data gives the same report."""
    tabeller = sorted(
        m._meta.db_table for m in apps.get_models() if issubclass(m, Event) and m._meta.managed and not m._meta.proxy
    )
    if not tabeller:
        return None
    dele = " UNION ALL ".join(f'SELECT max(pgh_created_at) AS t FROM "{tabel}"' for tabel in tabeller)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT max(t) FROM ({dele}) AS aendringer")  # our own table names, nothing from users
        return cursor.fetchone()[0]
