"""Expressions of interest: the page, the draft form, annexes, submission, receipts, sending back, reopening, and
the leads' requests to reopen with the ministry's answer.

Each view: access_* (404 for what the user may not read) → kan_* (403 with the reason) → one service.
"""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from forebyggelse import bilag as bilagskit
from forebyggelse.adgang import kraev
from forebyggelse.formatering import filnavn_tid, tidspunkt
from forebyggelse.forms import service_fejl_paa_form
from forebyggelse.http import require_safe_or_POST
from hentninger import services as hentningslog
from hentninger.services import logget_hentning
from kommuner.forms.ansoegninger import (
    AfvisAnmodningForm,
    AnsoegningForm,
    GenaabningForm,
    GenaabningsanmodningForm,
    TilbagesendelseForm,
)
from kommuner.permissions import (
    aaben_anmodning,
    access_ansoegning,
    access_ansoegning_til_side,
    access_ansoegning_til_status,
    access_bilag,
    access_genaabningsanmodning,
    access_kommune,
    access_kvittering,
    access_program,
    gaeldende_frist,
    kan_afvise_genaabningsanmodning,
    kan_anmode_om_genaabning,
    kan_genaabne,
    kan_indsende,
    kan_oprette_ansoegning,
    kan_redigere_ansoegning,
    kan_sende_tilbage,
    kan_traeffe_afgoerelse,
    kan_vurdere,
)
from kommuner.selectors import anmodningsstatus, besvarelse, finansiering, historik_for_ansoegning
from kommuner.services import ansoegninger as services

BILAG_HJAELP = "Fx kommunens børnepolitik eller den nuværende forebyggelsesstrategi."


@require_POST
def ansoegning_opret(request, pk):
    program = access_program(request.user, pk)
    kommune = access_kommune(request.user, request.POST.get("kommune", ""))
    kraev(kan_oprette_ansoegning(request.user, program, kommune))
    ansoegning = services.ansoegning_opret(program=program, kommune=kommune)
    return redirect("kommuner:ansoegning_rediger", pk=ansoegning.pk)


def _detalje(request, pk, *, form=None, indsend_fejl=None, status=200):
    """The application page: what was written, its annexes and receipts, and what this user may do next."""
    user = request.user
    ansoegning = access_ansoegning_til_side(user, pk)
    kan_redigere, _ = kan_redigere_ansoegning(user, ansoegning)
    kan_sende, indsend_grund = kan_indsende(user, ansoegning)
    if form is None and kan_redigere:
        form = bilagskit.BilagForm(beskrivelse_hjaelp=BILAG_HJAELP)
    ministeriets = kan_vurdere(user)[0]
    beloeb = list(ansoegning.beloeb.all())
    context = {
        "ansoegning": ansoegning,
        "besvarelse": besvarelse(ansoegning),
        "beloeb": beloeb,
        "finansiering": finansiering(ansoegning, beloeb, ansoegt_i_alt=ansoegning.ansoegt_i_alt),
        "frist": gaeldende_frist(ansoegning),
        "kan_redigere": kan_redigere,
        "kan_indsende": kan_sende,
        "indsend_grund": indsend_grund,
        "mangler": services.mangler_for_indsendelse(ansoegning) if kan_redigere else [],
        "form": form,
        "indsend_fejl": indsend_fejl,
        "ministeriets_behandling": ministeriets,
        "kan_vurdere": ministeriets,
        "kan_traeffe_afgoerelse": kan_traeffe_afgoerelse(user, ansoegning)[0],
        "kan_sende_tilbage": kan_sende_tilbage(user, ansoegning)[0],
        "afgoerelse": getattr(ansoegning, "afgoerelse", None),
        "bevillinger": list(ansoegning.deltagelse.bevillinger.all()) if hasattr(ansoegning, "deltagelse") else [],
        "historik": historik_for_ansoegning(user, ansoegning, request.GET.get("historik")),
        "anmodning": _anmodning(user, ansoegning),
    }
    return render(request, "kommuner/ansoegning_detalje.html", context, status=status)


def _anmodning(user, ansoegning):
    status = anmodningsstatus(user, ansoegning)
    if status and status.kan_anmode:
        status.form = GenaabningsanmodningForm(ansoegning=ansoegning)
    return status


