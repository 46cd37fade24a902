"""The data administration's raw values (the ministry's), the exports (the ministry's and the evaluator's) and
the ministry's list of own figures waiting for approval."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from forebyggelse.adgang import kraev
from forebyggelse.eksport import csv_svar, xlsx_svar
from hentninger.services import logget_hentning
from kommuner.models import Kommune
from profiler.eksporter import KOLONNER, filnavn, noegletal_tabel
from profiler.forms import DataFilterForm, EksportForm
from profiler.importering.kontrol import aar_max
from profiler.models import Indberetning, IndberetningStatus, Indikator, Observation
from profiler.permissions import indberetninger_til_laesning, kan_administrere_noegletal, kan_eksportere


@require_safe
def raadata(request):
    """Every municipality's raw numerator and denominator for one indicator and year, unsuppressed, with where
    each came from. The ministry's only."""
    kraev(kan_administrere_noegletal(request.user))
    form = DataFilterForm(request.GET or None, initial={"aar": aar_max() - 1})
    raekker, indikator, aar = [], None, None
    if form.is_valid():
        indikator, aar = form.cleaned_data["indikator"], form.cleaned_data["aar"]
        observationer = {
            o.kommune_id: o
            for o in Observation.objects.filter(indikator=indikator, aar=aar)
            .select_related("taeller_import", "naevner_import", "indberetning")
            .defer("taeller_import__fil", "naevner_import__fil")
        }
        raekker = [(k, observationer.get(k.pk)) for k in Kommune.objects.order_by("kode")]
    return render(
        request, "profiler/raadata.html", {"form": form, "raekker": raekker, "indikator": indikator, "aar": aar}
    )


@require_safe
def eksport(request):
    kraev(kan_eksportere(request.user))
    return render(
        request, "profiler/eksport.html", {"form": EksportForm(initial={"format": "csv"}), "kolonner": KOLONNER}
    )


@require_safe
def eksport_fil(request):
    kraev(kan_eksportere(request.user))
    form = EksportForm(request.GET or None)
    if not form.is_valid():
        return render(request, "profiler/eksport.html", {"form": form, "kolonner": KOLONNER}, status=400)
    indikator: Indikator | None = form.cleaned_data["indikator"]
    aar: int | None = form.cleaned_data["aar"]
    kolonner, raekker = noegletal_tabel(indikator=indikator, aar=aar)
    format_ = form.cleaned_data["format"]
    navn = filnavn(indikator=indikator, aar=aar, endelse=format_)
    if format_ == "xlsx":
        svar = xlsx_svar(navn, kolonner, raekker, arknavn="Nøgletal")
    else:
        svar = csv_svar(navn, kolonner, raekker)
    hvad = f"{indikator.navn if indikator else 'Alle indikatorer'}, {aar or 'alle år'}"
    return logget_hentning(svar, bruger=request.user, art=f"Nøgletal ({format_.upper()})", beskrivelse=hvad)


@require_safe
def indberetninger_til_godkendelse(request):
    kraev(kan_administrere_noegletal(request.user))
    indberetninger = indberetninger_til_laesning(request.user).order_by("status", "-indsendt")
    return render(
        request,
        "profiler/indberetninger_til_godkendelse.html",
        {
            "afventer": [i for i in indberetninger if i.status == IndberetningStatus.INDSENDT],
            "oevrige": [i for i in indberetninger if i.status != IndberetningStatus.INDSENDT],
            "kladder": Indberetning.objects.filter(indsendt__isnull=True)
            .select_related("kommune")
            .order_by("kommune__kode", "aar"),
        },
    )
