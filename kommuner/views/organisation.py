"""A participation's own project organisation and milestone plan: one page to read, forms for the municipality's
own leads (decision record 0055)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from forebyggelse import tid
from forebyggelse.adgang import kraev
from forebyggelse.formatering import maaned
from forebyggelse.forms import service_fejl_paa_form
from forebyggelse.http import require_safe_or_POST
from kommuner.forms.organisation import MilepaelForm, ProjektdeltagerForm
from kommuner.models import Deltagelse
from kommuner.permissions import (
    access_deltagelse,
    access_milepael,
    access_projektdeltager,
    kan_melde_udfoert,
    kan_redigere_organisation,
)
from kommuner.selectors import milepaelsplan, organisation_grupperet
from kommuner.services import organisation as services


def _tilbage(deltagelse: Deltagelse):
    return redirect("kommuner:organisation", pk=deltagelse.pk)


@require_safe
def organisation(request, pk):
    deltagelse = access_deltagelse(request.user, pk)
    return render(
        request,
        "kommuner/organisation.html",
        {
            "deltagelse": deltagelse,
            "grupper": organisation_grupperet(list(deltagelse.projektdeltagere.all())),
            "milepaele": milepaelsplan(deltagelse),
            "i_dag": tid.i_dag(),
            "kan_redigere": kan_redigere_organisation(request.user, deltagelse)[0],
        },
    )


def _formside(request, deltagelse, form, *, overskrift: str, slet_url: str = ""):
    return render(
        request,
        "kommuner/organisation_form.html",
        {"deltagelse": deltagelse, "form": form, "overskrift": overskrift, "slet_url": slet_url},
        status=400 if form.errors else 200,
    )


def _gem_projektdeltager(request, deltagelse, projektdeltager=None):
    form = ProjektdeltagerForm(request.POST if request.method == "POST" else None, projektdeltager=projektdeltager)
    if request.method == "POST" and form.is_valid():
        try:
            gemt = services.projektdeltager_gem(
                deltagelse=deltagelse, projektdeltager=projektdeltager, bruger=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            service_fejl_paa_form(form, exc)
        else:
            messages.success(request, f"{gemt.navn} er gemt i projektorganisationen.")
            return _tilbage(deltagelse)
    return form


@require_safe_or_POST
def projektdeltager_opret(request, pk):
    deltagelse = access_deltagelse(request.user, pk)
    kraev(kan_redigere_organisation(request.user, deltagelse))
    svar = _gem_projektdeltager(request, deltagelse)
    if not isinstance(svar, ProjektdeltagerForm):
        return svar
    return _formside(request, deltagelse, svar, overskrift="Tilføj en person til projektorganisationen")


@require_safe_or_POST
def projektdeltager_rediger(request, pk):
    projektdeltager = access_projektdeltager(request.user, pk)
    deltagelse = projektdeltager.deltagelse
    kraev(kan_redigere_organisation(request.user, deltagelse))
    svar = _gem_projektdeltager(request, deltagelse, projektdeltager)
    if not isinstance(svar, ProjektdeltagerForm):
        return svar
    return _formside(
        request,
        deltagelse,
        svar,
        overskrift=f"Ret {projektdeltager.navn}",
        slet_url=reverse("kommuner:projektdeltager_slet", args=[projektdeltager.pk]),
    )


@require_POST
def projektdeltager_slet(request, pk):
    projektdeltager = access_projektdeltager(request.user, pk)
    kraev(kan_redigere_organisation(request.user, projektdeltager.deltagelse))
    try:
        services.projektdeltager_slet(projektdeltager=projektdeltager, bruger=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{projektdeltager.navn} er fjernet fra projektorganisationen.")
    return _tilbage(projektdeltager.deltagelse)


def _gem_milepael(request, deltagelse, milepael=None):
    form = MilepaelForm(request.POST if request.method == "POST" else None, milepael=milepael)
    if request.method == "POST" and form.is_valid():
        try:
            gemt = services.milepael_gem(
                deltagelse=deltagelse, milepael=milepael, bruger=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            service_fejl_paa_form(form, exc)
        else:
            messages.success(request, f"Milepælen “{gemt.titel}” ({maaned(gemt.maaned)}) er gemt.")
            return _tilbage(deltagelse)
    return form


@require_safe_or_POST
def milepael_opret(request, pk):
    deltagelse = access_deltagelse(request.user, pk)
    kraev(kan_redigere_organisation(request.user, deltagelse))
    svar = _gem_milepael(request, deltagelse)
    if not isinstance(svar, MilepaelForm):
        return svar
    return _formside(request, deltagelse, svar, overskrift="Tilføj en milepæl")


@require_safe_or_POST
def milepael_rediger(request, pk):
    milepael = access_milepael(request.user, pk)
    deltagelse = milepael.deltagelse
    kraev(kan_redigere_organisation(request.user, deltagelse))
    svar = _gem_milepael(request, deltagelse, milepael)
    if not isinstance(svar, MilepaelForm):
        return svar
    return _formside(
        request,
        deltagelse,
        svar,
        overskrift=f"Ret milepælen “{milepael.titel}”",
        slet_url=reverse("kommuner:milepael_slet", args=[milepael.pk]),
    )


@require_POST
def milepael_slet(request, pk):
    milepael = access_milepael(request.user, pk)
    kraev(kan_redigere_organisation(request.user, milepael.deltagelse))
    try:
        services.milepael_slet(milepael=milepael, bruger=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Milepælen “{milepael.titel}” er slettet.")
    return _tilbage(milepael.deltagelse)


@require_POST
def milepael_udfoert(request, pk):
    milepael = access_milepael(request.user, pk)
    kraev(kan_melde_udfoert(request.user, milepael))
    try:
        gemt = services.milepael_marker_udfoert(milepael=milepael, bruger=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Milepælen “{gemt.titel}” er meldt udført.")
    return _tilbage(milepael.deltagelse)
