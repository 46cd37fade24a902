"""Change history: which models are tracked, and how their events are read back for people.

Tracked models get PostgreSQL triggers (django-pghistory) that record every insert, update and delete
with the user and URL of the request that made it, so nothing can change without a trace.
"""

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

import pghistory
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Model, Q, QuerySet, Subquery
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
# PostgreSQL counts an OFFSET in a bigint: a page number past this would end as a server error, not an empty page.
HOEJESTE_SIDE = (2**63 - 1) // HISTORIK_PR_SIDE - 1


class Historikadgang(enum.Enum):
    """How much of a history a user may see of one municipality's data (or of the ministry's own work)."""

    INGEN = "ingen"  # no history at all
    INDSENDT = "indsendt"  # what was submitted: nothing the municipality wrote in a draft
    ALT = "alt"  # the municipality's own project leads: every draft revision too


class _Altid:
    def __repr__(self) -> str:
        return "ALTID"


# `offentlig_fra` for data that is never a draft (a municipality's details, the ministry's own work).
ALTID = _Altid()


def historikadgang(user, kommune_id: int | None) -> Historikadgang:
    """What the roles say (kommuner.roller.historikadgang, reached through the user so the base imports no app);
    an anonymous visitor sees nothing."""
    spoerg = getattr(user, "historikadgang", None)
    return spoerg(kommune_id) if spoerg is not None else Historikadgang.INGEN


def event_model(model: type[Model]) -> type[Model]:
    """The event model pghistory keeps for a tracked model."""
    return apps.get_model(model._meta.app_label, f"{model.__name__}Event")


def _haendelser(*objekter: Model, modeller: Iterable[type[Model]]) -> QuerySet:
    """The events of these tracked models that reference the objects (all of one model), newest first: one SQL
    query over only the named models' event tables."""
    return (
        Events.objects.references(*objekter)
        .across(*[event_model(m) for m in modeller])
        .exclude(pgh_label=GRUNDLAG)
        .order_by("-pgh_created_at", "-pgh_id")
    )


@dataclass
class HistorikSide:
    """One page of a history, newest first, as `historik_til` made it for one user. Without a total count: a
    history page costs one query per source."""

    haendelser: list[Haendelse]
    nummer: int
    har_nyere: bool
    har_aeldre: bool
    # Set only by historik_til: the template tag that shows a history refuses a page made any other way.
    regel_anvendt: object = field(default=None, repr=False)

    def __iter__(self):
        return iter(self.haendelser)

    def __len__(self) -> int:
        return len(self.haendelser)


_REGEL = object()


def sidenummer(side: str | int | None) -> int:
    """A page number from a URL; one that is not a whole number from 1 to HOEJESTE_SIDE is page 1."""
    try:
        nummer = int(side or 1)
    except (TypeError, ValueError):
        return 1
    return nummer if 1 <= nummer <= HOEJESTE_SIDE else 1


def historik_til(
    user,
    *objekter: Model,
    modeller: Iterable[type[Model]] = (),
    kilder: Iterable[tuple[Iterable[Model], Iterable[type[Model]]]] = (),
    kommune_id: int | None,
    offentlig_fra: datetime | Subquery | _Altid | None = ALTID,
    kladder: Q | None = None,
    side: str | int | None = 1,
) -> HistorikSide | None:
    """The one way a page shows history (decision record 0050). None when the user may not see it.

    `objekter` with `modeller` (and any further `kilder`, each objects of one model with their event models) say
    whose history; `kommune_id` whose data it is (None: the ministry's own work). Outside the municipality's own
    project leads, nothing from before `offentlig_fra` (the first submission; None: never submitted) is shown,
    nor any event matching `kladder` (a draft's revisions that a later submission does not make public).
    """
    adgang = historikadgang(user, kommune_id)
    if adgang is Historikadgang.INGEN:
        return None
    alle = [(objekter, modeller), *kilder] if objekter else list(kilder)
    forespoergsler = [_haendelser(*objs, modeller=mods) for objs, mods in alle if objs]
    if adgang is Historikadgang.INDSENDT:
        forespoergsler = [_kun_det_indsendte(events, offentlig_fra, kladder) for events in forespoergsler]
    nummer = sidenummer(side)
    raekker = _raekker(forespoergsler, nummer)
    if not raekker and nummer > 1:
        # No page of this history (past the last): page 1, at the cost of a second query only then.
        nummer = 1
        raekker = _raekker(forespoergsler, nummer)
    return HistorikSide(
        haendelser=_som_haendelser(raekker[:HISTORIK_PR_SIDE]),
        nummer=nummer,
        har_nyere=nummer > 1,
        har_aeldre=len(raekker) > HISTORIK_PR_SIDE,
        regel_anvendt=_REGEL,
    )


