"""Who may see and do what with key figures and social profiles (docs/decisions/0010-roller-paa-profiler.md).

- Everyone logged in with a role reads every municipality's published figures: the catalogue, the profile
  page, its charts, map and PDF. They are official statistics, suppressed; approved own figures join them.
- A municipality's findings are read by the ministry, the evaluator, the steering group and its own leads.
- The ministry and a municipality's own leads choose the profile's indicators and write its findings; only the
  ministry changes its comparison group. Where the programme the municipality takes part in has chosen the
  indicators for its profiles (the ministry's choice, per programme), the municipality's own choice is not used.
- A lead enters and submits their own municipality's own figures; the ministry approves or returns them; the
  ministry and the evaluator read them once submitted. Nobody else sees them.
- Data administration is the ministry's alone: raw values, imports and undo, the catalogue, approvals.
- Exports are for the ministry and the evaluator.
The evaluator and the steering group never change anything (403).

`access_*` loaders give the same 404 for "missing" and "not yours"; `kan_*` predicates return (allowed, reason),
state first, then role, one condition per line, and are checked in the views.
"""

from django.db.models import QuerySet
from django.http import Http404

from forebyggelse.adgang import get_or_404
from forebyggelse.roller import er_evaluator, er_ministeriet, er_projektleder, er_styregruppe, rolle
from kommuner.models import Kommune, Program
from kommuner.permissions import access_program
from kommuner.roller import kommuner_til_skrivning, skriver_for
from profiler.models import ImportKoersel, Indberetning, IndberetningStatus, Indikator, Koerselstilstand

KUN_MINISTERIET = "Kun ministeriet kan administrere nøgletallene."


def _egen_kommune(user, kommune: Kommune) -> bool:
    return skriver_for(user, kommune.pk)


# Profiles and the catalogue: published figures, read by every role ------------------------------------------


def profiler_til_laesning(user) -> QuerySet[Kommune]:
    return Kommune.objects.med_gruppe() if rolle(user) else Kommune.objects.none()


def access_profil(user, kode: str) -> Kommune:
    """The municipality whose profile is asked for: any of the 98 for every role."""
    return get_or_404(profiler_til_laesning(user), kode=kode)


def indikatorer_til_laesning(user) -> QuerySet[Indikator]:
    return Indikator.objects.select_related("del_af") if rolle(user) else Indikator.objects.none()


def access_indikator(user, kode: str) -> Indikator:
    return get_or_404(indikatorer_til_laesning(user), kode=kode)


def kan_se_fund(user, kommune: Kommune) -> tuple[bool, str]:
    if er_ministeriet(user) or er_evaluator(user) or er_styregruppe(user):
        return True, ""
    if not _egen_kommune(user, kommune):
        return False, "Fundene er kommunens egne."
    return True, ""


def kan_skrive_fund(user, kommune: Kommune) -> tuple[bool, str]:
    if er_ministeriet(user):
        return True, ""
    if not er_projektleder(user):
        return False, "Kun ministeriet og kommunens projektledere kan skrive fund."
    if not _egen_kommune(user, kommune):
        return False, "Du er ikke projektleder for denne kommune."
    return True, ""


def kan_vaelge_indikatorer(user, kommune: Kommune) -> tuple[bool, str]:
    if er_ministeriet(user):
        return True, ""
    if not er_projektleder(user):
        return False, "Kun ministeriet og kommunens projektledere kan vælge profilens nøgletal."
    if not _egen_kommune(user, kommune):
        return False, "Du er ikke projektleder for denne kommune."
    return True, ""


def kommunens_valg_gaelder(programmets: Program | None) -> tuple[bool, str]:
    """Whether a municipality's own choice of indicators is what its profile shows: not while `programmets`, the
    programme its profile follows, has chosen its own (profilside.Udvalg.program)."""
    if programmets is not None:
        return False, (
            f"Ministeriet har valgt nøgletallene i profilerne for {programmets.navn}. Kommunens eget valg bruges "
            "ikke, så længe programmet har sit eget udvalg."
        )
    return True, ""


def access_program_til_noegletal(user, pk) -> Program:
    """The programme whose profiles' indicators are chosen: the ministry's set-up; 404 for everybody else."""
    if not er_ministeriet(user):
        raise Http404("Siden findes ikke.")
    return access_program(user, pk)


def kan_skifte_sammenligningsgruppe(user, kommune: Kommune) -> tuple[bool, str]:
    if not er_ministeriet(user):
        return False, "Kun ministeriet kan ændre profilens sammenligningsgruppe."
    return True, ""


