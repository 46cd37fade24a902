"""The strategy's structure: focus areas with sub-strategies, target groups, actors, and the offers mapped on the
indsatstrappe. Each write locks the strategy and requires it to be a draft (or sent back)."""

from collections.abc import Iterable

import pghistory
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model

from kommuner.models import Bruger
from strategi.models import (
    Aktoer,
    Delstrategi,
    Indsatsomraade,
    IndsatsomraadeAktoer,
    IndsatsomraadeMaalgruppe,
    Maalgruppe,
    Strategi,
    Tilbud,
)
from strategi.services.faelles import laas, saet_forbindelser, valider_redigerbar


def _gem(obj: Model, bruger: Bruger) -> Model:
    obj.full_clean()
    with pghistory.context(user=bruger.pk):
        obj.save()
    return obj


def _slet(obj: Model, bruger: Bruger) -> None:
    with pghistory.context(user=bruger.pk):
        obj.delete()


def _kun_egne(strategi: Strategi, objekter: Iterable[Model], hvad: str) -> list:
    objekter = list(objekter)
    if any(o.strategi_id != strategi.pk for o in objekter):
        raise ValidationError(f"Vælg kun {hvad} fra denne strategi.")
    return objekter


# Focus areas and sub-strategies -------------------------------------------------------------------


@transaction.atomic
def indsatsomraade_gem(
    *,
    strategi: Strategi,
    indsatsomraade: Indsatsomraade | None,
    navn: str,
    beskrivelse: str,
    maalgrupper: Iterable[Maalgruppe],
    aktoerer: Iterable[Aktoer],
    bruger: Bruger,
) -> Indsatsomraade:
    """Create a focus area (`indsatsomraade` None) or change one."""
    strategi = laas(strategi)
    valider_redigerbar(strategi)
    omraade = indsatsomraade or Indsatsomraade(strategi=strategi)
    omraade.navn, omraade.beskrivelse = navn.strip(), beskrivelse.strip()
    _gem(omraade, bruger)
    with pghistory.context(user=bruger.pk):
        saet_forbindelser(
            model=IndsatsomraadeMaalgruppe,
            strategi=strategi,
            ejer_felt="indsatsomraade",
            ejer=omraade,
            andet_felt="maalgruppe",
            nye=maalgrupper,
            tekst=lambda gruppe: f"{gruppe} i {omraade.navn}",
        )
        saet_forbindelser(
            model=IndsatsomraadeAktoer,
            strategi=strategi,
            ejer_felt="indsatsomraade",
            ejer=omraade,
            andet_felt="aktoer",
            nye=aktoerer,
            tekst=lambda aktoer: f"{aktoer} i {omraade.navn}",
        )
    return omraade


@transaction.atomic
def indsatsomraade_slet(*, indsatsomraade: Indsatsomraade, bruger: Bruger) -> None:
    strategi = laas(indsatsomraade.strategi)
    valider_redigerbar(strategi)
    maal, handlinger = indsatsomraade.maal.count(), indsatsomraade.handlinger.count()
    if maal or handlinger:
        raise ValidationError(
            f"Indsatsområdet har {maal} mål og {handlinger} handlinger. Flyt dem til et andet indsatsområde eller "
            "slet dem først."
        )
    _slet(indsatsomraade, bruger)


@transaction.atomic
def delstrategi_gem(
    *,
    indsatsomraade: Indsatsomraade,
    delstrategi: Delstrategi | None,
    navn: str,
    beskrivelse: str,
    bruger: Bruger,
) -> Delstrategi:
    strategi = laas(indsatsomraade.strategi)
    valider_redigerbar(strategi)
    delstrategi = delstrategi or Delstrategi(strategi=strategi, indsatsomraade=indsatsomraade)
    delstrategi.navn, delstrategi.beskrivelse = navn.strip(), beskrivelse.strip()
    return _gem(delstrategi, bruger)


