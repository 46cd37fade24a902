"""The one way to write tables for download or to a file: CSV for Danish Excel and XLSX.

Every column is a `Kolonne`: its machine name, its Danish heading and its meaning. There is no bare column name, so
an export cannot gain a column nobody has described, and every row must have exactly one value per column.

- CSV: UTF-8 with BOM (so Excel reads æøå), semicolons between columns, decimal comma, no thousands separator,
  CRLF line ends. The header row holds the columns' machine names, so scripts can rely on them; `ORDBOG_KOLONNER`
  and `ordbog_raekker` document them where a CSV leaves the portal without its page (the report package's ZIP).
- XLSX: a bold header row of Danish column headings that stays in view, numbers as numbers, dates and times as
  Excel dates with a Danish date format (a reader can sort and filter them), periods (2011, 2011K1) as text; and a
  second sheet "Dataordbog" that pairs each heading with its machine name and meaning.

Both neutralise formula injection: a text cell that starts with =, +, -, @, a tab or a carriage return could be
run as a formula by a spreadsheet. In CSV such text gets a leading apostrophe; in XLSX it is written as a text
cell marked "quote prefix", never as a formula. Real numbers (int, Decimal, float) are never touched.
In CSV, dates are written as ISO dates (2011-02-08), times in Danish time (2011-02-08 12:00); booleans as Ja/Nej.

A column also says what its CSV cells are (`type`, Frictionless's names) and, where it has one, its unit (`enhed`):
`forebyggelse/datapakke.py` turns them into a `datapackage.json` that lets R, Python or Stata read the CSV typed.

The same rows give the same CSV bytes. An XLSX carries times (its properties, its ZIP entries); given `tidspunkt`,
it carries that one, so the same rows and the same `tidspunkt` give the same XLSX bytes (reports stamped with the
data's state, docs/decisions/0044).
"""

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import BinaryIO

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from forebyggelse.formatering import dansk_tid

FARLIGE_START = ("=", "+", "-", "@", "\t", "\r")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


DATOFORMAT = "dd-mm-yyyy"
TIDSFORMAT = "dd-mm-yyyy hh:mm"
ORDBOG = "Dataordbog"
# What a column's CSV cells are, in Frictionless's words (`csv_celle` writes each so): text, whole numbers, numbers
# with a decimal comma, ISO dates, Danish times to the minute, Ja/Nej, and four-digit years.
TYPER = ("string", "integer", "number", "date", "datetime", "boolean", "year")


@dataclass(frozen=True)
class Kolonne:
    """A column of an export: its machine name (the CSV's header), its Danish heading (the XLSX's first row) and
    what it holds (the data dictionary), all three required. A `periode` column's values are periods (a year, a
    quarter), written as text so a spreadsheet neither sums nor reformats them.

    `type` is what every value of the column is in the CSV (one of `TYPER`; a `periode` column is a `year` only when
    every value is a four-digit year, never a quarter); `enhed` the unit every value is in, where all have the same."""

    navn: str
    overskrift: str
    beskrivelse: str
    periode: bool = False
    type: str = "string"
    enhed: str = ""

    def __post_init__(self):
        if not (self.navn.strip() and self.overskrift.strip() and self.beskrivelse.strip()):
            raise ValueError(f"Kolonnen {self.navn!r} skal have et maskinnavn, en dansk overskrift og en beskrivelse.")
        if self.type not in TYPER or (self.periode and self.type not in ("string", "year")):
            raise ValueError(f"Kolonnen {self.navn!r} har en ukendt type {self.type!r}.")


def _kolonner(kolonner: Sequence[Kolonne]) -> list[Kolonne]:
    kolonner = list(kolonner)
    if not all(isinstance(k, Kolonne) for k in kolonner):
        raise TypeError("En eksports kolonner skal være Kolonne'r med overskrift og beskrivelse.")
    return kolonner


def _vaerdier(raekke: Sequence, kolonner: list[Kolonne]) -> Iterator[tuple[object, Kolonne]]:
    """A row's values with their columns; a row with a value more or less than the columns is a programming error."""
    return zip(raekke, kolonner, strict=True)


ORDBOG_KOLONNER = [
    Kolonne("fil", "Fil", "Filens sti i ZIP-filen."),
    Kolonne("kolonne", "Kolonnenavn", "Kolonnens maskinnavn: overskriften i CSV-filens første række."),
    Kolonne("overskrift", "Overskrift", "Kolonnens danske overskrift, som i XLSX-filen."),
    Kolonne("indhold", "Indhold", "Hvad kolonnen indeholder, med enhed, hvor den har en."),
]


def ordbog_raekker(filnavn: str, kolonner: Sequence[Kolonne]) -> list[list[str]]:
    """One file's lines in a data dictionary with `ORDBOG_KOLONNER`."""
    return [[filnavn, k.navn, k.overskrift, k.beskrivelse] for k in _kolonner(kolonner)]


def er_farlig(tekst: str) -> bool:
    return tekst.startswith(FARLIGE_START)


def _tal_tekst(tal: Decimal | float) -> str:
    tekst = format(Decimal(str(tal)) if isinstance(tal, float) else tal, "f")
    return tekst.replace(".", ",")


def csv_celle(vaerdi) -> str:
    """A value as Danish Excel reads it from a CSV cell."""
    if vaerdi is None:
        return ""
    if isinstance(vaerdi, bool):
        return "Ja" if vaerdi else "Nej"
    if isinstance(vaerdi, int):
        return str(vaerdi)
    if isinstance(vaerdi, Decimal | float):
        return _tal_tekst(vaerdi)
    if isinstance(vaerdi, datetime):
        return f"{dansk_tid(vaerdi):%Y-%m-%d %H:%M}"
    if isinstance(vaerdi, date):
        return vaerdi.isoformat()
    tekst = str(vaerdi)
    return f"'{tekst}" if er_farlig(tekst) else tekst


