import re

import pytest

pytestmark = pytest.mark.django_db

URL = "/tilgaengelighedserklaering/"


def test_the_statement_follows_the_danish_template_and_is_open_to_all(client):
    svar = client.get(URL)
    assert svar.status_code == 200
    overskrifter = re.findall(r"<h[23]>([^<]+)</h[23]>", svar.content.decode())
    assert overskrifter[:7] == [
        "Overensstemmelsesstatus",
        "Ikke-tilgængeligt indhold",
        "Manglende overholdelse af kravene",
        "Uforholdsmæssig stor byrde",
        "Indhold uden for lovens anvendelsesområde",
        "Sådan er portalen gjort tilgængelig",
        "Udarbejdelse af denne tilgængelighedserklæring",
    ]
    assert overskrifter[-2:] == ["Feedback og kontaktoplysninger", "Håndhævelsesprocedure"]
    assert "overholder delvist" in svar.content.decode()


def test_the_contact_address_comes_from_the_settings(client, settings):
    assert "mailto:" not in client.get(URL).content.decode()
    settings.KONTAKT_EMAIL = "portal@example.dk"
    assert 'href="mailto:portal@example.dk"' in client.get(URL).content.decode()


def test_every_page_links_to_it_in_the_footer(client, client_for, projektleder_101):
    assert f'href="{URL}"' in client.get("/konto/login/").content.decode()
    assert f'href="{URL}"' in client_for(projektleder_101).get("/").content.decode()
