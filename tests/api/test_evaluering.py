"""Meetings, data deliveries and submissions in the read API (api/evaluering.py): the fields, the filters, the
snapshot's checksum, the download log, constant queries per page, and that a key sees what its owner's pages show."""

import hashlib
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from evaluering.models import Fremmoedestatus, Indsendelse, Kommuneleverance
from evaluering.services import moeder as m
from evaluering.services.leverancer import indsendelse_vurder, leverance_indsend
from evaluering.snapshot import kanonisk
from hentninger.models import Hentning
from kommuner.models import Kommune
from tests.evaluering.factories import dataleverance, moede, program_med_deltagere

pytestmark = pytest.mark.django_db

UDKAST = "Udkast til referat, kun for ministeriet"
TILBAGE = "Frederiksbergs tal for 2011 mangler"


def _indsend(leverance, kode, bruger) -> Indsendelse:
    kl = Kommuneleverance.objects.get(dataleverance=leverance, deltagelse__kommune__kode=kode)
    return leverance_indsend(kommuneleverance=kl, bruger=bruger)


def _afholdt_med_fremmoede(program, ministeriet, **felter):
    """A held meeting where København came and Frederiksberg sent apologies."""
    afholdt = m.moede_marker_afholdt(moede=moede(program, **felter))
    for kode, status, tekst in (("101", Fremmoedestatus.TIL_STEDE, "Anna"), ("147", Fremmoedestatus.AFBUD, "Syg")):
        m.fremmoede_registrer(
            moede=afholdt,
            kommune=Kommune.objects.get(kode=kode),
            status=status,
            deltagere=tekst if status == Fremmoedestatus.TIL_STEDE else "",
            afbudsgrund=tekst if status == Fremmoedestatus.AFBUD else "",
            bemaerkning=f"Bemærkning {kode}",
            bruger=ministeriet,
        )
    return afholdt


@pytest.fixture
def verden(ministeriet, projektleder_101, projektleder_147):
    """A programme of København and Frederiksberg: a held meeting with attendance and the ministry's draft minutes, a
    planned meeting, and a delivery both submitted; Frederiksberg's was sent back with a comment."""
    program = program_med_deltagere("101", "147", ministeriet=ministeriet)
    afholdt = _afholdt_med_fremmoede(program, ministeriet)
    afholdt = m.referat_gem(moede=afholdt, referat=UDKAST, version=afholdt.version, bruger=ministeriet)
    planlagt = moede(program, nummer=3, dag=timezone.localdate() + timedelta(days=9))
    leverance = dataleverance(program, ministeriet)
    kbh = _indsend(leverance, "101", projektleder_101)
    frb = _indsend(leverance, "147", projektleder_147)
    frb = indsendelse_vurder(indsendelse=frb, godkendt=False, kommentar=TILBAGE, bruger=ministeriet)
    return {
        "program": program,
        "afholdt": afholdt,
        "planlagt": planlagt,
        "leverance": leverance,
        "kbh": kbh,
        "frb": frb,
    }


# Meetings ------------------------------------------------------------------------------------------


def test_a_meeting_with_its_attendance_once_held(api_for, projektleder_101, verden):
    api = api_for(projektleder_101)
    svar = api.get(f"/api/v1/moeder/{verden['afholdt'].pk}/").json()
    afholdt = verden["afholdt"]
    assert {k: svar[k] for k in ("id", "program", "art", "nummer", "titel", "sted", "status", "referat_godkendt")} == {
        "id": afholdt.pk,
        "program": verden["program"].pk,
        "art": "netvaerksmoede",
        "nummer": 2,
        "titel": "2. netværksmøde",
        "sted": afholdt.sted,
        "status": "afholdt",
        "referat_godkendt": None,
    }
    # Attendance is shown to every role that sees the meeting (moede_detalje.html), København's lead included.
    assert [
        (f["kommune"], f["status"], f["deltagere"], f["afbudsgrund"], f["bemaerkning"]) for f in svar["fremmoede"]
    ] == [
        ("101", "til_stede", "Anna", "", "Bemærkning 101"),
        ("147", "afbud", "", "Syg", "Bemærkning 147"),
    ]
    assert all(f["registreret"] for f in svar["fremmoede"])
    liste = {r["id"]: r for r in api.get("/api/v1/moeder/").json()["results"]}
    assert liste[afholdt.pk] == svar
    assert liste[verden["planlagt"].pk]["fremmoede"] == []


