"""A programme's choice of the indicators its social profiles show (issue 17): without one, every profile is as it
was; with one, the profile page, its PDF, the report package's PDF and the delivery show exactly those indicators,
also where the municipality chose its own; the ministry chooses, resets and copies on a page nobody else knows; bad
input changes nothing; and the profile page's queries stay constant."""

import io
import re
from datetime import date

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from evaluering.models import Dataleverance
from evaluering.snapshot import social_profil
from kommuner.models import Deltagelse, Kommune
from profiler.models import Indikator, Programindikator
from profiler.profilside import valgte_indikatorer
from profiler.rapporter import profil_pdf
from profiler.selectors import katalog, profil_for, profilens_program
from profiler.services.profiler import profil_vaelg_indikatorer
from profiler.services.programindikatorer import programindikatorer_kopier, programindikatorer_vaelg
from tests.kommuner.factories import ProgramFactory
from tests.profiler.factories import IndikatorFactory, importer

pytestmark = pytest.mark.django_db

# What the 2017 "omlægning" programme looks at: placements and preventive measures.
OMLAEGNINGENS = ["anbragte_0_17", "forebyggende_foranstaltninger"]
ANDRE = ["underretninger", "anmeldte_forbrydelser"]


def _indikatorer(*koder: str) -> list[Indikator]:
    return list(Indikator.objects.filter(kode__in=koder))


def _navne(*koder: str) -> list[str]:
    return list(Indikator.objects.filter(kode__in=koder).values_list("navn", flat=True))


@pytest.fixture
def tal():
    importer(
        [
            (kode, indikator, 2011, t + n, 10_000)
            for n, indikator in enumerate(OMLAEGNINGENS + ANDRE)
            for kode, t in (("101", 300), ("147", 200), ("751", 250))
        ]
    )


@pytest.fixture
def programmer(kobenhavn):
    """København takes part in the 2011 programme and in the newer "omlægning" programme."""
    p2011 = ProgramFactory(navn="Forebyggelsesprojektet 2011–2012")
    omlaegning = ProgramFactory(navn="Omlægning 2017", startdato=date(2017, 5, 1), slutdato=date(2018, 12, 31))
    for program in (p2011, omlaegning):
        Deltagelse.objects.create(program=program, kommune=kobenhavn)
    return p2011, omlaegning


def _udvalg(kommune, program):
    return valgte_indikatorer(profil=profil_for(kommune), program=program, alle=katalog())


def _tekst(pdf: bytes) -> str:
    """The PDF's text on one line, without the hyphens WeasyPrint breaks words with (U+2010)."""
    tekst = " ".join(" ".join(side.extract_text() for side in PdfReader(io.BytesIO(pdf)).pages).split())
    return tekst.replace("\u2010 ", "")


# Which indicators ----------------------------------------------------------------------------------------


def test_without_a_selection_of_its_own_a_programme_leaves_every_profile_as_it_was(kobenhavn, programmer, ministeriet):
    omlaegning = programmer[1]
    standard = [i for i in katalog() if i.standard]
    udvalg = _udvalg(kobenhavn, omlaegning)
    assert udvalg.indikatorer == standard and udvalg.standard and udvalg.tekst == "standardudvalget"
    assert _udvalg(kobenhavn, None).indikatorer == standard
    profil_vaelg_indikatorer(kommune=kobenhavn, indikatorer=_indikatorer(*ANDRE), bruger=ministeriet)
    udvalg = _udvalg(kobenhavn, omlaegning)
    assert [i.kode for i in udvalg.indikatorer] == ANDRE and udvalg.tekst == "kommunens eget udvalg"


def test_a_programmes_own_selection_is_exactly_what_its_participants_profiles_show(kobenhavn, programmer, ministeriet):
    p2011, omlaegning = programmer
    profil_vaelg_indikatorer(kommune=kobenhavn, indikatorer=_indikatorer(*ANDRE), bruger=ministeriet)
    programindikatorer_vaelg(program=omlaegning, indikatorer=_indikatorer(*OMLAEGNINGENS))
    udvalg = _udvalg(kobenhavn, omlaegning)
    assert [i.kode for i in udvalg.indikatorer] == OMLAEGNINGENS  # the catalogue's order
    assert udvalg.program == omlaegning and udvalg.tekst == "udvalget for Omlægning 2017"
    # The 2011 programme has none of its own: there the municipality's choice still holds.
    assert [i.kode for i in _udvalg(kobenhavn, p2011).indikatorer] == ANDRE


