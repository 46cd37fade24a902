"""Decision and grant (ministry only), the budget per participant and year, and the municipality's spending."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from forebyggelse.adgang import kraev
from forebyggelse.forms import service_fejl_paa_form
from forebyggelse.http import require_safe_or_POST
from kommuner.forms.bevillinger import AfgoerelseForm, ForbrugForm
from kommuner.models import Afgoerelse, Deltagelse
from kommuner.permissions import (
    access_ansoegning_til_vurdering,
    access_deltagelse,
    access_program,
    kan_registrere_forbrug,
    kan_traeffe_afgoerelse,
)
from kommuner.selectors import budget_for, historik_for_afgoerelse, historik_for_deltagelse
from kommuner.services.bevillinger import afgoerelse_traef, forbrug_registrer


@require_safe_or_POST
def afgoerelse(request, pk):
    ansoegning = access_ansoegning_til_vurdering(request.user, pk)
    kan_afgoeres, grund = kan_traeffe_afgoerelse(request.user, ansoegning)
    truffet = Afgoerelse.objects.filter(ansoegning=ansoegning).select_related("truffet_af").first()
    deltagelse = Deltagelse.objects.med_totaler().filter(ansoegning=ansoegning).first()
    bevillinger = list(deltagelse.bevillinger.all()) if deltagelse else []
    form = AfgoerelseForm(request.POST or None, ansoegning=ansoegning, afgoerelse=truffet, bevillinger=bevillinger)
    if request.method == "POST":
        kraev((kan_afgoeres, grund))
        if form.is_valid():
            try:
                ny = afgoerelse_traef(
                    ansoegning=ansoegning,
                    udvalgt=form.cleaned_data["udvalgt"],
                    begrundelse=form.cleaned_data["begrundelse"],
                    bevillinger=form.bevillinger,
                    bruger=request.user,
                )
            except ValidationError as exc:
                service_fejl_paa_form(form, exc)
            else:
                udfald = "udvalgt" if ny.udvalgt else "ikke udvalgt"
                messages.success(
                    request,
                    f"Afgørelsen er gemt: {ansoegning.kommune.navn} er {udfald}. Kommunens projektledere får besked "
                    "på e-mail.",
                )
                return redirect("kommuner:afgoerelse", pk=ansoegning.pk)
    return render(
        request,
        "kommuner/afgoerelse.html",
        {
            "ansoegning": ansoegning,
            "afgoerelse": truffet,
            "deltagelse": deltagelse,
            "bevillinger": bevillinger,
            "kan_afgoeres": kan_afgoeres,
            "grund": grund,
            "form": form,
            "historik": historik_for_afgoerelse(request.user, ansoegning, request.GET.get("historik")),
        },
    )


@require_safe
def budget(request, pk):
    program = access_program(request.user, pk)
    return render(request, "kommuner/budget.html", {"program": program, "budget": budget_for(program, request.user)})


@require_safe_or_POST
def forbrug_rediger(request, pk):
    deltagelse = access_deltagelse(request.user, pk)
    kraev(kan_registrere_forbrug(request.user, deltagelse))
    bevillinger = list(deltagelse.bevillinger.all())
    form = ForbrugForm(request.POST or None, bevillinger=bevillinger)
    if request.method == "POST" and bevillinger and form.is_valid():
        try:
            forbrug_registrer(deltagelse=deltagelse, forbrug=form.forbrug, bruger=request.user)
        except ValidationError as exc:
            service_fejl_paa_form(form, exc)
        else:
            messages.success(request, f"Forbruget for {deltagelse.kommune.navn} er gemt.")
            return redirect("kommuner:budget", pk=deltagelse.program_id)
    return render(
        request,
        "kommuner/forbrug.html",
        {
            "deltagelse": deltagelse,
            "bevillinger": bevillinger,
            "form": form,
            "historik": historik_for_deltagelse(request.user, deltagelse, request.GET.get("historik")),
        },
    )
