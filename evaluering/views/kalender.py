"""The meetings' calendar (a month grid and a list), the personal calendar feed: the page with the secret address,
renewing it, and the feed itself."""

import re
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST, require_safe

from evaluering import ical
from evaluering.models import Kalenderabonnement
from evaluering.selectors import kalender_for, maanedskalender, moedeliste
from evaluering.services.kalender import kalenderabonnement_forny, kalenderabonnement_hent
from forebyggelse import tid
from forebyggelse.adgang import get_or_404
from forebyggelse.roller import rolle

MAANED = re.compile(r"(\d{4})-(\d{2})")


def _maaned(tekst: str | None) -> date:
    """The month asked for as 2012-04; anything else (or a year outside 1900–2100) is this month."""
    if tekst and (fundet := MAANED.fullmatch(tekst)):
        aar, maaned = int(fundet[1]), int(fundet[2])
        if 1900 <= aar <= 2100 and 1 <= maaned <= 12:
            return date(aar, maaned, 1)
    return tid.i_dag().replace(day=1)


@require_safe
def moedekalender(request):
    """The meetings the user may see, across their programmes: a month at a time, or as a list from today."""
    visning = "liste" if request.GET.get("visning") == "liste" else "maaned"
    context = {"visning": visning, "i_dag": tid.i_dag()}
    if visning == "liste":
        context["moeder"] = moedeliste(request.user, fra=tid.i_dag())
    else:
        context["kalender"] = maanedskalender(request.user, _maaned(request.GET.get("maaned")))
    return render(request, "evaluering/moedekalender.html", context)


@require_safe
def kalender(request):
    abonnement = kalenderabonnement_hent(bruger=request.user)
    adresse = request.build_absolute_uri(reverse("evaluering:kalender_feed", args=[abonnement.noegle]))
    return render(
        request,
        "evaluering/kalender.html",
        {"abonnement": abonnement, "adresse": adresse, "webcal": adresse.replace("http", "webcal", 1)},
    )


@require_POST
def kalender_forny(request):
    kalenderabonnement_forny(bruger=request.user)
    messages.success(request, "Du har fået en ny kalenderadresse. Den gamle virker ikke længere.")
    return redirect("evaluering:kalender")


@login_not_required
@require_GET
@never_cache
def kalender_feed(request, noegle):
    """No login (calendar programs cannot log in): the secret in the URL is the key. Wrong, renewed or belonging
    to a deactivated user or one without a role: the same 404."""
    abonnement = get_or_404(Kalenderabonnement.objects.select_related("bruger"), noegle=noegle)
    bruger = abonnement.bruger
    if not rolle(bruger):
        raise Http404("Siden findes ikke.")
    indhold = ical.kalender(
        kalender_for(bruger), navn="Forebyggelsesportalen", base_url=request.build_absolute_uri("/").rstrip("/")
    )
    response = HttpResponse(indhold, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="forebyggelsesportalen.ics"'
    return response
