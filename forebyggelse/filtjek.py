"""Checks for uploaded ZIP-based Office files (XLSX, DOCX) before anything parses them.

A ZIP bomb (a small file that unpacks to gigabytes, or to thousands of entries) is refused from the ZIP's
central directory alone, without unpacking; Python's zipfile never yields more than an entry's declared size,
so the declared sizes are the real bound. The file must also be what its name says: an XLSX holds a workbook
and declares the spreadsheet content type, a DOCX a Word document; a macro-enabled or renamed file is refused.
XML is read with defusedxml (openpyxl uses it too when it is installed), so entity tricks cannot expand.

`tjek_office_fil` raises ValidationError with a Danish message; it reads the file but leaves its position at 0.
"""

import zipfile
from typing import BinaryIO

from defusedxml import ElementTree
from django.core.exceptions import ValidationError

MAKS_ANTAL_FILER = 1_000
MAKS_UDPAKKET = 100 * 1024 * 1024  # bytes, all entries together
MAKS_KOMPRIMERING = 200  # an entry may unpack to at most this many times its packed size (plus 1 MB)

# What each type must hold, and the content type its main part must declare ([Content_Types].xml).
TYPER = {
    "xlsx": (
        "xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "et Excel-regneark (XLSX)",
    ),
    "docx": (
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "et Word-dokument (DOCX)",
    ),
}
MAKRO_TYPER = {
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml": "et Excel-regneark med makroer (XLSM)",
    "application/vnd.ms-word.document.macroEnabled.main+xml": "et Word-dokument med makroer (DOCM)",
}
ZIP_START = b"PK\x03\x04"
PDF_START = b"%PDF-"


def _hvad_er_det(start: bytes) -> str:
    if start.startswith(PDF_START):
        return "en PDF-fil"
    if start.startswith(b"\xd0\xcf\x11\xe0"):
        return "en gammel Office-fil (fx XLS eller DOC)"
    if start.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return "et billede"
    if start.startswith(b"MZ"):
        return "et program"
    return "ikke en Office-fil"


def tjek_office_fil(fil: BinaryIO, forventet: str) -> None:
    """Refuse `fil` unless it is a sane XLSX or DOCX (`forventet` is 'xlsx' or 'docx')."""
    kendetegn, indholdstype, beskrivelse = TYPER[forventet]
    navn = forventet.upper()
    fil.seek(0)
    start = fil.read(8)
    fil.seek(0)
    if not start.startswith(ZIP_START):
        raise ValidationError(
            f"Filen hedder .{forventet}, men er {_hvad_er_det(start)}. Gem den som {navn} og prøv igen."
        )
    try:
        with zipfile.ZipFile(fil) as z:
            poster = z.infolist()
            _tjek_stoerrelse(poster, navn)
            navne = {p.filename for p in poster}
            if "[Content_Types].xml" not in navne:
                raise ValidationError(f"Filen er en almindelig ZIP-fil, ikke {beskrivelse}.")
            typer = _indholdstyper(z.read("[Content_Types].xml"))
    except zipfile.BadZipFile:
        raise ValidationError(f"Filen er ødelagt eller ikke {beskrivelse}.") from None
    finally:
        fil.seek(0)
    for makro, hvad in MAKRO_TYPER.items():
        if makro in typer:
            raise ValidationError(f"Filen er {hvad}. Gem den som {navn} uden makroer og prøv igen.")
    if kendetegn not in navne or indholdstype not in typer:
        andre = [beskr for ext, (k, t, beskr) in TYPER.items() if ext != forventet and k in navne and t in typer]
        hvad = andre[0] if andre else f"ikke {beskrivelse}"
        raise ValidationError(f"Filen hedder .{forventet}, men er {hvad}. Gem den som {navn} og prøv igen.")


def _tjek_stoerrelse(poster: list[zipfile.ZipInfo], navn: str) -> None:
    if len(poster) > MAKS_ANTAL_FILER:
        raise ValidationError(
            f"Filen indeholder {len(poster)} dele; en {navn}-fil må højst have {MAKS_ANTAL_FILER}. "
            "Den er afvist uden at blive pakket ud."
        )
    udpakket = sum(p.file_size for p in poster)
    if udpakket > MAKS_UDPAKKET:
        raise ValidationError(
            f"Filen ville fylde {udpakket // (1024 * 1024)} MB pakket ud; højst {MAKS_UDPAKKET // (1024 * 1024)} MB "
            "er tilladt. Den er afvist uden at blive pakket ud."
        )
    for post in poster:
        if post.file_size > MAKS_KOMPRIMERING * max(post.compress_size, 1) + 1024 * 1024:
            raise ValidationError(
                f"Delen {post.filename} er pakket usædvanligt hårdt sammen (en såkaldt ZIP-bombe). "
                "Filen er afvist uden at blive pakket ud."
            )


def _indholdstyper(xml: bytes) -> set[str]:
    try:
        rod = ElementTree.fromstring(xml)
    except Exception:
        raise ValidationError("Filens indholdsfortegnelse ([Content_Types].xml) kan ikke læses.") from None
    return {element.get("ContentType", "") for element in rod}
