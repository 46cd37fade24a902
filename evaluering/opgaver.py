"""What in evaluering's data is a task, and for whom (forebyggelse/opgaver.py; gathered per role in
portal/opgaver.py). Each function is a fixed number of queries, whatever the number of participants."""

from datetime import datetime

from django.db.models import Count, Exists, Max, Min, OuterRef, Subquery
from django.db.models.functions import Greatest
from django.urls import reverse

from evaluering.models import UDESTAAENDE, Dagsordenspunkt, Kommuneleverance, Laest, Leverancestatus
from evaluering.permissions import indsendelser_til_laesning, rapportpakker_til_laesning
from evaluering.selectors import (
    kommende_moeder,
    manglende_fremmoedesvar,
    moeder_inviteret_til,
    moeder_uden_fremmoede,
    referater_til_godkendelse,
)
from forebyggelse import tid
from forebyggelse.formatering import dansk_tid, dato, ejefald, tal
from forebyggelse.opgaver import Opgave
from kommuner.roller import kommuner_til_skrivning

LEVERANCER = "Leverancer til gennemsyn"
FORSINKET = "Forsinket hos kommunerne"
MOEDER = "Møder"
MINE_LEVERANCER = "Dataleverancer"
NYT = "Nyt siden dit sidste besøg"


def efter_fristen():
    """The municipalities' deliveries still owed after their deadline, on the portal's day: the one definition the
    ministry's late lines and the steering group's status lines count from."""
    return Kommuneleverance.objects.filter(status__in=UDESTAAENDE, dataleverance__frist__lt=tid.nu())


def til_ministeriet(user) -> list[Opgave]:
    return _leverancer_til_gennemsyn() + _forsinket_pr_kommune() + _moeder_at_afslutte(user)


def _leverancer_til_gennemsyn() -> list[Opgave]:
    leverancer = (
        Kommuneleverance.objects.filter(status=Leverancestatus.INDSENDT)
        .select_related("dataleverance", "deltagelse__kommune")
        .order_by("dataleverance__frist", "deltagelse__kommune__kode")
    )
    return [
        Opgave(
            LEVERANCER,
            f"Gennemse “{kl.dataleverance.titel}” fra {kl.deltagelse.kommune.navn}",
            reverse("evaluering:kommuneleverance", args=[kl.dataleverance_id, kl.deltagelse.kommune.kode]),
            kommune=kl.deltagelse.kommune.navn,
        )
        for kl in leverancer
    ]


def _forsinket_pr_kommune() -> list[Opgave]:
    """One line per municipality that owes deliveries after their deadline, the oldest deadline first."""
    pr_kommune = (
        efter_fristen()
        .values("deltagelse__kommune__navn", "deltagelse__kommune__kode", "deltagelse__program_id")
        .annotate(antal=Count("pk"), aeldste=Min("dataleverance__frist"))
        .order_by("aeldste", "deltagelse__kommune__kode")
    )
    return [
        Opgave(
            FORSINKET,
            f"{r['deltagelse__kommune__navn']} mangler {tal(r['antal'])} "
            f"{'leverance' if r['antal'] == 1 else 'leverancer'} efter fristen",
            reverse("evaluering:kommunestatus", args=[r["deltagelse__program_id"], r["deltagelse__kommune__kode"]]),
            frist=r["aeldste"],
            kommune=r["deltagelse__kommune__navn"],
        )
        for r in pr_kommune
    ]


def _moeder_at_afslutte(user) -> list[Opgave]:
    """Held meetings: attendance missing for some participants, minutes written but not approved (2 queries)."""
    opgaver = [
        Opgave(
            MOEDER,
            f"Registrér fremmødet ved {m.titel.lower()} den {dato(dansk_tid(m.start))}",
            reverse("evaluering:fremmoede", args=[m.pk]),
        )
        for m in moeder_uden_fremmoede(user)
    ]
    return opgaver + [
        Opgave(
            MOEDER,
            f"Godkend referatet af {m.titel.lower()} den {dato(dansk_tid(m.start))}",
            reverse("evaluering:referat_godkend", args=[m.pk]),
        )
        for m in referater_til_godkendelse(user)
    ]


def til_projektleder(user) -> list[Opgave]:
    """Each delivery the lead's municipalities still owe, with its deadline and the ministry's comment when it was
    sent back, and each held meeting their municipality has not said whether it attended (3 queries)."""
    return _leverancer_at_indsende(user) + [
        Opgave(
            MOEDER,
            f"Meld {ejefald(svar.kommune.navn)} fremmøde ved {svar.moede.titel.lower()} den "
            f"{dato(dansk_tid(svar.moede.start))}",
            svar.url,
            kommune=svar.kommune.navn,
        )
        for svar in manglende_fremmoedesvar(user)
    ]


