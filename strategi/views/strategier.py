"""The strategy: the list, creating it, its overview page, the header, submitting, the ministry's comments,
approval and sending back, the political adoption, the child-policy annex, the history and the PDF.

Each view: access_* (404 for what the user may not read) → kan_* (403 with the reason) → one service."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from forebyggelse import bilag as bilagskit
from forebyggelse.adgang import kraev
from forebyggelse.formatering import filnavn_tid
from forebyggelse.forms import service_fejl_paa_form
from forebyggelse.http import require_safe_or_POST
from forebyggelse.pdf import DATA_PR
from forebyggelse.roller import er_projektleder
from forebyggelse.samtidighed import Gemning, gem_fra_form
from hentninger import services as hentningslog
from hentninger.services import logget_hentning
from kommuner.permissions import access_deltagelse, programmer_til_laesning
from profiler.selectors import datastand
from strategi.forms import GodkendForm, KommentarForm, StrategiForm, TilbagesendelseForm, VedtagelseForm
from strategi.grafer import fremdriftsgrafer
from strategi.maalstatus import REGEL, REGEL_INDLEDNING, Maalstatus
from strategi.permissions import (
    access_bilag,
    access_strategi,
    kan_behandle,
    kan_foelge_op,
    kan_gennemgaa,
    kan_kommentere,
    kan_oprette_strategi,
    kan_redigere,
    kan_registrere_vedtagelse,
    kan_se_historik,
    kan_se_kommentarer,
    kan_se_oversigt,
)
from strategi.rapporter import strategi_pdf
from strategi.selectors import (
    andres_strategier,
    boernepolitik_bilag,
    gennemgange,
    handlinger_for_strategi,
    handlingstal,
    historik_for_strategi,
    kommentarer,
    maal_for_strategi,
    maalstatustal,
    mine_deltagelser,
)
from strategi.services import strategier as services
from strategi.views.faelles import i_dag, ramme

BOERNEPOLITIK_HJAELP = "Fx kommunens børnepolitik eller den nuværende forebyggelsesstrategi."


@require_safe
def liste(request):
    """The strategies the user works with: a lead's own (or the button to create one) and the approved strategies
    of other municipalities; the other roles' readable strategies and the overviews per programme."""
    programmer = [p for p in programmer_til_laesning(request.user) if kan_se_oversigt(request.user, p)[0]]
    return render(
        request,
        "strategi/liste.html",
        {
            "mine": mine_deltagelser(request.user),
            "andre": andres_strategier(request.user),
            "er_projektleder": er_projektleder(request.user),
            "programmer": programmer,
        },
    )


