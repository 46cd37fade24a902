"""Writes to meetings: plan, agenda, materials, held, minutes, decisions and follow-up, attendance, approval.

Every write refuses once the minutes are approved (the meeting is then read-only); the agenda changes only until the
meeting is held. The meeting's facts, its minutes (the general notes and every item's together) and the approval are
saved with the meeting's version check (UPDATE … WHERE version = loaded), an agenda item with its own, so two
ministry staff editing at once never overwrite each other in silence, and nobody approves minutes that changed after
they read them. E-mails go out as background jobs queued in the same transaction."""

from datetime import date, datetime
from typing import Literal

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
    Fremmoedestatus,
    Moede,
    Moedemateriale,
    Moedestatus,
    Opfoelgningspunkt,
    Tidsplanpunkt,
)
from evaluering.permissions import laast_tilstand
from forebyggelse import bilag as bilagskit
from forebyggelse import tid
from forebyggelse.formatering import tidspunkt
from forebyggelse.samtidighed import Konflikt, opdater_hvis_version
from kommuner.models import Bruger, Deltagelse, Kommune, Program

MOEDEFELTER = ["art", "nummer", "start", "slut", "sted", "fokus", "tidsplanpunkt"]


class MoedeKonflikt(Konflikt):
    hvad = "Mødet"


class DagsordenspunktKonflikt(Konflikt):
    hvad = "Dagsordenspunktet"


DAGSORDEN_LAAST = "Dagsordenen kan ændres, indtil mødet er afholdt."


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


def _punktreferater(moede: Moede, punkter: dict[int, str]) -> list[Dagsordenspunkt]:
    """The meeting's agenda items with their minutes as typed, checked; an item of another meeting is refused."""
    dagsorden = {p.pk: p for p in moede.dagsorden.all()}
    if set(punkter) - set(dagsorden):
        raise ValidationError("Et af punkterne hører ikke til mødets dagsorden. Hent siden igen.")
    aendrede = []
    for pk, tekst in punkter.items():
        punkt = dagsorden[pk]
        punkt.referat = tekst.replace("\r\n", "\n").strip()
        try:
            punkt.full_clean()
        except ValidationError as exc:
            raise ValidationError({f"punkt_{pk}": exc.message_dict.get("referat", exc.messages)}) from exc
        aendrede.append(punkt)
    return aendrede


@transaction.atomic
def referat_gem(
    *, moede: Moede, referat: str, version: int, bruger: Bruger, punkter: dict[int, str] | None = None
) -> Moede:
    """Save the minutes: the general notes (`referat`) and each agenda item's (`punkter`: item id → text), all
    against the meeting's version, so the minutes are one thing that two people cannot overwrite in silence."""
    moede = _laas(moede)
    if moede.status == Moedestatus.PLANLAGT:
        raise ValidationError("Referatet skrives, når mødet er afholdt.")
    aendrede = _punktreferater(moede, punkter or {})
    gemt = _gem_med_version(moede, version, {"referat": referat.replace("\r\n", "\n").strip()}, bruger)
    with pghistory.context(user=bruger.pk):
        for punkt in aendrede:
            Dagsordenspunkt.objects.filter(pk=punkt.pk).update(referat=punkt.referat)
    return gemt


@transaction.atomic
def moede_marker_afholdt(*, moede: Moede, nu: datetime | None = None) -> Moede:
    moede = _laas(moede)
    if moede.status != Moedestatus.PLANLAGT:
        raise ValidationError("Mødet er allerede markeret som afholdt.")
    if moede.start > (nu or tid.nu()):
        raise ValidationError(f"Mødet begynder først {tidspunkt(moede.start)}; det kan ikke være afholdt endnu.")
    moede.status = Moedestatus.AFHOLDT
    moede.save(update_fields=["status", "aendret"])
    return moede


@transaction.atomic
def referat_godkend(*, moede: Moede, bruger: Bruger, version: int, nu: datetime | None = None) -> Moede:
    """Approve the minutes as the approver read them (`version`): the meeting becomes read-only and the minutes are
    e-mailed to the participants. Minutes changed since then are not approved (a conflict)."""
    moede = _laas(moede)
    if moede.status != Moedestatus.AFHOLDT:
        raise ValidationError("Referatet kan først godkendes, når mødet er afholdt.")
    if not moede.har_referat():
        raise ValidationError("Skriv referatet, før det godkendes.")
    felter = {"status": Moedestatus.GODKENDT, "referat_godkendt": nu or timezone.now(), "referat_godkendt_af": bruger}
    with pghistory.context(user=bruger.pk):
        moede = opdater_hvis_version(Moede, pk=moede.pk, version=version, felter=felter, konflikt=MoedeKonflikt)
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


def _laas_dagsorden(moede: Moede) -> Moede:
    moede = _laas(moede)
    if moede.status != Moedestatus.PLANLAGT:
        raise ValidationError(DAGSORDEN_LAAST)
    return moede