def _kun_det_indsendte(events: QuerySet, offentlig_fra, kladder: Q | None) -> QuerySet:
    if offentlig_fra is None:
        return events.none()
    if offentlig_fra is not ALTID:
        events = events.filter(pgh_created_at__gte=offentlig_fra)
    return events.exclude(kladder) if kladder is not None else events


def foerste_gang(model: type[Model], pk: int, **vaerdier) -> Subquery:
    """When the tracked object first had these values (e.g. status="indsendt": its first submission), as its event
    recorded it: the moment of that transaction, the same as every event written with it. A service's own clock
    reads later, so a history from that clock would leave out the submission itself. A subquery of the history's
    own query; NULL (nothing shown) if it never had them."""
    return Subquery(
        event_model(model)
        .objects.filter(pgh_obj_id=pk, **vaerdier)
        .order_by("pgh_created_at")
        .values("pgh_created_at")[:1]
    )


def er_fra_reglen(side) -> bool:
    """Whether a page of history was made by historik_til (the template tag asks)."""
    return isinstance(side, HistorikSide) and side.regel_anvendt is _REGEL


def _raekker(forespoergsler: list[QuerySet], nummer: int) -> list:
    """The page's events and one more, which tells whether there are older ones."""
    start = (nummer - 1) * HISTORIK_PR_SIDE
    if len(forespoergsler) == 1:
        return list(forespoergsler[0][start : start + HISTORIK_PR_SIDE + 1])
    # Several sources: each one's newest rows up to this page, merged; only short histories take this path.
    return sorted(
        (e for events in forespoergsler for e in events[: start + HISTORIK_PR_SIDE + 1]),
        key=lambda e: e.pgh_created_at,
        reverse=True,
    )[start : start + HISTORIK_PR_SIDE + 1]


def _som_haendelser(events: list) -> list[Haendelse]:
    bruger_ids = {e.pgh_context.get("user") for e in events if e.pgh_context}
    brugere = {b.pk: b for b in get_user_model().objects.filter(pk__in=[i for i in bruger_ids if i])}
    titler = _titler(events)
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
                hvad=titler.get(event.pgh_id) or str(model._meta.verbose_name).capitalize(),
                bruger=(bruger.get_full_name() or bruger.username) if bruger else "Systemet",
                aendringer=aendringer,
            )
        )
    return resultat


def _titler(events: list) -> dict[int, str]:
    """A row that answers one item of a configured form (a section, a criterion) is named by that item: a model
    says so with `historik_titel_felt` and `historik_titler`. One query per such model on the page."""
    pr_model: dict[type[Model], list] = {}
    for event in events:
        model = apps.get_model(event.pgh_model).pgh_tracked_model
        if hasattr(model, "historik_titel_felt"):
            pr_model.setdefault(model, []).append(event)
    titler = {}
    for model, model_events in pr_model.items():
        navne = model.historik_titler([e.pgh_data for e in model_events])
        for event in model_events:
            navn = navne.get(event.pgh_data.get(model.historik_titel_felt))
            if navn:
                titler[event.pgh_id] = navn
    return titler


def _er_felt(model, felt: str) -> bool:
    """Whether a stored field is something a person wrote or chose. Relations, and what the portal sets by itself
    (not editable: a calendar's UUID, automatic timestamps, which the event's own time already says), are not."""
    try:
        field = model._meta.get_field(felt)
    except Exception:
        return False
    return not (field.is_relation or not field.editable or field.get_internal_type() == "UUIDField")


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
