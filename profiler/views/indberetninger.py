"""The municipality's own figures per year: its leads enter and submit them, the ministry approves or returns
them; the evaluator reads them once submitted."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from forebyggelse.adgang import kraev
from forebyggelse.forms import service_fejl_paa_form
from forebyggelse.http import require_safe_or_POST
from forebyggelse.samtidighed import Gemning, gem_fra_form
from profiler.forms import IndberetningForm, SendTilbageForm
from profiler.importering.kontrol import AAR_MIN, aar_max
from profiler.models import IndberetningVaerdi
from profiler.permissions import (
    access_indberetning,
    access_indberetninger,
    indberetninger_til_laesning,
    kan_behandle_indberetning,
    kan_behandle_indberetninger,
    kan_redigere_indberetning,
)
from profiler.selectors import historik_for_indberetning
from profiler.services.indberetninger import (
    egne_indikatorer,
    indberetning_gem,
    indberetning_godkend,
    indberetning_indsend,
    indberetning_opret,
    indberetning_send_tilbage,
    mangler,
)


def _aar(aar: int) -> int:
    if not AAR_MIN <= aar <= aar_max():
        raise Http404("Siden findes ikke.")
    return aar


@require_safe
def indberetning_liste(request, kode):
    kommune = access_indberetninger(request.user, kode)
    indberetninger = indberetninger_til_laesning(request.user).filter(kommune=kommune).order_by("-aar")
    kan_starte, _ = kan_redigere_indberetning(request.user, kommune, None)
    return render(
        request,
        "profiler/indberetning_liste.html",
        {
            "kommune": kommune,
            "indberetninger": indberetninger,
            "kan_starte": kan_starte,
            "aar_uden": [a for a in range(aar_max(), aar_max() - 4, -1) if a not in {i.aar for i in indberetninger}],
        },
    )


@require_safe_or_POST
def indberetning(request, kode, aar):
    kommune = access_indberetninger(request.user, kode)
    aar = _aar(aar)
    fundet = access_indberetning(request.user, kommune, aar)
    kan_redigere, grund = kan_redigere_indberetning(request.user, kommune, fundet)
    if request.method == "POST" and not kan_redigere:
        raise PermissionDenied(grund)
    indikatorer = list(egne_indikatorer())
    form = IndberetningForm(request.POST or None, indikatorer=indikatorer, indberetning=fundet)
    gemning = Gemning()
    if request.method == "POST" and form.is_valid():

        def gem():
            gemt = fundet or indberetning_opret(kommune=kommune, aar=aar, bruger=request.user)
            version = form.cleaned_data["version"] if fundet else gemt.version
            return indberetning_gem(indberetning=gemt, vaerdier=form.vaerdier(), version=version, bruger=request.user)

        gemning = gem_fra_form(form, gem)
        if gemning.gemt:
            messages.success(request, f"{kommune.navn}s egne tal for {aar} er gemt som kladde.")
            return redirect("profiler:indberetning", kode=kommune.kode, aar=aar)
    vaerdier = (
        list(IndberetningVaerdi.objects.filter(indberetning=fundet).select_related("indikator")) if fundet else []
    )
    return render(
        request,
        "profiler/indberetning.html",
        {
            "kommune": kommune,
            "aar": aar,
            "indberetning": fundet,
            "vaerdier": vaerdier,
            "form": form if kan_redigere else None,
            "mangler": mangler(fundet) if fundet and kan_redigere else [],
            "kan_behandle": kan_behandle_indberetning(request.user, fundet)[0],
            "send_tilbage_form": SendTilbageForm(),
            "historik": historik_for_indberetning(request.user, fundet, request.GET.get("historik"))
            if fundet
            else None,
        },
        status=gemning.status,
    )


def _hent(request, kode, aar):
    kommune = access_indberetninger(request.user, kode)
    fundet = access_indberetning(request.user, kommune, _aar(aar))
    if fundet is None:
        raise Http404("Siden findes ikke.")
    return fundet


@require_POST
def indberetning_indsend_view(request, kode, aar):
    fundet = _hent(request, kode, aar)
    kraev(kan_redigere_indberetning(request.user, fundet.kommune, None))  # the service guards the state
    try:
        indberetning_indsend(indberetning=fundet, bruger=request.user)
    except ValidationError as exc:
        for tekst in exc.messages:
            messages.error(request, tekst)
    else:
        messages.success(request, "De egne tal er indsendt til ministeriet.")
    return redirect("profiler:indberetning", kode=kode, aar=aar)


@require_POST
def indberetning_godkend_view(request, kode, aar):
    fundet = _hent(request, kode, aar)
    kraev(kan_behandle_indberetninger(request.user))  # the service guards the state
    try:
        indberetning_godkend(indberetning=fundet, bruger=request.user)
    except ValidationError as exc:
        for tekst in exc.messages:
            messages.error(request, tekst)
    else:
        messages.success(request, f"{fundet.kommune.navn}s egne tal for {fundet.aar} er godkendt og vises i profilen.")
    return redirect("profiler:indberetning", kode=kode, aar=aar)


@require_POST
def indberetning_send_tilbage_view(request, kode, aar):
    fundet = _hent(request, kode, aar)
    kraev(kan_behandle_indberetninger(request.user))  # the service guards the state
    form = SendTilbageForm(request.POST)
    if form.is_valid():
        try:
            indberetning_send_tilbage(
                indberetning=fundet, kommentar=form.cleaned_data["kommentar"], bruger=request.user
            )
        except ValidationError as exc:
            service_fejl_paa_form(form, exc)
        else:
            messages.success(request, f"Tallene er sendt tilbage til {fundet.kommune.navn} med din kommentar.")
            return redirect("profiler:indberetning", kode=kode, aar=aar)
    for tekst in [e for fejl in form.errors.values() for e in fejl]:
        messages.error(request, tekst)
    return redirect("profiler:indberetning", kode=kode, aar=aar)