@require_safe
def ansoegning_detalje(request, pk):
    return _detalje(request, pk)


@require_safe_or_POST
def ansoegning_rediger(request, pk):
    ansoegning = access_ansoegning(request.user, pk)
    kraev(kan_redigere_ansoegning(request.user, ansoegning))
    form = AnsoegningForm(request.POST or None, instance=ansoegning)
    if request.method == "POST" and form.is_valid():
        try:
            services.ansoegning_gem(
                ansoegning=ansoegning,
                indhold=form.indhold,
                beloeb=form.beloeb,
                egenfinansiering=form.egenfinansiering,
                bruger=request.user,
            )
        except ValidationError as exc:
            service_fejl_paa_form(form, exc)
        else:
            messages.success(request, "Kladden er gemt.")
            if "gem_og_se" in request.POST:
                return redirect("kommuner:ansoegning", pk=ansoegning.pk)
            return redirect("kommuner:ansoegning_rediger", pk=ansoegning.pk)
    return render(
        request,
        "kommuner/ansoegning_rediger.html",
        {"ansoegning": ansoegning, "form": form, "frist": gaeldende_frist(ansoegning)},
    )


@require_POST
def bilag_upload(request, pk):
    ansoegning = access_ansoegning(request.user, pk)
    kraev(kan_redigere_ansoegning(request.user, ansoegning))
    form = bilagskit.BilagForm(request.POST, request.FILES, beskrivelse_hjaelp=BILAG_HJAELP)
    bilag = bilagskit.bilag_fra_form(form, partial(services.bilag_tilfoej, ansoegning=ansoegning, bruger=request.user))
    if bilag:
        messages.success(request, f"Bilaget {bilag.filnavn} er vedhæftet.")
        return redirect(f"{reverse('kommuner:ansoegning', args=[ansoegning.pk])}#bilag")
    return _detalje(request, ansoegning.pk, form=form)


@require_safe
def bilag_hent(request, pk):
    bilag = access_bilag(request.user, pk)
    return hentningslog.bilag_hent(bilag=bilag, bruger=request.user, beskrivelse=f"{bilag} ({bilag.ansoegning})")


