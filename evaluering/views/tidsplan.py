"""The programme's timeline: the chart and its table for everyone, the ministry's forms to keep it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from evaluering.diagrammer import tidsplan_svg
from evaluering.forms import KopierFraProgramForm, TidsplanpunktForm
from evaluering.permissions import access_tidsplanpunkt, kan_redigere_tidsplan
from evaluering.selectors import kilder_til_tidsplan, tidsplan_for
from evaluering.services import tidsplan as services
from forebyggelse.adgang import kraev
from forebyggelse.forms import service_fejl_paa_form
from forebyggelse.http import require_safe_or_POST
from kommuner.permissions import access_program
from kommuner.selectors import milepaele_i_program


def _kopiform(request, program, data=None) -> KopierFraProgramForm:
    return KopierFraProgramForm(
        data,
        kilder=kilder_til_tidsplan(program, request.user),
        enhed="punkt,punkter",
        knap="Kopiér tidsplanen",
        action=reverse("evaluering:tidsplan_kopier", args=[program.pk]),
    )


@require_safe
def tidsplan(request, pk):
    program = access_program(request.user, pk)
    plan = tidsplan_for(program, request.user)
    kan_redigere = kan_redigere_tidsplan(request.user, program)[0]
    # A timeline is copied only into an empty one, so the form is offered only then.
    kopiform = _kopiform(request, program) if kan_redigere and not program.tidsplanpunkter.exists() else None
    return render(
        request,
        "evaluering/tidsplan.html",
        {
            "program": program,
            "tidsplan": plan,
            "svg": tidsplan_svg(plan),
            "kommunernes_milepaele": [d for d in milepaele_i_program(request.user, program, plan.i_dag) if d.plan],
            "kan_redigere": kan_redigere,
            "kopiform": kopiform if kopiform and kopiform.fields["fra"].queryset.exists() else None,
        },
    )


@require_safe_or_POST
def tidsplan_kopier(request, pk):
    program = access_program(request.user, pk)
    kraev(kan_redigere_tidsplan(request.user, program))
    form = _kopiform(request, program, request.POST or None)
    if request.method == "POST" and form.is_valid():
        fra = form.cleaned_data["fra"]
        try:
            punkter = services.tidsplan_kopier(fra=fra, til=program, bruger=request.user)
        except ValidationError as exc:
            service_fejl_paa_form(form, exc)
        else:
            antal = len(punkter)
            messages.success(
                request,
                f"{antal} {pluralize(antal, 'punkt,punkter')} er kopieret fra {fra.navn}. Ret dem, der ikke passer.",
            )
            return redirect("evaluering:tidsplan", pk=program.pk)
    return render(
        request,
        "evaluering/kopier_fra_program.html",
        {
            "program": program,
            "form": form,
            "afsnit": "evaluering/_kopier_tidsplan.html",
            "titel": "Kopiér tidsplanen fra et andet program",
            "tilbage": reverse("evaluering:tidsplan", args=[program.pk]),
            "tilbage_tekst": "Tilbage til tidsplanen",
        },
    )


@require_safe_or_POST
def tidsplanpunkt_opret(request, pk):
    program = access_program(request.user, pk)
    kraev(kan_redigere_tidsplan(request.user, program))
    form = TidsplanpunktForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            punkt = services.tidsplanpunkt_opret(program=program, **form.service_data())
        except ValidationError as exc:
            service_fejl_paa_form(form, exc)
        else:
            messages.success(request, f"{punkt.titel} er føjet til tidsplanen.")
            return redirect("evaluering:tidsplan", pk=program.pk)
    return render(request, "evaluering/tidsplanpunkt_form.html", {"program": program, "form": form, "punkt": None})


@require_safe_or_POST
def tidsplanpunkt_rediger(request, pk):
    punkt = access_tidsplanpunkt(request.user, pk)
    kraev(kan_redigere_tidsplan(request.user, punkt.program))
    form = TidsplanpunktForm(request.POST or None, punkt=punkt)
    if request.method == "POST" and form.is_valid():
        try:
            punkt = services.tidsplanpunkt_opdater(punkt=punkt, **form.service_data())
        except ValidationError as exc:
            service_fejl_paa_form(form, exc)
        else:
            messages.success(request, f"{punkt.titel} er gemt.")
            return redirect("evaluering:tidsplan", pk=punkt.program_id)
    return render(
        request, "evaluering/tidsplanpunkt_form.html", {"program": punkt.program, "form": form, "punkt": punkt}
    )


@require_POST
def tidsplanpunkt_slet(request, pk):
    punkt = access_tidsplanpunkt(request.user, pk)
    kraev(kan_redigere_tidsplan(request.user, punkt.program))
    services.tidsplanpunkt_slet(punkt=punkt)
    messages.success(request, f"{punkt.titel} er fjernet fra tidsplanen.")
    return redirect("evaluering:tidsplan", pk=punkt.program_id)
