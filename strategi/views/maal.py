"""Goals: the list with the status rule, a goal's page (chart, follow-ups, history), creating and editing one
(baseline from the social profile, the direction warning, the conflict on concurrent edits), deleting (confirmed
when it has follow-ups) and restoring from the history, and recording follow-ups."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from forebyggelse.adgang import kraev
from forebyggelse.forms import service_fejl_paa_form
from forebyggelse.http import require_safe_or_POST
from forebyggelse.samtidighed import Gemning, gem_fra_form
from strategi.forms import MaalForm, OpfoelgningForm, SletMaalForm, hentet_maalform
from strategi.grafer import fremdriftsgrafer
from strategi.maalstatus import FORMEL, REGEL, REGEL_INDLEDNING
from strategi.models import Maal
from strategi.permissions import (
    access_maal,
    access_opfoelgning,
    access_strategi,
    kan_foelge_op,
    kan_redigere,
)
from strategi.selectors import (
    baselinetal,
    et_maal,
    historik_for_maal,
    maal_for_strategi,
    opfoelgninger_med_bilag,
    slettede_maal,
)
from strategi.services import maal as services
from strategi.views.faelles import ramme

REGELKONTEKST = {"regel": REGEL, "regel_indledning": REGEL_INDLEDNING, "formel": FORMEL}


@require_safe
def maal_liste(request, pk):
    strategi = access_strategi(request.user, pk)
    context = ramme(request, strategi, "maal") | REGELKONTEKST | {"maal": maal_for_strategi(strategi)}
    return render(request, "strategi/maal_liste.html", context)


@require_safe
def maal_side(request, pk):
    maal = access_maal(request.user, pk)
    strategi = maal.strategi
    vist = et_maal(maal)
    context = (
        ramme(request, strategi, "maal")
        | REGELKONTEKST
        | {
            "m": vist,
            "graf": fremdriftsgrafer([vist])[maal.pk],
            "opfoelgninger": opfoelgninger_med_bilag(maal),
            "baselinetal": baselinetal(strategi.kommune, maal.indikator, strategi.program)
            if maal.indikator_id
            else None,
            "kan_foelge_op": kan_foelge_op(request.user, strategi)[0],
            "historik": historik_for_maal(request.user, strategi, maal, request.GET.get("historik")),
        }
    )
    return render(request, "strategi/maal.html", context)


def _maalformside(request, *, strategi, maal: Maal | None):
    """Create or edit a goal. 'Hent tal' fills in the baseline; a concurrent save is a 409 that keeps the input; the
    direction warning shows the confirmation box."""
    form = MaalForm(request.POST or None, strategi=strategi, maal=maal)
    gemning = Gemning()
    if request.method == "POST" and "hent" in request.POST:
        indikator, aar = form.valgt_indikator(), form.valgt_baselineaar()
        tal_ = baselinetal(strategi.kommune, indikator, strategi.program) if indikator else None
        celle = tal_.for_aar(aar) if tal_ else None
        if indikator is None:
            messages.warning(request, "Vælg en indikator, før tallene kan hentes.")
        elif celle is None or celle.egen.vaerdi is None:
            messages.warning(
                request, f"Den sociale profil har ikke et tal for {strategi.kommune.navn} i {aar or 'det valgte år'}."
            )
        form = hentet_maalform(
            form,
            strategi=strategi,
            maal=maal,
            baseline=celle.egen.vaerdi if celle and celle.egen.vaerdi is not None else None,
        )
    elif request.method == "POST" and form.is_valid():
        gemning = gem_fra_form(
            form,
            lambda: services.maal_gem(
                strategi=strategi,
                maal=maal,
                indhold=form.indhold,
                version=form.cleaned_data["version"],
                bruger=request.user,
            ),
        )
        if gemning.gemt:
            messages.success(request, "Målet er gemt.")
            return redirect("strategi:maal", pk=gemning.gemt.pk)
        if _er_retningsadvarsel(gemning.fejl):
            form.vis_retningsbekraeftelse()
    indikator = form.valgt_indikator()
    context = ramme(request, strategi, "maal") | {
        "form": form,
        "maal": maal,
        "forskelle": gemning.forskelle,
        "baselinetal": baselinetal(strategi.kommune, indikator, strategi.program) if indikator else None,
        "baselineaar": form.valgt_baselineaar(),
    }
    return render(request, "strategi/maal_form.html", context, status=gemning.status)


def _er_retningsadvarsel(exc: ValidationError | None) -> bool:
    fejl = exc.error_dict.get("maalvaerdi", []) if hasattr(exc, "error_dict") else []
    return any(e.code == "retningsadvarsel" for e in fejl)


@require_safe_or_POST
def maal_opret(request, pk):
    strategi = access_strategi(request.user, pk)
    kraev(kan_redigere(request.user, strategi))
    return _maalformside(request, strategi=strategi, maal=None)


@require_safe_or_POST
def maal_rediger(request, pk):
    maal = access_maal(request.user, pk)
    kraev(kan_redigere(request.user, maal.strategi))
    return _maalformside(request, strategi=maal.strategi, maal=maal)


@require_safe_or_POST
def maal_slet(request, pk):
    """GET: the confirmation page. POST: delete; a goal with follow-ups needs the box ticked."""
    maal = access_maal(request.user, pk)
    strategi = maal.strategi
    kraev(kan_redigere(request.user, strategi))
    form = SletMaalForm(request.POST if request.method == "POST" else None)  # an unticked box posts nothing
    grund = services.bekraeftelse_til_sletning(maal)
    if request.method == "POST" and form.is_valid():
        try:
            services.maal_slet(maal=maal, bekraeftet=form.cleaned_data["bekraeft"], bruger=request.user)
        except ValidationError as exc:
            form.add_error("bekraeft", exc)
        else:
            messages.success(request, f"Målet “{maal.tekst}” er slettet. Det kan gendannes under Slettede mål.")
            return redirect("strategi:maal_liste", pk=strategi.pk)
    context = ramme(request, strategi, "maal") | {"maal": maal, "form": form, "grund": grund}
    return render(request, "strategi/maal_slet.html", context, status=400 if form.errors else 200)


@require_safe
def slettede(request, pk):
    strategi = access_strategi(request.user, pk)
    kraev(kan_redigere(request.user, strategi))
    context = ramme(request, strategi, "maal") | {"slettede": slettede_maal(request.user, strategi)}
    return render(request, "strategi/maal_slettede.html", context)


@require_POST
def maal_gendan(request, pk, haendelse):
    strategi = access_strategi(request.user, pk)
    kraev(kan_redigere(request.user, strategi))
    try:
        maal = services.maal_gendan(strategi=strategi, haendelse_id=haendelse, bruger=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("strategi:slettede_maal", pk=strategi.pk)
    messages.success(request, f"Målet “{maal.tekst}” er gendannet med sine opfølgninger.")
    return redirect("strategi:maal", pk=maal.pk)


@require_safe_or_POST
def opfoelgning_opret(request, pk):
    maal = access_maal(request.user, pk)
    strategi = maal.strategi
    kraev(kan_foelge_op(request.user, strategi))
    form = OpfoelgningForm(request.POST or None, request.FILES or None, maal=maal)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.opfoelgning_opret(
                maal=maal,
                dato=data["dato"],
                vaerdi=data["vaerdi"],
                periode=data["periode"],
                kommentar=data["kommentar"],
                fil=data["fil"],
                bilag_beskrivelse=data["bilag_beskrivelse"],
                bruger=request.user,
            )
        except ValidationError as exc:
            service_fejl_paa_form(form, exc)
        else:
            messages.success(request, "Opfølgningen er registreret.")
            return redirect("strategi:maal", pk=maal.pk)
    context = ramme(request, strategi, "maal") | {"maal": maal, "form": form}
    return render(request, "strategi/opfoelgning_form.html", context)


@require_POST
def opfoelgning_slet(request, pk):
    opfoelgning = access_opfoelgning(request.user, pk)
    kraev(kan_foelge_op(request.user, opfoelgning.strategi))
    try:
        services.opfoelgning_slet(opfoelgning=opfoelgning, bruger=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Opfølgningen er slettet.")
    return redirect(reverse("strategi:maal", args=[opfoelgning.maal_id]) + "#opfoelgning")