@transaction.atomic
def delstrategi_slet(*, delstrategi: Delstrategi, bruger: Bruger) -> None:
    """Its goals and actions stay in the focus area, without a sub-strategy."""
    strategi = laas(delstrategi.strategi)
    valider_redigerbar(strategi)
    _slet(delstrategi, bruger)


# Target groups and actors -------------------------------------------------------------------------


@transaction.atomic
def maalgruppe_gem(
    *,
    strategi: Strategi,
    maalgruppe: Maalgruppe | None,
    type: str,
    navn: str,
    antal_boern: int | None,
    beskrivelse: str,
    bruger: Bruger,
) -> Maalgruppe:
    strategi = laas(strategi)
    valider_redigerbar(strategi)
    gruppe = maalgruppe or Maalgruppe(strategi=strategi)
    gruppe.type, gruppe.navn, gruppe.antal_boern = type, navn.strip(), antal_boern
    gruppe.beskrivelse = beskrivelse.strip()
    return _gem(gruppe, bruger)


@transaction.atomic
def maalgruppe_slet(*, maalgruppe: Maalgruppe, bruger: Bruger) -> None:
    """Offers for the group keep existing, without a target group."""
    strategi = laas(maalgruppe.strategi)
    valider_redigerbar(strategi)
    _slet(maalgruppe, bruger)


@transaction.atomic
def aktoer_gem(
    *, strategi: Strategi, aktoer: Aktoer | None, type: str, navn: str, rolle: str, bruger: Bruger
) -> Aktoer:
    strategi = laas(strategi)
    valider_redigerbar(strategi)
    aktoer = aktoer or Aktoer(strategi=strategi)
    aktoer.type, aktoer.navn, aktoer.rolle = type, navn.strip(), rolle.strip()
    return _gem(aktoer, bruger)


@transaction.atomic
def aktoer_slet(*, aktoer: Aktoer, bruger: Bruger) -> None:
    """The actor leaves its focus areas, actions and offers, which stay."""
    strategi = laas(aktoer.strategi)
    valider_redigerbar(strategi)
    _slet(aktoer, bruger)


# Offers on the indsatstrappe ------------------------------------------------------------------------


@transaction.atomic
def tilbud_gem(
    *,
    strategi: Strategi,
    tilbud: Tilbud | None,
    navn: str,
    art: str,
    trin: int,
    maalgruppe: Maalgruppe | None,
    aktoer: Aktoer | None,
    kapacitet: int | None,
    evidensprogram: str,
    beskrivelse: str,
    bruger: Bruger,
    kapacitetsenhed: str = "",
    boern: int | None = None,
    udgift: int | None = None,
) -> Tilbud:
    strategi = laas(strategi)
    valider_redigerbar(strategi)
    _kun_egne(strategi, [o for o in (maalgruppe, aktoer) if o is not None], "målgrupper og aktører")
    tilbud = tilbud or Tilbud(strategi=strategi)
    tilbud.navn, tilbud.art, tilbud.trin = navn.strip(), art.strip(), trin
    if kapacitet is not None and not kapacitetsenhed:
        raise ValidationError({"kapacitetsenhed": "Vælg, om kapaciteten er pladser eller forløb."})
    tilbud.maalgruppe, tilbud.aktoer, tilbud.kapacitet = maalgruppe, aktoer, kapacitet
    tilbud.kapacitetsenhed = kapacitetsenhed if kapacitet is not None else ""
    tilbud.boern, tilbud.udgift = boern, udgift
    tilbud.evidensprogram, tilbud.beskrivelse = evidensprogram, beskrivelse.strip()
    return _gem(tilbud, bruger)


@transaction.atomic
def tilbud_slet(*, tilbud: Tilbud, bruger: Bruger) -> None:
    strategi = laas(tilbud.strategi)
    valider_redigerbar(strategi)
    _slet(tilbud, bruger)
