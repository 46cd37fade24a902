"""Loading objects for a user, and what the user may do with them.

`access_*` loaders filter by what the user may see and give the same 404 for "missing" and "not yours".
`kan_*` predicates return (allowed, reason): state first, then role, one condition per line. The view checks
them (one layer); the services guard only state, again under their row locks. See decision record 0005:
404 when the user may not read the object (or it is the ministry's assessment work), 403 with the reason when
the user may read it but not do this.
"""

from datetime import datetime

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from forebyggelse import tid
from forebyggelse.adgang import get_or_404
from forebyggelse.formatering import tidspunkt
from forebyggelse.historik import Historikadgang
from forebyggelse.roller import er_evaluator, er_ministeriet, er_projektleder, rolle
from kommuner.models import (
    TEKSTFELTER,
    Afgoerelse,
    Afsnit,
    Ansoegning,
    AnsoegningStatus,
    Bilag,
    Deltagelse,
    Forudsaetning,
    Genaabningsanmodning,
    Kommune,
    Kriterie,
    Kvittering,
    Milepael,
    Program,
    ProgramStatus,
    Projektdeltager,
    Vurdering,
)
from kommuner.roller import historikadgang, kommuner_til_laesning, kommuner_til_skrivning, skriver_for

IKKE_MINISTERIET = "Kun ministeriet kan gøre dette."


def for_kommuner(queryset: QuerySet, user, *, kommune_felt: str = "kommune", skriv: bool = False) -> QuerySet:
    """Narrow any queryset of municipal objects to those whose kommune the user may read (or write)."""
    tilladte = kommuner_til_skrivning(user) if skriv else kommuner_til_laesning(user)
    return queryset.filter(**{f"{kommune_felt}__in": tilladte})


# Municipalities ------------------------------------------------------------------------------------


def access_kommune(user, kode: str) -> Kommune:
    return get_or_404(kommuner_til_laesning(user).med_gruppe(), kode=kode)


def kan_skifte_kommunegruppe(user, kommune: Kommune) -> tuple[bool, str]:
    if not er_ministeriet(user):
        return False, "Kun ministeriet kan ændre, hvilke kommuner en kommune sammenlignes med."
    return True, ""


def kan_redigere_oplysninger(user, kommune: Kommune) -> tuple[bool, str]:
    if not skriver_for(user, kommune.pk):
        return False, "Kun kommunens egne projektledere og ministeriet kan ændre kommunens oplysninger."
    return True, ""


def kan_se_historik(user, kommune: Kommune | None = None) -> tuple[bool, str]:
    """The history rule (kommuner.roller.historikadgang) as a predicate, for a page that is all history.
    `kommune` None: a programme-level object, the ministry's alone."""
    if historikadgang(user, kommune.pk if kommune is not None else None) is not Historikadgang.INGEN:
        return True, ""
    return False, "Historikken kan kun ses af ministeriet og kommunens egne projektledere."


# Programmes ----------------------------------------------------------------------------------------


def programmer_til_laesning(user) -> QuerySet[Program]:
    return Program.objects.all() if rolle(user) else Program.objects.none()


def access_program(user, pk) -> Program:
    return get_or_404(programmer_til_laesning(user), pk=pk)


def kan_oprette_program(user) -> tuple[bool, str]:
    if not er_ministeriet(user):
        return False, "Kun ministeriet kan oprette programmer."
    return True, ""


def kan_redigere_program(user, program: Program) -> tuple[bool, str]:
    if not er_ministeriet(user):
        return False, "Kun ministeriet kan ændre et program."
    return True, ""


# A programme's set-up (decision record 0056): the ministry sets up the application form and the assessment. Others
# read the form through their application and never the assessors' guidance, so the set-up pages are the ministry's.


def kan_redigere_opsaetning(user, program: Program) -> tuple[bool, str]:
    if not er_ministeriet(user):
        return False, "Kun ministeriet kan se og ændre programmets opsætning."
    return True, ""


