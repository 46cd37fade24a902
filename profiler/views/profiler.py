"""Social profiles: the list, the profile page per municipality and year with its charts and map, the PDF, and
the profile's settings and findings."""

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST, require_safe

from forebyggelse.adgang import kraev
from forebyggelse.formatering import filnavn_tid
from forebyggelse.http import require_safe_or_POST
from forebyggelse.pdf import DATA_PR
from forebyggelse.roller import er_evaluator, er_ministeriet, er_projektleder
from forebyggelse.samtidighed import Gemning, gem_fra_form
from hentninger.services import logget_hentning
from kommuner.roller import kommuner_til_skrivning
from profiler import grafer, rapporter
from profiler.forms import FundForm, IndikatorvalgForm, SammenligningsgruppeForm
from profiler.importering.kontrol import AAR_MIN, aar_max
from profiler.models import Fund, Kategori
from profiler.permissions import (
    access_indikator,
    access_profil,
    kan_se_fund,
    kan_skifte_sammenligningsgruppe,
    kan_skrive_fund,
    kan_vaelge_indikatorer,
    kommunens_valg_gaelder,
    profiler_til_laesning,
)
from profiler.profilside import alle_aar, kort, profilside, valgte_indikatorer
from profiler.selectors import (
    datastand,
    deltagende_kommuner,
    gruppens_medlemmer,
    katalog,
    noegletal,
    profil_for,
    profilens_program,
    profilens_seneste_aar,
    profilside_noegle,
    sammenligningsgruppe_for,
)
from profiler.services.profiler import (
    fund_gem,
    profil_saet_gruppe,
    profil_vaelg_indikatorer,
)


@require_safe
def profil_liste(request):
    user = request.user
    return render(
        request,
        "profiler/profil_liste.html",
        {
            "deltagere": deltagende_kommuner(),
            "kommuner": profiler_til_laesning(user).order_by("kode"),
            "egne": list(kommuner_til_skrivning(user).order_by("kode")) if er_projektleder(user) else [],
        },
    )


@require_safe
def profil_seneste(request, kode):
    kommune = access_profil(request.user, kode)
    return redirect("profiler:profil", kode=kommune.kode, aar=profilens_seneste_aar(kommune))


def _kraev_kendt_aar(aar: int) -> None:
    if not AAR_MIN <= aar <= aar_max():
        raise Http404("Siden findes ikke.")


SIDE_SEKUNDER = 60 * 60 * 24


@require_safe
def profil(request, kode, aar):
    """The profile page. Its figures, charts, map and findings are the same for everyone with the same rights, so
    the rendered part is cached in the shared cache under a key of everything it shows (profilside_noegle)."""
    kommune = access_profil(request.user, kode)
    _kraev_kendt_aar(aar)
    user = request.user
    se_fund, _ = kan_se_fund(user, kommune)
    skrive_fund, _ = kan_skrive_fund(user, kommune)
    kort_kode = request.GET.get("kort", "")
    noegle = profilside_noegle(kommune=kommune, aar=aar, kort=kort_kode, variant=f"fund={se_fund:d}{skrive_fund:d}")
    indhold = cache.get(noegle)
    if indhold is None:
        side = profilside(
            kommune=kommune, aar=aar, program=profilens_program(kommune), kort_indikator=kort_kode, med_fund=se_fund
        )
        context = {"side": side, "kan_se_fund": se_fund, "kan_skrive_fund": skrive_fund}
        indhold = {
            "intro": render_to_string("profiler/_profil_intro.html", context, request=request),
            "tal": render_to_string("profiler/_profil_indhold.html", context, request=request),
            "kort": side.kort.indikator.kode if side.kort else "",
        }
        cache.set(noegle, indhold, SIDE_SEKUNDER)
    return render(
        request,
        "profiler/profil.html",
        {
            "kommune": kommune,
            "aar": aar,
            "kort": indhold["kort"],
            # Rendered (and escaped) by our own templates before it was cached.
            "indhold": {"intro": mark_safe(indhold["intro"]), "tal": mark_safe(indhold["tal"])},
            "kan_vaelge_indikatorer": kan_vaelge_indikatorer(user, kommune)[0],
            "kan_se_egne_tal": er_ministeriet(user) or er_evaluator(user) or skrive_fund,
        },
    )


