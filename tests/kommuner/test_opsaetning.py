"""A programme's set-up edited by the ministry in the browser (decision record 0056): the services that change a
section, a precondition, a criterion and the money rules (a change after the first submission makes a new version),
their refusals, who may use the pages, and bad input on the forms."""

import pytest
from django.core.exceptions import ValidationError

from kommuner.models import Afsnit, Ansoegning, Kriterie, Opsaetning, Program, Svar, Vurdering
from kommuner.services.ansoegninger import Ansoegningsindhold, ansoegning_gem
from kommuner.services.opsaetninger import (
    afsnit_flyt,
    afsnit_gem,
    afsnit_slet,
    forudsaetning_gem,
    forudsaetning_slet,
    kriterie_gem,
    kriterie_slet,
    pengeregler_gem,
)
from kommuner.services.vurderinger import Vurderingsindhold, vurdering_gem
from tests.kommuner.factories import AnsoegningFactory, BrugerFactory, ProgramFactory, projektleder_for

pytestmark = pytest.mark.django_db

IKKE_MINISTERIET = ["projektleder_101", "projektleder_147", "evaluator", "styregruppe"]


@pytest.fixture
def program(db) -> Program:
    return ProgramFactory(navn="Forebyggelsesprojektet 2013–2014")


def nyeste(program: Program) -> Opsaetning:
    return program.opsaetninger.order_by("-version").first()


def afsnit(program: Program, overskrift: str) -> Afsnit:
    return nyeste(program).afsnit.get(overskrift=overskrift)


def kriterie(program: Program, nr: int) -> Kriterie:
    return nyeste(program).kriterier.get(nr=nr)


def overskrifter(opsaetning: Opsaetning) -> list[str]:
    return list(opsaetning.afsnit.order_by("nr").values_list("overskrift", flat=True))


def vurder(ansoegning: Ansoegning, bedoemmer, **felter) -> Vurdering:
    return vurdering_gem(
        vurdering=Vurdering(ansoegning=ansoegning, bedoemmer=bedoemmer),
        bruger=bedoemmer,
        indhold=Vurderingsindhold(**felter),
        version=0,
    )


def html(response) -> str:
    return response.content.decode()


# Changes while no application is submitted: in the one version -------------------------------------------------


def test_a_section_is_added_at_the_end_and_changed_in_place_while_nothing_is_submitted(program, ministeriet):
    ny = afsnit_gem(program=program, overskrift=" H. Evaluering ", hjaelp="Hvordan I følger op.", bruger=ministeriet)
    assert (ny.nr, ny.overskrift, ny.tegngraense, ny.paakraevet) == (7, "H. Evaluering", 4_000, True)
    rettet = afsnit_gem(
        program=program,
        afsnit=ny,
        overskrift="H. Opfølgning",
        tegngraense=2_000,
        paakraevet=False,
        bruger=ministeriet,
    )
    assert rettet.pk == ny.pk
    assert (rettet.overskrift, rettet.tegngraense, rettet.paakraevet, rettet.hjaelp) == (
        "H. Opfølgning",
        2_000,
        False,
        "",
    )
    assert program.opsaetninger.count() == 1


def test_a_precondition_and_a_criterion_are_added_after_the_others_and_changed(program, ministeriet):
    forudsaetning = forudsaetning_gem(program=program, tekst="Kommunalbestyrelsen bakker op", bruger=ministeriet)
    assert forudsaetning.nr == 3
    forudsaetning = forudsaetning_gem(
        program=program,
        forudsaetning=forudsaetning,
        tekst="Byrådet bakker op",
        vejledning="Se beslutningen.",
        bruger=ministeriet,
    )
    assert (forudsaetning.tekst, forudsaetning.vejledning) == ("Byrådet bakker op", "Se beslutningen.")
    ny = kriterie_gem(
        program=program, tekst="Inddragelse af forældre", skala_fra=0, skala_til=3, vaegt=2, bruger=ministeriet
    )
    assert (ny.nr, list(ny.skala), ny.vaegt) == (9, [0, 1, 2, 3], 2)
    assert program.opsaetninger.count() == 1


