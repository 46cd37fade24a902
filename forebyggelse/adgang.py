"""The two steps of every access check (decision record 0005): an `access_*` loader gives one 404 for an object
that does not exist and one the user may not read (`get_or_404`); a `kan_*` predicate's no, checked in the view,
gives 403 with its reason (`kraev`)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404


def get_or_404(queryset: QuerySet, **lookup) -> Model:
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError) as exc:
        raise Http404("Siden findes ikke.") from exc


def kraev(tilladt: tuple[bool, str]) -> None:
    """A `kan_*` predicate's no becomes 403 with its reason on the page."""
    ok, grund = tilladt
    if not ok:
        raise PermissionDenied(grund)
