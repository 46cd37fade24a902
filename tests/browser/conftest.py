"""Browser tests: Python Playwright drives Debian's Chromium (/usr/bin/chromium) against the live server."""

import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from tests.kommuner.factories import PASSWORD

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without these, Chromium keeps trying to reach Google's services, which this closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in this thread; the ORM calls in the tests are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium mangler ({CHROMIUM}): kør `make system-deps`.")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, kommunedata):
    context = browser.new_context(base_url=live_server.url, locale="da-DK", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    fejl: list[str] = []
    page.on("console", lambda msg: fejl.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: fejl.append(str(exc)))
    page.console_fejl = fejl
    yield page
    context.close()


@pytest.fixture
def log_ind(page):
    def log_ind(username, password=PASSWORD):
        page.goto("/konto/login/")
        page.get_by_label("Brugernavn").fill(username)
        page.get_by_label("Adgangskode").fill(password)
        page.get_by_role("button", name="Log ind").click()
        page.wait_for_load_state()

    return log_ind


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture
def tilgaengelig(axe):
    """Asserts that axe-core finds no serious or critical violation on the page as it is now."""

    def check(page):
        results = axe.run(page)
        alvorlige = [v for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]
        beskrivelser = [
            f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}" for v in alvorlige
        ]
        assert not alvorlige, f"{page.url}: " + "; ".join(beskrivelser)
        return results

    return check
