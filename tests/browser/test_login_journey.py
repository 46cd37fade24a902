import pytest
from playwright.sync_api import expect

from forebyggelse.roller import Rolle
from tests.kommuner.factories import BrugerFactory

ROLLER = [
    ("ministeriet", Rolle.MINISTERIET, [], "Ministeriets overblik"),
    ("evaluator", Rolle.EVALUATOR, [], "Evaluatorens overblik"),
    ("styregruppe", Rolle.STYREGRUPPE, [], "Styregruppens overblik"),
    ("projektleder-101", Rolle.PROJEKTLEDER, ["101"], "Københavns Kommune"),
    ("projektleder-147", Rolle.PROJEKTLEDER, ["147"], "Frederiksberg Kommune"),
]


def test_login_page_is_danish_styled_and_accessible(page, tilgaengelig):
    page.goto("/")
    expect(page).to_have_url("/konto/login/?next=/")
    assert page.locator("html").get_attribute("lang") == "da"
    expect(page.get_by_role("heading", level=1)).to_have_text("Log ind")
    # The design system's stylesheet is loaded: DKFDS sets its own font on the body.
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "IBM Plex Sans" in font
    tilgaengelig(page)
    assert page.console_fejl == []


def test_wrong_password_shows_error_summary_above_heading_and_keeps_username(page, log_ind, tilgaengelig):
    BrugerFactory(username="ministeriet", rolle=Rolle.MINISTERIET)
    log_ind("ministeriet", "forkert")
    fejl = page.get_by_role("alert")
    expect(fejl).to_contain_text("Forkert brugernavn eller adgangskode")
    # The error summary comes before the page heading, as the design system prescribes.
    assert page.evaluate(
        "document.querySelector('[role=alert]').compareDocumentPosition(document.querySelector('h1'))"
        " & Node.DOCUMENT_POSITION_FOLLOWING"
    )
    expect(page.get_by_label("Brugernavn")).to_have_value("ministeriet")
    tilgaengelig(page)


@pytest.mark.parametrize(("username", "rolle", "kommuner", "overskrift"), ROLLER, ids=[r[0] for r in ROLLER])
def test_each_role_logs_in_sees_its_overview_and_logs_out(
    page, log_ind, tilgaengelig, username, rolle, kommuner, overskrift
):
    bruger = BrugerFactory(username=username, rolle=rolle, kommuner=kommuner)
    log_ind(username)
    expect(page.get_by_role("heading", level=1)).to_have_text(overskrift)
    expect(page.locator("header")).to_contain_text(bruger.get_full_name())
    expect(page.locator("header")).to_contain_text(rolle.label)
    tilgaengelig(page)
    assert page.console_fejl == []

    page.get_by_role("button", name="Log af").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Du er logget ud")
    page.goto("/")
    expect(page).to_have_url("/konto/login/?next=/")
