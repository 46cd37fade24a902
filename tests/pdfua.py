"""What a screen reader meets in a PDF's structure tree (PDF/UA-1), read with pikepdf: every figure has its text
alternative, every table its header cells, every header cell its scope, and no caption is left on a page without
its table's rows."""

import io
from collections import Counter
from dataclasses import dataclass, field

import pikepdf


@dataclass
class Struktur:
    antal: Counter = field(default_factory=Counter)  # figurer, tabeller, overskriftsceller
    fejl: list[str] = field(default_factory=list)


def _boern(element) -> list:
    boern = element.get("/K")
    if boern is None:
        return []
    boern = list(boern) if isinstance(boern, pikepdf.Array) else [boern]
    return [b for b in boern if isinstance(b, pikepdf.Dictionary) and "/S" in b]  # not marked content (numbers)


def _alle(element):
    for barn in _boern(element):
        yield barn
        yield from _alle(barn)


def _i_tabellen(tabel):
    """The table's own elements, not those of a table inside it."""
    for barn in _boern(tabel):
        yield barn
        if barn.S != "/Table":
            yield from _i_tabellen(barn)


def _attributter(element) -> list:
    a = element.get("/A")
    if a is None:
        return []
    return [x for x in a if isinstance(x, pikepdf.Dictionary)] if isinstance(a, pikepdf.Array) else [a]


def struktur(pdf: bytes) -> Struktur:
    """The figures, tables and header cells in the PDF's structure tree, and what a screen reader would miss. A table
    that runs over a page break is one Table element per page, each counted."""
    ud = Struktur()
    with pikepdf.open(io.BytesIO(pdf)) as dokument:
        sider = {side.objgen: nr for nr, side in enumerate(dokument.pages, start=1)}
        for element in _alle(dokument.Root.StructTreeRoot):
            art, side = element.S, sider.get(element.Pg.objgen) if "/Pg" in element else None
            if art == "/Figure":
                ud.antal["figurer"] += 1
                if not str(element.get("/Alt", "")).strip():
                    ud.fejl.append(f"side {side}: en figur uden alternativ tekst")
            elif art == "/Table":
                ud.antal["tabeller"] += 1
                arter = [e.S for e in _i_tabellen(element)]
                if "/TH" not in arter:
                    ud.fejl.append(f"side {side}: en tabel uden overskriftsceller")
                if "/Caption" in arter and "/TD" not in arter:
                    ud.fejl.append(f"side {side}: en tabeltitel uden tabellens rækker")
            elif art == "/TH":
                ud.antal["overskriftsceller"] += 1
                if not any(a.get("/O") == "/Table" and "/Scope" in a for a in _attributter(element)):
                    ud.fejl.append(f"side {side}: en overskriftscelle uden scope")
    return ud
