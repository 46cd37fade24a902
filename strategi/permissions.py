"""Loading strategies and their parts for a user, and what the user may do with them (decision record 0005).

Who reads a strategy:
- the municipality's own project leads: always, drafts included;
- every other project lead and the steering group: once the ministry has approved it (knowledge sharing);
- the ministry and the evaluator: once it has been submitted (a draft is the municipality's own).
Everyone else reads none. A strategy the user may not read is 404, whatever the page; a strategy the user may read
but not change is 403 with the reason from the `kan_*` predicate.
"""

from django.db.models import Q, QuerySet

from forebyggelse import tid
from forebyggelse.adgang import get_or_404
from forebyggelse.roller import er_evaluator, er_ministeriet, er_projektleder, er_styregruppe
from kommuner.models import Deltagelse, Kommune, Program
from kommuner.permissions import kan_se_historik as kan_se_kommunens_historik
from kommuner.roller import kommuner_til_skrivning, skriver_for
from strategi.models import (
    GODKENDTE,
    REDIGERBARE,
    Aarsgennemgang,
    Aktoer,
    Delstrategi,
    Fremskridt,
    Handling,
    Indsatsomraade,
    Maal,
    Maalgruppe,
    Opfoelgning,
    Strategi,
    StrategiBilag,
    StrategiStatus,
    Strategiversion,
    Tilbud,
)

KUN_PROJEKTLEDERE = "Kun kommunens egne projektledere kan ændre strategien."
IKKE_DIN_KOMMUNE = "Du er ikke projektleder for denne kommune."
IKKE_MINISTERIET = "Kun ministeriet kan gøre dette."
INDSENDT = (
    "Strategien er indsendt og afventer ministeriet. Den kan ikke ændres, medmindre ministeriet sender den tilbage."
)
GODKENDT = (
    "Strategien er godkendt af ministeriet og kan ikke ændres. Handlingerne planlægges om ved den årlige gennemgang."
)
IKKE_GODKENDT = "Strategien er ikke godkendt af ministeriet endnu."
FREMSKRIDT_FOER_GODKENDELSE = (
    "Fremskridt registreres, når ministeriet har godkendt strategien. Indtil da rettes handlingen i handleplanen."
)


def strategier_til_laesning(user) -> QuerySet[Strategi]:
    qs = Strategi.objects.med_kommune()
    if er_projektleder(user):
        return qs.filter(Q(deltagelse__kommune__in=kommuner_til_skrivning(user)) | Q(status__in=GODKENDTE))
    if er_ministeriet(user) or er_evaluator(user):
        return qs.filter(foerst_indsendt__isnull=False)
    if er_styregruppe(user):
        return qs.filter(status__in=GODKENDTE)
    return qs.none()


def access_strategi(user, pk) -> Strategi:
    return get_or_404(strategier_til_laesning(user), pk=pk)


def dele_til_laesning(model, user) -> QuerySet:
    """The parts of one kind (goals, actions, follow-ups, offers …) the user may read: those of the strategies the
    user may read. Progress has its own rule (`fremskridt_til_laesning`)."""
    return model.objects.filter(strategi__in=strategier_til_laesning(user))


def _del(model, user, pk, *related: str):
    """A part of a strategy the user may read, with its strategy (and `related`) loaded in the same query."""
    qs = dele_til_laesning(model, user).select_related(
        "strategi__deltagelse__program", "strategi__deltagelse__kommune", *related
    )
    return get_or_404(qs, pk=pk)


def access_indsatsomraade(user, pk) -> Indsatsomraade:
    return _del(Indsatsomraade, user, pk)


def access_delstrategi(user, pk) -> Delstrategi:
    return _del(Delstrategi, user, pk, "indsatsomraade")


def access_maalgruppe(user, pk) -> Maalgruppe:
    return _del(Maalgruppe, user, pk)


def access_aktoer(user, pk) -> Aktoer:
    return _del(Aktoer, user, pk)


def access_maal(user, pk) -> Maal:
    return _del(Maal, user, pk, "indikator", "indsatsomraade", "delstrategi", "bidrager_til")


