import pytest
from django.core.exceptions import ValidationError

from forebyggelse.roller import Rolle
from kommuner.models import Kommune, Kontaktperson
from kommuner.services.oplysninger import Kontakt, kommune_oplysninger_gem
from tests.kommuner.factories import AnsoegningFactory, BrugerFactory, ProgramFactory

pytestmark = pytest.mark.django_db

URL = "/kommuner/101/oplysninger/"
CVR_KONTROL = "CVR-nummeret er ikke gyldigt: kontrolcifferet passer ikke."
CVR_FORMAT = "CVR-nummeret skal være 8 cifre."

OPLYSNINGER = {
    "cvr": "64942212",
    "adresse": "Rådhuspladsen 1",
    "postnr_by": "1599 København V",
    "telefon": "33 66 33 66",
    "email": "projekt@kk.example.org",
}
KONTAKT = {
    "navn": "Eksempel Person",
    "titel": "Projektleder",
    "enhed": "Socialforvaltningen",
    "telefon": "",
    "email": "",
}


def html(response) -> str:
    return response.content.decode()


def post_data(kommune: Kommune, oplysninger=None, kontakter=(), ny=None) -> dict:
    """The form as the browser sends it: the details, one row per existing contact person (dicts with the
    fields, `id` and optionally `DELETE`), and the empty row for a new one."""
    data = {**OPLYSNINGER, **(oplysninger or {})}
    raekker = [*kontakter, ny or {}]
    data |= {
        "kontaktpersoner-TOTAL_FORMS": str(len(raekker)),
        "kontaktpersoner-INITIAL_FORMS": str(len(kontakter)),
        "kontaktpersoner-MIN_NUM_FORMS": "0",
        "kontaktpersoner-MAX_NUM_FORMS": "1000",
    }
    for i, raekke in enumerate(raekker):
        for felt, vaerdi in raekke.items():
            if felt == "DELETE" and not vaerdi:
                continue
            data[f"kontaktpersoner-{i}-{felt}"] = "on" if felt == "DELETE" else vaerdi
        data[f"kontaktpersoner-{i}-kommune"] = str(kommune.pk)
    return data


def som_raekke(kontakt: Kontaktperson, **aendringer) -> dict:
    return {"id": str(kontakt.pk), **{f: getattr(kontakt, f) for f in KONTAKT}, **aendringer}


@pytest.fixture
def kontakt(kobenhavn) -> Kontaktperson:
    kommune_oplysninger_gem(kommune=kobenhavn, **OPLYSNINGER, kontaktpersoner=[Kontakt(**KONTAKT)])
    return kobenhavn.kontaktpersoner.get()


# Access -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "kode", "status"),
    [
        ("ministeriet", "101", 200),
        ("ministeriet", "147", 200),
        ("ministeriet", "999", 404),
        ("projektleder_101", "101", 200),
        ("projektleder_101", "147", 404),
        ("projektleder_147", "147", 200),
        ("projektleder_147", "101", 404),
        # They read the municipality, but may not change its details: told so (decision record 0005).
        ("evaluator", "101", 403),
        ("styregruppe", "101", 403),
    ],
)
def test_only_the_municipalitys_leads_and_the_ministry_open_the_details(client_for, request, fixture, kode, status):
    response = client_for(request.getfixturevalue(fixture)).get(f"/kommuner/{kode}/oplysninger/")
    assert response.status_code == status


def test_a_user_without_a_role_gets_404(client_for):
    assert client_for(BrugerFactory(rolle="")).get(URL).status_code == 404


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")


@pytest.mark.parametrize(("fixture", "status"), [("projektleder_147", 404), ("evaluator", 403), ("styregruppe", 403)])
def test_others_cannot_change_the_details_by_posting(client_for, request, fixture, status, kobenhavn, kontakt):
    data = post_data(kobenhavn, {"cvr": "", "adresse": "Kapret"}, kontakter=[som_raekke(kontakt, DELETE=True)])
    response = client_for(request.getfixturevalue(fixture)).post(URL, data)
    assert response.status_code == status
    kobenhavn.refresh_from_db()
    assert (kobenhavn.cvr, kobenhavn.adresse) == ("64942212", "Rådhuspladsen 1")
    assert kobenhavn.kontaktpersoner.count() == 1


