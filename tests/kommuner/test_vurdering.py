"""Assessment (ministry only): one's own assessment, correcting any assessment with optimistic locking, and the
side-by-side comparison of all applications in a programme."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from forebyggelse.roller import Rolle
from kommuner.models import Anbefaling, Kommune, Kriterie, Vurdering
from kommuner.selectors import Punkter, _samlet_snit, _vaegtet_snit
from kommuner.services.ansoegninger import ansoegning_send_tilbage
from kommuner.services.bevillinger import afgoerelse_traef
from kommuner.services.vurderinger import VurderingKonflikt, Vurderingsindhold, vurdering_gem
from tests.kommuner.factories import AnsoegningFactory, BrugerFactory, ProgramFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(db):
    return ProgramFactory()


@pytest.fixture
def ansoegning(program, kobenhavn, projektleder_101):
    return AnsoegningFactory(program=program, kommune=kobenhavn, indsendt=True)


def vurder(ansoegning, bruger, **data) -> Vurdering:
    return vurdering_gem(
        vurdering=Vurdering(ansoegning=ansoegning, bedoemmer=bruger),
        bruger=bruger,
        indhold=Vurderingsindhold(**data),
        version=0,
    )


def formdata(version: int, **andet) -> dict:
    data = {
        "version": version,
        "forudsaetning_1": "True",
        "forudsaetning_1_kommentar": "Ligger klart inden for formålet.",
        "forudsaetning_2": "False",
        "forudsaetning_2_kommentar": "",
        "anbefaling": Anbefaling.UDVAELG,
        "anbefaling_begrundelse": "Et stærkt projekt.",
    }
    for nr in range(1, 9):
        data[f"kriterie_{nr}"] = str((nr % 5) + 1)
        data[f"kriterie_{nr}_kommentar"] = ""
    data.update(andet)
    return data


# Access ------------------------------------------------------------------------------------------


def _urls(ansoegning, vurdering):
    return [
        reverse("kommuner:vurdering", args=[ansoegning.pk]),
        reverse("kommuner:vurdering_rediger", args=[vurdering.pk]),
        reverse("kommuner:sammenligning", args=[ansoegning.program_id]),
    ]


@pytest.mark.parametrize("rolle", ["projektleder_101", "projektleder_147", "evaluator", "styregruppe"])
def test_everyone_but_the_ministry_gets_404_on_every_assessment_url(
    request, client_for, ansoegning, ministeriet, rolle
):
    vurdering = vurder(ansoegning, ministeriet, kriterie_1=4)
    client = client_for(request.getfixturevalue(rolle))
    sammenligning = reverse("kommuner:sammenligning", args=[ansoegning.program_id])
    for url in _urls(ansoegning, vurdering):
        assert client.get(url).status_code == 404, url
        # The comparison only reads: a POST is refused (405) before anyone is asked who they are.
        assert client.post(url, formdata(1, kriterie_1="1")).status_code == (405 if url == sammenligning else 404), url
    vurdering.refresh_from_db()
    assert (vurdering.vaerdier().get("kriterie_1"), vurdering.version) == (4, 1)


def test_anonymous_is_sent_to_login_on_every_assessment_url(client, ansoegning, ministeriet):
    vurdering = vurder(ansoegning, ministeriet)
    for url in _urls(ansoegning, vurdering):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/konto/login/")


def test_ministry_reaches_every_assessment_url(client_for, ansoegning, ministeriet):
    vurdering = vurder(ansoegning, ministeriet)
    client = client_for(ministeriet)
    for url in _urls(ansoegning, vurdering):
        assert client.get(url).status_code == 200, url


def test_a_draft_cannot_be_assessed(client_for, program, frederiksberg, ministeriet):
    kladde = AnsoegningFactory(program=program, kommune=frederiksberg, udfyldt=True)
    assert client_for(ministeriet).get(reverse("kommuner:vurdering", args=[kladde.pk])).status_code == 404
    with pytest.raises(ValidationError, match="ikke indsendt"):
        vurder(kladde, ministeriet, kriterie_1=3)


def test_a_missing_assessment_is_404(client_for, ministeriet):
    assert client_for(ministeriet).get(reverse("kommuner:vurdering_rediger", args=[999999])).status_code == 404


# One's own assessment ----------------------------------------------------------------------------


def test_own_assessment_page_shows_the_application_and_an_empty_form(client_for, ansoegning, ministeriet):
    response = client_for(ministeriet).get(reverse("kommuner:vurdering", args=[ansoegning.pk]))
    html = response.content.decode()
    assert "Baggrunden for at søge." in html
    assert "1.400.000 kr." in html
    assert reverse("kommuner:ansoegning", args=[ansoegning.pk]) in html
    assert 'name="version" value="0"' in html
    assert "Gode erfaringer fra den nuværende forebyggende indsats" in html
    assert not Vurdering.objects.exists()


def test_first_save_creates_the_assessment_and_a_partial_one_is_fine(client_for, ansoegning, ministeriet):
    client = client_for(ministeriet)
    url = reverse("kommuner:vurdering", args=[ansoegning.pk])
    response = client.post(url, {"version": 0, "kriterie_3": "4", "kriterie_3_kommentar": "God forankring."})
    assert response.status_code == 302
    assert response["Location"] == url
    vurdering = Vurdering.objects.get()
    assert (
        vurdering.bedoemmer,
        vurdering.vaerdier().get("kriterie_3"),
        vurdering.vaerdier().get("kriterie_3_kommentar"),
    ) == (
        ministeriet,
        4,
        "God forankring.",
    )
    assert (
        vurdering.vaerdier().get("kriterie_1") is None
        and vurdering.vaerdier().get("forudsaetning_1") is None
        and vurdering.anbefaling == ""
    )
    assert vurdering.version == 1
    html = client.get(url).content.decode()
    assert "er gemt" in html
    assert 'name="version" value="1"' in html


def test_a_complete_assessment_is_saved_field_by_field(client_for, ansoegning, ministeriet):
    client = client_for(ministeriet)
    client.post(reverse("kommuner:vurdering", args=[ansoegning.pk]), formdata(0))
    vurdering = Vurdering.objects.get()
    assert vurdering.vaerdier().get("forudsaetning_1") is True and vurdering.vaerdier().get("forudsaetning_2") is False
    assert vurdering.scorer == [2, 3, 4, 5, 1, 2, 3, 4]
    assert vurdering.anbefaling == Anbefaling.UDVAELG
    assert vurdering.anbefaling_begrundelse == "Et stærkt projekt."
    # Saving again against the loaded version bumps the version; a score can be taken back.
    client.post(reverse("kommuner:vurdering", args=[ansoegning.pk]), formdata(1, kriterie_1=""))
    vurdering.refresh_from_db()
    assert (vurdering.vaerdier().get("kriterie_1"), vurdering.version) == (None, 2)


@pytest.mark.parametrize(
    ("felt", "vaerdi"),
    [("kriterie_2", "6"), ("kriterie_2", "0"), ("forudsaetning_1", "maaske"), ("anbefaling", "maaske")],
)
def test_a_value_outside_the_choices_is_a_field_error(client_for, ansoegning, ministeriet, felt, vaerdi):
    response = client_for(ministeriet).post(
        reverse("kommuner:vurdering", args=[ansoegning.pk]), formdata(0, **{felt: vaerdi})
    )
    assert response.status_code == 200
    assert felt in response.context["form"].errors
    assert "Der er problemer med det, du har udfyldt" in response.content.decode()
    assert not Vurdering.objects.exists()


def test_a_comment_over_2000_characters_is_refused_and_the_text_kept(client_for, ansoegning, ministeriet):
    lang = "x" * 2_001
    response = client_for(ministeriet).post(
        reverse("kommuner:vurdering", args=[ansoegning.pk]), formdata(0, kriterie_4_kommentar=lang)
    )
    assert response.status_code == 200
    assert "kriterie_4_kommentar" in response.context["form"].errors
    assert lang in response.content.decode()
    assert not Vurdering.objects.exists()


def test_a_form_without_its_version_is_refused(client_for, ansoegning, ministeriet):
    data = formdata(0)
    del data["version"]
    response = client_for(ministeriet).post(reverse("kommuner:vurdering", args=[ansoegning.pk]), data)
    assert response.status_code == 200
    assert "Siden mangler oplysninger. Hent den igen." in response.content.decode()
    assert not Vurdering.objects.exists()


def test_service_refuses_unknown_fields_bad_scores_and_others_assessments(ansoegning, ministeriet):
    with pytest.raises(ValidationError, match="Vurderingsskemaet er ændret"):
        vurder(ansoegning, ministeriet, version=7)
    with pytest.raises(ValidationError, match="Vurderingsskemaet er ændret"):
        vurder(ansoegning, ministeriet, kriterie_9=3)  # the set-up has eight criteria
    with pytest.raises(ValidationError) as fejl:
        vurder(ansoegning, ministeriet, kriterie_1=6)
    assert "Scoren skal være mellem 1 og 5." in fejl.value.messages
    anden = BrugerFactory(rolle=Rolle.MINISTERIET)
    with pytest.raises(ValidationError, match="din egen"):
        vurdering_gem(
            vurdering=Vurdering(ansoegning=ansoegning, bedoemmer=anden),
            bruger=ministeriet,
            indhold=Vurderingsindhold(),
            version=0,
        )
    assert not Vurdering.objects.exists()


def test_a_sent_back_application_can_still_be_assessed(ansoegning, ministeriet):
    ansoegning_send_tilbage(ansoegning=ansoegning, kommentar="Uddyb tidsplanen.", bruger=ministeriet)
    assert vurder(ansoegning, ministeriet, kriterie_7=2).vaerdier()["kriterie_7"] == 2


# Correcting any assessment, and the conflict --------------------------------------------------------


@pytest.fixture
def kollega(db):
    return BrugerFactory(username="kollega", rolle=Rolle.MINISTERIET, first_name="Karen", last_name="Kollega")


def test_any_ministry_user_may_correct_any_assessment(client, ansoegning, ministeriet, kollega):
    vurdering = vurder(ansoegning, ministeriet, kriterie_1=2)
    client.force_login(kollega)
    url = reverse("kommuner:vurdering_rediger", args=[vurdering.pk])
    response = client.get(url)
    assert "ved Test ministeriet" in response.content.decode()
    response = client.post(url, formdata(1, kriterie_1="5"))
    assert response.status_code == 302 and response["Location"] == url
    vurdering.refresh_from_db()
    assert (vurdering.vaerdier().get("kriterie_1"), vurdering.version, vurdering.bedoemmer) == (5, 2, ministeriet)
    # The change is in the history, with who made it.
    html = client.get(url).content.decode()
    assert "Historik" in html
    assert "Karen Kollega" in html


def test_two_assessors_saving_the_same_version_the_second_gets_a_conflict_and_keeps_input(
    ansoegning, ministeriet, kollega
):
    vurdering = vurder(ansoegning, ministeriet, kriterie_1=3, kriterie_1_kommentar="Første udgave.")
    url = reverse("kommuner:vurdering_rediger", args=[vurdering.pk])
    foerste, anden = Client(), Client()
    foerste.force_login(ministeriet)
    anden.force_login(kollega)
    # Both load version 1.
    assert 'name="version" value="1"' in foerste.get(url).content.decode()
    assert 'name="version" value="1"' in anden.get(url).content.decode()
    # The colleague saves first.
    assert anden.post(url, formdata(1, kriterie_1="5", kriterie_1_kommentar="Kollegaens rettelse.")).status_code == 302
    # The first assessor saves on top of version 1: refused, input kept, nothing overwritten.
    response = foerste.post(url, formdata(1, kriterie_1="2", kriterie_1_kommentar="Min egen tekst, ikke gemt."))
    assert response.status_code == 409
    html = response.content.decode()
    assert "Vurderingen er blevet ændret af Karen Kollega" in html
    assert "Dine indtastninger er bevaret herunder; se den nye version og gem igen." in html
    assert "Min egen tekst, ikke gemt." in html
    assert "Kollegaens rettelse." in html  # the version now stored is shown beside the input
    assert response.context["form"]["kriterie_1"].value() == "2"
    assert 'name="version" value="2"' in html  # the next save goes against the version now stored
    vurdering.refresh_from_db()
    assert (
        vurdering.vaerdier().get("kriterie_1"),
        vurdering.vaerdier().get("kriterie_1_kommentar"),
        vurdering.version,
    ) == (
        5,
        "Kollegaens rettelse.",
        2,
    )
    # Having seen the new version, saving again works.
    response = foerste.post(url, formdata(2, kriterie_1="2", kriterie_1_kommentar="Min egen tekst, nu gemt."))
    assert response.status_code == 302
    vurdering.refresh_from_db()
    assert (vurdering.vaerdier().get("kriterie_1"), vurdering.version) == (2, 3)


def test_own_assessment_created_in_another_window_meanwhile_is_a_conflict(client_for, ansoegning, ministeriet):
    client = client_for(ministeriet)
    url = reverse("kommuner:vurdering", args=[ansoegning.pk])
    assert client.post(url, formdata(0, kriterie_8="4")).status_code == 302
    response = client.post(url, formdata(0, kriterie_8="1"))
    assert response.status_code == 409
    assert "Vurderingen er blevet ændret af Test ministeriet" in response.content.decode()
    assert Vurdering.objects.get().vaerdier().get("kriterie_8") == 4


def test_service_conditional_update_raises_conflict_and_writes_nothing(ansoegning, ministeriet, kollega):
    vurdering = vurder(ansoegning, ministeriet, kriterie_2=3)
    vurdering_gem(vurdering=vurdering, bruger=kollega, indhold=Vurderingsindhold(kriterie_2=4), version=1)
    with pytest.raises(VurderingKonflikt) as konflikt:
        vurdering_gem(vurdering=vurdering, bruger=ministeriet, indhold=Vurderingsindhold(kriterie_2=1), version=1)
    assert konflikt.value.nuvaerende.version == 2
    assert konflikt.value.aendret_af == "Karen Kollega"
    vurdering.refresh_from_db()
    assert (vurdering.vaerdier().get("kriterie_2"), vurdering.version) == (4, 2)


# The side-by-side comparison ---------------------------------------------------------------------


def test_comparison_aggregates_every_assessor(client_for, program, ansoegning, frederiksberg, ministeriet, kollega):
    tredje = BrugerFactory(rolle=Rolle.MINISTERIET, first_name="Tredje", last_name="Bedømmer")
    vurder(
        ansoegning,
        ministeriet,
        forudsaetning_1=True,
        forudsaetning_2=True,
        kriterie_1=3,
        kriterie_2=4,
        anbefaling=Anbefaling.UDVAELG,
    )
    vurder(
        ansoegning,
        kollega,
        forudsaetning_1=True,
        forudsaetning_2=False,
        kriterie_1=4,
        kriterie_2=4,
        anbefaling=Anbefaling.TVIVL,
    )
    vurder(ansoegning, tredje, forudsaetning_1=False, kriterie_2=3)
    frb = AnsoegningFactory(program=program, kommune=frederiksberg, indsendt=True, beloeb={2011: 500_000, 2012: 0})
    afgoerelse_traef(
        ansoegning=ansoegning,
        udvalgt=True,
        begrundelse="Godt projekt.",
        bevillinger={2011: 200_000, 2012: 1_180_000},
        bruger=ministeriet,
    )

    response = client_for(ministeriet).get(reverse("kommuner:sammenligning", args=[program.pk]))
    assert response.status_code == 200
    sammenligning = response.context["sammenligning"]
    assert [a.kommune.kode for a in sammenligning.ansoegninger] == ["101", "147"]
    raekker = {r.overskrift.split(":")[0].split(".")[0]: r for r in sammenligning.raekker}
    assert raekker["Forudsætning 1"].celler == [(2, 1), (0, 0)]
    assert raekker["Forudsætning 2"].celler == [(1, 1), (0, 0)]
    assert [str(c) if c is not None else None for c in raekker["1"].celler] == ["3.5", None]
    assert str(raekker["2"].celler[0]) == "3.7"  # 11 / 3 = 3,67 → rounded, not cut, to 3,7
    assert str(raekker["Gennemsnit af alle kriterier"].celler[0]) == "3.6"  # (3+4+4+4+3) / 5
    assert raekker["Antal bedømmere"].celler == [3, 0]
    assert raekker["Ansøgt i alt"].celler == [3_200_000, 500_000]
    assert raekker["Bevilget i alt"].celler == [1_380_000, None]

    html = response.content.decode()
    for tekst in [
        "Ja: 2, nej: 1",
        "3,5",
        "3,7",
        "1.400.000 kr.",
        "1.800.000 kr.",
        "3.200.000 kr.",
        "500.000 kr.",
        "1.380.000 kr.",
        "Karen Kollega</a>:\n",
        "I tvivl",
        "Anbefales udvalgt",
        "ingen anbefaling endnu",
        "Udvalgt",
        "Ikke afgjort",
        "Ikke vurderet",
    ]:
        assert tekst in html, tekst
    assert "–" in html
    assert reverse("kommuner:vurdering", args=[frb.pk]) in html


def test_comparison_leaves_out_drafts(client_for, program, ansoegning, frederiksberg, ministeriet):
    AnsoegningFactory(program=program, kommune=frederiksberg, udfyldt=True)
    response = client_for(ministeriet).get(reverse("kommuner:sammenligning", args=[program.pk]))
    assert [a.kommune.kode for a in response.context["sammenligning"].ansoegninger] == ["101"]


def test_comparison_of_a_programme_without_applications(client_for, ministeriet):
    program = ProgramFactory()
    response = client_for(ministeriet).get(reverse("kommuner:sammenligning", args=[program.pk]))
    assert "Der er ikke indsendt nogen interessetilkendegivelser" in response.content.decode()


def _fyld_program(program, antal_kommuner: int, bedoemmere: list) -> None:
    for kommune in Kommune.objects.order_by("kode")[:antal_kommuner]:
        ansoegning = AnsoegningFactory(program=program, kommune=kommune, indsendt=True)
        for nr, bedoemmer in enumerate(bedoemmere, start=1):
            vurder(ansoegning, bedoemmer, kriterie_1=nr, forudsaetning_1=True, anbefaling=Anbefaling.IKKE)


def test_comparison_uses_the_same_number_of_queries_however_much_data(
    menuen, client_for, ministeriet, django_assert_max_num_queries
):
    client = client_for(ministeriet)
    lille = ProgramFactory()
    _fyld_program(lille, 1, [ministeriet])
    stort = ProgramFactory()
    _fyld_program(stort, 5, [ministeriet, *[BrugerFactory(rolle=Rolle.MINISTERIET) for _ in range(2)]])
    for program, antal in [(lille, 1), (stort, 5)]:
        # 7 for every request (session read and save, user, savepoints with pghistory's context), 6 for the page
        # The set-up's criteria and preconditions, and their scores grouped in the database: 4 more, fixed.
        with django_assert_max_num_queries(17 + menuen(ministeriet)):
            response = client.get(reverse("kommuner:sammenligning", args=[program.pk]))
        assert len(response.context["sammenligning"].ansoegninger) == antal


def _scoret(**kriterier: tuple[int | None, int]) -> dict:
    """Scores as the comparison counts them for application 1: per criterion the sum and the number of scores."""
    return {
        (1, int(navn[1:])): (Decimal(summen) / antal, summen, antal)
        for navn, (summen, antal) in kriterier.items()
        if antal
    }


def test_the_overall_average_weighs_every_score_alike():
    # Criterion 1 scored 4 and 5 by two assessors, criterion 2 scored 1 by one: (4 + 5 + 1) / 3, not (4,5 + 1) / 2.
    assert _samlet_snit(1, _scoret(k1=(9, 2), k2=(1, 1))) == Decimal("3.3")
    assert _samlet_snit(1, _scoret(k1=(7, 2))) == Decimal("3.5")  # half up


def test_the_overall_average_is_empty_until_a_criterion_is_scored():
    assert _samlet_snit(1, _scoret()) is None


def test_the_weighted_average_follows_the_set_ups_weights():
    # Criterion 1 (weight 3) averages 4,5, criterion 2 (weight 1) averages 1: (3 × 4,5 + 1) / 4 = 3,625 → 3,6.
    punkter = Punkter(
        forudsaetninger={},
        kriterier={1: Kriterie(nr=1, tekst="a", vaegt=3), 2: Kriterie(nr=2, tekst="b", vaegt=1)},
    )
    assert _vaegtet_snit(1, _scoret(k1=(9, 2), k2=(1, 1)), punkter) == Decimal("3.6")
    assert _vaegtet_snit(1, _scoret(), punkter) is None
