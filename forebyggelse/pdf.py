"""The one way to make a PDF: render a template that extends pdf/base.html with WeasyPrint and the print stylesheet
(static/pdf/pdf.css, parsed once per thread).

Every PDF is stamped with when and by whom it was made, and fetches nothing but the app's own static
files and the images the caller made (charts): no network, no user-supplied URLs.

Every PDF is accessible (PDF/UA-1: tagged, with the document's title shown and its language, Danish, declared; charts
are images with their alt text; every header cell's scope is in the structure tree), gets a contents list with page
numbers when it has three or more sections, and is reproducible: the same HTML gives the same bytes (no clock in the
metadata, a document ID made from the content). A report that should be the same for unchanged data is stamped with
the time its data last changed instead of the clock (docs/decisions/0044).
"""

import io
import re
import threading
from datetime import datetime
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlparse

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from fontTools.ttLib import TTFont
from weasyprint import CSS, HTML
from weasyprint.formatting_structure.boxes import ParentBox
from weasyprint.layout.absolute import AbsolutePlaceholder
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from forebyggelse import dannede, formatering

BASE_URL = "https://forebyggelsesportalen.invalid/"
# What the stamp says the time is, for a report stamped with the state of its data (`datastand()`).
DATA_PR = "data pr."


BILLEDER = f"{BASE_URL}billeder/"
STILARK = f"{BASE_URL}static/pdf/pdf.css"
BILLEDTYPER = {".svg": "image/svg+xml", ".png": "image/png"}
# PDF/UA-1: the tagged structure, the title shown instead of the file name, the language from <html lang="da">.
PDF_VARIANT = "pdf/ua-1"


class StatiskeFiler(URLFetcher):
    """Serves /static/... from the app's static folders and billeder/<navn> from the images the caller made
    (charts); refuses every other URL."""

    def __init__(self, billeder: dict[str, bytes] | None = None, **kwargs):
        super().__init__(**kwargs)
        self.billeder = billeder or {}

    def fetch(self, url, headers=None):
        if url.startswith(BILLEDER) and url.removeprefix(BILLEDER) in self.billeder:
            navn = url.removeprefix(BILLEDER)
            indholdstype = BILLEDTYPER.get(Path(navn).suffix, "application/octet-stream")
            return URLFetcherResponse(url, self.billeder[navn], headers={"Content-Type": indholdstype})
        if url.startswith(f"{BASE_URL}static/"):
            sti = finders.find(url.removeprefix(f"{BASE_URL}static/").split("?")[0])
            if sti:
                return self._fil(Path(sti).resolve(), headers)
        # The stylesheets are fetched as file:// URLs (above), so what they point at (fonts) comes here too.
        if url.startswith("file://") and _er_statisk_fil(sti := Path(unquote(urlparse(url).path))):
            return self._fil(sti.resolve(), headers)
        raise ValueError(f"PDF'en må kun hente appens egne filer: {url}")

    def _fil(self, sti: Path, headers):
        if sti.suffix == ".woff":
            return URLFetcherResponse(sti.as_uri(), _ttf(str(sti)), headers={"Content-Type": "font/ttf"})
        # The base class opens the file:// URL through `fetch` again, which lets it through (above).
        return super().fetch(sti.as_uri(), headers)


@cache
def _ttf(sti: str) -> bytes:
    """A WOFF font as TrueType, decoded once per process. WeasyPrint would decode it itself, stamping the font with
    the current time, which would make every PDF's embedded fonts (and so its bytes) differ."""
    font = TTFont(sti, recalcTimestamp=False)
    font.flavor = None
    ud = io.BytesIO()
    font.save(ud)
    return ud.getvalue()


def _er_statisk_fil(sti: Path) -> bool:
    sti = sti.resolve()
    return any(sti.is_relative_to(Path(rod).resolve()) for rod in settings.STATICFILES_DIRS)


# A contents list is worth its space from this many sections.
MINDST_AFSNIT_TIL_INDHOLD = 3
_H2 = re.compile(r"<h2(?P<attr>[^>]*)>(?P<tekst>.*?)</h2>", re.S)
_ID = re.compile(r'\bid="([^"]+)"')


def med_indholdsfortegnelse(html: str) -> str:
    """Put a contents list (the sections' headings with their page numbers) before the first section, when there
    are enough sections. Headings without an id get one, so the list can point at them."""
    overskrifter = list(_H2.finditer(html))
    if len(overskrifter) < MINDST_AFSNIT_TIL_INDHOLD:
        return html
    punkter, dele, forrige = [], [], 0
    for nr, match in enumerate(overskrifter, start=1):
        attr = match["attr"]
        fundet = _ID.search(attr)
        ident = fundet.group(1) if fundet else f"pdf-afsnit-{nr}"
        if not fundet:
            attr += f' id="{ident}"'
        punkter.append((ident, mark_safe(strip_tags(match["tekst"]).strip())))  # already escaped by the template
        dele += [html[forrige : match.start()], f"<h2{attr}>{match['tekst']}</h2>"]
        forrige = match.end()
    dele.append(html[forrige:])
    foerste = overskrifter[0].start()
    fortegnelse = render_to_string("pdf/_indholdsfortegnelse.html", {"punkter": punkter})
    ny = "".join(dele)
    # The first heading starts at the same place in the new text: nothing before it has changed.
    return ny[:foerste] + fortegnelse + ny[foerste:]


