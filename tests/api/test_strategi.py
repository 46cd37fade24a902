"""Strategies and their parts through the API (api/strategi.py): a key reads exactly what its owner's pages show, every
row carries the ids a script joins on, the filters a pull needs, and a page costs the same number of queries however
much there is."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from api import strategi as api_strategi
from api.urls import router
from kommuner.models import Kommune
from profiler.models import Retning
from strategi.models import (
    Fremskridt,
    Handling,
    HandlingStatus,
    Indsatsomraade,
    Maal,
    Opfoelgning,
    Strategi,
    StrategiStatus,
    Tilbud,
    Trin,
)
from strategi.selectors import maal_for_strategi
from strategi.services.fremskridt import Fremskridtsindhold, fremskridt_kommenter, fremskridt_registrer
from strategi.services.maal import opfoelgning_opret
from tests.kommuner.factories import projektleder_for
from tests.profiler.factories import IndikatorFactory, importer
from tests.strategi.factories import (
    HandlingFactory,
    MaalFactory,
    StrategiFactory,
    TilbudFactory,
    godkend,
    ministeriet,
)

pytestmark = pytest.mark.django_db

HALVVEJS = Fremskridtsindhold(dato=date(2012, 7, 1), status=HandlingStatus.I_GANG, procent=50, notat="Halvvejs.")


@pytest.fixture(autouse=True)
def _kvittering_uden_weasyprint(monkeypatch):
    # A participation is made through the programme's application, whose submission renders a PDF receipt that
    # these tests never read (as in tests/strategi/conftest.py).
    monkeypatch.setattr("kommuner.services.ansoegninger.html_til_pdf", lambda html: b"%PDF-1.4\n%%EOF\n")


def _alt_paa(kommune: Kommune, *, sendt_tilbage: bool = False) -> Strategi:
    """An approved strategy with a row of every kind: a goal, an action, an offer, a follow-up and a progress update
    (and one the ministry sent back, if asked)."""
    strategi = StrategiFactory(kommune=kommune, fuld=True)
    TilbudFactory(strategi=strategi, trin=Trin.HJEMMEBASERET)
    strategi = godkend(strategi)
    leder = projektleder_for(kommune)
    opfoelgning_opret(maal=strategi.maal.get(), dato=date(2012, 6, 30), vaerdi=Decimal(50), bruger=leder)
    fremskridt_registrer(handling=strategi.handlinger.get(), indhold=HALVVEJS, bruger=leder)
    if sendt_tilbage:
        tilbage = fremskridt_registrer(handling=strategi.handlinger.get(), indhold=HALVVEJS, bruger=leder)
        fremskridt_kommenter(fremskridt=tilbage, tekst="Hvad mangler?", send_tilbage=True, bruger=ministeriet())
    return strategi


def _hent_alle(api, adresse: str) -> list[dict]:
    raekker = []
    while adresse:
        svar = api.get(adresse)
        assert svar.status_code == 200, svar.content
        raekker += svar.json()["results"]
        adresse = svar.json()["next"]
    return raekker


# The rule: a key never returns what its owner's pages hide --------------------------------------------------------

# Every endpoint of api/strategi.py with the model of its rows; a new endpoint without an entry fails the test below.
ENDEPUNKTER = {
    "strategier": Strategi,
    "maal": Maal,
    "handlinger": Handling,
    "opfoelgninger": Opfoelgning,
    "fremskridt": Fremskridt,
    "tilbud": Tilbud,
}


def test_every_strategy_endpoint_is_in_the_rule_test():
    fra_modulet = {prefix for prefix, visning, _ in router.registry if visning.__module__ == api_strategi.__name__}
    assert fra_modulet == set(ENDEPUNKTER)


@pytest.fixture
def frederiksberg_to_strategier(frederiksberg, projektleder_147):
    """Frederiksberg's approved strategy with a row of every kind and a progress update the ministry sent back, and
    Frederiksberg's never-submitted draft with a row of every kind as well. A draft gets follow-ups and progress only
    once approved, so those rows are made while it is approved and the strategy is then put back to a draft that was
    never submitted: every endpoint has a row of the draft that it must not leak."""
    godkendt = _alt_paa(frederiksberg, sendt_tilbage=True)
    kladde = _alt_paa(frederiksberg)
    Strategi.objects.filter(pk=kladde.pk).update(
        status=StrategiStatus.KLADDE, foerst_indsendt=None, indsendt=None, godkendt=None
    )
    return godkendt, kladde


def _raekker(model, strategi: Strategi) -> set[int]:
    if model is Strategi:
        return {strategi.pk}
    return set(model.objects.filter(strategi=strategi).values_list("pk", flat=True))


@pytest.mark.parametrize("endepunkt", sorted(ENDEPUNKTER))
def test_a_leads_key_never_returns_another_municipalitys_unpublished_data(
    api_for,
    endepunkt,
    frederiksberg_to_strategier,
    projektleder_101,
    projektleder_147,
    ministeriet,
    evaluator,
    styregruppe,
):
    """København's lead reads Frederiksberg's approved strategy and its parts, as on the pages, but nothing of its
    draft (absent from the list, 404 on its own) and not the progress update the ministry sent back; the ministry
    and the evaluator read the sent-back update but not the never-submitted draft; the steering group neither.
    Frederiksberg's own lead reads all of it: the hidden rows are there to leak."""
    model = ENDEPUNKTER[endepunkt]
    godkendt, kladde = frederiksberg_to_strategier
    tilbage = set(Fremskridt.objects.filter(sendt_tilbage=True).values_list("pk", flat=True))
    skjult_for_andre = _raekker(model, kladde)
    synlig = _raekker(model, godkendt) - tilbage
    sendt_tilbage = _raekker(model, godkendt) & tilbage
    assert skjult_for_andre and synlig
    assert bool(sendt_tilbage) == (model is Fremskridt)
    # (user, sees the draft's rows, sees a sent-back update)
    for bruger, kladden, tilbagesendt in [
        (projektleder_101, False, False),
        (ministeriet, False, True),
        (evaluator, False, True),
        (styregruppe, False, False),
        (projektleder_147, True, True),
    ]:
        api = api_for(bruger)
        raekker = _hent_alle(api, f"/api/v1/{endepunkt}/?antal=2")
        ids = {r["id"] for r in raekker}
        forventet = synlig | (skjult_for_andre if kladden else set()) | (sendt_tilbage if tilbagesendt else set())
        assert ids == forventet, bruger
        if not kladden:
            assert kladde.pk not in {r.get("strategi", r["id"]) for r in raekker}, bruger
        for pk in skjult_for_andre | synlig | sendt_tilbage:
            status = api.get(f"/api/v1/{endepunkt}/{pk}/").status_code
            assert status == (200 if pk in forventet else 404), (bruger, pk)