def test_the_money_rules_are_changed(program, ministeriet):
    opsaetning = pengeregler_gem(
        program=program,
        maks_beloeb=1_500_000,
        medfinansiering_procent=25,
        udbetaling=" Forud for hvert år. ",
        bruger=ministeriet,
    )
    opsaetning.refresh_from_db()
    assert (opsaetning.version, opsaetning.maks_beloeb, opsaetning.medfinansiering_procent, opsaetning.udbetaling) == (
        1,
        1_500_000,
        25,
        "Forud for hvert år.",
    )
    with pytest.raises(ValidationError) as fejl:
        pengeregler_gem(program=program, maks_beloeb=None, medfinansiering_procent=101, bruger=ministeriet)
    assert fejl.value.message_dict["medfinansiering_procent"] == ["Medfinansieringen kan højst være 100 %."]


def test_a_section_moves_up_and_down_and_stays_at_the_ends(program, ministeriet):
    baggrund = afsnit(program, "C. Baggrund")
    afsnit_flyt(afsnit=baggrund, retning="op", bruger=ministeriet)
    assert overskrifter(nyeste(program))[:2] == ["C. Baggrund", "B. Beslutningsniveau"]
    afsnit_flyt(afsnit=afsnit(program, "C. Baggrund"), retning="op", bruger=ministeriet)  # already first
    afsnit_flyt(afsnit=afsnit(program, "G. Lokal tidsplan"), retning="ned", bruger=ministeriet)  # already last
    afsnit_flyt(afsnit=afsnit(program, "C. Baggrund"), retning="ned", bruger=ministeriet)
    assert overskrifter(nyeste(program)) == [
        "B. Beslutningsniveau",
        "C. Baggrund",
        "D. Opstart og fremdrift",
        "E. Projektdesign",
        "F. Bemanding og organisatorisk placering",
        "G. Lokal tidsplan",
    ]
    assert list(nyeste(program).afsnit.values_list("nr", flat=True)) == [1, 2, 3, 4, 5, 6]


def test_deleting_renumbers_the_rest_when_nothing_refers_to_them(program, ministeriet):
    kriterie_slet(kriterie=kriterie(program, 3), bruger=ministeriet)
    kriterier = list(nyeste(program).kriterier.values_list("nr", "tekst"))
    assert [nr for nr, _ in kriterier] == [1, 2, 3, 4, 5, 6, 7]
    assert kriterier[2][1] == "Det nytænkende, unikke eller særlige"  # criterion 4 moved up
    afsnit_slet(afsnit=afsnit(program, "D. Opstart og fremdrift"), bruger=ministeriet)
    assert list(nyeste(program).afsnit.values_list("nr", flat=True)) == [1, 2, 3, 4, 5]
    forudsaetning_slet(forudsaetning=nyeste(program).forudsaetninger.get(nr=1), bruger=ministeriet)
    assert list(nyeste(program).forudsaetninger.values_list("nr", flat=True)) == [1]
    assert program.opsaetninger.count() == 1


# Changes after the first submission: a new version -------------------------------------------------------------


def test_a_change_after_the_first_submission_makes_a_new_version_and_moves_the_drafts(
    program, ministeriet, kobenhavn, frederiksberg
):
    indsendt = AnsoegningFactory(program=program, kommune=kobenhavn, indsendt=True)
    kladde = AnsoegningFactory(program=program, kommune=frederiksberg, udfyldt=True)
    foer = {s.afsnit.overskrift: s.tekst for s in indsendt.svar.select_related("afsnit")}
    kladdens_svar = {s.afsnit.nr: s.tekst for s in kladde.svar.select_related("afsnit")}

    rettet = afsnit_gem(
        program=program,
        afsnit=afsnit(program, "C. Baggrund"),
        overskrift="C. Baggrund og erfaringer",
        hjaelp="Hvad I allerede gør.",
        tegngraense=4_000,
        bruger=ministeriet,
    )

    version_1, version_2 = program.opsaetninger.order_by("version")
    assert rettet.opsaetning == version_2
    assert "C. Baggrund" in overskrifter(version_1) and "C. Baggrund og erfaringer" in overskrifter(version_2)
    # The submitted application keeps its version, and its answers the sections it answered.
    indsendt.refresh_from_db()
    assert indsendt.opsaetning == version_1
    assert {s.afsnit.overskrift: s.tekst for s in indsendt.svar.select_related("afsnit")} == foer
    assert not Svar.objects.filter(ansoegning=indsendt, afsnit__opsaetning=version_2).exists()
    # The draft answers the form as it now is, its answers kept section by section.
    kladde.refresh_from_db()
    assert kladde.opsaetning == version_2
    assert {s.afsnit.nr: s.tekst for s in kladde.svar.select_related("afsnit")} == kladdens_svar
    assert kladde.svar.get(afsnit__overskrift="C. Baggrund og erfaringer").afsnit.opsaetning == version_2
    # The next change goes into version 2 too: nothing written in it is submitted.
    kriterie_gem(program=program, kriterie=kriterie(program, 2), tekst="Klare mål", bruger=ministeriet)
    assert program.opsaetninger.count() == 2
    assert version_1.kriterier.get(nr=2).tekst == "Formål og forventede resultater"


