"""The one way to write tables for download or to a file: CSV for Danish Excel and XLSX.

- CSV: UTF-8 with BOM (so Excel reads æøå), semicolons between columns, decimal comma, no thousands separator,
  CRLF line ends.
- XLSX: one sheet, a bold header row that stays in view, numbers as numbers.

Both neutralise formula injection: a text cell that starts with =, +, -, @, a tab or a carriage return could be
run as a formula by a spreadsheet. In CSV such text gets a leading apostrophe; in XLSX it is written as a text
cell marked "quote prefix", never as a formula. Real numbers (int, Decimal, float) are never touched.
Dates are written as ISO dates (2011-02-08), times in Danish time (2011-02-08 12:00), booleans as Ja/Nej.

The same rows give the same CSV bytes. An XLSX carries times (its properties, its ZIP entries); given `tidspunkt`,
it carries that one, so the same rows and the same `tidspunkt` give the same XLSX bytes (reports stamped with the
data's state, docs/decisions/0044).
"""

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
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


def skriv_csv(fil: BinaryIO, kolonner: Sequence[str], raekker: Iterable[Sequence]) -> None:
    tekst = io.TextIOWrapper(fil, encoding="utf-8-sig", newline="", write_through=True)
    skriver = csv.writer(tekst, delimiter=";", lineterminator="\r\n")
    skriver.writerow([csv_celle(k) for k in kolonner])
    for raekke in raekker:
        skriver.writerow([csv_celle(v) for v in raekke])
    tekst.flush()
    tekst.detach()


def csv_bytes(kolonner: Sequence[str], raekker: Iterable[Sequence]) -> bytes:
    fil = io.BytesIO()
    skriv_csv(fil, kolonner, raekker)
    return fil.getvalue()


def _xlsx_celle(ark, vaerdi):
    if isinstance(vaerdi, bool):
        vaerdi = "Ja" if vaerdi else "Nej"
    elif isinstance(vaerdi, datetime):
        vaerdi = f"{dansk_tid(vaerdi):%Y-%m-%d %H:%M}"
    elif isinstance(vaerdi, date):
        vaerdi = vaerdi.isoformat()
    if not isinstance(vaerdi, str):
        return vaerdi
    celle = WriteOnlyCell(ark, value=vaerdi)
    if er_farlig(vaerdi):
        celle.data_type = "s"  # openpyxl would otherwise store "=…" as a formula
        celle.quotePrefix = True
    return celle


def skriv_xlsx(
    fil: BinaryIO,
    kolonner: Sequence[str],
    raekker: Iterable[Sequence],
    *,
    arknavn: str = "Data",
    tidspunkt: datetime | None = None,
) -> None:
    if tidspunkt is not None:
        fil.write(_med_tidspunkt(xlsx_bytes(kolonner, raekker, arknavn=arknavn, tidspunkt=None), tidspunkt))
        return
    bog = Workbook(write_only=True)
    ark = bog.create_sheet(arknavn[:31])
    ark.freeze_panes = "A2"
    fed = Font(bold=True)
    overskrift = []
    for kolonne in kolonner:
        celle = _xlsx_celle(ark, str(kolonne))
        celle.font = fed
        overskrift.append(celle)
    ark.append(overskrift)
    for raekke in raekker:
        ark.append([_xlsx_celle(ark, v) for v in raekke])
    bog.save(fil)


def xlsx_bytes(
    kolonner: Sequence[str], raekker: Iterable[Sequence], *, arknavn: str = "Data", tidspunkt: datetime | None = None
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


def csv_svar(filnavn: str, kolonner: Sequence[str], raekker: Iterable[Sequence]) -> HttpResponse:
    return _svar(csv_bytes(kolonner, raekker), filnavn, CSV_TYPE)


def xlsx_svar(filnavn: str, kolonner: Sequence[str], raekker: Iterable[Sequence], *, arknavn: str = "Data"):
    return _svar(xlsx_bytes(kolonner, raekker, arknavn=arknavn), filnavn, XLSX_TYPE)
