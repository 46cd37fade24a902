"""The strategy itself: create it, save its header, submit it, the ministry's comments, approval and sending back,
the political adoption, and the child-policy annex.

Every write locks the strategy row first and checks its state under the lock; who may call what is the views'
business (strategi/permissions.py). Writes record `bruger` in the history, also outside a request."""

from datetime import date, datetime

import pghistory
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from forebyggelse import bilag as bilagskit
from forebyggelse import tid
from forebyggelse.samtidighed import Konflikt, opdater_hvis_version
from kommuner.models import Bruger, Deltagelse
from strategi.models import (
    GODKENDTE,
    Bilagsart,
    Fremskridt,
    Kommentar,
    Kommentarart,
    Opfoelgning,
    Strategi,
    StrategiBilag,
    StrategiStatus,
)
from strategi.services.faelles import laas, valider_redigerbar

INGEN_KOMMENTAR = "Skriv en kommentar til kommunen."


class StrategiKonflikt(Konflikt):
    hvad = "Strategien"


@transaction.atomic
def strategi_opret(*, deltagelse: Deltagelse, titel: str, bruger: Bruger, eksempeldata: bool = False) -> Strategi:
    strategi = Strategi(deltagelse=deltagelse, titel=titel.strip(), eksempeldata=eksempeldata)
    strategi.full_clean(validate_unique=False)
    with pghistory.context(user=bruger.pk):
        try:
            with transaction.atomic():
                strategi.save()
        except IntegrityError:
            raise ValidationError("Kommunen har allerede en strategi i dette program.") from None
    return strategi


@transaction.atomic
def strategi_gem(
    *,
    strategi: Strategi,
    titel: str,
    vision: str,
    boernepolitik: str,
    boernepolitik_url: str,
    version: int,
    bruger: Bruger,
) -> Strategi:
    """The header: title, vision and the link to the child policy. Raises StrategiKonflikt if someone saved it since
    `version` was loaded."""
    strategi = laas(strategi)
    valider_redigerbar(strategi)
    felter = {
        "titel": titel.strip(),
        "vision": vision.strip(),
        "boernepolitik": boernepolitik.strip(),
        "boernepolitik_url": boernepolitik_url.strip(),
    }
    for navn, vaerdi in felter.items():
        setattr(strategi, navn, vaerdi)
    strategi.full_clean(validate_unique=False)
    with pghistory.context(user=bruger.pk):
        return opdater_hvis_version(Strategi, konflikt=StrategiKonflikt, pk=strategi.pk, version=version, felter=felter)


def mangler_for_indsendelse(strategi: Strategi) -> list[str]:
    """What must be in place before the ministry can assess the strategy, in words for the lead."""
    mangler = []
    if not strategi.vision.strip():
        mangler.append("Skriv strategiens vision.")
    omraader = list(strategi.indsatsomraader.all())
    if not omraader:
        mangler.append("Tilføj mindst ét indsatsområde.")
    if not strategi.maalgrupper.exists():
        mangler.append("Tilføj mindst én målgruppe.")
    med_maal = set(strategi.maal.values_list("indsatsomraade_id", flat=True))
    med_handlinger = set(strategi.handlinger.values_list("indsatsomraade_id", flat=True))
    for omraade in omraader:
        if omraade.pk not in med_maal:
            mangler.append(f"Indsatsområdet “{omraade.navn}” har ingen mål.")
        if omraade.pk not in med_handlinger:
            mangler.append(f"Indsatsområdet “{omraade.navn}” har ingen handlinger.")
    return mangler


@transaction.atomic
def strategi_indsend(*, strategi: Strategi, bruger: Bruger, nu: datetime | None = None) -> Strategi:
    strategi = laas(strategi)
    valider_redigerbar(strategi)
    mangler = mangler_for_indsendelse(strategi)
    if mangler:
        raise ValidationError(mangler)
    nu = nu or timezone.now()
    strategi.status = StrategiStatus.INDSENDT
    strategi.indsendt, strategi.indsendt_af = nu, bruger
    strategi.foerst_indsendt = strategi.foerst_indsendt or nu
    with pghistory.context(user=bruger.pk):
        strategi.save(update_fields=["status", "indsendt", "indsendt_af", "foerst_indsendt", "aendret"])
    return strategi


def _kommentar(strategi: Strategi, art: str, tekst: str, bruger: Bruger, nu: datetime) -> Kommentar:
    kommentar = Kommentar(
        strategi=strategi,
        art=art,
        tekst=tekst.strip(),
        versionsnummer=strategi.versionsnummer,
        skrevet=nu,
        skrevet_af=bruger,
    )
    kommentar.full_clean()
    kommentar.save()
    return kommentar


