"""The blocks a delivery's snapshot is made of (fields, tables, texts): plain JSON, shown alike on the snapshot's
page and in its PDF. One definition in the base for every content kind's builder (evaluering's and strategi's)."""


def felter(*par: tuple[str, str]) -> dict:
    return {"type": "felter", "felter": [[label, vaerdi] for label, vaerdi in par]}


def tabel(titel: str, kolonner: list[str], raekker: list[list[str]], tal: list[int] | None = None) -> dict:
    return {"type": "tabel", "titel": titel, "kolonner": kolonner, "raekker": raekker, "tal": tal or []}


def tekst(overskrift: str, tekst: str) -> dict:
    return {"type": "tekst", "overskrift": overskrift, "tekst": tekst}
