"""Progress during the year (fremskridt): on an approved strategy the municipality's lead records how an action is
going at any time, without the annual review; the plan's structure stays locked until the review. The latest
standing update sets the action's status, so a finished action stops being late everywhere (the one lateness rule
is `strategi.models.forsinket_q`). The ministry comments on an update or sends it back; a sent-back update is the
municipality's to correct, and until then the action's status is what it was before it."""

from dataclasses import dataclass
from datetime import date, datetime

import pghistory
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from forebyggelse import tid
from forebyggelse.samtidighed import Konflikt, opdater_hvis_version
from kommuner.models import Bruger
from strategi.models import (
    GODKENDTE,
    Aarsgennemgang,
    Bilagsart,
    Fremskridt,
    Fremskridtsbesoeg,
    Fremskridtskommentar,
    Handling,
    HandlingStatus,
    Strategi,
)
from strategi.permissions import FREMSKRIDT_FOER_GODKENDELSE
from strategi.services.faelles import laas
from strategi.services.strategier import gem_bilag


@dataclass(frozen=True)
class Fremskridtsindhold:
    dato: date
    status: str
    notat: str
    procent: int | None = None
    milepael: str = ""

    def som_felter(self) -> dict:
        return {
            "dato": self.dato,
            "status": self.status,
            "notat": self.notat.strip(),
            "procent": self.procent,
            "milepael": self.milepael.strip(),
        }


class FremskridtKonflikt(Konflikt):
    hvad = "Fremskridtet"


# The rules: each takes plain values and returns a Danish message, or None when the rule holds. -------------------


def tjek_godkendt(status: str) -> str | None:
    if status not in GODKENDTE:
        return FREMSKRIDT_FOER_GODKENDELSE
    return None


def tjek_dato(dato: date, *, i_dag: date, programstart: date) -> str | None:
    if dato > i_dag:
        return "Datoen kan ikke ligge i fremtiden."
    if dato < programstart:
        return "Datoen ligger før programmets start."
    return None


def tjek_procent(status: str, procent: int | None) -> str | None:
    if procent is None:
        return None
    if status == HandlingStatus.GENNEMFOERT and procent != 100:
        return "En gennemført handling er 100 % færdig. Ret procenten, eller vælg en anden status."
    if status == HandlingStatus.IKKE_STARTET and procent != 0:
        return "En handling, der ikke er startet, er 0 % færdig. Ret procenten, eller vælg en anden status."
    return None


def _valider(strategi: Strategi, indhold: Fremskridtsindhold, i_dag: date | None) -> None:
    if grund := tjek_godkendt(strategi.status):
        raise ValidationError(grund)
    fejl = {
        "dato": tjek_dato(indhold.dato, i_dag=i_dag or tid.i_dag(), programstart=strategi.program.startdato),
        "procent": tjek_procent(indhold.status, indhold.procent),
    }
    fejl = {felt: besked for felt, besked in fejl.items() if besked}
    if fejl:
        raise ValidationError(fejl)


def _er_seneste(fremskridt: Fremskridt) -> bool:
    """Whether the update is the last word on its action's status: no later update of the action, and no annual
    review since (the review sets the statuses itself)."""
    senere = Fremskridt.objects.filter(handling_id=fremskridt.handling_id, pk__gt=fremskridt.pk).exists()
    gennemgaaet = Aarsgennemgang.objects.filter(
        strategi_id=fremskridt.strategi_id, gennemfoert__gt=fremskridt.oprettet
    ).exists()
    return not senere and not gennemgaaet


def _saet_status(handling_id: int, status: str, nu: datetime) -> None:
    Handling.objects.filter(pk=handling_id).exclude(status=status).update(
        status=status, version=F("version") + 1, aendret=nu
    )


# The writes -------------------------------------------------------------------------------------------------------


