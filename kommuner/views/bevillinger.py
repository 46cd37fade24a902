"""Decision and grant (ministry only), the budget per participant and year, and the municipality's spending."""

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from forebyggelse.historik import historik_for
from kommuner.forms.bevillinger import AfgoerelseForm, ForbrugForm
from kommuner.models import Afgoerelse, AnsoegningStatus, Deltagelse
from kommuner.permissions import access_ansoegning_til_vurdering, access_deltagelse, access_program
from kommuner.roller import er_ministeriet
from kommuner.selectors import budget_for
from kommuner.services.bevillinger import afgoerelse_traef, forbrug_registrer


def _afgoerelse_historik(ansoegning, afgoerelse):
    """The decision's history and that of every participation (with its grants) this application has had,
    also one removed by a later decision."""
    historik = historik_for(afgoerelse) if afgoerelse else []
    deltagelse_ids = (
        apps.get_model("kommuner", "DeltagelseEvent")
        .objects.filter(ansoegning_id=ansoegning.pk)
        .values_list("pgh_obj_id", flat=True)
        .distinct()
    )
    deltagelser = [Deltagelse(pk=pk) for pk in deltagelse_ids]
    if deltagelser:
        historik += historik_for(*deltagelser)
    return sorted(historik, key=lambda h: h.tidspunkt, reverse=True)


def afgoerelse(request, pk):
    ansoegning = access_ansoegning_til_vurdering(request.user, pk)
    truffet = Afgoerelse.objects.filter(ansoegning=ansoegning).select_related("truffet_af").first()
    deltagelse = Deltagelse.objects.filter(ansoegning=ansoegning).first()
    bevillinger = list(deltagelse.bevillinger.all()) if deltagelse else []
    form = AfgoerelseForm(request.POST or None, ansoegning=ansoegning, afgoerelse=truffet, bevillinger=bevillinger)
    if request.method == "POST" and form.is_valid():
        try:
            ny = afgoerelse_traef(
                ansoegning=ansoegning,
                udvalgt=form.cleaned_data["udvalgt"],
                begrundelse=form.cleaned_data["begrundelse"],
                bevillinger=form.bevillinger,
                bruger=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            udfald = "udvalgt" if ny.udvalgt else "ikke udvalgt"
            messages.success(
                request,
                f"Afgørelsen er gemt: {ansoegning.kommune.navn} er {udfald}. Kommunens projektledere får besked på "
                "e-mail.",
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
            "kan_afgoeres": ansoegning.status == AnsoegningStatus.INDSENDT,
            "form": form,
            "historik": _afgoerelse_historik(ansoegning, truffet),
        },
    )


def budget(request, pk):
    program = access_program(request.user, pk)
    return render(request, "kommuner/budget.html", {"program": program, "budget": budget_for(program, request.user)})


def forbrug_rediger(request, pk):
    deltagelse = access_deltagelse(request.user, pk, skriv=True)
    bevillinger = list(deltagelse.bevillinger.all())
    form = ForbrugForm(request.POST or None, bevillinger=bevillinger)
    if request.method == "POST" and bevillinger and form.is_valid():
        try:
            forbrug_registrer(deltagelse=deltagelse, forbrug=form.forbrug, bruger=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
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
            "historik": historik_for(deltagelse) if er_ministeriet(request.user) else None,
        },
    )
