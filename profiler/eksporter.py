"""The key figures as a tidy table, for downloads and `export_nogletal`: one row per municipality, indicator and
year with figures, suppression applied, from the same benchmark selector as the profile pages."""

from collections.abc import Iterator

from profiler.models import Indikator
from profiler.profilside import alle_aar
from profiler.selectors import Sammenligning, katalog, noegletal_for_alle

KOLONNER = [
    "kommunekode",
    "kommune",
    "indikator",
    "aar",
    "taeller",
    "naevner",
    "vaerdi",
    "landsgennemsnit",
    "gruppe",
    "gruppegennemsnit",
    "status",
]


def _raekke(celle: Sammenligning) -> list:
    egen = celle.egen
    return [
        celle.kommune.kode,
        celle.kommune.navn,
        celle.indikator.kode,
        celle.aar,
        egen.antal if not egen.skjult else egen.antal_tekst,  # "under 5" or "skjult" where hidden
        egen.naevner,
        egen.vaerdi,
        celle.land.vaerdi,
        celle.sammenligningsgruppe.navn if celle.sammenligningsgruppe else "",
        celle.gruppe.vaerdi,
        celle.status_tekst,
    ]


def noegletal_tabel(*, indikator: Indikator | None = None, aar: int | None = None) -> tuple[list[str], Iterator]:
    """(columns, rows) for one indicator or all, one year or all; every municipality with a figure."""
    indikatorer = [indikator] if indikator else katalog()
    celler = noegletal_for_alle(indikatorer=indikatorer, aar=[aar] if aar else alle_aar())
    return KOLONNER, (_raekke(c) for c in celler if c.status)


def filnavn(*, indikator: Indikator | None, aar: int | None, endelse: str) -> str:
    dele = ["noegletal", indikator.kode if indikator else "alle", str(aar) if aar else "alle-aar"]
    return "-".join(dele) + f".{endelse}"