def test_the_draft_s_focus_areas_are_nowhere_in_another_leads_strategies(
    api_for, frederiksberg_to_strategier, projektleder_101
):
    godkendt, kladde = frederiksberg_to_strategier
    raekker = _hent_alle(api_for(projektleder_101), "/api/v1/strategier/")
    omraader = {o["id"] for r in raekker for o in r["indsatsomraader"]}
    assert omraader == set(Indsatsomraade.objects.filter(strategi=godkendt).values_list("pk", flat=True))
    assert not omraader & set(Indsatsomraade.objects.filter(strategi=kladde).values_list("pk", flat=True))


# What the rows hold ------------------------------------------------------------------------------------------------


def test_a_strategy_with_its_focus_areas_target_groups_and_actors(api_for, kobenhavn, ministeriet):
    strategi = StrategiFactory(kommune=kobenhavn, status="godkendt")
    omraade = strategi.indsatsomraader.get()
    gruppe, aktoer = strategi.maalgrupper.get(), strategi.aktoerer.get()
    raekke = api_for(ministeriet).get(f"/api/v1/strategier/{strategi.pk}/").json()
    assert {k: raekke[k] for k in ("id", "program", "kommune", "kommune_navn", "status", "versionsnummer")} == {
        "id": strategi.pk,
        "program": strategi.program.pk,
        "kommune": "101",
        "kommune_navn": "København",
        "status": "godkendt",
        "versionsnummer": 1,
    }
    assert raekke["godkendt"] is not None and raekke["foerst_indsendt"] is not None
    assert raekke["indsatsomraader"] == [
        {
            "id": omraade.pk,
            "navn": "Tidlig opsporing",
            "beskrivelse": "",
            "delstrategier": [],
            "maalgrupper": [gruppe.pk],
            "aktoerer": [aktoer.pk],
        }
    ]
    assert raekke["maalgrupper"] == [
        {"id": gruppe.pk, "type": "smaa_boern", "navn": "", "antal_boern": 100, "beskrivelse": ""}
    ]
    assert raekke["aktoerer"] == [{"id": aktoer.pk, "type": "sundhedspleje", "navn": "", "rolle": ""}]


