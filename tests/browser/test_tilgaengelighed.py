"""axe-core in real Chromium over every page each role can reach (WCAG 2.1 AA: no serious or critical violation).

From each role's overview the crawl follows the links of the site breadth first, one page per URL pattern (a second
goal's page is the same template as the first), up to a bound; it leaves out logout, downloads (the routes in the
access matrix's HENTNINGER, and the charts' SVG files) and Django's admin. On each form page (a pattern that takes
both GET and POST, tests/test_adgangsmatrix.py) it also sends the form with every field emptied and checks the page
with its error messages. The world is tests/verden.py's; a municipal lead whose municipality takes part in nothing
shows the empty states (no applications, strategies, meetings or jobs), and the ministry reaches the new programme
that has none of them either.

The keyboard test: a municipal lead logs in and records a follow-up on a goal of their strategy with Tab, Shift+Tab,
Enter, Space and typing only, and the follow-up is saved.
"""

import importlib
from collections import deque
from datetime import date
from decimal import Decimal
from urllib.parse import urljoin, urlsplit

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from django.apps import apps
from django.urls import Resolver404, resolve

from kommuner.models import Rolle
from strategi.models import Maal, Opfoelgning
from tests.kommuner.factories import PASSWORD, BrugerFactory
from tests.test_adgangsmatrix import HENTNINGER, MATRIX
from tests.verden import byg_verden

MAKS_SIDER = 150
FORMULARSIDER = {route for route, _, metode in MATRIX if metode == "POST"} & {
    route for route, _, metode in MATRIX if metode == "GET"
}
UDELAD = HENTNINGER | {
    "profiler/<str:kode>/<int:aar>/graf/<str:indikator>.svg",
    "profiler/<str:kode>/<int:aar>/afvigelser.svg",
    "profiler/<str:kode>/<int:aar>/kort/<str:indikator>.svg",
    "konto/logout/",
}
# The page that ends a login is not a page to crawl from: it logs out.
UDELAD_FORMULARER = {"konto/session/udloebet/", "konto/logout/"}


@pytest.fixture
def axe_i_siderne(page):
    page.context.add_init_script(AXE_SCRIPT)


@pytest.fixture
def verden(page):
    """The access matrix's world, committed for the live server (the catalogue of indicators put back after the
    previous test's flush), and a lead of Odense, which takes part in nothing."""
    importlib.import_module("profiler.migrations.0002_indlaes_indikatorkatalog").indlaes(apps, None)
    verden = byg_verden()
    BrugerFactory(username="leder-461", rolle=Rolle.PROJEKTLEDER, kommuner=["461"])
    return verden


def _route(sti: str) -> str | None:
    try:
        return resolve(sti).route
    except Resolver404:
        return None


