"""Deliveries to the evaluator: the ministry's overview and ordering, a municipality's delivery and submission,
the frozen snapshots and the ministry's review."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from evaluering.forms import DataleveranceForm, KopierFraProgramForm, LeverancevurderingForm
from evaluering.models import Kommuneleverance, er_forsinket
from evaluering.permissions import (
    access_dataleverance,
    access_indsendelse,
    deltagelser_i_leverancer,
    indsendelser_til_laesning,
    kan_indsende_leverance,
    kan_oprette_dataleverance,
    kan_vurdere_indsendelse,
)
from evaluering.selectors import kilder_til_leverancer, leveranceoverblik
from evaluering.services import leverancer as services
from evaluering.services.laest import laest_registrer
from evaluering.snapshot import byg_snapshot
from forebyggelse.adgang import get_or_404, kraev
from forebyggelse.forms import service_fejl_paa_form
from forebyggelse.http import require_safe_or_POST
from forebyggelse.roller import er_evaluator
from kommuner.permissions import access_program
from kommuner.roller import skriver_for


def _kopiform(request, program, data=None) -> KopierFraProgramForm:
    return KopierFraProgramForm(
        data,
        kilder=kilder_til_leverancer(program, request.user),
        enhed="dataleverance,dataleverancer",
        knap="Kopiér leverancerne",
        action=reverse("evaluering:leverancer_kopier", args=[program.pk]),
    )


@require_safe
def leverance_liste(request, pk):
    program = access_program(request.user, pk)
    overblik = leveranceoverblik(program, request.user)
    kan_oprette = kan_oprette_dataleverance(request.user, program)[0]
    # Deliveries are copied only into a programme that has none, so the form is offered only then.
    kopiform = _kopiform(request, program) if kan_oprette and not overblik.raekker else None
    return render(
        request,
        "evaluering/leverance_liste.html",
        {
            "program": program,
            "overblik": overblik,
            "kan_oprette": kan_oprette,
            "kopiform": kopiform if kopiform and kopiform.fields["fra"].queryset.exists() else None,
        },
    )


@require_safe_or_POST
def leverancer_kopier(request, pk):
    program = access_program(request.user, pk)
    kraev(kan_oprette_dataleverance(request.user, program))
    form = _kopiform(request, program, request.POST or None)
    if request.method == "POST" and form.is_valid():
        fra = form.cleaned_data["fra"]
        try:
            leverancer = services.leverancer_kopier(fra=fra, til=program, bruger=request.user)
        except ValidationError as exc:
            service_fejl_paa_form(form, exc)
        else:
            antal = len(leverancer)
            messages.success(
                request,
                f"{antal} {pluralize(antal, 'dataleverance,dataleverancer')} er kopieret fra {fra.navn} og bestilt "
                "hos de deltagende kommuner.",
            )
            return redirect("evaluering:leverancer", pk=program.pk)
    return render(
        request,
        "evaluering/kopier_fra_program.html",
        {
            "program": program,
            "form": form,
            "afsnit": "evaluering/_kopier_leverancer.html",
            "titel": "Kopiér leverancerne fra et andet program",
            "tilbage": reverse("evaluering:leverancer", args=[program.pk]),
            "tilbage_tekst": "Tilbage til dataleverancerne",
        },
    )


@require_safe_or_POST
def dataleverance_opret(request, pk):
    program = access_program(request.user, pk)
    kraev(kan_oprette_dataleverance(request.user, program))
    form = DataleveranceForm(request.POST or None, program=program)
    if request.method == "POST" and form.is_valid():
        try:
            leverance = services.dataleverance_opret(program=program, bruger=request.user, **form.service_data())
        except ValidationError as exc:
            service_fejl_paa_form(form, exc)
        else:
            messages.success(request, f"Dataleverancen {leverance.titel} er bestilt hos de deltagende kommuner.")
            return redirect("evaluering:dataleverance", pk=leverance.pk)
    return render(request, "evaluering/dataleverance_form.html", {"program": program, "form": form})


@require_safe
def dataleverance_detalje(request, pk):
    leverance = access_dataleverance(request.user, pk)
    overblik = leveranceoverblik(leverance.program, request.user)
    raekke = next(r for r in overblik.raekker if r.dataleverance.pk == leverance.pk)
    if er_evaluator(request.user):  # the approvals shown now are seen: only later ones are new on the evaluator's list
        laest_registrer(bruger=request.user, dataleverance=leverance)
    return render(
        request,
        "evaluering/dataleverance_detalje.html",
        {"leverance": leverance, "program": leverance.program, "raekke": raekke, "nu": timezone.now()},
    )


def _deltagelse(request, leverance, kode: str):
    return get_or_404(deltagelser_i_leverancer(request.user, leverance.program), kommune__kode=kode)


def _kommunens_del(leverance, deltagelse) -> Kommuneleverance:
    """The municipality's part of the delivery, unsaved if nobody has opened it yet (the check needs no row)."""
    return Kommuneleverance.objects.filter(dataleverance=leverance, deltagelse=deltagelse).first() or Kommuneleverance(
        dataleverance=leverance, deltagelse=deltagelse
    )


