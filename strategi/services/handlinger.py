"""The action plan: save an action (version-checked against lost updates, like a goal) or delete one."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import pghistory
from django.core.exceptions import ValidationError
from django.db import transaction

from forebyggelse.samtidighed import Konflikt, opdater_hvis_version
from kommuner.models import Bruger
from strategi.models import Aktoer, Delstrategi, Handling, HandlingAktoer, HandlingMaal, Indsatsomraade, Maal, Strategi
from strategi.services.faelles import laas, saet_forbindelser, valider_redigerbar


@dataclass(frozen=True)
class Handlingsindhold:
    indsatsomraade: Indsatsomraade
    titel: str
    ansvarlig: str
    start: date
    slut: date
    status: str
    farve: str
    beskrivelse: str = ""
    delstrategi: Delstrategi | None = None
    forventet_udgift: int | None = None
    maal: tuple[Maal, ...] = field(default_factory=tuple)
    aktoerer: tuple[Aktoer, ...] = field(default_factory=tuple)

    def som_felter(self) -> dict:
        felter = {f: getattr(self, f) for f in self.__dataclass_fields__ if f not in {"maal", "aktoerer"}}
        for tekst in ("titel", "ansvarlig", "beskrivelse"):
            felter[tekst] = felter[tekst].strip()
        return felter


def _saet_links(strategi: Strategi, handling: Handling, maal: Iterable[Maal], aktoerer: Iterable[Aktoer]) -> None:
    saet_forbindelser(
        model=HandlingMaal,
        strategi=strategi,
        ejer_felt="handling",
        ejer=handling,
        andet_felt="maal",
        nye=maal,
        tekst=lambda m: f"{handling.titel} → {m.tekst}",
    )
    saet_forbindelser(
        model=HandlingAktoer,
        strategi=strategi,
        ejer_felt="handling",
        ejer=handling,
        andet_felt="aktoer",
        nye=aktoerer,
        tekst=lambda a: f"{a} i {handling.titel}",
    )


class HandlingKonflikt(Konflikt):
    hvad = "Handlingen"


@transaction.atomic
def handling_gem(
    *, strategi: Strategi, handling: Handling | None, indhold: Handlingsindhold, version: int, bruger: Bruger
) -> Handling:
    """Create an action (`handling` None) or change one. `version` is the one the user loaded: if someone has saved
    the action since, `HandlingKonflikt` is raised with the action as it is now and nothing is written."""
    strategi = laas(strategi)
    valider_redigerbar(strategi)
    if indhold.indsatsomraade.strategi_id != strategi.pk:
        raise ValidationError({"indsatsomraade": "Indsatsområdet hører til en anden strategi."})
    felter = indhold.som_felter()
    with pghistory.context(user=bruger.pk):
        if handling is None:
            handling = Handling(strategi=strategi, **felter)
            handling.full_clean()
            handling.save()
        else:
            Handling(pk=handling.pk, strategi=strategi, version=version, **felter).full_clean(validate_unique=False)
            handling = opdater_hvis_version(
                Handling, konflikt=HandlingKonflikt, pk=handling.pk, version=version, felter=felter
            )
        _saet_links(strategi, handling, indhold.maal, indhold.aktoerer)
    return handling


@transaction.atomic
def handling_slet(*, handling: Handling, bruger: Bruger) -> None:
    strategi = laas(handling.strategi)
    valider_redigerbar(strategi)
    with pghistory.context(user=bruger.pk):
        handling.delete()
