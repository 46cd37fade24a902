"""Meetings: the list, the meeting page (agenda, materials, minutes, decisions, attendance) and its actions."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from evaluering.forms import (
    DagsordenspunktForm,
    DagsordenspunktRedigerForm,
    FremmoedeForm,
    GodkendReferatForm,
    MoedeForm,
    OpfoelgningspunktForm,
    ReferatForm,
)
from evaluering.permissions import (
    access_dagsordenspunkt,
    access_materiale,
    access_moede,
    access_opfoelgningspunkt,
    kan_godkende_referat,
    kan_markere_afholdt,
    kan_redigere_dagsorden,
    kan_redigere_moede,
    kan_redigere_tidsplan,
    kan_registrere_fremmoede,
    kan_se_referat,
    kan_sende_invitation,
    kan_skrive_referat,
    kommuner_for_fremmoede,
)
from evaluering.selectors import (
    antal_deltagere,
    historik_for_moede,
    invitationsstatus,
    moedeindhold,
    moeder_i_program,
    uden_adresse,
)
from evaluering.services import moeder as services
from evaluering.services.laest import laest_registrer
from forebyggelse import bilag as bilagskit
from forebyggelse.adgang import kraev
from forebyggelse.formatering import filnavn_tid
from forebyggelse.forms import service_fejl_paa_form
from forebyggelse.http import require_safe_or_POST
from forebyggelse.pdf import render_pdf
from forebyggelse.roller import er_ministeriet, er_styregruppe
from forebyggelse.samtidighed import Gemning, gem_fra_form
from hentninger import services as hentningslog
from hentninger.services import logget_hentning
from kommuner.permissions import access_program


@require_safe
def moede_liste(request, pk):
    program = access_program(request.user, pk)
    return render(
        request,
        "evaluering/moede_liste.html",
        {
            "program": program,
            "moeder": moeder_i_program(program, request.user),
            "antal_deltagere": antal_deltagere(program),
            "kan_oprette": kan_redigere_tidsplan(request.user, program)[0],
        },
    )


@require_safe_or_POST
def moede_opret(request, pk):
    program = access_program(request.user, pk)
    kraev(kan_redigere_tidsplan(request.user, program))
    form = MoedeForm(request.POST or None, program=program)
    if request.method == "POST" and form.is_valid():
        try:
            moede = services.moede_opret(program=program, **form.service_data())
        except ValidationError as exc:
            service_fejl_paa_form(form, exc)
        else:
            messages.success(
                request, f"{moede.titel} er planlagt. Tilføj dagsorden og materialer, og send invitationen."
            )
            return redirect("evaluering:moede", pk=moede.pk)
    return render(request, "evaluering/moede_form.html", {"program": program, "form": form, "moede": None})


@require_safe_or_POST
def moede_rediger(request, pk):
    moede = access_moede(request.user, pk)
    kraev(kan_redigere_moede(request.user, moede))
    form = MoedeForm(request.POST or None, program=moede.program, moede=moede)
    gemning = Gemning()
    if request.method == "POST" and form.is_valid():
        gemning = gem_fra_form(
            form,
            lambda: services.moede_opdater(
                moede=moede, version=form.cleaned_data["version"] or 0, bruger=request.user, **form.service_data()
            ),
        )
        if gemt := gemning.gemt:
            messages.success(request, f"Ændringerne i {gemt.titel} er gemt.")
            return redirect("evaluering:moede", pk=gemt.pk)
        if gemning.konflikt:
            moede = gemning.konflikt.nuvaerende
    context = {"program": moede.program, "form": form, "moede": moede}
    return render(request, "evaluering/moede_form.html", context, status=gemning.status)


def _side(request, moede, *, status=200, **forms):
    """The meeting page, with any bound form that failed kept as the user typed it."""
    user = request.user
    indhold = moedeindhold(moede)
    moede = indhold.moede
    kan_redigere = kan_redigere_moede(user, moede)[0]
    kan_dagsorden = kan_redigere_dagsorden(user, moede)[0]
    kan_referat = kan_skrive_referat(user, moede)[0]
    kan_invitere = kan_sende_invitation(user, moede)[0]
    context = {
        "indhold": indhold,
        "moede": moede,
        "program": moede.program,
        "kan_redigere": kan_redigere,
        "kan_redigere_dagsorden": kan_dagsorden,
        "kan_se_referat": kan_se_referat(user, moede)[0],
        "kan_skrive_referat": kan_referat,
        "kan_invitere": kan_invitere,
        "uden_adresse": uden_adresse(moede) if kan_invitere else [],
        "invitation": invitationsstatus(moede) if er_ministeriet(user) else None,
        "kan_markere_afholdt": kan_markere_afholdt(user, moede),
        "kan_godkende": kan_godkende_referat(user, moede),
        "kan_registrere_fremmoede": kan_registrere_fremmoede(user, moede)[0],
        "dagsorden_form": forms.get("dagsorden_form") or (DagsordenspunktForm() if kan_dagsorden else None),
        "materiale_form": forms.get("materiale_form") or (bilagskit.BilagForm() if kan_redigere else None),
        "opfoelgning_form": forms.get("opfoelgning_form")
        or (OpfoelgningspunktForm(moede=moede) if kan_referat else None),
        "historik": historik_for_moede(user, moede, request.GET.get("historik")),
    }
    return render(request, "evaluering/moede_detalje.html", context, status=status)


@require_safe
def moede_detalje(request, pk):
    moede = access_moede(request.user, pk)
    if er_styregruppe(request.user):  # its agenda and minutes are read: off the steering group's list until they change
        laest_registrer(bruger=request.user, moede=moede)
    return _side(request, moede)


def _tilbage(moede, anker: str = ""):
    return redirect(f"{reverse('evaluering:moede', args=[moede.pk])}{anker}")


@require_POST
def dagsorden_tilfoej(request, pk):
    moede = access_moede(request.user, pk)
    kraev(kan_redigere_dagsorden(request.user, moede))
    form = DagsordenspunktForm(request.POST)
    if form.is_valid():
        try:
            services.dagsordenspunkt_tilfoej(moede=moede, **form.cleaned_data)
        except ValidationError as exc:
            service_fejl_paa_form(form, exc)
        else:
            messages.success(request, "Punktet er føjet til dagsordenen.")
            return _tilbage(moede, "#dagsorden")
    return _side(request, moede, dagsorden_form=form, status=400)


@require_safe_or_POST
def dagsorden_rediger(request, pk):
    punkt = access_dagsordenspunkt(request.user, pk)
    kraev(kan_redigere_dagsorden(request.user, punkt.moede))
    form = DagsordenspunktRedigerForm(request.POST or None, punkt=punkt)
    gemning = Gemning()
    if request.method == "POST" and form.is_valid():
        gemning = gem_fra_form(
            form,
            lambda: services.dagsordenspunkt_opdater(
                punkt=punkt, version=form.cleaned_data["version"], bruger=request.user, **form.service_data()
            ),
        )
        if gemt := gemning.gemt:
            messages.success(request, f"Punktet “{gemt.titel}” er gemt.")
            return _tilbage(punkt.moede, "#dagsorden")
    context = {"punkt": punkt, "moede": punkt.moede, "form": form, "forskelle": gemning.forskelle}
    return render(request, "evaluering/dagsordenspunkt_form.html", context, status=gemning.status)


def _flyt(request, pk, retning):
    punkt = access_dagsordenspunkt(request.user, pk)
    kraev(kan_redigere_dagsorden(request.user, punkt.moede))
    punkt = services.dagsordenspunkt_flyt(punkt=punkt, retning=retning)
    messages.success(request, f"“{punkt.titel}” er nu punkt {punkt.nummer}.")
    return _tilbage(punkt.moede, f"#punkt-{punkt.pk}")


@require_POST
def dagsorden_op(request, pk):
    return _flyt(request, pk, "op")


@require_POST
def dagsorden_ned(request, pk):
    return _flyt(request, pk, "ned")


@require_POST
def dagsorden_slet(request, pk):
    punkt = access_dagsordenspunkt(request.user, pk)
    kraev(kan_redigere_dagsorden(request.user, punkt.moede))
    services.dagsordenspunkt_slet(punkt=punkt)
    messages.success(request, f"Punktet “{punkt.titel}” er fjernet fra dagsordenen.")
    return _tilbage(punkt.moede, "#dagsorden")


@require_POST
def materiale_upload(request, pk):
    moede = access_moede(request.user, pk)
    kraev(kan_redigere_moede(request.user, moede))
    form = bilagskit.BilagForm(request.POST, request.FILES)
    materiale = bilagskit.bilag_fra_form(form, partial(services.materiale_tilfoej, moede=moede, bruger=request.user))
    if materiale:
        messages.success(request, f"{materiale.filnavn} er lagt på mødet.")
        return _tilbage(moede, "#materialer")
    return _side(request, moede, materiale_form=form, status=400)


@require_safe
def materiale_hent(request, pk):
    materiale = access_materiale(request.user, pk)
    return hentningslog.bilag_hent(
        bilag=materiale, bruger=request.user, beskrivelse=f"{materiale.filnavn} ({materiale.moede.titel})"
    )


@require_POST
def materiale_slet(request, pk):
    materiale = access_materiale(request.user, pk)
    kraev(kan_redigere_moede(request.user, materiale.moede))
    services.materiale_slet(materiale=materiale, bruger=request.user)
    messages.success(request, f"{materiale.filnavn} er fjernet.")
    return _tilbage(materiale.moede, "#materialer")


@require_POST
def invitation_send(request, pk):
    moede = access_moede(request.user, pk)
    kraev(kan_sende_invitation(request.user, moede))
    job = services.invitation_send(moede=moede, bruger=request.user)
    messages.success(request, "Invitationen sendes nu til deltagerne. Du kan følge det her.")
    return redirect("evaluering:job", pk=job.pk)


@require_POST
def moede_afholdt(request, pk):
    moede = access_moede(request.user, pk)
    kraev(kan_markere_afholdt(request.user, moede))
    try:
        services.moede_marker_afholdt(moede=moede)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Mødet er markeret som afholdt. Registrér fremmødet, og skriv referatet.")
    return _tilbage(moede)


@require_safe_or_POST
def referat(request, pk):
    moede = access_moede(request.user, pk)
    kraev(kan_skrive_referat(request.user, moede))
    form = ReferatForm(request.POST or None, moede=moede, dagsorden=list(moede.dagsorden.all()))
    gemning = Gemning()
    if request.method == "POST" and form.is_valid():
        gemning = gem_fra_form(
            form,
            lambda: services.referat_gem(
                moede=moede,
                referat=form.cleaned_data["referat"],
                punkter=form.punkter(),
                version=form.cleaned_data["version"],
                bruger=request.user,
            ),
        )
        if gemning.gemt:
            messages.success(request, "Referatet er gemt.")
            return _tilbage(moede, "#referat")
        if gemning.konflikt:
            moede = gemning.konflikt.nuvaerende
    context = {"moede": moede, "form": form, "forskelle": gemning.forskelle}
    return render(request, "evaluering/referat_form.html", context, status=gemning.status)


@require_POST
def opfoelgning_tilfoej(request, pk):
    moede = access_moede(request.user, pk)
    kraev(kan_skrive_referat(request.user, moede))
    form = OpfoelgningspunktForm(request.POST, moede=moede)
    if form.is_valid():
        try:
            services.opfoelgningspunkt_tilfoej(moede=moede, **form.cleaned_data)
        except ValidationError as exc:
            service_fejl_paa_form(form, exc)
        else:
            messages.success(request, f"{form.cleaned_data['tekst'][:60]} er tilføjet.")
            return _tilbage(moede, "#referat")
    return _side(request, moede, opfoelgning_form=form, status=400)


@require_POST
def opfoelgning_slet(request, pk):
    punkt = access_opfoelgningspunkt(request.user, pk)
    kraev(kan_skrive_referat(request.user, punkt.moede))
    services.opfoelgningspunkt_slet(punkt=punkt)
    messages.success(request, "Punktet er fjernet.")
    return _tilbage(punkt.moede, "#referat")


@require_safe_or_POST
def fremmoede(request, pk):
    """One small form per municipality the user may record for; all are saved together or none."""
    moede = access_moede(request.user, pk)
    kraev(kan_registrere_fremmoede(request.user, moede))
    kommuner = list(kommuner_for_fremmoede(request.user, moede))
    registreret = {f.kommune_id: f for f in moede.fremmoede.all()}
    forms = []
    for kommune in kommuner:
        eksisterende = registreret.get(kommune.pk)
        initial = (
            {
                "status": eksisterende.status,
                "deltagere": eksisterende.deltagere,
                "afbudsgrund": eksisterende.afbudsgrund,
                "bemaerkning": eksisterende.bemaerkning,
            }
            if eksisterende
            else {}
        )
        forms.append((kommune, FremmoedeForm(request.POST or None, prefix=f"k{kommune.kode}", initial=initial)))
    if request.method == "POST" and all(form.is_valid() for _, form in forms):
        fejl = False
        # All or nothing: a savepoint, so the rows that did save are undone and the page (its menu included) can
        # still read the database afterwards.
        with transaction.atomic():
            for kommune, form in forms:
                try:
                    services.fremmoede_registrer(moede=moede, kommune=kommune, bruger=request.user, **form.cleaned_data)
                except ValidationError as exc:
                    fejl = True
                    service_fejl_paa_form(form, exc)
            if fejl:
                transaction.set_rollback(True)
        if not fejl:
            messages.success(request, "Fremmødet er registreret.")
            return _tilbage(moede, "#fremmoede")
    return render(request, "evaluering/fremmoede_form.html", {"moede": moede, "forms": forms})


@require_safe_or_POST
def referat_godkend(request, pk):
    """Approving locks the meeting for good, so it is a step of its own: the page says what approval does and shows
    the minutes to be approved; the button there approves the version shown."""
    moede = access_moede(request.user, pk)
    kraev(kan_godkende_referat(request.user, moede))
    form = GodkendReferatForm(request.POST or None, moede=moede)
    gemning = Gemning()
    if request.method == "POST" and form.is_valid():
        gemning = gem_fra_form(
            form,
            lambda: services.referat_godkend(moede=moede, bruger=request.user, version=form.cleaned_data["version"]),
        )
        if gemning.gemt:
            messages.success(request, "Referatet er godkendt, og mødet er nu låst. Referatet sendes til deltagerne.")
            return _tilbage(moede)
    indhold = moedeindhold(moede)
    context = {"moede": indhold.moede, "indhold": indhold, "form": form}
    return render(request, "evaluering/referat_godkend.html", context, status=gemning.status)


@require_safe
def referat_pdf(request, pk):
    moede = access_moede(request.user, pk)
    if not kan_se_referat(request.user, moede)[0]:
        raise Http404("Siden findes ikke.")
    indhold = moedeindhold(moede)
    if not indhold.har_referat:
        raise Http404("Referatet er ikke skrevet endnu.")
    pdf = render_pdf("evaluering/pdf/referat.html", {"indhold": indhold, "moede": indhold.moede}, bruger=request.user)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="referat-{moede.art}-{filnavn_tid(moede.start)}.pdf"'
    return logget_hentning(
        response, bruger=request.user, objekt=moede, art="Referat (PDF)", beskrivelse=f"{moede} ({moede.program})"
    )
