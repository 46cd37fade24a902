"""Reading an uploaded file into a frame of cells, whatever it is: Statistics Denmark's CSV (UTF-8, UTF-8 with
BOM or Windows-1252; semicolons), the XLSX statbank.dk exports (a title, a header row of periods, the area names
down the side), or the project's template as CSV or XLSX. Nothing here knows municipalities or indicators.
"""

import csv
import io
import re

from django.core.exceptions import ValidationError
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from forebyggelse.filtjek import ZIP_START, tjek_office_fil
from profiler.importering.raamme import Celle, Fejl, ImportFejl, Raamme

MAKS_FILSTOERRELSE = 20 * 1024 * 1024
ENDELSER = ("csv", "xlsx")
TID_MOENSTER = re.compile(r"^\d{4}([KQ][1-4]|M(0[1-9]|1[0-2]))?$")
# How many leading rows of an XLSX may hold a title or notes above the header.
MAKS_TITELRAEKKER = 20


def endelse(filnavn: str) -> str:
    return filnavn.rsplit(".", 1)[-1].lower() if "." in filnavn else ""


def laes_fil(filnavn: str, indhold: bytes) -> Raamme:
    """The file as a frame. Raises ImportFejl for a file that cannot be read at all."""
    if len(indhold) > MAKS_FILSTOERRELSE:
        mb = f"{len(indhold) / 1024 / 1024:.1f}".replace(".", ",")
        raise ImportFejl([Fejl(f"Filen fylder {mb} MB. En fil må højst fylde 20 MB.")])
    if not indhold.strip(b" \t\r\n\xef\xbb\xbf"):
        raise ImportFejl([Fejl("Filen er tom.")])
    ext = endelse(filnavn)
    if ext not in ENDELSER:
        hvad = f"Filtypen .{ext}" if ext else "En fil uden endelse"
        raise ImportFejl([Fejl(f"{hvad} kan ikke importeres. Brug CSV (semikolonsepareret) eller XLSX.")])
    if ext == "xlsx":
        return laes_xlsx(indhold)
    if indhold.startswith(ZIP_START):
        raise ImportFejl(
            [Fejl("Filen hedder .csv, men er en Excel- eller ZIP-fil. Gem den som CSV, eller kald den .xlsx.")]
        )
    if b"\x00" in indhold[:4096] or indhold.startswith(b"%PDF-"):
        raise ImportFejl([Fejl("Filen hedder .csv, men er ikke en tekstfil. Gem den som CSV (semikolonsepareret).")])
    return laes_csv(afkod(indhold))


def afkod(indhold: bytes) -> str:
    """UTF-8 (with or without BOM) as the API writes it, else Windows-1252 as Danish Excel saves it."""
    try:
        return indhold.decode("utf-8-sig")
    except UnicodeDecodeError:
        return indhold.decode("cp1252", errors="replace")


def laes_csv(tekst: str) -> Raamme:
    linjer = tekst.splitlines()
    overskrift = next((linje for linje in linjer if linje.strip()), "")
    if ";" not in overskrift:
        for tegn, navn in ((",", "komma"), ("\t", "tabulator")):
            if tegn in overskrift:
                raise ImportFejl(
                    [
                        Fejl(
                            f"Filen bruger {navn} mellem kolonnerne, men skal være semikolonsepareret, som "
                            "Statistikbanken og dansk Excel gemmer CSV. Gem den som 'CSV (semikolonsepareret)'.",
                            raekke=1,
                        )
                    ]
                )
    raekker = []
    laeser = csv.reader(io.StringIO(tekst), delimiter=";")
    kolonner: list[str] | None = None
    for raekke in laeser:
        nr = laeser.line_num
        if not any(celle.strip() for celle in raekke):
            continue
        if kolonner is None:
            kolonner = [celle.strip() for celle in raekke]
            continue
        raekker.append((nr, [celle.strip() for celle in raekke]))
    if kolonner is None:
        raise ImportFejl([Fejl("Filen er tom.")])
    return Raamme(kolonner=kolonner, raekker=raekker, format="csv")


# XLSX ---------------------------------------------------------------------------------------------------


