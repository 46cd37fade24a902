"""The annual review's rules one by one, as plain functions: no database, no form."""

from datetime import date
from itertools import combinations

import pytest

from strategi.models import forfaldent_gennemgangsaar
from strategi.services.gennemgang import tjek_gennemgangsaar, tjek_konklusion, tjek_samme_handlinger, tjek_slutdato


def test_a_review_is_for_a_programme_year_not_yet_reviewed():
    assert tjek_gennemgangsaar(2013, [2011, 2012, 2013], {2011}, 2026) is None
    assert tjek_gennemgangsaar(2014, [2011, 2012, 2013], set(), 2026) == (
        "Gennemgangen skal gælde et af programmets år (2011–2013)."
    )
    assert tjek_gennemgangsaar(2011, [2011, 2012, 2013], {2011}, 2026) == "Strategien er allerede gennemgået for 2011."
    # A year outside the programme is reported as such, even if (somehow) reviewed.
    assert "programmets år" in tjek_gennemgangsaar(2010, [2011], {2010}, 2026)


def test_a_review_needs_a_conclusion_that_is_more_than_spaces():
    assert tjek_konklusion("Vi fortsætter.") is None
    assert tjek_konklusion(" \n") == "Skriv, hvad gennemgangen viste, og hvad der ændres."


def test_the_review_must_cover_exactly_the_actions_the_plan_has_now():
    assert tjek_samme_handlinger({1, 2}, {2, 1}) is None
    for gennemgaaede in ({1}, {1, 2, 3}, {1, 3}):
        assert tjek_samme_handlinger(gennemgaaede, {1, 2}) == (
            "Handleplanen er ændret, mens du arbejdede. Hent gennemgangen igen."
        )


def test_an_end_date_may_be_the_start_date_but_not_before():
    assert tjek_slutdato(date(2012, 1, 1), date(2012, 1, 1)) is None
    assert tjek_slutdato(date(2011, 12, 31), date(2012, 1, 1)) == "Slutdatoen kan ikke ligge før startdatoen."


PROGRAMMETS_AAR = [2011, 2012, 2013]


@pytest.mark.parametrize("i_aar", [2010, 2011, 2012, 2013, 2026])
@pytest.mark.parametrize(
    "gennemgaaede", [set(c) for n in range(4) for c in combinations(PROGRAMMETS_AAR, n)], ids=lambda g: str(sorted(g))
)
def test_the_review_is_only_ever_for_the_year_that_is_due(gennemgaaede, i_aar):
    """Whatever has been reviewed and whatever year it is: exactly one year is allowed (or none), it comes after
    every year reviewed (never an earlier year after a later one), and it is the year in progress (the programme's
    last, once the programme is over)."""
    forfaldent = forfaldent_gennemgangsaar(PROGRAMMETS_AAR, gennemgaaede, i_aar)
    tilladte = [a for a in PROGRAMMETS_AAR if tjek_gennemgangsaar(a, PROGRAMMETS_AAR, gennemgaaede, i_aar) is None]
    assert tilladte == ([forfaldent] if forfaldent else [])
    if forfaldent:
        assert forfaldent > max(gennemgaaede, default=0) and forfaldent <= i_aar
        assert forfaldent == min(i_aar, PROGRAMMETS_AAR[-1])
