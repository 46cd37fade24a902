"""The structure (focus areas, sub-strategies, target groups, actors) and the offers on the indsatstrappe."""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from forebyggelse.adgang import kraev
from forebyggelse.http import require_safe_or_POST
from strategi.forms import AktoerForm, DelstrategiForm, IndsatsomraadeForm, MaalgruppeForm, TilbudForm
from strategi.models import Aktoer, Indsatsomraade, Maalgruppe, Strategi, Trin
from strategi.permissions import (
    access_aktoer,
    access_delstrategi,
    access_indsatsomraade,
    access_maalgruppe,
    access_strategi,
    access_tilbud,
    kan_redigere,
)
from strategi.selectors import Trinsum
from strategi.selectors import indsatstrappe as trappe_for
from strategi.services import struktur as services
from strategi.views.faelles import formside, ramme, slet


def _struktur_url(strategi: Strategi, anker: str = "") -> str:
    return reverse("strategi:struktur", args=[strategi.pk]) + (f"#{anker}" if anker else "")


@require_safe
def struktur(request, pk):
    strategi = access_strategi(request.user, pk)
    omraader = (
        Indsatsomraade.objects.filter(strategi=strategi)
        .prefetch_related("delstrategier", "maalgrupper", "aktoerer")
        .order_by("pk")
    )
    context = ramme(request, strategi, "struktur") | {
        "omraader": list(omraader),
        "maalgrupper": list(Maalgruppe.objects.filter(strategi=strategi)),
        "aktoerer": list(Aktoer.objects.filter(strategi=strategi)),
    }
    return render(request, "strategi/struktur.html", context)


# Focus areas and sub-strategies ---------------------------------------------------------------------


@require_safe_or_POST
def indsatsomraade_opret(request, pk):
    strategi = access_strategi(request.user, pk)
    kraev(kan_redigere(request.user, strategi))
    form = IndsatsomraadeForm(request.POST or None, strategi=strategi)
    return formside(
        request,
        strategi=strategi,
        form=form,
        gem=lambda: services.indsatsomraade_gem(
            strategi=strategi, indsatsomraade=None, bruger=request.user, **form.cleaned_data
        ),
        besked="Indsatsområdet er oprettet.",
        tilbage=_struktur_url(strategi, "indsatsomraader"),
        titel="Nyt indsatsområde",
    )


@require_safe_or_POST
def indsatsomraade_rediger(request, pk):
    omraade = access_indsatsomraade(request.user, pk)
    strategi = omraade.strategi
    kraev(kan_redigere(request.user, strategi))
    form = IndsatsomraadeForm(request.POST or None, strategi=strategi, indsatsomraade=omraade)
    return formside(
        request,
        strategi=strategi,
        form=form,
        gem=lambda: services.indsatsomraade_gem(
            strategi=strategi, indsatsomraade=omraade, bruger=request.user, **form.cleaned_data
        ),
        besked="Indsatsområdet er gemt.",
        tilbage=_struktur_url(strategi, "indsatsomraader"),
        titel=f"Rediger indsatsområdet {omraade.navn}",
    )


@require_POST
def indsatsomraade_slet(request, pk):
    omraade = access_indsatsomraade(request.user, pk)
    kraev(kan_redigere(request.user, omraade.strategi))
    return slet(
        request,
        slet=lambda: services.indsatsomraade_slet(indsatsomraade=omraade, bruger=request.user),
        besked=f"Indsatsområdet {omraade.navn} er slettet.",
        tilbage=_struktur_url(omraade.strategi, "indsatsomraader"),
    )


@require_safe_or_POST
def delstrategi_opret(request, pk):
    omraade = access_indsatsomraade(request.user, pk)
    strategi = omraade.strategi
    kraev(kan_redigere(request.user, strategi))
    form = DelstrategiForm(request.POST or None)
    return formside(
        request,
        strategi=strategi,
        form=form,
        gem=lambda: services.delstrategi_gem(
            indsatsomraade=omraade, delstrategi=None, bruger=request.user, **form.cleaned_data
        ),
        besked="Delstrategien er oprettet.",
        tilbage=_struktur_url(strategi, "indsatsomraader"),
        titel=f"Ny delstrategi under {omraade.navn}",
    )


@require_safe_or_POST
def delstrategi_rediger(request, pk):
    delstrategi = access_delstrategi(request.user, pk)
    strategi = delstrategi.strategi
    kraev(kan_redigere(request.user, strategi))
    form = DelstrategiForm(request.POST or None, delstrategi=delstrategi)
    return formside(
        request,
        strategi=strategi,
        form=form,
        gem=lambda: services.delstrategi_gem(
            indsatsomraade=delstrategi.indsatsomraade, delstrategi=delstrategi, bruger=request.user, **form.cleaned_data
        ),
        besked="Delstrategien er gemt.",
        tilbage=_struktur_url(strategi, "indsatsomraader"),
        titel=f"Rediger delstrategien {delstrategi.navn}",
    )


@require_POST
def delstrategi_slet(request, pk):
    delstrategi = access_delstrategi(request.user, pk)
    kraev(kan_redigere(request.user, delstrategi.strategi))
    return slet(
        request,
        slet=lambda: services.delstrategi_slet(delstrategi=delstrategi, bruger=request.user),
        besked=f"Delstrategien {delstrategi.navn} er slettet. Dens mål og handlinger er i indsatsområdet.",
        tilbage=_struktur_url(delstrategi.strategi, "indsatsomraader"),
    )


# Target groups and actors -------------------------------------------------------------------------


