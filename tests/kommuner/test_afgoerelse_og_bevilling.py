"""Decision and grant (ministry only), the budget per participant and year, and the municipality's spending."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from forebyggelse.roller import Rolle
from kommuner.models import Afgoerelse, Bevilling, Deltagelse, Kommune
from kommuner.selectors import budget_for
from kommuner.services.ansoegninger import ansoegning_send_tilbage
from kommuner.services.bevillinger import afgoerelse_traef, forbrug_registrer
from tests.kommuner.factories import AnsoegningFactory, BrugerFactory, ProgramFactory

pytestmark = pytest.mark.django_db

KOEBENHAVNS_BEVILLING = {2011: 200_000, 2012: 1_180_000}


@pytest.fixture
def program(db):
    return ProgramFactory(samlet_budget=8_000_000)


@pytest.fixture
def ansoegning(program, kobenhavn, projektleder_101):
    # København applied for 1.400.000 + 1.800.000 kr. (the factory's default amounts).
    return AnsoegningFactory(program=program, kommune=kobenhavn, indsendt=True)


def udvaelg(ansoegning, bruger, bevillinger=None, begrundelse="Et gennemarbejdet projekt."):
    return afgoerelse_traef(
        ansoegning=ansoegning,
        udvalgt=True,
        begrundelse=begrundelse,
        bevillinger=bevillinger or KOEBENHAVNS_BEVILLING,
        bruger=bruger,
    )


@pytest.fixture
def deltagelse(ansoegning, ministeriet):
    udvaelg(ansoegning, ministeriet)
    return Deltagelse.objects.get(ansoegning=ansoegning)


def afgoerelse_data(udvalgt="True", begrundelse="Et gennemarbejdet projekt.", b2011="200000", b2012="1180000"):
    return {"udvalgt": udvalgt, "begrundelse": begrundelse, "bevilling_2011": b2011, "bevilling_2012": b2012}


# Decision: access ----------------------------------------------------------------------------------


@pytest.mark.parametrize("rolle", ["projektleder_101", "projektleder_147", "evaluator", "styregruppe"])
def test_only_the_ministry_may_open_or_post_the_decision(request, client_for, ansoegning, rolle):
    client = client_for(request.getfixturevalue(rolle))
    url = reverse("kommuner:afgoerelse", args=[ansoegning.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, afgoerelse_data()).status_code == 404
    assert not Afgoerelse.objects.exists()
    assert not Deltagelse.objects.exists()


def test_anonymous_is_sent_to_login_from_the_decision(client, ansoegning):
    response = client.get(reverse("kommuner:afgoerelse", args=[ansoegning.pk]))
    assert response.status_code == 302 and response["Location"].startswith("/konto/login/")


def test_ministry_sees_the_decision_form_with_the_applied_amounts(client_for, ansoegning, ministeriet):
    response = client_for(ministeriet).get(reverse("kommuner:afgoerelse", args=[ansoegning.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Træf afgørelse" in html
    assert "Ansøgt: 1.400.000 kr." in html and "Ansøgt: 1.800.000 kr." in html


def test_a_draft_has_no_decision_page(client_for, program, frederiksberg, ministeriet):
    kladde = AnsoegningFactory(program=program, kommune=frederiksberg, udfyldt=True)
    assert client_for(ministeriet).get(reverse("kommuner:afgoerelse", args=[kladde.pk])).status_code == 404


# Decision: the happy path --------------------------------------------------------------------------


def test_selecting_koebenhavn_creates_participation_grants_and_mails_the_leads(
    client_for, ansoegning, ministeriet, projektleder_101, django_capture_on_commit_callbacks
):
    client = client_for(ministeriet)
    url = reverse("kommuner:afgoerelse", args=[ansoegning.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, afgoerelse_data())
    assert response.status_code == 302 and response["Location"] == url

    afgoerelse = Afgoerelse.objects.get(ansoegning=ansoegning)
    assert afgoerelse.udvalgt and afgoerelse.truffet_af == ministeriet
    assert afgoerelse.begrundelse == "Et gennemarbejdet projekt."
    deltagelse = Deltagelse.objects.get()
    assert (deltagelse.program, deltagelse.kommune, deltagelse.ansoegning) == (
        ansoegning.program,
        ansoegning.kommune,
        ansoegning,
    )
    assert {b.aar: b.bevilget for b in deltagelse.bevillinger.all()} == KOEBENHAVNS_BEVILLING

    assert len(mail.outbox) == 1
    besked = mail.outbox[0]
    assert besked.to == [projektleder_101.email]
    assert besked.subject == f"Afgørelse: Københavns Kommune er udvalgt til {ansoegning.program.navn}"
    for tekst in [
        "er udvalgt",
        "Et gennemarbejdet projekt.",
        "2011: 200.000 kr.",
        "2012: 1.180.000 kr.",
        "I alt: 1.380.000 kr.",
        "betales tilbage",
    ]:
        assert tekst in besked.body, tekst

    html = client.get(url).content.decode()
    assert "Afgørelsen er gemt: København er udvalgt." in html
    assert "1.380.000 kr." in html
    assert "Historik" in html and "Bevilling: oprettet" in html and "Afgørelse: oprettet" in html


def test_a_new_decision_updates_the_grants_and_says_it_has_changed(
    ansoegning, ministeriet, deltagelse, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        udvaelg(ansoegning, ministeriet, {2011: 300_000, 2012: 1_000_000})
    assert Deltagelse.objects.get() == deltagelse
    assert {b.aar: b.bevilget for b in Bevilling.objects.all()} == {2011: 300_000, 2012: 1_000_000}
    assert mail.outbox[-1].subject.startswith("Ændret afgørelse: ")
    assert "I alt: 1.300.000 kr." in mail.outbox[-1].body


def test_changing_to_not_selected_removes_participation_and_grants(
    client_for, ansoegning, ministeriet, deltagelse, django_capture_on_commit_callbacks
):
    client = client_for(ministeriet)
    url = reverse("kommuner:afgoerelse", args=[ansoegning.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, afgoerelse_data(udvalgt="False", begrundelse="Budgettet rækker ikke.", b2011="", b2012="")
        )
    assert response.status_code == 302
    assert not Afgoerelse.objects.get().udvalgt
    assert not Deltagelse.objects.exists() and not Bevilling.objects.exists()
    assert mail.outbox[-1].subject.startswith("Ændret afgørelse: Københavns Kommune er ikke udvalgt")
    assert "Budgettet rækker ikke." in mail.outbox[-1].body
    # The removed participation and grants stay in the history.
    html = client.get(url).content.decode()
    assert "Deltagelse: slettet" in html and "Bevilling: slettet" in html


def test_not_selected_needs_no_amounts(ansoegning, ministeriet):
    afgoerelse = afgoerelse_traef(
        ansoegning=ansoegning, udvalgt=False, begrundelse="Ikke inden for formålet.", bevillinger={}, bruger=ministeriet
    )
    assert not afgoerelse.udvalgt
    assert not Deltagelse.objects.exists()


# Decision: bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "felt", "besked"),
    [
        (afgoerelse_data(begrundelse=""), "begrundelse", "Skriv en begrundelse for afgørelsen."),
        (afgoerelse_data(begrundelse="   "), "begrundelse", "Skriv en begrundelse for afgørelsen."),
        (afgoerelse_data(udvalgt=""), "udvalgt", "Vælg, om kommunen er udvalgt."),
        (afgoerelse_data(b2012=""), "bevilling_2012", "Skriv beløbet for 2012. Skriv 0, hvis der ikke bevilges noget."),
        (afgoerelse_data(b2011="-1"), "bevilling_2011", "Beløbet kan ikke være negativt."),
        (afgoerelse_data(b2011="1.380.000"), "bevilling_2011", "Skriv beløbet i hele kroner, uden punktummer."),
        (afgoerelse_data(b2011="0", b2012="0"), "__all__", "En udvalgt kommune skal have en bevilling på mere end 0"),
        (
            afgoerelse_data(b2011="5000000", b2012="3000001"),
            "__all__",
            "er mere, end der er tilbage af programmets budget: 8.000.000 kr. af 8.000.000 kr.",
        ),
    ],
)
def test_bad_decisions_are_refused_with_the_input_kept_and_nothing_saved(
    client_for, ansoegning, ministeriet, django_capture_on_commit_callbacks, data, felt, besked
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(ministeriet).post(reverse("kommuner:afgoerelse", args=[ansoegning.pk]), data)
    assert response.status_code == 200
    fejl = response.context["form"].errors[felt]
    assert any(besked in f for f in fejl), fejl
    assert besked.split(":")[0] in response.content.decode()
    assert not Afgoerelse.objects.exists() and not Deltagelse.objects.exists()
    assert mail.outbox == []


def test_every_missing_input_is_reported_at_once(client_for, ansoegning, ministeriet):
    response = client_for(ministeriet).post(
        reverse("kommuner:afgoerelse", args=[ansoegning.pk]), afgoerelse_data(begrundelse="", b2012="")
    )
    assert set(response.context["form"].errors) == {"begrundelse", "bevilling_2012"}
    assert 'value="200000"' in response.content.decode()  # what was typed stays


def test_the_grant_cannot_exceed_what_is_left_after_other_participants(
    client_for, program, ansoegning, frederiksberg, ministeriet
):
    frb = AnsoegningFactory(program=program, kommune=frederiksberg, indsendt=True)
    udvaelg(frb, ministeriet, {2011: 3_000_000, 2012: 4_000_000})
    response = client_for(ministeriet).post(reverse("kommuner:afgoerelse", args=[ansoegning.pk]), afgoerelse_data())
    assert response.status_code == 200
    assert "Bevillingen på 1.380.000 kr. i alt er mere, end der er tilbage af programmets budget: 1.000.000 kr." in (
        response.content.decode()
    )
    assert not Deltagelse.objects.filter(kommune__kode="101").exists()
    # København's own earlier grant does not count against it when it is decided again.
    udvaelg(ansoegning, ministeriet, {2011: 500_000, 2012: 500_000})
    udvaelg(ansoegning, ministeriet, {2011: 400_000, 2012: 600_000})


def test_a_sent_back_application_cannot_be_decided(client_for, ansoegning, ministeriet):
    ansoegning_send_tilbage(ansoegning=ansoegning, kommentar="Uddyb budgettet.", bruger=ministeriet)
    client = client_for(ministeriet)
    url = reverse("kommuner:afgoerelse", args=[ansoegning.pk])
    html = client.get(url).content.decode()
    assert "Interessetilkendegivelsen er sendt tilbage til kommunen." in html
    assert "Gem afgørelsen og giv kommunen besked" not in html
    response = client.post(url, afgoerelse_data())
    assert response.status_code == 403
    assert "Der kan træffes afgørelse, når kommunen har indsendt den igen." in response.content.decode()
    assert not Afgoerelse.objects.exists()


def test_a_grant_cannot_go_below_what_has_been_spent(ansoegning, ministeriet, deltagelse, projektleder_101):
    forbrug_registrer(deltagelse=deltagelse, forbrug={2011: (150_000, "")}, bruger=projektleder_101)
    with pytest.raises(ValidationError) as fejl:
        udvaelg(ansoegning, ministeriet, {2011: 100_000, 2012: 1_180_000})
    assert fejl.value.message_dict["bevilling_2011"] == [
        "Kommunen har allerede brugt 150.000 kr. i 2011; bevillingen kan ikke være mindre."
    ]
    with pytest.raises(ValidationError, match="allerede registreret forbrug"):
        afgoerelse_traef(
            ansoegning=ansoegning, udvalgt=False, begrundelse="Fortrudt.", bevillinger={}, bruger=ministeriet
        )
    assert Bevilling.objects.get(aar=2011).bevilget == 200_000


def test_decision_service_refuses_unknown_years_and_missing_reasons(ansoegning, ministeriet):
    with pytest.raises(ValidationError) as fejl:
        udvaelg(ansoegning, ministeriet, {**KOEBENHAVNS_BEVILLING, 2013: 5})
    assert "Programmet løber ikke i 2013." in fejl.value.messages
    with pytest.raises(ValidationError) as fejl:
        udvaelg(ansoegning, ministeriet, {2011: -5, 2012: 10}, begrundelse="")
    assert set(fejl.value.message_dict) == {"begrundelse", "bevilling_2011"}
    assert not Afgoerelse.objects.exists()


def test_no_email_when_the_municipality_has_no_leads(
    program, frederiksberg, ministeriet, django_capture_on_commit_callbacks
):
    frb = AnsoegningFactory(program=program, kommune=frederiksberg, indsendt=True)
    for leder in frederiksberg.projektledere.all():
        leder.is_active = False
        leder.save()
    with django_capture_on_commit_callbacks(execute=True):
        udvaelg(frb, ministeriet)
    assert mail.outbox == []


# Budget ------------------------------------------------------------------------------------------


@pytest.fixture
def med_forbrug(deltagelse, projektleder_101):
    forbrug_registrer(
        deltagelse=deltagelse,
        forbrug={2011: (150_000, "Projektleder ansat fra marts."), 2012: (1_180_000, "")},
        bruger=projektleder_101,
    )
    return deltagelse


@pytest.mark.parametrize("rolle", ["ministeriet", "evaluator", "styregruppe"])
def test_ministry_evaluator_and_steering_group_see_every_participant(
    request, client_for, program, frederiksberg, med_forbrug, ministeriet, rolle
):
    frb = AnsoegningFactory(program=program, kommune=frederiksberg, indsendt=True, beloeb={2011: 1, 2012: 1})
    udvaelg(frb, ministeriet, {2011: 1, 2012: 1})
    response = client_for(request.getfixturevalue(rolle)).get(reverse("kommuner:budget", args=[program.pk]))
    assert response.status_code == 200
    budget = response.context["budget"]
    assert [d.deltagelse.kommune.kode for d in budget.deltagere] == ["101", "147"]
    assert budget.alle and budget.bevilget == 1_380_002
    assert "Hele programmet" in response.content.decode()


def test_budget_numbers_for_koebenhavn(client_for, program, med_forbrug, projektleder_101):
    response = client_for(projektleder_101).get(reverse("kommuner:budget", args=[program.pk]))
    (kbh,) = response.context["budget"].deltagere
    assert [(a.aar, a.ansoegt, a.bevilget, a.forbrugt, a.rest) for a in kbh.aar] == [
        (2011, 1_400_000, 200_000, 150_000, 50_000),
        (2012, 1_800_000, 1_180_000, 1_180_000, 0),
    ]
    assert (kbh.ansoegt, kbh.bevilget, kbh.forbrugt, kbh.rest) == (3_200_000, 1_380_000, 1_330_000, 50_000)
    # 2011 is past with money left: highlighted; 2012 has nothing left.
    assert [a.advarsel for a in kbh.aar] == ["Resten skal betales tilbage", ""]
    html = response.content.decode()
    for tekst in [
        "1.400.000 kr.",
        "1.800.000 kr.",
        "200.000 kr.",
        "1.180.000 kr.",
        "150.000 kr.",
        "50.000 kr.",
        "3.200.000 kr.",
        "1.380.000 kr.",
        "1.330.000 kr.",
        "0 kr.",
        "Projektleder ansat fra marts.",
        "Bevillingen gælder ét år ad gangen",
        "skal betales tilbage",
        "badge badge-warning",
    ]:
        assert tekst in html, tekst
    assert reverse("kommuner:forbrug", args=[med_forbrug.pk]) in html


def test_remaining_money_is_highlighted_in_the_current_and_past_years_only(program, deltagelse, ministeriet):
    forbrug_registrer(deltagelse=deltagelse, forbrug={2011: (200_000, "")}, bruger=ministeriet)
    i_2011 = budget_for(program, ministeriet, i_dag=date(2011, 6, 1)).deltagere[0].aar
    assert [a.advarsel for a in i_2011] == ["", ""]  # 2011 fully spent, 2012 still to come
    i_2012 = budget_for(program, ministeriet, i_dag=date(2012, 6, 1)).deltagere[0].aar
    assert [a.advarsel for a in i_2012] == ["", "Forbruget er ikke indberettet endnu"]
    forbrug_registrer(deltagelse=deltagelse, forbrug={2012: (1_000_000, "")}, bruger=ministeriet)
    i_2012 = budget_for(program, ministeriet, i_dag=date(2012, 6, 1)).deltagere[0].aar
    assert i_2012[1].advarsel == "Skal bruges i år, ellers betales resten tilbage"
    i_2013 = budget_for(program, ministeriet, i_dag=date(2013, 1, 2)).deltagere[0].aar
    assert i_2013[1].advarsel == "Resten skal betales tilbage"


def test_a_lead_sees_only_their_own_municipality(
    client_for, program, frederiksberg, deltagelse, ministeriet, projektleder_147
):
    frb = AnsoegningFactory(program=program, kommune=frederiksberg, indsendt=True)
    udvaelg(frb, ministeriet, {2011: 10_000, 2012: 20_000})
    response = client_for(projektleder_147).get(reverse("kommuner:budget", args=[program.pk]))
    budget = response.context["budget"]
    assert [d.deltagelse.kommune.kode for d in budget.deltagere] == ["147"]
    assert not budget.alle
    html = response.content.decode()
    assert "København" not in html and "1.380.000 kr." not in html
    assert "Hele programmet" not in html
    assert reverse("kommuner:forbrug", args=[deltagelse.pk]) not in html


def test_a_lead_of_a_municipality_without_participation_sees_no_rows(client_for, program, deltagelse, projektleder_147):
    response = client_for(projektleder_147).get(reverse("kommuner:budget", args=[program.pk]))
    assert response.status_code == 200
    assert response.context["budget"].deltagere == []
    assert "Jeres kommune deltager ikke i programmet." in response.content.decode()


def test_readers_get_no_link_to_the_spending_form(client_for, program, deltagelse, evaluator):
    html = client_for(evaluator).get(reverse("kommuner:budget", args=[program.pk])).content.decode()
    assert reverse("kommuner:forbrug", args=[deltagelse.pk]) not in html


def test_budget_of_a_missing_programme_is_404_and_anonymous_goes_to_login(client, client_for, ministeriet, program):
    assert client.get(reverse("kommuner:budget", args=[program.pk]))["Location"].startswith("/konto/login/")
    assert client_for(ministeriet).get(reverse("kommuner:budget", args=[999999])).status_code == 404


def test_budget_uses_the_same_number_of_queries_however_many_participants(
    menuen, client_for, ministeriet, django_assert_max_num_queries
):
    client = client_for(ministeriet)
    lille, stort = ProgramFactory(), ProgramFactory()
    for program, antal in [(lille, 1), (stort, 5)]:
        for kommune in Kommune.objects.order_by("kode")[:antal]:
            udvaelg(AnsoegningFactory(program=program, kommune=kommune, indsendt=True), ministeriet)
    for program, antal in [(lille, 1), (stort, 5)]:
        # 7 for every request (session read and save, user, savepoints with pghistory's context), 6 for the page
        # (one of them the set-up's required co-financing share), however many participants.
        with django_assert_max_num_queries(13 + menuen(ministeriet)):
            response = client.get(reverse("kommuner:budget", args=[program.pk]))
        assert len(response.context["budget"].deltagere) == antal


# Spending ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("rolle", ["projektleder_147", "evaluator", "styregruppe"])
def test_other_leads_and_readers_cannot_use_the_spending_form(request, client_for, deltagelse, rolle):
    client = client_for(request.getfixturevalue(rolle))
    url = reverse("kommuner:forbrug", args=[deltagelse.pk])
    # Another municipality's lead may not read it (404); the evaluator and the steering group read the budget,
    # but may not change it (403, decision record 0005).
    status = 404 if rolle == "projektleder_147" else 403
    assert client.get(url).status_code == status
    assert client.post(url, {"forbrugt_2011": "1"}).status_code == status
    assert Bevilling.objects.get(aar=2011).forbrugt is None


def test_anonymous_is_sent_to_login_from_the_spending_form(client, deltagelse):
    response = client.get(reverse("kommuner:forbrug", args=[deltagelse.pk]))
    assert response.status_code == 302 and response["Location"].startswith("/konto/login/")


def test_the_lead_records_spending(client_for, deltagelse, projektleder_101):
    client = client_for(projektleder_101)
    url = reverse("kommuner:forbrug", args=[deltagelse.pk])
    html = client.get(url).content.decode()
    assert "Bevilget: 200.000 kr." in html
    assert "Historik" in html  # the municipality's own leads see the history of its grant
    response = client.post(
        url, {"forbrugt_2011": "150000", "bemaerkning_2011": "Ansat fra marts.", "forbrugt_2012": ""}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("kommuner:budget", args=[deltagelse.program_id])
    forbrug = {b.aar: (b.forbrugt, b.forbrug_bemaerkning) for b in Bevilling.objects.all()}
    assert forbrug == {2011: (150_000, "Ansat fra marts."), 2012: (None, "")}
    assert "Forbruget for København er gemt." in client.get(response["Location"]).content.decode()


def test_the_ministry_may_correct_spending_and_sees_its_history(client_for, med_forbrug, ministeriet):
    client = client_for(ministeriet)
    url = reverse("kommuner:forbrug", args=[med_forbrug.pk])
    assert client.post(url, {"forbrugt_2011": "160000", "forbrugt_2012": "1180000"}).status_code == 302
    assert Bevilling.objects.get(aar=2011).forbrugt == 160_000
    html = client.get(url).content.decode()
    assert "Historik" in html and "150.000 kr. → 160.000 kr." in html


@pytest.mark.parametrize(
    ("data", "felt", "besked"),
    [
        (
            {"forbrugt_2011": "200001"},
            "forbrugt_2011",
            "Forbruget er større end bevillingen på 200.000 kr. for 2011.",
        ),
        ({"forbrugt_2012": "-1"}, "forbrugt_2012", "Beløbet kan ikke være negativt."),
        ({"forbrugt_2012": "mange"}, "forbrugt_2012", "Skriv beløbet i hele kroner, uden punktummer."),
        ({"forbrugt_2011": "1", "bemaerkning_2011": "x" * 501}, "bemaerkning_2011", "højst have 500 tegn"),
    ],
)
def test_bad_spending_is_refused_and_nothing_saved(client_for, deltagelse, projektleder_101, data, felt, besked):
    response = client_for(projektleder_101).post(reverse("kommuner:forbrug", args=[deltagelse.pk]), data)
    assert response.status_code == 200
    fejl = response.context["form"].errors[felt]
    assert any(besked in f for f in fejl), fejl
    assert [b.forbrugt for b in Bevilling.objects.all()] == [None, None]


def test_spending_service_checks_years_and_amounts(deltagelse, projektleder_101):
    with pytest.raises(ValidationError) as fejl:
        forbrug_registrer(
            deltagelse=deltagelse,
            forbrug={
                2013: (1, ""),
                2011: (-1, ""),
                2012: (1_180_001, ""),
            },
            bruger=projektleder_101,
        )
    assert set(fejl.value.message_dict) == {"__all__", "forbrugt_2011", "forbrugt_2012"}
    assert "Der er ingen bevilling for 2013." in fejl.value.message_dict["__all__"]
    with pytest.raises(ValidationError) as fejl:
        forbrug_registrer(deltagelse=deltagelse, forbrug={2011: (1, "x" * 501)}, bruger=projektleder_101)
    assert set(fejl.value.message_dict) == {"bemaerkning_2011"}
    assert [b.forbrugt for b in Bevilling.objects.all()] == [None, None]


def test_a_participation_without_grants_has_nothing_to_record(client_for, program, frederiksberg, ministeriet):
    lead = BrugerFactory(rolle=Rolle.PROJEKTLEDER, kommuner=[frederiksberg])
    deltagelse = Deltagelse.objects.create(program=program, kommune=frederiksberg)
    response = client_for(lead).get(reverse("kommuner:forbrug", args=[deltagelse.pk]))
    assert response.status_code == 200
    assert "ingen bevilling i programmet" in response.content.decode()