@require_safe
def profil_pdf(request, kode, aar):
    kommune = access_profil(request.user, kode)
    _kraev_kendt_aar(aar)
    se_fund, _ = kan_se_fund(request.user, kommune)
    pdf = rapporter.profil_pdf(
        kommune=kommune,
        aar=aar,
        program=profilens_program(kommune),
        bruger=request.user,
        med_fund=se_fund,
        kort_indikator=request.GET.get("kort", ""),
        # Stamped with the data's state: the same profile downloaded again is the file made before (0058).
        tidspunkt=datastand(),
        stempel=DATA_PR,
    )
    svar = HttpResponse(pdf, content_type="application/pdf")
    filnavn = f"social-profil-{kommune.kode}-{aar}-{filnavn_tid(timezone.now())}.pdf"
    svar["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filnavn)
    return logget_hentning(
        svar, bruger=request.user, objekt=kommune, art="Social profil (PDF)", beskrivelse=f"{kommune.navn}, {aar}"
    )


# The charts as SVG: the same the PDF embeds, cached by the hash of their data -------------------------------


def _svg_svar(request, art: str, data: dict) -> HttpResponse:
    svar = HttpResponse(grafer.svg(art, data), content_type="image/svg+xml")
    # The page links each chart with ?v=<hash of its data>: that URL's content never changes.
    if request.GET.get("v") == grafer.noegle(art, data):
        svar["Cache-Control"] = "private, max-age=86400, immutable"
    else:
        svar["Cache-Control"] = "private, no-cache"
    return svar


@require_safe
def graf_svg(request, kode, aar, indikator):
    kommune = access_profil(request.user, kode)
    indikator = access_indikator(request.user, indikator)
    _kraev_kendt_aar(aar)
    tal = noegletal(kommune=kommune, indikatorer=[indikator], aar=alle_aar())
    aar_med_data = [a for a in alle_aar() if tal.celle(indikator, a).land.kommuner]
    return _svg_svar(request, "tidsserie", grafer.tidsserie_data(tal, indikator, aar_med_data))


@require_safe
def afvigelser_svg(request, kode, aar):
    kommune = access_profil(request.user, kode)
    _kraev_kendt_aar(aar)
    profil = profil_for(kommune)
    indikatorer = valgte_indikatorer(profil=profil, program=profilens_program(kommune), alle=katalog()).indikatorer
    gruppe = sammenligningsgruppe_for(kommune, profil)
    tal = noegletal(kommune=kommune, indikatorer=indikatorer, aar=alle_aar(), gruppe=gruppe)
    return _svg_svar(request, "afvigelser", grafer.afvigelser_data(tal.for_aar(aar)))


@require_safe
def kort_svg(request, kode, aar, indikator):
    kommune = access_profil(request.user, kode)
    indikator = access_indikator(request.user, indikator)
    _kraev_kendt_aar(aar)
    medlemmer = list(gruppens_medlemmer(sammenligningsgruppe_for(kommune, profil_for(kommune))))
    return _svg_svar(request, "kort", kort(kommune=kommune, indikator=indikator, aar=aar, medlemmer=medlemmer).data)


# Settings and findings -----------------------------------------------------------------------------------


def _indstillinger(request, kommune, *, indikatorform=None, status=200):
    vaelge, grund = kan_vaelge_indikatorer(request.user, kommune)
    skifte, _ = kan_skifte_sammenligningsgruppe(request.user, kommune)
    if not vaelge and not skifte:
        raise PermissionDenied(grund)
    profil = profil_for(kommune)
    udvalg = valgte_indikatorer(profil=profil, program=profilens_program(kommune), alle=katalog())
    # Where the programme has chosen, the municipality's choice is not used: the page says so instead of the form.
    vaelge = vaelge and kommunens_valg_gaelder(udvalg.program)[0]
    if vaelge and indikatorform is None:
        indikatorform = IndikatorvalgForm(
            initial={
                "indikatorer": udvalg.indikatorer if udvalg.kommunens else [],
                "version": profil.version if profil else 0,
            }
        )
    return render(
        request,
        "profiler/profil_indstillinger.html",
        {
            "kommune": kommune,
            "gruppe": sammenligningsgruppe_for(kommune, profil),
            "udvalg": udvalg,
            "indikatorform": indikatorform if vaelge else None,
            "gruppeform": SammenligningsgruppeForm(
                initial={"sammenligningsgruppe": profil.sammenligningsgruppe if profil else None}
            )
            if skifte
            else None,
            "tilbage": reverse("profiler:profil_seneste", args=[kommune.kode]),
            "form": indikatorform if indikatorform is not None and indikatorform.is_bound else None,  # the summary
        },
        status=status,
    )


@require_safe
def profil_indstillinger(request, kode):
    return _indstillinger(request, access_profil(request.user, kode))


@require_POST
def profil_vaelg_nogletal(request, kode):
    kommune = access_profil(request.user, kode)
    kraev(kan_vaelge_indikatorer(request.user, kommune))
    udvalg = valgte_indikatorer(profil=profil_for(kommune), program=profilens_program(kommune), alle=katalog())
    kraev(kommunens_valg_gaelder(udvalg.program))
    form = IndikatorvalgForm(request.POST)
    if not form.is_valid():
        return _indstillinger(request, kommune, indikatorform=form, status=400)
    gemning = gem_fra_form(
        form,
        lambda: profil_vaelg_indikatorer(
            kommune=kommune,
            indikatorer=list(form.cleaned_data["indikatorer"]),
            version=form.cleaned_data["version"],
            bruger=request.user,
        ),
    )
    if gemning.gemt is None:
        return _indstillinger(request, kommune, indikatorform=form, status=gemning.status)
    messages.success(request, f"Nøgletallene i {kommune.navn}s profil er gemt.")
    return redirect("profiler:indstillinger", kode=kommune.kode)


@require_POST
def profil_skift_gruppe(request, kode):
    kommune = access_profil(request.user, kode)
    kraev(kan_skifte_sammenligningsgruppe(request.user, kommune))
    form = SammenligningsgruppeForm(request.POST)
    if form.is_valid():
        profil = profil_saet_gruppe(
            kommune=kommune, sammenligningsgruppe=form.cleaned_data["sammenligningsgruppe"], bruger=request.user
        )
        gruppe = sammenligningsgruppe_for(kommune, profil)
        messages.success(request, f"{kommune.navn} sammenlignes nu med {gruppe or 'ingen gruppe'}.")
    else:
        messages.error(request, "Vælg en af kommunegrupperne på listen.")
    return redirect("profiler:indstillinger", kode=kommune.kode)


@require_safe_or_POST
def fund_rediger(request, kode, kategori):
    kommune = access_profil(request.user, kode)
    if kategori not in Kategori.values:
        raise Http404("Siden findes ikke.")
    kraev(kan_skrive_fund(request.user, kommune))
    nuvaerende = Fund.objects.filter(profil__kommune=kommune, kategori=kategori).select_related("aendret_af").first()
    form = FundForm(
        request.POST or None,
        initial={"tekst": nuvaerende.tekst if nuvaerende else "", "version": nuvaerende.version if nuvaerende else 0},
    )
    gemning = Gemning()
    if request.method == "POST" and form.is_valid():
        gemning = gem_fra_form(
            form,
            lambda: fund_gem(
                kommune=kommune,
                kategori=kategori,
                tekst=form.cleaned_data["tekst"],
                version=form.cleaned_data["version"],
                bruger=request.user,
            ),
        )
        if gemning.gemt:
            messages.success(request, f"Fundene under {Kategori(kategori).label} er gemt.")
            return redirect(f"{reverse('profiler:profil_seneste', args=[kommune.kode])}#afsnit-{kategori}")
    context = {"kommune": kommune, "kategori": Kategori(kategori), "form": form, "fund": nuvaerende}
    return render(
        request, "profiler/fund_rediger.html", context | {"forskelle": gemning.forskelle}, status=gemning.status
    )
