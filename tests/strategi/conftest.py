import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _tom_cache(db):
    """Charts and key figures are cached in the shared database cache: start every test without entries."""
    cache.clear()


@pytest.fixture(autouse=True)
def _kvittering_uden_weasyprint(monkeypatch):
    """A participation is made through the programme's application, whose submission renders a PDF receipt. The
    strategies' tests never read that receipt: a stand-in PDF keeps each test from spending a second on it."""
    monkeypatch.setattr("kommuner.services.ansoegninger.html_til_pdf", lambda html: b"%PDF-1.4\n%%EOF\n")
