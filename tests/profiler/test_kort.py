"""The profile's map can be read: drawn large, its colour classes in a legend that survives in the PDF (no gradient,
which the PDF renderer drops), opened full size from the page, and beside it the comparison group's values, which
are too small to tell apart on a map of the whole country."""

import io
import re
import xml.etree.ElementTree as ET

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
    side = profilside(kommune=kobenhavn, aar=2011, program=None, kort_indikator=tal.kode)
    svg = grafer.svg("kort", side.kort.data)
    assert "Gradient" not in svg  # a gradient legend comes out blank in the PDF
    bredde = float(re.search(r'<svg[^>]* width="([\d.]+)"', svg).group(1))
    assert bredde >= 700
    farver = set(re.findall(r'fill="(rgb\([^)]*\))"', svg))
    assert len(farver) >= grafer.KORTKLASSER


def _legende(svg: str) -> tuple[str, list[str], list[str]]:
    """The map's legend as Vega drew it: its title, the fills of its colour squares, and its labels."""
    g = "{http://www.w3.org/2000/svg}g"

    def gruppe(i, rolle):
        return next((e for e in i.iter(g) if rolle in e.get("class", "").split()), None)

    legende = gruppe(ET.fromstring(svg), "role-legend")
    assert legende is not None, "the map has no legend"
    titel = "".join(gruppe(legende, "role-legend-title").itertext())
    farver = [p.get("fill") for p in gruppe(legende, "role-legend-band")]
    etiketter = [t.text for t in gruppe(legende, "role-legend-label") if t.text]
    return titel, farver, etiketter


def test_the_map_has_a_legend_naming_the_unit_and_the_bounds_of_its_colour_classes(tal, kobenhavn):
    side = profilside(kommune=kobenhavn, aar=2011, program=None, kort_indikator=tal.kode)
    svg = grafer.svg("kort", side.kort.data)
    titel, farver, etiketter = _legende(svg)
    assert titel == "pr. 1.000"
    assert len(set(farver)) == len(farver) == grafer.KORTKLASSER
    kommunernes = set(re.findall(r'fill="(rgb\([^)]*\))"', svg[: svg.index("role-legend")]))
    assert set(farver) <= kommunernes  # the legend's colours are the map's
    assert len(etiketter) == grafer.KORTKLASSER - 1  # the bounds between the classes
    assert all(re.fullmatch(r"\d{1,3}(\.\d{3})*,\d", e) for e in etiketter), etiketter  # 212,5 not 212.5


def test_beside_the_map_the_page_lists_the_group_with_its_values(client_for, evaluator, tal, kobenhavn):
    html = client_for(evaluator).get("/profiler/101/2011/", {"kort": tal.kode}).content.decode()
    liste = html[html.index('id="kortets-gruppe"') : html.index("</table>", html.index('id="kortets-gruppe"'))]
    gruppe = Kommune.objects.filter(kommunegruppe=kobenhavn.kommunegruppe)
    assert liste.count('<th scope="row">') == gruppe.count() == 24
    assert all(k.navn in liste for k in gruppe)
    assert re.search(r'class="kortets-kommune">\s*<th scope="row">\s*København \(profilens kommune\)\s*</th>', liste)
    assert liste.count("kortets-kommune") == liste.count("profilens kommune") == 1
    assert 'class="kort-forstoer"' in html and "Åbn kortet i fuld størrelse" in html


def test_the_pdfs_map_keeps_its_legend_and_the_group_is_listed_under_it(client_for, evaluator, tal, kobenhavn):
    svar = client_for(evaluator).get("/profiler/101/2011/pdf/", {"kort": tal.kode})
    # The SVG's text is drawn flipped, which only pypdf's layout mode reads.
    sider = [side.extract_text(extraction_mode="layout") for side in PdfReader(io.BytesIO(svar.content)).pages]
    tekst = "\n".join(sider)
    gruppe = tekst.index("Hovedstadskommuner på kortet")
    kortet = tekst[tekst.rindex("Danmarkskort: Anmeldte", 0, gruppe) : gruppe]  # the map's page, not the contents
    side = profilside(kommune=kobenhavn, aar=2011, program=None, kort_indikator=tal.kode)
    _, _, etiketter = _legende(grafer.svg("kort", side.kort.data))
    assert etiketter and all(e in kortet for e in etiketter), (etiketter, kortet)
    gruppen = tekst[gruppe:]
    assert all(k.navn in gruppen for k in Kommune.objects.filter(kommunegruppe=kobenhavn.kommunegruppe))
    assert gruppen.count("(profilens kommune)") == 1 and "København (profilens kommune)" in gruppen
