"""Programmes: the list, the ministry's create/edit forms, and each programme's hub page per role."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, QuerySet, Subquery, Sum
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from forebyggelse.historik import historik_for
from kommuner.forms.programmer import ProgramForm
from kommuner.models import (
    Ansoegning,
    Ansoegningsbeloeb,
    Bevilling,
    Deltagelse,
    Kommune,
    Program,
)
from kommuner.permissions import (
    access_program,
    ansoegninger_til_laesning,
    deltagelser_til_laesning,
    gaeldende_frist,
    kan_oprette_ansoegning,
    programmer_til_laesning,
)
from kommuner.roller import er_evaluator, er_ministeriet, er_projektleder, er_styregruppe, kommuner_til_skrivning
from kommuner.services import programmer as program_services


def program_liste(request):
    programmer = programmer_til_laesning(request.user)
    return render(
        request,
        "kommuner/program_liste.html",
        {"programmer": programmer, "kan_oprette": er_ministeriet(request.user)},
    )


def program_opret(request):
    if not er_ministeriet(request.user):
        raise Http404("Siden findes ikke.")
    form = ProgramForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            program = program_services.program_opret(**form.service_data())
        except ValidationError as exc:
            form.tilfoej_fejl(exc)
        else:
            messages.success(request, f"Programmet {program.navn} er oprettet.")
            return redirect("kommuner:program", pk=program.pk)
    return render(request, "kommuner/program_form.html", {"form": form, "program": None})


def program_rediger(request, pk):
    program = access_program(request.user, pk, skriv=True)
    form = ProgramForm(request.POST or None, program=program)
    if request.method == "POST" and form.is_valid():
        try:
            program = program_services.program_opdater(program=program, **form.service_data())
        except ValidationError as exc:
            form.tilfoej_fejl(exc)
        else:
            messages.success(request, f"Ændringerne i {program.navn} er gemt.")
            return redirect("kommuner:program", pk=program.pk)
    return render(request, "kommuner/program_form.html", {"form": form, "program": program})


def program_detalje(request, pk):
    program = access_program(request.user, pk)
    user = request.user
    context = {"program": program, "frist_overskredet": timezone.now() > program.ansoegningsfrist}
    if er_ministeriet(user):
        context |= {
            "visning": "ministeriet",
            "ansoegninger": ansoegninger_i_program(program),
            "deltagelser": deltagelser_til_laesning(user).filter(program=program).order_by("kommune__kode"),
            "historik": programmets_historik(program),
        }
    elif er_projektleder(user):
        context |= {"visning": "projektleder", "mine_kommuner": mine_kommuner_i_program(user, program)}
    elif er_evaluator(user):
        context |= {
            "visning": "evaluator",
            "ansoegninger": ansoegninger_til_laesning(user).filter(program=program).order_by("kommune__kode"),
            "deltagelser": deltagelser_til_laesning(user).filter(program=program).order_by("kommune__kode"),
        }
    elif er_styregruppe(user):
        context |= {
            "visning": "styregruppe",
            "deltagelser": deltagelser_til_laesning(user).filter(program=program).order_by("kommune__kode"),
        }
    return render(request, "kommuner/program_detalje.html", context)


# Reads for the hub page ----------------------------------------------------------------------------


def ansoegninger_i_program(program: Program) -> QuerySet[Ansoegning]:
    """Every municipality's application in the programme, drafts included (the ministry sees only their
    status), with the amount applied for and granted summed in the same query."""
    ansoegt = (
        Ansoegningsbeloeb.objects.filter(ansoegning=OuterRef("pk"))
        .values("ansoegning")
        .annotate(i_alt=Sum("beloeb"))
        .values("i_alt")
    )
    bevilget = (
        Bevilling.objects.filter(deltagelse__program=OuterRef("program"), deltagelse__kommune=OuterRef("kommune"))
        .values("deltagelse")
        .annotate(i_alt=Sum("bevilget"))
        .values("i_alt")
    )
    return (
        Ansoegning.objects.filter(program=program)
        .select_related("kommune", "afgoerelse")
        .annotate(ansoegt_i_alt=Subquery(ansoegt), bevilget_i_alt=Subquery(bevilget))
        .order_by("kommune__kode")
    )


@dataclass
class MinKommune:
    """One of a project lead's municipalities, as the programme page shows it to the lead."""

    kommune: Kommune
    ansoegning: Ansoegning | None
    kan_oprette: bool
    grund: str
    deltager: bool
    genaabnet_til: datetime | None = None


def mine_kommuner_i_program(user, program: Program) -> list[MinKommune]:
    """The lead's own municipalities only: nothing about any other municipality is ever loaded."""
    ansoegninger = {
        a.kommune_id: a
        for a in ansoegninger_til_laesning(user)
        .filter(program=program)
        .select_related("afgoerelse")
        .prefetch_related("genaabninger")
    }
    deltagere = set(deltagelser_til_laesning(user).filter(program=program).values_list("kommune_id", flat=True))
    raekker = []
    for kommune in kommuner_til_skrivning(user).order_by("kode"):
        ansoegning = ansoegninger.get(kommune.pk)
        kan, grund = (False, "") if ansoegning else kan_oprette_ansoegning(user, program, kommune)
        raekke = MinKommune(kommune, ansoegning, kan, grund, kommune.pk in deltagere)
        if ansoegning and gaeldende_frist(ansoegning) > program.ansoegningsfrist:
            raekke.genaabnet_til = gaeldende_frist(ansoegning)
        raekker.append(raekke)
    return raekker


# The programme's own changes and its participations; changes to applications are shown on their own pages
# (and a draft's content is the municipality's until it is submitted).
PROGRAMMETS_HISTORIK = {str(m._meta.verbose_name).capitalize() for m in (Program, Deltagelse)}


def programmets_historik(program: Program):
    return [h for h in historik_for(program) if h.hvad in PROGRAMMETS_HISTORIK]
