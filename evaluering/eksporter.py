"""The evaluator's data exports of a programme as tidy tables: one row per key figure, goal, follow-up or action,
written as CSV or XLSX by forebyggelse/eksport.py (which also neutralises formula-like text). Every figure comes from
the selector that owns it: the key figures from profiler's export (the benchmark selector, suppression applied), the
goals' status and follow-ups from strategi's `maal_i_program` (the one status rule), the actions' lateness from
strategi's `handlinger_i_program`. Only what the user may read is exported (the strategies' access rule).

Every column is described (`Kolonne`): the XLSX's first row is its Danish heading, its second sheet and the reports
page pair the headings with the CSV's machine names and their meaning, and the report package's `dataordbog.csv`
does the same for its CSV files. `datapakke` describes the CSV files once more for programs (a Frictionless
`datapackage.json`: every column's type and unit, the sources and the suppression texts), served beside the exports
and put in the report package."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from forebyggelse.datapakke import Herkomst, Ressource, datapakke
from forebyggelse.eksport import Kolonne, csv_bytes, xlsx_bytes
from kommuner.models import Program
from profiler.eksporter import KOLONNER as NOEGLETAL_KOLONNER
from profiler.eksporter import noegletal_herkomst, noegletal_tabel
from strategi.maalstatus import Kilde
from strategi.selectors import handlinger_i_program, maal_i_program, nummerer_handlinger


def _tal(vaerdi: Decimal | None) -> Decimal | None:
    """A stored decimal without the column's trailing zeros (11,6000 → 11,6); a computed one to four decimals."""
    if vaerdi is None:
        return None
    return vaerdi.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP).normalize()


KOMMUNEKODE = Kolonne("kommunekode", "Kommunekode", "Kommunens tre cifre hos Danmarks Statistik, fx 101.")
KOMMUNE = Kolonne("kommune", "Kommune", "Kommunens navn.")
MAALNUMMER = Kolonne(
    "maal",
    "Mål",
    "Målets nummer i kommunens strategi: K for resultat på kort sigt, L for længere sigt, E for effektmål (fx K1).",
)

MAAL_KOLONNER = [
    KOMMUNEKODE,
    KOMMUNE,
    MAALNUMMER,
    Kolonne("tekst", "Målets tekst", "Målet, som kommunen har formuleret det."),
    Kolonne("art", "Art", "Resultat på kort sigt, Resultat på længere sigt eller Effektmål."),
    Kolonne("indsatsomraade", "Indsatsområde", "Det indsatsområde i strategien, målet hører under."),
    Kolonne(
        "indikator",
        "Indikator",
        "Koden på den indikator i den sociale profil, målet måles på (fx anbragte_0_17); tom ved en egen måling.",
    ),
    Kolonne("egen_maaling", "Egen måling", "Det, kommunen selv måler, når målet ikke måles på en indikator."),
    Kolonne(
        "enhed",
        "Enhed",
        "Enheden for baseline, målværdi og opfølgninger (fx pct. eller pr. 1.000); tom for et antal.",
    ),
    Kolonne("bedre_retning", "Bedre retning", "Højere er bedre eller Lavere er bedre: den vej, målet skal gå."),
    Kolonne("baseline", "Baseline", "Udgangsværdien i baselineåret, i målets enhed.", type="number"),
    Kolonne("baselineaar", "Baselineår", "Året, baseline gælder for.", periode=True, type="year"),
    Kolonne("maalvaerdi", "Målværdi", "Den værdi, målet skal nå i målåret, i målets enhed.", type="number"),
    Kolonne("maalaar", "Målår", "Året, målværdien skal være nået.", periode=True, type="year"),
    Kolonne(
        "seneste_vaerdi",
        "Seneste værdi",
        "Værdien ved den seneste opfølgning, i målets enhed; tom, hvis målet ikke er fulgt op.",
        type="number",
    ),
    Kolonne(
        "seneste_dato",
        "Seneste opfølgning",
        "Datoen for den seneste opfølgning; et år fra den sociale profil står som 31. december i året.",
        type="date",
    ),
    Kolonne(
        "forventet_vaerdi",
        "Forventet værdi",
        "Værdien på den seneste opfølgnings dato ad en ret linje fra baseline (31. december i baselineåret) til "
        "målværdien (31. december i målåret), med højst fire decimaler; tom uden opfølgning.",
        type="number",
    ),
    Kolonne(
        "status",
        "Status",
        "Nået, På vej, Bagud eller Ingen data, efter portalens regel: den seneste værdi mod målværdien og den "
        "forventede værdi.",
    ),
]