def kan_eksportere(user) -> tuple[bool, str]:
    if not (er_ministeriet(user) or er_evaluator(user)):
        return False, "Kun ministeriet og evaluator kan hente nøgletallene som fil."
    return True, ""


# Data administration: the ministry's alone ------------------------------------------------------------------


def kan_administrere_noegletal(user) -> tuple[bool, str]:
    if not er_ministeriet(user):
        return False, KUN_MINISTERIET
    return True, ""


def access_importkoersel(user, pk) -> ImportKoersel:
    qs = ImportKoersel.objects.select_related("indikator", "oprettet_af", "gennemfoert_af", "fortrudt_af")
    if not er_ministeriet(user):
        qs = qs.none()
    return get_or_404(qs.defer("fil"), pk=pk)


def beholdt_importfil(user, pk) -> ImportKoersel | None:
    """The file of the user's own refused upload, to try again without choosing it again; None for anything
    else (another user's, a run that is not refused, a file not kept, an id that is no id), so a form can say so
    without telling whose or which file it was."""
    tekst = str(pk or "")
    if not er_ministeriet(user) or not tekst.isascii() or not tekst.isdigit() or int(tekst) >= 2**63:
        return None
    return (
        ImportKoersel.objects.filter(pk=int(tekst), tilstand=Koerselstilstand.AFVIST, oprettet_af=user)
        .exclude(fil=b"")
        .first()
    )


def kan_gennemfoere_import(user, koersel: ImportKoersel) -> tuple[bool, str]:
    if koersel.tilstand != Koerselstilstand.FORHAANDSVIST:
        return False, f"Importen er {koersel.get_tilstand_display().lower()}."
    return kan_administrere_noegletal(user)


def kan_fortryde_import(user, koersel: ImportKoersel) -> tuple[bool, str]:
    if koersel.tilstand != Koerselstilstand.GENNEMFOERT:
        return False, "Kun en gennemført import kan fortrydes."
    return kan_administrere_noegletal(user)


# Own figures ---------------------------------------------------------------------------------------------


def indberetninger_til_laesning(user) -> QuerySet[Indberetning]:
    """A lead reads their own municipality's reports, drafts included; the ministry and the evaluator read those
    submitted at least once; nobody else reads them."""
    qs = Indberetning.objects.select_related("kommune", "indsendt_af", "behandlet_af")
    if er_projektleder(user):
        return qs.filter(kommune__in=kommuner_til_skrivning(user))
    if er_ministeriet(user) or er_evaluator(user):
        return qs.filter(indsendt__isnull=False)
    return qs.none()


def access_indberetninger(user, kode: str) -> Kommune:
    """The municipality whose own figures are asked for: the own leads', the ministry's and the evaluator's."""
    if er_projektleder(user):
        return get_or_404(kommuner_til_skrivning(user).med_gruppe(), kode=kode)
    if er_ministeriet(user) or er_evaluator(user):
        return get_or_404(Kommune.objects.med_gruppe(), kode=kode)
    raise Http404("Siden findes ikke.")


def access_indberetning(user, kommune: Kommune, aar: int) -> Indberetning | None:
    """The year's report; None where a lead may start it; 404 for anyone else when it is missing or not theirs."""
    fundet = indberetninger_til_laesning(user).filter(kommune=kommune, aar=aar).first()
    if fundet is None and not (er_projektleder(user) and _egen_kommune(user, kommune)):
        raise Http404("Siden findes ikke.")
    return fundet


def kan_redigere_indberetning(user, kommune: Kommune, indberetning: Indberetning | None) -> tuple[bool, str]:
    if indberetning is not None and not indberetning.er_redigerbar:
        return False, f"Tallene er {indberetning.get_status_display().lower()} og kan ikke ændres."
    if not er_projektleder(user):
        return False, "Kun kommunens projektledere indberetter kommunens egne tal."
    if not _egen_kommune(user, kommune):
        return False, "Du er ikke projektleder for denne kommune."
    return True, ""


def kan_behandle_indberetninger(user) -> tuple[bool, str]:
    if not er_ministeriet(user):
        return False, "Kun ministeriet godkender kommunernes egne tal."
    return True, ""


def kan_behandle_indberetning(user, indberetning: Indberetning | None) -> tuple[bool, str]:
    if indberetning is None or indberetning.status != IndberetningStatus.INDSENDT:
        return False, "Kun indsendte tal kan godkendes eller sendes tilbage."
    return kan_behandle_indberetninger(user)
