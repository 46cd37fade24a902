"""The one way to make a PDF: render a template that extends pdf/base.html with WeasyPrint.

Every PDF is stamped with when and by whom it was made, and fetches nothing but the app's own static
files and the images the caller made (charts): no network, no user-supplied URLs.
"""

from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

BASE_URL = "https://forebyggelsesportalen.invalid/"


BILLEDER = f"{BASE_URL}billeder/"
BILLEDTYPER = {".svg": "image/svg+xml", ".png": "image/png"}


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
                return super().fetch(Path(sti).resolve().as_uri(), headers)
        # The base class opens the file:// URL it was handed above through this same method.
        if url.startswith("file://") and _er_statisk_fil(Path(unquote(urlparse(url).path))):
            return super().fetch(url, headers)
        raise ValueError(f"PDF'en må kun hente appens egne filer: {url}")


def _er_statisk_fil(sti: Path) -> bool:
    sti = sti.resolve()
    return any(sti.is_relative_to(Path(rod).resolve()) for rod in settings.STATICFILES_DIRS)


def pdf_html(template_name: str, context: dict, *, bruger=None, tidspunkt: datetime | None = None) -> str:
    """The stamped HTML a PDF is made from. With the same context and `tidspunkt`, the same HTML."""
    context = {**context, "eksporteret": tidspunkt or timezone.now(), "eksporteret_af": bruger}
    return render_to_string(template_name, context)


def html_til_pdf(html: str, *, billeder: dict[str, bytes] | None = None) -> bytes:
    """`billeder` are images the caller made (e.g. charts as SVG), shown with <img src="billeder/<navn>">."""
    return HTML(string=html, base_url=BASE_URL, url_fetcher=StatiskeFiler(billeder)).write_pdf()


def render_pdf(
    template_name: str,
    context: dict,
    *,
    bruger=None,
    tidspunkt: datetime | None = None,
    billeder: dict[str, bytes] | None = None,
) -> bytes:
    return html_til_pdf(pdf_html(template_name, context, bruger=bruger, tidspunkt=tidspunkt), billeder=billeder)
