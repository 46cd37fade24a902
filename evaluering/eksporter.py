"""The evaluator's data exports of a programme as tidy tables: one row per key figure, goal, follow-up or action,
written as CSV or XLSX by forebyggelse/eksport.py (which also neutralises formula-like text). Every figure comes from
the selector that owns it: the key figures from profiler's export (the benchmark selector, suppression applied), the
goals' status and follow-ups from strategi's `maal_i_program` (the one status rule), the actions' lateness from
strategi's `handlinger_i_program`. Only what the user may read is exported (the strategies' access rule)."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from forebyggelse.eksport import csv_bytes, xlsx_bytes
from kommuner.models import Program
from profiler.eksporter import noegletal_tabel
from strategi.maalstatus import Kilde
from strategi.selectors import handlinger_i_program, maal_i_program, nummerer_handlinger

Tabel = tuple[list[str], Iterator | list]


def _tal(vaerdi: Decimal | None) -> Decimal | None:
    """A stored decimal without the column's trailing zeros (11,6000 → 11,6); a computed one to four decimals."""
    if vaerdi is None:
        return None
    return vaerdi.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP).normalize()


def _noegletal(program: Program, bruger, i_dag: date) -> Tabel:
    # Every municipality, not only the participants: the evaluator compares with the country and the groups.
    return noegletal_tabel()


def _maal(program: Program, bruger, i_dag: date) -> Tabel:
    kolonner = [
        "kommunekode",
        "kommune",
        "maal",
        "tekst",
        "art",
        "indsatsomraade",
        "indikator",
        "egen_maaling",
        "enhed",
        "bedre_retning",
        "baseline",
        "baselineaar",
        "maalvaerdi",
        "maalaar",
        "seneste_vaerdi",
        "seneste_dato",
        "forventet_vaerdi",
        "status",
    ]
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
    return kolonner, raekker


def _opfoelgninger(program: Program, bruger, i_dag: date) -> Tabel:
    kolonner = ["kommunekode", "kommune", "maal", "dato", "periode", "vaerdi", "kilde", "kommentar", "eksempeldata"]
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
    return kolonner, raekker


def _handlinger(program: Program, bruger, i_dag: date) -> Tabel:
    kolonner = [
        "kommunekode",
        "kommune",
        "handling",
        "titel",
        "indsatsomraade",
        "delstrategi",
        "ansvarlig",
        "start",
        "slut",
        "forventet_udgift_kr",
        "status",
        "forudsaetninger",
        "forsinket",
    ]
    handlinger = handlinger_i_program(program, bruger, i_dag=i_dag)
    numre: dict[int, str] = {}
    for strategi_id in {h.strategi_id for h in handlinger}:
        numre |= nummerer_handlinger(h for h in handlinger if h.strategi_id == strategi_id)
    raekker = [
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
    return kolonner, raekker


@dataclass(frozen=True)
class Dataeksport:
    navn: str  # in the URL and the file name
    titel: str
    beskrivelse: str
    tabel: Callable[[Program, object, date], Tabel]

    def filnavn(self, program: Program, endelse: str) -> str:
        return f"{self.navn}-program-{program.pk}.{endelse}"


DATAEKSPORTER = {
    e.navn: e
    for e in [
        Dataeksport(
            "noegletal",
            "Nøgletal",
            "Alle 98 kommuners nøgletal for alle år med lands- og gruppegennemsnit; små tal er skjult.",
            _noegletal,
        ),
        Dataeksport("maal", "Mål", "Deltagernes mål med baseline, målværdi, seneste opfølgning og status.", _maal),
        Dataeksport(
            "opfoelgninger",
            "Opfølgninger",
            "Hver opfølgning på hvert mål: kommunens egne og de nye tal fra den sociale profil.",
            _opfoelgninger,
        ),
        Dataeksport(
            "handlinger",
            "Handlinger",
            "Handleplanerne med ansvarlig, periode, udgift, status, farve og forsinkelse.",
            _handlinger,
        ),
    ]
}
FORMATER = {"csv": "CSV", "xlsx": "XLSX"}


def eksport_bytes(
    eksport: Dataeksport, endelse: str, *, program: Program, bruger, i_dag: date, tidspunkt: datetime | None = None
) -> bytes:
    """The export as file bytes; with `tidspunkt` (the data's state), the same data gives the same bytes."""
    kolonner, raekker = eksport.tabel(program, bruger, i_dag)
    if endelse == "xlsx":
        return xlsx_bytes(kolonner, raekker, arknavn=eksport.titel, tidspunkt=tidspunkt)
    return csv_bytes(kolonner, raekker)
