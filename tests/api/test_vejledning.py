"""docs/api.md's Python example, as written, against a live test server: it must pull every follow-up of a
programme into a data frame. (Its R twin was run by hand against the demo; R is not part of the test machine.)"""

import re
from pathlib import Path

from konto.services import api_noegle_opret
from strategi.models import Opfoelgning
from tests.profiler.conftest import indlaes_referencedata
from tests.verden import byg_verden

VEJLEDNING = Path(__file__).parents[2] / "docs" / "api.md"


def test_the_guides_python_example_pulls_every_follow_up_of_a_programme(live_server, kommunedata, monkeypatch):
    # The flushes of earlier tests on committed data leave no indicator catalogue behind; the world needs one.
    indlaes_referencedata()
    verden = byg_verden()
    evaluator = verden.brugere["evaluator"]
    opfoelgning = Opfoelgning.objects.select_related("strategi__deltagelse").get(
        pk=verden.objekter["opfoelgning"]["pk"]
    )
    program = opfoelgning.strategi.deltagelse.program_id
    forventet = set(
        Opfoelgning.objects.filter(
            strategi__deltagelse__program=program, strategi__foerst_indsendt__isnull=False
        ).values_list("pk", flat=True)
    )
    kode = re.search(r"```python\n(.*?)```", VEJLEDNING.read_text(), re.S).group(1)
    assert '"program": 1' in kode
    kode = kode.replace('"program": 1', f'"program": {program}').replace('"antal": 1000', '"antal": 1')
    monkeypatch.setenv("FOREBYGGELSE_URL", live_server.url)
    monkeypatch.setenv("FOREBYGGELSE_NOEGLE", api_noegle_opret(bruger=evaluator, navn="vejledning", gyldig_dage=1)[1])
    navne: dict = {}
    exec(compile(kode, str(VEJLEDNING), "exec"), navne)
    tabel = navne["opfoelgninger"]
    assert set(tabel["id"]) == forventet and len(tabel) == len(forventet) >= 1
    assert {"kommune", "program", "maal", "dato", "vaerdi"} <= set(tabel.columns)
    assert set(tabel["program"]) == {program}
