"""The export rule, checked the same way for every download of tabular data: the CSV's first row is the machine
names; the XLSX's first row is the Danish headings, its dates are Excel dates with a date format, its periods are
text, and its "Dataordbog" sheet pairs each heading with its machine name and meaning; a report package's
`dataordbog.csv` does the same for the CSV files in its ZIP."""

import csv
import io
import re
import zipfile
from datetime import datetime

from openpyxl import load_workbook

from forebyggelse.eksport import DATOFORMAT, ORDBOG, TIDSFORMAT, Kolonne

# The date columns of each of evaluering's DATAEKSPORTER: their cells must be Excel dates. A new export names its own
# (or none); tests/evaluering/test_rapporter.py holds the names to the exports.
DATOER = {"noegletal": set(), "maal": {"seneste_dato"}, "opfoelgninger": {"dato"}, "handlinger": {"start", "slut"}}
MASKINNAVN = re.compile(r"^[a-z][a-z0-9_]*$")
DATO_SOM_TEKST = re.compile(r"^\d{4}-\d{2}-\d{2}|^\d{1,2}[-./]\d{1,2}[-./]\d{4}")


def ubeskrevne(kolonner: list[Kolonne]) -> list[str]:
    """The columns that break the rule: a machine name that is not lower-case ASCII, a heading that is not Danish
    words (a capital first, no underscores), a meaning that is not a sentence, or a name or heading used twice."""
    navne = [k.navn for k in kolonner]
    overskrifter = [k.overskrift for k in kolonner]
    return [
        k.navn
        for k in kolonner
        if not MASKINNAVN.match(k.navn)
        or not k.overskrift[:1].isupper()
        or "_" in k.overskrift
        or not k.beskrivelse.strip().endswith(".")
        or navne.count(k.navn) > 1
        or overskrifter.count(k.overskrift) > 1
    ]


def csv_hoved(indhold: bytes) -> list[str]:
    return indhold.decode("utf-8-sig").split("\r\n", 1)[0].split(";")


def tjek_xlsx(indhold: bytes, kolonner: list[Kolonne], *, datoer: set[str] = frozenset()) -> list[dict]:
    """Asserts the rule on an XLSX with `kolonner` (`datoer`: the machine names of its date columns) and gives its
    data rows as {machine name: cell}."""
    data, ordbog = load_workbook(io.BytesIO(indhold)).worksheets
    assert [c.value for c in data[1]] == [k.overskrift for k in kolonner]
    assert all(c.font.bold for c in data[1])
    raekker = [dict(zip([k.navn for k in kolonner], r, strict=True)) for r in data.iter_rows(min_row=2)]
    for raekke in raekker:
        for k in kolonner:
            celle = raekke[k.navn]
            if celle.value is None:
                continue
            if isinstance(celle.value, datetime):
                assert k.navn in datoer, k.navn  # every date column is named, so each is checked below
            if k.navn in datoer:
                assert isinstance(celle.value, datetime) and celle.is_date, (k.navn, celle.value)
                assert celle.number_format in (DATOFORMAT, TIDSFORMAT), (k.navn, celle.number_format)
            if k.periode:
                assert celle.data_type == "s" and isinstance(celle.value, str), (k.navn, celle.value)
            if isinstance(celle.value, str):
                assert not DATO_SOM_TEKST.match(celle.value), (k.navn, celle.value)  # a date written as text
    assert ordbog.title == ORDBOG
    assert [c.value for c in ordbog[1]] == ["Overskrift", "Kolonnenavn i CSV", "Indhold"]
    assert [[c.value for c in r] for r in ordbog.iter_rows(min_row=2)] == [
        [k.overskrift, k.navn, k.beskrivelse] for k in kolonner
    ]
    return raekker


def tjek_pakkens_ordbog(arkiv: zipfile.ZipFile) -> dict[str, list[list[str]]]:
    """Asserts that a report package's `dataordbog.csv` describes every column of every CSV in the ZIP, in the order
    of the CSV's first row, each with a heading and a meaning; gives its lines by file."""
    linjer = list(csv.reader(io.StringIO(arkiv.read("dataordbog.csv").decode("utf-8-sig")), delimiter=";"))
    assert linjer[0] == ["fil", "kolonne", "overskrift", "indhold"]
    pr_fil: dict[str, list[list[str]]] = {}
    for fil, kolonne, overskrift, indhold in linjer[1:]:
        assert overskrift.strip() and indhold.strip(), (fil, kolonne)
        pr_fil.setdefault(fil, []).append([kolonne, overskrift, indhold])
    csv_filer = sorted(n for n in arkiv.namelist() if n.endswith(".csv"))
    assert sorted(pr_fil) == csv_filer
    for navn in csv_filer:
        assert csv_hoved(arkiv.read(navn)) == [k[0] for k in pr_fil[navn]], navn
    return pr_fil