@require_safe_or_POST
def maalgruppe_opret(request, pk):
    strategi = access_strategi(request.user, pk)
    kraev(kan_redigere(request.user, strategi))
    form = MaalgruppeForm(request.POST or None)
    return formside(
        request,
        strategi=strategi,
        form=form,
        gem=lambda: services.maalgruppe_gem(
            strategi=strategi, maalgruppe=None, bruger=request.user, **form.cleaned_data
        ),
        besked="Målgruppen er tilføjet.",
        tilbage=_struktur_url(strategi, "maalgrupper"),
        titel="Ny målgruppe",
    )


@require_safe_or_POST
def maalgruppe_rediger(request, pk):
    gruppe = access_maalgruppe(request.user, pk)
    strategi = gruppe.strategi
    kraev(kan_redigere(request.user, strategi))
    form = MaalgruppeForm(request.POST or None, maalgruppe=gruppe)
    return formside(
        request,
        strategi=strategi,
        form=form,
        gem=lambda: services.maalgruppe_gem(
            strategi=strategi, maalgruppe=gruppe, bruger=request.user, **form.cleaned_data
        ),
        besked="Målgruppen er gemt.",
        tilbage=_struktur_url(strategi, "maalgrupper"),
        titel=f"Rediger målgruppen {gruppe}",
    )


@require_POST
def maalgruppe_slet(request, pk):
    gruppe = access_maalgruppe(request.user, pk)
    kraev(kan_redigere(request.user, gruppe.strategi))
    return slet(
        request,
        slet=lambda: services.maalgruppe_slet(maalgruppe=gruppe, bruger=request.user),
        besked=f"Målgruppen {gruppe} er fjernet.",
        tilbage=_struktur_url(gruppe.strategi, "maalgrupper"),
    )


@require_safe_or_POST
def aktoer_opret(request, pk):
    strategi = access_strategi(request.user, pk)
    kraev(kan_redigere(request.user, strategi))
    form = AktoerForm(request.POST or None)
    return formside(
        request,
        strategi=strategi,
        form=form,
        gem=lambda: services.aktoer_gem(strategi=strategi, aktoer=None, bruger=request.user, **form.cleaned_data),
        besked="Aktøren er tilføjet.",
        tilbage=_struktur_url(strategi, "aktoerer"),
        titel="Ny aktør",
    )


@require_safe_or_POST
def aktoer_rediger(request, pk):
    aktoer = access_aktoer(request.user, pk)
    strategi = aktoer.strategi
    kraev(kan_redigere(request.user, strategi))
    form = AktoerForm(request.POST or None, aktoer=aktoer)
    return formside(
        request,
        strategi=strategi,
        form=form,
        gem=lambda: services.aktoer_gem(strategi=strategi, aktoer=aktoer, bruger=request.user, **form.cleaned_data),
        besked="Aktøren er gemt.",
        tilbage=_struktur_url(strategi, "aktoerer"),
        titel=f"Rediger aktøren {aktoer}",
    )


@require_POST
def aktoer_slet(request, pk):
    aktoer = access_aktoer(request.user, pk)
    kraev(kan_redigere(request.user, aktoer.strategi))
    return slet(
        request,
        slet=lambda: services.aktoer_slet(aktoer=aktoer, bruger=request.user),
        besked=f"Aktøren {aktoer} er fjernet.",
        tilbage=_struktur_url(aktoer.strategi, "aktoerer"),
    )


# The indsatstrappe ---------------------------------------------------------------------------------


@require_safe
def indsatstrappe(request, pk):
    strategi = access_strategi(request.user, pk)
    trin = trappe_for(strategi)
    context = ramme(request, strategi, "indsatstrappe") | {
        "trin": trin,
        "i_alt": Trinsum.af([x for t in trin for x in t.tilbud]),
        "antal_trin": len(Trin),
    }
    return render(request, "strategi/indsatstrappe.html", context)


def _trappe_url(strategi: Strategi) -> str:
    return reverse("strategi:indsatstrappe", args=[strategi.pk])


@require_safe_or_POST
def tilbud_opret(request, pk):
    strategi = access_strategi(request.user, pk)
    kraev(kan_redigere(request.user, strategi))
    form = TilbudForm(request.POST or None, strategi=strategi, initial={"trin": request.GET.get("trin")})
    return formside(
        request,
        strategi=strategi,
        form=form,
        gem=lambda: services.tilbud_gem(strategi=strategi, tilbud=None, bruger=request.user, **form.cleaned_data),
        besked="Tilbuddet er placeret på indsatstrappen.",
        tilbage=_trappe_url(strategi),
        titel="Nyt tilbud på indsatstrappen",
        aktiv="indsatstrappe",
    )


@require_safe_or_POST
def tilbud_rediger(request, pk):
    tilbud = access_tilbud(request.user, pk)
    strategi = tilbud.strategi
    kraev(kan_redigere(request.user, strategi))
    form = TilbudForm(request.POST or None, strategi=strategi, tilbud=tilbud)
    return formside(
        request,
        strategi=strategi,
        form=form,
        gem=lambda: services.tilbud_gem(strategi=strategi, tilbud=tilbud, bruger=request.user, **form.cleaned_data),
        besked="Tilbuddet er gemt.",
        tilbage=_trappe_url(strategi),
        titel=f"Rediger tilbuddet {tilbud.navn}",
        aktiv="indsatstrappe",
    )


@require_POST
def tilbud_slet(request, pk):
    tilbud = access_tilbud(request.user, pk)
    kraev(kan_redigere(request.user, tilbud.strategi))
    return slet(
        request,
        slet=lambda: services.tilbud_slet(tilbud=tilbud, bruger=request.user),
        besked=f"Tilbuddet {tilbud.navn} er fjernet fra indsatstrappen.",
        tilbage=_trappe_url(tilbud.strategi),
    )