def test_goals_carry_the_status_the_pages_show(api_for, kobenhavn, ministeriet):
    """Own follow-ups and, for an indicator goal, the social profile's newer figures: the same status as the goals
    page (strategi.selectors.maal_for_strategi), in the list and on its own."""
    indikator = IndikatorFactory(bedre="lavere")
    importer([("101", indikator.kode, 2010, 200, 10000), ("101", indikator.kode, 2011, 180, 10000)])
    strategi = StrategiFactory(kommune=kobenhavn, fuld=True)
    MaalFactory(
        strategi=strategi,
        indikator=indikator,
        egen_maaling="",
        egen_enhed="",
        baseline_vaerdi=Decimal(20),
        baseline_aar=2010,
        maalvaerdi=Decimal(16),
        maal_aar=2012,
        retning=Retning.LAVERE,
    )
    naaet, bagud = MaalFactory(strategi=strategi), MaalFactory(strategi=strategi)
    strategi = godkend(strategi)
    leder = projektleder_for(kobenhavn)
    opfoelgning_opret(maal=naaet, dato=date(2012, 6, 30), vaerdi=Decimal(80), bruger=leder)
    opfoelgning_opret(maal=bagud, dato=date(2012, 6, 30), vaerdi=Decimal(21), bruger=leder)
    siderne = {m.maal.pk: m.status for m in maal_for_strategi(strategi)}
    assert set(siderne.values()) == {"naaet", "bagud", "paa_vej", "ingen_data"}

    api = api_for(ministeriet)
    raekker = _hent_alle(api, "/api/v1/maal/?antal=1")
    assert {r["id"]: r["status"] for r in raekker} == siderne
    med_indikator = next(r for r in raekker if r["indikator"])
    assert (med_indikator["indikator"], med_indikator["egen_maaling"]) == (indikator.kode, "")
    assert (med_indikator["kommune"], med_indikator["program"]) == ("101", strategi.program.pk)
    for pk, status in siderne.items():
        assert api.get(f"/api/v1/maal/{pk}/").json()["status"] == status


def test_actions_with_their_goals_actors_and_the_pages_late_flag(api_for, kobenhavn, ministeriet):
    strategi = StrategiFactory(kommune=kobenhavn, fuld=True)
    maal = strategi.maal.get()
    sen = HandlingFactory(
        strategi=strategi, maal=(maal,), start=date(2011, 1, 1), slut=date(2011, 6, 30), status=HandlingStatus.I_GANG
    )
    godkend(strategi)
    raekke = api_for(ministeriet).get(f"/api/v1/handlinger/{sen.pk}/").json()
    assert (raekke["strategi"], raekke["kommune"], raekke["maal"], raekke["forsinket"]) == (
        strategi.pk,
        "101",
        [maal.pk],
        True,
    )
    assert (raekke["start"], raekke["slut"], raekke["forventet_udgift"], raekke["farve"]) == (
        "2011-01-01",
        "2011-06-30",
        100_000,
        "groen",
    )


