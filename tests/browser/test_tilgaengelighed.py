"""axe-core in real Chromium over every page each role can reach (WCAG 2.1 AA: no serious or critical violation).

From each role's overview the crawl follows the links of the site breadth first, one page per URL pattern (a second
goal's page is the same template as the first), up to a bound; it leaves out logout, downloads (the routes in the
access matrix's HENTNINGER, and the charts' SVG files) and Django's admin. On each form page (a pattern that takes
both GET and POST, tests/test_adgangsmatrix.py) it also sends the form with every field emptied and checks the page
with its error messages. The world is tests/verden.py's; a municipal lead whose municipality takes part in nothing
shows the empty states (no applications, strategies, meetings or jobs), and the ministry reaches the new programme
that has none of them either.

The crawl also keeps each page's HTML as the server sent it. After the roles' crawls, the Nu Html Checker (vnu.jar from
npm's vnu-jar, `make install`) checks all of them in one run, and every form on them must have a submit button.

The keyboard test: a municipal lead logs in and records a follow-up on a goal of their strategy with Tab, Shift+Tab,
Enter, Space and typing only, and the follow-up is saved.
"""

import importlib
import json
import re
import subprocess
import time
from collections import deque
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from django.apps import apps
from django.urls import Resolver404, resolve

from forebyggelse.roller import Rolle
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
    # "Log ind med MitID Erhverv" leaves the portal for NemLog-in (the test settings' IdP has no server).
    "saml2/login/",
}
# The page that ends a login is not a page to crawl from: it logs out.
UDELAD_FORMULARER = {"konto/session/udloebet/", "konto/logout/"}
ROLLER = ["egen_leder", "anden_leder", "evaluator", "styregruppe", "ministeriet", "uden_deltagelse", "anonym"]
VNU_JAR = Path(__file__).resolve().parents[2] / "node_modules/vnu-jar/build/dist/vnu.jar"
# A stack above Java's default 1 MB, which vnu's schema check comes close to (it overflows with the quick compiler
# alone); and only the quick compiler, which for one short run over a few hundred pages halves the CPU time.
VNU = ["java", "-Xss4m", "-XX:TieredStopAtLevel=1", "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]


class HtmlSider:
    """The HTML of every page the roles' crawls received, one file each, for the checks after them."""

    def __init__(self, mappe: Path):
        self.mappe = mappe
        self.adresser: dict[str, str] = {}  # file name → "role path"
        self.roller: set[str] = set()

    def gem(self, rolle: str, sti: str, svar) -> None:
        if not svar.headers.get("content-type", "").startswith("text/html"):
            return
        navn = f"{len(self.adresser):04d}.html"
        (self.mappe / navn).write_bytes(svar.body())
        self.adresser[navn] = f"{rolle} {sti}"
        self.roller.add(rolle)

    def filer(self) -> list[Path]:
        assert self.roller == set(ROLLER), (
            f"Crawlet har kun gemt sider for {sorted(self.roller)}: tjekket skal køre sammen med alle rollers crawl "
            "(kør hele test_tilgaengelighed.py)."
        )
        return [self.mappe / navn for navn in self.adresser]


@pytest.fixture(scope="session")
def html_sider(tmp_path_factory) -> HtmlSider:
    # For the whole session: pytest-django runs the checks, which use no database, after every test that does, so
    # in a run of the whole suite they come last, long after this module's other tests.
    return HtmlSider(tmp_path_factory.mktemp("html"))


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


def _send_tom_formular(page):
    """Empty every field of the page's own form (the one that posts back to the page) and send it without the
    browser's own checks, so the page comes back with the server's error messages. Returns the response to that, or
    None when the page has no such form."""
    sti = urlsplit(page.url).path
    if not page.evaluate(f"(sti) => Boolean(({EGEN_FORMULAR})(sti))", sti):
        return None
    with page.expect_navigation() as navigation:
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
    return navigation.value


def crawl(page, start: str = "/", gem: Callable = lambda sti, svar: None) -> tuple[list[str], list[str]]:
    """Visit one page per URL pattern reachable from `start`, handing each response to `gem`; returns (the pages
    checked, the violations)."""
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
        gem(sti, svar)
        fejl += _alvorlige(page)
        for href in page.eval_on_selector_all("a[href]", "as => as.map(a => a.getAttribute('href'))"):
            adresse = urlsplit(urljoin(page.url, href))
            if adresse.netloc == oprindelse and adresse.scheme.startswith("http"):
                koe.append(adresse.path + (f"?{adresse.query}" if adresse.query else ""))
        if route in FORMULARSIDER and route not in UDELAD_FORMULARER and (svar := _send_tom_formular(page)):
            fejlfelter = page.locator(".alert-error, .form-error").count()
            besoegt.append(f"{sti} (tom formular sendt: {fejlfelter} fejlfelter)")
            gem(f"{sti} (tom formular sendt)", svar)
            fejl += _alvorlige(page)
    return besoegt, fejl


@pytest.mark.parametrize("rolle", ROLLER)
def test_every_page_a_role_can_reach_passes_axe(page, log_ind, axe_i_siderne, verden, html_sider, rolle, capsys):
    def gem(sti, svar):
        html_sider.gem(rolle, sti, svar)

    brugernavn = {"uden_deltagelse": "leder-461"}.get(rolle) or (
        verden.brugere[rolle].username if verden.brugere.get(rolle) else None
    )
    if brugernavn:
        log_ind(brugernavn)
        besoegt, fejl = crawl(page, gem=gem)
    else:
        # First the control: the check does find what it should.
        page.goto("/konto/login/")
        page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\\'/x.png\\'>')")
        assert any("image-alt (critical)" in f for f in _alvorlige(page))
        besoegt, fejl = crawl(page, "/konto/login/", gem)
        for sti in ("/tilgaengelighedserklaering/", "/konto/nulstil-adgangskode/"):
            page.goto("/konto/login/")
            flere, mere = crawl(page, sti, gem)
            besoegt, fejl = besoegt + flere, fejl + mere
    with capsys.disabled():
        print(f"\n{rolle}: {len(besoegt)} sider tjekket med axe-core", besoegt)
    assert not fejl, "\n".join(fejl)
    assert len(besoegt) >= (3 if rolle == "anonym" else 10), besoegt


def vnu_fejl(filer: list[Path]) -> list[dict]:
    """The Nu Html Checker's errors in the files, from one run of vnu.jar (one JVM start for all of them)."""
    if not VNU_JAR.exists():
        pytest.fail(f"Nu Html Checker mangler ({VNU_JAR}): kør `make install` (npm-pakken vnu-jar og Java).")
    koersel = subprocess.run([*VNU, *map(str, filer)], capture_output=True, text=True, check=False)
    # vnu writes its report to stderr, and exits 1 when it found errors.
    try:
        return json.loads(koersel.stderr)["messages"]
    except json.JSONDecodeError:
        pytest.fail(f"Nu Html Checker gav ingen rapport (kode {koersel.returncode}): {koersel.stderr[:2000]}")


def test_every_crawled_page_is_valid_html(html_sider, tmp_path, capsys):
    filer = html_sider.filer()
    # The control, in the same run: the checker does find what it should.
    kontrol = tmp_path / "kontrol.html"
    kontrol.write_text('<!DOCTYPE html><html lang="da"><title>K</title><p id="a"></p><p id="a"></p></html>')
    start = time.monotonic()
    fejl = vnu_fejl([kontrol, *filer])
    sekunder = time.monotonic() - start
    assert [f["message"] for f in fejl if f["url"].endswith("/kontrol.html")] == ["Duplicate ID “a”."]
    fejl = [f for f in fejl if not f["url"].endswith("/kontrol.html")]
    with capsys.disabled():
        print(f"\nNu Html Checker: {len(filer)} sider tjekket på {sekunder:.1f} s, {len(fejl)} fejl")
    assert not fejl, "\n".join(
        f"{html_sider.adresser[Path(urlsplit(f['url']).path).name]}, linje {f.get('lastLine')}: {f['message']} "
        f"– {_udpeget(f)}"
        for f in fejl
    )


def _udpeget(fejl: dict) -> str:
    """The piece of the page's HTML that vnu points to."""
    start, laengde = fejl.get("hiliteStart", 0), fejl.get("hiliteLength")
    return " ".join(fejl.get("extract", "")[start : start + laengde if laengde else None].split())


def _sender(tag: str, type_: str) -> bool:
    if tag == "button":
        return type_ not in {"button", "reset"}
    return tag == "input" and type_ in {"submit", "image"}


class _Formularer(HTMLParser):
    """Each <form> of a page and whether it has a submit button: a <button> whose type is not button or reset, or an
    <input> of type submit or image, inside it, or anywhere naming it with form="…"."""

    def __init__(self):
        super().__init__()
        self.formularer: list[dict] = []
        self.knapper_til: set[str] = set()  # the ids that a submit button names with form="…"
        self._aaben: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._aaben = {"id": attrs.get("id"), "linje": self.getpos()[0], "knap": False}
            self.formularer.append(self._aaben)
        elif _sender(tag, (attrs.get("type") or "").lower()):
            if "form" in attrs:
                self.knapper_til.add(attrs["form"])
            elif self._aaben:
                self._aaben["knap"] = True

    def handle_endtag(self, tag):
        if tag == "form":
            self._aaben = None


def formularer_uden_knap(html: str) -> list[int]:
    """The lines of the forms in `html` that have no submit button."""
    parser = _Formularer()
    parser.feed(html)
    return [f["linje"] for f in parser.formularer if not f["knap"] and f["id"] not in parser.knapper_til]


def test_every_form_on_the_crawled_pages_has_a_submit_button(html_sider):
    """A form without a submit button cannot be sent without a script, and checkers (pa11y's H32.2) report it."""
    # The control: the forms on lines 1 and 4 lack one.
    kontrol = """<form hidden><input type="hidden" name="next"><button type="button">Nej</button></form>
        <form><button>Ja</button></form><form><input type="image" alt="Send" src="/x.png"></form>
        <button type="submit" form="f">Send</button><form id="f"></form>
        <form><button type="submit" form="f">Send den anden</button></form>"""
    assert formularer_uden_knap(kontrol) == [1, 4]
    uden = [
        f"{html_sider.adresser[fil.name]}: formularen på linje {linje}"
        for fil in html_sider.filer()
        for linje in formularer_uden_knap(fil.read_text())
    ]
    assert not uden, "\n".join(uden)


def test_no_crawled_page_shows_template_syntax(html_sider):
    """A template tag or comment printed as text ({# … #} over two lines is one) is a page the user cannot read."""
    fundne = [
        f"{html_sider.adresser[fil.name]}: {match.group(0)[:60]!r}"
        for fil in html_sider.filer()
        for match in re.finditer(r"\{[#%{].{0,60}", fil.read_text())
    ]
    assert not fundne, "\n".join(fundne[:20])


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
