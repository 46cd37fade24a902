"""The checks every ZIP-based upload passes before anything parses it: ZIP bombs, renamed files, macros."""

import io
import re
import zipfile
from pathlib import Path

import openpyxl.xml
import pytest
from django.core.exceptions import ValidationError

from forebyggelse.filtjek import genkend_filtype, tjek_office_fil

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PROFILER = FIXTURES / "profiler"
BILAG = FIXTURES / "kommuner" / "bilag"


def tjek(sti: Path, forventet: str):
    with sti.open("rb") as fil:
        tjek_office_fil(fil, forventet)
        assert fil.tell() == 0  # the caller can read it from the start


@pytest.mark.parametrize(
    ("sti", "type_"),
    [
        (PROFILER / "should_pass" / "statbank_udtraek.xlsx", "xlsx"),
        (PROFILER / "should_pass" / "skabelon.xlsx", "xlsx"),
        (BILAG / "should_pass" / "budget.xlsx", "xlsx"),
        (BILAG / "should_pass" / "forebyggelsesstrategi.docx", "docx"),
    ],
    ids=lambda v: v.name if isinstance(v, Path) else v,
)
def test_real_office_files_pass(sti, type_):
    tjek(sti, type_)


@pytest.mark.parametrize(
    ("sti", "type_", "besked"),
    [
        (PROFILER / "should_fail" / "zipbombe.xlsx", "xlsx", "ville fylde 150 MB pakket ud"),
        (PROFILER / "should_fail" / "mange_dele.xlsx", "xlsx", "indeholder 1.010 dele"),
        (PROFILER / "should_fail" / "pdf_omdoebt.xlsx", "xlsx", "men er en PDF-fil"),
        (PROFILER / "should_fail" / "word_omdoebt.xlsx", "xlsx", "men er et Word-dokument (DOCX)"),
        (PROFILER / "should_fail" / "makroer.xlsx", "xlsx", "med makroer (XLSM)"),
        (PROFILER / "should_pass" / "statbank_udtraek.xlsx", "docx", "men er et Excel-regneark (XLSX)"),
        (BILAG / "should_fail" / "almindelig_zip.docx", "docx", "almindelig ZIP-fil"),
        (BILAG / "should_fail" / "billede.png", "docx", "men er et billede"),
    ],
    ids=lambda v: v.name if isinstance(v, Path) else None,
)
def test_bad_files_are_refused_before_anything_is_unpacked(sti, type_, besked):
    with pytest.raises(ValidationError, match=re.escape(besked)):
        tjek(sti, type_)


def test_a_hard_packed_entry_is_refused_even_under_the_total_limit():
    fil = io.BytesIO()
    with zipfile.ZipFile(fil, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        z.writestr("xl/workbook.xml", b" " * (50 * 1024 * 1024))  # 50 MB of spaces: about 50 KB packed
    with pytest.raises(ValidationError, match="ZIP-bombe"):
        tjek_office_fil(fil, "xlsx")


def test_xml_with_entity_expansion_is_refused():
    fil = io.BytesIO()
    bombe = (
        '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><Types>&lol2;</Types>'
    )
    with zipfile.ZipFile(fil, "w") as z:
        z.writestr("[Content_Types].xml", bombe)
        z.writestr("xl/workbook.xml", b"<workbook/>")
    with pytest.raises(ValidationError, match="kan ikke læses"):
        tjek_office_fil(fil, "xlsx")


@pytest.mark.parametrize("sti", sorted((BILAG / "should_pass").iterdir()), ids=lambda p: p.name)
def test_an_annex_is_recognised_by_its_content(sti):
    with sti.open("rb") as fil:
        assert genkend_filtype(fil) == sti.suffix[1:]
        assert fil.tell() == 0


@pytest.mark.parametrize(
    ("navn", "besked"),
    [
        ("zipbombe.docx", "ZIP-bombe"),
        ("mange_dele.odt", "indeholder 1.010 dele"),
        ("makroer.docx", "med makroer (DOCM)"),
        ("entiteter.docx", "kan ikke læses"),
    ],
)
def test_annexes_that_would_be_unpacked_or_parsed_dangerously_are_refused_first(navn, besked):
    with (BILAG / "should_fail" / navn).open("rb") as fil, pytest.raises(ValidationError, match=re.escape(besked)):
        genkend_filtype(fil)


def test_openpyxl_reads_workbooks_through_defusedxml():
    """The import parses a workbook's sheets with openpyxl, which is only safe while defusedxml is installed."""
    assert openpyxl.xml.DEFUSEDXML
