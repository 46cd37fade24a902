"""The key figures as a tidy table, for downloads and `export_nogletal`: one row per municipality, indicator and
year with figures, suppression applied, from the same benchmark selector as the profile pages."""

from collections.abc import Iterator

from forebyggelse.eksport import Kolonne
from profiler.models import Indikator
from profiler.profilside import alle_aar
from profiler.selectors import Sammenligning, katalog, noegletal_for_alle

KOLONNER = [
    Kolonne("kommunekode", "Kommunekode", "Kommunens tre cifre hos Danmarks Statistik, fx 101."),
    Kolonne("kommune", "Kommune", "Kommunens navn."),
    Kolonne("indikator", "Indikator", "Indikatorens kode i kataloget, fx anbragte_0_17."),
    Kolonne("aar", "År", "Året, tallet gælder.", periode=True),
    Kolonne(
        "taeller",
        "Tæller",
        'Antallet bag tallet; "under 5" eller "skjult", hvor det er skjult. Tom for en kilde, der kun giver en rate.',
    ),
    Kolonne("naevner", "Nævner", "Det, antallet er sat i forhold til (fx antal 0–17-årige). Tom for et antal."),
    Kolonne(
        "vaerdi",
        "Værdi",
        "Kommunens tal i indikatorens enhed (fx pr. 1.000 eller pct.), afrundet som i profilen; tom, hvor det er "
        "skjult.",
    ),
    Kolonne(
        "landsgennemsnit",
        "Landsgennemsnit",
        "Landets tal i indikatorens enhed: summen af alle kommuners tællere delt med summen af deres nævnere "
        "(for et antal: gennemsnittet pr. kommune).",
    ),
    Kolonne("gruppe", "Sammenligningsgruppe", "Den gruppe, kommunens profil sammenlignes med."),
    Kolonne(
        "gruppegennemsnit",
        "Gruppens gennemsnit",
        "Gruppens tal i indikatorens enhed, regnet som landsgennemsnittet, men over gruppens andre kommuner.",
    ),
    Kolonne("status", "Status", "Endelig, Foreløbig eller Eksempeldata (opdigtede tal til demonstration)."),
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


def noegletal_tabel(*, indikator: Indikator | None = None, aar: int | None = None) -> tuple[list[Kolonne], Iterator]:
    """(columns, rows) for one indicator or all, one year or all; every municipality with a figure."""
    indikatorer = [indikator] if indikator else katalog()
    celler = noegletal_for_alle(indikatorer=indikatorer, aar=[aar] if aar else alle_aar())
    return KOLONNER, (_raekke(c) for c in celler if c.status)


def filnavn(*, indikator: Indikator | None, aar: int | None, endelse: str) -> str:
    dele = ["noegletal", indikator.kode if indikator else "alle", str(aar) if aar else "alle-aar"]
    return "-".join(dele) + f".{endelse}"
