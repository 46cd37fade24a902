"""Deliveries to the evaluator: the ministry orders them, each municipality submits (freezing a snapshot), the
ministry approves or returns with a comment; reminders go out a week before and on the deadline."""

from datetime import date, datetime, timedelta

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.defaultfilters import pluralize
from django.utils import timezone

from evaluering.models import (
    UDESTAAENDE,
    Dataleverance,
    Indholdsart,
    Indsendelse,
    Kommuneleverance,
    Leverancestatus,
    Paamindelse,
)
from evaluering.permissions import indsendbar_tilstand
from evaluering.snapshot import BYGGERE, byg_snapshot, sha256
from evaluering.tidsangivelse import flyt, maaneder_mellem
from forebyggelse import tid
from forebyggelse.formatering import UgyldigtTidspunkt, dansk_tid, dansk_tidspunkt, tidspunkt
from kommuner.models import Bruger, Deltagelse, Program
from kommuner.notifikationer import send_til_projektledere


@transaction.atomic
def dataleverance_opret(
    *,
    program: Program,
    titel: str,
    indhold: list[str],
    frist: datetime,
    bruger: Bruger,
    beskrivelse: str = "",
    aar: int | None = None,
) -> Dataleverance:
    """Order a delivery from every participating municipality of the programme."""
    if not indhold:
        raise ValidationError({"indhold": "Vælg mindst én ting, kommunerne skal levere."})
    ukendte = [art for art in indhold if art not in BYGGERE]
    if ukendte:
        navne = ", ".join(Indholdsart(a).label if a in Indholdsart.values else a for a in ukendte)
        raise ValidationError({"indhold": f"Kan ikke leveres: {navne}."})
    if aar is not None and aar not in program.aar:
        raise ValidationError({"aar": f"Programmet løber ikke i {aar}."})
    leverance = Dataleverance(
        program=program,
        titel=titel.strip(),
        beskrivelse=beskrivelse.strip(),
        aar=aar,
        indhold=list(dict.fromkeys(indhold)),
        frist=frist,
        oprettet_af=bruger,
    )
    leverance.full_clean()
    with pghistory.context(user=bruger.pk):
        leverance.save()
        Kommuneleverance.objects.bulk_create(
            [Kommuneleverance(dataleverance=leverance, deltagelse=d) for d in program.deltagelser.all()]
        )
    return leverance


def _flyttet_frist(frist: datetime, maaneder: int) -> datetime:
    """The same Danish wall-clock time on the day `maaneder` months later (12.00 stays 12.00 across summer time)."""
    lokal = dansk_tid(frist)
    return dansk_tidspunkt(flyt(lokal.date(), maaneder), lokal.time())


@transaction.atomic
def leverancer_kopier(*, fra: Program, til: Program, bruger: Bruger) -> list[Dataleverance]:
    """Order in `til` the deliveries `fra` ordered: the same titles, descriptions and contents, the year moved by
    the years between the programmes' starts and the deadline by the whole months. Each is ordered through
    `dataleverance_opret`, so every participant gets its part as when the ministry orders one by hand. All or
    none: a delivery that cannot be ordered in `til` (its year outside the programme) stops the copy."""
    til = Program.objects.select_for_update().get(pk=til.pk)
    if fra.pk == til.pk:
        raise ValidationError({"fra": "Vælg et andet program end dette."})
    antal = til.dataleverancer.count()
    if antal:
        raise ValidationError(
            f"Programmet har allerede {antal} {pluralize(antal, 'dataleverance,dataleverancer')}; "
            "kopiér kun, når der ikke er bestilt nogen."
        )
    kilde = list(fra.dataleverancer.order_by("frist", "pk"))
    if not kilde:
        raise ValidationError({"fra": f"{fra.navn} har ingen dataleverancer."})
    aar, maaneder = til.startdato.year - fra.startdato.year, maaneder_mellem(fra.startdato, til.startdato)
    nye = []
    for leverance in kilde:
        try:
            nye.append(
                dataleverance_opret(
                    program=til,
                    titel=leverance.titel,
                    indhold=leverance.indhold,
                    frist=_flyttet_frist(leverance.frist, maaneder),
                    bruger=bruger,
                    beskrivelse=leverance.beskrivelse,
                    aar=None if leverance.aar is None else leverance.aar + aar,
                )
            )
        except (ValidationError, UgyldigtTidspunkt) as exc:
            grund = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            raise ValidationError(f"“{leverance.titel}” kan ikke kopieres: {grund}") from exc
    return nye