@transaction.atomic
def kommentar_opret(*, strategi: Strategi, tekst: str, bruger: Bruger, nu: datetime | None = None) -> Kommentar:
    strategi = laas(strategi)
    if strategi.foerst_indsendt is None:
        raise ValidationError("Strategien er ikke indsendt endnu.")
    if not tekst.strip():
        raise ValidationError({"tekst": INGEN_KOMMENTAR})
    with pghistory.context(user=bruger.pk):
        return _kommentar(strategi, Kommentarart.KOMMENTAR, tekst, bruger, nu or timezone.now())


def _valider_indsendt(strategi: Strategi) -> None:
    if strategi.status != StrategiStatus.INDSENDT:
        raise ValidationError("Strategien er ikke indsendt lige nu; kommunen arbejder på den, eller den er godkendt.")


@transaction.atomic
def strategi_godkend(
    *, strategi: Strategi, bruger: Bruger, kommentar: str = "", nu: datetime | None = None
) -> Strategi:
    strategi = laas(strategi)
    _valider_indsendt(strategi)
    nu = nu or timezone.now()
    strategi.status = StrategiStatus.GODKENDT
    strategi.godkendt, strategi.godkendt_af = nu, bruger
    with pghistory.context(user=bruger.pk):
        strategi.save(update_fields=["status", "godkendt", "godkendt_af", "aendret"])
        if kommentar.strip():
            _kommentar(strategi, Kommentarart.GODKENDT, kommentar, bruger, nu)
    return strategi


@transaction.atomic
def strategi_send_tilbage(
    *, strategi: Strategi, kommentar: str, bruger: Bruger, nu: datetime | None = None
) -> Strategi:
    if not kommentar.strip():
        raise ValidationError({"kommentar": "Skriv, hvad kommunen skal ændre."})
    strategi = laas(strategi)
    _valider_indsendt(strategi)
    strategi.status = StrategiStatus.SENDT_TILBAGE
    with pghistory.context(user=bruger.pk):
        strategi.save(update_fields=["status", "aendret"])
        _kommentar(strategi, Kommentarart.SENDT_TILBAGE, kommentar, bruger, nu or timezone.now())
    return strategi


@transaction.atomic
def strategi_registrer_vedtagelse(
    *, strategi: Strategi, dato: date, organ: str, bruger: Bruger, i_dag: date | None = None
) -> Strategi:
    """The political adoption (date and body, e.g. Socialudvalget). An approved strategy becomes 'politisk
    vedtaget'; a revised one keeps its status and gets the date."""
    strategi = laas(strategi)
    if strategi.status not in GODKENDTE:
        raise ValidationError(
            "Strategien kan først registreres som politisk vedtaget, når ministeriet har godkendt den."
        )
    fejl = {}
    if dato > (i_dag or tid.i_dag()):
        fejl["dato"] = "Datoen for vedtagelsen kan ikke ligge i fremtiden."
    if strategi.godkendt and dato < timezone.localtime(strategi.godkendt).date():
        fejl["dato"] = "Strategien kan ikke være vedtaget, før ministeriet godkendte den."
    if not organ.strip():
        fejl["organ"] = "Skriv, hvilket politisk organ der har vedtaget strategien."
    if fejl:
        raise ValidationError(fejl)
    strategi.vedtaget_dato, strategi.vedtaget_af = dato, organ.strip()
    if strategi.status == StrategiStatus.GODKENDT:
        strategi.status = StrategiStatus.VEDTAGET
    strategi.full_clean(validate_unique=False)
    with pghistory.context(user=bruger.pk):
        strategi.save(update_fields=["vedtaget_dato", "vedtaget_af", "status", "aendret"])
    return strategi


def gem_bilag(
    *,
    strategi: Strategi,
    fil: UploadedFile,
    art: str,
    bruger: Bruger,
    beskrivelse: str = "",
    opfoelgning: Opfoelgning | None = None,
    fremskridt: Fremskridt | None = None,
) -> StrategiBilag:
    """Check and store an annex (the caller holds the strategy's lock)."""
    bilag = StrategiBilag(strategi=strategi, opfoelgning=opfoelgning, fremskridt=fremskridt, art=art)
    return bilagskit.bilag_gem(bilag=bilag, fil=fil, bruger=bruger, beskrivelse=beskrivelse)


@transaction.atomic
def boernepolitik_tilfoej(
    *, strategi: Strategi, fil: UploadedFile, bruger: Bruger, beskrivelse: str = ""
) -> StrategiBilag:
    strategi = laas(strategi)
    valider_redigerbar(strategi)
    return gem_bilag(strategi=strategi, fil=fil, art=Bilagsart.BOERNEPOLITIK, bruger=bruger, beskrivelse=beskrivelse)


@transaction.atomic
def boernepolitik_slet(*, bilag: StrategiBilag, bruger: Bruger) -> None:
    strategi = laas(bilag.strategi)
    valider_redigerbar(strategi)
    if bilag.art != Bilagsart.BOERNEPOLITIK:
        raise ValidationError("Dokumentationen for en opfølgning eller et fremskridt slettes sammen med den.")
    bilagskit.bilag_slet(bilag=bilag, bruger=bruger)