def test_the_profile_page_follows_the_newest_programme_the_municipality_takes_part_in(kobenhavn, programmer):
    assert profilens_program(kobenhavn) == programmer[1]
    assert profilens_program(Kommune.objects.get(kode="147")) is None


def test_the_page_and_its_pdf_show_the_programmes_indicators_and_not_the_others(
    client_for, kobenhavn, programmer, ministeriet, evaluator, tal
):
    programindikatorer_vaelg(program=programmer[1], indikatorer=_indikatorer(*OMLAEGNINGENS))
    html = client_for(evaluator).get("/profiler/101/2011/").content.decode()
    assert "Profilen viser de nøgletal, ministeriet har valgt for Omlægning 2017." in html
    assert html.count('class="indikator"') == 2
    for navn in _navne(*OMLAEGNINGENS):
        assert navn in html
    for navn in _navne(*ANDRE):
        assert navn not in html
    svar = client_for(evaluator).get("/profiler/101/2011/pdf/")
    tekst = _tekst(svar.content)
    assert "Profilen viser de nøgletal, ministeriet har valgt for Omlægning 2017." in tekst
    for navn in _navne(*OMLAEGNINGENS):
        assert navn in tekst
    for navn in _navne(*ANDRE):
        assert navn not in tekst
    # The programme's report package asks for the profile of its own participation: the 2011 programme has no
    # selection, so its PDF shows the default set.
    tekst_2011 = _tekst(
        profil_pdf(kommune=kobenhavn, aar=2011, program=programmer[0], bruger=ministeriet, med_fund=True)
    )
    assert all(navn in tekst_2011 for navn in _navne(*OMLAEGNINGENS, *ANDRE))


def test_the_delivery_of_a_participations_profile_has_its_programmes_indicators(
    kobenhavn, programmer, ministeriet, tal
):
    p2011, omlaegning = programmer
    programindikatorer_vaelg(program=omlaegning, indikatorer=_indikatorer(*OMLAEGNINGENS))
    deltagelse = Deltagelse.objects.get(program=omlaegning, kommune=kobenhavn)
    afsnit = social_profil(deltagelse, Dataleverance(program=omlaegning, aar=2011), ministeriet)
    assert {n["indikator"] for n in afsnit["data"]["noegletal"]} == set(OMLAEGNINGENS)
    assert ["Nøgletal", "2 (udvalget for Omlægning 2017)"] in afsnit["blokke"][0]["felter"]
    deltagelse_2011 = Deltagelse.objects.get(program=p2011, kommune=kobenhavn)
    afsnit = social_profil(deltagelse_2011, Dataleverance(program=p2011, aar=2011), ministeriet)
    assert {n["indikator"] for n in afsnit["data"]["noegletal"]} == set(OMLAEGNINGENS + ANDRE)


def test_the_cached_page_follows_a_change_of_the_programmes_selection(client_for, evaluator, programmer, tal):
    client = client_for(evaluator)
    standard = len([i for i in katalog() if i.standard])
    assert client.get("/profiler/101/2011/").content.decode().count('class="indikator"') == standard
    programindikatorer_vaelg(program=programmer[1], indikatorer=_indikatorer("anbragte_0_17"))
    assert client.get("/profiler/101/2011/").content.decode().count('class="indikator"') == 1
    programindikatorer_vaelg(program=programmer[1], indikatorer=[])
    assert client.get("/profiler/101/2011/").content.decode().count('class="indikator"') == standard


def _forespoergsler(client, url: str, *, kold: bool) -> int:
    if kold:
        cache.clear()
    else:
        client.get(url)
    with CaptureQueriesContext(connection) as forespoergsler:
        assert client.get(url).status_code == 200
    return len(forespoergsler)


def test_with_a_programmes_own_selection_the_page_makes_the_same_number_of_queries_however_much_it_shows(
    client_for, evaluator, programmer
):
    client = client_for(evaluator)
    url = "/profiler/101/2011/"
    faa = [IndikatorFactory() for _ in range(2)]
    importer([("101", i.kode, 2011, 50, 1000) for i in faa])
    programindikatorer_vaelg(program=programmer[1], indikatorer=faa)
    lille = (_forespoergsler(client, url, kold=True), _forespoergsler(client, url, kold=False))
    mange = [*faa, *(IndikatorFactory() for _ in range(8))]
    importer(
        [
            (k.kode, i.kode, aar, 50 + n, 1000)
            for n, k in enumerate(Kommune.objects.all())
            for i in mange
            for aar in (2010, 2011)
        ]
    )
    programindikatorer_vaelg(program=programmer[1], indikatorer=mange)
    stor = (_forespoergsler(client, url, kold=True), _forespoergsler(client, url, kold=False))
    assert client.get(url).content.decode().count('class="indikator"') == 10
    assert lille == stor
    assert stor[1] <= 16


