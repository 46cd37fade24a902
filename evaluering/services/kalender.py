"""The personal calendar feed's secret: created on first use, renewed on request (the old URL stops working)."""

from django.db import transaction
from django.utils import timezone

from evaluering.models import Kalenderabonnement, ny_kalendernoegle
from kommuner.models import Bruger


@transaction.atomic
def kalenderabonnement_hent(*, bruger: Bruger) -> Kalenderabonnement:
    abonnement, _ = Kalenderabonnement.objects.get_or_create(bruger=bruger)
    return abonnement


@transaction.atomic
def kalenderabonnement_forny(*, bruger: Bruger) -> Kalenderabonnement:
    abonnement = Kalenderabonnement.objects.select_for_update().filter(bruger=bruger).first()
    if abonnement is None:
        return Kalenderabonnement.objects.create(bruger=bruger)
    abonnement.noegle = ny_kalendernoegle()
    abonnement.fornyet = timezone.now()
    abonnement.full_clean()
    abonnement.save(update_fields=["noegle", "fornyet"])
    return abonnement