def _punkt_i_program(model, user, pk):
    qs = model.objects.select_related("opsaetning__program")
    return get_or_404(qs.filter(opsaetning__program__in=programmer_til_laesning(user)), pk=pk)


def access_afsnit(user, pk) -> Afsnit:
    return _punkt_i_program(Afsnit, user, pk)


def access_forudsaetning(user, pk) -> Forudsaetning:
    return _punkt_i_program(Forudsaetning, user, pk)


def access_kriterie(user, pk) -> Kriterie:
    return _punkt_i_program(Kriterie, user, pk)


def kan_oprette_ansoegning(user, program: Program, kommune: Kommune) -> tuple[bool, str]:
    if program.status != ProgramStatus.AABEN:
        return False, "Programmet er ikke åbent for interessetilkendegivelser."
    if not er_projektleder(user):
        return False, "Kun kommunale projektledere kan udfylde en interessetilkendegivelse."
    if not skriver_for(user, kommune.pk):
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


def access_ansoegning_til_side(user, pk) -> Ansoegning:
    """The application page's object: everything it shows loaded at once, but no receipt's PDF bytes."""
    qs = (
        ansoegninger_til_laesning(user)
        .med_totaler()
        .select_related("afgoerelse", "deltagelse", "indsendt_af", "opsaetning")
        .prefetch_related(
            "beloeb",
            "svar",
            "opsaetning__afsnit",
            "bilag",
            "genaabninger",
            "genaabningsanmodninger",
            "deltagelse__bevillinger",
            Prefetch("kvitteringer", queryset=Kvittering.objects.defer("pdf")),
        )
    )
    return get_or_404(qs, pk=pk)


def access_ansoegning_til_status(user, pk) -> Ansoegning:
    """An application whose status the ministry handles (reopening), drafts included: the ministry sees a
    draft's status, never its content. The municipality's own leads load it as usual."""
    if er_ministeriet(user):
        return get_or_404(Ansoegning.objects.uden_tekst().select_related("program", "kommune"), pk=pk)
    return access_ansoegning(user, pk)


def redigerbar_tilstand(ansoegning: Ansoegning) -> tuple[bool, str]:
    """Whether the application's state allows changes, whoever asks (services check this too, under lock)."""
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
    if (nu or tid.nu()) > frist:
        return (
            False,
            f"Fristen for at indsende var {tidspunkt(frist)}. Har I brug for at indsende alligevel, kan I bede "
            "ministeriet om at genåbne.",
        )
    return True, ""


def gaeldende_frist(ansoegning: Ansoegning) -> datetime:
    """The programme's deadline, or a later one the ministry has reopened this application until."""
    genaabninger = [g.aaben_til for g in ansoegning.genaabninger.all()]
    return max([ansoegning.program.ansoegningsfrist, *genaabninger])


def kan_redigere_ansoegning(user, ansoegning: Ansoegning) -> tuple[bool, str]:
    ok, grund = redigerbar_tilstand(ansoegning)
    if not ok:
        return False, grund
    if not er_projektleder(user):
        return False, "Kun kommunens projektledere kan ændre interessetilkendegivelsen."
    if not skriver_for(user, ansoegning.kommune_id):
        return False, "Du er ikke projektleder for denne kommune."
    return True, ""


def kan_indsende(user, ansoegning: Ansoegning, nu: datetime | None = None) -> tuple[bool, str]:
    ok, grund = kan_redigere_ansoegning(user, ansoegning)
    if not ok:
        return False, grund
    return inden_fristen(ansoegning, nu)


def er_udvalgt(ansoegning: Ansoegning) -> bool:
    """Whether a decision has selected the municipality: its grant rests on what was submitted."""
    return Afgoerelse.objects.filter(ansoegning_id=ansoegning.pk, udvalgt=True).exists()


def kan_sende_tilbage(user, ansoegning: Ansoegning) -> tuple[bool, str]:
    if ansoegning.status != AnsoegningStatus.INDSENDT:
        return False, "Kun en indsendt interessetilkendegivelse kan sendes tilbage."
    if er_udvalgt(ansoegning):
        return False, AFGOERELSE_TRUFFET
    if not er_ministeriet(user):
        return False, "Kun ministeriet kan sende en interessetilkendegivelse tilbage."
    return True, ""


