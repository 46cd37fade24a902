"""How the code is built: no function with branching logic runs past ~60 lines (issue 15). A long function that
branches mixes several rules; each rule should be one small named function with its own test. Migrations, tests and
the demo data (long, flat lists of example records) are left out."""

import ast
from pathlib import Path

ROD = Path(__file__).resolve().parents[2]
APPS = ["forebyggelse", "kommuner", "profiler", "strategi", "evaluering", "konto", "hentninger"]
MAKS_LINJER = 60

# The demo loader and the modules that hold its example data.
DEMODATA = {
    "evaluering/management/commands/load_demo.py",
    "evaluering/demo.py",
    "kommuner/demo.py",
    "profiler/demo.py",
    "strategi/demo.py",
}

FORGRENING = (ast.If, ast.IfExp, ast.For, ast.AsyncFor, ast.While, ast.Try, ast.TryStar, ast.Match)


def _kildefiler() -> list[Path]:
    filer = []
    for app in APPS:
        for fil in sorted((ROD / app).rglob("*.py")):
            relativ = fil.relative_to(ROD)
            if "migrations" in relativ.parts or "tests" in relativ.parts or relativ.as_posix() in DEMODATA:
                continue
            filer.append(fil)
    return filer


def _forgrener(funktion: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    for knude in ast.walk(funktion):
        if isinstance(knude, FORGRENING):
            return True
        if isinstance(knude, ast.comprehension) and knude.ifs:
            return True
    return False


def _laengde(funktion: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Lines from `def` to the last line of the body, less a docstring."""
    linjer = funktion.end_lineno - funktion.lineno + 1
    if ast.get_docstring(funktion, clean=False) is not None:
        docstring = funktion.body[0]
        linjer -= docstring.end_lineno - docstring.lineno + 1
    return linjer


def _for_lange(kilde: str) -> list[tuple[int, str, int]]:
    """(line, name, length) of every function or method over MAKS_LINJER lines that branches."""
    fund = []
    for knude in ast.walk(ast.parse(kilde)):
        if isinstance(knude, ast.FunctionDef | ast.AsyncFunctionDef):
            laengde = _laengde(knude)
            if laengde > MAKS_LINJER and _forgrener(knude):
                fund.append((knude.lineno, knude.name, laengde))
    return sorted(fund)


def _funktion(navn: str, krop: list[str], docstring: bool = False) -> str:
    linjer = [f"def {navn}(x):"]
    if docstring:
        linjer += ['    """'] + ["    Forklaring."] * 10 + ['    """']
    return "\n".join(linjer + [f"    {linje}" for linje in krop]) + "\n"


def test_the_check_finds_a_long_function_that_branches():
    flad = [f"x += {i}" for i in range(58)]
    kilde = _funktion("lang", ["if x:", "    x = 1", *flad, "return x"])
    assert _for_lange(kilde) == [(1, "lang", 62)]


def test_the_check_finds_a_filter_in_a_comprehension_and_a_method():
    flad = [f"    x += {i}" for i in range(60)]
    kilde = "class K:\n" + "\n".join(
        ["    def lang(self, x):", "        y = [i for i in x if i]"] + [f"    {linje}" for linje in flad]
    )
    assert _for_lange(kilde) == [(2, "lang", 62)]


def test_the_check_leaves_a_long_flat_function_and_a_short_branching_one():
    lang_og_flad = _funktion("flad", [f"x += {i}" for i in range(70)] + ["return [i for i in x]"])
    kort = _funktion("kort", ["if x:", "    return 1"] + [f"x += {i}" for i in range(56)] + ["return x"])
    assert _for_lange(lang_og_flad + kort) == []


def test_the_check_does_not_count_the_docstring():
    kilde = _funktion("dok", ["if x:", "    x = 1"] + [f"x += {i}" for i in range(56)] + ["return x"], docstring=True)
    assert _for_lange(kilde) == []


def test_the_walk_skips_migrations_tests_and_demo_data_only():
    filer = {fil.relative_to(ROD).as_posix() for fil in _kildefiler()}
    assert "kommuner/selectors.py" in filer
    assert "profiler/importering/kontrol.py" in filer
    assert not any("/migrations/" in fil for fil in filer)
    assert not filer & DEMODATA
    for demo in DEMODATA:
        assert (ROD / demo).exists(), f"{demo} is gone: take it off the list"


def test_no_function_with_branches_runs_past_60_lines():
    fund = [
        f"{fil.relative_to(ROD)}:{linje} {navn} ({laengde} lines)"
        for fil in _kildefiler()
        for linje, navn, laengde in _for_lange(fil.read_text())
    ]
    assert not fund, "Split these into small named functions, one rule each:\n" + "\n".join(fund)