def access_opfoelgning(user, pk) -> Opfoelgning:
    return _del(Opfoelgning, user, pk, "maal")


def access_handling(user, pk) -> Handling:
    return _del(Handling, user, pk, "indsatsomraade")


def access_tilbud(user, pk) -> Tilbud:
    return _del(Tilbud, user, pk)


def access_gennemgang(user, pk) -> Aarsgennemgang:
    return _del(Aarsgennemgang, user, pk, "version_foer", "gennemfoert_af")


def access_bilag(user, pk) -> StrategiBilag:
    """An annex (child policy, documentation of a follow-up or of progress) goes with its strategy: whoever reads one
    reads the other; the documentation of a sent-back progress update goes with the update."""
    qs = dele_til_laesning(StrategiBilag, user).select_related(
        "strategi__deltagelse__program", "strategi__deltagelse__kommune", "opfoelgning"
    )
    qs = qs.filter(Q(fremskridt__isnull=True) | Q(fremskridt__in=fremskridt_til_laesning(user)))
    return get_or_404(qs, pk=pk)


def fremskridt_til_laesning(user) -> QuerySet[Fremskridt]:
    """Progress goes with its strategy, except an update sent back: until the municipality has corrected it, only
    those who read the ministry's comments see it (the ministry, the evaluator and the municipality's own leads)."""
    qs = dele_til_laesning(Fremskridt, user)
    if er_ministeriet(user) or er_evaluator(user):
        return qs
    if er_projektleder(user):
        return qs.filter(Q(sendt_tilbage=False) | Q(strategi__deltagelse__kommune__in=kommuner_til_skrivning(user)))
    return qs.filter(sendt_tilbage=False)


def access_fremskridt(user, pk) -> Fremskridt:
    qs = fremskridt_til_laesning(user).select_related(
        "strategi__deltagelse__program", "strategi__deltagelse__kommune", "handling"
    )
    return get_or_404(qs, pk=pk)


def access_version(user, strategi: Strategi, nummer) -> Strategiversion:
    return get_or_404(Strategiversion.objects.filter(strategi=strategi), nummer=nummer)


# What the user may do -------------------------------------------------------------------------------


def _egen_projektleder(user, kommune: Kommune) -> tuple[bool, str]:
    if not er_projektleder(user):
        return False, KUN_PROJEKTLEDERE
    if not skriver_for(user, kommune.pk):
        return False, IKKE_DIN_KOMMUNE
    return True, ""


def redigerbar_tilstand(strategi: Strategi) -> tuple[bool, str]:
    """Whether the strategy's state allows changes, whoever asks (the services check this again, under lock)."""
    if strategi.status == StrategiStatus.INDSENDT:
        return False, INDSENDT
    if strategi.status not in REDIGERBARE:
        return False, GODKENDT
    return True, ""


def kan_oprette_strategi(user, deltagelse: Deltagelse) -> tuple[bool, str]:
    if Strategi.objects.filter(deltagelse=deltagelse).exists():
        return False, "Kommunen har allerede en strategi i dette program."
    return _egen_projektleder(user, deltagelse.kommune)


def kan_redigere(user, strategi: Strategi) -> tuple[bool, str]:
    ok, grund = redigerbar_tilstand(strategi)
    if not ok:
        return False, grund
    return _egen_projektleder(user, strategi.kommune)


def kan_kommentere(user, strategi: Strategi) -> tuple[bool, str]:
    if strategi.foerst_indsendt is None:
        return False, "Strategien er ikke indsendt endnu."
    if not er_ministeriet(user):
        return False, "Kun ministeriet kan kommentere strategien."
    return True, ""


def kan_behandle(user, strategi: Strategi) -> tuple[bool, str]:
    """Approve or send back: the ministry, on a submitted strategy."""
    if strategi.status != StrategiStatus.INDSENDT:
        return False, "Kun en indsendt strategi kan godkendes eller sendes tilbage."
    if not er_ministeriet(user):
        return False, "Kun ministeriet kan godkende en strategi eller sende den tilbage."
    return True, ""


