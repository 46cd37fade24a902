import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from forebyggelse.roller import Rolle
from kommuner.models import Afgoerelse, AnsoegningStatus, Bevilling, Deltagelse, Kommune, Program, ProgramStatus
from kommuner.services.ansoegninger import ansoegning_send_tilbage
from kommuner.services.programmer import program_opdater, program_opret
from tests.kommuner.factories import AnsoegningFactory, BrugerFactory, ProgramFactory

pytestmark = pytest.mark.django_db

ROLLER = ["ministeriet", "projektleder_101", "projektleder_147", "evaluator", "styregruppe"]
IKKE_MINISTERIET = ["projektleder_101", "projektleder_147", "evaluator", "styregruppe"]

GYLDIG = {
    "navn": "Forebyggelsesprojektet 2011–2012",
    "beskrivelse": "Kommuner flytter indsatsen fra anbringelser mod tidlig forebyggelse.",
    "startdato": "2011-01-01",
    "slutdato": "2012-12-31",
    "samlet_budget": "8.000.000",
    "frist_dato": "2011-02-08",
    "frist_tid": "12:00",
    "status": ProgramStatus.AABEN,
}


@pytest.fixture
def program(db) -> Program:
    return ProgramFactory(
        navn="Forebyggelsesprojektet 2011–2012",
        ansoegningsfrist=datetime(2030, 2, 8, 11, 0, tzinfo=UTC),  # 8 February 2030 at 12.00 Danish time
    )


def html(response) -> str:
    return response.content.decode()


def bruger(request, fixture):
    return request.getfixturevalue(fixture)


def deltag(ansoegning, *, udvalgt=True, bevilget=(), af=None) -> Deltagelse | None:
    """A decision on an application and, if selected, the participation and grant per year. (The decision
    services belong to another part of the issue; these are the rows they write.)"""
    af = af or BrugerFactory(rolle=Rolle.MINISTERIET)
    Afgoerelse.objects.create(
        ansoegning=ansoegning, udvalgt=udvalgt, begrundelse="Begrundelse.", truffet=timezone.now(), truffet_af=af
    )
    if not udvalgt:
        return None
    deltagelse = Deltagelse.objects.create(
        program=ansoegning.program, kommune=ansoegning.kommune, ansoegning=ansoegning
    )
    for aar, beloeb in bevilget:
        Bevilling.objects.create(deltagelse=deltagelse, aar=aar, bevilget=beloeb)
    return deltagelse


# Menu ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fixture", ROLLER)
def test_every_role_has_programmes_in_the_menu(client_for, request, fixture):
    response = client_for(bruger(request, fixture)).get("/")
    punkter = {p["titel"]: p["url"] for p in response.context["navigation"]}
    assert punkter["Programmer"] == "/programmer/"


# The list -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("fixture", ROLLER)
def test_every_role_sees_the_programme_list(client_for, request, fixture, program):
    response = client_for(bruger(request, fixture)).get("/programmer/")
    assert response.status_code == 200
    side = html(response)
    assert f'href="/programmer/{program.pk}/"' in side
    assert "Forebyggelsesprojektet 2011–2012" in side
    assert "<td>2011–2012" in side
    assert "Åben for interessetilkendegivelser" in side
    assert "8. februar 2030 kl. 12.00" in side
    assert "8.000.000 kr." in side
    assert ('href="/programmer/nyt/"' in side) == (fixture == "ministeriet")


def test_a_programme_within_one_year_shows_one_year(client_for, evaluator):
    ProgramFactory(startdato=date(2017, 1, 1), slutdato=date(2017, 12, 31))
    assert "<td>2017\n</td>" in html(client_for(evaluator).get("/programmer/"))


def test_anonymous_is_sent_to_login(client, program):
    for url in ["/programmer/", "/programmer/nyt/", f"/programmer/{program.pk}/", f"/programmer/{program.pk}/rediger/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/konto/login/")


def test_list_uses_a_constant_number_of_queries(menuen, client_for, ministeriet, django_assert_max_num_queries):
    client = client_for(ministeriet)
    ProgramFactory()
    with django_assert_max_num_queries(8 + menuen(ministeriet)):
        assert len(client.get("/programmer/").context["programmer"]) == 1
    ProgramFactory.create_batch(6)
    with django_assert_max_num_queries(8 + menuen(ministeriet)):
        assert len(client.get("/programmer/").context["programmer"]) == 7