def laes_xlsx(indhold: bytes) -> Raamme:
    fil = io.BytesIO(indhold)
    try:
        tjek_office_fil(fil, "xlsx")
    except ValidationError as exc:
        raise ImportFejl([Fejl(besked) for besked in exc.messages]) from None
    try:
        bog = load_workbook(fil, read_only=False, data_only=False, keep_links=False)
    except Exception:
        raise ImportFejl(
            [Fejl("Excel-filen kan ikke læses. Åbn den i Excel, gem den igen som XLSX og prøv igen.")]
        ) from None
    fejl = []
    if len(bog.sheetnames) > 1:
        ark = ", ".join(f"'{navn}'" for navn in bog.sheetnames)
        fejl.append(Fejl(f"Filen har {len(bog.sheetnames)} ark ({ark}). Gem kun det ark, der skal importeres."))
    ark = bog.worksheets[0] if bog.worksheets else None
    if ark is None:
        raise ImportFejl([Fejl("Filen har intet regneark.")])
    if ark.merged_cells.ranges:
        omraader = ", ".join(str(r) for r in list(ark.merged_cells.ranges)[:5])
        fejl.append(
            Fejl(f"Arket har flettede celler ({omraader}). Ophæv fletningen, så hver værdi står i sin egen celle.")
        )
    celler: list[tuple[int, list[Celle]]] = []
    for raekke in ark.iter_rows():
        vaerdier = []
        for celle in raekke:
            if celle.data_type == "f":
                fejl.append(
                    Fejl(
                        f"Cellen indeholder en formel ({str(celle.value)[:40]}). Gem tallene som værdier.",
                        raekke=celle.row,
                        kolonne=celle.column_letter,
                    )
                )
            vaerdier.append(_xlsx_vaerdi(celle.value))
        celler.append((raekke[0].row if raekke else 0, vaerdier))
    if fejl:
        raise ImportFejl(fejl)
    return _xlsx_som_raamme(celler)


def _xlsx_vaerdi(vaerdi) -> Celle:
    if isinstance(vaerdi, str):
        return vaerdi.strip()
    if isinstance(vaerdi, bool) or vaerdi is None or isinstance(vaerdi, int | float):
        return vaerdi
    return str(vaerdi)


def _er_tid(celle: Celle) -> bool:
    if isinstance(celle, int) and not isinstance(celle, bool):
        celle = str(celle)
    return isinstance(celle, str) and bool(TID_MOENSTER.match(celle.upper()))


def _xlsx_som_raamme(celler: list[tuple[int, list[Celle]]]) -> Raamme:
    """Find the header among the first rows: a table with named columns (the template, or OMRÅDE;TID;INDHOLD),
    or statbank.dk's cross table whose header row lists periods to the right of the empty stub columns."""
    for indeks, (_, raekke) in enumerate(celler[:MAKS_TITELRAEKKER]):
        tekster = [str(c).strip().lower() for c in raekke if c not in (None, "")]
        if {"kommunekode", "indikator"} <= set(tekster) or {"tid", "indhold"} <= set(tekster):
            return _tabel(celler, indeks)
        tider = [i for i, c in enumerate(raekke) if _er_tid(c)]
        if tider and all(c in (None, "") for c in raekke[: tider[0]]) and tider[0] > 0:
            return _krydstabel(celler, indeks, tider)
    raise ImportFejl(
        [
            Fejl(
                "Arket ligner hverken Statistikbankens udtræk (en række med perioder som 2011K1 over tallene) eller "
                "projektets skabelon (kolonnerne kommunekode, indikator, aar, taeller, naevner)."
            )
        ]
    )


def _tabel(celler, indeks: int) -> Raamme:
    nr, overskrift = celler[indeks]
    bredde = max((i + 1 for i, c in enumerate(overskrift) if c not in (None, "")), default=0)
    kolonner = [str(c).strip() if c is not None else "" for c in overskrift[:bredde]]
    raekker = []
    for nr, raekke in celler[indeks + 1 :]:
        if all(c in (None, "") for c in raekke):
            continue
        raekker.append((nr, list(raekke[:bredde]) + [None] * (bredde - len(raekke[:bredde]))))
    return Raamme(kolonner, raekker, [get_column_letter(i + 1) for i in range(bredde)], format="xlsx")


def _krydstabel(celler, indeks: int, tider: list[int]) -> Raamme:
    """statbank.dk's cross table as long rows: one per area and period, the stub columns forward-filled
    (statbank.dk writes a variable's label only where it changes). The rows end at the first empty row; what
    follows are DST's notes."""
    _, overskrift = celler[indeks]
    stubbe = tider[0]
    kolonner = [f"VARIABEL{i + 1}" for i in range(stubbe)] + ["TID", "INDHOLD"]
    navne = [get_column_letter(i + 1) for i in range(stubbe)] + ["", ""]
    forrige: list[Celle] = [None] * stubbe
    raekker = []
    for nr, raekke in celler[indeks + 1 :]:
        if all(c in (None, "") for c in raekke):
            break
        stub = [raekke[i] if i < len(raekke) and raekke[i] not in (None, "") else forrige[i] for i in range(stubbe)]
        forrige = stub
        for kol in tider:
            tid = str(overskrift[kol]).strip()
            vaerdi = raekke[kol] if kol < len(raekke) else None
            # The column letter of this cell, so an error points at it.
            raekker.append((nr, [*stub, tid, vaerdi, get_column_letter(kol + 1)]))
    return Raamme([*kolonner, "_KOLONNE"], raekker, [*navne, ""], format="xlsx_kryds")
