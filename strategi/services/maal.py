"""Goals and their follow-ups: save a goal (version-checked against lost updates), delete it (confirmed when it has
follow-ups), restore a deleted goal from the history, and record or remove follow-ups."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pghistory
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from forebyggelse import tid
from forebyggelse.historik import event_model
from forebyggelse.samtidighed import Konflikt, opdater_hvis_version
from kommuner.models import Bruger
from profiler.models import Indikator, Retning
from strategi.models import (
    Bilagsart,
    Delstrategi,
    HandlingMaal,
    Indsatsomraade,
    Maal,
    Opfoelgning,
    Strategi,
    StrategiBilag,
)
from strategi.services.faelles import laas, valider_godkendt, valider_redigerbar
from strategi.services.strategier import gem_bilag


@dataclass(frozen=True)
class Maalindhold:
    """What a lead writes about a goal. For an indicator with a better direction the direction is the indicator's
    (`retning` is then set by `maal_gem`); `retning_bekraeftet` confirms a target on the indicator's worse side."""

    indsatsomraade: Indsatsomraade
    tekst: str
    art: str
    baseline_vaerdi: Decimal
    baseline_aar: int
    maalvaerdi: Decimal
    maal_aar: int
    retning: str = ""
    delstrategi: Delstrategi | None = None
    bidrager_til: Maal | None = None
    indikator: Indikator | None = None
    egen_maaling: str = ""
    egen_enhed: str = ""
    retning_bekraeftet: bool = False

    def som_felter(self) -> dict:
        felter = {f: getattr(self, f) for f in self.__dataclass_fields__}
        felter["tekst"] = self.tekst.strip()
        felter["egen_maaling"] = "" if self.indikator else self.egen_maaling.strip()
        felter["egen_enhed"] = "" if self.indikator else self.egen_enhed.strip()
        bedre = self.indikator.bedre if self.indikator else Retning.INGEN
        if bedre != Retning.INGEN:
            forskel = self.maalvaerdi - self.baseline_vaerdi
            mod = (forskel < 0) if bedre == Retning.HOEJERE else (forskel > 0)
            modsat = Retning.LAVERE if bedre == Retning.HOEJERE else Retning.HOEJERE
            felter["retning"] = modsat if (mod and self.retning_bekraeftet) else bedre
            felter["retning_bekraeftet"] = mod and self.retning_bekraeftet
        else:
            felter["retning_bekraeftet"] = False
        return felter


def _valider_samme_strategi(strategi: Strategi, indhold: Maalindhold) -> None:
    if indhold.indsatsomraade.strategi_id != strategi.pk:
        raise ValidationError({"indsatsomraade": "Indsatsområdet hører til en anden strategi."})


class MaalKonflikt(Konflikt):
    hvad = "Målet"


@transaction.atomic
def maal_gem(*, strategi: Strategi, maal: Maal | None, indhold: Maalindhold, version: int, bruger: Bruger) -> Maal:
    """Create a goal (`maal` None) or change one. `version` is the one the user loaded: if someone has saved the goal
    since, `MaalKonflikt` is raised with the goal as it is now and nothing is written."""
    strategi = laas(strategi)
    valider_redigerbar(strategi)
    _valider_samme_strategi(strategi, indhold)
    felter = indhold.som_felter()
    with pghistory.context(user=bruger.pk):
        if maal is None:
            nyt = Maal(strategi=strategi, **felter)
            nyt.full_clean()
            nyt.save()
            return nyt
        kandidat = Maal(pk=maal.pk, strategi=strategi, version=version, **felter)
        kandidat.full_clean(validate_unique=False)
        return opdater_hvis_version(Maal, konflikt=MaalKonflikt, pk=maal.pk, version=version, felter=felter)


def bekraeftelse_til_sletning(maal: Maal) -> str:
    """Why deleting the goal needs a confirmation, or '' when it does not."""
    antal = maal.opfoelgninger.count()
    if not antal:
        return ""
    ord_ = "opfølgning" if antal == 1 else "opfølgninger"
    grund = (
        f"Målet har {antal} {ord_}. Slettes målet, slettes de også. Det kan fortrydes fra historikken (Slettede mål)."
    )
    if StrategiBilag.objects.filter(opfoelgning__maal=maal).exists():
        grund += " Opfølgningernes dokumentation slettes for altid og kommer ikke tilbage med målet."
    return grund


@transaction.atomic
def maal_slet(*, maal: Maal, bekraeftet: bool, bruger: Bruger) -> None:
    """Delete a goal with its follow-ups and links. A goal with follow-ups is only deleted when confirmed."""
    strategi = laas(maal.strategi)
    valider_redigerbar(strategi)
    grund = bekraeftelse_til_sletning(maal)
    if grund and not bekraeftet:
        raise ValidationError(grund, code="bekraeft")
    with pghistory.context(user=bruger.pk):
        maal.delete()


