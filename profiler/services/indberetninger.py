"""The municipality's own figures: a lead enters values for a year and submits them; the ministry approves them
(the values lock and become observations) or returns them with a comment.

States: kladde → indsendt → godkendt, or indsendt → sendt tilbage → indsendt … Services guard the state and
two people saving at once (version check); who may call them is the views' business."""

from dataclasses import dataclass
from decimal import Decimal

import pghistory
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from forebyggelse.samtidighed import Konflikt, opdater_hvis_version
from kommuner.models import Bruger, Kommune
from profiler.importering import skrivning
from profiler.importering.kontrol import AAR_MIN, aar_max
from profiler.models import (
    EGNE_DATA,
    Datastatus,
    Indberetning,
    IndberetningStatus,
    IndberetningVaerdi,
    Indikator,
    Observation,
)


@dataclass(frozen=True)
class EgenVaerdi:
    """What a lead typed for one indicator; None is an empty field."""

    indikator: Indikator
    taeller: Decimal | None
    naevner: Decimal | None = None
    vaerdi: Decimal | None = None


def egne_indikatorer():
    """The catalogue's indicators whose numerator (or rate) the municipality reports itself."""
    return Indikator.objects.filter(taeller_kilde=EGNE_DATA).order_by("raekkefoelge", "kode")


class IndberetningKonflikt(Konflikt):
    hvad = "De egne tal"
    raad = "se de nye tal og gem igen."


def _valider_redigerbar(indberetning: Indberetning) -> None:
    if not indberetning.er_redigerbar:
        raise ValidationError(
            f"De egne tal for {indberetning.aar} er {indberetning.get_status_display().lower()} og kan ikke ændres."
        )


@transaction.atomic
def indberetning_opret(*, kommune: Kommune, aar: int, bruger: Bruger, eksempeldata: bool = False) -> Indberetning:
    """The municipality's report for the year, created as a draft the first time."""
    if not AAR_MIN <= aar <= aar_max():
        raise ValidationError({"aar": f"Året skal ligge mellem {AAR_MIN} og {aar_max()}."})
    eksisterende = Indberetning.objects.filter(kommune=kommune, aar=aar).first()
    if eksisterende:
        return eksisterende
    indberetning = Indberetning(kommune=kommune, aar=aar, eksempeldata=eksempeldata)
    indberetning.full_clean()
    try:
        with transaction.atomic(), pghistory.context(user=bruger.pk):
            indberetning.save()
    except IntegrityError:
        return Indberetning.objects.get(kommune=kommune, aar=aar)  # created in another window meanwhile
    return indberetning


def _tjek_vaerdier(vaerdier: list[EgenVaerdi]) -> dict[str, list[str]]:
    fejl: dict[str, list[str]] = {}
    for v in vaerdier:
        felt = f"taeller_{v.indikator.kode}"
        if v.indikator.taeller_kilde != EGNE_DATA:
            raise ValueError(f"{v.indikator.kode} er ikke kommunens egne data")
        for navn, tal in (("taeller", v.taeller), ("naevner", v.naevner), ("vaerdi", v.vaerdi)):
            if tal is not None and tal < 0:
                fejl.setdefault(f"{navn}_{v.indikator.kode}", []).append("Tallet kan ikke være negativt.")
        if v.naevner is not None and v.indikator.naevner_kilde != EGNE_DATA:
            fejl.setdefault(f"naevner_{v.indikator.kode}", []).append(
                f"Nævneren kommer fra {v.indikator.naevner_kilde}; den indberettes ikke."
            )
        if (
            v.taeller is not None
            and v.naevner is not None
            and v.indikator.faktor == 100
            and not v.indikator.kun_rate
            and v.taeller > v.naevner
        ):
            fejl.setdefault(felt, []).append("Tælleren kan ikke være større end nævneren i en andel.")
    return fejl


@transaction.atomic
def indberetning_gem(
    *, indberetning: Indberetning, vaerdier: list[EgenVaerdi], version: int, bruger: Bruger
) -> Indberetning:
    """Save the draft's values. `version` is the one the user loaded; if someone saved since, nothing is written
    and IndberetningKonflikt says so. Errors are keyed `taeller_<kode>` / `naevner_<kode>` as in the form."""
    fejl = _tjek_vaerdier(vaerdier)
    if fejl:
        raise ValidationError(fejl)
    with pghistory.context(user=bruger.pk):
        opdater_hvis_version(
            Indberetning,
            pk=indberetning.pk,
            version=version,
            felter={},
            konflikt=IndberetningKonflikt,
            valider=_valider_redigerbar,
            status__in=[IndberetningStatus.KLADDE, IndberetningStatus.SENDT_TILBAGE],
        )
        eksisterende = {v.indikator_id: v for v in indberetning.vaerdier.all()}
        for v in vaerdier:
            gammel = eksisterende.get(v.indikator.pk)
            if gammel is None:
                if v.taeller is None and v.naevner is None and v.vaerdi is None:
                    continue
                ny = IndberetningVaerdi(
                    indberetning=indberetning,
                    indikator=v.indikator,
                    taeller=v.taeller,
                    naevner=v.naevner,
                    vaerdi=v.vaerdi,
                )
                ny.full_clean()
                ny.save()
            elif (gammel.taeller, gammel.naevner, gammel.vaerdi) != (v.taeller, v.naevner, v.vaerdi):
                gammel.taeller, gammel.naevner, gammel.vaerdi = v.taeller, v.naevner, v.vaerdi
                gammel.full_clean()
                gammel.save(update_fields=["taeller", "naevner", "vaerdi"])
    return Indberetning.objects.get(pk=indberetning.pk)


