"""The municipality's own project organisation and milestone plan for a participation: its leads write them.

Every write locks the participation's row first, so two leads editing the same plan queue up instead of working on
what the other has just changed (a person or milestone deleted under the other's form is a clear error, not a 500).
"""

from datetime import date

import pghistory
from django.core.exceptions import ValidationError
from django.db import transaction

from forebyggelse import tid
from kommuner.models import Bruger, Deltagelse, Milepael, Projektdeltager, foerste_i_maaneden

FINDES_IKKE = "{hvad} findes ikke længere. Genindlæs siden, og prøv igen."


def _laas(deltagelse: Deltagelse) -> Deltagelse:
    return Deltagelse.objects.select_for_update(of=("self",)).order_by().get(pk=deltagelse.pk)


def _genindlaes(model, obj, deltagelse: Deltagelse, hvad: str):
    """The row as it is now, under the participation's lock; gone (or moved) is the user's clear error."""
    nu = model.objects.filter(pk=obj.pk, deltagelse=deltagelse).first()
    if nu is None:
        raise ValidationError(FINDES_IKKE.format(hvad=hvad))
    return nu


@transaction.atomic
def projektdeltager_gem(
    *,
    deltagelse: Deltagelse,
    navn: str,
    rolle: str,
    titel: str = "",
    email: str = "",
    raekkefoelge: int = 0,
    projektdeltager: Projektdeltager | None = None,
    bruger: Bruger,
) -> Projektdeltager:
    """Add a person to the organisation, or change one (`projektdeltager`)."""
    deltagelse = _laas(deltagelse)
    if projektdeltager is None:
        projektdeltager = Projektdeltager(deltagelse=deltagelse)
    else:
        projektdeltager = _genindlaes(Projektdeltager, projektdeltager, deltagelse, "Personen")
    projektdeltager.navn = navn.strip()
    projektdeltager.rolle = rolle
    projektdeltager.titel = titel.strip()
    projektdeltager.email = email.strip()
    projektdeltager.raekkefoelge = raekkefoelge
    projektdeltager.full_clean()
    with pghistory.context(user=bruger.pk):
        projektdeltager.save()
    return projektdeltager


@transaction.atomic
def projektdeltager_slet(*, projektdeltager: Projektdeltager, bruger: Bruger) -> None:
    deltagelse = _laas(projektdeltager.deltagelse)
    projektdeltager = _genindlaes(Projektdeltager, projektdeltager, deltagelse, "Personen")
    with pghistory.context(user=bruger.pk):
        projektdeltager.delete()


@transaction.atomic
def milepael_gem(
    *,
    deltagelse: Deltagelse,
    titel: str,
    ansvarlig: str,
    maaned: date,
    udfoert: date | None = None,
    note: str = "",
    milepael: Milepael | None = None,
    bruger: Bruger,
) -> Milepael:
    """Add a milestone to the plan, or change one (`milepael`). Any day of the month stands for the month."""
    deltagelse = _laas(deltagelse)
    if milepael is None:
        milepael = Milepael(deltagelse=deltagelse)
    else:
        milepael = _genindlaes(Milepael, milepael, deltagelse, "Milepælen")
    milepael.titel = titel.strip()
    milepael.ansvarlig = ansvarlig.strip()
    milepael.maaned = foerste_i_maaneden(maaned) if maaned else maaned
    milepael.udfoert = udfoert
    milepael.note = note.strip()
    _tjek_udfoert(milepael.udfoert)
    milepael.full_clean()
    with pghistory.context(user=bruger.pk):
        milepael.save()
    return milepael


def _tjek_udfoert(udfoert: date | None) -> None:
    if udfoert is not None and udfoert > tid.i_dag():
        raise ValidationError({"udfoert": "En milepæl kan ikke være udført en dag, der ikke er kommet endnu."})


@transaction.atomic
def milepael_marker_udfoert(*, milepael: Milepael, bruger: Bruger, dato: date | None = None) -> Milepael:
    """Mark a milestone done, today (the portal's day) unless another day is given."""
    deltagelse = _laas(milepael.deltagelse)
    milepael = _genindlaes(Milepael, milepael, deltagelse, "Milepælen")
    if milepael.udfoert is not None:
        raise ValidationError("Milepælen er allerede meldt udført.")
    milepael.udfoert = dato or tid.i_dag()
    _tjek_udfoert(milepael.udfoert)
    milepael.full_clean()
    with pghistory.context(user=bruger.pk):
        milepael.save(update_fields=["udfoert"])
    return milepael


@transaction.atomic
def milepael_slet(*, milepael: Milepael, bruger: Bruger) -> None:
    deltagelse = _laas(milepael.deltagelse)
    milepael = _genindlaes(Milepael, milepael, deltagelse, "Milepælen")
    with pghistory.context(user=bruger.pk):
        milepael.delete()