# The stamp's time is put into the HTML last, as these markers (escaping keeps them out of anything a user wrote):
# the HTML with the markers is the fingerprint of what a report shows, whatever time it is stamped with. A PDF's text
# that names the stamp's time uses `stempel_tid` too, so it always says the same as the stamp.
_TID, _ISO = "<stempel-tid/>", "<stempel-iso/>"


def _skabelon_html(template_name: str, context: dict, *, bruger, tid: datetime, stempel: str) -> str:
    context = {
        **context,
        "eksporteret": tid,
        "eksporteret_af": bruger,
        "stempel": stempel,
        "stempel_tid": mark_safe(_TID),
        "stempel_iso": mark_safe(_ISO),
    }
    return med_indholdsfortegnelse(render_to_string(template_name, context))


def _stemplet(html: str, tid: datetime) -> str:
    return html.replace(_TID, formatering.tidspunkt(tid)).replace(_ISO, timezone.localtime(tid).isoformat())


def pdf_html(
    template_name: str, context: dict, *, bruger=None, tidspunkt: datetime | None = None, stempel: str = "udskrevet"
) -> str:
    """The stamped HTML a PDF is made from. With the same context and `tidspunkt`, the same HTML.

    `stempel` says what the time is: "udskrevet" (when it was printed, the default) or "data pr." (a report stamped
    with `datastand()`)."""
    tid = tidspunkt or timezone.now()
    return _stemplet(_skabelon_html(template_name, context, bruger=bruger, tid=tid, stempel=stempel), tid)


# The header cell's scope in HTML and in the PDF's table attributes.
SCOPE = {"col": "/Column", "row": "/Row"}


def _bokse(boks):
    """The box and every box inside it."""
    if isinstance(boks, AbsolutePlaceholder):
        boks = boks._box
    yield boks
    if isinstance(boks, ParentBox):
        for barn in boks.children:
            yield from _bokse(barn)


def _skriv_scope(dokument, pdf) -> None:
    """PDF/UA wants every header cell (TH) to say what it heads. WeasyPrint tags a <th> as TH and reads its `scope`
    to link the data cells to it, but does not write the scope into the TH's table attributes; it does keep each
    cell's structure element on the cell's box (`mark`), so the scope is copied there from the HTML, before the PDF
    is written. A <th> without a scope gets none: the template has to say it (the demo's PDF test checks)."""
    for side in dokument.pages:
        for boks in _bokse(side._page_box):
            element = getattr(boks, "mark", None)
            if element is None or boks.element is None or boks.element_tag != "th":
                continue
            if scope := SCOPE.get(boks.element.get("scope", "")):
                element["A"]["Scope"] = scope


_pr_traad = threading.local()


def _stilark() -> tuple[CSS, FontConfiguration]:
    """The print stylesheet, parsed once, and the font configuration its fonts are loaded into, kept per thread (a
    font configuration is not for two threads at once). Loading the system's and the stylesheet's fonts for every PDF
    cost 25 ms, more than a one-page PDF's own work. Parsed again when the file changes (runserver)."""
    sti = Path(finders.find("pdf/pdf.css"))
    version = sti.stat().st_mtime_ns
    if getattr(_pr_traad, "version", None) != version:
        skrifter = FontConfiguration()
        _pr_traad.stilark = CSS(url=STILARK, url_fetcher=StatiskeFiler(), font_config=skrifter), skrifter
        _pr_traad.version = version
    return _pr_traad.stilark


def html_til_pdf(html: str, *, billeder: dict[str, bytes] | None = None) -> bytes:
    """`billeder` are images the caller made (e.g. charts as SVG), shown with <img src="billeder/<navn>" alt="…">:
    an image carries its text alternative into the PDF, an inline <svg>'s aria-label does not.
    The same HTML (and images) give the same bytes: the document ID is a hash of the content, and the only dates
    in the metadata are those the base template takes from the stamp.

    The print stylesheet (static/pdf/pdf.css) comes from here, not from a <link> in the HTML: as a user stylesheet
    it sits under every stylesheet and style the template adds, as it did first among them."""
    stilark, skrifter = _stilark()
    return HTML(string=html, base_url=BASE_URL, url_fetcher=StatiskeFiler(billeder)).write_pdf(
        stylesheets=[stilark],
        font_config=skrifter,
        pdf_variant=PDF_VARIANT,
        pdf_identifier=True,
        finisher=_skriv_scope,
    )


def render_pdf(
    template_name: str,
    context: dict,
    *,
    bruger=None,
    tidspunkt: datetime | None = None,
    stempel: str = "udskrevet",
    billeder: dict[str, bytes] | None = None,
) -> bytes:
    """The PDF of the template. A PDF stamped with a time its data had (`tidspunkt`) is made once per fingerprint of
    what it shows and reused after that, by every process (docs/decisions/0058); one stamped with the clock is made
    every time."""
    if tidspunkt is None:
        return html_til_pdf(pdf_html(template_name, context, bruger=bruger, stempel=stempel), billeder=billeder)
    html = _skabelon_html(template_name, context, bruger=bruger, tid=tidspunkt, stempel=stempel)
    return dannede.genbrug_eller_dan(
        dannede.fingeraftryk("pdf", _pdf_version(), html, *sorted((billeder or {}).items())),
        lambda: html_til_pdf(_stemplet(html, tidspunkt), billeder=billeder),
    )


@cache
def _pdf_version() -> str:
    """What else decides a PDF's bytes besides its HTML and images: this helper, its stylesheets, WeasyPrint."""
    filer = [Path(__file__), *sorted((Path(settings.BASE_DIR) / "static" / "pdf").glob("*.css"))]
    return dannede.fingeraftryk(weasyprint.__version__, *(f.read_bytes() for f in filer))
