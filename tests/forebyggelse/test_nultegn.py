"""A NUL character in a request is refused with 400 before it reaches a view (forebyggelse/middleware.py):
PostgreSQL cannot compare one, so /kommuner/%00/ was a server error."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.kommuner.factories import ProgramFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/kommuner/%00/",
        "/profiler/%00/2013/",
        "/noegletal/indikatorer/anbringelser%00/",
        "/kommuner/?side=%00",
        "/hentninger/?bruger=1%00",
        "/kommuner/?%00=1",
    ],
)
def test_a_nul_character_in_the_path_or_query_is_refused(client_for, ministeriet, url):
    svar = client_for(ministeriet).get(url)
    assert svar.status_code == 400
    assert "Forespørgslen kan ikke bruges" in svar.content.decode()


def test_a_nul_character_is_refused_before_the_login(client):
    assert client.get("/kommuner/%00/").status_code == 400
    assert client.get("/konto/login/?next=/%00").status_code == 400


def test_a_nul_character_in_a_form_field_is_refused(client_for, projektleder_101):
    """The municipality a lead applies for is looked up by its code straight from the form."""
    program = ProgramFactory()
    svar = client_for(projektleder_101).post(f"/programmer/{program.pk}/ansoeg/", {"kommune": "101\x00"})
    assert svar.status_code == 400


def test_an_uploaded_file_may_hold_nul_bytes(client_for, ministeriet):
    """A file is not a form field: a PDF is full of NUL bytes, and the form, not the middleware, judges it."""
    fil = SimpleUploadedFile("data.csv", b"kode;aar\x00\x00", content_type="text/csv")
    svar = client_for(ministeriet).post("/noegletal/import/", {"fil": fil})
    assert svar.status_code == 200
