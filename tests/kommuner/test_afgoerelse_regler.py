"""The decision's rules one by one, as plain functions: no database, no form."""

from kommuner.models import AnsoegningStatus
from kommuner.services.bevillinger import (
    BEGRUNDELSE_MANGLER,
    BEVILLING_IALT_NUL,
    beloeb_mangler,
    tjek_aarets_bevilling,
    tjek_begrundelse,
    tjek_bevilling_i_alt,
    tjek_budget,
    tjek_indsendt,
    tjek_intet_forbrug,
    tjek_programmets_aar,
)


def test_only_a_submitted_application_can_be_decided():
    assert tjek_indsendt(AnsoegningStatus.INDSENDT) is None
    for status in (AnsoegningStatus.KLADDE, AnsoegningStatus.SENDT_TILBAGE):
        assert "kun træffes afgørelse om en indsendt" in tjek_indsendt(status)


def test_a_decision_needs_a_reason_that_is_more_than_spaces():
    assert tjek_begrundelse("Et gennemarbejdet projekt.") is None
    assert tjek_begrundelse("") == BEGRUNDELSE_MANGLER
    assert tjek_begrundelse("  \n ") == BEGRUNDELSE_MANGLER


def test_a_grant_for_a_year_outside_the_programme_names_the_years_in_order():
    assert tjek_programmets_aar({2011: 1, 2012: 1}, [2011, 2012]) is None
    assert tjek_programmets_aar({}, [2011, 2012]) is None
    assert tjek_programmets_aar({2015: 1, 2011: 1, 2009: 1}, [2011, 2012]) == "Programmet løber ikke i 2009, 2015."


def test_a_years_grant_must_be_given_not_negative_and_not_below_what_is_spent():
    assert tjek_aarets_bevilling(2011, None, None) == beloeb_mangler(2011)
    assert tjek_aarets_bevilling(2011, -1, None) == "Beløbet kan ikke være negativt."
    assert tjek_aarets_bevilling(2011, 0, None) is None
    assert tjek_aarets_bevilling(2011, 100_000, 100_000) is None
    assert tjek_aarets_bevilling(2011, 99_999, 100_000) == (
        "Kommunen har allerede brugt 100.000 kr. i 2011; bevillingen kan ikke være mindre."
    )
    # A negative amount is reported as negative, not as below the spending.
    assert tjek_aarets_bevilling(2011, -1, 5) == "Beløbet kan ikke være negativt."


def test_a_selected_municipality_gets_more_than_nothing_once_every_year_has_an_amount():
    assert tjek_bevilling_i_alt({2011: 0, 2012: 0}, [2011, 2012]) == BEVILLING_IALT_NUL
    assert tjek_bevilling_i_alt({2011: 0, 2012: 1}, [2011, 2012]) is None
    # A year without an amount has its own message; the total is not judged yet.
    assert tjek_bevilling_i_alt({2011: 0}, [2011, 2012]) is None


def test_the_grant_must_fit_in_what_is_left_of_the_budget_after_the_other_participants():
    assert tjek_budget(3_000_000, 8_000_000, 5_000_000) is None
    assert tjek_budget(3_000_001, 8_000_000, 5_000_000) == (
        "Bevillingen på 3.000.001 kr. i alt er mere, end der er tilbage af programmets budget: 3.000.000 kr. af "
        "8.000.000 kr., når de andre deltageres bevillinger er trukket fra."
    )
    # Others granted more than the budget (it was lowered): nothing is left, never a negative remainder.
    assert "tilbage af programmets budget: 0 kr. af 1.000 kr." in tjek_budget(1, 1_000, 2_000)
    assert tjek_budget(0, 1_000, 2_000) is None


def test_a_participation_with_spending_cannot_be_removed():
    assert tjek_intet_forbrug([]) is None
    assert tjek_intet_forbrug([None, 0]) is None
    assert "allerede registreret forbrug" in tjek_intet_forbrug([None, 1])