@require_POST
def bilag_slet(request, pk):
    bilag = access_bilag(request.user, pk)
    kraev(kan_redigere_ansoegning(request.user, bilag.ansoegning))
    try:
        services.bilag_slet(bilag=bilag, bruger=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Bilaget {bilag.filnavn} er fjernet.")
    return redirect(f"{reverse('kommuner:ansoegning', args=[bilag.ansoegning_id])}#bilag")


@require_POST
def ansoegning_indsend(request, pk):
    ansoegning = access_ansoegning(request.user, pk)
    kraev(kan_redigere_ansoegning(request.user, ansoegning))
    try:
        kvittering = services.ansoegning_indsend(ansoegning=ansoegning, bruger=request.user)
    except ValidationError as exc:
        return _detalje(request, ansoegning.pk, indsend_fejl=exc.messages)
    messages.success(
        request,
        f"Interessetilkendegivelsen er indsendt {tidspunkt(kvittering.indsendt)}. Hent kvitteringen herunder.",
    )
    return redirect("kommuner:ansoegning", pk=ansoegning.pk)


@require_safe
def kvittering_hent(request, pk):
    kvittering = access_kvittering(request.user, pk)
    filnavn = f"kvittering-{kvittering.ansoegning.kommune.kode}-{filnavn_tid(kvittering.indsendt)}.pdf"
    response = HttpResponse(bytes(kvittering.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filnavn}"'
    return logget_hentning(
        response, bruger=request.user, objekt=kvittering, beskrivelse=f"{kvittering} ({kvittering.ansoegning})"
    )


@require_safe_or_POST
def ansoegning_send_tilbage(request, pk):
    ansoegning = access_ansoegning(request.user, pk)
    kraev(kan_sende_tilbage(request.user, ansoegning))
    form = TilbagesendelseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.ansoegning_send_tilbage(
                ansoegning=ansoegning, kommentar=form.cleaned_data["kommentar"], bruger=request.user
            )
        except ValidationError as exc:
            service_fejl_paa_form(form, exc)
        else:
            messages.success(request, f"Interessetilkendegivelsen er sendt tilbage til {ansoegning.kommune.navn}.")
            return redirect("kommuner:ansoegning", pk=ansoegning.pk)
    return render(request, "kommuner/ansoegning_send_tilbage.html", {"ansoegning": ansoegning, "form": form})


def _genaabn_side(request, ansoegning, *, form=None, afvis_form=None, status=200):
    """The ministry's reopening page: the municipality's open request, if any, and the two answers to it. With a
    request open the ministry may decline it even when reopening is not possible (the deadline was moved)."""
    user = request.user
    kan, grund = kan_genaabne(user, ansoegning)
    anmodning = aaben_anmodning(ansoegning)
    kan_afvise = anmodning is not None and kan_afvise_genaabningsanmodning(user, anmodning)[0]
    if not (kan or kan_afvise):
        raise PermissionDenied(grund)
    context = {
        "ansoegning": ansoegning,
        "anmodning": anmodning,
        "form": (form or GenaabningForm()) if kan else None,
        "grund": grund,
        "afvis_form": (afvis_form or AfvisAnmodningForm(anmodning=anmodning)) if kan_afvise else None,
        "frist": gaeldende_frist(ansoegning),
    }
    return render(request, "kommuner/ansoegning_genaabn.html", context, status=status)


@require_safe_or_POST
def ansoegning_genaabn(request, pk):
    ansoegning = access_ansoegning_til_status(request.user, pk)
    if request.method != "POST":
        return _genaabn_side(request, ansoegning)
    kraev(kan_genaabne(request.user, ansoegning))
    form = GenaabningForm(request.POST)
    if form.is_valid():
        try:
            services.ansoegning_genaabn(
                ansoegning=ansoegning,
                aaben_til=form.aaben_til,
                begrundelse=form.cleaned_data["begrundelse"],
                bruger=request.user,
            )
        except ValidationError as exc:
            service_fejl_paa_form(form, exc)
        else:
            messages.success(request, f"{ansoegning.kommune.navn} kan nu indsende indtil {tidspunkt(form.aaben_til)}.")
            return redirect("kommuner:program", pk=ansoegning.program_id)
    return _genaabn_side(request, ansoegning, form=form, status=400)


@require_safe_or_POST
def genaabningsanmodning_opret(request, pk):
    ansoegning = access_ansoegning_til_status(request.user, pk)
    kraev(kan_anmode_om_genaabning(request.user, ansoegning))
    form = GenaabningsanmodningForm(request.POST if request.method == "POST" else None, ansoegning=ansoegning)
    if request.method == "POST" and form.is_valid():
        try:
            services.genaabningsanmodning_opret(
                ansoegning=ansoegning, bruger=request.user, begrundelse=form.cleaned_data["begrundelse"]
            )
        except ValidationError as exc:
            service_fejl_paa_form(form, exc)
        else:
            messages.success(request, "Anmodningen er sendt. I får ministeriets svar på e-mail.")
            return redirect("kommuner:ansoegning", pk=ansoegning.pk)
    return render(
        request,
        "kommuner/genaabningsanmodning.html",
        {"ansoegning": ansoegning, "form": form, "frist": gaeldende_frist(ansoegning)},
        status=400 if form.errors else 200,
    )


@require_POST
def genaabningsanmodning_afvis(request, pk):
    anmodning = access_genaabningsanmodning(request.user, pk)
    kraev(kan_afvise_genaabningsanmodning(request.user, anmodning))
    form = AfvisAnmodningForm(request.POST, anmodning=anmodning)
    if not form.is_valid():
        return _genaabn_side(request, anmodning.ansoegning, afvis_form=form, status=400)
    try:
        services.genaabningsanmodning_afvis(anmodning=anmodning, bruger=request.user, svar=form.cleaned_data["svar"])
    except ValidationError as exc:  # answered by a colleague a moment ago: the page has nothing left to answer
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Anmodningen fra {anmodning.ansoegning.kommune.navn} er afvist.")
    return redirect("kommuner:program", pk=anmodning.ansoegning.program_id)
