"""In Chromium: the idle warning (timings shortened through settings, so the test waits seconds, not minutes),
and setting up two-factor login and logging in with a code."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from forebyggelse.roller import Rolle
from tests.kommuner.factories import BrugerFactory
from tests.konto.factories import kode


@pytest.fixture
def korte_sessioner(settings):
    """Idle logout after 12 seconds, warning 8 seconds before: the dialog opens about 4 seconds after a page."""
    settings.SESSION_COOKIE_AGE = 12
    settings.SESSION_ADVARSEL_SEKUNDER = 8


def dialogen(page):
    return page.get_by_role("dialog", name="Du bliver snart logget ud")


def test_idle_warning_lets_the_user_stay_and_logs_out_when_ignored(page, log_ind, tilgaengelig, korte_sessioner):
    BrugerFactory(username="projektleder-101", rolle=Rolle.PROJEKTLEDER, kommuner=["101"])
    log_ind("projektleder-101")
    expect(page.get_by_role("heading", level=1)).to_have_text("Københavns Kommune")
    menu = page.get_by_role("link", name="Programmer").first
    menu.focus()

    # The warning opens by itself, takes the focus, says when, and shuts the rest of the page off.
    dialog = dialogen(page)
    expect(dialog).to_be_visible(timeout=8_000)
    knap = dialog.get_by_role("button", name="Bliv logget ind")
    expect(knap).to_be_focused()
    expect(dialog).to_contain_text(re.compile(r"logger vi dig ud\s+kl\. \d\d\.\d\d, om under et minut"))
    assert page.locator("#session-advarsel").get_attribute("aria-describedby") == "session-inaktiv-tekst"
    assert page.locator("header").get_attribute("inert") is not None
    tilgaengelig(page)

    # Enter on the focused button keeps the session: the dialog closes, focus returns, the server agrees.
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(menu).to_be_focused()
    assert page.locator("header").get_attribute("inert") is None

    # Escape stays too.
    expect(dialog).to_be_visible(timeout=8_000)
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    page.wait_for_timeout(9_000)  # past the idle time before Escape: only the extension keeps the session alive
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Københavns Kommune")

    # Ignored, the warning logs out when the time is up and says why.
    expect(dialog).to_be_visible(timeout=8_000)
    expect(page.get_by_role("heading", level=1)).to_have_text("Du er logget ud", timeout=15_000)
    expect(page).to_have_url("/konto/session/udloebet/?next=%2F")
    tilgaengelig(page)
    page.get_by_role("link", name="Log ind igen").click()
    expect(page).to_have_url("/konto/login/?next=/")
    assert page.console_fejl == []


def test_the_warning_stays_shut_while_another_tab_is_active(page, log_ind, settings):
    # Alone, this tab would warn 10 seconds after its page loaded; the other tab keeps working for 12.
    settings.SESSION_COOKIE_AGE = 20
    settings.SESSION_ADVARSEL_SEKUNDER = 10
    BrugerFactory(username="projektleder-101", rolle=Rolle.PROJEKTLEDER, kommuner=["101"])
    log_ind("projektleder-101")
    anden = page.context.new_page()
    for _ in range(6):
        page.wait_for_timeout(2_000)
        anden.goto("/kommuner/101/")
    expect(dialogen(page)).to_be_hidden()
    anden.close()
    expect(dialogen(page)).to_be_visible(timeout=12_000)


def test_set_up_two_factor_login_and_log_in_with_a_code(page, log_ind, tilgaengelig):
    BrugerFactory(username="projektleder-147", rolle=Rolle.PROJEKTLEDER, kommuner=["147"])
    log_ind("projektleder-147")
    page.get_by_role("link", name="Min konto").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Min konto")
    tilgaengelig(page)
    page.get_by_role("link", name="Slå tofaktor-login til").click()
    page.get_by_role("button", name="Start opsætningen").click()

    qr = page.get_by_role("img", name=re.compile("QR-kode til godkendelses-appen"))
    expect(qr).to_be_visible()
    assert page.evaluate("document.querySelector('.tofaktor-qr').naturalWidth") > 100
    tilgaengelig(page)
    page.get_by_label("Kode").fill("000000")
    page.get_by_role("button", name="Bekræft").click()
    expect(page.get_by_role("alert").first).to_contain_text("Koden passer ikke")
    tilgaengelig(page)

    enhed = TOTPDevice.objects.get(user__username="projektleder-147")
    page.wait_for_timeout(1_100)  # django-otp lets the next try come a second after a wrong code
    page.get_by_label("Kode").fill(kode(enhed))
    page.get_by_role("button", name="Bekræft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Backupkoder")
    expect(page.get_by_role("list", name="Dine nye backupkoder").get_by_role("listitem")).to_have_count(10)
    tilgaengelig(page)

    page.get_by_role("button", name="Log af").first.click()
    log_ind("projektleder-147")
    expect(page.get_by_role("heading", level=1)).to_have_text("Skriv din kode")
    tilgaengelig(page)
    enhed.refresh_from_db()
    page.get_by_label("Kode").fill(kode(enhed, skridt=1))
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Frederiksberg Kommune")
    assert page.console_fejl == []


def test_accessibility_statement_is_linked_in_the_footer_and_open_to_all(page, tilgaengelig):
    page.goto("/konto/login/")
    page.get_by_role("contentinfo").get_by_role("link", name="Tilgængelighedserklæring").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tilgængelighedserklæring for Forebyggelsesportalen")
    tilgaengelig(page)
