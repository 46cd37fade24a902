"""Today's date, as deadlines, lateness and tasks see it. In production that is the calendar; the demo can set its own
day (PORTAL_I_DAG, e.g. 2012-06-01 in the middle of the 2011–2012 programme), so every deadline, late action and task
reads as it did then. A time compared with a deadline (a submission and its receipt, a delivery, a meeting marked
held) is taken on that day too, so what the portal says is due can be done; the history keeps the real clock."""

from datetime import date, datetime

from django.conf import settings
from django.utils import timezone


def i_dag() -> date:
    fast = getattr(settings, "PORTAL_I_DAG", "")
    return date.fromisoformat(fast) if fast else timezone.localdate()


def nu() -> datetime:
    """Now, for comparing with deadlines that have a time of day: the real time, on the portal's own day if set."""
    if not getattr(settings, "PORTAL_I_DAG", ""):
        return timezone.now()
    return timezone.make_aware(datetime.combine(i_dag(), timezone.localtime().time()), timezone.get_default_timezone())
