"""The plain shapes the import pipeline passes along: a file as a frame of cells, the errors found in it, and
the normalised values it will write."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError

Celle = str | int | float | Decimal | None


@dataclass(frozen=True)
class Fejl:
    """One problem in a file, where the user can find it: the row number as a spreadsheet shows it (the header
    is row 1) and the column's name (CSV) or letter (XLSX)."""

    besked: str
    raekke: int | None = None
    kolonne: str = ""

    def __str__(self) -> str:
        sted = ", ".join(
            filter(None, [f"Række {self.raekke}" if self.raekke else "", self.kolonne and f"kolonne {self.kolonne}"])
        )
        return f"{sted}: {self.besked}" if sted else self.besked


class ImportFejl(ValidationError):
    """The file cannot be imported; `fejl` lists every problem found. Nothing has been written."""

    def __init__(self, fejl: list[Fejl]):
        self.fejl = fejl
        super().__init__([str(f) for f in fejl], code="import")


@dataclass
class Raamme:
    """A table as read from a file: column names, and rows of cells with the row number the user sees.

    `kolonnenavne` says how errors name each column (the header in a CSV, the letter in an XLSX)."""

    kolonner: list[str]
    raekker: list[tuple[int, list[Celle]]]
    kolonnenavne: list[str] = field(default_factory=list)
    format: str = ""

    def navn(self, indeks: int) -> str:
        return self.kolonnenavne[indeks] if self.kolonnenavne else self.kolonner[indeks]


@dataclass(frozen=True)
class Vaerdi:
    """One normalised observation to write."""

    kommune_id: int
    indikator_id: int
    aar: int
    taeller: Decimal | None
    naevner: Decimal | None
    vaerdi: Decimal | None


@dataclass
class Indlaest:
    """A checked file, ready to preview: its format, values, which parts of an observation it sets, and remarks
    (e.g. an incomplete year left out) that are not errors."""

    format: str
    vaerdier: list[Vaerdi]
    saetter: frozenset[str]
    bemaerkninger: list[str] = field(default_factory=list)