def test_offers_name_their_step_as_the_pages_do(api_for, kobenhavn, projektleder_101):
    strategi = StrategiFactory(kommune=kobenhavn, fuld=True)
    tilbud = TilbudFactory(strategi=strategi, trin=Trin.INSTITUTION, udgift=2_000_000, boern=12)
    raekke = api_for(projektleder_101).get(f"/api/v1/tilbud/{tilbud.pk}/").json()
    assert (raekke["trin"], raekke["trin_navn"]) == (7, "Anbringelse på døgninstitution")
    assert (raekke["kapacitet"], raekke["kapacitetsenhed"], raekke["boern"], raekke["udgift"]) == (
        100,
        "forloeb",
        12,
        2_000_000,
    )


# Filters ---------------------------------------------------------------------------------------------------------


def test_every_follow_up_since_the_last_pull(api_for, kobenhavn, frederiksberg, evaluator):
    """The evaluator's pull: only follow-ups registered at or after aendret_siden, each with its municipality and
    programme, so one pull is one table."""
    kbh = _alt_paa(kobenhavn)
    frb = _alt_paa(frederiksberg)
    gammel = Opfoelgning.objects.get(strategi=kbh)
    for_en_uge_siden = timezone.now() - timedelta(days=7)
    Opfoelgning.objects.update(registreret=for_en_uge_siden - timedelta(days=1))
    sidste_hentning = for_en_uge_siden
    ny = opfoelgning_opret(
        maal=frb.maal.get(), dato=date(2012, 9, 30), vaerdi=Decimal(60), bruger=projektleder_for(frederiksberg)
    )
    api = api_for(evaluator)
    assert {r["id"] for r in _hent_alle(api, "/api/v1/opfoelgninger/")} == {gammel.pk, ny.pk} | set(
        Opfoelgning.objects.filter(strategi=frb).values_list("pk", flat=True)
    )
    (raekke,) = api.get("/api/v1/opfoelgninger/", {"aendret_siden": sidste_hentning.isoformat()}).json()["results"]
    assert raekke == {
        "id": ny.pk,
        "strategi": frb.pk,
        "kommune": "147",
        "program": frb.program.pk,
        "maal": frb.maal.get().pk,
        "dato": "2012-09-30",
        "periode": "",
        "vaerdi": 60.0,
        "kommentar": "",
        "registreret": raekke["registreret"],
    }
    assert raekke["registreret"] >= sidste_hentning.isoformat()[:10]
    assert api.get("/api/v1/opfoelgninger/", {"aendret_siden": "i går"}).status_code == 400


@pytest.mark.parametrize("endepunkt", sorted(ENDEPUNKTER))
def test_program_and_kommune_filters(api_for, endepunkt, kobenhavn, frederiksberg, ministeriet):
    kbh = _alt_paa(kobenhavn)
    frb = _alt_paa(frederiksberg)
    model = ENDEPUNKTER[endepunkt]
    api = api_for(ministeriet)
    adresse = f"/api/v1/{endepunkt}/"
    assert {r["id"] for r in _hent_alle(api, adresse + "?kommune=147")} == _raekker(model, frb)
    assert {r["id"] for r in _hent_alle(api, adresse + f"?program={kbh.program.pk}")} == _raekker(model, kbh)
    assert _hent_alle(api, adresse + f"?program={kbh.program.pk}&kommune=147") == []
    assert api.get(adresse + "?kommune=999").status_code == 400


