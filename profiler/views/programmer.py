"""The ministry's choice of the indicators a programme's social profiles show: the catalogue as checkboxes by the
profile's sections, back to the default, or a copy of another programme's choice. Nobody else knows the page (404)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from forebyggelse.forms import service_fejl_paa_form
from forebyggelse.historik import historik_til
from forebyggelse.http import require_safe_or_POST
from kommuner.models import Program
from profiler.forms import KopierProgramindikatorerForm, ProgramindikatorForm
from profiler.models import Indikator, Programindikator
from profiler.permissions import access_program_til_noegletal
from profiler.selectors import katalog, programmer_med_eget_udvalg, programmets_deltagere
from profiler.services.programindikatorer import programindikatorer_kopier, programindikatorer_vaelg


def _side(request, program: Program, *, alle: list[Indikator], form=None, kopiform=None, status: int = 200):
    valgte = set(Programindikator.objects.filter(program=program).values_list("indikator_id", flat=True))
    if form is None:
        # Without a selection of its own the default set is ticked: the ministry starts from what profiles show.
        afkrydset = [i for i in alle if (i.pk in valgte if valgte else i.standard)]
        form = ProgramindikatorForm(
            katalog=alle,
            initial={
                f"indikatorer_{k}": [i.pk for i in afkrydset if i.kategori == k]
                for k in {i.kategori for i in afkrydset}
            },
        )
    andre = programmer_med_eget_udvalg().exclude(pk=program.pk)
    if kopiform is None:
        kopiform = KopierProgramindikatorerForm(programmer=andre)
    return render(
        request,
        "profiler/programindikatorer.html",
        {
            "program": program,
            "eget_udvalg": [i for i in alle if i.pk in valgte],
            "standardudvalg": [i for i in alle if i.standard],
            "deltagere": programmets_deltagere(program),
            "indikatorform": form,
            "kopiform": kopiform if kopiform.is_bound or andre.exists() else None,
            # The error summary above the heading (base.html) is for the form that was sent.
            "form": next((f for f in (form, kopiform) if f.is_bound), None),
            "historik": historik_til(
                request.user, program, modeller=[Programindikator], kommune_id=None, side=request.GET.get("side")
            ),
        },
        status=status,
    )


def _gemt(request, program: Program, valgte: list[Indikator], fra: Program | None = None):
    if not valgte:
        tekst = f"Profilerne i {program.navn} viser nu standardudvalget af nøgletal."
    elif fra is not None:
        tekst = f"Profilerne i {program.navn} viser nu de samme {len(valgte)} nøgletal som {fra.navn}."
    else:
        tekst = f"Profilerne i {program.navn} viser nu de {len(valgte)} valgte nøgletal."
    messages.success(request, tekst)
    return redirect("profiler:programindikatorer", pk=program.pk)


@require_safe_or_POST
def programindikatorer(request, pk):
    program = access_program_til_noegletal(request.user, pk)
    alle = katalog()
    if request.method != "POST":
        return _side(request, program, alle=alle)
    form = ProgramindikatorForm(request.POST, katalog=alle)
    if not form.is_valid():
        return _side(request, program, alle=alle, form=form, status=400)
    return _gemt(request, program, programindikatorer_vaelg(program=program, indikatorer=form.valgte))


@require_POST
def programindikatorer_standard(request, pk):
    program = access_program_til_noegletal(request.user, pk)
    return _gemt(request, program, programindikatorer_vaelg(program=program, indikatorer=[]))


@require_POST
def programindikatorer_kopier_view(request, pk):
    program = access_program_til_noegletal(request.user, pk)
    alle = katalog()
    form = KopierProgramindikatorerForm(request.POST, programmer=programmer_med_eget_udvalg().exclude(pk=program.pk))
    if form.is_valid():
        fra = form.cleaned_data["fra"]
        try:
            valgte = programindikatorer_kopier(fra=fra, til=program)
        except ValidationError as fejl:
            service_fejl_paa_form(form, fejl)
        else:
            return _gemt(request, program, valgte, fra=fra)
    return _side(request, program, alle=alle, kopiform=form, status=400)