def test_the_money_rules_after_a_submission_go_into_a_new_version(program, ministeriet, kobenhavn):
    indsendt = AnsoegningFactory(program=program, kommune=kobenhavn, indsendt=True)
    ny = pengeregler_gem(program=program, maks_beloeb=2_000_000, medfinansiering_procent=10, bruger=ministeriet)
    assert ny.version == 2
    indsendt.refresh_from_db()
    assert (indsendt.opsaetning.version, indsendt.opsaetning.maks_beloeb) == (1, None)


def test_saving_what_is_already_there_makes_no_new_version(program, ministeriet, kobenhavn):
    AnsoegningFactory(program=program, kommune=kobenhavn, indsendt=True)
    k = kriterie(program, 1)
    kriterie_gem(
        program=program,
        kriterie=k,
        tekst=k.tekst,
        vejledning=k.vejledning,
        skala_fra=k.skala_fra,
        skala_til=k.skala_til,
        vaegt=k.vaegt,
        bruger=ministeriet,
    )
    pengeregler_gem(program=program, maks_beloeb=None, medfinansiering_procent=0, bruger=ministeriet)
    afsnit_flyt(afsnit=afsnit(program, "B. Beslutningsniveau"), retning="op", bruger=ministeriet)
    assert program.opsaetninger.count() == 1


def test_an_item_of_an_older_version_is_refused(program, ministeriet, kobenhavn):
    AnsoegningFactory(program=program, kommune=kobenhavn, indsendt=True)
    gammelt = kriterie(program, 1)
    kriterie_gem(program=program, kriterie=gammelt, tekst="Nyt kriterie 1", bruger=ministeriet)
    with pytest.raises(ValidationError, match="hører til en ældre version"):
        kriterie_gem(program=program, kriterie=gammelt, tekst="Igen", bruger=ministeriet)
    with pytest.raises(ValidationError, match="findes ikke længere"):
        kriterie_gem(program=ProgramFactory(), kriterie=kriterie(program, 2), tekst="Andet program", bruger=ministeriet)


# Refusals -------------------------------------------------------------------------------------------------------


def test_a_criterion_with_scores_is_not_deleted_and_no_version_is_made(program, ministeriet, kobenhavn, frederiksberg):
    anden = BrugerFactory(username="bedoemmer-2")
    for kommune in (kobenhavn, frederiksberg):
        ansoegning = AnsoegningFactory(program=program, kommune=kommune, indsendt=True)
        vurder(ansoegning, ministeriet, kriterie_2=4, kriterie_3=5)
        vurder(ansoegning, anden, kriterie_2=3)
    with pytest.raises(ValidationError) as fejl:
        kriterie_slet(kriterie=kriterie(program, 2), bruger=ministeriet)
    assert fejl.value.messages == [
        "Kriteriet har 4 scorer og kan ikke slettes: bedømmerne har scoret det i programmet. Ret teksten i stedet."
    ]
    with pytest.raises(ValidationError, match="Kriteriet har 2 scorer og kan ikke slettes"):
        kriterie_slet(kriterie=kriterie(program, 3), bruger=ministeriet)
    assert program.opsaetninger.count() == 1
    assert nyeste(program).kriterier.count() == 8
    # In a later version the criterion under the same number is still the one that was scored.
    kriterie_gem(program=program, kriterie=kriterie(program, 1), tekst="Erfaringer", bruger=ministeriet)
    assert program.opsaetninger.count() == 2
    with pytest.raises(ValidationError, match="Kriteriet har 4 scorer og kan ikke slettes"):
        kriterie_slet(kriterie=kriterie(program, 2), bruger=ministeriet)
    assert nyeste(program).kriterier.count() == 8


