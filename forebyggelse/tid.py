"""Today's date, as deadlines, lateness and tasks see it. In production that is the calendar; the demo can set its own
day (PORTAL_I_DAG, e.g. 2012-06-01 in the middle of the 2011–2012 programme), so every deadline, late action and task
reads as it did then. Timestamps of what users do (history, receipts) always use the real clock."""

from datetime import date, datetime

from django.conf import settings
from django.utils import timezone


def i_dag() -> date:
    fast = getattr(settings, "PORTAL_I_DAG", "")
    return date.fromisoformat(fast) if fast else timezone.localdate()


def nu() -> datetime:
    """The moment a deadline with a time of day is compared with: today (i_dag) at the clock's time of day."""
    klokken = timezone.localtime()
    return datetime.combine(i_dag(), klokken.timetz())