AFGOERELSE_TRUFFET = (
    "Kommunen er udvalgt, og bevillingen bygger på det indsendte, så interessetilkendegivelsen kan ikke sendes "
    "tilbage. Ændr afgørelsen til ikke udvalgt først, hvis kommunen skal rette i den."
)


def kan_genaabne(user, ansoegning: Ansoegning, nu: datetime | None = None) -> tuple[bool, str]:
    nu = nu or tid.nu()
    if ansoegning.status == AnsoegningStatus.INDSENDT:
        return False, "Interessetilkendegivelsen er allerede indsendt."
    if nu <= gaeldende_frist(ansoegning):
        return False, "Fristen er ikke overskredet; kommunen kan stadig indsende."
    if not er_ministeriet(user):
        return False, "Kun ministeriet kan genåbne."
    return True, ""


# Requests to reopen: a lead asks, the ministry answers -------------------------------------------------


def genaabningsanmodninger_til_laesning(user) -> QuerySet[Genaabningsanmodning]:
    """The ministry reads every request (it answers them); a lead reads their own municipality's; nobody else."""
    qs = Genaabningsanmodning.objects.select_related(
        "ansoegning__program", "ansoegning__kommune", "oprettet_af", "besvaret_af"
    ).defer(*(f"ansoegning__{felt}" for felt in TEKSTFELTER))
    if er_ministeriet(user):
        return qs
    if er_projektleder(user):
        return qs.filter(ansoegning__kommune__in=kommuner_til_skrivning(user))
    return qs.none()


def access_genaabningsanmodning(user, pk) -> Genaabningsanmodning:
    return get_or_404(genaabningsanmodninger_til_laesning(user), pk=pk)


def aaben_anmodning(ansoegning: Ansoegning) -> Genaabningsanmodning | None:
    """The request the ministry has not answered yet (at most one), from the prefetched requests if loaded."""
    return next((a for a in ansoegning.genaabningsanmodninger.all() if a.aaben), None)


def anmodning_mulig(ansoegning: Ansoegning, nu: datetime | None = None) -> tuple[bool, str]:
    """Whether the application's state lets its municipality ask for a reopening, whoever asks (the service checks
    this again under the application's lock)."""
    if ansoegning.status == AnsoegningStatus.INDSENDT:
        return False, "Interessetilkendegivelsen er indsendt."
    if ansoegning.status == AnsoegningStatus.SENDT_TILBAGE:
        return False, "Ministeriet har sendt interessetilkendegivelsen tilbage, så I kan indsende den igen nu."
    if (nu or tid.nu()) <= gaeldende_frist(ansoegning):
        return False, "Fristen er ikke overskredet; I kan stadig indsende."
    if aaben_anmodning(ansoegning) is not None:
        return False, "I har allerede bedt ministeriet om at genåbne. Vent på ministeriets svar."
    return True, ""


def kan_anmode_om_genaabning(user, ansoegning: Ansoegning, nu: datetime | None = None) -> tuple[bool, str]:
    ok, grund = anmodning_mulig(ansoegning, nu)
    if not ok:
        return False, grund
    if not er_projektleder(user):
        return False, "Kun kommunens projektledere kan bede ministeriet om at genåbne."
    if not skriver_for(user, ansoegning.kommune_id):
        return False, "Du er ikke projektleder for denne kommune."
    return True, ""


def kan_afvise_genaabningsanmodning(user, anmodning: Genaabningsanmodning) -> tuple[bool, str]:
    if not anmodning.aaben:
        return False, "Ministeriet har allerede svaret på anmodningen."
    if not er_ministeriet(user):
        return False, "Kun ministeriet kan svare på en anmodning om genåbning."
    return True, ""


def access_bilag(user, pk) -> Bilag:
    return get_or_404(
        Bilag.objects.select_related("ansoegning__program", "ansoegning__kommune").filter(
            ansoegning__in=ansoegninger_til_laesning(user)
        ),
        pk=pk,
    )