# Saving -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fixture", ["projektleder_101", "ministeriet"])
def test_details_and_a_new_contact_person_are_saved(client_for, request, fixture, kobenhavn):
    response = client_for(request.getfixturevalue(fixture)).post(URL, post_data(kobenhavn, ny=KONTAKT), follow=True)
    assert response.redirect_chain[-1][0] == URL
    assert "Oplysningerne om Københavns Kommune er gemt." in html(response)
    kobenhavn.refresh_from_db()
    assert {f: getattr(kobenhavn, f) for f in OPLYSNINGER} == OPLYSNINGER
    assert list(kobenhavn.kontaktpersoner.values("navn", "titel", "enhed")) == [
        {"navn": "Eksempel Person", "titel": "Projektleder", "enhed": "Socialforvaltningen"}
    ]


def test_the_page_shows_the_saved_details_and_an_empty_row(client_for, projektleder_101, kontakt):
    side = html(client_for(projektleder_101).get(URL))
    assert 'value="64942212"' in side
    assert 'value="Rådhuspladsen 1"' in side
    assert 'value="Eksempel Person"' in side
    assert "Ny kontaktperson" in side
    assert 'name="kontaktpersoner-1-navn"' in side  # the extra, empty row
    assert 'name="kontaktpersoner-0-DELETE"' in side
    assert 'name="kontaktpersoner-1-DELETE"' not in side  # nothing to remove in the empty row
    assert 'name="kontaktpersoner-TOTAL_FORMS"' in side


def test_a_cvr_number_written_with_spaces_is_saved_as_eight_digits(client_for, projektleder_101, kobenhavn):
    client_for(projektleder_101).post(URL, post_data(kobenhavn, {"cvr": "64 94 22 12"}))
    kobenhavn.refresh_from_db()
    assert kobenhavn.cvr == "64942212"


def test_a_contact_person_is_edited_and_another_removed(client_for, projektleder_101, kobenhavn, kontakt):
    kommune_oplysninger_gem(
        kommune=kobenhavn, **OPLYSNINGER, kontaktpersoner=[Kontakt(**{**KONTAKT, "navn": "Anden Person"})]
    )
    anden = kobenhavn.kontaktpersoner.get(navn="Anden Person")
    data = post_data(
        kobenhavn,
        kontakter=[som_raekke(anden, DELETE=True), som_raekke(kontakt, titel="Chefkonsulent")],
    )
    response = client_for(projektleder_101).post(URL, data)
    assert response.status_code == 302
    assert list(kobenhavn.kontaktpersoner.values_list("navn", "titel")) == [("Eksempel Person", "Chefkonsulent")]


def test_the_empty_row_left_empty_adds_nobody(client_for, projektleder_101, kobenhavn, kontakt):
    client_for(projektleder_101).post(URL, post_data(kobenhavn, kontakter=[som_raekke(kontakt)]))
    assert kobenhavn.kontaktpersoner.count() == 1


def test_the_details_may_be_emptied(client_for, projektleder_101, kobenhavn, kontakt):
    tomme = dict.fromkeys(OPLYSNINGER, "")
    response = client_for(projektleder_101).post(URL, post_data(kobenhavn, tomme, kontakter=[som_raekke(kontakt)]))
    assert response.status_code == 302
    kobenhavn.refresh_from_db()
    assert kobenhavn.cvr == ""


