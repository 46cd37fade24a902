"""The reference page is made from the same description as /api/v1/schema/: every operation, its parameters and
every field of every data type are on it, for anyone (it holds no data), with no script."""

import pytest
import yaml

pytestmark = pytest.mark.django_db


def test_the_reference_shows_every_operation_parameter_and_field_of_the_schema(client):
    skema = yaml.safe_load(client.get("/api/v1/schema/").content)
    side = client.get("/api/v1/")
    assert side.status_code == 200
    html = side.content.decode()
    assert "<script" not in html.split("</main>")[0]
    for sti, metoder in skema["paths"].items():
        assert f"GET {sti}" in html
        for parameter in metoder["get"].get("parameters", []):
            assert f"<code>{parameter['name']}</code>" in html
    for navn, komponent in skema["components"]["schemas"].items():
        assert f'id="type-{navn}"' in html
        for felt in komponent.get("properties", {}):
            assert f"<code>{felt}</code>" in html, (navn, felt)
    assert 'id="opfoelgninger"' in html and ">Opfølgninger</h2>" in html
    assert len(skema["paths"]) >= 27