def test_a_precondition_with_assessments_is_not_deleted(program, ministeriet, kobenhavn):
    vurder(AnsoegningFactory(program=program, kommune=kobenhavn, indsendt=True), ministeriet, forudsaetning_1=True)
    with pytest.raises(ValidationError) as fejl:
        forudsaetning_slet(forudsaetning=nyeste(program).forudsaetninger.get(nr=1), bruger=ministeriet)
    assert fejl.value.messages == [
        "Forudsætningen har 1 vurdering og kan ikke slettes: bedømmerne har vurderet den i programmet. Ret teksten i "
        "stedet."
    ]
    assert program.opsaetninger.count() == 1


def test_a_section_with_answers_is_not_deleted_but_one_with_only_an_emptied_answer_is(
    program, ministeriet, kobenhavn, frederiksberg
):
    AnsoegningFactory(program=program, kommune=kobenhavn, udfyldt=True)
    kladde = AnsoegningFactory(program=program, kommune=frederiksberg, udfyldt=True)
    with pytest.raises(ValidationError, match="Afsnittet har 2 svar og kan ikke slettes: kommunerne har skrevet"):
        afsnit_slet(afsnit=afsnit(program, "E. Projektdesign"), bruger=ministeriet)
    # Both drafts empty section G: an emptied answer is no answer, and goes with its section.
    nr = afsnit(program, "G. Lokal tidsplan").nr
    for ansoegning in Ansoegning.objects.filter(program=program):
        leder = projektleder_for(ansoegning.kommune)
        ansoegning_gem(ansoegning=ansoegning, indhold=Ansoegningsindhold(svar={nr: ""}), beloeb={}, bruger=leder)
    afsnit_slet(afsnit=afsnit(program, "G. Lokal tidsplan"), bruger=ministeriet)
    assert "G. Lokal tidsplan" not in overskrifter(nyeste(program))
    assert kladde.svar.count() == 5


def test_a_submitted_section_is_kept_and_so_are_the_numbers_of_what_was_scored(program, ministeriet, kobenhavn):
    """After the first submission a deletion goes into a new version. The comparison matches criteria across
    versions by number, so scored numbers are neither moved nor reused."""
    ansoegning = AnsoegningFactory(program=program, kommune=kobenhavn, indsendt=True)
    vurder(ansoegning, ministeriet, kriterie_5=4)
    with pytest.raises(ValidationError, match="Afsnittet har 1 svar"):
        afsnit_slet(afsnit=afsnit(program, "C. Baggrund"), bruger=ministeriet)
    kriterie_slet(kriterie=kriterie(program, 3), bruger=ministeriet)
    version_1, version_2 = program.opsaetninger.order_by("version")
    assert list(version_2.kriterier.values_list("nr", flat=True)) == [1, 2, 4, 5, 6, 7, 8]
    assert version_1.kriterier.count() == 8
    assert kriterie_gem(program=program, tekst="Nyt", bruger=ministeriet).nr == 9
    # After the last scored number, the rest still moves up.
    kriterie_slet(kriterie=kriterie(program, 6), bruger=ministeriet)
    assert list(version_2.kriterier.values_list("nr", flat=True)) == [1, 2, 4, 5, 6, 7, 8]
    assert version_2.kriterier.get(nr=8).tekst == "Nyt"


def test_a_limit_below_what_a_draft_has_written_is_refused(program, ministeriet, kobenhavn, projektleder_101):
    kladde = AnsoegningFactory(program=program, kommune=kobenhavn)
    baggrund = afsnit(program, "C. Baggrund")
    ansoegning_gem(
        ansoegning=kladde, indhold=Ansoegningsindhold(svar={baggrund.nr: "x" * 250}), beloeb={}, bruger=projektleder_101
    )
    with pytest.raises(ValidationError) as fejl:
        afsnit_gem(program=program, afsnit=baggrund, overskrift="C. Baggrund", tegngraense=200, bruger=ministeriet)
    assert fejl.value.message_dict["tegngraense"] == [
        "En kommune har allerede skrevet 250 tegn i afsnittet i sin kladde. Grænsen skal være mindst 250 tegn."
    ]
    assert (
        afsnit_gem(
            program=program, afsnit=baggrund, overskrift="C. Baggrund", tegngraense=250, bruger=ministeriet
        ).tegngraense
        == 250
    )


# The pages: who may use them -------------------------------------------------------------------------------------


