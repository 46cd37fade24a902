"""One word per meaning in the code (docs/ordliste.md, "Ét ord, én betydning"), checked on the source itself."""

import ast
from pathlib import Path

ROD = Path(__file__).resolve().parents[2]
APPS = ("forebyggelse", "kommuner", "konto", "hentninger", "profiler", "strategi", "evaluering")
ADGANG = {"PermissionDenied", "Http404"}


def _funktioner():
    for app in APPS:
        for fil in sorted((ROD / app).rglob("*.py")):
            if "migrations" in fil.parts:
                continue
            for node in ast.walk(ast.parse(fil.read_text(), filename=str(fil))):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    yield f"{fil.relative_to(ROD)}:{node.name}", node


def _rejser(funktion: ast.AST) -> set[str]:
    """The names of the exceptions a function raises itself (`raise X(...)` or `raise X`)."""
    navne = set()
    for node in ast.walk(funktion):
        if isinstance(node, ast.Raise) and node.exc is not None:
            undtagelse = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            navne.add(undtagelse.attr if isinstance(undtagelse, ast.Attribute) else getattr(undtagelse, "id", "?"))
    return navne


def test_kraev_means_no_access_and_valider_means_invalid_input():
    """`kraev` answers 403 (or 404); a rule on the input that gives a form error is `valider_*`. A `kraev*` that
    raised ValidationError would turn a refusal into a form error, and the reverse into a bare 403 page."""
    forkerte = []
    for navn, funktion in _funktioner():
        kort = navn.rsplit(":", 1)[1].lstrip("_")
        rejser = _rejser(funktion)
        if kort.startswith("kraev") and rejser - ADGANG:
            forkerte.append(f"{navn} rejser {sorted(rejser - ADGANG)}")
        if kort.startswith(("valider", "tjek")) and rejser & ADGANG:
            forkerte.append(f"{navn} rejser {sorted(rejser & ADGANG)}")
    assert forkerte == []


def test_the_rule_sees_a_wrong_raise():
    """The check above would catch a `kraev_*` that gives a form error."""
    kode = "def kraev_x(s):\n    if s:\n        raise ValidationError('nej')\n"
    assert _rejser(ast.parse(kode)) == {"ValidationError"}