@require_POST
def opret(request, pk):
    deltagelse = access_deltagelse(request.user, pk)
    kraev(kan_oprette_strategi(request.user, deltagelse))
    try:
        strategi = services.strategi_opret(
            deltagelse=deltagelse,
            titel=f"Forebyggelsesstrategi for {deltagelse.kommune.officielt_navn}",
            bruger=request.user,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("strategi:liste")
    messages.success(request, "Strategien er oprettet. Begynd med visionen og indsatsområderne.")
    return redirect("strategi:strategi", pk=strategi.pk)


@require_safe
def strategi_side(request, pk):
    return _strategi_side(request, pk)


def _strategi_side(request, pk, *, indsend_fejl=None, status=200):
    """The strategy's overview: where it stands, what the user may do next, the goals with their status and
    progress charts, and the action plan by status and colour."""
    user = request.user
    strategi = access_strategi(user, pk)
    maal = maal_for_strategi(strategi)
    handlinger = handlinger_for_strategi(strategi, i_dag=i_dag())
    kan_redigere_, _ = kan_redigere(user, strategi)
    context = ramme(request, strategi, "overblik") | {
        "maal": maal,
        "grafer": fremdriftsgrafer(maal),
        "statustal": maalstatustal(maal),
        "statusser": Maalstatus,
        "regel": REGEL,
        "regel_indledning": REGEL_INDLEDNING,
        "handlingstal": handlingstal(handlinger),
        "forsinkede": [h for h in handlinger if h.forsinket],
        "mangler": services.mangler_for_indsendelse(strategi) if kan_redigere_ else [],
        "indsend_fejl": indsend_fejl,
        "kan_kommentere": kan_kommentere(user, strategi)[0],
        "kan_behandle": kan_behandle(user, strategi)[0],
        "kan_vedtagelse": kan_registrere_vedtagelse(user, strategi)[0],
        "kan_foelge_op": kan_foelge_op(user, strategi)[0],
        "kan_gennemgaa": kan_gennemgaa(user, strategi)[0],
        "kommentarer": kommentarer(strategi) if kan_se_kommentarer(user, strategi)[0] else None,
        "gennemgange": gennemgange(strategi),
        "bilag": boernepolitik_bilag(strategi),
        "bilagform": bilagskit.BilagForm(beskrivelse_hjaelp=BOERNEPOLITIK_HJAELP) if kan_redigere_ else None,
    }
    return render(request, "strategi/strategi.html", context, status=status)


@require_safe_or_POST
def rediger(request, pk):
    strategi = access_strategi(request.user, pk)
    kraev(kan_redigere(request.user, strategi))
    form = StrategiForm(request.POST or None, strategi=strategi)
    gemning = Gemning()
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        gemning = gem_fra_form(
            form,
            lambda: services.strategi_gem(
                strategi=strategi,
                titel=data["titel"],
                vision=data["vision"],
                boernepolitik=data["boernepolitik"],
                boernepolitik_url=data["boernepolitik_url"],
                version=data["version"],
                bruger=request.user,
            ),
        )
        if gemning.gemt:
            messages.success(request, "Strategien er gemt.")
            return redirect("strategi:strategi", pk=strategi.pk)
    context = ramme(request, strategi, "overblik") | {"form": form, "forskelle": gemning.forskelle}
    return render(request, "strategi/strategi_rediger.html", context, status=gemning.status)


@require_POST
def boernepolitik_upload(request, pk):
    strategi = access_strategi(request.user, pk)
    kraev(kan_redigere(request.user, strategi))
    form = bilagskit.BilagForm(request.POST, request.FILES, beskrivelse_hjaelp=BOERNEPOLITIK_HJAELP)
    bilag = bilagskit.bilag_fra_form(
        form, partial(services.boernepolitik_tilfoej, strategi=strategi, bruger=request.user)
    )
    if bilag:
        messages.success(request, f"Bilaget {bilag.filnavn} er vedhæftet.")
        return redirect(f"{reverse('strategi:strategi', args=[strategi.pk])}#boernepolitik")
    messages.error(request, " ".join(str(e) for fejl in form.errors.values() for e in fejl))
    return redirect(f"{reverse('strategi:strategi', args=[strategi.pk])}#boernepolitik")


@require_safe
def bilag_hent(request, pk):
    bilag = access_bilag(request.user, pk)
    hvis = f"{bilag.get_art_display()} til {bilag.strategi.titel} ({bilag.strategi.kommune.navn})"
    return hentningslog.bilag_hent(bilag=bilag, bruger=request.user, beskrivelse=f"{bilag}: {hvis}")


@require_POST
def bilag_slet(request, pk):
    bilag = access_bilag(request.user, pk)
    kraev(kan_redigere(request.user, bilag.strategi))
    try:
        services.boernepolitik_slet(bilag=bilag, bruger=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Bilaget {bilag.filnavn} er fjernet.")
    return redirect(f"{reverse('strategi:strategi', args=[bilag.strategi_id])}#boernepolitik")


@require_POST
def indsend(request, pk):
    strategi = access_strategi(request.user, pk)
    kraev(kan_redigere(request.user, strategi))
    try:
        services.strategi_indsend(strategi=strategi, bruger=request.user)
    except ValidationError as exc:
        return _strategi_side(request, pk, indsend_fejl=exc.messages, status=400)
    messages.success(request, "Strategien er indsendt til ministeriet. Den er låst, mens ministeriet behandler den.")
    return redirect("strategi:strategi", pk=strategi.pk)


def _ministerside(request, pk, *, form_klasse, tilladt, gem, besked: str, titel: str):
    strategi = access_strategi(request.user, pk)
    kraev(tilladt(request.user, strategi))
    form = form_klasse(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            gem(strategi, form.cleaned_data)
        except ValidationError as exc:
            service_fejl_paa_form(form, exc)
        else:
            messages.success(request, besked.format(kommune=strategi.kommune.navn))
            return redirect("strategi:strategi", pk=strategi.pk)
    context = ramme(request, strategi, "overblik") | {"form": form, "titel": titel, "tilbage": ""}
    return render(request, "strategi/formular.html", context)


@require_safe_or_POST
def kommenter(request, pk):
    return _ministerside(
        request,
        pk,
        form_klasse=KommentarForm,
        tilladt=kan_kommentere,
        gem=lambda s, d: services.kommentar_opret(strategi=s, tekst=d["tekst"], bruger=request.user),
        besked="Kommentaren er gemt. {kommune}s projektledere kan se den på strategien.",
        titel="Kommentér strategien",
    )


@require_safe_or_POST
def godkend(request, pk):
    return _ministerside(
        request,
        pk,
        form_klasse=GodkendForm,
        tilladt=kan_behandle,
        gem=lambda s, d: services.strategi_godkend(strategi=s, kommentar=d["kommentar"], bruger=request.user),
        besked="{kommune}s strategi er godkendt. Andre deltagere kan nu læse den.",
        titel="Godkend strategien",
    )


@require_safe_or_POST
def send_tilbage(request, pk):
    return _ministerside(
        request,
        pk,
        form_klasse=TilbagesendelseForm,
        tilladt=kan_behandle,
        gem=lambda s, d: services.strategi_send_tilbage(strategi=s, kommentar=d["kommentar"], bruger=request.user),
        besked="Strategien er sendt tilbage til {kommune} med din kommentar.",
        titel="Send strategien tilbage til ændring",
    )


@require_safe_or_POST
def vedtagelse(request, pk):
    strategi = access_strategi(request.user, pk)
    kraev(kan_registrere_vedtagelse(request.user, strategi))
    form = VedtagelseForm(request.POST or None, strategi=strategi)
    if request.method == "POST" and form.is_valid():
        try:
            services.strategi_registrer_vedtagelse(
                strategi=strategi, dato=form.cleaned_data["dato"], organ=form.cleaned_data["organ"], bruger=request.user
            )
        except ValidationError as exc:
            service_fejl_paa_form(form, exc)
        else:
            messages.success(request, "Den politiske vedtagelse er registreret.")
            return redirect("strategi:strategi", pk=strategi.pk)
    context = ramme(request, strategi, "overblik") | {
        "form": form,
        "titel": "Registrér den politiske vedtagelse",
        "tilbage": "",
    }
    return render(request, "strategi/formular.html", context)


@require_safe
def historik(request, pk):
    strategi = access_strategi(request.user, pk)
    kraev(kan_se_historik(request.user, strategi))
    context = ramme(request, strategi, "historik") | {
        "historik": historik_for_strategi(request.user, strategi, request.GET.get("historik"))
    }
    return render(request, "strategi/historik.html", context)


@require_safe
def pdf(request, pk):
    strategi = access_strategi(request.user, pk)
    # Stamped with the data's state: the same strategy downloaded again is the file made before (0058).
    indhold = strategi_pdf(
        strategi=strategi, bruger=request.user, i_dag=i_dag(), tidspunkt=datastand(), stempel=DATA_PR
    )
    tid = filnavn_tid(timezone.now())
    navn = f"forebyggelsesstrategi-{strategi.kommune.kode}-version-{strategi.versionsnummer}-{tid}.pdf"
    response = HttpResponse(indhold, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{navn}"'
    return logget_hentning(
        response,
        bruger=request.user,
        objekt=strategi,
        art="Forebyggelsesstrategi (PDF)",
        beskrivelse=f"{strategi.titel} ({strategi.kommune.navn}), version {strategi.versionsnummer}",
    )
