"""Imports (the ministry's): upload → preview of what will change → confirm; the log of runs; undo; the template
and the original files."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST, require_safe

from forebyggelse.adgang import kraev
from forebyggelse.eksport import csv_svar
from forebyggelse.http import require_safe_or_POST
from hentninger.services import logget_hentning
from profiler.forms import ImportForm
from profiler.importering.kontrol import SKABELON, SKABELON_VAERDI
from profiler.models import ImportKoersel, ImportRaekke, Koerselstilstand
from profiler.permissions import (
    access_importkoersel,
    kan_administrere_noegletal,
    kan_fortryde_import,
    kan_gennemfoere_import,
)
from profiler.services.importer import (
    import_afvis,
    import_forhaandsvis,
    import_fortryd,
    import_gennemfoer,
    import_kasser,
)

VISTE_RAEKKER = 25


def _kraev_ministeriet(user) -> None:
    kraev(kan_administrere_noegletal(user))


@require_safe_or_POST
def import_upload(request):
    _kraev_ministeriet(request.user)
    form = ImportForm(request.POST or None, request.FILES or None, bruger=request.user)
    fejl: list[str] = []
    if request.method == "POST" and form.is_valid():
        filnavn, indhold = form.filnavn_og_indhold()
        valg = {k: form.cleaned_data[k] for k in ("indikator", "talfelt", "datastatus")}
        try:
            koersel = import_forhaandsvis(filnavn=filnavn, indhold=indhold, bruger=request.user, **valg)
        except ValidationError as exc:
            fejl = exc.messages
            # A browser never fills in a file field again: the portal keeps the file for the next try.
            afvist = import_afvis(filnavn=filnavn, indhold=indhold, bruger=request.user, fejl=fejl, **valg)
            form.behold(afvist if afvist.fil else None)  # a file over the size limit is not kept
        else:
            return redirect("profiler:import", pk=koersel.pk)
    return render(
        request,
        "profiler/import_upload.html",
        {"form": form, "fejl": fejl, "skabelon": [*SKABELON, SKABELON_VAERDI]},
        status=400 if fejl else 200,
    )


@require_safe
def import_liste(request):
    _kraev_ministeriet(request.user)
    koersler = ImportKoersel.objects.defer("fil").select_related("indikator", "oprettet_af", "gennemfoert_af")
    return render(request, "profiler/import_liste.html", {"koersler": koersler[:200]})


@require_safe
def import_detalje(request, pk):
    koersel = access_importkoersel(request.user, pk)
    raekker = (
        ImportRaekke.objects.filter(koersel=koersel)
        .select_related("kommune", "indikator")
        .order_by("indikator__raekkefoelge", "aar", "kommune__kode")[:VISTE_RAEKKER]
    )
    return render(
        request,
        "profiler/import_detalje.html",
        {
            "koersel": koersel,
            "raekker": raekker,
            "viste": VISTE_RAEKKER,
            "kan_gennemfoere": kan_gennemfoere_import(request.user, koersel)[0],
            "kan_fortryde": kan_fortryde_import(request.user, koersel)[0],
            "fil_gemt": koersel.tilstand != Koerselstilstand.AFVIST
            or ImportKoersel.objects.filter(pk=koersel.pk).exclude(fil=b"").exists(),
        },
    )


def _handling(request, pk, predikat, service, besked: str):
    koersel = access_importkoersel(request.user, pk)
    ok, grund = predikat(request.user, koersel)
    if not ok:
        messages.error(request, grund)
        return redirect("profiler:import", pk=koersel.pk)
    try:
        koersel = service(koersel=koersel, bruger=request.user)
    except ValidationError as exc:
        for tekst in exc.messages:
            messages.error(request, tekst)
    else:
        messages.success(request, besked.format(koersel=koersel))
    return redirect("profiler:import", pk=koersel.pk)


@require_POST
def import_gennemfoer_view(request, pk):
    return _handling(
        request,
        pk,
        kan_gennemfoere_import,
        import_gennemfoer,
        "Importen er gennemført: {koersel.antal_aendringer} ændringer ({koersel.antal_nye} nye, "
        "{koersel.antal_aendrede} ændrede).",
    )


@require_safe_or_POST
def import_fortryd_view(request, pk):
    """Undo asks first: the page says what will be put back, and only its button (with `bekraeft`) undoes."""
    if request.method == "POST" and request.POST.get("bekraeft") == "ja":
        besked = "Importen er fortrudt: de tidligere værdier er sat tilbage."
        return _handling(request, pk, kan_fortryde_import, import_fortryd, besked)
    koersel = access_importkoersel(request.user, pk)
    if request.method == "POST":
        return redirect("profiler:import_fortryd", pk=koersel.pk)
    ok, grund = kan_fortryde_import(request.user, koersel)
    if not ok:
        messages.error(request, grund)
        return redirect("profiler:import", pk=koersel.pk)
    return render(request, "profiler/import_fortryd.html", {"koersel": koersel})


def _kan_kassere(user, koersel: ImportKoersel) -> tuple[bool, str]:
    if koersel.tilstand != Koerselstilstand.FORHAANDSVIST:
        return False, "Kun en forhåndsvisning kan kasseres."
    return kan_administrere_noegletal(user)


@require_POST
def import_kasser_view(request, pk):
    return _handling(request, pk, _kan_kassere, import_kasser, "Forhåndsvisningen er kasseret; intet er ændret.")


@require_safe
def import_fil(request, pk):
    """The file exactly as it was imported (or as Statistics Denmark answered)."""
    koersel = access_importkoersel(request.user, pk)
    indhold = ImportKoersel.objects.values_list("fil", flat=True).get(pk=koersel.pk)
    svar = HttpResponse(bytes(indhold), content_type="application/octet-stream")
    svar["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=koersel.filnavn)
    return logget_hentning(svar, bruger=request.user, objekt=koersel)


@require_safe
def skabelon(request):
    """The project's tidy template: one row per municipality, indicator and year."""
    _kraev_ministeriet(request.user)
    svar = csv_svar("noegletal-skabelon.csv", SKABELON, [["101", "anmeldte_forbrydelser", 2011, 99787, 539542]])
    return logget_hentning(svar, bruger=request.user, art="Skabelon til nøgletal")
