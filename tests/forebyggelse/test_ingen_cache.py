"""Nothing behind the login is kept by a cache: pages and files carry Cache-Control: no-store (item 5 of the
outside test). The project-wide access matrix checks the same header on every answer to a logged-in role."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url", ["/", "/kommuner/", "/konto/", "/noegletal/eksport/fil/?format=csv", "/noegletal/eksport/fil/?format=xlsx"]
)
def test_pages_and_files_for_a_logged_in_user_are_never_stored(client_for, ministeriet, url):
    svar = client_for(ministeriet).get(url)
    assert svar.status_code == 200
    assert "no-store" in svar["Cache-Control"] and "private" in svar["Cache-Control"]