def test_meetings_filtered_by_programme_and_by_change_also_of_attendance(api_for, evaluator, ministeriet, verden):
    andet = program_med_deltagere("101", ministeriet=ministeriet)
    andet_moede = moede(andet)
    api = api_for(evaluator)
    assert [r["id"] for r in api.get(f"/api/v1/moeder/?program={andet.pk}").json()["results"]] == [andet_moede.pk]

    siden = timezone.now()
    parametre = {"aendret_siden": siden.isoformat()}
    assert api.get("/api/v1/moeder/", parametre).json()["results"] == []
    # Registering attendance does not touch the meeting row, yet the meeting has changed for a script.
    m.fremmoede_registrer(
        moede=verden["afholdt"],
        kommune=Kommune.objects.get(kode="147"),
        status=Fremmoedestatus.FRAVAERENDE,
        bruger=ministeriet,
    )
    (svar,) = api.get("/api/v1/moeder/", parametre).json()["results"]
    assert svar["id"] == verden["afholdt"].pk
    assert datetime.fromisoformat(svar["aendret"]) >= siden > verden["afholdt"].aendret
    assert svar["fremmoede"][1]["status"] == "fravaerende"
    assert api.get("/api/v1/moeder/?kommune=101").status_code == 400  # a meeting is the programme's, not a kommune's


# Deliveries ----------------------------------------------------------------------------------------


def test_a_delivery_with_each_participants_status_as_the_page_shows_it(api_for, evaluator, verden):
    svar = api_for(evaluator).get(f"/api/v1/dataleverancer/{verden['leverance'].pk}/").json()
    leverance = verden["leverance"]
    assert (svar["id"], svar["program"], svar["titel"], svar["indhold"]) == (
        leverance.pk,
        verden["program"].pk,
        "Opfølgning 2012",
        ["ansoegning", "oekonomi", "moededeltagelse"],
    )
    kbh, frb = svar["kommuner"]
    assert (kbh["kommune"], kbh["status"], kbh["forsinket"], kbh["kommentar"]) == ("101", "indsendt", False, "")
    assert (frb["kommune"], frb["status"], frb["kommentar"]) == ("147", "sendt_tilbage", TILBAGE)
    assert kbh["senest_indsendt"] and frb["senest_indsendt"] and kbh["aendret"]


def test_late_and_not_yet_opened_as_on_the_overview(api_for, ministeriet, verden):
    """A delivery past its deadline: København (row, never submitted) and Frederiksberg (joined after it was ordered:
    no row) both owe it and are late."""
    forsinket = dataleverance(verden["program"], ministeriet, titel="Gammel", frist=timezone.now() - timedelta(days=1))
    Kommuneleverance.objects.filter(dataleverance=forsinket, deltagelse__kommune__kode="147").delete()
    svar = api_for(ministeriet).get(f"/api/v1/dataleverancer/?program={verden['program'].pk}").json()["results"]
    (raekke,) = [r for r in svar if r["id"] == forsinket.pk]
    assert [(c["kommune"], c["status"], c["forsinket"], c["aendret"] is None) for c in raekke["kommuner"]] == [
        ("101", "afventer", True, False),
        ("147", "afventer", True, True),
    ]


# Submissions ---------------------------------------------------------------------------------------


def test_submissions_list_metadata_and_checksum_not_the_snapshot(api_for, evaluator, ministeriet, verden):
    api = api_for(evaluator)
    raekker = api.get("/api/v1/indsendelser/").json()["results"]
    assert [(r["id"], r["kommune"], r["sha256"]) for r in raekker] == [
        (verden["kbh"].pk, "101", verden["kbh"].sha256),
        (verden["frb"].pk, "147", verden["frb"].sha256),
    ]
    frb = raekker[1]
    assert "snapshot" not in frb
    assert (frb["dataleverance"], frb["program"], frb["nummer"], frb["resultat"], frb["kommentar"]) == (
        verden["leverance"].pk,
        verden["program"].pk,
        1,
        "sendt_tilbage",
        TILBAGE,
    )
    bruger = verden["frb"].indsendt_af
    assert frb["indsendt_af"] == (bruger.get_full_name() or bruger.username)
    assert [r["id"] for r in api.get("/api/v1/indsendelser/?kommune=147").json()["results"]] == [verden["frb"].pk]
    andet = program_med_deltagere("101", ministeriet=ministeriet)
    assert api.get(f"/api/v1/indsendelser/?program={andet.pk}").json()["results"] == []
    assert len(api.get(f"/api/v1/indsendelser/?program={verden['program'].pk}").json()["results"]) == 2


def test_the_snapshot_in_the_answer_is_what_the_checksum_was_made_of(api_for, evaluator, verden):
    svar = api_for(evaluator).get(f"/api/v1/indsendelser/{verden['kbh'].pk}/").json()
    assert svar["snapshot"]["kommune"]["kode"] == "101"
    assert svar["sha256"] == verden["kbh"].sha256
    assert hashlib.sha256(kanonisk(svar["snapshot"])).hexdigest() == svar["sha256"]


