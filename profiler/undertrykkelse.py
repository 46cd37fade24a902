"""Small-number suppression: the one place that decides what of a figure may be shown.

The rules (docs/decisions/0012-diskretionering-af-smaa-tal.md):

1. A count from 1 to the indicator's limit minus 1 (default 1–4) is shown as "under 5", and every rate built
   on it is hidden.
2. Parts of a total (`Indikator.del_af`, e.g. placements by type): where exactly one part of a municipality's
   year is hidden by rule 1, the smallest other part with a count is hidden as well, so the hidden part cannot
   be worked out as the total minus the other parts.
3. National and group figures are shown as rates only, never as counts. Such a rate is hidden when the count
   behind it is from 1 to the limit minus 1, or when exactly one of the municipalities it sums is hidden and the
   rate is shown so precisely that the hidden count could be worked out from it and the other municipalities'
   figures (the rounding of the shown rate spans less than the limit in counts: a national rate per 1.000 over
   a million children hides a count of 4 in its rounding; a small group's rate does not).

Raw values stay in the database; only the data administration shows them.

Rules 1 and 2 are evaluated in SQL (`SKJULT_SQL`, used by the benchmark query in `profiler/selectors.py`)
because ranks and sums need them for all 98 municipalities at once. `vist_tal` and `vist_samlet` turn the
result into what every page, chart, PDF and export shows; nothing else formats a figure for output.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from forebyggelse.formatering import maengde, tal
from profiler.models import Enhed, Indikator

SKJULT_TEKST = "skjult"
MANGLER_TEKST = "–"


def under_tekst(indikator: Indikator) -> str:
    return f"under {indikator.undertrykkelsesgraense}"


@dataclass(frozen=True)
class VistTal:
    """A figure as it may be shown: hidden parts are None, with the text to show in their place."""

    antal: Decimal | int | None  # the numerator count; None when hidden, missing or not a count
    naevner: Decimal | int | None
    vaerdi: Decimal | None  # the rate, rounded to the indicator's decimals; None when hidden or missing
    skjult: bool
    antal_tekst: str
    vaerdi_tekst: str
    kommuner: int = 0  # for national and group figures: how many municipalities it sums

    @property
    def har_vaerdi(self) -> bool:
        return self.vaerdi is not None


INGENTING = VistTal(None, None, None, False, MANGLER_TEKST, MANGLER_TEKST)


def _normal(tal: Decimal | None) -> Decimal | int | None:
    """A stored number without the column's trailing zeros: 99787.0000 → 99787, 12.5000 → 12.5."""
    if tal is None:
        return None
    return int(tal) if tal == tal.to_integral_value() else tal.normalize()


def afrund(vaerdi: Decimal | None, decimaler: int) -> Decimal | None:
    if vaerdi is None:
        return None
    return Decimal(vaerdi).quantize(Decimal(1).scaleb(-decimaler), rounding=ROUND_HALF_UP)


def er_lille(indikator: Indikator, antal: Decimal | None) -> bool:
    """Rule 1, for one count (the SQL in SKJULT_SQL says the same for many)."""
    return indikator.undertrykkes and antal is not None and 1 <= antal < indikator.undertrykkelsesgraense


def rate(indikator: Indikator, taeller: Decimal | None, naevner: Decimal | None) -> Decimal | None:
    """numerator / denominator × factor. For a count (antal) every municipality weighs 1, so a sum of counts
    over the number of municipalities is the average per municipality."""
    if taeller is None or naevner is None or naevner <= 0:
        return None
    faktor = 1 if indikator.enhed == Enhed.ANTAL else indikator.faktor
    return Decimal(taeller) / Decimal(naevner) * faktor


def afrunding_skjuler(indikator: Indikator, naevner: Decimal | None) -> bool:
    """Whether rounding a rate over `naevner` to the shown decimals blurs its count by at least the limit either
    way, so one hidden count among the summed cannot be worked out from it."""
    if naevner is None:
        return False
    faktor = 1 if indikator.enhed == Enhed.ANTAL else indikator.faktor
    halv_enhed = Decimal(1).scaleb(-indikator.visningsdecimaler) / 2
    return halv_enhed * Decimal(naevner) / faktor >= indikator.undertrykkelsesgraense