# Bad input --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("aendring", "felt", "fejl"),
    [
        ({"cvr": "64942213"}, "cvr", CVR_KONTROL),
        ({"cvr": "6494221"}, "cvr", CVR_FORMAT),
        ({"cvr": "649422123"}, "cvr", CVR_FORMAT),
        ({"cvr": "abcdefgh"}, "cvr", CVR_FORMAT),
        ({"telefon": "ring til os"}, "telefon", "Skriv telefonnummeret med 8 cifre, fx 33 66 33 66."),
        ({"email": "ikke-en-adresse"}, "email", "Skriv en gyldig e-mailadresse, fx navn@kommune.dk."),
    ],
)
def test_bad_details_give_a_danish_field_error_keep_the_input_and_save_nothing(
    client_for, projektleder_101, kobenhavn, aendring, felt, fejl
):
    data = post_data(kobenhavn, {**aendring, "adresse": "Ny adresse 2"}, ny=KONTAKT)
    response = client_for(projektleder_101).post(URL, data)
    assert response.status_code == 200
    assert response.context["form"].errors[felt] == [fejl]
    side = html(response)
    assert fejl in side
    assert f'value="{aendring[felt]}"' in side
    assert 'value="Ny adresse 2"' in side
    assert 'value="Eksempel Person"' in side  # the new contact person's row is kept too
    # The error summary above the heading links to the field.
    assert side.index('data-module="error-summary"') < side.index("<h1>")
    assert f'href="#id_{felt}"' in side
    kobenhavn.refresh_from_db()
    assert kobenhavn.adresse == ""
    assert not kobenhavn.kontaktpersoner.exists()


@pytest.mark.parametrize(
    ("raekke", "felt", "fejl"),
    [
        ({**KONTAKT, "navn": "", "email": "a@example.org"}, "navn", "Skriv kontaktpersonens navn."),
        ({**KONTAKT, "telefon": "12"}, "telefon", "Skriv telefonnummeret med 8 cifre, fx 33 66 33 66."),
        ({**KONTAKT, "email": "a@"}, "email", "Skriv en gyldig e-mailadresse, fx navn@kommune.dk."),
    ],
)
def test_a_bad_contact_person_gives_a_field_error_and_saves_nothing(
    client_for, projektleder_101, kobenhavn, raekke, felt, fejl
):
    response = client_for(projektleder_101).post(URL, post_data(kobenhavn, {"adresse": "Ny adresse 2"}, ny=raekke))
    assert response.status_code == 200
    assert response.context["formset"].forms[0].errors[felt] == [fejl]
    side = html(response)
    assert "Der er problemer med kontaktpersonerne" in side
    assert f'href="#id_kontaktpersoner-0-{felt}"' in side
    assert 'value="Ny adresse 2"' in side
    assert 'value="Socialforvaltningen"' in side
    kobenhavn.refresh_from_db()
    assert kobenhavn.adresse == ""
    assert not kobenhavn.kontaktpersoner.exists()


def test_a_contact_person_marked_for_removal_is_not_validated(client_for, projektleder_101, kobenhavn, kontakt):
    data = post_data(kobenhavn, kontakter=[som_raekke(kontakt, navn="", DELETE=True)])
    assert client_for(projektleder_101).post(URL, data).status_code == 302
    assert not kobenhavn.kontaktpersoner.exists()


def test_a_row_of_another_municipality_cannot_be_changed_through_the_form(
    client_for, projektleder_101, kobenhavn, frederiksberg
):
    kommune_oplysninger_gem(
        kommune=frederiksberg,
        cvr="",
        adresse="",
        postnr_by="",
        telefon="",
        email="",
        kontaktpersoner=[Kontakt(**KONTAKT)],
    )
    fremmed = frederiksberg.kontaktpersoner.get()
    client = client_for(projektleder_101)
    for slet in (True, False):
        # A row whose id is not one of this municipality's contact persons is treated as a new row.
        data = post_data(kobenhavn, kontakter=[{"id": str(fremmed.pk), **KONTAKT, "navn": "Kapret", "DELETE": slet}])
        client.post(URL, data)
        fremmed.refresh_from_db()
        assert (fremmed.navn, fremmed.kommune) == ("Eksempel Person", frederiksberg)


