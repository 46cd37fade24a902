"""Danish number, money and date formats, in one place for pages, PDFs and exports."""

from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format, number_format


def tal(value: int | float | Decimal | None, decimaler: int = 0) -> str:
    """1380000 → '1.380.000'; 2.5 with one decimal → '2,5'."""
    if value is None or value == "":
        return "–"
    # number_format cuts surplus decimals off; round first so 3,67 shows as 3,7.
    afrundet = round(Decimal(str(value)), decimaler)
    return number_format(afrundet, decimal_pos=decimaler, use_l10n=True, force_grouping=True)


def kr(value: int | Decimal | None) -> str:
    """1380000 → '1.380.000 kr.'"""
    if value is None or value == "":
        return "–"
    return f"{tal(value)} kr."


def dato(value: date | datetime | None) -> str:
    """8. februar 2011"""
    if value is None:
        return "–"
    if isinstance(value, datetime):
        value = timezone.localtime(value)
    return date_format(value, "j. F Y")


def tidspunkt(value: datetime | None) -> str:
    """8. februar 2011 kl. 12.00 (Danish time)"""
    if value is None:
        return "–"
    return date_format(timezone.localtime(value), "j. F Y \\k\\l. H.i")