OPFOELGNING_KOLONNER = [
    KOMMUNEKODE,
    KOMMUNE,
    MAALNUMMER,
    Kolonne(
        "dato",
        "Dato",
        "Dagen, der er målt, eller den sidste dag i den periode, målingen dækker; 31. december for et år fra profilen.",
        type="date",
    ),
    Kolonne(
        "periode",
        "Periode",
        "Den periode, målingen dækker, som kommunen har skrevet den (fx 1. halvår 2012), eller profilens år.",
        periode=True,
    ),
    Kolonne("vaerdi", "Værdi", "Den målte værdi, i målets enhed.", type="number"),
    Kolonne(
        "kilde",
        "Kilde",
        "Egen opfølgning (registreret af kommunen) eller Den sociale profil (kommunens tal for målets indikator).",
    ),
    Kolonne("kommentar", "Kommentar", "Kommunens kommentar til opfølgningen; tom for profilens tal."),
    Kolonne(
        "eksempeldata",
        "Eksempeldata",
        "Ja, hvis tallet er opdigtet til demonstration (eksempeldata i den sociale profil); ellers Nej.",
        type="boolean",
    ),
]

HANDLING_KOLONNER = [
    KOMMUNEKODE,
    KOMMUNE,
    Kolonne("handling", "Handling", "Handlingens nummer i kommunens handleplan (H1, H2 …)."),
    Kolonne("titel", "Titel", "Handlingens titel."),
    Kolonne("indsatsomraade", "Indsatsområde", "Det indsatsområde i strategien, handlingen hører under."),
    Kolonne(
        "delstrategi", "Delstrategi", "Den delstrategi, handlingen hører under; tom, hvis den ikke hører under en."
    ),
    Kolonne("ansvarlig", "Ansvarlig", "Den person eller enhed, der har ansvaret for handlingen."),
    Kolonne("start", "Startdato", "Dagen, handlingen begynder.", type="date"),
    Kolonne("slut", "Slutdato", "Dagen, handlingen skal være færdig.", type="date"),
    Kolonne(
        "forventet_udgift_kr",
        "Forventet udgift (kr.)",
        "Handlingens forventede udgift i hele kroner; tom, hvis kommunen ikke har anslået den.",
        type="integer",
        enhed="kr.",
    ),
    Kolonne(
        "status",
        "Status",
        "Ikke startet, I gang, Gennemført, Forsinket eller Opgivet, som kommunen senest har meldt.",
    ),
    Kolonne(
        "forudsaetninger",
        "Forudsætninger",
        "Grøn (kan gå i gang nu inden for budgettet), Gul (kræver forberedelse, aftaler eller en politisk "
        "beslutning) eller Rød (kræver nyt budget eller en større organisatorisk ændring).",
    ),
    Kolonne(
        "forsinket",
        "Forsinket",
        "Ja, hvis kommunen har meldt handlingen forsinket, eller hvis slutdatoen var passeret på portalens dag, da "
        "filen blev dannet, uden at handlingen var gennemført eller opgivet; ellers Nej.",
        type="boolean",
    ),
]


def _noegletal(program: Program, bruger, i_dag: date) -> Iterable[list]:
    # Every municipality, not only the participants: the evaluator compares with the country and the groups.
    return noegletal_tabel()[1]


def _maal(program: Program, bruger, i_dag: date) -> list[list]:
    raekker = []
    for m in maal_i_program(program, bruger):
        kommune = m.maal.strategi.deltagelse.kommune
        seneste = m.vurdering.seneste
        raekker.append(
            [
                kommune.kode,
                kommune.navn,
                m.nummer,
                m.maal.tekst,
                m.maal.get_art_display(),
                m.maal.indsatsomraade.navn,
                m.maal.indikator.kode if m.maal.indikator_id else "",
                m.maal.egen_maaling,
                m.maal.enhed,
                m.maal.get_retning_display(),
                _tal(m.maal.baseline_vaerdi),
                m.maal.baseline_aar,
                _tal(m.maal.maalvaerdi),
                m.maal.maal_aar,
                _tal(seneste.vaerdi) if seneste else None,
                seneste.dato if seneste else None,
                _tal(m.vurdering.forventet),
                m.vurdering.label,
            ]
        )
    return raekker


def _opfoelgninger(program: Program, bruger, i_dag: date) -> list[list]:
    raekker = []
    for m in maal_i_program(program, bruger):
        kommune = m.maal.strategi.deltagelse.kommune
        for x in m.maalinger:
            raekker.append(
                [
                    kommune.kode,
                    kommune.navn,
                    m.nummer,
                    x.dato,
                    x.periode,
                    _tal(x.vaerdi),
                    Kilde(x.kilde).label,
                    x.kommentar,
                    x.eksempeldata,
                ]
            )
    return raekker


