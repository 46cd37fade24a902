"""Writes to meetings: plan, agenda, materials, held, minutes, decisions and follow-up, attendance, approval.

Every write refuses once the minutes are approved (the meeting is then read-only). The meeting's facts and its
minutes are saved with a version check (UPDATE … WHERE version = loaded), as assessments are, so two ministry
staff editing at once never overwrite each other in silence. E-mails go out as background jobs queued in the
same transaction."""

from datetime import date, datetime

import pghistory
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from evaluering.jobs import baggrundsjob_start
from evaluering.models import (
    Dagsordenspunkt,
    Fremmoede,
    Moede,
    Moedemateriale,
    Moedestatus,
    Opfoelgningspunkt,
    Tidsplanpunkt,
)
from evaluering.permissions import laast_tilstand
from forebyggelse import bilag as bilagskit
from forebyggelse.formatering import tidspunkt
from forebyggelse.samtidighed import Konflikt, opdater_hvis_version
from kommuner.models import Bruger, Deltagelse, Kommune, Program

MOEDEFELTER = ["art", "nummer", "start", "slut", "sted", "fokus", "tidsplanpunkt"]


class MoedeKonflikt(Konflikt):
    hvad = "Mødet"


def _laas(moede: Moede) -> Moede:
    """Lock the meeting row for the rest of the transaction and refuse if it is read-only."""
    moede = Moede.objects.select_for_update().select_related("program").get(pk=moede.pk)
    ok, grund = laast_tilstand(moede)
    if not ok:
        raise ValidationError(grund)
    return moede


@transaction.atomic
def moede_opret(
    *,
    program: Program,
    art: str,
    start: datetime,
    slut: datetime,
    sted: str,
    fokus: str = "",
    nummer: int | None = None,
    tidsplanpunkt: Tidsplanpunkt | None = None,
) -> Moede:
    moede = Moede(
        program=program,
        art=art,
        nummer=nummer,
        start=start,
        slut=slut,
        sted=sted.strip(),
        fokus=fokus.strip(),
        tidsplanpunkt=tidsplanpunkt,
    )
    moede.full_clean()
    moede.save()
    return moede


def _gem_med_version(moede: Moede, version: int, felter: dict, bruger: Bruger) -> Moede:
    kandidat = Moede.objects.get(pk=moede.pk)
    for felt, vaerdi in felter.items():
        setattr(kandidat, felt, vaerdi)
    kandidat.full_clean()
    with pghistory.context(user=bruger.pk):
        opdater_hvis_version(Moede, pk=moede.pk, version=version, felter=felter, konflikt=MoedeKonflikt)
    return Moede.objects.select_related("program", "tidsplanpunkt").get(pk=moede.pk)


@transaction.atomic
def moede_opdater(
    *,
    moede: Moede,
    version: int,
    bruger: Bruger,
    art: str,
    start: datetime,
    slut: datetime,
    sted: str,
    fokus: str = "",
    nummer: int | None = None,
    tidsplanpunkt: Tidsplanpunkt | None = None,
) -> Moede:
    _laas(moede)
    felter = {
        "art": art,
        "nummer": nummer,
        "start": start,
        "slut": slut,
        "sted": sted.strip(),
        "fokus": fokus.strip(),
        "tidsplanpunkt": tidsplanpunkt,
    }
    return _gem_med_version(moede, version, felter, bruger)


@transaction.atomic
def referat_gem(*, moede: Moede, referat: str, version: int, bruger: Bruger) -> Moede:
    moede = _laas(moede)
    if moede.status == Moedestatus.PLANLAGT:
        raise ValidationError("Referatet skrives, når mødet er afholdt.")
    return _gem_med_version(moede, version, {"referat": referat.replace("\r\n", "\n").strip()}, bruger)


@transaction.atomic
def moede_marker_afholdt(*, moede: Moede, nu: datetime | None = None) -> Moede:
    moede = _laas(moede)
    if moede.status != Moedestatus.PLANLAGT:
        raise ValidationError("Mødet er allerede markeret som afholdt.")
    if moede.start > (nu or timezone.now()):
        raise ValidationError(f"Mødet begynder først {tidspunkt(moede.start)}; det kan ikke være afholdt endnu.")
    moede.status = Moedestatus.AFHOLDT
    moede.save(update_fields=["status", "aendret"])
    return moede


@transaction.atomic
def referat_godkend(*, moede: Moede, bruger: Bruger, nu: datetime | None = None) -> Moede:
    """Approve the minutes: the meeting becomes read-only and the minutes are e-mailed to the participants."""
    moede = _laas(moede)
    if moede.status != Moedestatus.AFHOLDT:
        raise ValidationError("Referatet kan først godkendes, når mødet er afholdt.")
    if not moede.referat.strip():
        raise ValidationError("Skriv referatet, før det godkendes.")
    moede.status = Moedestatus.GODKENDT
    moede.referat_godkendt = nu or timezone.now()
    moede.referat_godkendt_af = bruger
    with pghistory.context(user=bruger.pk):
        moede.save(update_fields=["status", "referat_godkendt", "referat_godkendt_af", "aendret"])
    baggrundsjob_start(
        opgave="evaluering.send_referat",
        titel=f"Referat af {moede.titel} sendes til deltagerne",
        argumenter={"moede_id": moede.pk},
        bruger=bruger,
    )
    return moede


