"""A goal's status from its follow-ups: the rule in one place, with the words every page and the PDF show.

The rule (also written on the goals page and in the PDF, from `REGEL`):

- nået: the latest value is at the target or better;
- på vej: the latest value is at the expected value or better, where the expected value lies on a straight line
  from the baseline (31 December of the baseline year) to the target (31 December of the target year), and is the
  baseline before that line starts and the target after it ends;
- bagud: the latest value is worse than the expected value;
- ingen data: the goal has no follow-up yet.

"Better" is higher or lower by the goal's direction. The comparisons are exact (cross-multiplied in whole days and
decimals), so a value exactly on the line or exactly at the target counts as on track or achieved.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import models

from profiler.models import Retning


class Maalstatus(models.TextChoices):
    PAA_VEJ = "paa_vej", "På vej"
    BAGUD = "bagud", "Bagud"
    NAAET = "naaet", "Nået"
    INGEN_DATA = "ingen_data", "Ingen data"


# How the status is shown where colour may not be seen: a word and a sign that differ for every status.
TEGN = {
    Maalstatus.NAAET: "✔",
    Maalstatus.PAA_VEJ: "→",
    Maalstatus.BAGUD: "!",
    Maalstatus.INGEN_DATA: "?",
}

REGEL_INDLEDNING = (
    "Status beregnes ud fra den seneste opfølgning: jeres egne målinger og, for mål på en indikator fra den sociale "
    "profil, de nye tal i profilen. Bedre betyder højere eller lavere efter målets retning."
)
REGEL = [
    (Maalstatus.NAAET, "den seneste værdi er lig med målværdien eller bedre."),
    (
        Maalstatus.PAA_VEJ,
        "den seneste værdi er lig med den forventede værdi eller bedre. Den forventede værdi ligger på en ret linje "
        "fra baseline (31. december i baselineåret) til målværdien (31. december i målåret); før linjen er den "
        "baseline, efter den målværdien.",
    ),
    (Maalstatus.BAGUD, "den seneste værdi er dårligere end den forventede værdi."),
    (Maalstatus.INGEN_DATA, "målet har ingen opfølgning endnu."),
]
FORMEL = "Forventet værdi = baseline + (målværdi − baseline) × dage siden baseline ÷ dage fra baseline til målår"


class Kilde(models.TextChoices):
    OPFOELGNING = "opfoelgning", "Egen opfølgning"
    NOEGLETAL = "noegletal", "Den sociale profil"


@dataclass(frozen=True)
class Maaling:
    """One follow-up value: recorded by the municipality, or a newer social-profile figure for the indicator."""

    dato: date
    vaerdi: Decimal
    kilde: str
    periode: str = ""
    kommentar: str = ""
    pk: int | None = None  # the Opfoelgning, for the municipality's own
    eksempeldata: bool = False
    foreloebig: bool = False

    @property
    def kildetekst(self) -> str:
        return Kilde(self.kilde).label


@dataclass(frozen=True)
class Maalvurdering:
    status: str
    seneste: Maaling | None
    forventet: Decimal | None  # the expected value at the latest follow-up's date

    @property
    def label(self) -> str:
        return Maalstatus(self.status).label

    @property
    def tegn(self) -> str:
        return TEGN[Maalstatus(self.status)]


def punkt(aar: int) -> date:
    """Where a year's figure sits on the time line: a year's figure is known at its end."""
    return date(aar, 12, 31)


def _forloeb(baseline_aar: int, maal_aar: int, dato: date) -> tuple[int, int]:
    """(days from the baseline to the date, clamped to the line; days from the baseline to the target)."""
    start, slut = punkt(baseline_aar), punkt(maal_aar)
    i_alt = (slut - start).days
    return min(max((dato - start).days, 0), i_alt), i_alt


def forventet_vaerdi(
    *, baseline: Decimal, baseline_aar: int, maalvaerdi: Decimal, maal_aar: int, dato: date
) -> Decimal:
    gaaet, i_alt = _forloeb(baseline_aar, maal_aar, dato)
    return baseline + (maalvaerdi - baseline) * Decimal(gaaet) / Decimal(i_alt)


def seneste(maalinger: Iterable[Maaling]) -> Maaling | None:
    """The latest follow-up by date; on the same date the municipality's own (the later registered) counts."""
    orden = {Kilde.NOEGLETAL: 0, Kilde.OPFOELGNING: 1}
    return max(maalinger, key=lambda m: (m.dato, orden[Kilde(m.kilde)], m.pk or 0), default=None)


def vurder(
    *,
    baseline: Decimal,
    baseline_aar: int,
    maalvaerdi: Decimal,
    maal_aar: int,
    retning: str,
    maalinger: Iterable[Maaling],
) -> Maalvurdering:
    """The goal's status by the rule above."""
    sidste = seneste(maalinger)
    if sidste is None:
        return Maalvurdering(Maalstatus.INGEN_DATA, None, None)
    fortegn = 1 if retning == Retning.HOEJERE else -1
    forventet = forventet_vaerdi(
        baseline=baseline, baseline_aar=baseline_aar, maalvaerdi=maalvaerdi, maal_aar=maal_aar, dato=sidste.dato
    )
    if fortegn * (sidste.vaerdi - maalvaerdi) >= 0:
        return Maalvurdering(Maalstatus.NAAET, sidste, forventet)
    # value ≥ baseline + (target − baseline) × gone / total, multiplied out by total (> 0) to stay exact.
    gaaet, i_alt = _forloeb(baseline_aar, maal_aar, sidste.dato)
    if fortegn * ((sidste.vaerdi - baseline) * i_alt - (maalvaerdi - baseline) * gaaet) >= 0:
        return Maalvurdering(Maalstatus.PAA_VEJ, sidste, forventet)
    return Maalvurdering(Maalstatus.BAGUD, sidste, forventet)