@transaction.atomic
def fremskridt_registrer(
    *,
    handling: Handling,
    indhold: Fremskridtsindhold,
    bruger: Bruger,
    fil: UploadedFile | None = None,
    bilag_beskrivelse: str = "",
    i_dag: date | None = None,
) -> Fremskridt:
    """Record progress on an action of an approved plan, optionally with documentation; the action takes its
    status."""
    strategi = laas(handling.strategi)
    _valider(strategi, indhold, i_dag)
    handling = Handling.objects.get(pk=handling.pk, strategi=strategi)
    nu = timezone.now()
    with pghistory.context(user=bruger.pk):
        fremskridt = Fremskridt(
            strategi=strategi,
            handling=handling,
            status_foer=handling.status,
            indsendt=nu,
            registreret_af=bruger,
            **indhold.som_felter(),
        )
        fremskridt.full_clean()
        fremskridt.save()
        _saet_status(handling.pk, fremskridt.status, nu)
        if fil is not None:
            gem_bilag(
                strategi=strategi,
                fil=fil,
                art=Bilagsart.FREMSKRIDT,
                bruger=bruger,
                beskrivelse=bilag_beskrivelse,
                fremskridt=fremskridt,
            )
    return fremskridt


@transaction.atomic
def fremskridt_ret(
    *, fremskridt: Fremskridt, indhold: Fremskridtsindhold, version: int, bruger: Bruger, i_dag: date | None = None
) -> Fremskridt:
    """Correct an update (a sent-back one, typically). `version` is the one the user loaded: if the update was
    changed or sent back since, `FremskridtKonflikt` is raised and nothing is written. A corrected update stands
    again and is new to the ministry."""
    strategi = laas(fremskridt.strategi)
    _valider(strategi, indhold, i_dag)
    felter = indhold.som_felter()
    nu = timezone.now()
    with pghistory.context(user=bruger.pk):
        kandidat = Fremskridt(
            pk=fremskridt.pk,
            strategi=strategi,
            handling_id=fremskridt.handling_id,
            status_foer=fremskridt.status_foer,
            indsendt=nu,
            registreret_af_id=fremskridt.registreret_af_id,
            **felter,
        )
        kandidat.full_clean(validate_unique=False)
        rettet = opdater_hvis_version(
            Fremskridt,
            konflikt=FremskridtKonflikt,
            pk=fremskridt.pk,
            version=version,
            felter=felter | {"sendt_tilbage": False, "indsendt": nu},
        )
        if _er_seneste(rettet):
            _saet_status(rettet.handling_id, rettet.status, nu)
    return rettet


@transaction.atomic
def fremskridt_kommenter(
    *, fremskridt: Fremskridt, tekst: str, send_tilbage: bool, bruger: Bruger
) -> Fremskridtskommentar:
    """The ministry's comment on an update; `send_tilbage` also sends it back, and if it is the action's latest
    update the action's status goes back to what it was before it."""
    strategi = laas(fremskridt.strategi)
    fremskridt = Fremskridt.objects.select_for_update().get(pk=fremskridt.pk)
    if send_tilbage and fremskridt.sendt_tilbage:
        raise ValidationError("Fremskridtet er allerede sendt tilbage og venter på, at kommunen retter det.")
    nu = timezone.now()
    kommentar = Fremskridtskommentar(
        strategi=strategi,
        fremskridt=fremskridt,
        sendt_tilbage=send_tilbage,
        tekst=tekst.strip(),
        skrevet=nu,
        skrevet_af=bruger,
    )
    kommentar.full_clean()
    with pghistory.context(user=bruger.pk):
        kommentar.save()
        if send_tilbage:
            Fremskridt.objects.filter(pk=fremskridt.pk).update(sendt_tilbage=True, version=F("version") + 1, aendret=nu)
            if _er_seneste(fremskridt):
                _saet_status(fremskridt.handling_id, fremskridt.status_foer, nu)
    return kommentar


def fremskridt_marker_set(*, strategi: Strategi, bruger: Bruger) -> None:
    """The user has now seen the strategy's progress: what is newer than this is new to them."""
    Fremskridtsbesoeg.objects.update_or_create(bruger=bruger, strategi=strategi, defaults={"set": timezone.now()})