def access_kvittering(user, pk) -> Kvittering:
    return get_or_404(
        Kvittering.objects.select_related("ansoegning__kommune").filter(ansoegning__in=ansoegninger_til_laesning(user)),
        pk=pk,
    )


# Assessment and decision: the ministry's work, which nobody else may learn of ----------------------


def kan_vurdere(user) -> tuple[bool, str]:
    if not er_ministeriet(user):
        return False, IKKE_MINISTERIET
    return True, ""


def vurderinger_til_laesning(user) -> QuerySet[Vurdering]:
    if not er_ministeriet(user):
        return Vurdering.objects.none()
    return Vurdering.objects.select_related("ansoegning__kommune", "ansoegning__program", "bedoemmer")


def access_vurdering(user, pk) -> Vurdering:
    return get_or_404(vurderinger_til_laesning(user), pk=pk)


def access_ansoegning_til_vurdering(user, pk) -> Ansoegning:
    """Applications the ministry assesses or decides on: submitted at least once; 404 for everybody else."""
    if not er_ministeriet(user):
        raise Http404("Siden findes ikke.")
    return get_or_404(ansoegninger_til_laesning(user).med_totaler(), pk=pk)


def access_program_til_vurdering(user, pk) -> Program:
    """The side-by-side comparison of a programme's assessments: 404 for everybody but the ministry."""
    if not er_ministeriet(user):
        raise Http404("Siden findes ikke.")
    return access_program(user, pk)


def kan_traeffe_afgoerelse(user, ansoegning: Ansoegning) -> tuple[bool, str]:
    if ansoegning.status == AnsoegningStatus.SENDT_TILBAGE:
        return (
            False,
            "Interessetilkendegivelsen er sendt tilbage til kommunen. Der kan træffes afgørelse, når kommunen har "
            "indsendt den igen.",
        )
    if ansoegning.status != AnsoegningStatus.INDSENDT:
        return (
            False,
            "Der kan kun træffes afgørelse om en indsendt interessetilkendegivelse. Denne er ikke indsendt lige nu.",
        )
    if not er_ministeriet(user):
        return False, IKKE_MINISTERIET
    return True, ""


# Participation and grants --------------------------------------------------------------------------


def deltagelser_til_laesning(user) -> QuerySet[Deltagelse]:
    return for_kommuner(Deltagelse.objects.select_related("program", "kommune"), user)


def access_deltagelse(user, pk) -> Deltagelse:
    return get_or_404(deltagelser_til_laesning(user), pk=pk)


def kan_registrere_forbrug(user, deltagelse: Deltagelse) -> tuple[bool, str]:
    if not skriver_for(user, deltagelse.kommune_id):
        return False, "Kun kommunens egne projektledere og ministeriet kan registrere forbruget."
    return True, ""


# The municipality's own project organisation and milestone plan (decision record 0055): read like the
# participation itself, written only by the municipality's own leads.


def _i_deltagelse(model, user, pk):
    qs = model.objects.select_related("deltagelse__program", "deltagelse__kommune")
    return get_or_404(qs.filter(deltagelse__in=deltagelser_til_laesning(user)), pk=pk)


def access_projektdeltager(user, pk) -> Projektdeltager:
    return _i_deltagelse(Projektdeltager, user, pk)


def access_milepael(user, pk) -> Milepael:
    return _i_deltagelse(Milepael, user, pk)


def kan_redigere_organisation(user, deltagelse: Deltagelse) -> tuple[bool, str]:
    if not er_projektleder(user):
        return False, "Kun kommunens egne projektledere kan ændre projektorganisationen og milepælsplanen."
    if not skriver_for(user, deltagelse.kommune_id):
        return False, "Du er ikke projektleder for denne kommune."
    return True, ""


def kan_melde_udfoert(user, milepael: Milepael) -> tuple[bool, str]:
    if milepael.udfoert is not None:
        return False, "Milepælen er allerede meldt udført."
    return kan_redigere_organisation(user, milepael.deltagelse)
