"""Programmes: the list, the ministry's create/edit forms, and each programme's hub page per role."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from forebyggelse import tid
from forebyggelse.adgang import kraev
from forebyggelse.forms import service_fejl_paa_form
from forebyggelse.http import require_safe_or_POST
from forebyggelse.roller import er_evaluator, er_ministeriet, er_projektleder, er_styregruppe
from kommuner.forms.ansoegninger import GenaabningsanmodningForm
from kommuner.forms.programmer import ProgramForm
from kommuner.permissions import (
    access_program,
    ansoegninger_til_laesning,
    deltagelser_til_laesning,
    kan_oprette_program,
    kan_redigere_program,
    programmer_til_laesning,
)
from kommuner.selectors import ansoegninger_i_program, historik_for_program, mine_kommuner_i_program
from kommuner.services import programmer as program_services


@require_safe
def program_liste(request):
    programmer = programmer_til_laesning(request.user)
    return render(
        request,
        "kommuner/program_liste.html",
        {"programmer": programmer, "kan_oprette": kan_oprette_program(request.user)[0]},
    )


@require_safe_or_POST
def program_opret(request):
    kraev(kan_oprette_program(request.user))
    form = ProgramForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            program = program_services.program_opret(**form.service_data())
        except ValidationError as exc:
            service_fejl_paa_form(form, exc)
        else:
            messages.success(request, f"Programmet {program.navn} er oprettet.")
            return redirect("kommuner:program", pk=program.pk)
    return render(request, "kommuner/program_form.html", {"form": form, "program": None})


@require_safe_or_POST
def program_rediger(request, pk):
    program = access_program(request.user, pk)
    kraev(kan_redigere_program(request.user, program))
    form = ProgramForm(request.POST or None, program=program)
    if request.method == "POST" and form.is_valid():
        try:
            program = program_services.program_opdater(program=program, **form.service_data())
        except ValidationError as exc:
            service_fejl_paa_form(form, exc)
        else:
            messages.success(request, f"Ændringerne i {program.navn} er gemt.")
            return redirect("kommuner:program", pk=program.pk)
    return render(request, "kommuner/program_form.html", {"form": form, "program": program})


def _deltagere(user, program) -> dict:
    """The participants the user may read. Their strategies are strategi's section of the page (strategi/apps.py)."""
    deltagelser = deltagelser_til_laesning(user).filter(program=program).select_related("kommune")
    return {"deltagelser": list(deltagelser.order_by("kommune__kode"))}


@require_safe
def program_detalje(request, pk):
    program = access_program(request.user, pk)
    user = request.user
    context = {
        "program": program,
        "frist_overskredet": tid.nu() > program.ansoegningsfrist,
        "kan_redigere": kan_redigere_program(user, program)[0],
    }
    # Each role's own view of the programme: what they work with, and nothing they may not read.
    if er_ministeriet(user):
        context |= {
            "visning": "ministeriet",
            "ansoegninger": ansoegninger_i_program(program),
            **_deltagere(user, program),
            "historik": historik_for_program(user, program, request.GET.get("historik")),
        }
    elif er_projektleder(user):
        mine_kommuner = mine_kommuner_i_program(user, program)
        for raekke in mine_kommuner:
            if raekke.anmodning and raekke.anmodning.kan_anmode:
                raekke.anmodning.form = GenaabningsanmodningForm(ansoegning=raekke.ansoegning)
        context |= {"visning": "projektleder", "mine_kommuner": mine_kommuner}
    elif er_evaluator(user):
        context |= {
            "visning": "evaluator",
            "ansoegninger": ansoegninger_til_laesning(user)
            .filter(program=program)
            .uden_tekst()
            .order_by("kommune__kode"),
            **_deltagere(user, program),
        }
    elif er_styregruppe(user):
        context |= {
            "visning": "styregruppe",
            **_deltagere(user, program),
        }
    return render(request, "kommuner/program_detalje.html", context)
