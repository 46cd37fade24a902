"""Progress during the year: the strategy's progress page (every action with its status and newest update, the goals
with their follow-ups, every update with the ministry's comments; what is new to the ministry since it last looked),
recording and correcting progress on an action, and the ministry's comment or sending back."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from forebyggelse.adgang import kraev
from forebyggelse.forms import service_fejl_paa_form
from forebyggelse.http import require_safe_or_POST
from forebyggelse.roller import er_ministeriet
from forebyggelse.samtidighed import Gemning, gem_fra_form
from strategi.forms import FremskridtForm, FremskridtskommentarForm
from strategi.permissions import (
    access_fremskridt,
    access_handling,
    access_strategi,
    kan_foelge_op,
    kan_kommentere_fremskridt,
    kan_registrere_fremskridt,
    kan_se_kommentarer,
)
from strategi.selectors import fremskridt_for_handling, fremskridt_for_strategi, maal_for_strategi
from strategi.services import fremskridt as services
from strategi.views.faelles import i_dag, ramme


def _tilbage(fremskridt_eller_handling) -> str:
    handling_id = getattr(fremskridt_eller_handling, "handling_id", fremskridt_eller_handling.pk)
    return reverse("strategi:fremskridt", args=[fremskridt_eller_handling.strategi_id]) + f"#handling-{handling_id}"


@require_safe
def fremskridt_side(request, pk):
    strategi = access_strategi(request.user, pk)
    side = fremskridt_for_strategi(request.user, strategi, i_dag=i_dag())
    if er_ministeriet(request.user):  # what is shown now is seen; the next visit marks only what comes after
        services.fremskridt_marker_set(strategi=strategi, bruger=request.user)
    context = ramme(request, strategi, "fremskridt") | {
        "side": side,
        "maal": maal_for_strategi(strategi),
        "kan_registrere": kan_registrere_fremskridt(request.user, strategi),
        "kan_foelge_op": kan_foelge_op(request.user, strategi)[0],
        "kan_se_kommentarer": kan_se_kommentarer(request.user, strategi)[0],
        "er_ministeriet": er_ministeriet(request.user),
        "sendt_tilbage": [f for f in side.fremskridt if f.sendt_tilbage],
    }
    return render(request, "strategi/fremskridt.html", context)


@require_safe_or_POST
def fremskridt_opret(request, pk):
    handling = access_handling(request.user, pk)
    strategi = handling.strategi
    kraev(kan_registrere_fremskridt(request.user, strategi))
    form = FremskridtForm(request.POST if request.method == "POST" else None, request.FILES or None, i_dag=i_dag())
    if request.method == "POST" and form.is_valid():
        gemning = gem_fra_form(
            form,
            lambda: services.fremskridt_registrer(
                handling=handling,
                indhold=form.indhold,
                fil=form.cleaned_data["fil"],
                bilag_beskrivelse=form.cleaned_data["bilag_beskrivelse"],
                bruger=request.user,
            ),
        )
        if gemning.gemt:
            messages.success(request, f"Fremskridtet på “{handling.titel}” er registreret.")
            return redirect(_tilbage(handling))
    context = ramme(request, strategi, "fremskridt") | {
        "form": form,
        "handling": handling,
        "tidligere": fremskridt_for_handling(request.user, handling),
    }
    return render(request, "strategi/fremskridt_form.html", context, status=400 if form.errors else 200)


@require_safe_or_POST
def fremskridt_rediger(request, pk):
    fremskridt = access_fremskridt(request.user, pk)
    strategi = fremskridt.strategi
    kraev(kan_registrere_fremskridt(request.user, strategi))
    form = FremskridtForm(request.POST if request.method == "POST" else None, fremskridt=fremskridt)
    gemning = Gemning()
    if request.method == "POST" and form.is_valid():
        gemning = gem_fra_form(
            form,
            lambda: services.fremskridt_ret(
                fremskridt=fremskridt,
                indhold=form.indhold,
                version=form.cleaned_data["version"],
                bruger=request.user,
            ),
        )
        if gemning.gemt:
            messages.success(request, "Fremskridtet er rettet.")
            return redirect(_tilbage(fremskridt))
    context = ramme(request, strategi, "fremskridt") | {
        "form": form,
        "handling": fremskridt.handling,
        "fremskridt": fremskridt,
        "forskelle": gemning.forskelle,
        "tidligere": fremskridt_for_handling(request.user, fremskridt.handling),
    }
    status = gemning.status if gemning.konflikt else (400 if form.errors else 200)
    return render(request, "strategi/fremskridt_form.html", context, status=status)


@require_safe_or_POST
def fremskridt_kommenter(request, pk):
    """GET: the update and the comment form. POST: a comment, or (the button "Send tilbage") a comment that sends
    the update back to the municipality."""
    fremskridt = access_fremskridt(request.user, pk)
    strategi = fremskridt.strategi
    kraev(kan_kommentere_fremskridt(request.user, fremskridt))
    form = FremskridtskommentarForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        send_tilbage = "send_tilbage" in request.POST
        try:
            services.fremskridt_kommenter(
                fremskridt=fremskridt, tekst=form.cleaned_data["tekst"], send_tilbage=send_tilbage, bruger=request.user
            )
        except ValidationError as exc:
            service_fejl_paa_form(form, exc)
        else:
            messages.success(
                request, "Fremskridtet er sendt tilbage til kommunen." if send_tilbage else "Kommentaren er gemt."
            )
            return redirect(_tilbage(fremskridt))
    context = ramme(request, strategi, "fremskridt") | {
        "form": form,
        "f": fremskridt,
        "tidligere": fremskridt_for_handling(request.user, fremskridt.handling),
    }
    return render(request, "strategi/fremskridt_kommentar.html", context, status=400 if form.errors else 200)
