"""What every write to a strategy shares: the strategy row locked and its state checked under the lock, and the
version check that keeps two people from silently overwriting each other's goal or action (the pattern of
kommuner/services/vurderinger.py: UPDATE … WHERE version = loaded, a conflict that keeps the user's input)."""

from collections.abc import Callable, Iterable

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import F, Model
from django.utils import timezone

from forebyggelse.formatering import tidspunkt
from forebyggelse.historik import event_model
from strategi.models import GODKENDTE, Strategi
from strategi.permissions import redigerbar_tilstand


def laas(strategi: Strategi) -> Strategi:
    """The strategy row, locked for this transaction: every write to it or its parts waits for the one before."""
    return Strategi.objects.select_for_update().med_kommune().get(pk=strategi.pk)


def kraev_redigerbar(strategi: Strategi) -> None:
    """The state check of `redigerbar_tilstand`, again under the service's lock."""
    ok, grund = redigerbar_tilstand(strategi)
    if not ok:
        raise ValidationError(grund)


def kraev_godkendt(strategi: Strategi, hvad: str) -> None:
    if strategi.status not in GODKENDTE:
        raise ValidationError(f"{hvad} begynder, når ministeriet har godkendt strategien.")


def sidst_aendret_af(obj: Model) -> str:
    """The name of whoever made the newest recorded change to the object."""
    event = (
        event_model(type(obj))
        .objects.filter(pgh_obj_id=obj.pk)
        .select_related("pgh_context")
        .order_by("-pgh_id")
        .first()
    )
    bruger_id = (event.pgh_context.metadata or {}).get("user") if event and event.pgh_context else None
    bruger = get_user_model().objects.filter(pk=bruger_id).first() if bruger_id else None
    if bruger is None:
        return "en anden bruger"
    return bruger.get_full_name() or bruger.username


class Konflikt(ValidationError):
    """Someone saved the object after this user loaded it; nothing was written."""

    def __init__(self, nuvaerende: Model):
        self.nuvaerende = nuvaerende
        self.aendret_af = sidst_aendret_af(nuvaerende)
        hvad = str(type(nuvaerende)._meta.verbose_name).capitalize()
        super().__init__(
            f"{hvad} er blevet ændret af {self.aendret_af} den {tidspunkt(nuvaerende.aendret)}, mens du arbejdede. "
            "Dine indtastninger er bevaret herunder; se forskellene, ret til og gem igen.",
            code="konflikt",
        )


def opdater_hvis_version(model: type[Model], pk: int, version: int, felter: dict) -> Model:
    """Write `felter` only if the row still has the version the user loaded; else raise Konflikt with the row as it
    is now. Returns the row as saved."""
    opdateret = model.objects.filter(pk=pk, version=version).update(
        **felter, version=F("version") + 1, aendret=timezone.now()
    )
    if opdateret == 0:
        nuvaerende = model.objects.filter(pk=pk).first()
        if nuvaerende is None:
            raise ValidationError(f"{str(model._meta.verbose_name).capitalize()} er slettet, mens du arbejdede.")
        raise Konflikt(nuvaerende)
    return model.objects.get(pk=pk)


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