def _handlinger(program: Program, bruger, i_dag: date) -> list[list]:
    handlinger = handlinger_i_program(program, bruger, i_dag=i_dag)
    numre: dict[int, str] = {}
    for strategi_id in {h.strategi_id for h in handlinger}:
        numre |= nummerer_handlinger(h for h in handlinger if h.strategi_id == strategi_id)
    return [
        [
            h.strategi.deltagelse.kommune.kode,
            h.strategi.deltagelse.kommune.navn,
            numre[h.pk],
            h.titel,
            h.indsatsomraade.navn,
            h.delstrategi.navn if h.delstrategi_id else "",
            h.ansvarlig,
            h.start,
            h.slut,
            h.forventet_udgift,
            h.get_status_display(),
            h.get_farve_display(),
            h.forsinket,
        ]
        for h in handlinger
    ]


@dataclass(frozen=True)
class Dataeksport:
    navn: str  # in the URL and the file name
    titel: str
    beskrivelse: str
    kolonner: list[Kolonne]  # the data dictionary: the XLSX's headings and second sheet, the page's table
    raekker: Callable[[Program, object, date], Iterable[list]]  # one value per column, in the columns' order
    herkomst: Callable[[], Herkomst] | None = None  # its sources, licences and suppression texts, if it has any

    def ressource(self, sti: str) -> Ressource:
        """The export's CSV in a data package, at `sti` relative to the datapackage.json."""
        herkomst = self.herkomst() if self.herkomst else Herkomst()
        return Ressource(sti, self.navn, self.titel, self.beskrivelse, self.kolonner, herkomst)

    def tabel(self, program: Program, bruger, i_dag: date) -> tuple[list[Kolonne], Iterable[list]]:
        return self.kolonner, self.raekker(program, bruger, i_dag)

    def filnavn(self, program: Program, endelse: str) -> str:
        return f"{self.navn}-program-{program.pk}.{endelse}"


DATAEKSPORTER = {
    e.navn: e
    for e in [
        Dataeksport(
            "noegletal",
            "Nøgletal",
            "Alle 98 kommuners nøgletal for alle år med lands- og gruppegennemsnit; små tal er skjult.",
            NOEGLETAL_KOLONNER,
            _noegletal,
            noegletal_herkomst,
        ),
        Dataeksport(
            "maal",
            "Mål",
            "Deltagernes mål med baseline, målværdi, seneste opfølgning og status.",
            MAAL_KOLONNER,
            _maal,
        ),
        Dataeksport(
            "opfoelgninger",
            "Opfølgninger",
            "Hver opfølgning på hvert mål: kommunens egne og de nye tal fra den sociale profil.",
            OPFOELGNING_KOLONNER,
            _opfoelgninger,
        ),
        Dataeksport(
            "handlinger",
            "Handlinger",
            "Handleplanerne med ansvarlig, periode, udgift, status, farve og forsinkelse.",
            HANDLING_KOLONNER,
            _handlinger,
        ),
    ]
}
FORMATER = {"csv": "CSV", "xlsx": "XLSX"}
DATAPAKKE = "datapackage.json"


def programmets_datapakke(program: Program, *, stand: datetime, ressourcer: list[Ressource]) -> dict:
    """A data package of a programme's CSV files, stamped with the data's state."""
    return datapakke(
        navn=f"forebyggelsesportalen-program-{program.pk}",
        titel=f"Data fra Forebyggelsesportalen: {program.navn}",
        beskrivelse="Programmets dataeksporter som CSV (UTF-8 med BOM, semikolon, decimalkomma, datoer som "
        "2011-02-08, tidspunkter i dansk tid, Ja/Nej). Hver kolonne har sin danske overskrift, betydning og type.",
        stand=stand,
        ressourcer=ressourcer,
    )


def eksporternes_datapakke(program: Program, *, stand: datetime) -> dict:
    """The data package served beside the exports: each export's CSV by its URL's last part (maal.csv), so a reader
    that fetches the datapackage.json finds the files at the export URLs."""
    return programmets_datapakke(
        program, stand=stand, ressourcer=[e.ressource(f"{e.navn}.csv") for e in DATAEKSPORTER.values()]
    )


def eksport_bytes(
    eksport: Dataeksport,
    endelse: str,
    *,
    program: Program,
    bruger,
    i_dag: date,
    tidspunkt: datetime | None = None,
    raekker: list | None = None,
) -> bytes:
    """The export as file bytes; with `tidspunkt` (the data's state), the same data gives the same bytes. `raekker`:
    its rows if the caller has read them already (a package writes each export as CSV and as XLSX)."""
    kolonner, raekker = (eksport.kolonner, raekker) if raekker is not None else eksport.tabel(program, bruger, i_dag)
    if endelse == "xlsx":
        return xlsx_bytes(kolonner, raekker, arknavn=eksport.titel, tidspunkt=tidspunkt)
    return csv_bytes(kolonner, raekker)
