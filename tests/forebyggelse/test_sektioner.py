"""The sections kit (forebyggelse/sektioner.py): an upper app's section on a lower app's page."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from forebyggelse import sektioner


@pytest.fixture
def ren_side(monkeypatch):
    monkeypatch.setattr(sektioner, "_sektioner", {})


def test_sections_render_in_the_order_they_were_registered_and_once_each(ren_side):
    sektioner.registrer("side", lambda request, objekt: f"<p>en {objekt}</p>")

    def anden(request, objekt):
        return f"<p>to {request.path}</p>"

    sektioner.registrer("side", anden)
    sektioner.registrer("side", anden)
    request = RequestFactory().get("/her/")
    skabelon = Template('{% load sektioner %}{% sektioner "side" objekt %}')
    assert skabelon.render(Context({"request": request, "objekt": "x"})) == "<p>en x</p><p>to /her/</p>"


def test_a_page_without_sections_renders_nothing(ren_side):
    request = RequestFactory().get("/")
    assert Template('{% load sektioner %}[{% sektioner "ingen" 1 %}]').render(Context({"request": request})) == "[]"


def test_strategi_adds_its_section_to_the_programme_page():
    from strategi.sektioner import programsektion

    assert programsektion in sektioner._sektioner["program"]
