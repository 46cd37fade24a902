"""The one way to make a PDF: render a template that extends pdf/base.html with WeasyPrint.

Every PDF is stamped with when and by whom it was made, and fetches nothing but the app's own static
files: no network, no user-supplied URLs.
"""

from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML
from weasyprint.urls import URLFetcher

BASE_URL = "https://forebyggelsesportalen.invalid/"


class StatiskeFiler(URLFetcher):
    """Serves /static/... from the app's static folders; refuses every other URL."""

    def fetch(self, url, headers=None):
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


def html_til_pdf(html: str) -> bytes:
    return HTML(string=html, base_url=BASE_URL, url_fetcher=StatiskeFiler()).write_pdf()


def render_pdf(template_name: str, context: dict, *, bruger=None, tidspunkt: datetime | None = None) -> bytes:
    return html_til_pdf(pdf_html(template_name, context, bruger=bruger, tidspunkt=tidspunkt))
