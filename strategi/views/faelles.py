"""What the strategy pages share: the frame every page of a strategy has (heading, status, sub-navigation, the
example-data notice), the 403 helper, and the small form page used by the structure's create/edit views."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from forebyggelse import tid
from forebyggelse.forms import service_fejl_paa_form
from strategi.models import Strategi
from strategi.permissions import kan_redigere, kan_se_historik

FANER = [
    ("overblik", "Overblik", "strategi:strategi"),
    ("struktur", "Struktur", "strategi:struktur"),
    ("maal", "Mål", "strategi:maal_liste"),
    ("handleplan", "Handleplan", "strategi:handleplan"),
    ("fremskridt", "Fremskridt", "strategi:fremskridt"),
    ("forandringsteori", "Forandringsteori", "strategi:forandringsteori"),
    ("indsatstrappe", "Indsatstrappe", "strategi:indsatstrappe"),
    ("versioner", "Versioner", "strategi:versioner"),
    ("historik", "Historik", "strategi:historik"),
]


def i_dag():
    return tid.i_dag()


def ramme(request, strategi: Strategi, aktiv: str) -> dict:
    """The context every page of one strategy starts from."""
    historik = kan_se_historik(request.user, strategi)[0]
    faner = [
        {"navn": navn, "titel": titel, "url": reverse(url, args=[strategi.pk]), "aktiv": navn == aktiv}
        for navn, titel, url in FANER
        if navn != "historik" or historik
    ]
    return {
        "strategi": strategi,
        "kommune": strategi.kommune,
        "program": strategi.program,
        "faner": faner,
        "aktiv": aktiv,
        "kan_redigere": kan_redigere(request.user, strategi)[0],
        "redigering_grund": kan_redigere(request.user, strategi)[1],
    }


def formside(
    request,
    *,
    strategi: Strategi,
    form,
    gem: Callable[[], object],
    besked: str,
    tilbage: str,
    titel: str,
    aktiv: str = "struktur",
    tekst: str = "",
):
    """A create/edit page: bind the form, call the one service, message, redirect; errors keep what was typed."""
    if request.method == "POST" and form.is_valid():
        try:
            gem()
        except ValidationError as exc:
            service_fejl_paa_form(form, exc)
        else:
            messages.success(request, besked)
            return redirect(tilbage)
    context = ramme(request, strategi, aktiv) | {"form": form, "titel": titel, "tekst": tekst, "tilbage": tilbage}
    return render(request, "strategi/formular.html", context)


def slet(request, *, slet: Callable[[], None], besked: str, tilbage: str):
    """A POST-only delete: one service; a refusal becomes an error message on the page it came from."""
    try:
        slet()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, besked)
    return redirect(tilbage)