def kan_registrere_vedtagelse(user, strategi: Strategi) -> tuple[bool, str]:
    if strategi.status not in GODKENDTE:
        return False, "Strategien kan først registreres som politisk vedtaget, når ministeriet har godkendt den."
    return _egen_projektleder(user, strategi.kommune)


def kan_foelge_op(user, strategi: Strategi) -> tuple[bool, str]:
    if strategi.status not in GODKENDTE:
        return False, "Opfølgningen begynder, når ministeriet har godkendt strategien."
    if not er_projektleder(user):
        return False, "Kun kommunens egne projektledere kan registrere opfølgninger."
    if not skriver_for(user, strategi.kommune.pk):
        return False, IKKE_DIN_KOMMUNE
    return True, ""


def kan_registrere_fremskridt(user, strategi: Strategi) -> tuple[bool, str]:
    """Progress on the actions, at any time once the plan is approved (the plan itself stays locked until the annual
    review)."""
    if strategi.status not in GODKENDTE:
        return False, FREMSKRIDT_FOER_GODKENDELSE
    if not er_projektleder(user):
        return False, "Kun kommunens egne projektledere kan registrere fremskridt."
    if not skriver_for(user, strategi.kommune.pk):
        return False, IKKE_DIN_KOMMUNE
    return True, ""


def kan_kommentere_fremskridt(user, fremskridt: Fremskridt) -> tuple[bool, str]:
    if not er_ministeriet(user):
        return False, "Kun ministeriet kan kommentere fremskridt eller sende det tilbage."
    return True, ""


def kan_gennemgaa(user, strategi: Strategi) -> tuple[bool, str]:
    """The annual review, once for each of the programme's years."""
    if strategi.status not in GODKENDTE:
        return False, "Den årlige gennemgang begynder, når ministeriet har godkendt strategien."
    gennemgaaede = set(strategi.gennemgange.values_list("aar", flat=True))
    if set(strategi.program.aar) <= gennemgaaede:
        return False, "Strategien er gennemgået for alle programmets år."
    if max(gennemgaaede, default=0) >= strategi.program.aar[-1]:
        return False, "Strategien er gennemgået for programmets sidste år."
    if strategi.forfaldent_gennemgangsaar() is None:
        i_aar = tid.i_dag().year
        if i_aar < strategi.program.aar[0]:
            return False, f"Den første årlige gennemgang kan gennemføres fra 1. januar {strategi.program.aar[0]}."
        return (
            False,
            f"Strategien er gennemgået for {i_aar}. Den næste gennemgang kan gennemføres fra 1. januar {i_aar + 1}.",
        )
    if not er_projektleder(user):
        return False, "Kun kommunens egne projektledere kan gennemføre den årlige gennemgang."
    if not skriver_for(user, strategi.kommune.pk):
        return False, IKKE_DIN_KOMMUNE
    return True, ""


def kan_se_historik(user, strategi: Strategi) -> tuple[bool, str]:
    """The ministry and the municipality's own leads, as for the rest of the municipality's data."""
    return kan_se_kommunens_historik(user, strategi.kommune)


def kan_se_kommentarer(user, strategi: Strategi) -> tuple[bool, str]:
    """The ministry's comments are between the ministry and the municipality; the evaluator reads them too."""
    if er_ministeriet(user) or er_evaluator(user):
        return True, ""
    if er_projektleder(user) and skriver_for(user, strategi.kommune.pk):
        return True, ""
    return False, "Ministeriets kommentarer læses af ministeriet, evaluator og kommunens egne projektledere."


def kan_se_oversigt(user, program: Program) -> tuple[bool, str]:
    """The table across participants: for the ministry, the steering group and the evaluator."""
    if er_ministeriet(user) or er_styregruppe(user) or er_evaluator(user):
        return True, ""
    return (
        False,
        "Oversigten på tværs af deltagerne er for ministeriet, styregruppen og evaluator. Jeres egen strategi har sit "
        "eget overblik.",
    )