# The municipality's settings while the programme decides ------------------------------------------------------


def test_while_the_programme_decides_the_lead_is_told_so_and_cannot_choose(
    client_for, kobenhavn, programmer, projektleder_101
):
    programindikatorer_vaelg(program=programmer[1], indikatorer=_indikatorer(*OMLAEGNINGENS))
    lead = client_for(projektleder_101)
    html = lead.get("/profiler/101/indstillinger/").content.decode()
    assert "Profilen viser de 2 nøgletal, ministeriet har valgt for Omlægning 2017." in html
    assert 'name="indikatorer"' not in html
    svar = lead.post(
        "/profiler/101/indstillinger/noegletal/", {"indikatorer": [i.pk for i in _indikatorer(*ANDRE)], "version": 0}
    )
    assert svar.status_code == 403
    assert "Kommunens eget valg bruges ikke" in svar.content.decode()
    assert profil_for(kobenhavn) is None  # nothing saved


# The ministry's page ------------------------------------------------------------------------------------------


def _url(program, *rest: str) -> str:
    return "/".join([f"/profiler/programmer/{program.pk}/noegletal", *rest, ""])


@pytest.mark.parametrize("rolle", ["projektleder_101", "evaluator", "styregruppe"])
def test_nobody_but_the_ministry_knows_the_page(request, client_for, programmer, rolle):
    client = client_for(request.getfixturevalue(rolle))
    omlaegning = programmer[1]
    assert client.get(_url(omlaegning)).status_code == 404
    assert client.post(_url(omlaegning), {"indikatorer_anbringelser": [1]}).status_code == 404
    assert client.post(_url(omlaegning, "standard")).status_code == 404
    assert client.post(_url(omlaegning, "kopier"), {"fra": programmer[0].pk}).status_code == 404
    assert not Programindikator.objects.exists()


def test_a_visitor_is_asked_to_log_in(client, programmer):
    assert client.get(_url(programmer[1]))["Location"].startswith("/konto/login/")


def test_the_ministry_chooses_by_section_starting_from_the_default(client_for, ministeriet, programmer):
    client = client_for(ministeriet)
    omlaegning = programmer[1]
    html = client.get(_url(omlaegning)).content.decode()
    assert re.search(r"<legend[^>]*>Anbringelser\s*</legend>", html) and re.search(r">Kriminalitet\s*</legend>", html)
    standard = [i for i in katalog() if i.standard]
    assert len(re.findall(r'type="checkbox"[^>]*checked', html)) == len(standard)
    anbragte, forebyggende = _indikatorer(*OMLAEGNINGENS)
    svar = client.post(
        _url(omlaegning),
        {"indikatorer_anbringelser": [anbragte.pk], "indikatorer_forebyggelse": [forebyggende.pk]},
        follow=True,
    )
    assert "Profilerne i Omlægning 2017 viser nu de 2 valgte nøgletal." in svar.content.decode()
    assert set(Programindikator.objects.values_list("indikator__kode", flat=True)) == set(OMLAEGNINGENS)
    html = svar.content.decode()
    assert len(re.findall(r'type="checkbox"[^>]*checked', html)) == 2
    assert f"{anbragte.navn}: oprettet" in html  # the history names the indicator added
    # Back to the default.
    svar = client.post(_url(omlaegning, "standard"), follow=True)
    assert "viser nu standardudvalget af nøgletal" in svar.content.decode()
    assert not Programindikator.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"indikatorer_anbringelser": ["999999"]},
        {"indikatorer_anbringelser": ["abc"]},
        # An indicator of another section in this one: not on the list the ministry saw.
        {"indikatorer_anbringelser": ["{underretninger}"]},
    ],
)
def test_an_unknown_indicator_is_refused_in_danish_and_nothing_is_saved(client_for, ministeriet, programmer, data):
    omlaegning = programmer[1]
    programindikatorer_vaelg(program=omlaegning, indikatorer=_indikatorer(*OMLAEGNINGENS))
    underretninger = Indikator.objects.get(kode="underretninger")
    anmeldte = Indikator.objects.get(kode="anmeldte_forbrydelser")
    data = {k: [v.format(underretninger=underretninger.pk) for v in vs] for k, vs in data.items()}
    data["indikatorer_kriminalitet"] = [anmeldte.pk]
    svar = client_for(ministeriet).post(_url(omlaegning), data)
    assert svar.status_code == 400
    html = svar.content.decode()
    assert "Et af de valgte nøgletal findes ikke i kataloget under Anbringelser." in html
    assert "Der er problemer med det, du har udfyldt" in html
    assert re.search(rf'value="{anmeldte.pk}"[^>]*checked', html)  # what the user ticked is kept
    assert set(Programindikator.objects.values_list("indikator__kode", flat=True)) == set(OMLAEGNINGENS)