def _kommuneleverance(dataleverance: Dataleverance, deltagelse: Deltagelse) -> Kommuneleverance:
    """The participant's row, created for a municipality that joined after the delivery was ordered."""
    if deltagelse.program_id != dataleverance.program_id:
        raise ValidationError("Kommunen deltager ikke i programmet.")
    kl, _ = Kommuneleverance.objects.get_or_create(dataleverance=dataleverance, deltagelse=deltagelse)
    return kl


@transaction.atomic
def kommuneleverance_hent(*, dataleverance: Dataleverance, deltagelse: Deltagelse) -> Kommuneleverance:
    return _kommuneleverance(dataleverance, deltagelse)


@transaction.atomic
def leverance_indsend(*, kommuneleverance: Kommuneleverance, bruger: Bruger, nu: datetime | None = None) -> Indsendelse:
    """Submit: freeze a snapshot of exactly what is delivered now. Refused while an earlier submission awaits
    the ministry's review, and after approval. The row lock makes two simultaneous submissions one."""
    nu = nu or tid.nu()  # compared with the delivery's deadline
    kl = (
        Kommuneleverance.objects.select_for_update(of=("self",))
        .select_related("dataleverance__program", "deltagelse__kommune", "deltagelse__program")
        .get(pk=kommuneleverance.pk)
    )
    ok, grund = indsendbar_tilstand(kl)
    if not ok:
        raise ValidationError(grund)
    snapshot = byg_snapshot(deltagelse=kl.deltagelse, dataleverance=kl.dataleverance, bruger=bruger, nu=nu)
    indsendelse = Indsendelse(
        kommuneleverance=kl,
        nummer=kl.indsendelser.count() + 1,
        indsendt=nu,
        indsendt_af=bruger,
        snapshot=snapshot,
        sha256=sha256(snapshot),
    )
    indsendelse.full_clean()
    indsendelse.save()
    kl.status = Leverancestatus.INDSENDT
    with pghistory.context(user=bruger.pk):
        kl.save(update_fields=["status", "aendret"])
    return indsendelse


