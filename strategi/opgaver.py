"""What in strategi's data is a task, and for whom (forebyggelse/opgaver.py; gathered per role in portal/opgaver.py).
Each function is a fixed number of queries, whatever the number of participants."""

from datetime import date

from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils.text import Truncator

from forebyggelse import tid
from forebyggelse.formatering import ejefald, tal
from forebyggelse.opgaver import Opgave
from kommuner.models import ProgramStatus
from kommuner.roller import kommuner_til_skrivning
from strategi.models import GODKENDTE, Handling, Kommentar, Kommentarart, Maal, Opfoelgning, Strategi, StrategiStatus
from strategi.permissions import strategier_til_laesning
from strategi.selectors import fremskridt_sendt_tilbage, fremskridt_til_gennemsyn, mine_deltagelser

GODKEND = "Strategier til godkendelse"
STRATEGI = "Forebyggelsesstrategien"
HANDLINGER = "Handlinger, der er forsinkede"
FREMSKRIDT = "Fremskridt at se"
FREMSKRIDT_TILBAGE = "Fremskridt sendt tilbage"
OPFOELGNING = "Opfølgninger på mål"


def til_ministeriet(user) -> list[Opgave]:
    """Each strategy submitted for approval, and each strategy with progress the user has not seen (2 queries)."""
    return _strategier_til_godkendelse(user) + _nye_fremskridt(user)


def _strategier_til_godkendelse(user) -> list[Opgave]:
    strategier = (
        strategier_til_laesning(user)
        .filter(status=StrategiStatus.INDSENDT)
        .med_kommune()
        .order_by("indsendt", "deltagelse__kommune__kode")
    )
    return [
        Opgave(
            GODKEND,
            f"Godkend {ejefald(s.deltagelse.kommune.navn)} forebyggelsesstrategi, eller send den tilbage",
            reverse("strategi:strategi", args=[s.pk]),
            kommune=s.deltagelse.kommune.navn,
        )
        for s in strategier
    ]


def _nye_fremskridt(user) -> list[Opgave]:
    pr_strategi: dict[int, list] = {}
    for fremskridt in fremskridt_til_gennemsyn(user):
        pr_strategi.setdefault(fremskridt.strategi_id, []).append(fremskridt)
    opgaver = []
    for strategi_id, nye in pr_strategi.items():
        kommune = nye[0].strategi.deltagelse.kommune.navn
        opgaver.append(
            Opgave(
                FREMSKRIDT,
                f"Se {tal(len(nye))} {'nyt fremskridt' if len(nye) == 1 else 'nye fremskridt'} i {ejefald(kommune)} "
                "handleplan",
                reverse("strategi:fremskridt", args=[strategi_id]),
                kommune=kommune,
            )
        )
    return opgaver


def til_projektleder(user) -> list[Opgave]:
    """The strategy each of the lead's participations owes while its programme runs (from its start: to create, to
    submit, to correct after the ministry's comment), every late action of an approved strategy, and each goal the
    municipality measures itself without a follow-up this year (4 queries)."""
    opgaver = []
    for raekke in mine_deltagelser(user):
        deltagelse, strategi = raekke.deltagelse, raekke.strategi
        if deltagelse.program.status == ProgramStatus.AFSLUTTET:
            continue
        kommune = deltagelse.kommune.navn
        # A programme that has not begun asks for no strategy yet.
        if strategi is None and deltagelse.program.startdato <= tid.i_dag():
            opgaver.append(
                Opgave(
                    STRATEGI,
                    f"Opret {ejefald(kommune)} forebyggelsesstrategi",
                    f"{reverse('kommuner:program', args=[deltagelse.program_id])}#strategier-overskrift",
                    kommune=kommune,
                )
            )
    opgaver += _strategier_at_indsende(user)
    return opgaver + _fremskridt_sendt_tilbage(user) + _forsinkede_handlinger(user) + _opfoelgninger_der_mangler(user)