def test_aendret_siden_on_goals_and_actions(api_for, kobenhavn, ministeriet):
    strategi = StrategiFactory(kommune=kobenhavn, status="godkendt")
    foer = timezone.now() - timedelta(days=2)
    Maal.objects.update(aendret=foer - timedelta(days=1))
    Handling.objects.update(aendret=foer - timedelta(days=1))
    nyt = Maal.objects.get(strategi=strategi)
    Maal.objects.filter(pk=nyt.pk).update(aendret=timezone.now())
    api = api_for(ministeriet)
    assert [r["id"] for r in api.get("/api/v1/maal/", {"aendret_siden": foer.isoformat()}).json()["results"]] == [
        nyt.pk
    ]
    assert api.get("/api/v1/handlinger/", {"aendret_siden": foer.isoformat()}).json()["results"] == []
    assert "aendret_siden" in api.get("/api/v1/tilbud/?aendret_siden=2012-01-01").json()["parametre"]


# Queries per page --------------------------------------------------------------------------------------------------


def _strategi_med_meget(kommune: Kommune, indikator, antal: int) -> Strategi:
    """An approved strategy with an indicator goal and `antal` more of every part: goals, actions serving every goal,
    offers, follow-ups of every goal and progress on every action."""
    strategi = StrategiFactory(kommune=kommune, fuld=True)
    maal = [
        MaalFactory(
            strategi=strategi,
            indikator=indikator,
            egen_maaling="",
            egen_enhed="",
            baseline_vaerdi=Decimal(20),
            baseline_aar=2010,
            maalvaerdi=Decimal(16),
            maal_aar=2012,
            retning=Retning.LAVERE,
        ),
        *(MaalFactory(strategi=strategi) for _ in range(antal)),
    ]
    for _ in range(antal):
        HandlingFactory(strategi=strategi, maal=maal)
        TilbudFactory(strategi=strategi)
    strategi = godkend(strategi)
    leder = projektleder_for(kommune)
    for m in maal:
        opfoelgning_opret(maal=m, dato=date(2012, 3, 31), vaerdi=Decimal(30), bruger=leder)
    for h in strategi.handlinger.all():
        fremskridt_registrer(handling=h, indhold=HALVVEJS, bruger=leder)
    return strategi


def _forespoergsler(api, adresse: str) -> int:
    with CaptureQueriesContext(connection) as forespoergsler:
        assert api.get(adresse).status_code == 200
    return len(forespoergsler)


@pytest.mark.parametrize("bruger", ["ministeriet", "projektleder_101"])
def test_the_queries_of_a_page_do_not_grow_with_the_data(request, api_for, bruger, kobenhavn, frederiksberg):
    """One strategy with one of each, then three strategies (two of them another municipality's) with three of each:
    every list page costs the same number of queries."""
    bruger = request.getfixturevalue(bruger)
    indikator = IndikatorFactory(bedre="lavere")
    importer([(kode, indikator.kode, 2011, 180, 10000) for kode in ("101", "147", "751")])
    _strategi_med_meget(kobenhavn, indikator, 1)
    api = api_for(bruger)
    api.get("/api/v1/kommuner/101/")  # a key's first request also notes its use: not part of a page's cost
    smaa = {e: _forespoergsler(api, f"/api/v1/{e}/") for e in ENDEPUNKTER}
    for kommune in (kobenhavn, frederiksberg, Kommune.objects.get(kode="751")):
        _strategi_med_meget(kommune, indikator, 3)
    store = {e: _forespoergsler(api, f"/api/v1/{e}/") for e in ENDEPUNKTER}
    assert {e: len(_hent_alle(api, f"/api/v1/{e}/")) for e in ENDEPUNKTER} == {
        "strategier": 4,
        "maal": 3 + 3 * 5,
        "handlinger": 2 + 3 * 4,
        "opfoelgninger": 2 + 3 * 4,
        "fremskridt": 2 + 3 * 4,
        "tilbud": 1 + 3 * 3,
    }
    assert store == smaa
