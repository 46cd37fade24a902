"""The key figures as a tidy table, for downloads and `export_nogletal`: one row per municipality, indicator and
year with figures, suppression applied, from the same benchmark selector as the profile pages. `noegletal_herkomst`
says where the figures come from and which texts stand for a hidden count, for the data package (datapackage.json)."""

from collections.abc import Iterator

from forebyggelse.datapakke import Herkomst, Kilde, Licens
from forebyggelse.eksport import Kolonne
from profiler.models import EGNE_DATA, Indikator
from profiler.profilside import alle_aar
from profiler.selectors import Sammenligning, katalog, noegletal_for_alle
from profiler.undertrykkelse import SKJULT_TEKST, under_tekst

KOLONNER = [
    Kolonne("kommunekode", "Kommunekode", "Kommunens tre cifre hos Danmarks Statistik, fx 101."),
    Kolonne("kommune", "Kommune", "Kommunens navn."),
    Kolonne("indikator", "Indikator", "Indikatorens kode i kataloget, fx anbragte_0_17."),
    Kolonne("aar", "År", "Året, tallet gælder.", periode=True, type="year"),
    Kolonne(
        "taeller",
        "Tæller",
        'Antallet bag tallet; "under 5" eller "skjult", hvor det er skjult. Tom for en kilde, der kun giver en rate.',
        type="number",
    ),
    Kolonne(
        "naevner",
        "Nævner",
        "Det, antallet er sat i forhold til (fx antal 0–17-årige). Tom for et antal.",
        type="number",
    ),
    Kolonne(
        "vaerdi",
        "Værdi",
        "Kommunens tal i indikatorens enhed (fx pr. 1.000 eller pct.), afrundet som i profilen; tom, hvor det er "
        "skjult.",
        type="number",
    ),
    Kolonne(
        "landsgennemsnit",
        "Landsgennemsnit",
        "Landets tal i indikatorens enhed: summen af alle kommuners tællere delt med summen af deres nævnere "
        "(for et antal: gennemsnittet pr. kommune).",
        type="number",
    ),
    Kolonne("gruppe", "Sammenligningsgruppe", "Den gruppe, kommunens profil sammenlignes med."),
    Kolonne(
        "gruppegennemsnit",
        "Gruppens gennemsnit",
        "Gruppens tal i indikatorens enhed, regnet som landsgennemsnittet, men over gruppens andre kommuner.",
        type="number",
    ),
    Kolonne("status", "Status", "Endelig, Foreløbig eller Eksempeldata (opdigtede tal til demonstration)."),
]


# Danmarks Statistik's terms: its figures may be reused freely, also commercially, citing it as the source, and a
# figure worked on must say so (https://www.dst.dk/da/Statistik/brug-statistikken/kildeangivelse).
DST_LICENS = Licens(
    "CC-BY-4.0",
    "Tal fra Danmarks Statistik: fri brug, også kommerciel, med kildeangivelse (Creative Commons Navngivelse 4.0)",
    "https://creativecommons.org/licenses/by/4.0/deed.da",
)


def noegletal_herkomst() -> Herkomst:
    """The catalogue's sources (each Statbank table as Danmarks Statistik asks to be cited, the municipalities' own
    figures), DST's licence, and the suppression texts that stand in `taeller` for a hidden count."""
    indikatorer = katalog()
    tabeller = sorted({k for i in indikatorer for k in (i.taeller_kilde, i.naevner_kilde) if k and k != EGNE_DATA})
    kilder = [
        Kilde(
            f"Kilde: Egne beregninger baseret på tal fra Danmarks Statistik, tabel {t}",
            f"https://statistikbanken.dk/{t.lower()}",
        )
        for t in tabeller
    ]
    if any(i.er_egne_data or i.naevner_er_egne_data for i in indikatorer):
        kilder.append(Kilde("Kommunernes egne tal, indberettet i portalen og godkendt af ministeriet"))
    skjult = sorted({under_tekst(i) for i in indikatorer if i.undertrykkes})
    return Herkomst(kilder=kilder, licenser=[DST_LICENS] if tabeller else [], mangler=[*skjult, SKJULT_TEKST])


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