@transaction.atomic
def invitation_send(*, moede: Moede, bruger: Bruger):
    """Queue the invitation e-mails (with the meeting as a calendar attachment); returns the job."""
    moede = _laas(moede)
    if moede.status != Moedestatus.PLANLAGT:
        raise ValidationError("Invitationen sendes, før mødet er afholdt.")
    return baggrundsjob_start(
        opgave="evaluering.send_invitation",
        titel=f"Invitation til {moede.titel} sendes til deltagerne",
        argumenter={"moede_id": moede.pk},
        bruger=bruger,
    )


# Agenda, materials, decisions and follow-up ---------------------------------------------------------


@transaction.atomic
def dagsordenspunkt_tilfoej(
    *, moede: Moede, titel: str, oplaegsholder: str = "", varighed: int | None = None, noter: str = ""
) -> Dagsordenspunkt:
    moede = _laas(moede)
    naeste = (moede.dagsorden.aggregate(hoejest=Max("nummer"))["hoejest"] or 0) + 1
    punkt = Dagsordenspunkt(
        moede=moede,
        nummer=naeste,
        titel=titel.strip(),
        oplaegsholder=oplaegsholder.strip(),
        varighed=varighed,
        noter=noter.strip(),
    )
    punkt.full_clean()
    punkt.save()
    return punkt


@transaction.atomic
def dagsordenspunkt_slet(*, punkt: Dagsordenspunkt) -> None:
    moede = _laas(punkt.moede)
    Dagsordenspunkt.objects.filter(pk=punkt.pk).delete()
    # Keep the numbers 1, 2, 3 … without gaps.
    for nummer, p in enumerate(moede.dagsorden.order_by("nummer", "pk"), start=1):
        if p.nummer != nummer:
            Dagsordenspunkt.objects.filter(pk=p.pk).update(nummer=nummer)


@transaction.atomic
def materiale_tilfoej(*, moede: Moede, fil: UploadedFile, bruger: Bruger, beskrivelse: str = "") -> Moedemateriale:
    moede = _laas(moede)
    return bilagskit.bilag_gem(
        bilag=Moedemateriale(moede=moede), fil=fil, bruger=bruger, beskrivelse=beskrivelse, hvad="Materialer"
    )


@transaction.atomic
def materiale_slet(*, materiale: Moedemateriale, bruger: Bruger) -> None:
    _laas(materiale.moede)
    bilagskit.bilag_slet(bilag=materiale, bruger=bruger)


@transaction.atomic
def opfoelgningspunkt_tilfoej(*, moede: Moede, art: str, tekst: str, ansvarlig: str, frist: date) -> Opfoelgningspunkt:
    moede = _laas(moede)
    if moede.status == Moedestatus.PLANLAGT:
        raise ValidationError("Beslutninger og opfølgningspunkter skrives, når mødet er afholdt.")
    punkt = Opfoelgningspunkt(moede=moede, art=art, tekst=tekst.strip(), ansvarlig=ansvarlig.strip(), frist=frist)
    punkt.full_clean()
    punkt.save()
    return punkt


@transaction.atomic
def opfoelgningspunkt_slet(*, punkt: Opfoelgningspunkt) -> None:
    _laas(punkt.moede)
    Opfoelgningspunkt.objects.filter(pk=punkt.pk).delete()


# Attendance ----------------------------------------------------------------------------------------


@transaction.atomic
def fremmoede_registrer(
    *, moede: Moede, kommune: Kommune, deltog: bool, bruger: Bruger, deltagere: str = "", bemaerkning: str = ""
) -> Fremmoede:
    """Record who came from one participating municipality; a municipality outside the programme is refused."""
    moede = _laas(moede)
    if moede.status != Moedestatus.AFHOLDT:
        raise ValidationError("Fremmødet registreres, når mødet er afholdt.")
    if not Deltagelse.objects.filter(program_id=moede.program_id, kommune=kommune).exists():
        raise ValidationError(
            {
                "kommune": f"{kommune.officielt_navn} deltager ikke i {moede.program.navn}, så der kan ikke "
                "registreres fremmøde for kommunen."
            }
        )
    deltagere, bemaerkning = deltagere.strip(), bemaerkning.strip()
    if deltog and not deltagere:
        raise ValidationError({"deltagere": "Skriv, hvem der deltog fra kommunen."})
    fremmoede = Fremmoede.objects.filter(moede=moede, kommune=kommune).first() or Fremmoede(
        moede=moede, kommune=kommune
    )
    fremmoede.deltog = deltog
    fremmoede.deltagere = deltagere if deltog else ""
    fremmoede.bemaerkning = bemaerkning
    fremmoede.registreret_af = bruger
    fremmoede.full_clean()
    with pghistory.context(user=bruger.pk):
        fremmoede.save()
    return fremmoede
