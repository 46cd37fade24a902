from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from kommuner.forms import KommunegruppeForm
from kommuner.permissions import access_kommune
from kommuner.roller import er_ministeriet
from kommuner.selectors import kommuner_for_oversigt, lignende_kommuner
from kommuner.services import kommune_saet_gruppe


def kommune_liste(request):
    kommuner = kommuner_for_oversigt(request.user)
    return render(request, "kommuner/kommune_liste.html", {"kommuner": kommuner})


def kommune_detalje(request, kode):
    kommune = access_kommune(request.user, kode)
    return render(
        request,
        "kommuner/kommune_detalje.html",
        {
            "kommune": kommune,
            "lignende": lignende_kommuner(kommune),
            "kan_skifte_gruppe": er_ministeriet(request.user),
        },
    )


def kommune_skift_gruppe(request, kode):
    kommune = access_kommune(request.user, kode, skriv=True)
    if not er_ministeriet(request.user):
        raise PermissionDenied("Kun ministeriet kan ændre kommunegrupper.")
    form = KommunegruppeForm(request.POST or None, instance=kommune)
    if request.method == "POST" and form.is_valid():
        kommune_saet_gruppe(kommune=kommune, kommunegruppe=form.cleaned_data["kommunegruppe"])
        messages.success(request, f"{kommune.navn} er nu i gruppen {kommune.kommunegruppe or 'ingen'}.")
        return redirect("kommuner:detalje", kode=kommune.kode)
    return render(request, "kommuner/kommune_skift_gruppe.html", {"kommune": kommune, "form": form})