# Copy from another programme --------------------------------------------------------------------------------------


def test_copying_gives_the_programme_the_other_programmes_selection(programmer):
    p2011, omlaegning = programmer
    programindikatorer_vaelg(program=p2011, indikatorer=_indikatorer(*ANDRE))
    programindikatorer_vaelg(program=omlaegning, indikatorer=_indikatorer(*OMLAEGNINGENS))
    kopi = programindikatorer_kopier(fra=omlaegning, til=p2011)
    assert sorted(i.kode for i in kopi) == sorted(OMLAEGNINGENS)
    assert set(Programindikator.objects.filter(program=p2011).values_list("indikator__kode", flat=True)) == set(
        OMLAEGNINGENS
    )


def test_copying_from_itself_or_from_a_programme_without_a_selection_is_refused(programmer):
    p2011, omlaegning = programmer
    programindikatorer_vaelg(program=omlaegning, indikatorer=_indikatorer(*OMLAEGNINGENS))
    with pytest.raises(ValidationError, match="Vælg et andet program end dette"):
        programindikatorer_kopier(fra=omlaegning, til=omlaegning)
    with pytest.raises(ValidationError, match="har ikke sit eget udvalg af nøgletal"):
        programindikatorer_kopier(fra=p2011, til=omlaegning)
    assert set(Programindikator.objects.values_list("indikator__kode", flat=True)) == set(OMLAEGNINGENS)


def test_the_copy_button_lists_the_programmes_with_a_selection_and_copies(client_for, ministeriet, programmer):
    p2011, omlaegning = programmer
    client = client_for(ministeriet)
    assert "Kopiér fra et andet program" not in client.get(_url(p2011)).content.decode()  # nothing to copy yet
    programindikatorer_vaelg(program=omlaegning, indikatorer=_indikatorer(*OMLAEGNINGENS))
    html = client.get(_url(p2011)).content.decode()
    assert (
        "Kopiér fra et andet program" in html
        and f'<option value="{omlaegning.pk}">Omlægning 2017 (2 nøgletal)</option>' in html
    )
    svar = client.post(_url(p2011, "kopier"), {"fra": omlaegning.pk}, follow=True)
    assert "Profilerne i Forebyggelsesprojektet 2011–2012 viser nu de samme 2 nøgletal som Omlægning 2017." in (
        svar.content.decode()
    )
    assert set(Programindikator.objects.filter(program=p2011).values_list("indikator__kode", flat=True)) == set(
        OMLAEGNINGENS
    )


@pytest.mark.parametrize("fra", ["", "abc", "999999", "self"])
def test_a_bad_copy_is_refused_in_danish_and_nothing_changes(client_for, ministeriet, programmer, fra):
    p2011 = programmer[0]
    programindikatorer_vaelg(program=p2011, indikatorer=_indikatorer(*ANDRE))
    svar = client_for(ministeriet).post(_url(p2011, "kopier"), {"fra": p2011.pk if fra == "self" else fra})
    assert svar.status_code == 400
    html = svar.content.decode()
    assert "Vælg det program, hvis nøgletal du vil kopiere." in html or "Vælg et af programmerne på listen." in html
    assert set(Programindikator.objects.filter(program=p2011).values_list("indikator__kode", flat=True)) == set(ANDRE)


# The programme page ----------------------------------------------------------------------------------------------


def test_the_ministrys_programme_and_set_up_pages_link_to_the_choice_and_nobody_elses_do(
    client_for, ministeriet, evaluator, programmer
):
    omlaegning = programmer[1]
    for side in ("", "opsaetning/"):
        html = client_for(ministeriet).get(f"/programmer/{omlaegning.pk}/{side}").content.decode()
        assert "Deltagernes profiler viser standardudvalget" in html and _url(omlaegning) in html
    programindikatorer_vaelg(program=omlaegning, indikatorer=_indikatorer(*OMLAEGNINGENS))
    for side in ("", "opsaetning/"):
        html = client_for(ministeriet).get(f"/programmer/{omlaegning.pk}/{side}").content.decode()
        assert "Deltagernes profiler viser programmets eget udvalg: 2 nøgletal." in html
    assert _url(omlaegning) not in client_for(evaluator).get(f"/programmer/{omlaegning.pk}/").content.decode()
