"""Checks for uploaded files before anything parses them: ZIP-based Office files (XLSX, DOCX, ODT) and PDFs.

A ZIP bomb (a small file that unpacks to gigabytes, or to thousands of entries) is refused from the ZIP's
central directory alone, without unpacking; Python's zipfile never yields more than an entry's declared size,
so the declared sizes are the real bound. The file must also be what its name says: an XLSX holds a workbook
and declares the spreadsheet content type, a DOCX a Word document; a macro-enabled or renamed file is refused.
XML is read with defusedxml (openpyxl uses it too when it is installed), so entity tricks cannot expand.

Every upload goes through here: `tjek_office_fil` for an import that must be one type (XLSX), `genkend_filtype` for
annexes of applications, strategies, follow-ups and meetings (forebyggelse.bilag.tjek_bilagsfil), which
may be PDF, DOCX, XLSX or ODT. Both raise ValidationError with a Danish message; they read the file but leave its
position at 0.
"""

import zipfile
from typing import BinaryIO

from defusedxml import ElementTree
from django.core.exceptions import ValidationError

from forebyggelse.formatering import tal

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
# A macro document's main part → what it is, and what to save it as instead.
MAKRO_TYPER = {
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml": ("et Excel-regneark med makroer (XLSM)", "XLSX"),
    "application/vnd.ms-word.document.macroEnabled.main+xml": ("et Word-dokument med makroer (DOCM)", "DOCX"),
}
ZIP_START = b"PK\x03\x04"
PDF_START = b"%PDF-"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


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
    start = _start(fil)
    if not start.startswith(ZIP_START):
        raise ValidationError(
            f"Filen hedder .{forventet}, men er {_hvad_er_det(start)}. Gem den som {navn} og prøv igen."
        )
    try:
        navne, typer, _ = _zip_indhold(fil, navn)
    except zipfile.BadZipFile:
        raise ValidationError(f"Filen er ødelagt eller ikke {beskrivelse}.") from None
    if "[Content_Types].xml" not in navne:
        raise ValidationError(f"Filen er en almindelig ZIP-fil, ikke {beskrivelse}.")
    _afvis_makroer(typer)
    if kendetegn not in navne or indholdstype not in typer:
        andre = [beskr for ext, (k, t, beskr) in TYPER.items() if ext != forventet and k in navne and t in typer]
        hvad = andre[0] if andre else f"ikke {beskrivelse}"
        raise ValidationError(f"Filen hedder .{forventet}, men er {hvad}. Gem den som {navn} og prøv igen.")


def genkend_filtype(fil: BinaryIO) -> str | None:
    """An annex's type from its content, never from its name: 'pdf' by its header; 'docx', 'xlsx' or 'odt' by what
    the ZIP container holds, looked into only after its directory has passed the size checks. None when it is none
    of these; ValidationError (with a Danish message) for a ZIP bomb, a macro document or an unreadable content
    list. Leaves the file's position at 0."""
    start = _start(fil)
    if start.startswith(PDF_START):
        return "pdf"
    if not start.startswith(ZIP_START):
        return None
    try:
        navne, typer, odt = _zip_indhold(fil, "Office")
    except zipfile.BadZipFile:
        return None
    if odt:
        return "odt"
    _afvis_makroer(typer)
    for filtype, (kendetegn, indholdstype, _) in TYPER.items():
        if kendetegn in navne and indholdstype in typer:
            return filtype
    return None


def _start(fil: BinaryIO) -> bytes:
    fil.seek(0)
    start = fil.read(8)
    fil.seek(0)
    return start


def _zip_indhold(fil: BinaryIO, navn: str) -> tuple[set[str], set[str], bool]:
    """The entry names of a ZIP container, the content types its [Content_Types].xml declares, and whether it is an
    OpenDocument text. Only the central directory is read before the size checks; zipfile.BadZipFile for a file
    that is not a ZIP after all."""
    try:
        with zipfile.ZipFile(fil) as z:
            poster = z.infolist()
            _tjek_stoerrelse(poster, navn)
            navne = {p.filename for p in poster}
            typer = _indholdstyper(z.read("[Content_Types].xml")) if "[Content_Types].xml" in navne else set()
            mimetype = z.getinfo("mimetype") if "mimetype" in navne else None
            odt = mimetype is not None and mimetype.file_size < 100 and z.read(mimetype).strip() == ODT_MIMETYPE
    finally:
        fil.seek(0)
    return navne, typer, odt


def _afvis_makroer(typer: set[str]) -> None:
    for makro, (hvad, gem_som) in MAKRO_TYPER.items():
        if makro in typer:
            raise ValidationError(f"Filen er {hvad}. Gem den som {gem_som} uden makroer og prøv igen.")


def _tjek_stoerrelse(poster: list[zipfile.ZipInfo], navn: str) -> None:
    if len(poster) > MAKS_ANTAL_FILER:
        raise ValidationError(
            f"Filen indeholder {tal(len(poster))} dele; en {navn}-fil må højst have {tal(MAKS_ANTAL_FILER)}. "
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
