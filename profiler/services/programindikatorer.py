"""A programme's choice of the indicators its participants' social profiles show (issue 17): the ministry chooses
them, copies another programme's, or goes back to the default (no rows: each profile as before, see
`profilside.valgte_indikatorer`).

Each write locks the programme's row first, so two saves of one programme's selection run one after the other and
neither mixes its rows into the other's; the history (pghistory) records every indicator added or removed."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from kommuner.models import Program
from profiler.models import Indikator, Programindikator


def _laas(*programmer: Program) -> list[Program]:
    """The programmes' rows, locked in the order of their ids (two copies in opposite directions cannot deadlock)."""
    ider = sorted({p.pk for p in programmer})
    laaste = {p.pk: p for p in Program.objects.select_for_update().filter(pk__in=ider).order_by("pk")}
    return [laaste[p.pk] for p in programmer]


def _skriv(program: Program, valgte: set[int]) -> list[Indikator]:
    """Make the programme's rows exactly `valgte`: remove what is no longer chosen, add what is new."""
    nuvaerende = set(Programindikator.objects.filter(program=program).values_list("indikator_id", flat=True))
    Programindikator.objects.filter(program=program, indikator_id__in=nuvaerende - valgte).delete()
    for indikator_id in sorted(valgte - nuvaerende):
        valg = Programindikator(program=program, indikator_id=indikator_id)
        valg.full_clean(validate_constraints=False)
        valg.save()
    return list(Indikator.objects.filter(pk__in=valgte).order_by("raekkefoelge", "kode"))


@transaction.atomic
def programindikatorer_vaelg(*, program: Program, indikatorer: Iterable[Indikator]) -> list[Indikator]:
    """The indicators the programme's profiles show from now on; none: the default again (each profile shows the
    municipality's own choice, else the catalogue's default set). Returns the programme's selection."""
    (program,) = _laas(program)
    return _skriv(program, {i.pk for i in indikatorer})


@transaction.atomic
def programindikatorer_kopier(*, fra: Program, til: Program) -> list[Indikator]:
    """Give `til` the same indicators as `fra` (replacing its own). Refused, with nothing changed, when `fra` is
    `til` or has no selection of its own: copying the default is "Brug standardudvalget"."""
    if fra.pk == til.pk:
        raise ValidationError({"fra": "Vælg et andet program end dette."})
    fra, til = _laas(fra, til)
    valgte = set(Programindikator.objects.filter(program=fra).values_list("indikator_id", flat=True))
    if not valgte:
        raise ValidationError({"fra": f"{fra.navn} har ikke sit eget udvalg af nøgletal; der er intet at kopiere."})
    return _skriv(til, valgte)