def test_reading_a_snapshot_is_logged_once_per_get_that_sends_it(api_for, projektleder_101, verden):
    api = api_for(projektleder_101)
    adresse = f"/api/v1/indsendelser/{verden['kbh'].pk}/"
    svar = api.get(adresse)
    hentning = Hentning.objects.get(art="API: Dataleverance (JSON)")
    assert (hentning.bruger, hentning.filnavn, hentning.objekt_id) == (projektleder_101, adresse, str(verden["kbh"].pk))
    # Nothing sent, nothing logged: HEAD, and a 304 for the ETag the client already holds.
    assert api.head(adresse).status_code == 200
    assert api.get(adresse, HTTP_IF_NONE_MATCH=svar["ETag"]).status_code == 304
    assert Hentning.objects.filter(art="API: Dataleverance (JSON)").count() == 1
    assert api.get(adresse).status_code == 200
    assert Hentning.objects.filter(art="API: Dataleverance (JSON)").count() == 2
    # Another municipality's snapshot is a 404 and no download.
    assert api.get(f"/api/v1/indsendelser/{verden['frb'].pk}/").status_code == 404
    assert Hentning.objects.filter(art="API: Dataleverance (JSON)").count() == 2


# Queries per page ----------------------------------------------------------------------------------


def _flere_data(ministeriet, projektleder_101, projektleder_147, n: int) -> None:
    """n more programmes, each with a held meeting with attendance, a planned one, and a delivery both submitted."""
    for i in range(n):
        program = program_med_deltagere("101", "147", ministeriet=ministeriet, navn=f"Program {i}")
        _afholdt_med_fremmoede(program, ministeriet)
        moede(program, nummer=5, dag=timezone.localdate() + timedelta(days=3))
        leverance = dataleverance(program, ministeriet, titel=f"Leverance {i}")
        _indsend(leverance, "101", projektleder_101)
        _indsend(leverance, "147", projektleder_147)


def _antal_forespoergsler(api, adresse: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as forespoergsler:
        svar = api.get(adresse)
    assert svar.status_code == 200
    return len(forespoergsler), len(svar.json()["results"])


@pytest.mark.parametrize("endepunkt", ["moeder", "dataleverancer", "indsendelser"])
@pytest.mark.parametrize("rolle", ["evaluator", "projektleder_101"])
def test_the_queries_per_page_do_not_grow_with_the_data(
    request, api_for, ministeriet, projektleder_101, projektleder_147, verden, endepunkt, rolle
):
    api = api_for(request.getfixturevalue(rolle))
    adresse = f"/api/v1/{endepunkt}/"
    api.get(adresse)  # caches warm (content types), as in a running server
    foer, raekker_foer = _antal_forespoergsler(api, adresse)
    _flere_data(ministeriet, projektleder_101, projektleder_147, 3)
    efter, raekker_efter = _antal_forespoergsler(api, adresse)
    assert raekker_efter > raekker_foer
    assert efter == foer, (endepunkt, rolle, foer, efter)


# Access --------------------------------------------------------------------------------------------


def _alle_svar(api, endepunkt: str) -> tuple[list, str]:
    """The list's rows, and the list and every row's detail as one text."""
    liste = api.get(f"/api/v1/{endepunkt}/")
    assert liste.status_code == 200
    raekker = liste.json()["results"]
    tekster = [liste.content.decode()]
    for raekke in raekker:
        svar = api.get(f"/api/v1/{endepunkt}/{raekke['id']}/")
        assert svar.status_code == 200
        tekster.append(svar.content.decode())
    return raekker, "\n".join(tekster)


@pytest.mark.parametrize("endepunkt", ["moeder", "dataleverancer", "indsendelser"])
def test_a_key_never_returns_what_its_owners_pages_do_not_show(
    api_for, projektleder_101, styregruppe, verden, endepunkt
):
    """København's lead: nothing of Frederiksberg's submission (not its snapshot, checksum, the ministry's comment
    or status), and not the ministry's draft minutes. The steering group: no snapshot or checksum of anybody's."""
    frb, kbh = verden["frb"], verden["kbh"]

    leder = api_for(projektleder_101)
    raekker, tekst = _alle_svar(leder, endepunkt)
    for hemmeligt in (frb.sha256, TILBAGE, UDKAST, "sendt_tilbage"):
        assert hemmeligt not in tekst, (endepunkt, hemmeligt)
    assert leder.get(f"/api/v1/indsendelser/{frb.pk}/").status_code == 404
    if endepunkt == "indsendelser":
        assert [r["id"] for r in raekker] == [kbh.pk]
        assert kbh.sha256 in tekst  # their own, as on their page
    if endepunkt == "dataleverancer":
        assert [[c["kommune"] for c in r["kommuner"]] for r in raekker] == [["101"]]

    styret = api_for(styregruppe)
    raekker, tekst = _alle_svar(styret, endepunkt)
    for hemmeligt in (frb.sha256, kbh.sha256, '"snapshot"', UDKAST):
        assert hemmeligt not in tekst, (endepunkt, hemmeligt)
    for indsendelse in (kbh, frb):
        assert styret.get(f"/api/v1/indsendelser/{indsendelse.pk}/").status_code == 404
    if endepunkt == "indsendelser":
        assert raekker == []
    if endepunkt == "dataleverancer":
        # The steering group reads every participant's status on the delivery page, so here too.
        assert [[c["kommune"] for c in r["kommuner"]] for r in raekker] == [["101", "147"]]
