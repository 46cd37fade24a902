"""The annual review, the stored reviews, and the earlier versions: each readable as it was, and compared with the
current one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from forebyggelse.adgang import kraev
from forebyggelse.forms import service_fejl_paa_form
from forebyggelse.http import require_safe_or_POST
from strategi.forms import GennemgangForm
from strategi.permissions import access_gennemgang, access_strategi, access_version, kan_gennemgaa
from strategi.selectors import (
    gennemgange,
    gennemgangslinjer,
    handlinger_for_strategi,
    indhold_for,
    nummerer_handlinger,
    sammenlign,
)
from strategi.services.gennemgang import aarsgennemgang_gem
from strategi.views.faelles import i_dag, ramme


@require_safe_or_POST
def gennemgang_ny(request, pk):
    strategi = access_strategi(request.user, pk)
    kraev(kan_gennemgaa(request.user, strategi))
    handlinger = handlinger_for_strategi(strategi, i_dag=i_dag())
    form = GennemgangForm(
        request.POST or None, strategi=strategi, handlinger=handlinger, numre=nummerer_handlinger(handlinger)
    )
    if request.method == "POST" and form.is_valid():
        try:
            gennemgang = aarsgennemgang_gem(
                strategi=strategi,
                aar=form.cleaned_data["aar"],
                konklusion=form.cleaned_data["konklusion"],
                punkter=form.punkter,
                bruger=request.user,
            )
        except ValidationError as exc:
            service_fejl_paa_form(form, exc)
        else:
            messages.success(
                request,
                f"Den årlige gennemgang for {gennemgang.aar} er gemt. Version {gennemgang.version_foer.nummer} er "
                "bevaret, og strategien fortsætter som en ny version.",
            )
            return redirect("strategi:gennemgang", pk=gennemgang.pk)
    context = ramme(request, strategi, "versioner") | {"form": form}
    return render(request, "strategi/gennemgang_form.html", context)


@require_safe
def gennemgang_side(request, pk):
    gennemgang = access_gennemgang(request.user, pk)
    context = ramme(request, gennemgang.strategi, "versioner") | {
        "gennemgang": gennemgang,
        "linjer": gennemgangslinjer(gennemgang),
    }
    return render(request, "strategi/gennemgang.html", context)


@require_safe
def versioner(request, pk):
    strategi = access_strategi(request.user, pk)
    context = ramme(request, strategi, "versioner") | {
        "versioner": list(strategi.versioner.select_related("afsluttet_af").order_by("-nummer")),
        "gennemgange": gennemgange(strategi),
        "kan_gennemgaa": kan_gennemgaa(request.user, strategi)[0],
    }
    return render(request, "strategi/versioner.html", context)


@require_safe
def version_side(request, pk, nummer):
    strategi = access_strategi(request.user, pk)
    version = access_version(request.user, strategi, nummer)
    context = ramme(request, strategi, "versioner") | {"version": version, "indhold": version.indhold}
    return render(request, "strategi/version.html", context)


@require_safe
def version_sammenlign(request, pk, nummer):
    strategi = access_strategi(request.user, pk)
    version = access_version(request.user, strategi, nummer)
    context = ramme(request, strategi, "versioner") | {
        "version": version,
        "aendringer": sammenlign(version.indhold, indhold_for(strategi)),
    }
    return render(request, "strategi/sammenligning.html", context)
