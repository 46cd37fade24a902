"""The one PDF helper (forebyggelse/pdf.py) and its base template: every PDF is PDF/UA-1 (tagged, Danish, its title
shown, every header cell's scope written), has "Side x af y", gets a contents list from three sections, keeps a
table's title with its rows, the same HTML gives the same bytes, and nothing but the app's own files is fetched."""

import io
from concurrent.futures import ThreadPoolExecutor

import pikepdf
import pytest
from django.template import Context, Template
from django.utils import timezone
from pypdf import PdfReader

from forebyggelse.pdf import StatiskeFiler, html_til_pdf, med_indholdsfortegnelse
from tests.pdfua import struktur

SIDE = Template(
    '{% extends "pdf/base.html" %}{% block titel %}Prøve – én side{% endblock %}'
    "{% block indhold %}<h1>Prøve</h1><p>Én side med »citat«.</p>{% endblock %}"
)


def test_three_sections_get_a_contents_list_before_the_first_and_fewer_do_not():
    html = '<h1>T</h1><p>x</p><h2>Én</h2><p>a</p><h2 id="egen">To &amp; tre</h2><h2 class="ny-side">Fire</h2>'
    med = med_indholdsfortegnelse(html)
    assert med.index('<nav class="indholdsfortegnelse"') < med.index('<h2 id="pdf-afsnit-1">Én</h2>')
    assert '<a href="#pdf-afsnit-1">Én</a>' in med
    assert '<a href="#egen">To &amp; tre</a>' in med  # an id the template gave is kept, the text stays escaped
    assert '<h2 class="ny-side" id="pdf-afsnit-3">Fire</h2>' in med
    assert med.startswith("<h1>T</h1><p>x</p>")
    to = "<h1>T</h1><h2>Én</h2><h2>To</h2>"
    assert med_indholdsfortegnelse(to) == to


def test_a_pdf_is_pdf_ua_in_danish_with_its_title_page_numbers_and_the_same_bytes_every_time():
    html = SIDE.render(Context({"eksporteret": timezone.now(), "stempel": "udskrevet"}))
    pdf = html_til_pdf(html)
    assert html_til_pdf(html) == pdf
    laeser = PdfReader(io.BytesIO(pdf))
    rod = laeser.trailer["/Root"]
    assert rod["/Lang"] == "da" and rod["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in rod
    assert rod["/ViewerPreferences"]["/DisplayDocTitle"]
    assert 'pdfuaid:part="1"' in rod["/Metadata"].get_object().get_data().decode()
    assert laeser.metadata.title == "Prøve – én side"
    assert "Side 1 af 1" in laeser.pages[0].extract_text()


def test_pdfs_made_in_threads_at_once_are_the_same_bytes_as_one_made_alone():
    """The print stylesheet and its fonts are loaded once per thread (forebyggelse/pdf.py), so threads that make PDFs
    at the same time (gunicorn's threads, the workers) share none of it, and a later PDF in the same thread gets the
    same styles as the first."""
    html = SIDE.render(Context({"eksporteret": timezone.now(), "stempel": "udskrevet"}))
    alene = html_til_pdf(html)
    with ThreadPoolExecutor(max_workers=3) as traade:
        samtidige = list(traade.map(lambda _: html_til_pdf(html), range(6)))
    assert samtidige == [alene] * 6
    assert "Side 1 af 1" in PdfReader(io.BytesIO(samtidige[-1])).pages[0].extract_text()


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/billede.png",
        "file:///etc/passwd",
        "https://forebyggelsesportalen.invalid/media/bilag/1",
        "https://forebyggelsesportalen.invalid/billeder/ukendt.svg",
    ],
)
def test_the_pdf_fetches_nothing_but_the_apps_own_files(url):
    with pytest.raises(ValueError, match="kun hente appens egne filer"):
        StatiskeFiler().fetch(url)


def _tabel_pdf(tabel: str, *, foran: str = "") -> bytes:
    side = Template(
        '{% extends "pdf/base.html" %}{% block titel %}Tabel{% endblock %}{% block indhold %}'
        + foran
        + tabel
        + "{% endblock %}"
    )
    return html_til_pdf(side.render(Context({"eksporteret": timezone.now(), "stempel": "udskrevet"})))


def test_every_header_cell_carries_the_scope_the_template_gave_it_into_the_pdf():
    pdf = _tabel_pdf(
        '<table><thead><tr><th scope="col">År</th><th scope="col">Beløb</th></tr></thead>'
        '<tbody><tr><td>2011</td><td>1</td></tr><tr><th scope="row">I alt</th><td>1</td></tr></tbody></table>'
    )
    with pikepdf.open(io.BytesIO(pdf)) as dokument:
        scopes = [
            str(o.A.get("/Scope"))
            for o in dokument.objects
            if isinstance(o, pikepdf.Dictionary) and o.get("/S") == "/TH"
        ]
    assert scopes == ["/Column", "/Column", "/Row"]
    tjek = struktur(pdf)
    assert tjek.antal["overskriftsceller"] == 3 and tjek.fejl == []
    # A header cell without a scope stays without one, so the check of the demo's PDFs finds the template.
    uden = struktur(
        _tabel_pdf("<table><thead><tr><th>År</th></tr></thead><tbody><tr><td>2011</td></tr></tbody></table>")
    )
    assert uden.fejl == ["side 1: en overskriftscelle uden scope"]


@pytest.mark.parametrize("luft_mm", range(222, 240, 2))
def test_a_tables_title_is_never_left_on_a_page_without_its_rows(luft_mm):
    pdf = _tabel_pdf(
        '<table><caption>Tabellens titel</caption><thead><tr><th scope="col">Kolonne</th></tr></thead>'
        "<tbody><tr><td>Første række</td></tr><tr><td>Anden række</td></tr></tbody></table>",
        foran=f'<div style="height: {luft_mm}mm"></div>',
    )
    sider = [side.extract_text() for side in PdfReader(io.BytesIO(pdf)).pages]
    titel = next(nr for nr, tekst in enumerate(sider) if "Tabellens titel" in tekst)
    assert "Første række" in sider[titel]
    assert struktur(pdf).fejl == []
