from datetime import date, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.db import connection
from django.db.models import Exists, OuterRef, QuerySet

from forebyggelse.formatering import dansk_tidspunkt
from hentninger.models import Hentning


def hentninger_til_log(
    *, bruger: AbstractUser | None = None, art: str = "", fra: date | None = None, til: date | None = None
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


def brugere_i_log() -> QuerySet[AbstractUser]:
    """Users who have downloaded anything: one index probe per user, however long the log grows."""
    return (
        get_user_model()
        .objects.filter(Exists(Hentning.objects.filter(bruger=OuterRef("pk"))))
        .order_by("first_name", "last_name", "username")
    )


def arter_i_log() -> list[str]:
    """The kinds in the log. A plain DISTINCT reads every row; this hops through the (art, tidspunkt) index
    from one kind to the next, so it costs a few index probes per kind."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH RECURSIVE arter(art) AS (
                (SELECT art FROM hentninger_hentning ORDER BY art LIMIT 1)
                UNION ALL
                SELECT (SELECT h.art FROM hentninger_hentning h WHERE h.art > arter.art ORDER BY h.art LIMIT 1)
                FROM arter WHERE arter.art IS NOT NULL
            )
            SELECT art FROM arter WHERE art IS NOT NULL
            """
        )
        return [art for (art,) in cursor.fetchall()]