def _sider(program: Program) -> dict[str, str]:
    o = nyeste(program)
    return {
        "opsaetning": f"/programmer/{program.pk}/opsaetning/",
        "forhaandsvisning": f"/programmer/{program.pk}/opsaetning/forhaandsvisning/",
        "pengeregler": f"/programmer/{program.pk}/opsaetning/pengeregler/",
        "afsnit_opret": f"/programmer/{program.pk}/opsaetning/afsnit/nyt/",
        "afsnit": f"/opsaetning/afsnit/{o.afsnit.first().pk}/",
        "forudsaetning": f"/opsaetning/forudsaetninger/{o.forudsaetninger.first().pk}/",
        "kriterie": f"/opsaetning/kriterier/{o.kriterier.first().pk}/",
    }


@pytest.mark.parametrize("fixture", IKKE_MINISTERIET)
def test_only_the_ministry_sees_and_changes_the_set_up(client_for, request, fixture, program):
    client = client_for(request.getfixturevalue(fixture))
    for navn, url in _sider(program).items():
        response = client.get(url)
        assert response.status_code == 403, navn
        assert "Kun ministeriet kan se og ændre programmets opsætning." in html(response), navn
    k = kriterie(program, 1)
    assert client.post(f"/opsaetning/kriterier/{k.pk}/slet/").status_code == 403
    assert client.post(f"/opsaetning/afsnit/{nyeste(program).afsnit.first().pk}/ned/").status_code == 403
    assert nyeste(program).kriterier.count() == 8


def test_the_anonymous_visitor_is_sent_to_login_and_a_missing_item_is_404(client, client_for, ministeriet, program):
    for url in _sider(program).values():
        assert client.get(url)["Location"].startswith("/konto/login/")
    client = client_for(ministeriet)
    assert client.get("/opsaetning/kriterier/999999/").status_code == 404
    assert client.get(f"/programmer/{program.pk}/opsaetning/?version=7").status_code == 404


def test_the_ministry_reaches_the_set_up_from_the_programme_page(client_for, ministeriet, program):
    side = html(client_for(ministeriet).get(f"/programmer/{program.pk}/"))
    assert f'href="/programmer/{program.pk}/opsaetning/"' in side


def test_the_set_up_page_shows_the_newest_version_its_lock_and_the_earlier_versions(
    client_for, ministeriet, program, kobenhavn
):
    client = client_for(ministeriet)
    url = f"/programmer/{program.pk}/opsaetning/"
    side = html(client.get(url))
    assert "Version 1, oprettet" in side and "Låst" not in side
    assert "C. Baggrund" in side and "Organisering og ledelse" in side and "Ingen krav" in side
    AnsoegningFactory(program=program, kommune=kobenhavn, indsendt=True)
    side = html(client.get(url))
    assert "Låst: 1 interessetilkendegivelse er indsendt i denne version; en ændring laver version 2." in side
    client.post(
        f"/opsaetning/kriterier/{kriterie(program, 2).pk}/",
        {"tekst": "Klare mål", "skala_fra": "1", "skala_til": "5", "vaegt": "2"},
    )
    side = html(client.get(url))
    assert "Version 2, oprettet" in side and "Låst" not in side and "Klare mål" in side
    assert f'href="{url}?version=1"' in side
    gammel = html(client.get(f"{url}?version=1"))
    assert "Du ser version 1, en ældre version" in gammel and "Låst: 1 interessetilkendegivelse" in gammel
    assert "Formål og forventede resultater" in gammel and "/opsaetning/kriterier/" not in gammel


def test_saving_after_a_submission_says_a_new_version_was_made(client_for, ministeriet, program, kobenhavn):
    AnsoegningFactory(program=program, kommune=kobenhavn, indsendt=True)
    response = client_for(ministeriet).post(
        f"/opsaetning/afsnit/{afsnit(program, 'C. Baggrund').pk}/",
        {"overskrift": "C. Baggrund og erfaringer", "hjaelp": "", "tegngraense": "4000", "paakraevet": "on"},
        follow=True,
    )
    side = html(response)
    assert "Afsnittet “C. Baggrund og erfaringer” er gemt." in side
    assert "Ændringen er lagt i en ny version 2 af opsætningen" in side
    assert response.redirect_chain[-1][0] == f"/programmer/{program.pk}/opsaetning/#afsnit"


def test_a_refused_deletion_shows_the_reason_with_the_count(client_for, ministeriet, program, kobenhavn):
    vurder(AnsoegningFactory(program=program, kommune=kobenhavn, indsendt=True), ministeriet, kriterie_1=4)
    response = client_for(ministeriet).post(f"/opsaetning/kriterier/{kriterie(program, 1).pk}/slet/", follow=True)
    assert "Kriteriet har 1 score og kan ikke slettes" in html(response)
    assert program.opsaetninger.count() == 1