def test_the_service_refuses_another_municipalitys_contact_person(kobenhavn, frederiksberg):
    kommune_oplysninger_gem(
        kommune=frederiksberg,
        cvr="",
        adresse="",
        postnr_by="",
        telefon="",
        email="",
        kontaktpersoner=[Kontakt(**KONTAKT)],
    )
    fremmed = frederiksberg.kontaktpersoner.get()
    for kwargs in ({"slet": [fremmed.pk]}, {"kontaktpersoner": [Kontakt(**KONTAKT, pk=fremmed.pk)]}):
        with pytest.raises(ValidationError) as fejl:
            kommune_oplysninger_gem(kommune=kobenhavn, **OPLYSNINGER, **kwargs)
        assert "findes ikke længere" in fejl.value.messages[0]
    assert Kontaktperson.objects.get(pk=fremmed.pk).kommune == frederiksberg


def test_the_service_validates_the_cvr_number(kobenhavn):
    with pytest.raises(ValidationError) as fejl:
        kommune_oplysninger_gem(kommune=kobenhavn, **{**OPLYSNINGER, "cvr": "64942213"})
    assert fejl.value.message_dict == {"cvr": [CVR_KONTROL]}


# History ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fixture", ["projektleder_101", "ministeriet"])
def test_the_history_shows_who_changed_what(client_for, request, fixture, kobenhavn, kontakt):
    bruger = request.getfixturevalue(fixture)
    client = client_for(bruger)
    data = post_data(kobenhavn, {"cvr": "", "adresse": "Ny adresse 2"}, kontakter=[som_raekke(kontakt, DELETE=True)])
    side = html(client.post(URL, data, follow=True))
    assert "Historik" in side
    assert "Kontaktperson: slettet" in side
    assert "Kommune: ændret" in side
    assert "<strong>Adresse</strong>: Rådhuspladsen 1 → Ny adresse 2" in side
    assert bruger.get_full_name() in side


def test_the_history_leaves_out_applications(client_for, ministeriet, kobenhavn, kontakt):
    AnsoegningFactory(program=ProgramFactory(), kommune=kobenhavn, udfyldt=True)
    response = client_for(ministeriet).get(URL)
    assert {h.hvad for h in response.context["historik"]} <= {"Kommune", "Kontaktperson"}
    assert "Kontaktperson" in {h.hvad for h in response.context["historik"]}
    assert "Baggrunden for at søge." not in html(response)


def test_the_very_first_edit_of_a_municipality_shows_in_the_history(client_for, projektleder_101, kobenhavn):
    side = html(client_for(projektleder_101).post(URL, post_data(kobenhavn), follow=True))
    assert "Kommune: ændret" in side


def test_a_lead_of_two_municipalities_reaches_both(client_for):
    leder = BrugerFactory(rolle=Rolle.PROJEKTLEDER, kommuner=["101", "147"])
    client = client_for(leder)
    assert client.get("/kommuner/101/oplysninger/").status_code == 200
    assert client.get("/kommuner/147/oplysninger/").status_code == 200
    assert client.get("/kommuner/151/oplysninger/").status_code == 404


def test_the_page_uses_a_constant_number_of_queries(
    menuen, client_for, projektleder_101, kobenhavn, django_assert_max_num_queries
):
    client = client_for(projektleder_101)
    kommune_oplysninger_gem(kommune=kobenhavn, **OPLYSNINGER, kontaktpersoner=[Kontakt(**KONTAKT)])
    # The lead sees the municipality's history too (the events and their users: 2 queries).
    with django_assert_max_num_queries(12 + menuen(projektleder_101)):
        assert client.get(URL).status_code == 200
    kommune_oplysninger_gem(kommune=kobenhavn, **OPLYSNINGER, kontaktpersoner=[Kontakt(**KONTAKT)] * 6)
    with django_assert_max_num_queries(12 + menuen(projektleder_101)):
        assert client.get(URL).status_code == 200
