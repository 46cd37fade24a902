"""The action plan (by status and colour, late actions flagged), creating and editing an action (with the conflict
on concurrent edits), deleting one, and the theory of change."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from forebyggelse.adgang import kraev
from forebyggelse.http import require_safe_or_POST
from forebyggelse.samtidighed import Gemning, gem_fra_form
from strategi.forms import HandlingForm
from strategi.grafer import forandringsteorier
from strategi.models import FARVEFORKLARING, Farve, Handling, Indsatsomraade, Maal
from strategi.permissions import access_handling, access_strategi, kan_redigere, kan_registrere_fremskridt
from strategi.selectors import (
    handlinger_for_strategi,
    handlingstal,
    historik_for_handling,
    maal_for_strategi,
    nummerer,
    nummerer_handlinger,
)
from strategi.services import handlinger as services
from strategi.views.faelles import i_dag, ramme, slet


@require_safe
def handleplan(request, pk):
    strategi = access_strategi(request.user, pk)
    handlinger = handlinger_for_strategi(strategi, i_dag=i_dag())
    context = ramme(request, strategi, "handleplan") | {
        "handlinger": handlinger,
        "hnumre": nummerer_handlinger(handlinger),
        "mnumre": nummerer(Maal.objects.filter(strategi=strategi).only("pk", "art")),
        "tal": handlingstal(handlinger),
        "farver": [(f, FARVEFORKLARING[f]) for f in Farve],
        "i_dag": i_dag(),
        "kan_registrere_fremskridt": kan_registrere_fremskridt(request.user, strategi)[0],
    }
    return render(request, "strategi/handleplan.html", context)


def _handlingsformside(request, *, strategi, handling: Handling | None):
    form = HandlingForm(request.POST or None, strategi=strategi, handling=handling)
    gemning = Gemning()
    if request.method == "POST" and form.is_valid():
        gemning = gem_fra_form(
            form,
            lambda: services.handling_gem(
                strategi=strategi,
                handling=handling,
                indhold=form.indhold,
                version=form.cleaned_data["version"],
                bruger=request.user,
            ),
        )
        if gemt := gemning.gemt:
            messages.success(request, f"Handlingen “{gemt.titel}” er gemt.")
            return redirect(reverse("strategi:handleplan", args=[strategi.pk]) + f"#handling-{gemt.pk}")
    context = ramme(request, strategi, "handleplan") | {
        "form": form,
        "handling": handling,
        "forskelle": gemning.forskelle,
        "historik": historik_for_handling(request.user, strategi, handling, request.GET.get("historik"))
        if handling
        else None,
    }
    return render(request, "strategi/handling_form.html", context, status=gemning.status)


@require_safe_or_POST
def handling_opret(request, pk):
    strategi = access_strategi(request.user, pk)
    kraev(kan_redigere(request.user, strategi))
    return _handlingsformside(request, strategi=strategi, handling=None)


@require_safe_or_POST
def handling_rediger(request, pk):
    handling = access_handling(request.user, pk)
    kraev(kan_redigere(request.user, handling.strategi))
    return _handlingsformside(request, strategi=handling.strategi, handling=handling)


@require_POST
def handling_slet(request, pk):
    handling = access_handling(request.user, pk)
    kraev(kan_redigere(request.user, handling.strategi))
    return slet(
        request,
        slet=lambda: services.handling_slet(handling=handling, bruger=request.user),
        besked=f"Handlingen “{handling.titel}” er slettet.",
        tilbage=reverse("strategi:handleplan", args=[handling.strategi_id]),
    )


@require_safe
def forandringsteori(request, pk):
    strategi = access_strategi(request.user, pk)
    omraader = list(Indsatsomraade.objects.filter(strategi=strategi).order_by("pk"))
    maal = maal_for_strategi(strategi)
    handlinger = handlinger_for_strategi(strategi, i_dag=i_dag())
    context = ramme(request, strategi, "forandringsteori") | {"teorier": forandringsteorier(omraader, maal, handlinger)}
    return render(request, "strategi/forandringsteori.html", context)