# Create and edit --------------------------------------------------------------------------------------


def test_ministry_creates_a_programme_with_a_deadline_in_danish_time(client_for, ministeriet):
    client = client_for(ministeriet)
    assert client.get("/programmer/nyt/").status_code == 200
    response = client.post("/programmer/nyt/", GYLDIG, follow=True)
    program = Program.objects.get()
    assert response.redirect_chain[-1][0] == f"/programmer/{program.pk}/"
    assert "Programmet Forebyggelsesprojektet 2011–2012 er oprettet." in html(response)
    assert program.samlet_budget == 8_000_000
    assert (program.startdato, program.slutdato) == (date(2011, 1, 1), date(2012, 12, 31))
    assert program.status == ProgramStatus.AABEN
    # 12.00 in Copenhagen in February (CET, UTC+1) is 11.00 UTC; in summer (CEST, UTC+2) it is 10.00 UTC.
    assert program.ansoegningsfrist == datetime(2011, 2, 8, 11, 0, tzinfo=UTC)
    client.post(f"/programmer/{program.pk}/rediger/", {**GYLDIG, "frist_dato": "2011-06-08"})
    program.refresh_from_db()
    assert program.ansoegningsfrist == datetime(2011, 6, 8, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize("budget", ["8000000", "8.000.000", "8 000 000", "8.000.000 kr."])
def test_budget_may_be_written_the_danish_way(client_for, ministeriet, budget):
    client_for(ministeriet).post("/programmer/nyt/", {**GYLDIG, "samlet_budget": budget})
    assert Program.objects.get().samlet_budget == 8_000_000


@pytest.mark.parametrize(
    ("aendring", "felt", "fejl"),
    [
        ({"slutdato": "2010-12-31"}, "slutdato", "Slutdatoen skal ligge efter startdatoen."),
        ({"samlet_budget": "-5"}, "samlet_budget", "Budgettet kan ikke være negativt."),
        ({"samlet_budget": ""}, "samlet_budget", "Skriv programmets samlede budget."),
        ({"samlet_budget": "otte mio."}, "samlet_budget", "Skriv budgettet som et helt antal kroner, fx 8.000.000."),
        ({"samlet_budget": "1,5"}, "samlet_budget", "Skriv budgettet som et helt antal kroner, fx 8.000.000."),
        ({"startdato": "2011-02-30"}, "startdato", "Skriv en gyldig dato, fx 8.2.2011."),
        ({"startdato": ""}, "startdato", "Skriv den dato, programmet starter."),
        ({"frist_dato": "i morgen"}, "frist_dato", "Skriv en gyldig dato, fx 8.2.2011."),
        ({"frist_tid": "25:00"}, "frist_tid", "Skriv et klokkeslæt, fx 12.00."),
        ({"frist_tid": ""}, "frist_tid", "Skriv klokkeslættet for fristen."),
        # Clocks go from 02.00 to 03.00 on 27 March 2011: 02.30 never happened in Denmark.
        (
            {"frist_dato": "2011-03-27", "frist_tid": "02:30"},
            "frist_tid",
            "Klokken 02.30 findes ikke den 27. marts 2011, fordi uret stilles frem til sommertid.",
        ),
        ({"navn": ""}, "navn", "Skriv programmets navn."),
        ({"status": "lukket"}, "status", "Vælg en af statusserne på listen."),
        ({"status": ""}, "status", "Vælg programmets status."),
    ],
)
def test_bad_input_gives_a_danish_field_error_and_keeps_what_was_typed(client_for, ministeriet, aendring, felt, fejl):
    data = {**GYLDIG, **aendring}
    response = client_for(ministeriet).post("/programmer/nyt/", data)
    assert response.status_code == 200
    assert response.context["form"].errors[felt] == [fejl]
    side = html(response)
    assert fejl.replace("æ", "&aelig;") in side or fejl in side
    assert 'value="Forebyggelsesprojektet 2011–2012"' in side or felt == "navn"
    if data[felt] and felt != "status":  # a select keeps its choice as `selected`, not as a value
        assert f'value="{data[felt]}"' in side
    assert not Program.objects.exists()


def test_the_error_summary_lists_the_error_above_the_heading(client_for, ministeriet):
    response = client_for(ministeriet).post("/programmer/nyt/", {**GYLDIG, "slutdato": "2010-12-31"})
    side = html(response)
    assert side.index('data-module="error-summary"') < side.index("<h1>")
    assert 'href="#id_slutdato"' in side


def test_a_name_already_in_use_is_refused_on_the_name_field(client_for, ministeriet, program):
    response = client_for(ministeriet).post("/programmer/nyt/", GYLDIG)
    assert response.status_code == 200
    assert response.context["form"].errors["navn"]
    assert Program.objects.count() == 1


@pytest.mark.parametrize("fixture", IKKE_MINISTERIET)
def test_only_the_ministry_may_create_a_programme(client_for, request, fixture):
    client = client_for(bruger(request, fixture))
    # Every role reads the programmes; only the ministry creates them: the others are told so (403).
    assert client.get("/programmer/nyt/").status_code == 403
    response = client.post("/programmer/nyt/", GYLDIG)
    assert response.status_code == 403
    assert "Kun ministeriet kan oprette programmer." in response.content.decode()
    assert not Program.objects.exists()


@pytest.mark.parametrize("fixture", IKKE_MINISTERIET)
def test_only_the_ministry_may_edit_a_programme(client_for, request, fixture, program):
    client = client_for(bruger(request, fixture))
    assert client.get(f"/programmer/{program.pk}/rediger/").status_code == 403
    assert client.post(f"/programmer/{program.pk}/rediger/", {**GYLDIG, "navn": "Kapret"}).status_code == 403
    program.refresh_from_db()
    assert program.navn == "Forebyggelsesprojektet 2011–2012"


@pytest.mark.parametrize("fixture", IKKE_MINISTERIET)
def test_the_create_and_edit_buttons_are_hidden_from_others(client_for, request, fixture, program):
    side = html(client_for(bruger(request, fixture)).get(f"/programmer/{program.pk}/"))
    assert "/rediger/" not in side
    assert "/programmer/nyt/" not in side


def test_ministry_edits_a_programme_and_sees_its_history(client_for, ministeriet, program):
    client = client_for(ministeriet)
    response = client.get(f"/programmer/{program.pk}/rediger/")
    assert response.status_code == 200
    side = html(response)
    # The deadline is shown in Danish time, split in a date and a time field.
    assert 'type="date"' in side and 'value="2030-02-08"' in side
    assert 'type="time"' in side and 'value="12:00"' in side
    assert 'value="8000000"' in side
    response = client.post(
        f"/programmer/{program.pk}/rediger/",
        {**GYLDIG, "startdato": "2030-01-01", "slutdato": "2031-12-31", "samlet_budget": "9.000.000"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"/programmer/{program.pk}/"
    assert "Ændringerne i Forebyggelsesprojektet 2011–2012 er gemt." in html(response)
    program.refresh_from_db()
    assert program.samlet_budget == 9_000_000
    assert program.ansoegningsfrist == datetime(2011, 2, 8, 11, 0, tzinfo=UTC)
    side = html(response)
    assert "Historik" in side
    assert "samlet budget (kr.)</strong>: 8.000.000 kr. → 9.000.000 kr." in side.lower()


def test_an_invalid_edit_changes_nothing_and_keeps_the_input(client_for, ministeriet, program):
    response = client_for(ministeriet).post(
        f"/programmer/{program.pk}/rediger/", {**GYLDIG, "navn": "Nyt navn", "slutdato": "2010-01-01"}
    )
    assert response.status_code == 200
    assert 'value="Nyt navn"' in html(response)
    assert 'value="2010-01-01"' in html(response)
    program.refresh_from_db()
    assert program.navn == "Forebyggelsesprojektet 2011–2012"


def test_edit_of_a_missing_programme_is_404(client_for, ministeriet):
    assert client_for(ministeriet).get("/programmer/999999/rediger/").status_code == 404


def test_services_refuse_an_end_before_the_start(program):
    with pytest.raises(ValidationError) as fejl:
        program_opdater(
            program=program,
            navn=program.navn,
            beskrivelse="",
            startdato=program.startdato,
            slutdato=date(2010, 1, 1),
            samlet_budget=1,
            ansoegningsfrist=program.ansoegningsfrist,
            status=program.status,
        )
    assert fejl.value.message_dict == {"slutdato": ["Slutdatoen skal ligge efter startdatoen."]}
    with pytest.raises(ValidationError):
        program_opret(
            navn="Andet",
            startdato=date(2011, 1, 1),
            slutdato=date(2010, 1, 1),
            samlet_budget=1,
            ansoegningsfrist=timezone.now(),
        )


# The programme's hub page -------------------------------------------------------------------------------


@pytest.mark.parametrize("fixture", ROLLER)
def test_every_role_sees_the_programme_page(client_for, request, fixture, program):
    response = client_for(bruger(request, fixture)).get(f"/programmer/{program.pk}/")
    assert response.status_code == 200
    side = html(response)
    assert "<h1>Forebyggelsesprojektet 2011–2012</h1>" in side
    assert "1. januar 2011 til 31. december 2012" in side
    assert "8. februar 2030 kl. 12.00" in side
    assert "8.000.000 kr." in side
    assert ("Historik" in side) == (fixture == "ministeriet")


@pytest.mark.parametrize("fixture", ROLLER)
def test_a_missing_programme_is_404(client_for, request, fixture):
    assert client_for(bruger(request, fixture)).get("/programmer/999999/").status_code == 404


def test_a_user_without_a_role_sees_no_programme(client_for, program):
    uden_rolle = BrugerFactory(rolle="")
    assert client_for(uden_rolle).get(f"/programmer/{program.pk}/").status_code == 404


@pytest.fixture
def runde(program, kobenhavn, frederiksberg, ministeriet):
    """København submitted and was selected with a grant; Frederiksberg has a draft; Aarhus submitted and was
    sent back for changes."""
    kbh = AnsoegningFactory(program=program, kommune=kobenhavn, indsendt=True)
    deltag(kbh, bevilget=[(2011, 600_000), (2012, 780_000)], af=ministeriet)
    frb = AnsoegningFactory(program=program, kommune=frederiksberg, udfyldt=True, beloeb={2011: 5, 2012: 7})
    aarhus = AnsoegningFactory(program=program, kommune=Kommune.objects.get(kode="751"), indsendt=True)
    ansoegning_send_tilbage(ansoegning=aarhus, kommentar="Uddyb tidsplanen.", bruger=ministeriet)
    return {"kbh": kbh, "frb": frb, "aarhus": aarhus}


def test_ministry_sees_every_application_with_sums_decision_and_links(client_for, ministeriet, program, runde):
    response = client_for(ministeriet).get(f"/programmer/{program.pk}/")
    side = html(response)
    kbh, frb, aarhus = runde["kbh"], runde["frb"], runde["aarhus"]
    raekker = {a.kommune.kode: a for a in response.context["ansoegninger"]}
    assert list(raekker) == ["101", "147", "751"]
    assert raekker["101"].ansoegt_i_alt == 3_200_000
    assert raekker["101"].bevilget_i_alt == 1_380_000
    assert "3.200.000 kr." in side
    assert "1.380.000 kr." in side
    assert "Udvalgt" in side
    for ansoegning in (kbh, aarhus):
        assert f'href="/ansoegninger/{ansoegning.pk}/"' in side
        assert f'href="/ansoegninger/{ansoegning.pk}/vurdering/"' in side
        assert f'href="/ansoegninger/{ansoegning.pk}/afgoerelse/"' in side
    assert "Sendt tilbage til ændring" in side
    # The draft shows only its status: no link, no amount (12 kr. would be "12 kr.").
    assert "Kladde" in side
    assert f"/ansoegninger/{frb.pk}/" not in side
    assert "12 kr." not in side
    assert f'href="/programmer/{program.pk}/sammenligning/"' in side
    assert "Sammenlign interessetilkendegivelser" in side
    assert f'href="/programmer/{program.pk}/budget/"' in side
    assert f'href="/programmer/{program.pk}/rediger/"' in side


def test_ministry_sees_a_rejected_application_as_not_selected(client_for, ministeriet, program, kobenhavn):
    deltag(AnsoegningFactory(program=program, kommune=kobenhavn, indsendt=True), udvalgt=False)
    side = html(client_for(ministeriet).get(f"/programmer/{program.pk}/"))
    assert "Ikke udvalgt" in side


def test_programme_history_leaves_out_the_content_of_drafts(client_for, ministeriet, program, kobenhavn):
    AnsoegningFactory(program=program, kommune=kobenhavn, udfyldt=True)
    response = client_for(ministeriet).get(f"/programmer/{program.pk}/")
    assert {h.hvad for h in response.context["historik"]} == {"Program"}
    assert "Baggrunden for at søge." not in html(response)


def test_ministry_page_uses_a_constant_number_of_queries(
    menuen, client_for, ministeriet, program, django_assert_max_num_queries
):
    client = client_for(ministeriet)

    def ansoeg(koder):
        for kode in koder:
            ansoegning = AnsoegningFactory(program=program, kommune=Kommune.objects.get(kode=kode), indsendt=True)
            deltag(ansoegning, bevilget=[(2011, 100), (2012, 200)], af=ministeriet)

    ansoeg(["101"])
    # The participants list and strategi's section of the page (forebyggelse/sektioner.py) read the participants
    # once each: the section is strategi's, so kommuner does not hand it its rows (docs/decisions/0053). profiler's
    # section counts the programme's own indicators for the ministry (one more).
    with django_assert_max_num_queries(14 + menuen(ministeriet)):
        assert len(client.get(f"/programmer/{program.pk}/").context["ansoegninger"]) == 1
    ansoeg(["147", "151", "153", "155", "157", "159"])
    with django_assert_max_num_queries(14 + menuen(ministeriet)):
        svar = client.get(f"/programmer/{program.pk}/")
    assert len(svar.context["ansoegninger"]) == 7
    assert [d.kommune.kode for d in svar.context["deltagelser"]] == ["101", "147", "151", "153", "155", "157", "159"]
    side = html(svar)
    for kode in ("101", "159"):
        navn = Kommune.objects.get(kode=kode).navn
        assert side.count(f'href="/profiler/{kode}/"') == 1, navn  # the participants list's link to the profile
        assert navn in side


def test_lead_can_start_an_application_with_a_post_form(client_for, projektleder_101, program):
    side = html(client_for(projektleder_101).get(f"/programmer/{program.pk}/"))
    assert "Udfyld interessetilkendegivelse" in side
    assert re.search(
        rf'<form method="post"\s+action="{reverse("kommuner:ansoegning_opret", args=[program.pk])}">', side
    )
    assert 'name="csrfmiddlewaretoken"' in side
    assert '<input type="hidden" name="kommune" value="101">' in side
    assert "Frist: 8. februar 2030 kl. 12.00" in side


@pytest.mark.parametrize("status", [ProgramStatus.PLANLAGT, ProgramStatus.I_GANG, ProgramStatus.AFSLUTTET])
def test_lead_cannot_start_an_application_unless_the_programme_is_open(client_for, projektleder_101, status):
    program = ProgramFactory(status=status)
    side = html(client_for(projektleder_101).get(f"/programmer/{program.pk}/"))
    assert "Udfyld interessetilkendegivelse" not in side
    assert "/ansoeg/" not in side
    assert "Programmet er ikke åbent for interessetilkendegivelser." in side


def test_lead_continues_a_draft_and_reads_a_submitted_one(client_for, projektleder_101, program, kobenhavn):
    client = client_for(projektleder_101)
    ansoegning = AnsoegningFactory(program=program, kommune=kobenhavn)
    side = html(client.get(f"/programmer/{program.pk}/"))
    assert "Udfyld interessetilkendegivelse" not in side
    assert f'href="/ansoegninger/{ansoegning.pk}/">Fortsæt</a>' in side
    assert "Kladde" in side

    andet = ProgramFactory()
    indsendt = AnsoegningFactory(program=andet, kommune=kobenhavn, indsendt=True)
    side = html(client.get(f"/programmer/{andet.pk}/"))
    assert f'href="/ansoegninger/{indsendt.pk}/">Se interessetilkendegivelsen</a>' in side
    assert "Indsendt" in side


def test_lead_is_told_when_the_deadline_has_passed(client_for, projektleder_101):
    program = ProgramFactory(ansoegningsfrist=timezone.now() - timedelta(days=1))
    side = html(client_for(projektleder_101).get(f"/programmer/{program.pk}/"))
    assert "Fristen er overskredet" in side


def test_lead_of_a_participating_municipality_gets_the_budget_link(client_for, projektleder_101, program, runde):
    side = html(client_for(projektleder_101).get(f"/programmer/{program.pk}/"))
    assert f'href="/programmer/{program.pk}/budget/"' in side
    assert "Udvalgt" in side  # the municipality's own decision


def test_lead_of_a_municipality_that_does_not_participate_gets_no_budget_link(
    client_for, projektleder_147, program, runde
):
    side = html(client_for(projektleder_147).get(f"/programmer/{program.pk}/"))
    assert "/budget/" not in side


@pytest.mark.parametrize(
    ("fixture", "egen", "andre"),
    [("projektleder_101", "kbh", ["frb", "aarhus"]), ("projektleder_147", "frb", ["kbh", "aarhus"])],
)
def test_leads_page_never_shows_another_municipalitys_application(
    client_for, request, program, runde, fixture, egen, andre
):
    response = client_for(bruger(request, fixture)).get(f"/programmer/{program.pk}/")
    side = html(response)
    assert f"/ansoegninger/{runde[egen].pk}/" in side
    for anden in andre:
        ansoegning = runde[anden]
        assert f"/ansoegninger/{ansoegning.pk}/" not in side
        assert ansoegning.kommune.navn not in side
    assert "vurdering" not in side
    assert "/sammenligning/" not in side
    assert "ansoegninger" not in response.context
    assert [r.kommune.kode for r in response.context["mine_kommuner"]] == [runde[egen].kommune.kode]


def test_lead_of_two_municipalities_sees_both(client_for, program, runde):
    leder = BrugerFactory(rolle=Rolle.PROJEKTLEDER, kommuner=["101", "147"])
    side = html(client_for(leder).get(f"/programmer/{program.pk}/"))
    assert "Københavns Kommune" in side and "Frederiksberg Kommune" in side
    assert f"/ansoegninger/{runde['kbh'].pk}/" in side
    assert f"/ansoegninger/{runde['frb'].pk}/" in side
    assert "Aarhus" not in side


def test_evaluator_sees_submitted_applications_participants_and_budget(client_for, evaluator, program, runde):
    response = client_for(evaluator).get(f"/programmer/{program.pk}/")
    side = html(response)
    assert f'href="/ansoegninger/{runde["kbh"].pk}/"' in side
    assert f'href="/ansoegninger/{runde["aarhus"].pk}/"' in side
    assert f"/ansoegninger/{runde['frb'].pk}/" not in side  # a draft
    assert "Frederiksberg" not in side
    assert "<li>Københavns Kommune</li>" in side  # the participants
    assert f'href="/programmer/{program.pk}/budget/"' in side
    for skjult in ("/vurdering/", "/afgoerelse/", "/sammenligning/", "Udvalgt", "Historik"):
        assert skjult not in side


def test_steering_group_sees_participants_and_budget_only(client_for, styregruppe, program, runde):
    side = html(client_for(styregruppe).get(f"/programmer/{program.pk}/"))
    assert "<li>Københavns Kommune</li>" in side
    assert f'href="/programmer/{program.pk}/budget/"' in side
    assert "/ansoegninger/" not in side
    assert "Aarhus" not in side
    assert "Historik" not in side


def test_sent_back_application_is_continued_by_its_lead(client_for, program, runde):
    leder = BrugerFactory(rolle=Rolle.PROJEKTLEDER, kommuner=["751"])
    side = html(client_for(leder).get(f"/programmer/{program.pk}/"))
    assert runde["aarhus"].status == AnsoegningStatus.INDSENDT  # the fixture's copy; the row was sent back
    assert "Sendt tilbage til ændring" in side
    assert f'href="/ansoegninger/{runde["aarhus"].pk}/">Fortsæt</a>' in side
