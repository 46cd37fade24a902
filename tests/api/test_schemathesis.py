"""The API against its own description, as an outside tool sees it: schemathesis reads /api/v1/schema/ from a live
test server and sends generated requests to every operation (a fixed number per operation, the same every run),
with the evaluator's key, a lead's key and no key. Every answer must be described by the schema (status code,
content type, body) and none may be a server error.

Generated ids rarely hit a real object, so every operation is also called with the ids of the world's objects
(tests/verden.py: two municipalities' applications, strategies, meetings and deliveries) and those answers are
checked against the schema the same way."""

import re

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

from konto.api import NoegleBegraensning
from konto.services import api_noegle_opret
from tests.profiler.conftest import indlaes_referencedata
from tests.verden import byg_verden

EKSEMPLER_PR_OPERATION = 25
# Every check schemathesis has, but one: "a request the schema allows is accepted". A filter value must name a
# programme, municipality or indicator that exists, and an unknown one is 400 by design (the rule: a typo in
# a script is caught, not answered with an empty list); a schema cannot say which ids exist.


@pytest.fixture
def verden(kommunedata, monkeypatch):
    # The rate limit is a test of its own (tests/konto); here it would only slow the run down.
    monkeypatch.setattr(NoegleBegraensning, "rate", "100000/min", raising=False)
    # The flushes of earlier tests on committed data leave no indicator catalogue behind; the world needs one.
    indlaes_referencedata()
    return byg_verden()


def _noegle(bruger) -> dict:
    return {"Authorization": f"Bearer {api_noegle_opret(bruger=bruger, navn='schemathesis', gyldig_dage=1)[1]}"}


def _kald(operation, case, headers):
    svar = case.call(headers=headers)
    assert svar.status_code < 500, f"{case.method} {case.formatted_path} {case.query}: {svar.status_code}"
    case.validate_response(svar, headers=headers, excluded_checks=[positive_data_acceptance])
    return svar


def _generer(operation, headers) -> int:
    antal = 0

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EKSEMPLER_PR_OPERATION,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def koer(case):
        nonlocal antal
        _kald(operation, case, headers)
        antal += 1

    koer()
    return antal


def test_every_operation_answers_as_described_for_every_kind_of_caller(live_server, verden, capsys):
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/schema/")
    kaldere = {
        "evaluator": _noegle(verden.brugere["evaluator"]),
        "egen_leder": _noegle(verden.brugere["egen_leder"]),
        "uden nøgle": {},
    }
    operationer = [resultat.ok() for resultat in schema.get_all_operations()]
    assert len(operationer) >= 10
    kaldt = 0
    for headers in kaldere.values():
        for operation in operationer:
            kaldt += _generer(operation, headers)
    # And with real objects: every list, then the details of the first rows each list gave.
    headers = kaldere["evaluator"]
    lister = {op.path: _kald(op, op.Case(), headers).json() for op in operationer if "{" not in op.path}
    detaljer = 0
    for operation in operationer:
        if "{" in operation.path:
            liste, parameter = re.fullmatch(r"(.*/)\{(\w+)\}/", operation.path).groups()
            for raekke in lister[liste].get("results", [])[:3]:
                svar = _kald(operation, operation.Case(path_parameters={parameter: raekke[parameter]}), headers)
                assert svar.status_code == 200, operation.path
                detaljer += 1
    assert detaljer >= len([op for op in operationer if "{" in op.path])
    with capsys.disabled():
        tal = f"{len(operationer)} operationer, {kaldt} genererede og {detaljer} rigtige opslag"
        print(f"\nschemathesis: {tal}, 0 fejl")