def test_the_ministry_adds_moves_and_deletes_through_the_pages(client_for, ministeriet, program):
    client = client_for(ministeriet)
    response = client.post(
        f"/programmer/{program.pk}/opsaetning/afsnit/nyt/",
        {"overskrift": "H. Evaluering", "hjaelp": "", "tegngraense": "2000"},
    )
    assert response.status_code == 302
    ny = afsnit(program, "H. Evaluering")
    assert not ny.paakraevet  # an unticked box
    client.post(f"/opsaetning/afsnit/{ny.pk}/op/")
    assert overskrifter(nyeste(program))[-2:] == ["H. Evaluering", "G. Lokal tidsplan"]
    client.post(f"/opsaetning/afsnit/{ny.pk}/slet/")
    assert "H. Evaluering" not in overskrifter(nyeste(program))
    client.post(f"/programmer/{program.pk}/opsaetning/forudsaetninger/ny/", {"tekst": "Byrådet bakker op"})
    client.post(
        f"/programmer/{program.pk}/opsaetning/kriterier/nyt/",
        {"tekst": "Inddragelse", "vejledning": "", "skala_fra": "1", "skala_til": "4", "vaegt": "1"},
    )
    client.post(
        f"/programmer/{program.pk}/opsaetning/pengeregler/",
        {"maks_beloeb": "1.500.000 kr.", "medfinansiering_procent": "20", "udbetaling": "Årligt."},
    )
    opsaetning = nyeste(program)
    assert opsaetning.forudsaetninger.get(nr=3).tekst == "Byrådet bakker op"
    assert list(opsaetning.kriterier.get(nr=9).skala) == [1, 2, 3, 4]
    assert (opsaetning.maks_beloeb, opsaetning.medfinansiering_procent) == (1_500_000, 20)


def test_the_preview_shows_the_form_and_the_assessment_and_sends_nothing(client_for, ministeriet, program):
    client = client_for(ministeriet)
    afsnit_gem(program=program, overskrift="H. Evaluering", hjaelp="Hvordan I følger op.", bruger=ministeriet)
    kriterie_gem(program=program, kriterie=kriterie(program, 2), tekst="Klare mål", vaegt=3, bruger=ministeriet)
    response = client.get(f"/programmer/{program.pk}/opsaetning/forhaandsvisning/")
    side = html(response)
    assert response.status_code == 200
    for tekst in (
        "H. Evaluering",
        "Hvordan I følger op.",
        "Ansøgt beløb 2011 (kr.)",
        "Forudsætning 1:",
        "2. Klare mål",
    ):
        assert tekst in side, tekst
    assert "Vægt 3." in side
    assert "<form" not in side.split('id="skema-overskrift"')[1].split("Tilbage til opsætningen")[0]
    assert 'name="afsnit_7"' in side and "disabled" in side
    assert not Ansoegning.objects.exists() and not Vurdering.objects.exists()


# Bad input: the Danish message, what was typed kept, nothing changed ---------------------------------------------


@pytest.mark.parametrize(
    ("data", "felt", "fejl"),
    [
        ({"overskrift": "", "hjaelp": "Skriv om baggrunden.", "tegngraense": "3000"}, "overskrift",
         "Skriv afsnittets overskrift."),
        ({"overskrift": "C. Baggrund", "hjaelp": "Skriv om baggrunden.", "tegngraense": "50000"}, "tegngraense",
         "Grænsen kan højst være 40.000 tegn."),
        ({"overskrift": "C. Baggrund", "hjaelp": "Skriv om baggrunden.", "tegngraense": "99"}, "tegngraense",
         "Grænsen skal være mindst 100 tegn."),
        ({"overskrift": "C. Baggrund", "hjaelp": "Skriv om baggrunden.", "tegngraense": "fire sider"}, "tegngraense",
         "Skriv et helt antal tegn, fx 4000."),
    ],
)  # fmt: skip
def test_bad_input_on_a_section_keeps_what_was_typed(client_for, ministeriet, program, data, felt, fejl):
    baggrund = afsnit(program, "C. Baggrund")
    response = client_for(ministeriet).post(f"/opsaetning/afsnit/{baggrund.pk}/", data)
    assert response.status_code == 400
    assert response.context["form"].errors[felt] == [fejl]
    side = html(response)
    assert fejl in side
    assert "Skriv om baggrunden." in side
    assert data[felt] == "" or f'value="{data[felt]}"' in side
    baggrund.refresh_from_db()
    assert baggrund.hjaelp.startswith("Hvorfor kommunen vil deltage")


