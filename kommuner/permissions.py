"""Loading objects for a user, and what the user may do with them.

`access_*` loaders filter by what the user may see and give the same 404 for "missing" and "not yours".
`kan_*` predicates return (allowed, reason): state first, then role, one condition per line.
"""

from datetime import datetime

from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils import timezone

from forebyggelse.formatering import tidspunkt
from kommuner.models import (
    Ansoegning,
    AnsoegningStatus,
    Bilag,
    Deltagelse,
    Kommune,
    Program,
    ProgramStatus,
    Vurdering,
)
from kommuner.roller import (
    er_evaluator,
    er_ministeriet,
    er_projektleder,
    kommuner_til_laesning,
    kommuner_til_skrivning,
    rolle,
)


def for_kommuner(queryset: QuerySet, user, *, kommune_felt: str = "kommune", skriv: bool = False) -> QuerySet:
    """Narrow any queryset of municipal objects to those whose kommune the user may read (or write)."""
    tilladte = kommuner_til_skrivning(user) if skriv else kommuner_til_laesning(user)
    return queryset.filter(**{f"{kommune_felt}__in": tilladte})


def get_or_404(queryset: QuerySet, **lookup) -> Model:
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError) as exc:
        raise Http404("Siden findes ikke.") from exc


def access_kommune(user, kode: str, *, skriv: bool = False) -> Kommune:
    tilladte = kommuner_til_skrivning(user) if skriv else kommuner_til_laesning(user)
    return get_or_404(tilladte.with_gruppe(), kode=kode)


# Programmes ----------------------------------------------------------------------------------------


def programmer_til_laesning(user) -> QuerySet[Program]:
    return Program.objects.all() if rolle(user) else Program.objects.none()


def access_program(user, pk, *, skriv: bool = False) -> Program:
    if skriv and not er_ministeriet(user):
        raise Http404("Siden findes ikke.")
    return get_or_404(programmer_til_laesning(user), pk=pk)


def kan_oprette_ansoegning(user, program: Program, kommune: Kommune) -> tuple[bool, str]:
    if program.status != ProgramStatus.AABEN:
        return False, "Programmet er ikke åbent for interessetilkendegivelser."
    if not er_projektleder(user):
        return False, "Kun kommunale projektledere kan udfylde en interessetilkendegivelse."
    if not kommuner_til_skrivning(user).filter(pk=kommune.pk).exists():
        return False, "Du er ikke projektleder for denne kommune."
    return True, ""


# Expressions of interest ---------------------------------------------------------------------------


def ansoegninger_til_laesning(user) -> QuerySet[Ansoegning]:
    """A lead reads their own municipality's, drafts included; the ministry and the evaluator read what has
    been submitted at least once; nobody else reads applications."""
    qs = Ansoegning.objects.select_related("program", "kommune")
    if er_projektleder(user):
        return qs.filter(kommune__in=kommuner_til_skrivning(user))
    if er_ministeriet(user) or er_evaluator(user):
        return qs.filter(indsendt__isnull=False)
    return qs.none()


def access_ansoegning(user, pk) -> Ansoegning:
    return get_or_404(ansoegninger_til_laesning(user), pk=pk)


def access_ansoegning_til_redigering(user, pk) -> Ansoegning:
    """Only the municipality's own leads ever write to an application."""
    if not er_projektleder(user):
        raise Http404("Siden findes ikke.")
    return get_or_404(ansoegninger_til_laesning(user), pk=pk)


def redigerbar_tilstand(ansoegning: Ansoegning) -> tuple[bool, str]:
    """Whether the application's state allows changes, whoever asks (services check this too)."""
    if ansoegning.status == AnsoegningStatus.INDSENDT:
        return (
            False,
            "Interessetilkendegivelsen er indsendt og kan ikke ændres, medmindre ministeriet sender den tilbage.",
        )
    return True, ""