def _alvorlige(page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now (axe is in every page of the context,
    added by `axe_i_siderne`, rather than sent along with each run: that halves the crawl's time)."""
    overtraedelser = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [
        f"{urlsplit(page.url).path}: {v['id']} ({v['impact']}) {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in overtraedelser
        if v["impact"] in {"serious", "critical"}
    ]


EGEN_FORMULAR = """(sti) => [...document.querySelectorAll('main form[method="post" i]')].find(f => {
    const maal = new URL(f.action || location.href, location.href);
    return maal.pathname === sti && f.querySelector('button[type="submit"], button:not([type]), input[type="submit"]');
})"""


def _send_tom_formular(page) -> bool:
    """Empty every field of the page's own form (the one that posts back to the page) and send it without the
    browser's own checks, so the page comes back with the server's error messages. False when there is none."""
    sti = urlsplit(page.url).path
    if not page.evaluate(f"(sti) => Boolean(({EGEN_FORMULAR})(sti))", sti):
        return False
    with page.expect_navigation():
        page.evaluate(
            f"""(sti) => {{
                const formular = ({EGEN_FORMULAR})(sti);
                for (const felt of formular.querySelectorAll('input, textarea, select')) {{
                    if (['hidden', 'submit', 'button', 'file'].includes(felt.type)) continue;
                    if (felt.type === 'checkbox' || felt.type === 'radio') felt.checked = false;
                    else if (felt.tagName === 'SELECT') felt.selectedIndex = -1;
                    else felt.value = '';
                }}
                formular.noValidate = true;
                formular.querySelector('button[type="submit"], button:not([type]), input[type="submit"]').click();
            }}""",
            sti,
        )
    return True


def crawl(page, start: str = "/") -> tuple[list[str], list[str]]:
    """Visit one page per URL pattern reachable from `start`; returns (the pages checked, the violations)."""
    koe, set_ = deque([start]), set()
    besoegt, fejl = [], []
    oprindelse = urlsplit(page.url).netloc
    while koe and len(besoegt) < MAKS_SIDER:
        sti = koe.popleft()
        route = _route(urlsplit(sti).path)
        if route is None or route in set_ or route in UDELAD or route.startswith("admin/"):
            continue
        set_.add(route)
        svar = page.goto(sti)
        if svar is None or svar.status >= 500:
            fejl.append(f"{sti}: svar {svar.status if svar else 'intet'}")
            continue
        besoegt.append(sti)
        fejl += _alvorlige(page)
        for href in page.eval_on_selector_all("a[href]", "as => as.map(a => a.getAttribute('href'))"):
            adresse = urlsplit(urljoin(page.url, href))
            if adresse.netloc == oprindelse and adresse.scheme.startswith("http"):
                koe.append(adresse.path + (f"?{adresse.query}" if adresse.query else ""))
        if route in FORMULARSIDER and route not in UDELAD_FORMULARER and _send_tom_formular(page):
            fejlfelter = page.locator(".alert-error, .form-error").count()
            besoegt.append(f"{sti} (tom formular sendt: {fejlfelter} fejlfelter)")
            fejl += _alvorlige(page)
    return besoegt, fejl


@pytest.mark.parametrize(
    "rolle", ["egen_leder", "anden_leder", "evaluator", "styregruppe", "ministeriet", "uden_deltagelse", "anonym"]
)
def test_every_page_a_role_can_reach_passes_axe(page, log_ind, axe_i_siderne, verden, rolle, capsys):
    brugernavn = {"uden_deltagelse": "leder-461"}.get(rolle) or (
        verden.brugere[rolle].username if verden.brugere.get(rolle) else None
    )
    if brugernavn:
        log_ind(brugernavn)
        besoegt, fejl = crawl(page)
    else:
        # First the control: the check does find what it should.
        page.goto("/konto/login/")
        page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\\'/x.png\\'>')")
        assert any("image-alt (critical)" in f for f in _alvorlige(page))
        besoegt, fejl = crawl(page, "/konto/login/")
        for sti in ("/tilgaengelighedserklaering/", "/konto/nulstil-adgangskode/"):
            page.goto("/konto/login/")
            flere, mere = crawl(page, sti)
            besoegt, fejl = besoegt + flere, fejl + mere
    with capsys.disabled():
        print(f"\n{rolle}: {len(besoegt)} sider tjekket med axe-core", besoegt)
    assert not fejl, "\n".join(fejl)
    assert len(besoegt) >= (3 if rolle == "anonym" else 10), besoegt


def _tab_til(page, beskrivelse: str, maal: str, *, tilbage: bool = False, maks: int = 120) -> None:
    """Press Tab (or Shift+Tab) until the focused element matches `maal` (a CSS selector)."""
    for _ in range(maks):
        page.keyboard.press("Shift+Tab" if tilbage else "Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", maal):
            return
    raise AssertionError(f"Nåede ikke {beskrivelse} med tastaturet")


def _skriv_dato(page, felt: str, dag: date) -> None:
    """Type a date into the focused date field. Its segments come in the browser's order (day first in Danish,
    month first in the English of Debian's Chromium): type 01 02 and the year, read which became the month, go back
    two segments with Shift+Tab and type day and month in that order."""
    page.keyboard.type(f"0102{dag.year}")
    maaned_foerst = page.eval_on_selector(felt, "e => e.value") == f"{dag.year}-01-02"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.type(f"{dag:%m%d}" if maaned_foerst else f"{dag:%d%m}")
    assert page.eval_on_selector(felt, "e => e.value") == dag.isoformat()


def test_a_lead_records_a_follow_up_with_the_keyboard_alone(page, verden):
    leder = verden.brugere["egen_leder"]
    maal = Maal.objects.get(pk=verden.objekter["maal"]["pk"])
    foer = Opfoelgning.objects.filter(maal=maal).count()

    page.goto("/konto/login/")
    _tab_til(page, "brugernavnet", "input[name=username]")
    page.keyboard.type(leder.username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlsplit(url).path == "/")

    # From the overview to the strategy, to its goals, to the goal.
    _tab_til(page, "strategien på forsiden", f"a[href='/strategier/{maal.strategi_id}/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/strategier/{maal.strategi_id}/")
    _tab_til(page, "målet", f"a[href='/maal/{maal.pk}/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/maal/{maal.pk}/")
    _tab_til(page, "Registrér opfølgning", f"a[href='/maal/{maal.pk}/opfoelgninger/ny/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/maal/{maal.pk}/opfoelgninger/ny/")

    # The form: the value typed the Danish way, the date in the date field's segments.
    _tab_til(page, "datoen", "#id_dato")
    _skriv_dato(page, "#id_dato", date(2012, 6, 30))
    _tab_til(page, "værdien", "#id_vaerdi")
    page.keyboard.type("55,5")
    _tab_til(page, "kommentaren", "#id_kommentar")
    page.keyboard.type("Målt med tastaturet.")
    # One step back and forth again shows Shift+Tab works on the form too.
    _tab_til(page, "værdien", "#id_vaerdi", tilbage=True)
    _tab_til(page, "knappen", "main form button[type=submit], main form button:not([type])")
    page.keyboard.press("Space")
    page.wait_for_url(f"**/maal/{maal.pk}/")

    ny = Opfoelgning.objects.filter(maal=maal).latest("pk")
    assert Opfoelgning.objects.filter(maal=maal).count() == foer + 1
    assert (ny.dato, ny.vaerdi, ny.kommentar) == (date(2012, 6, 30), Decimal("55.5"), "Målt med tastaturet.")