def _antal_tekst(indikator: Indikator, antal: Decimal | int | None) -> str:
    """The numerator: a count of people (whole), or for an amount (kr.) the thousands with their decimals."""
    if antal is None:
        return MANGLER_TEKST
    decimaler = 0 if isinstance(antal, int) else max(0, -antal.as_tuple().exponent)
    return maengde(antal, enhed=Enhed.KR.label if indikator.enhed == Enhed.KR else "antal", decimaler=decimaler)


def vist_tal(
    *,
    indikator: Indikator,
    taeller: Decimal | None,
    naevner: Decimal | None,
    vaerdi: Decimal | None,
    skjult: bool,
) -> VistTal:
    """One municipality's figure. `taeller` is the raw count (None where the source only gives a rate),
    `vaerdi` the unrounded rate, `skjult` the verdict of rules 1 and 2."""
    shown_naevner = _normal(naevner) if indikator.har_naevner else None
    if skjult:
        antal_tekst = under_tekst(indikator) if er_lille(indikator, taeller) else SKJULT_TEKST
        return VistTal(None, shown_naevner, None, True, antal_tekst, SKJULT_TEKST)
    antal = None if indikator.kun_rate else _normal(taeller)
    afrundet = afrund(vaerdi, indikator.visningsdecimaler)
    return VistTal(
        antal=antal,
        naevner=shown_naevner,
        vaerdi=afrundet,
        skjult=False,
        antal_tekst=_antal_tekst(indikator, antal),
        vaerdi_tekst=MANGLER_TEKST if afrundet is None else tal(afrundet, indikator.visningsdecimaler),
    )


def vist_samlet(
    *,
    indikator: Indikator,
    taeller: Decimal | None,
    naevner: Decimal | None,
    kommuner: int,
    skjulte: int,
) -> VistTal:
    """A national or group figure: the rate of the summed numerators and denominators (rule 3)."""
    if not kommuner or taeller is None:
        return INGENTING
    if er_lille(indikator, taeller) or (skjulte == 1 and not afrunding_skjuler(indikator, naevner)):
        return VistTal(None, None, None, True, MANGLER_TEKST, SKJULT_TEKST, kommuner)
    afrundet = afrund(rate(indikator, taeller, naevner), indikator.visningsdecimaler)
    tekst = MANGLER_TEKST if afrundet is None else tal(afrundet, indikator.visningsdecimaler)
    return VistTal(None, None, afrundet, False, MANGLER_TEKST, tekst, kommuner)


# Rules 1 and 2 as SQL over rows `o` with the columns kommune_id, aar, indikator_id, del_af_id, taeller and the
# indicator's undertrykkes and undertrykkelsesgraense. PRIMAER_SQL is an expression on one row; SKJULT_SQL
# needs the window columns `dele_skjulte` and `nr` that DELE_SQL adds.
PRIMAER_SQL = "COALESCE(i.undertrykkes AND o.taeller >= 1 AND o.taeller < i.undertrykkelsesgraense, false)"  # rule 1
DELE_SQL = """
    COUNT(*) FILTER (WHERE o.primaer) OVER (PARTITION BY o.kommune_id, o.aar, o.del_af_id) AS dele_skjulte,
    ROW_NUMBER() OVER (
        PARTITION BY o.kommune_id, o.aar, o.del_af_id, (NOT o.primaer AND o.taeller IS NOT NULL)
        ORDER BY o.taeller, o.indikator_id
    ) AS nr"""
SKJULT_SQL = """(
    s.primaer
    OR (s.del_af_id IS NOT NULL AND NOT s.primaer AND s.taeller IS NOT NULL AND s.dele_skjulte = 1 AND s.nr = 1)
)"""
