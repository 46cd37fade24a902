from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from forebyggelse.adgang import kraev
from forebyggelse.forms import service_fejl_paa_form
from forebyggelse.http import require_safe_or_POST
from kommuner.forms.kommuner import KommunegruppeForm
from kommuner.forms.oplysninger import KommuneOplysningerForm, KontaktpersonFormSet
from kommuner.permissions import access_kommune, kan_redigere_oplysninger, kan_skifte_kommunegruppe
from kommuner.selectors import historik_for_kommune, kommuner_for_oversigt, lignende_kommuner
from kommuner.services.kommuner import kommune_saet_gruppe
from kommuner.services.oplysninger import kommune_oplysninger_gem


@require_safe
def kommune_liste(request):
    kommuner = kommuner_for_oversigt(request.user)
    return render(request, "kommuner/kommune_liste.html", {"kommuner": kommuner})


@require_safe
def kommune_detalje(request, kode):
    kommune = access_kommune(request.user, kode)
    return render(
        request,
        "kommuner/kommune_detalje.html",
        {
            "kommune": kommune,
            "lignende": lignende_kommuner(kommune),
            "kan_skifte_gruppe": kan_skifte_kommunegruppe(request.user, kommune)[0],
            "kan_redigere_oplysninger": kan_redigere_oplysninger(request.user, kommune)[0],
        },
    )


@require_safe_or_POST
def kommune_skift_gruppe(request, kode):
    kommune = access_kommune(request.user, kode)
    kraev(kan_skifte_kommunegruppe(request.user, kommune))
    form = KommunegruppeForm(request.POST or None, instance=kommune)
    if request.method == "POST" and form.is_valid():
        kommune_saet_gruppe(kommune=kommune, kommunegruppe=form.cleaned_data["kommunegruppe"])
        messages.success(request, f"{kommune.navn} er nu i gruppen {kommune.kommunegruppe or 'ingen'}.")
        return redirect("kommuner:detalje", kode=kommune.kode)
    return render(request, "kommuner/kommune_skift_gruppe.html", {"kommune": kommune, "form": form})


@require_safe_or_POST
def kommune_oplysninger(request, kode):
    """The municipality's CVR number, address, phone, e-mail and contact persons, kept by its own leads and the
    ministry."""
    kommune = access_kommune(request.user, kode)
    kraev(kan_redigere_oplysninger(request.user, kommune))
    data = request.POST if request.method == "POST" else None
    form = KommuneOplysningerForm(data, instance=kommune)
    formset = KontaktpersonFormSet(data, instance=kommune, queryset=kommune.kontaktpersoner.all())
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        gem, slet = formset.aendringer()
        try:
            kommune_oplysninger_gem(kommune=kommune, **form.cleaned_data, kontaktpersoner=gem, slet=slet)
        except ValidationError as exc:
            service_fejl_paa_form(form, exc)
        else:
            messages.success(request, f"Oplysningerne om {kommune.officielt_navn} er gemt.")
            return redirect("kommuner:oplysninger", kode=kommune.kode)
    return render(
        request,
        "kommuner/oplysninger.html",
        {
            "kommune": kommune,
            "form": form,
            "formset": formset,
            "historik": historik_for_kommune(request.user, kommune, request.GET.get("historik")),
        },
    )