def _leverancer_at_indsende(user) -> list[Opgave]:
    leverancer = (
        Kommuneleverance.objects.filter(deltagelse__kommune__in=kommuner_til_skrivning(user), status__in=UDESTAAENDE)
        .select_related("dataleverance", "deltagelse__kommune")
        .order_by("dataleverance__frist", "deltagelse__kommune__kode")
    )
    opgaver = []
    for kl in leverancer:
        tilbage = kl.status == Leverancestatus.SENDT_TILBAGE
        opgaver.append(
            Opgave(
                MINE_LEVERANCER,
                f"{'Ret og indsend' if tilbage else 'Indsend'} “{kl.dataleverance.titel}” for "
                f"{kl.deltagelse.kommune.navn}",
                reverse("evaluering:kommuneleverance", args=[kl.dataleverance_id, kl.deltagelse.kommune.kode]),
                frist=kl.dataleverance.frist,
                kommune=kl.deltagelse.kommune.navn,
                bemaerkning=kl.kommentar if tilbage else "",
            )
        )
    return opgaver


def _aabnet(user, *, felt: str, ting: str = "pk", efter: str | None = None) -> Exists:
    """Whether the user has opened the thing the outer row names (`ting`; `felt` of the seen mark, models.Laest), and
    when `efter` names a time of the outer row, opened it at that time or later."""
    maerker = Laest.objects.filter(bruger=user, **{felt: OuterRef(ting)})
    if efter:
        maerker = maerker.filter(tidspunkt__gte=OuterRef(efter))
    return Exists(maerker)


def til_evaluator(user, *, siden: datetime | None) -> list[Opgave]:
    """What is new since `siden` (the user's previous login; None: everything) and since the user last opened it:
    per delivery, how many municipalities' submissions the ministry has approved after both, and each report package
    made since `siden` that the user has not opened (2 queries)."""
    indsendelser = indsendelser_til_laesning(user).filter(
        ~_aabnet(user, felt="dataleverance", ting="kommuneleverance__dataleverance", efter="vurderet"),
        resultat=Leverancestatus.GODKENDT,
    )
    pakker = rapportpakker_til_laesning(user).exclude(dannet_af=user).filter(~_aabnet(user, felt="rapportpakke"))
    if siden is not None:
        indsendelser = indsendelser.filter(vurderet__gt=siden)
        pakker = pakker.filter(dannet__gt=siden)
    pr_leverance = (
        indsendelser.values("kommuneleverance__dataleverance_id", "kommuneleverance__dataleverance__titel")
        .annotate(antal=Count("kommuneleverance__deltagelse", distinct=True), seneste=Max("vurderet"))
        .order_by("-seneste")
    )
    opgaver = [
        Opgave(
            NYT,
            f"“{r['kommuneleverance__dataleverance__titel']}”: {tal(r['antal'])} "
            f"{'kommune' if r['antal'] == 1 else 'kommuner'} godkendt",
            reverse("evaluering:dataleverance", args=[r["kommuneleverance__dataleverance_id"]]),
        )
        for r in pr_leverance
    ]
    return opgaver + [
        Opgave(NYT, f"Ny rapportpakke: {p.filnavn}", reverse("evaluering:rapportpakke", args=[p.pk]))
        for p in pakker.order_by("-dannet", "-pk")
    ]


def til_styregruppe(user, *, siden: datetime | None) -> list[Opgave]:
    """The next meeting's agenda until the user has opened the meeting after it last changed, and the minutes of each
    of their meetings approved since `siden` (the previous login; None: all) that they have not opened since the
    approval (2 queries)."""
    return _dagsorden_at_laese(user) + _referater_at_laese(user, siden=siden)


def _dagsorden_at_laese(user) -> list[Opgave]:
    """A meeting changes when it or an agenda item is saved; moving or deleting an item touches the meeting
    (services/moeder.py), so a changed agenda brings the task back."""
    punkt_aendret = Dagsordenspunkt.objects.filter(moede=OuterRef("pk")).order_by("-aendret").values("aendret")[:1]
    moede = (
        kommende_moeder(user)
        .annotate(sidst_aendret=Greatest("aendret", Subquery(punkt_aendret)))
        .annotate(laest=_aabnet(user, felt="moede", efter="sidst_aendret"))
        .first()
    )
    if moede is None or moede.laest:
        return []
    return [
        Opgave(
            MOEDER,
            f"Læs dagsordenen til næste møde: {moede.titel.lower()} den {dato(dansk_tid(moede.start))}",
            reverse("evaluering:moede", args=[moede.pk]),
            frist=moede.start,
        )
    ]


def _referater_at_laese(user, *, siden: datetime | None) -> list[Opgave]:
    moeder = moeder_inviteret_til(user).filter(
        ~_aabnet(user, felt="moede", efter="referat_godkendt"), referat_godkendt__isnull=False
    )
    if siden is not None:
        moeder = moeder.filter(referat_godkendt__gt=siden)
    return [
        Opgave(
            MOEDER,
            f"Læs referatet af {m.titel.lower()} den {dato(dansk_tid(m.start))}",
            reverse("evaluering:moede", args=[m.pk]),
        )
        for m in moeder.order_by("-start", "-pk")
    ]


def forsinkede_leverancer_pr_deltagelse(program) -> dict[int, int]:
    """Per participation in the programme: how many deliveries it owes after their deadline (1 query)."""
    return dict(
        efter_fristen()
        .filter(deltagelse__program=program)
        .values("deltagelse_id")
        .annotate(antal=Count("pk"))
        .values_list("deltagelse_id", "antal")
    )
