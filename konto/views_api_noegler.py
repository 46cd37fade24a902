"""Personal API keys (docs/decisions/0059): a user makes and revokes their own on Min konto; the ministry sees
everybody's and may revoke any."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from forebyggelse.adgang import kraev
from forebyggelse.forms import service_fejl_paa_form
from forebyggelse.http import require_safe_or_POST
from forebyggelse.roller import er_ministeriet
from konto import services
from konto.forms import ApiNoegleForm
from konto.permissions import access_api_noegle, kan_se_alle_api_noegler, kan_tilbagekalde_api_noegle
from konto.selectors import alle_api_noegler, antal_gyldige_api_noegler

PR_SIDE = 50
# Where the revoke page came from: the ministry's overview sends `fra=oversigt` and is sent back there.
FRA_OVERSIGTEN = "oversigt"


@require_safe_or_POST
def api_noegle_opret(request):
    """The key is shown in the response to the POST itself, once: it is stored only as its SHA-256, so there is no
    page to send the browser to afterwards that could show it (and logged-in pages are never cached)."""
    form = ApiNoegleForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            noegle, klartekst = services.api_noegle_opret(
                bruger=request.user, navn=form.cleaned_data["navn"], gyldig_dage=form.cleaned_data["gyldig_dage"]
            )
        except ValidationError as exc:
            service_fejl_paa_form(form, exc)
        else:
            context = {
                "noegle": noegle,
                "klartekst": klartekst,
                "eksempel_url": f"{settings.PORTAL_URL}/api/v1/programmer/",
            }
            return render(request, "konto/api_noegle_vist.html", context)
    context = {
        "form": form,
        "fuld": antal_gyldige_api_noegler(request.user) >= services.MAKS_GYLDIGE_API_NOEGLER,
        "maks": services.MAKS_GYLDIGE_API_NOEGLER,
    }
    return render(request, "konto/api_noegle_opret.html", context, status=400 if form.errors else 200)


@require_safe_or_POST
def api_noegle_tilbagekald(request, pk):
    """GET: what revoking means, and the button. POST: revoke, and back to Min konto (or the ministry's overview)."""
    noegle = access_api_noegle(request.user, pk)
    kraev(kan_tilbagekalde_api_noegle(request.user, noegle))
    fra_oversigten = request.GET.get("fra", request.POST.get("fra")) == FRA_OVERSIGTEN and er_ministeriet(request.user)
    if request.method == "POST":
        services.api_noegle_tilbagekald(noegle=noegle, af=request.user)
        messages.success(
            request, f"API-nøglen “{noegle.navn}” ({noegle.praefiks}…) er tilbagekaldt og virker ikke mere."
        )
        return redirect("konto:api_noegler" if fra_oversigten else "konto:side")
    context = {"noegle": noegle, "egen": noegle.bruger_id == request.user.pk, "fra_oversigten": fra_oversigten}
    return render(request, "konto/api_noegle_tilbagekald.html", context)


@require_safe
def api_noegler_alle(request):
    """The ministry's overview of every user's keys, newest first, 50 to a page."""
    kraev(kan_se_alle_api_noegler(request.user))
    side = Paginator(alle_api_noegler(), PR_SIDE).get_page(request.GET.get("side"))
    context = {"side": side, "sider": side.paginator.get_elided_page_range(side.number), "fra": FRA_OVERSIGTEN}
    return render(request, "konto/api_noegler_alle.html", context)