@pytest.mark.parametrize(
    ("skala_fra", "skala_til", "felt", "fejl"),
    [
        ("5", "5", "skala_til", "Den højeste score skal være større end den laveste."),
        ("4", "2", "skala_til", "Den højeste score skal være større end den laveste."),
        ("1", "11", "skala_til", "Skriv et tal fra 1 til 10."),
        ("", "5", "skala_fra", "Skriv et tal fra 0 til 9, fx 1."),
    ],
)
def test_bad_input_on_a_criterion_keeps_what_was_typed(
    client_for, ministeriet, program, skala_fra, skala_til, felt, fejl
):
    data = {"tekst": "Tydelige mål", "vejledning": "", "skala_fra": skala_fra, "skala_til": skala_til, "vaegt": "2"}
    response = client_for(ministeriet).post(f"/programmer/{program.pk}/opsaetning/kriterier/nyt/", data)
    assert response.status_code == 400
    assert response.context["form"].errors[felt] == [fejl]
    side = html(response)
    assert fejl in side and 'value="Tydelige mål"' in side and f'value="{skala_til}"' in side
    assert nyeste(program).kriterier.count() == 8


def test_a_service_refusal_lands_on_the_form_with_what_was_typed(
    client_for, ministeriet, program, kobenhavn, projektleder_101
):
    baggrund = afsnit(program, "C. Baggrund")
    ansoegning_gem(
        ansoegning=AnsoegningFactory(program=program, kommune=kobenhavn),
        indhold=Ansoegningsindhold(svar={baggrund.nr: "x" * 250}),
        beloeb={},
        bruger=projektleder_101,
    )
    response = client_for(ministeriet).post(
        f"/opsaetning/afsnit/{baggrund.pk}/",
        {"overskrift": "C. Kort baggrund", "hjaelp": "", "tegngraense": "200", "paakraevet": "on"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["tegngraense"] == [
        "En kommune har allerede skrevet 250 tegn i afsnittet i sin kladde. Grænsen skal være mindst 250 tegn."
    ]
    assert 'value="C. Kort baggrund"' in html(response)
    baggrund.refresh_from_db()
    assert baggrund.overskrift == "C. Baggrund"


# Copy from a previous programme ---------------------------------------------------------------------------------


def test_a_new_programme_copies_the_set_up_chosen_on_the_create_form(client_for, ministeriet, program):
    afsnit_gem(program=program, afsnit=afsnit(program, "C. Baggrund"), overskrift="C. Erfaringer", bruger=ministeriet)
    pengeregler_gem(program=program, maks_beloeb=900_000, medfinansiering_procent=10, bruger=ministeriet)
    client = client_for(ministeriet)
    form = html(client.get("/programmer/nyt/"))
    assert "Ministeriets standardskema" in form and "Kopi af Forebyggelsesprojektet 2013–2014" in form
    data = {
        "navn": "Forebyggelsesprojektet 2015–2016",
        "beskrivelse": "",
        "startdato": "2015-01-01",
        "slutdato": "2016-12-31",
        "samlet_budget": "8.000.000",
        "frist_dato": "2015-02-08",
        "frist_tid": "12:00",
        "status": "planlagt",
    }
    client.post("/programmer/nyt/", {**data, "kopi_fra": program.pk})
    kopi = nyeste(Program.objects.get(navn="Forebyggelsesprojektet 2015–2016"))
    assert "C. Erfaringer" in overskrifter(kopi)
    assert (kopi.version, kopi.maks_beloeb, kopi.medfinansiering_procent) == (1, 900_000, 10)
    client.post("/programmer/nyt/", {**data, "navn": "Standard"})
    assert "C. Baggrund" in overskrifter(nyeste(Program.objects.get(navn="Standard")))
    response = client.post("/programmer/nyt/", {**data, "navn": "Forkert", "kopi_fra": "999999"})
    assert response.context["form"].errors["kopi_fra"] == ["Vælg en af opsætningerne på listen."]
    assert "kopi_fra" not in client.get(f"/programmer/{program.pk}/rediger/").context["form"].fields
