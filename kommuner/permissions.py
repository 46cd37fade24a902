"""Loading objects for a user: "missing" and "not yours" give the same 404."""

from django.db.models import Model, QuerySet
from django.http import Http404

from kommuner.models import Kommune
from kommuner.roller import kommuner_til_laesning, kommuner_til_skrivning


def for_kommuner(queryset: QuerySet, user, *, kommune_felt: str = "kommune", skriv: bool = False) -> QuerySet:
    """Narrow any queryset of municipal objects to those whose kommune the user may read (or write)."""
    tilladte = kommuner_til_skrivning(user) if skriv else kommuner_til_laesning(user)
    return queryset.filter(**{f"{kommune_felt}__in": tilladte})


def get_or_404(queryset: QuerySet, **lookup) -> Model:
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404("Siden findes ikke.") from exc


def access_kommune(user, kode: str, *, skriv: bool = False) -> Kommune:
    tilladte = kommuner_til_skrivning(user) if skriv else kommuner_til_laesning(user)
    return get_or_404(tilladte.with_gruppe(), kode=kode)
