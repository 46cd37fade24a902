"""What every write to a strategy shares: the strategy row locked and its state checked under the lock. The version
check that keeps two people from silently overwriting each other's goal or action is forebyggelse.samtidighed's."""

from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.db.models import Model

from strategi.models import GODKENDTE, Strategi
from strategi.permissions import redigerbar_tilstand


def laas(strategi: Strategi) -> Strategi:
    """The strategy row, locked for this transaction: every write to it or its parts waits for the one before."""
    return Strategi.objects.select_for_update().med_kommune().get(pk=strategi.pk)


def valider_redigerbar(strategi: Strategi) -> None:
    """The state check of `redigerbar_tilstand`, again under the service's lock."""
    ok, grund = redigerbar_tilstand(strategi)
    if not ok:
        raise ValidationError(grund)


def valider_godkendt(strategi: Strategi, hvad: str) -> None:
    if strategi.status not in GODKENDTE:
        raise ValidationError(f"{hvad} begynder, når ministeriet har godkendt strategien.")


def saet_forbindelser(
    *,
    model: type[Model],
    strategi: Strategi,
    ejer_felt: str,
    ejer: Model,
    andet_felt: str,
    nye: Iterable[Model],
    tekst: Callable[[Model], str],
) -> None:
    """Make the tracked links from `ejer` (e.g. an action) be exactly `nye` (e.g. its goals): links that go are
    deleted, new ones created with their words, unchanged ones left alone (so the history shows only changes)."""
    nye = {o.pk: o for o in nye}
    if any(o.strategi_id != strategi.pk for o in nye.values()):
        raise ValidationError("Vælg kun mål, målgrupper og aktører fra denne strategi.")
    eksisterende = {getattr(r, f"{andet_felt}_id"): r for r in model.objects.filter(**{ejer_felt: ejer})}
    for pk, raekke in eksisterende.items():
        if pk not in nye:
            raekke.delete()
    for pk, andet in nye.items():
        if pk not in eksisterende:
            model.objects.create(
                strategi=strategi, forbindelse=tekst(andet)[:500], **{ejer_felt: ejer, andet_felt: andet}
            )
