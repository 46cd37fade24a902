"""The project's own stylesheets parse as CSS: a missing brace once swallowed the rule after it without a sound."""

from pathlib import Path

import pytest
import tinycss2

EGNE = sorted((Path(__file__).resolve().parents[2] / "static" / "css").glob("*.css"))


def _fejl(regler, fil: str) -> list[str]:
    fejl = []
    for regel in regler:
        if regel.type == "error":
            fejl.append(f"{fil}:{regel.source_line}: {regel.message}")
        elif regel.type == "qualified-rule":
            for d in tinycss2.parse_blocks_contents(regel.content, skip_whitespace=True, skip_comments=True):
                if d.type != "declaration":
                    vaelger = tinycss2.serialize(regel.prelude).strip()
                    fejl.append(f"{fil}:{d.source_line}: ikke en erklæring i {vaelger}")
        elif regel.type == "at-rule" and regel.lower_at_keyword in {"media", "supports"} and regel.content:
            indre = tinycss2.parse_rule_list(regel.content, skip_whitespace=True, skip_comments=True)
            fejl += _fejl(indre, fil)
    return fejl


@pytest.mark.parametrize("fil", EGNE, ids=lambda f: f.name)
def test_every_rule_of_our_stylesheets_is_closed_and_holds_only_declarations(fil):
    regler = tinycss2.parse_stylesheet(fil.read_text(), skip_whitespace=True, skip_comments=True)
    assert regler, fil
    assert _fejl(regler, fil.name) == []
