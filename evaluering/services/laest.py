"""Seen marks: a user opened a data delivery, a report package or a meeting (evaluering.models.Laest)."""

from django.db import transaction
from django.utils import timezone

from evaluering.models import Dataleverance, Laest, Moede, Rapportpakke
from kommuner.models import Bruger


def laest_registrer(
    *,
    bruger: Bruger,
    dataleverance: Dataleverance | None = None,
    rapportpakke: Rapportpakke | None = None,
    moede: Moede | None = None,
) -> None:
    """The user has opened the thing now: what changes after this is new to them again. One upsert (INSERT … ON
    CONFLICT), so two tabs opening it at once never clash.

    The real clock, not the portal's day (`tid.nu()`): the mark is compared with approvals and changes, which are
    stamped with the real time of the write (a demo set to 2012 would otherwise never count a meeting as seen)."""
    laest = Laest(
        bruger=bruger, dataleverance=dataleverance, rapportpakke=rapportpakke, moede=moede, tidspunkt=timezone.now()
    )
    # The objects come from their access_* loaders, so their existence needs no check (a query each); the one mark
    # per user and thing is what the upsert settles.
    laest.full_clean(
        exclude=["bruger", "dataleverance", "rapportpakke", "moede"], validate_unique=False, validate_constraints=False
    )
    felt = "dataleverance" if dataleverance else "rapportpakke" if rapportpakke else "moede"
    # One statement needs no savepoint: inside the request's transaction the mark costs the upsert alone.
    with transaction.atomic(savepoint=False):
        Laest.objects.bulk_create(
            [laest], update_conflicts=True, unique_fields=["bruger", felt], update_fields=["tidspunkt"]
        )
