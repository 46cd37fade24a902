"""Assessment (ministry only): one assessor's assessment, correcting any assessment, and the side-by-side table.

Everyone else gets 404 on every page here: leads and the evaluator must not learn that assessments exist.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from forebyggelse.adgang import kraev
from forebyggelse.http import require_safe_or_POST
from forebyggelse.samtidighed import Gemning, gem_fra_form
from kommuner.forms.vurderinger import AnsoegningsvurderingForm
from kommuner.models import Vurdering
from kommuner.permissions import (
    access_ansoegning_til_vurdering,
    access_program_til_vurdering,
    access_vurdering,
    kan_vurdere,
    vurderinger_til_laesning,
)
from kommuner.selectors import besvarelse, finansiering, historik_for_vurdering, sammenligning_for
from kommuner.services.vurderinger import vurdering_gem


def _vurdering_side(request, *, ansoegning, vurdering: Vurdering, tilbage_til: str):
    """Show and save one assessment. On a conflict nothing is saved: the user's input stays in the form,
    the next save goes against the version now stored, and the page answers 409."""
    kraev(kan_vurdere(request.user))
    form = AnsoegningsvurderingForm(request.POST or None, vurdering=vurdering)
    gemning = Gemning()
    if request.method == "POST" and form.is_valid():
        gemning = gem_fra_form(
            form,
            lambda: vurdering_gem(
                vurdering=vurdering,
                bruger=request.user,
                indhold=form.indhold,
                version=form.cleaned_data["version"],
            ),
        )
        if gemning.konflikt:
            vurdering = gemning.konflikt.nuvaerende
        elif gemning.gemt:
            vurdering = gemning.gemt
            messages.success(request, f"Vurderingen af {ansoegning.kommune.navn}s interessetilkendegivelse er gemt.")
            if tilbage_til == "egen":
                return redirect("kommuner:vurdering", pk=ansoegning.pk)
            return redirect("kommuner:vurdering_rediger", pk=vurdering.pk)
    andre = (
        vurderinger_til_laesning(request.user).filter(ansoegning=ansoegning).exclude(pk=vurdering.pk)
        if vurdering.pk
        else vurderinger_til_laesning(request.user).filter(ansoegning=ansoegning)
    )
    beloeb = list(ansoegning.beloeb.all())
    context = {
        "ansoegning": ansoegning,
        "vurdering": vurdering,
        "form": form,
        "forskelle": gemning.forskelle,
        "egen": vurdering.bedoemmer_id == request.user.pk,
        "andre_vurderinger": list(andre),
        "besvarelse": besvarelse(ansoegning),
        "beloeb": beloeb,
        "finansiering": finansiering(ansoegning, beloeb, ansoegt_i_alt=ansoegning.ansoegt_i_alt),
        "historik": historik_for_vurdering(request.user, vurdering, request.GET.get("historik"))
        if vurdering.pk
        else None,
    }
    return render(request, "kommuner/vurdering.html", context, status=gemning.status)


@require_safe_or_POST
def vurdering_min(request, pk):
    """The current ministry user's own assessment of a submitted application; created on first save."""
    ansoegning = access_ansoegning_til_vurdering(request.user, pk)
    vurdering = vurderinger_til_laesning(request.user).filter(
        ansoegning=ansoegning, bedoemmer=request.user
    ).first() or Vurdering(ansoegning=ansoegning, bedoemmer=request.user)
    return _vurdering_side(request, ansoegning=ansoegning, vurdering=vurdering, tilbage_til="egen")


@require_safe_or_POST
def vurdering_rediger(request, pk):
    """Any ministry user may correct any assessment."""
    vurdering = access_vurdering(request.user, pk)
    ansoegning = access_ansoegning_til_vurdering(request.user, vurdering.ansoegning_id)
    return _vurdering_side(request, ansoegning=ansoegning, vurdering=vurdering, tilbage_til="vurdering")


@require_safe
def sammenligning(request, pk):
    program = access_program_til_vurdering(request.user, pk)
    return render(
        request,
        "kommuner/sammenligning.html",
        {"program": program, "sammenligning": sammenligning_for(program, request.user)},
    )
