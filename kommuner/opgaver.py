"""What in kommuner's data is a task, and for whom (forebyggelse/opgaver.py; gathered per role in portal/opgaver.py).
Each function is a fixed number of queries, whatever the number of participants."""

from django.db.models import Exists, OuterRef, Prefetch
from django.urls import reverse

from forebyggelse import tid
from forebyggelse.formatering import ejefald
from forebyggelse.opgaver import Opgave
from kommuner.models import (
    TEKSTFELTER,
    Ansoegning,
    AnsoegningStatus,
    Genaabning,
    Kommune,
    Milepael,
    Program,
    ProgramStatus,
    Vurdering,
    sidste_i_maaneden,
)
from kommuner.permissions import ansoegninger_til_laesning, gaeldende_frist, genaabningsanmodninger_til_laesning
from kommuner.roller import kommuner_til_skrivning

GENAABNING = "Anmodninger om genåbning"
VURDER = "Interessetilkendegivelser at vurdere"
AFGOER = "Afgørelser at træffe"
ANSOEG = "Interessetilkendegivelser"
MILEPAELE = "Milepæle at melde udført"


def til_ministeriet(user) -> list[Opgave]:
    """The municipalities' open requests to reopen, and each submitted application without a decision: to assess if
    this user has not, else to decide (3 queries)."""
    return _anmodninger_at_besvare(user) + _ansoegninger_at_behandle(user)


def _anmodninger_at_besvare(user) -> list[Opgave]:
    """One task per request the ministry has not answered, oldest first; a request on an application that got
    submitted after all (its deadline was moved) needs no answer."""
    anmodninger = (
        genaabningsanmodninger_til_laesning(user)
        .filter(besvaret__isnull=True)
        .exclude(ansoegning__status=AnsoegningStatus.INDSENDT)
        .order_by("oprettet", "pk")
    )
    return [
        Opgave(
            GENAABNING,
            f"Svar på {ejefald(a.ansoegning.kommune.officielt_navn)} anmodning om genåbning",
            reverse("kommuner:ansoegning_genaabn", args=[a.ansoegning_id]),
            kommune=a.ansoegning.kommune.navn,
            bemaerkning=a.begrundelse,
            bemaerkning_fra="Kommunens begrundelse",
        )
        for a in anmodninger
    ]


def _ansoegninger_at_behandle(user) -> list[Opgave]:
    ansoegninger = (
        ansoegninger_til_laesning(user)
        .filter(status=AnsoegningStatus.INDSENDT, afgoerelse__isnull=True)
        .uden_tekst()
        .annotate(vurderet_af_mig=Exists(Vurdering.objects.filter(ansoegning=OuterRef("pk"), bedoemmer=user)))
        .order_by("program__ansoegningsfrist", "kommune__kode")
    )
    opgaver = []
    for a in ansoegninger:
        if a.vurderet_af_mig:
            opgaver.append(
                Opgave(
                    AFGOER,
                    f"Træf afgørelse om {ejefald(a.kommune.navn)} interessetilkendegivelse",
                    reverse("kommuner:afgoerelse", args=[a.pk]),
                    kommune=a.kommune.navn,
                )
            )
        else:
            opgaver.append(
                Opgave(
                    VURDER,
                    f"Vurdér {ejefald(a.kommune.navn)} interessetilkendegivelse",
                    reverse("kommuner:vurdering", args=[a.pk]),
                    kommune=a.kommune.navn,
                )
            )
    return opgaver


def til_projektleder(user) -> list[Opgave]:
    """The applications to fill in or send, and the milestones to report done (4 queries)."""
    return _ansoegninger_at_indsende(user) + _milepaele_at_melde(user)


def _milepaele_at_melde(user) -> list[Opgave]:
    """Each milestone of the lead's own municipalities that is late or due this month and not reported done, due
    by the month's last day (1 query)."""
    milepaele = (
        Milepael.objects.filter(deltagelse__kommune__in=kommuner_til_skrivning(user))
        .forsinkede_eller_i_maaneden(tid.i_dag())
        .select_related("deltagelse__kommune")
        .order_by("maaned", "pk")
    )
    return [
        Opgave(
            MILEPAELE,
            f"Meld milepælen “{m.titel}” udført",
            reverse("kommuner:organisation", args=[m.deltagelse_id]),
            frist=sidste_i_maaneden(m.maaned),
            kommune=m.deltagelse.kommune.navn,
        )
        for m in milepaele
    ]


def _ansoegninger_at_indsende(user) -> list[Opgave]:
    """For each open programme and each of the lead's municipalities: the application to fill in, finish or send
    again, with its deadline (a reopening included) and the ministry's comment when it was sent back (3 queries)."""
    aabne = list(Program.objects.filter(status=ProgramStatus.AABEN).order_by("ansoegningsfrist"))
    if not aabne:
        return []
    kommuner = list(kommuner_til_skrivning(user).order_by("kode"))
    ansoegninger = {
        (a.program_id, a.kommune_id): a
        for a in ansoegninger_til_laesning(user)
        .filter(program__in=aabne)
        .defer(*TEKSTFELTER)
        .prefetch_related(Prefetch("genaabninger", queryset=Genaabning.objects.all()))
    }
    nu = tid.nu()
    opgaver = []
    for program in aabne:
        for kommune in kommuner:
            opgave = _ansoegningsopgave(program, kommune, ansoegninger.get((program.pk, kommune.pk)), nu)
            if opgave:
                opgaver.append(opgave)
    return opgaver


def _ansoegningsopgave(program: Program, kommune: Kommune, ansoegning: Ansoegning | None, nu) -> Opgave | None:
    if ansoegning is None:
        if program.ansoegningsfrist < nu:
            return None
        return Opgave(
            ANSOEG,
            f"Udfyld {ejefald(kommune.navn)} interessetilkendegivelse til {program.navn}",
            reverse("kommuner:program", args=[program.pk]),
            frist=program.ansoegningsfrist,
            kommune=kommune.navn,
        )
    if ansoegning.status == AnsoegningStatus.INDSENDT:
        return None
    frist = gaeldende_frist(ansoegning)
    if frist < nu:
        return None
    sendt_tilbage = ansoegning.status == AnsoegningStatus.SENDT_TILBAGE
    return Opgave(
        ANSOEG,
        f"{'Ret og send' if sendt_tilbage else 'Indsend'} {ejefald(kommune.navn)} interessetilkendegivelse "
        f"til {program.navn}",
        reverse("kommuner:ansoegning", args=[ansoegning.pk]),
        frist=frist,
        kommune=kommune.navn,
        bemaerkning=ansoegning.tilbagesendt_kommentar if sendt_tilbage else "",
    )
