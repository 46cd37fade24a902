"""The profile's map can be read: drawn large, its colour classes in a legend that survives in the PDF (no gradient,
which the PDF renderer drops), opened full size from the page, and beside it the comparison group's values, which
are too small to tell apart on a map of the whole country."""

import io
import re

import pytest
from pypdf import PdfReader

from kommuner.models import Kommune
from profiler import grafer
from profiler.models import Indikator
from profiler.profilside import profilside
from tests.profiler.factories import importer

pytestmark = pytest.mark.django_db


@pytest.fixture
def tal():
    indikator = Indikator.objects.get(kode="anmeldte_forbrydelser")
    importer(
        [(k.kode, indikator.kode, 2011, 100 + 7 * n, 1000) for n, k in enumerate(Kommune.objects.order_by("kode"))]
    )
    return indikator


def test_the_maps_legend_is_drawn_as_colour_classes_the_pdf_can_show(tal, kobenhavn):
    side = profilside(kommune=kobenhavn, aar=2011, kort_indikator=tal.kode)
    svg = grafer.svg("kort", side.kort.data)
    assert "Gradient" not in svg  # a gradient legend comes out blank in the PDF
    bredde = float(re.search(r'<svg[^>]* width="([\d.]+)"', svg).group(1))
    assert bredde >= 700
    farver = set(re.findall(r'fill="(rgb\([^)]*\))"', svg))
    assert len(farver) >= grafer.KORTKLASSER


def test_beside_the_map_the_page_lists_the_group_with_its_values(client_for, evaluator, tal, kobenhavn):
    html = client_for(evaluator).get("/profiler/101/2011/", {"kort": tal.kode}).content.decode()
    liste = html[html.index('id="kortets-gruppe"') : html.index("</table>", html.index('id="kortets-gruppe"'))]
    gruppe = Kommune.objects.filter(kommunegruppe=kobenhavn.kommunegruppe)
    assert liste.count('<th scope="row">') == gruppe.count() == 24
    assert all(k.navn in liste for k in gruppe)
    assert re.search(r'class="kortets-kommune">\s*<th scope="row">København</th>', liste)
    assert 'class="kort-forstoer"' in html and "Åbn kortet i fuld størrelse" in html


def test_the_pdf_lists_the_group_under_its_map(client_for, evaluator, tal):
    """The PDF embeds the same SVG as the page (its legend is tested above)."""
    svar = client_for(evaluator).get("/profiler/101/2011/pdf/", {"kort": tal.kode})
    tekst = "".join(side.extract_text() for side in PdfReader(io.BytesIO(svar.content)).pages)
    assert "Hovedstadskommuner på kortet" in tekst
    assert tekst.index("Danmarkskort: Anmeldte") < tekst.index("Hovedstadskommuner på kortet")