def _fremskridt_sendt_tilbage(user) -> list[Opgave]:
    opgaver = []
    for fremskridt in fremskridt_sendt_tilbage(user):
        kommentarer = list(fremskridt.kommentarer.all())
        opgaver.append(
            Opgave(
                FREMSKRIDT_TILBAGE,
                f"Ret fremskridtet på handlingen “{fremskridt.handling.titel}”",
                reverse("strategi:fremskridt_rediger", args=[fremskridt.pk]),
                kommune=fremskridt.strategi.deltagelse.kommune.navn,
                bemaerkning=max(kommentarer, key=lambda k: k.pk).tekst if kommentarer else "",
            )
        )
    return opgaver


def _strategier_at_indsende(user) -> list[Opgave]:
    seneste_tilbagesendelse = Kommentar.objects.filter(
        strategi=OuterRef("pk"), art=Kommentarart.SENDT_TILBAGE
    ).order_by("-skrevet", "-pk")
    strategier = (
        Strategi.objects.exclude(deltagelse__program__status=ProgramStatus.AFSLUTTET)
        .filter(
            deltagelse__kommune__in=kommuner_til_skrivning(user),
            status__in=(StrategiStatus.KLADDE, StrategiStatus.SENDT_TILBAGE),
        )
        .med_kommune()
        .annotate(tilbage_fordi=Subquery(seneste_tilbagesendelse.values("tekst")[:1]))
        .order_by("deltagelse__kommune__kode")
    )
    opgaver = []
    for s in strategier:
        tilbage = s.status == StrategiStatus.SENDT_TILBAGE
        opgaver.append(
            Opgave(
                STRATEGI,
                f"{'Ret og indsend' if tilbage else 'Gør færdig og indsend'} {ejefald(s.deltagelse.kommune.navn)} "
                "forebyggelsesstrategi",
                reverse("strategi:strategi", args=[s.pk]),
                kommune=s.deltagelse.kommune.navn,
                bemaerkning=(s.tilbage_fordi or "") if tilbage else "",
            )
        )
    return opgaver


def _forsinkede_handlinger(user) -> list[Opgave]:
    handlinger = (
        Handling.objects.filter(
            strategi__deltagelse__kommune__in=kommuner_til_skrivning(user), strategi__status__in=GODKENDTE
        )
        .med_forsinkelse(tid.i_dag())
        .filter(forsinket=True)
        .select_related("strategi__deltagelse__kommune")
        .order_by("slut", "pk")
    )
    return [
        Opgave(
            HANDLINGER,
            f"Meld fremskridt på handlingen “{h.titel}”",
            reverse("strategi:fremskridt_opret", args=[h.pk]),
            frist=h.slut,
            kommune=h.strategi.deltagelse.kommune.navn,
        )
        for h in handlinger
    ]


def _opfoelgninger_der_mangler(user) -> list[Opgave]:
    """Each goal of an approved strategy in a running programme that the municipality measures itself (an indicator
    goal is followed up by the social profile's new figures) and that has no follow-up dated this year, due at the
    year's end: the programme follows its goals up once a year, as the annual review does."""
    aar = tid.i_dag().year
    start, slut = date(aar, 1, 1), date(aar, 12, 31)
    maal = (
        Maal.objects.filter(
            strategi__deltagelse__kommune__in=kommuner_til_skrivning(user),
            strategi__status__in=GODKENDTE,
            strategi__deltagelse__program__status=ProgramStatus.I_GANG,
            indikator__isnull=True,
        )
        .annotate(fulgt_op=Exists(Opfoelgning.objects.filter(maal=OuterRef("pk"), dato__gte=start, dato__lte=slut)))
        .filter(fulgt_op=False)
        .select_related("strategi__deltagelse__kommune")
        .order_by("strategi__deltagelse__kommune__kode", "pk")
    )
    return [
        Opgave(
            OPFOELGNING,
            f"Registrér opfølgning på målet “{Truncator(m.tekst).chars(90)}”",
            reverse("strategi:opfoelgning_opret", args=[m.pk]),
            frist=slut,
            kommune=m.strategi.deltagelse.kommune.navn,
        )
        for m in maal
    ]
