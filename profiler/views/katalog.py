"""The indicator catalogue: read by every role ("anyone allowed can see how each number was made"); the ministry
adds and edits indicators and fetches their figures from Statistics Denmark."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from forebyggelse.adgang import kraev
from forebyggelse.forms import service_fejl_paa_form
from forebyggelse.http import require_safe_or_POST
from forebyggelse.roller import er_ministeriet
from forebyggelse.samtidighed import Gemning, gem_fra_form
from profiler.forms import HentForm, IndikatorForm
from profiler.importering.dst_api import kan_hentes
from profiler.models import ImportKoersel, Talfelt
from profiler.permissions import access_indikator, kan_administrere_noegletal, kan_eksportere
from profiler.selectors import efter_afsnit, historik_for_indikator, katalog
from profiler.services.importer import import_hent_fra_dst
from profiler.services.indikatorer import indikator_opdater, indikator_opret


@require_safe
def noegletal_oversigt(request):
    return render(
        request,
        "profiler/noegletal_oversigt.html",
        {
            "afsnit": efter_afsnit(katalog()),
            "kan_administrere": kan_administrere_noegletal(request.user)[0],
            "kan_eksportere": kan_eksportere(request.user)[0],
        },
    )


def _hentbar(indikator) -> bool:
    return any(
        kan_hentes(indikator, m)[0]
        for m in (Talfelt.NAEVNER, Talfelt.VAERDI if indikator.kun_rate else Talfelt.TAELLER)
    )


@require_safe
def indikator_detalje(request, kode):
    return _indikator_side(request, kode)


def _indikator_side(request, kode, hentform=None, status=200):
    indikator = access_indikator(request.user, kode)
    administrere, _ = kan_administrere_noegletal(request.user)
    context = {"indikator": indikator, "kan_administrere": administrere}
    if administrere:
        importer = ImportKoersel.objects.filter(indikator=indikator).defer("fil").select_related("oprettet_af")
        context |= {
            "importer": importer[:20],
            "hentform": hentform or (HentForm(indikator=indikator) if _hentbar(indikator) else None),
            "historik": historik_for_indikator(request.user, indikator, request.GET.get("historik")),
        }
    return render(request, "profiler/indikator_detalje.html", context, status=status)


def _gem(request, form: IndikatorForm, indikator=None) -> Gemning:
    data = form.cleaned_data
    felter = {k: v for k, v in data.items() if k not in {"kode", "version"}}

    def gem():
        if indikator is None:
            return indikator_opret(bruger=request.user, kode=data["kode"], **felter)
        return indikator_opdater(indikator=indikator, bruger=request.user, version=data["version"], **felter)

    return gem_fra_form(form, gem)


@require_safe_or_POST
def indikator_opret_view(request):
    kraev(kan_administrere_noegletal(request.user))
    form = IndikatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        indikator = _gem(request, form).gemt
        if indikator:
            messages.success(request, f"Indikatoren {indikator.navn} er oprettet.")
            return redirect("profiler:indikator", kode=indikator.kode)
    return render(request, "profiler/indikator_form.html", {"form": form, "indikator": None})


@require_safe_or_POST
def indikator_rediger(request, kode):
    indikator = access_indikator(request.user, kode)
    kraev(kan_administrere_noegletal(request.user))
    form = IndikatorForm(request.POST or None, instance=indikator)
    gemning = Gemning()
    if request.method == "POST" and form.is_valid():
        gemning = _gem(request, form, indikator)
        if gemt := gemning.gemt:
            messages.success(request, f"Ændringerne i {gemt.navn} er gemt.")
            return redirect("profiler:indikator", kode=gemt.kode)
    return render(
        request, "profiler/indikator_form.html", {"form": form, "indikator": indikator}, status=gemning.status
    )


@require_POST
def indikator_hent(request, kode):
    """'Hent fra Danmarks Statistik': the answer is previewed like an uploaded file."""
    indikator = access_indikator(request.user, kode)
    ok, grund = kan_administrere_noegletal(request.user)
    if not ok or not er_ministeriet(request.user):
        raise PermissionDenied(grund)
    form = HentForm(request.POST, indikator=indikator)
    if form.is_valid():
        talfelt = form.cleaned_data["talfelt"]
        if talfelt == Talfelt.TAELLER and indikator.kun_rate:
            talfelt = Talfelt.VAERDI
        try:
            koersel = import_hent_fra_dst(
                indikator=indikator,
                talfelt=talfelt,
                fra_aar=form.cleaned_data["fra_aar"],
                til_aar=form.cleaned_data["til_aar"],
                datastatus=form.cleaned_data["datastatus"],
                bruger=request.user,
            )
        except ValidationError as exc:
            service_fejl_paa_form(form, exc)
        else:
            return redirect("profiler:import", pk=koersel.pk)
    return _indikator_side(request, kode, hentform=form, status=400)
