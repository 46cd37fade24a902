from datetime import date, time, timedelta

from django.db.models import QuerySet

from forebyggelse.formatering import dansk_tidspunkt
from hentninger.models import Hentning
from kommuner.models import Bruger


def hentninger_til_log(
    *, bruger: Bruger | None = None, art: str = "", fra: date | None = None, til: date | None = None
) -> QuerySet[Hentning]:
    """The log, newest first, narrowed by user, kind and Danish calendar days (both days included)."""
    hentninger = Hentning.objects.select_related("bruger")
    if bruger is not None:
        hentninger = hentninger.filter(bruger=bruger)
    if art:
        hentninger = hentninger.filter(art=art)
    if fra is not None:
        hentninger = hentninger.filter(tidspunkt__gte=dansk_tidspunkt(fra, time(0)))
    if til is not None:
        hentninger = hentninger.filter(tidspunkt__lt=dansk_tidspunkt(til + timedelta(days=1), time(0)))
    return hentninger


def brugere_i_log() -> QuerySet[Bruger]:
    return Bruger.objects.filter(hentninger__isnull=False).distinct().order_by("first_name", "last_name", "username")


def arter_i_log() -> list[str]:
    return list(Hentning.objects.order_by("art").values_list("art", flat=True).distinct())
