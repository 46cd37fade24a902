"""Loading timeline, meeting, delivery and job objects for a user, and what the user may do with them.

Every role reads a programme's timeline and meetings (it is the programme's shared calendar). A meeting's
minutes and decisions are the ministry's draft until the minutes are approved. Only the ministry plans and
changes; a municipal lead records their own municipality's attendance and submits its deliveries; the
evaluator reads every submitted delivery and changes nothing. Reports: the steering group, the evaluator and the
ministry read the programme's status report and every municipality's; a lead their own municipality's reports and
snapshots; the data exports and the report packages are the evaluator's and the ministry's. A role that may see an
object but not change it gets a reason (403); an object the user may not see gives the same 404 as a missing one.
"""

from django.db.models import QuerySet

from evaluering.models import (
    Baggrundsjob,
    Dagsordenspunkt,
    Dataleverance,
    Indsendelse,
    Jobstatus,
    Kommuneleverance,
    Leverancestatus,
    Moede,
    Moedemateriale,
    Moedestatus,
    Opfoelgningspunkt,
    Rapportpakke,
    Tidsplanpunkt,
)
from forebyggelse.adgang import get_or_404
from forebyggelse.roller import er_evaluator, er_ministeriet, er_projektleder, er_styregruppe
from kommuner.models import Deltagelse, Kommune, Program
from kommuner.permissions import for_kommuner, programmer_til_laesning
from kommuner.roller import kommuner_til_skrivning, skriver_for

KUN_MINISTERIET = "Kun ministeriet kan ændre tidsplan, møder og dataleverancer."

# Timeline -----------------------------------------------------------------------------------------


def access_tidsplanpunkt(user, pk) -> Tidsplanpunkt:
    return get_or_404(
        Tidsplanpunkt.objects.select_related("program").filter(program__in=programmer_til_laesning(user)), pk=pk
    )


def kan_redigere_tidsplan(user, program: Program) -> tuple[bool, str]:
    if not er_ministeriet(user):
        return False, KUN_MINISTERIET
    return True, ""


# Meetings -----------------------------------------------------------------------------------------


def moeder_til_laesning(user) -> QuerySet[Moede]:
    return Moede.objects.select_related("program", "tidsplanpunkt").filter(program__in=programmer_til_laesning(user))


def access_moede(user, pk) -> Moede:
    return get_or_404(moeder_til_laesning(user), pk=pk)


def access_materiale(user, pk) -> Moedemateriale:
    return get_or_404(Moedemateriale.objects.select_related("moede").filter(moede__in=moeder_til_laesning(user)), pk=pk)


def access_dagsordenspunkt(user, pk) -> Dagsordenspunkt:
    return get_or_404(
        Dagsordenspunkt.objects.select_related("moede__program").filter(moede__in=moeder_til_laesning(user)), pk=pk
    )


def access_opfoelgningspunkt(user, pk) -> Opfoelgningspunkt:
    return get_or_404(
        Opfoelgningspunkt.objects.select_related("moede").filter(moede__in=moeder_til_laesning(user)), pk=pk
    )


def laast_tilstand(moede: Moede) -> tuple[bool, str]:
    """Whether the meeting may still change, whoever asks (services check this too)."""
    if moede.er_laast:
        return False, "Referatet er godkendt, så mødet kan ikke længere ændres."
    return True, ""


def kan_se_referat(user, moede: Moede) -> tuple[bool, str]:
    """The minutes, decisions and follow-up points are the ministry's draft until the minutes are approved."""
    if er_ministeriet(user) or moede.status == Moedestatus.GODKENDT:
        return True, ""
    return False, "Referatet kan læses, når ministeriet har godkendt det."


def kan_redigere_moede(user, moede: Moede) -> tuple[bool, str]:
    ok, grund = laast_tilstand(moede)
    if not ok:
        return False, grund
    if not er_ministeriet(user):
        return False, KUN_MINISTERIET
    return True, ""


def kan_sende_invitation(user, moede: Moede) -> tuple[bool, str]:
    if moede.status != Moedestatus.PLANLAGT:
        return False, "Invitationen sendes, før mødet er afholdt."
    return kan_redigere_moede(user, moede)