@transaction.atomic
def dagsordenspunkt_tilfoej(
    *, moede: Moede, titel: str, oplaegsholder: str = "", varighed: int | None = None, noter: str = ""
) -> Dagsordenspunkt:
    moede = _laas_dagsorden(moede)
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
def dagsordenspunkt_opdater(
    *,
    punkt: Dagsordenspunkt,
    version: int,
    bruger: Bruger,
    titel: str,
    oplaegsholder: str = "",
    varighed: int | None = None,
    noter: str = "",
) -> Dagsordenspunkt:
    _laas_dagsorden(punkt.moede)
    felter = {
        "titel": titel.strip(),
        "oplaegsholder": oplaegsholder.strip(),
        "varighed": varighed,
        "noter": noter.strip(),
    }
    kandidat = Dagsordenspunkt.objects.get(pk=punkt.pk)
    for felt, vaerdi in felter.items():
        setattr(kandidat, felt, vaerdi)
    kandidat.full_clean()
    with pghistory.context(user=bruger.pk):
        return opdater_hvis_version(
            Dagsordenspunkt, pk=punkt.pk, version=version, felter=felter, konflikt=DagsordenspunktKonflikt
        )


@transaction.atomic
def dagsordenspunkt_flyt(*, punkt: Dagsordenspunkt, retning: Literal["op", "ned"]) -> Dagsordenspunkt:
    """Swap the item with the one above or below it; at the top or the bottom nothing moves."""
    moede = _laas_dagsorden(punkt.moede)
    dagsorden = list(moede.dagsorden.order_by("nummer", "pk"))
    plads = next((i for i, p in enumerate(dagsorden) if p.pk == punkt.pk), None)
    if plads is None:
        raise ValidationError("Punktet er ikke længere på dagsordenen.")
    anden = plads - 1 if retning == "op" else plads + 1
    if 0 <= anden < len(dagsorden):
        dagsorden[plads], dagsorden[anden] = dagsorden[anden], dagsorden[plads]
        _dagsorden_aendret(moede)
    _nummerer(dagsorden)
    return Dagsordenspunkt.objects.get(pk=punkt.pk)


def _dagsorden_aendret(moede: Moede) -> None:
    """A change to the agenda or materials that leaves no newer item behind (one moved, deleted, a file) is a change
    to the meeting: the steering group's "read the agenda" task comes back after it (evaluering/opgaver.py)."""
    Moede.objects.filter(pk=moede.pk).update(aendret=timezone.now())


def _nummerer(dagsorden: list[Dagsordenspunkt]) -> None:
    """Number the items 1, 2, 3 … in the given order, without gaps, writing only those that changed."""
    for nummer, p in enumerate(dagsorden, start=1):
        if p.nummer != nummer:
            Dagsordenspunkt.objects.filter(pk=p.pk).update(nummer=nummer)


@transaction.atomic
def dagsordenspunkt_slet(*, punkt: Dagsordenspunkt) -> None:
    moede = _laas_dagsorden(punkt.moede)
    Dagsordenspunkt.objects.filter(pk=punkt.pk).delete()
    _nummerer(list(moede.dagsorden.order_by("nummer", "pk")))
    _dagsorden_aendret(moede)


@transaction.atomic
def materiale_tilfoej(*, moede: Moede, fil: UploadedFile, bruger: Bruger, beskrivelse: str = "") -> Moedemateriale:
    moede = _laas(moede)
    materiale = bilagskit.bilag_gem(
        bilag=Moedemateriale(moede=moede), fil=fil, bruger=bruger, beskrivelse=beskrivelse, hvad="Materialer"
    )
    _dagsorden_aendret(moede)
    return materiale


@transaction.atomic
def materiale_slet(*, materiale: Moedemateriale, bruger: Bruger) -> None:
    moede = _laas(materiale.moede)
    bilagskit.bilag_slet(bilag=materiale, bruger=bruger)
    _dagsorden_aendret(moede)


@transaction.atomic
def opfoelgningspunkt_tilfoej(
    *,
    moede: Moede,
    art: str,
    tekst: str,
    ansvarlig: str = "",
    frist: date | None = None,
    dagsordenspunkt: Dagsordenspunkt | None = None,
) -> Opfoelgningspunkt:
    """A decision (as made: responsible and deadline only if given) or a follow-up point (responsible and deadline
    required), under the agenda item it came from or under the meeting in general."""
    moede = _laas(moede)
    if moede.status == Moedestatus.PLANLAGT:
        raise ValidationError("Beslutninger og opfølgningspunkter skrives, når mødet er afholdt.")
    punkt = Opfoelgningspunkt(
        moede=moede,
        dagsordenspunkt=dagsordenspunkt,
        art=art,
        tekst=tekst.strip(),
        ansvarlig=ansvarlig.strip(),
        frist=frist,
    )
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
    *,
    moede: Moede,
    kommune: Kommune,
    status: str,
    bruger: Bruger,
    deltagere: str = "",
    afbudsgrund: str = "",
    bemaerkning: str = "",
) -> Fremmoede:
    """Record whether one participating municipality was present (and who came), sent apologies (and why) or was
    absent; a municipality outside the programme is refused."""
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
    fremmoede = Fremmoede.objects.filter(moede=moede, kommune=kommune).first() or Fremmoede(
        moede=moede, kommune=kommune
    )
    fremmoede.status = status
    fremmoede.deltagere = deltagere.strip() if status == Fremmoedestatus.TIL_STEDE else ""
    fremmoede.afbudsgrund = afbudsgrund.strip() if status == Fremmoedestatus.AFBUD else ""
    fremmoede.bemaerkning = bemaerkning.strip()
    fremmoede.registreret_af = bruger
    fremmoede.full_clean()
    with pghistory.context(user=bruger.pk):
        fremmoede.save()
    return fremmoede
