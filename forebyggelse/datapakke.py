"""The one way to describe CSV files for a program: a Frictionless data package (`datapackage.json`).

A CSV's first row holds only machine names; the data package says, for every file, what it is and, for every
column, its Danish heading, its meaning, its type and its unit, and how the file is written (`forebyggelse/eksport.py`:
UTF-8 with BOM, semicolons, decimal comma, Ja/Nej, Danish times to the minute). R, Python or Stata read the files
typed with it (`frictionless`, `datapackage`), and `frictionless validate datapackage.json` checks every cell.

Paths are relative to the `datapackage.json`: in a ZIP the files' paths in the ZIP; on the portal the export URLs
beside it. The package is stamped with the data's state, not the clock, so the same data give the same bytes
(docs/decisions/0045).
"""

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from forebyggelse.eksport import Kolonne

TIDSFORMAT = "%Y-%m-%d %H:%M"  # csv_celle's datetime, Danish time
SPROG = "da"


@dataclass(frozen=True)
class Kilde:
    """Where a file's figures come from (the package's `sources`), e.g. a table in Danmarks Statistik's Statbank."""

    titel: str
    sti: str = ""  # a URL, where there is one


@dataclass(frozen=True)
class Licens:
    navn: str  # an SPDX id, e.g. CC-BY-4.0
    titel: str
    sti: str


@dataclass(frozen=True)
class Herkomst:
    """What a file says beyond its columns: its sources and licences, and the texts that stand in a cell for a
    value that is hidden (the suppression markers, which a reader must take as missing, not as text)."""

    kilder: Sequence[Kilde] = ()
    licenser: Sequence[Licens] = ()
    mangler: Sequence[str] = ()


@dataclass(frozen=True)
class Ressource:
    """One CSV file of a package."""

    sti: str  # relative to datapackage.json
    navn: str  # lower-case ASCII, unique in the package
    titel: str
    beskrivelse: str
    kolonner: Sequence[Kolonne]
    herkomst: Herkomst = field(default_factory=Herkomst)


def _felt(kolonne: Kolonne) -> dict:
    felt = {
        "name": kolonne.navn,
        "type": kolonne.type,
        "title": kolonne.overskrift,
        "description": kolonne.beskrivelse,
    }
    if kolonne.enhed:
        felt["enhed"] = kolonne.enhed  # a custom property: Frictionless has no unit of its own
    if kolonne.type == "number":
        felt["decimalChar"] = ","  # csv_celle writes no thousands separator, so no groupChar
    elif kolonne.type == "boolean":
        felt |= {"trueValues": ["Ja"], "falseValues": ["Nej"]}
    elif kolonne.type == "datetime":
        felt["format"] = TIDSFORMAT
    return felt


def _kilde(kilde: Kilde) -> dict:
    return {"title": kilde.titel} | ({"path": kilde.sti} if kilde.sti else {})


def _ressource(ressource: Ressource) -> dict:
    herkomst = ressource.herkomst
    beskrevet = {
        "name": ressource.navn,
        "path": ressource.sti,
        "profile": "tabular-data-resource",
        "title": ressource.titel,
        "description": ressource.beskrivelse,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",  # with a BOM (for Excel), which Frictionless and R's readers skip
        "dialect": {"delimiter": ";", "header": True, "lineTerminator": "\r\n", "quoteChar": '"', "doubleQuote": True},
        "schema": {
            "fields": [_felt(k) for k in ressource.kolonner],
            "missingValues": ["", *herkomst.mangler],
        },
    }
    if herkomst.kilder:
        beskrevet["sources"] = [_kilde(k) for k in herkomst.kilder]
    if herkomst.licenser:
        beskrevet["licenses"] = [{"name": x.navn, "title": x.titel, "path": x.sti} for x in herkomst.licenser]
    return beskrevet


def datapakke(*, navn: str, titel: str, beskrivelse: str, stand: datetime, ressourcer: Sequence[Ressource]) -> dict:
    """The package as a dict; `stand` (the data's state) is its `created`."""
    navne = [r.navn for r in ressourcer]
    if len(set(navne)) != len(navne):
        raise ValueError("To filer i en datapakke kan ikke have samme navn.")
    return {
        "profile": "tabular-data-package",
        "name": navn,
        "title": titel,
        "description": beskrivelse,
        "language": SPROG,
        "created": stand.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "resources": [_ressource(r) for r in ressourcer],
    }


def som_json(pakke: dict) -> bytes:
    """`datapackage.json`'s bytes: UTF-8 with the real letters, indented for a reader, the same dict the same bytes."""
    return (json.dumps(pakke, ensure_ascii=False, indent=2) + "\n").encode()