@transaction.atomic
def maal_gendan(*, strategi: Strategi, haendelse_id: int, bruger: Bruger) -> Maal:
    """Bring a deleted goal back from its delete event in the history, with the follow-ups and the links to actions
    that were deleted with it (the same transaction: the same `pgh_created_at`), and point the goals that led to it at
    it again. The follow-ups' documentation stays deleted: its files went with the deletion (forebyggelse/bilag.py)."""
    strategi = laas(strategi)
    valider_redigerbar(strategi)
    haendelse = (
        event_model(Maal).objects.filter(pgh_id=haendelse_id, pgh_label="delete", strategi_id=strategi.pk).first()
    )
    if haendelse is None:
        raise ValidationError("Det slettede mål findes ikke i strategiens historik.")
    if Maal.objects.filter(pk=haendelse.pgh_obj_id).exists():
        raise ValidationError("Målet er allerede gendannet.")
    data = _raekke(Maal, haendelse)
    if not Indsatsomraade.objects.filter(pk=data["indsatsomraade_id"], strategi=strategi).exists():
        raise ValidationError("Målets indsatsområde er slettet. Opret indsatsområdet igen, og opret målet på ny.")
    if not Delstrategi.objects.filter(pk=data["delstrategi_id"]).exists():
        data["delstrategi_id"] = None
    if not Maal.objects.filter(pk=data["bidrager_til_id"], strategi=strategi).exists():
        data["bidrager_til_id"] = None
    samme_sletning = {"pgh_created_at": haendelse.pgh_created_at, "pgh_label": "delete"}
    with pghistory.context(user=bruger.pk):
        maal = Maal(**(data | {"version": data["version"] + 1, "aendret": timezone.now()}))
        maal.full_clean(validate_constraints=False)
        maal.save(force_insert=True)
        opfoelgninger = event_model(Opfoelgning).objects.filter(maal_id=maal.pk, **samme_sletning)
        for event in opfoelgninger:
            Opfoelgning(**_raekke(Opfoelgning, event)).save(force_insert=True)
        for event in event_model(HandlingMaal).objects.filter(maal_id=maal.pk, **samme_sletning):
            raekke = _raekke(HandlingMaal, event)
            if strategi.handlinger.filter(pk=raekke["handling_id"]).exists():
                HandlingMaal(**raekke).save(force_insert=True)
        # Goals that led to it were pointed away from it (SET NULL) by the same deletion.
        foer = event_model(Maal).objects.filter(
            strategi_id=strategi.pk, pgh_label="update", pgh_created_at=haendelse.pgh_created_at
        )
        Maal.objects.filter(pk__in=[e.pgh_obj_id for e in foer], bidrager_til__isnull=True).update(bidrager_til=maal)
    return maal


def _raekke(model, event) -> dict:
    """The tracked row's fields as they were in the event."""
    return {f.attname: getattr(event, f.attname) for f in model._meta.concrete_fields}


# Follow-ups ----------------------------------------------------------------------------------------


def valider_i_programmet(strategi: Strategi, dato: date) -> None:
    program = strategi.program
    if dato.year not in program.aar:
        raise ValidationError(
            {
                "dato": f"Opfølgningen skal ligge i programmets periode ({program.aar[0]}–{program.aar[-1]}); "
                f"{dato.year} er uden for."
            }
        )


@transaction.atomic
def opfoelgning_opret(
    *,
    maal: Maal,
    dato: date,
    vaerdi: Decimal,
    bruger: Bruger,
    periode: str = "",
    kommentar: str = "",
    fil: UploadedFile | None = None,
    bilag_beskrivelse: str = "",
    i_dag: date | None = None,
) -> Opfoelgning:
    """Record a measurement of a goal, optionally with a documentation annex. Only in an approved strategy, and only
    for a date within the programme's years, not in the future."""
    strategi = laas(maal.strategi)
    valider_godkendt(strategi, "Opfølgningen")
    valider_i_programmet(strategi, dato)
    if dato > (i_dag or tid.i_dag()):
        raise ValidationError({"dato": "Datoen kan ikke ligge i fremtiden."})
    opfoelgning = Opfoelgning(
        strategi=strategi,
        maal=maal,
        dato=dato,
        periode=periode.strip(),
        vaerdi=vaerdi,
        kommentar=kommentar.strip(),
        registreret_af=bruger,
    )
    opfoelgning.full_clean()
    with pghistory.context(user=bruger.pk):
        opfoelgning.save()
    if fil is not None:
        gem_bilag(
            strategi=strategi,
            fil=fil,
            art=Bilagsart.DOKUMENTATION,
            bruger=bruger,
            beskrivelse=bilag_beskrivelse,
            opfoelgning=opfoelgning,
        )
    return opfoelgning


@transaction.atomic
def opfoelgning_slet(*, opfoelgning: Opfoelgning, bruger: Bruger) -> None:
    strategi = laas(opfoelgning.strategi)
    valider_godkendt(strategi, "Opfølgningen")
    with pghistory.context(user=bruger.pk):
        opfoelgning.delete()