def skriv_csv(fil: BinaryIO, kolonner: Sequence[Kolonne], raekker: Iterable[Sequence]) -> None:
    kolonner = _kolonner(kolonner)
    tekst = io.TextIOWrapper(fil, encoding="utf-8-sig", newline="", write_through=True)
    skriver = csv.writer(tekst, delimiter=";", lineterminator="\r\n")
    skriver.writerow([csv_celle(k.navn) for k in kolonner])
    for raekke in raekker:
        skriver.writerow([csv_celle(v) for v, _ in _vaerdier(raekke, kolonner)])
    tekst.flush()
    tekst.detach()


def csv_bytes(kolonner: Sequence[Kolonne], raekker: Iterable[Sequence]) -> bytes:
    fil = io.BytesIO()
    skriv_csv(fil, kolonner, raekker)
    return fil.getvalue()


def _xlsx_celle(ark, vaerdi, *, periode: bool = False):
    if isinstance(vaerdi, bool):
        vaerdi = "Ja" if vaerdi else "Nej"
    elif isinstance(vaerdi, datetime):
        # Excel has no time zones: the Danish wall-clock time a reader expects.
        celle = WriteOnlyCell(ark, value=dansk_tid(vaerdi).replace(tzinfo=None))
        celle.number_format = TIDSFORMAT
        return celle
    elif isinstance(vaerdi, date):
        celle = WriteOnlyCell(ark, value=vaerdi)
        celle.number_format = DATOFORMAT
        return celle
    elif periode and vaerdi is not None:
        vaerdi = str(vaerdi)
    if not isinstance(vaerdi, str) or vaerdi == "":
        return vaerdi or None  # empty text is an empty cell, as in the CSV (a spreadsheet's filter calls it blank)
    celle = WriteOnlyCell(ark, value=vaerdi)
    if er_farlig(vaerdi):
        celle.data_type = "s"  # openpyxl would otherwise store "=…" as a formula
        celle.quotePrefix = True
    return celle


def skriv_xlsx(
    fil: BinaryIO,
    kolonner: Sequence[Kolonne],
    raekker: Iterable[Sequence],
    *,
    arknavn: str = "Data",
    tidspunkt: datetime | None = None,
) -> None:
    if tidspunkt is not None:
        fil.write(_med_tidspunkt(xlsx_bytes(kolonner, raekker, arknavn=arknavn, tidspunkt=None), tidspunkt))
        return
    kolonner = _kolonner(kolonner)
    bog = Workbook(write_only=True)
    ark = bog.create_sheet(arknavn[:31])
    ark.freeze_panes = "A2"
    ark.append(_overskrifter(ark, [k.overskrift for k in kolonner]))
    try:
        for raekke in raekker:
            ark.append([_xlsx_celle(ark, v, periode=k.periode) for v, k in _vaerdier(raekke, kolonner)])
    except Exception:
        ark.close()  # else openpyxl's half-written sheet complains when it is collected
        raise
    ordbog = bog.create_sheet(ORDBOG)
    ordbog.freeze_panes = "A2"
    ordbog.append(_overskrifter(ordbog, ["Overskrift", "Kolonnenavn i CSV", "Indhold"]))
    for k in kolonner:
        ordbog.append([_xlsx_celle(ordbog, t) for t in (k.overskrift, k.navn, k.beskrivelse)])
    bog.save(fil)


def _overskrifter(ark, tekster: list[str]) -> list:
    fed = Font(bold=True)
    celler = []
    for tekst in tekster:
        celle = _xlsx_celle(ark, tekst)
        celle.font = fed
        celler.append(celle)
    return celler


def xlsx_bytes(
    kolonner: Sequence[Kolonne],
    raekker: Iterable[Sequence],
    *,
    arknavn: str = "Data",
    tidspunkt: datetime | None = None,
) -> bytes:
    fil = io.BytesIO()
    skriv_xlsx(fil, kolonner, raekker, arknavn=arknavn, tidspunkt=tidspunkt)
    return fil.getvalue()


_CORE = "docProps/core.xml"
_TID = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def _med_tidspunkt(xlsx: bytes, tidspunkt: datetime) -> bytes:
    """The workbook again with `tidspunkt` as its created/modified time and as every part's time in the ZIP."""
    utc = tidspunkt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    zip_tid = dansk_tid(tidspunkt).timetuple()[:6]
    ud = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as ind, zipfile.ZipFile(ud, "w", zipfile.ZIP_DEFLATED) as arkiv:
        for info in ind.infolist():
            indhold = ind.read(info)
            if info.filename == _CORE:
                indhold = _TID.sub(lambda m: m.group(1) + utc + m.group(3), indhold)
            ny = zipfile.ZipInfo(info.filename, date_time=zip_tid)
            ny.compress_type = zipfile.ZIP_DEFLATED
            arkiv.writestr(ny, indhold)
    return ud.getvalue()


def _svar(indhold: bytes, filnavn: str, indholdstype: str) -> HttpResponse:
    svar = HttpResponse(indhold, content_type=indholdstype)
    svar["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filnavn)
    return svar


def csv_svar(filnavn: str, kolonner: Sequence[Kolonne], raekker: Iterable[Sequence]) -> HttpResponse:
    return _svar(csv_bytes(kolonner, raekker), filnavn, CSV_TYPE)


def xlsx_svar(filnavn: str, kolonner: Sequence[Kolonne], raekker: Iterable[Sequence], *, arknavn: str = "Data"):
    return _svar(xlsx_bytes(kolonner, raekker, arknavn=arknavn), filnavn, XLSX_TYPE)