def kan_markere_afholdt(user, moede: Moede) -> tuple[bool, str]:
    if moede.status != Moedestatus.PLANLAGT:
        return False, "Mødet er allerede markeret som afholdt."
    return kan_redigere_moede(user, moede)


def kan_skrive_referat(user, moede: Moede) -> tuple[bool, str]:
    if moede.status == Moedestatus.PLANLAGT:
        return False, "Referatet skrives, når mødet er afholdt."
    return kan_redigere_moede(user, moede)


def kan_godkende_referat(user, moede: Moede) -> tuple[bool, str]:
    if moede.status != Moedestatus.AFHOLDT:
        return False, "Referatet kan godkendes, når mødet er afholdt og referatet ikke allerede er godkendt."
    if not moede.har_referat():
        return False, "Skriv referatet, før det godkendes."
    return kan_redigere_moede(user, moede)


def kan_redigere_dagsorden(user, moede: Moede) -> tuple[bool, str]:
    """The agenda is what the meeting was called with: it changes until the meeting is held, then the minutes are
    written under it."""
    if moede.status != Moedestatus.PLANLAGT:
        return False, "Dagsordenen kan ændres, indtil mødet er afholdt."
    return kan_redigere_moede(user, moede)


def kommuner_for_fremmoede(user, moede: Moede) -> QuerySet[Kommune]:
    """The participating municipalities whose attendance this user may record: all for the ministry, their own
    for a lead, none for anybody else."""
    deltagere = Kommune.objects.filter(deltagelser__program_id=moede.program_id)
    if er_ministeriet(user):
        return deltagere.order_by("kode")
    if er_projektleder(user):
        return deltagere.filter(pk__in=kommuner_til_skrivning(user)).order_by("kode")
    return Kommune.objects.none()


def kan_registrere_fremmoede(user, moede: Moede) -> tuple[bool, str]:
    ok, grund = laast_tilstand(moede)
    if not ok:
        return False, grund
    if moede.status != Moedestatus.AFHOLDT:
        return False, "Fremmødet registreres, når mødet er afholdt."
    if not (er_ministeriet(user) or er_projektleder(user)):
        return False, "Kun ministeriet og kommunernes projektledere kan registrere fremmøde."
    if not kommuner_for_fremmoede(user, moede).exists():
        return False, "Din kommune deltager ikke i programmet."
    return True, ""


# Deliveries ---------------------------------------------------------------------------------------


def dataleverancer_til_laesning(user) -> QuerySet[Dataleverance]:
    return Dataleverance.objects.select_related("program").filter(program__in=programmer_til_laesning(user))


def access_dataleverance(user, pk) -> Dataleverance:
    return get_or_404(dataleverancer_til_laesning(user), pk=pk)


def leverancedeltagelser_til_laesning(user) -> QuerySet[Deltagelse]:
    """The participants whose delivery status this user sees, in every programme: every one for the ministry, the
    evaluator and the steering group; their own for a lead."""
    return for_kommuner(Deltagelse.objects.select_related("kommune"), user)


def deltagelser_i_leverancer(user, program: Program) -> QuerySet[Deltagelse]:
    """The participants of one programme whose delivery status this user sees."""
    return leverancedeltagelser_til_laesning(user).filter(program=program).order_by("kommune__kode")


def kan_oprette_dataleverance(user, program: Program) -> tuple[bool, str]:
    if not er_ministeriet(user):
        return False, "Kun ministeriet kan bestille dataleverancer."
    return True, ""


def indsendbar_tilstand(kommuneleverance: Kommuneleverance) -> tuple[bool, str]:
    """Whether the delivery may be submitted now, whoever asks (the service checks this too)."""
    if kommuneleverance.status == Leverancestatus.INDSENDT:
        return False, "Leverancen er indsendt og afventer ministeriets gennemgang. I kan indsende igen, hvis den "
        "bliver sendt tilbage."
    if kommuneleverance.status == Leverancestatus.GODKENDT:
        return False, "Leverancen er godkendt og kan ikke indsendes igen."
    return True, ""


