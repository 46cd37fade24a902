"""Template syntax never reaches the user: Django's {# … #} comment ends on its own line (a comment over two lines is
printed on the page as text), so a longer one is {% comment %}. The accessibility crawl also checks every page it
receives for template syntax (tests/browser/test_tilgaengelighed.py)."""

import re
from pathlib import Path

ROD = Path(__file__).resolve().parents[2]
MAPPER = ["templates", "forebyggelse", "kommuner", "profiler", "strategi", "evaluering", "konto", "hentninger"]


def kommentarer_over_flere_linjer(tekst: str) -> list[int]:
    """The line numbers where a {# comment opens without closing on the same line."""
    return [nr for nr, linje in enumerate(tekst.splitlines(), start=1) if re.search(r"\{#(?!.*#\})", linje)]


def test_the_check_finds_a_comment_over_two_lines():
    assert kommentarer_over_flere_linjer("<p>{# kort #}</p>\n{# lang\n  kommentar #}\n") == [2]


def test_no_template_has_a_comment_over_two_lines():
    fundne = [
        f"{sti.relative_to(ROD)}:{nr}"
        for mappe in MAPPER
        for sti in (ROD / mappe).rglob("*.html")
        for nr in kommentarer_over_flere_linjer(sti.read_text())
    ]
    assert fundne == []
