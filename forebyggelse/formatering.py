"""Danish number, money, date and time formats, in one place for pages, PDFs, e-mails, file names and exports.

A value in a unit is written by `maengde`: a count of people or things is a whole number ("749 familier"), a rate,
share, amount or duration keeps its decimals ("11,1 pr. 1.000").

Every time a person sees or types is Danish time (settings.TIME_ZONE, Europe/Copenhagen); the database keeps
UTC. Convert with `dansk_tid` (stored → shown) and `dansk_tidspunkt` (typed → stored), never by hand.
"""

import re
from datetime import UTC, date, datetime, time
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format


def tal(value: int | float | Decimal | None, decimaler: int = 0) -> str:
    """1380000 → '1.380.000'; 2.5 with one decimal → '2,5'."""
    if value is None or value == "":
        return "–"
    # Python's own grouping with the separators swapped: the same text as Django's number_format for Danish, at a
    # third of the cost (an overview across 98 municipalities formats a few thousand figures per page).
    afrundet = round(Decimal(str(value)), decimaler)
    if afrundet.is_zero():
        afrundet = afrundet.copy_abs()  # -0,04 rounds to 0, not "-0"
    return f"{afrundet:,.{decimaler}f}".translate(_DANSKE_SKILLETEGN)


_DANSKE_SKILLETEGN = str.maketrans(",.", ".,")


# Words that make a unit something other than a count: a rate, a share, an amount or a duration.
_IKKE_ANTAL = {
    "%", "pct", "procent", "procentpoint", "pr", "per", "andel", "gennemsnit", "gns", "kr", "mio", "dage", "dag",
    "timer", "time", "uger", "uge", "måneder", "måned", "år", "point", "score", "skala", "rate", "km",
}  # fmt: skip


def er_antal(enhed: str) -> bool:
    """Whether values in the unit count people or things ('antal', 'familier', 'børn i dagbehandling'), so they
    are whole numbers. A unit naming a rate, share, amount or duration ('pct.', 'pr. 1.000', 'kr.', 'dage') is
    not a count, and neither is no unit: what it measures is unknown."""
    ord_ = set(re.findall(r"[\w%]+", enhed.casefold()))
    return bool(ord_) and not ord_ & _IKKE_ANTAL


def decimaler_for(enhed: str, decimaler: int) -> int:
    """The decimals a value in the unit is shown with: none for a count, else `decimaler`."""
    return 0 if er_antal(enhed) else decimaler


def maengde(value: int | float | Decimal | None, *, enhed: str, decimaler: int) -> str:
    """A value in a unit, without the unit: 749,18 familier → '749'; 11,14 pr. 1.000 with one decimal → '11,1'.
    Every page, chart, PDF and e-mail writes a value in a unit through this."""
    return tal(value, decimaler_for(enhed, decimaler))


def kr(value: int | Decimal | None) -> str:
    """1380000 → '1.380.000 kr.'"""
    if value is None or value == "":
        return "–"
    return f"{tal(value)} kr."


def opremsning(dele: list[str]) -> str:
    """['2011', '2012', '2013'] → '2011, 2012 og 2013'"""
    return " og ".join([", ".join(dele[:-1]), dele[-1]]) if len(dele) > 1 else "".join(dele)


# Times ---------------------------------------------------------------------------------------------


class UgyldigtTidspunkt(ValueError):
    """A wall-clock time that does not exist in Danish time (the hour skipped when summer time starts)."""


def dansk_tid(value: datetime) -> datetime:
    """A stored (aware) time as Danish wall-clock time, whatever zone it was stored or computed in."""
    return timezone.localtime(value, timezone.get_default_timezone())


def dansk_tidspunkt(dag: date, klokkeslaet: time) -> datetime:
    """The aware moment a person means by a date and a Danish wall-clock time.

    At the spring change (02.00 → 03.00) the times in between do not exist: `UgyldigtTidspunkt` with a
    Danish message. At the autumn change (03.00 → 02.00) 02.00–02.59 happens twice: the first (summer
    time) is meant, as a deadline "kl. 02.30" is reached the first time the clock shows it.
    """
    zone = timezone.get_default_timezone()
    naiv = datetime.combine(dag, klokkeslaet.replace(tzinfo=None))
    # In UTC: PEP 495 makes a datetime inside the repeated hour unequal to every datetime of another zone.
    moment = naiv.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if moment.astimezone(zone).replace(tzinfo=None) != naiv:
        raise UgyldigtTidspunkt(
            f"Klokken {klokkeslaet:%H.%M} findes ikke den {dato(dag)}, fordi uret stilles frem til sommertid."
        )
    return moment


def dato(value: date | datetime | None) -> str:
    """8. februar 2011"""
    if value is None:
        return "–"
    if isinstance(value, datetime):
        value = dansk_tid(value)
    return date_format(value, "j. F Y")


def maaned(value: date | None) -> str:
    """juni 2017: a month, as a milestone plan names it."""
    if value is None:
        return "–"
    return date_format(value, "F Y")


def tidspunkt(value: datetime | None) -> str:
    """8. februar 2011 kl. 12.00 (Danish time)"""
    if value is None:
        return "–"
    return date_format(dansk_tid(value), "j. F Y \\k\\l. H.i")


def klokkeslaet(value: datetime | None) -> str:
    """12.00 (Danish time): the end of a meeting that starts the same day."""
    if value is None:
        return "–"
    return f"{dansk_tid(value):%H.%M}"


def kort_tidspunkt(value: datetime | None) -> str:
    """08.02.2011 12.00 (Danish time): for tables, titles and admin lists."""
    if value is None:
        return "–"
    return f"{dansk_tid(value):%d.%m.%Y %H.%M}"


def filnavn_tid(value: datetime) -> str:
    """2011-02-08-1200 (Danish time): sorts by time and is safe in a file name."""
    return f"{dansk_tid(value):%Y-%m-%d-%H%M}"


def ejefald(navn: str) -> str:
    """The Danish genitive of a name: an s ("Odenses", "Vejle Kommunes"), or only an apostrophe after s, x and z
    ("Aarhus'")."""
    return f"{navn}'" if navn[-1:].lower() in {"s", "x", "z"} else f"{navn}s"
