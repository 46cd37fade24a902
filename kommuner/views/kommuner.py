from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from forebyggelse.historik import historik_for
from kommuner.forms.kommuner import KommunegruppeForm
from kommuner.forms.oplysninger import KommuneOplysningerForm, KontaktpersonFormSet, tilfoej_fejl
from kommuner.models import Kommune, Kontaktperson
from kommuner.permissions import access_kommune
from kommuner.roller import er_ministeriet, kommuner_til_skrivning
from kommuner.selectors import kommuner_for_oversigt, lignende_kommuner
from kommuner.services.kommuner import kommune_saet_gruppe
from kommuner.services.oplysninger import kommune_oplysninger_gem


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
            "kan_redigere_oplysninger": kommuner_til_skrivning(request.user).filter(pk=kommune.pk).exists(),
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


def kommune_oplysninger(request, kode):
    """The municipality's CVR number, address, phone, e-mail and contact persons, kept by its own leads and the
    ministry; 404 for everybody else."""
    kommune = access_kommune(request.user, kode, skriv=True)
    data = request.POST if request.method == "POST" else None
    form = KommuneOplysningerForm(data, instance=kommune)
    formset = KontaktpersonFormSet(data, instance=kommune, queryset=kommune.kontaktpersoner.all())
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        gem, slet = formset.aendringer()
        try:
            kommune_oplysninger_gem(kommune=kommune, **form.cleaned_data, kontaktpersoner=gem, slet=slet)
        except ValidationError as exc:
            tilfoej_fejl(form, exc)
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
            "historik": oplysningernes_historik(kommune),
        },
    )


# The details' own changes. historik_for(kommune) already holds every contact person's events, removed ones
# included (they point at the kommune); it also holds applications and participations, which have their own
# pages and history (and a draft's content is not the ministry's to read), so those are left out here.
OPLYSNINGERNES_HISTORIK = {str(m._meta.verbose_name).capitalize() for m in (Kommune, Kontaktperson)}


def oplysningernes_historik(kommune: Kommune):
    return [h for h in historik_for(kommune) if h.hvad in OPLYSNINGERNES_HISTORIK]