@transaction.atomic
def indsendelse_vurder(
    *, indsendelse: Indsendelse, godkendt: bool, kommentar: str, bruger: Bruger, nu: datetime | None = None
) -> Indsendelse:
    """The ministry approves the submission, or returns it with a comment so the municipality can submit again."""
    kl = (
        Kommuneleverance.objects.select_for_update(of=("self",))
        .select_related("dataleverance", "deltagelse__kommune")
        .get(pk=indsendelse.kommuneleverance_id)
    )
    indsendelse = Indsendelse.objects.get(pk=indsendelse.pk)
    seneste = kl.indsendelser.order_by("-nummer").first()
    if kl.status != Leverancestatus.INDSENDT or indsendelse.resultat or seneste.pk != indsendelse.pk:
        raise ValidationError("Indsendelsen afventer ikke gennemgang; den er allerede godkendt eller sendt tilbage.")
    kommentar = (kommentar or "").strip()
    if not godkendt and not kommentar:
        raise ValidationError({"kommentar": "Skriv, hvad kommunen skal rette, når leverancen sendes tilbage."})
    indsendelse.resultat = Leverancestatus.GODKENDT if godkendt else Leverancestatus.SENDT_TILBAGE
    indsendelse.kommentar = kommentar
    indsendelse.vurderet = nu or timezone.now()
    indsendelse.vurderet_af = bruger
    indsendelse.save(update_fields=["resultat", "kommentar", "vurderet", "vurderet_af"])
    kl.status = indsendelse.resultat
    kl.kommentar = kommentar
    with pghistory.context(user=bruger.pk):
        kl.save(update_fields=["status", "kommentar", "aendret"])
    leverance = kl.dataleverance
    if godkendt:
        emne = f"Dataleverancen “{leverance.titel}” er godkendt"
        tekst = f"Ministeriet har godkendt {kl.deltagelse.kommune.officielt_navn}s leverance “{leverance.titel}”."
        if kommentar:
            tekst += f"\n\nKommentar: {kommentar}"
    else:
        emne = f"Dataleverancen “{leverance.titel}” er sendt tilbage med en kommentar"
        tekst = (
            f"Ministeriet har sendt jeres leverance “{leverance.titel}” tilbage med denne kommentar:\n\n{kommentar}\n\n"
            "Ret det nødvendige i Forebyggelsesportalen, og indsend leverancen igen."
        )
    send_til_projektledere(kl.deltagelse.kommune, emne=emne, tekst=tekst)
    return indsendelse


# Reminders (run daily by a background job) ---------------------------------------------------------


def _paamindelse_art(frist: datetime, i_dag: date) -> str | None:
    dag = dansk_tid(frist).date()
    if i_dag == dag:
        return Paamindelse.Art.PAA_DAGEN
    if dag - timedelta(days=7) <= i_dag < dag:
        return Paamindelse.Art.UGE_FOER
    return None


def paamindelser_send(*, i_dag: date, fremdrift=None) -> int:
    """Remind the leads of every municipality that still owes a delivery: once when the deadline is a week (or
    less) away, once on the day. Each reminder is recorded in the same transaction as its e-mail is sent, so a
    rerun or a second worker never sends it twice, and a failed e-mail is sent on the next run."""
    leverancer = Dataleverance.objects.filter(
        frist__date__gte=i_dag - timedelta(days=1), frist__date__lte=i_dag + timedelta(days=8)
    ).select_related("program")
    opgaver = []
    for leverance in leverancer:
        art = _paamindelse_art(leverance.frist, i_dag)
        if art is None:
            continue
        for deltagelse in leverance.program.deltagelser.select_related("kommune"):
            opgaver.append((leverance, deltagelse, art))
    sendt = 0
    for nr, (leverance, deltagelse, art) in enumerate(opgaver, start=1):
        with transaction.atomic():
            kl = Kommuneleverance.objects.select_for_update().get(pk=_kommuneleverance(leverance, deltagelse).pk)
            if kl.status in UDESTAAENDE and not kl.paamindelser.filter(art=art).exists():
                modtagere = [b.email for b in deltagelse.kommune.projektledere.filter(is_active=True).exclude(email="")]
                Paamindelse.objects.create(kommuneleverance=kl, art=art, modtagere=len(modtagere))
                if modtagere:
                    naar = "i dag" if art == Paamindelse.Art.PAA_DAGEN else tidspunkt(leverance.frist)
                    send_mail(
                        f"Påmindelse: dataleverancen “{leverance.titel}” skal indsendes {naar}",
                        f"Fristen for dataleverancen “{leverance.titel}” i {leverance.program.navn} er "
                        f"{tidspunkt(leverance.frist)}. {deltagelse.kommune.officielt_navn} har ikke indsendt den "
                        "endnu.\n\nIndsend den i Forebyggelsesportalen.\n\nVenlig hilsen\nForebyggelsesportalen",
                        settings.DEFAULT_FROM_EMAIL,
                        modtagere,
                    )
                    sendt += 1
        if fremdrift:
            fremdrift(nr, len(opgaver), f"{nr} af {len(opgaver)} kommuner gennemgået")
    return sendt