@require_safe
def kommuneleverance(request, pk, kode):
    """One municipality's part of a delivery: its status and submissions, and for its own leads a preview of
    exactly what submitting now would deliver."""
    leverance = access_dataleverance(request.user, pk)
    deltagelse = _deltagelse(request, leverance, kode)
    kl = _kommunens_del(leverance, deltagelse)
    kan, grund = kan_indsende_leverance(request.user, kl)
    egen = skriver_for(request.user, deltagelse.kommune_id)
    forhaandsvisning = (
        byg_snapshot(deltagelse=deltagelse, dataleverance=leverance, bruger=request.user, nu=timezone.now())
        if egen and kan
        else None
    )
    indsendelser = (
        list(indsendelser_til_laesning(request.user).filter(kommuneleverance=kl).order_by("-nummer")) if kl.pk else []
    )
    return render(
        request,
        "evaluering/kommuneleverance.html",
        {
            "leverance": leverance,
            "program": leverance.program,
            "deltagelse": deltagelse,
            "kl": kl,
            "forsinket": er_forsinket(kl.status, leverance.frist, timezone.now()),
            "kan_indsende": kan,
            "grund": grund,
            "forhaandsvisning": forhaandsvisning,
            "indsendelser": indsendelser,
        },
    )


@require_POST
def kommuneleverance_indsend(request, pk, kode):
    leverance = access_dataleverance(request.user, pk)
    deltagelse = _deltagelse(request, leverance, kode)
    kraev(kan_indsende_leverance(request.user, _kommunens_del(leverance, deltagelse)))
    kl = services.kommuneleverance_hent(dataleverance=leverance, deltagelse=deltagelse)
    try:
        indsendelse = services.leverance_indsend(kommuneleverance=kl, bruger=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("evaluering:kommuneleverance", pk=leverance.pk, kode=kode)
    messages.success(request, "Leverancen er indsendt og frosset, som den er nu. Ministeriet gennemgår den.")
    return redirect("evaluering:indsendelse", pk=indsendelse.pk)


@require_safe
def indsendelse(request, pk):
    indsendelse = access_indsendelse(request.user, pk)
    return render(
        request,
        "evaluering/indsendelse.html",
        {
            "indsendelse": indsendelse,
            "snapshot": indsendelse.snapshot,
            "leverance": indsendelse.kommuneleverance.dataleverance,
            "kan_vurdere": kan_vurdere_indsendelse(request.user, indsendelse)[0],
        },
    )


@require_safe_or_POST
def indsendelse_vurder(request, pk):
    indsendelse = access_indsendelse(request.user, pk)
    kraev(kan_vurdere_indsendelse(request.user, indsendelse))
    form = LeverancevurderingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.indsendelse_vurder(
                indsendelse=indsendelse,
                godkendt=form.cleaned_data["resultat"] == "godkendt",
                kommentar=form.cleaned_data["kommentar"],
                bruger=request.user,
            )
        except ValidationError as exc:
            service_fejl_paa_form(form, exc)
        else:
            messages.success(request, "Gennemgangen er gemt, og kommunens projektledere har fået besked.")
            return redirect("evaluering:indsendelse", pk=indsendelse.pk)
    return render(request, "evaluering/indsendelse_vurder.html", {"indsendelse": indsendelse, "form": form})