def inden_fristen(ansoegning: Ansoegning, nu: datetime | None = None) -> tuple[bool, str]:
    """Whether the application may be submitted now: before its deadline, or sent back for changes."""
    if ansoegning.status == AnsoegningStatus.SENDT_TILBAGE:
        return True, ""  # the ministry asked for changes, so it expects the application back
    frist = gaeldende_frist(ansoegning)
    if (nu or timezone.now()) > frist:
        tid = tidspunkt(frist)
        return (
            False,
            f"Fristen for at indsende var {tid}. Kontakt ministeriet, hvis I har brug for at indsende alligevel.",
        )
    return True, ""


def kan_redigere_ansoegning(user, ansoegning: Ansoegning) -> tuple[bool, str]:
    ok, grund = redigerbar_tilstand(ansoegning)
    if not ok:
        return False, grund
    if not er_projektleder(user):
        return False, "Kun kommunens projektledere kan ændre interessetilkendegivelsen."
    if not kommuner_til_skrivning(user).filter(pk=ansoegning.kommune_id).exists():
        return False, "Du er ikke projektleder for denne kommune."
    return True, ""


def gaeldende_frist(ansoegning: Ansoegning) -> datetime:
    """The programme's deadline, or a later one the ministry has reopened this application until."""
    genaabninger = [g.aaben_til for g in ansoegning.genaabninger.all()]
    return max([ansoegning.program.ansoegningsfrist, *genaabninger])


def kan_indsende(user, ansoegning: Ansoegning, nu: datetime | None = None) -> tuple[bool, str]:
    ok, grund = kan_redigere_ansoegning(user, ansoegning)
    if not ok:
        return False, grund
    return inden_fristen(ansoegning, nu)


def access_ansoegning_til_genaabning(user, pk) -> Ansoegning:
    """The ministry may reopen any municipality's application, drafts included, without reading its content."""
    if not er_ministeriet(user):
        raise Http404("Siden findes ikke.")
    return get_or_404(Ansoegning.objects.select_related("program", "kommune"), pk=pk)


def kan_genaabne(user, ansoegning: Ansoegning, nu: datetime | None = None) -> tuple[bool, str]:
    nu = nu or timezone.now()
    if ansoegning.status == AnsoegningStatus.INDSENDT:
        return False, "Interessetilkendegivelsen er allerede indsendt."
    if nu <= gaeldende_frist(ansoegning):
        return False, "Fristen er ikke overskredet; kommunen kan stadig indsende."
    if not er_ministeriet(user):
        return False, "Kun ministeriet kan genåbne."
    return True, ""


def access_bilag(user, pk) -> Bilag:
    return get_or_404(
        Bilag.objects.select_related("ansoegning__program", "ansoegning__kommune").filter(
            ansoegning__in=ansoegninger_til_laesning(user)
        ),
        pk=pk,
    )


# Assessment: the ministry's alone ------------------------------------------------------------------


def kan_vurdere(user) -> bool:
    return er_ministeriet(user)


def vurderinger_til_laesning(user) -> QuerySet[Vurdering]:
    if not kan_vurdere(user):
        return Vurdering.objects.none()
    return Vurdering.objects.select_related("ansoegning__kommune", "ansoegning__program", "bedoemmer")


def access_vurdering(user, pk) -> Vurdering:
    return get_or_404(vurderinger_til_laesning(user), pk=pk)


def access_ansoegning_til_vurdering(user, pk) -> Ansoegning:
    """Applications the ministry assesses or decides on: submitted at least once; 404 for everybody else."""
    if not kan_vurdere(user):
        raise Http404("Siden findes ikke.")
    return access_ansoegning(user, pk)


# Participation and grants --------------------------------------------------------------------------


def deltagelser_til_laesning(user) -> QuerySet[Deltagelse]:
    return for_kommuner(Deltagelse.objects.select_related("program", "kommune"), user)


def access_deltagelse(user, pk, *, skriv: bool = False) -> Deltagelse:
    qs = for_kommuner(Deltagelse.objects.select_related("program", "kommune"), user, skriv=skriv)
    return get_or_404(qs, pk=pk)