def _laas(indberetning: Indberetning) -> Indberetning:
    return Indberetning.objects.select_for_update().select_related("kommune").get(pk=indberetning.pk)


def mangler(indberetning: Indberetning) -> list[str]:
    """What must be filled in before the figures can be submitted."""
    vaerdier = {v.indikator_id: v for v in indberetning.vaerdier.all()}
    resultat = []
    for indikator in egne_indikatorer():
        v = vaerdier.get(indikator.pk)
        hovedtal = (v.vaerdi if indikator.kun_rate else v.taeller) if v else None
        if hovedtal is None:
            resultat.append(f"{indikator.navn}: tælleren mangler.")
        elif indikator.naevner_kilde == EGNE_DATA and v.naevner is None:
            resultat.append(f"{indikator.navn}: nævneren mangler.")
    return resultat


@transaction.atomic
def indberetning_indsend(*, indberetning: Indberetning, bruger: Bruger) -> Indberetning:
    indberetning = _laas(indberetning)
    if not indberetning.er_redigerbar:
        raise ValidationError(f"De egne tal er allerede {indberetning.get_status_display().lower()}.")
    manglende = mangler(indberetning)
    if manglende:
        raise ValidationError(manglende)
    indberetning.status = IndberetningStatus.INDSENDT
    indberetning.indsendt = timezone.now()
    indberetning.indsendt_af = bruger
    with pghistory.context(user=bruger.pk):
        indberetning.save(update_fields=["status", "indsendt", "indsendt_af", "aendret"])
    return indberetning


@transaction.atomic
def indberetning_godkend(*, indberetning: Indberetning, bruger: Bruger) -> Indberetning:
    """Approve: the values lock and become the municipality's observations (the denominator stays where it comes
    from elsewhere). The observation values they replace are kept on each value, old → new."""
    skrivning.laas_dataversion(skriv=True)
    indberetning = _laas(indberetning)
    if indberetning.status != IndberetningStatus.INDSENDT:
        raise ValidationError(f"Kun indsendte tal kan godkendes. Disse er {indberetning.get_status_display().lower()}.")
    nu = timezone.now()
    with pghistory.context(user=bruger.pk):
        for v in indberetning.vaerdier.select_related("indikator"):
            egen_naevner = v.indikator.naevner_kilde == EGNE_DATA
            observation = (
                Observation.objects.select_for_update(of=("self",))
                .select_related("naevner_import")
                .filter(kommune=indberetning.kommune, indikator=v.indikator, aar=indberetning.aar)
                .first()
            )
            v.erstattet_taeller = observation.taeller if observation else None
            v.erstattet_naevner = observation.naevner if observation and egen_naevner else None
            v.save(update_fields=["erstattet_taeller", "erstattet_naevner"])
            observation = observation or Observation(
                kommune=indberetning.kommune, indikator=v.indikator, aar=indberetning.aar
            )
            observation.taeller = v.taeller
            observation.vaerdi = v.vaerdi
            if egen_naevner:
                observation.naevner = v.naevner
                observation.naevner_import = None
            observation.taeller_import = None
            observation.indberetning = indberetning
            observation.status = Datastatus.ENDELIG
            observation.eksempeldata = indberetning.eksempeldata or (
                not egen_naevner and _naevneren_er_eksempeldata(observation)
            )
            observation.full_clean(validate_unique=False, validate_constraints=False)
            observation.save()
        indberetning.status = IndberetningStatus.GODKENDT
        indberetning.behandlet = nu
        indberetning.behandlet_af = bruger
        indberetning.kommentar = ""
        indberetning.save(update_fields=["status", "behandlet", "behandlet_af", "kommentar", "aendret"])
    skrivning.forny_dataversion()
    return indberetning


def _naevneren_er_eksempeldata(observation: Observation) -> bool:
    """Whether the denominator an approval keeps came from example data: its import run says so; where that is
    unknown, the observation's old mark."""
    if observation.naevner_import_id:
        return observation.naevner_import.eksempeldata
    return observation.naevner is not None and observation.eksempeldata


@transaction.atomic
def indberetning_send_tilbage(*, indberetning: Indberetning, kommentar: str, bruger: Bruger) -> Indberetning:
    indberetning = _laas(indberetning)
    if indberetning.status != IndberetningStatus.INDSENDT:
        raise ValidationError("Kun indsendte tal kan sendes tilbage.")
    if not kommentar.strip():
        raise ValidationError({"kommentar": "Skriv, hvad kommunen skal rette."})
    indberetning.status = IndberetningStatus.SENDT_TILBAGE
    indberetning.kommentar = kommentar.strip()
    indberetning.behandlet = timezone.now()
    indberetning.behandlet_af = bruger
    with pghistory.context(user=bruger.pk):
        indberetning.save(update_fields=["status", "kommentar", "behandlet", "behandlet_af", "aendret"])
    return indberetning