def kan_indsende_leverance(user, kommuneleverance: Kommuneleverance) -> tuple[bool, str]:
    ok, grund = indsendbar_tilstand(kommuneleverance)
    if not ok:
        return False, grund
    if not er_projektleder(user):
        return False, "Kun kommunens projektledere kan indsende leverancen."
    if not skriver_for(user, kommuneleverance.deltagelse.kommune_id):
        return False, "Du er ikke projektleder for denne kommune."
    return True, ""


def indsendelser_til_laesning(user) -> QuerySet[Indsendelse]:
    """Snapshots: the ministry and the evaluator read every municipality's, a lead their own; nobody else."""
    qs = Indsendelse.objects.select_related(
        "kommuneleverance__dataleverance__program", "kommuneleverance__deltagelse__kommune", "indsendt_af"
    )
    if er_ministeriet(user) or er_evaluator(user):
        return qs
    if er_projektleder(user):
        return qs.filter(kommuneleverance__deltagelse__kommune__in=kommuner_til_skrivning(user))
    return qs.none()


def access_indsendelse(user, pk) -> Indsendelse:
    return get_or_404(indsendelser_til_laesning(user), pk=pk)


def kan_vurdere_indsendelse(user, indsendelse: Indsendelse) -> tuple[bool, str]:
    if indsendelse.resultat:
        return False, "Indsendelsen er allerede gennemgået."
    if indsendelse.kommuneleverance.status != Leverancestatus.INDSENDT:
        return False, "Leverancen afventer ikke gennemgang."
    if not er_ministeriet(user):
        return False, "Kun ministeriet kan godkende leverancer eller sende dem tilbage."
    return True, ""


# Background jobs ----------------------------------------------------------------------------------


def baggrundsjob_til_laesning(user) -> QuerySet[Baggrundsjob]:
    """The ministry sees every job (also the daily ones nobody started); everybody else the jobs they started."""
    if er_ministeriet(user):
        return Baggrundsjob.objects.all()
    if not user.is_authenticated:
        return Baggrundsjob.objects.none()
    return Baggrundsjob.objects.filter(bruger=user)


def access_baggrundsjob(user, pk) -> Baggrundsjob:
    return get_or_404(baggrundsjob_til_laesning(user), pk=pk)


def kan_proeve_igen(user, job: Baggrundsjob) -> tuple[bool, str]:
    if job.status != Jobstatus.FEJLET:
        return False, "Kun et job, der er fejlet, kan prøves igen."
    if not (er_ministeriet(user) or job.bruger_id == user.pk):
        return False, "Kun den, der startede jobbet, og ministeriet kan prøve det igen."
    return True, ""


# Reports, data exports and report packages --------------------------------------------------------

KUN_EVALUATOR_OG_MINISTERIET = "Data og samlede pakker kan hentes af evaluator og ministeriet."


def kan_se_programstatus(user, program: Program) -> tuple[bool, str]:
    """The programme's status report, across the participants: for the steering group, the evaluator and the
    ministry. A lead reads their own municipality's report."""
    if not (er_ministeriet(user) or er_evaluator(user) or er_styregruppe(user)):
        return False, "Programmets statusrapport er til styregruppen, evaluator og ministeriet."
    return True, ""


def access_deltagelse_i_rapport(user, program: Program, kode: str) -> Deltagelse:
    """A participant whose status report the user may read: every one for the ministry, the evaluator and the
    steering group; their own for a lead (another's is 404, as if it did not exist)."""
    return get_or_404(deltagelser_i_leverancer(user, program).select_related("program"), kommune__kode=kode)


def kan_hente_data(user, program: Program) -> tuple[bool, str]:
    """The data exports and the report packages span every participant: the evaluator's and the ministry's."""
    if not (er_ministeriet(user) or er_evaluator(user)):
        return False, KUN_EVALUATOR_OG_MINISTERIET
    return True, ""


def kan_bestille_pakke(user, program: Program) -> tuple[bool, str]:
    return kan_hente_data(user, program)


def rapportpakker_til_laesning(user) -> QuerySet[Rapportpakke]:
    if er_ministeriet(user) or er_evaluator(user):
        return Rapportpakke.objects.select_related("program", "dannet_af")
    return Rapportpakke.objects.none()


def access_rapportpakke(user, pk) -> Rapportpakke:
    return get_or_404(rapportpakker_til_laesning(user), pk=pk)
