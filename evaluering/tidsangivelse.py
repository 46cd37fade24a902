"""A time on the timeline as people write it: a date, a week, a month, or a period of dates or months.

"uge 7, 2011" means the whole ISO week and is shown as written; "maj 2011" the whole month; "feb.–apr. 2011"
and "okt/nov 2012" a period of whole months. Stored as the first and last day plus the precision, so the
timeline can place it and say it back the way it was meant.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import models

from forebyggelse.formatering import dato


class Praecision(models.TextChoices):
    DATO = "dato", "Dato"
    UGE = "uge", "Uge"
    MAANED = "maaned", "Måned"
    MAANEDER = "maaneder", "Periode af måneder"
    PERIODE = "periode", "Periode af datoer"


MAANEDER = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
]
# "jan", "feb.", "sept" …: any start of a month name of at least three letters.
FORKORTELSER = {navn[:n]: nr for nr, navn in enumerate(MAANEDER, start=1) for n in range(3, len(navn) + 1)}

UGYLDIG = (
    "Skriv en dato (8.2.2011), en uge (uge 7, 2011), en måned (maj 2011) eller en periode "
    "(feb.–apr. 2011 eller 1.3.2011–15.4.2011)."
)

_SKILLE = r"\s*(?:-|–|—|/|til)\s*"
_DATO = r"(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})|(\d{4})-(\d{2})-(\d{2})|(\d{1,2})\.\s*([a-zæøå]+)\.?\s+(\d{4})"
_MAANED = r"([a-zæøå]{3,})\.?"


@dataclass(frozen=True)
class Tidsangivelse:
    start: date
    slut: date
    praecision: str

    @property
    def tekst(self) -> str:
        return vis(self.start, self.slut, self.praecision)


def vis(start: date, slut: date, praecision: str) -> str:
    """The time as a person says it: '8. februar 2011', 'uge 7, 2011', 'maj 2011', 'februar–april 2011'."""
    if praecision == Praecision.UGE:
        aar, uge, _ = start.isocalendar()
        return f"uge {uge}, {aar}"
    if praecision == Praecision.MAANED:
        return f"{MAANEDER[start.month - 1]} {start.year}"
    if praecision == Praecision.MAANEDER:
        if start.year == slut.year:
            return f"{MAANEDER[start.month - 1]}–{MAANEDER[slut.month - 1]} {slut.year}"
        return f"{MAANEDER[start.month - 1]} {start.year}–{MAANEDER[slut.month - 1]} {slut.year}"
    if praecision == Praecision.PERIODE and start != slut:
        if start.year == slut.year:
            return f"{dato(start).rsplit(' ', 1)[0]}–{dato(slut)}"
        return f"{dato(start)}–{dato(slut)}"
    return dato(start)


def _maaned(navn: str) -> int:
    nr = FORKORTELSER.get(navn.lower().rstrip("."))
    if nr is None:
        raise ValidationError(f"“{navn}” er ikke en måned. {UGYLDIG}", code="ugyldig")
    return nr


def _maanedens_sidste(aar: int, maaned: int) -> date:
    return (date(aar + maaned // 12, maaned % 12 + 1, 1)) - timedelta(days=1)


def _dato(match: re.Match, forskydning: int = 0) -> date:
    g = match.groups()[forskydning : forskydning + 9]
    try:
        if g[0]:
            return date(int(g[2]), int(g[1]), int(g[0]))
        if g[3]:
            return date(int(g[3]), int(g[4]), int(g[5]))
        return date(int(g[8]), _maaned(g[7]), int(g[6]))
    except ValueError:
        raise ValidationError(f"Datoen findes ikke. {UGYLDIG}", code="ugyldig") from None


def fortolk(tekst: str) -> Tidsangivelse:
    """Read what a person typed; a Danish ValidationError says what is accepted."""
    s = " ".join((tekst or "").strip().lower().split())
    if not s:
        raise ValidationError(UGYLDIG, code="mangler")

    if m := re.fullmatch(r"uge\s*(\d{1,2})\s*[,/]?\s*(\d{4})", s):
        uge, aar = int(m[1]), int(m[2])
        try:
            mandag = date.fromisocalendar(aar, uge, 1)
        except ValueError:
            raise ValidationError(f"{aar} har ingen uge {uge}.", code="ugyldig") from None
        return Tidsangivelse(mandag, mandag + timedelta(days=6), Praecision.UGE)

    if m := re.fullmatch(rf"(?:{_DATO})", s):
        dag = _dato(m)
        return Tidsangivelse(dag, dag, Praecision.DATO)

    if m := re.fullmatch(rf"(?:{_DATO}){_SKILLE}(?:{_DATO})", s):
        start, slut = _dato(m), _dato(m, 9)
        return _kontroller(Tidsangivelse(start, slut, Praecision.PERIODE))

    if m := re.fullmatch(rf"{_MAANED}\s+(\d{{4}})", s):
        aar, maaned = int(m[2]), _maaned(m[1])
        return Tidsangivelse(date(aar, maaned, 1), _maanedens_sidste(aar, maaned), Praecision.MAANED)

    # "feb.–apr. 2011", "okt/nov 2012", "nov. 2011–feb. 2012"
    if m := re.fullmatch(rf"{_MAANED}(?:\s+(\d{{4}}))?{_SKILLE}{_MAANED}\s+(\d{{4}})", s):
        slut_aar = int(m[4])
        start_aar = int(m[2]) if m[2] else slut_aar
        fra, til = _maaned(m[1]), _maaned(m[3])
        return _kontroller(
            Tidsangivelse(date(start_aar, fra, 1), _maanedens_sidste(slut_aar, til), Praecision.MAANEDER)
        )

    raise ValidationError(UGYLDIG, code="ugyldig")


def maaneder_mellem(fra: date, til: date) -> int:
    """Whole calendar months from one date's month to another's (days ignored): 15.1.2011 → 1.3.2012 is 14."""
    return (til.year - fra.year) * 12 + til.month - fra.month


def flyt(dag: date, maaneder: int) -> date:
    """The same day of the month `maaneder` months later (earlier if negative); a month too short for the day gives
    its last day (31 January + 1 month is 28 or 29 February)."""
    aar, maaned = divmod(dag.year * 12 + dag.month - 1 + maaneder, 12)
    return date(aar, maaned + 1, min(dag.day, calendar.monthrange(aar, maaned + 1)[1]))


def forskyd(angivelse: Tidsangivelse, maaneder: int) -> Tidsangivelse:
    """The time `maaneder` months later, meant the same way. Dates move by `flyt`; a week stays a whole ISO week
    (the one its moved Monday falls in), a month or a period of months stays whole months."""
    start, slut = flyt(angivelse.start, maaneder), flyt(angivelse.slut, maaneder)
    if angivelse.praecision == Praecision.UGE:
        start -= timedelta(days=start.weekday())
        slut = start + timedelta(days=6)
    elif angivelse.praecision in (Praecision.MAANED, Praecision.MAANEDER):
        slut = _maanedens_sidste(slut.year, slut.month)
    return Tidsangivelse(start, slut, angivelse.praecision)


def _kontroller(angivelse: Tidsangivelse) -> Tidsangivelse:
    if angivelse.slut < angivelse.start:
        raise ValidationError("Perioden slutter, før den begynder.", code="omvendt")
    return angivelse
