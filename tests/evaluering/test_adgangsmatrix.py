"""Every page of the evaluering app × every role, on København's objects in a programme København takes part
in: who gets the page (200), who may see it but not change anything (403), for whom it does not exist (404),
and that an anonymous visitor is sent to login (the calendar feed excepted: its secret is the key). A page
added without a row here fails the last test."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver
from django.utils import timezone

from evaluering.jobs import baggrundsjob_start
from evaluering.services import moeder as m
from evaluering.services.kalender import kalenderabonnement_hent
from evaluering.services.leverancer import leverance_indsend
from evaluering.services.rapporter import rapportpakke_gem
from evaluering.services.tidsplan import tidsplanpunkt_opret
from evaluering.tidsangivelse import fortolk
from tests.evaluering.factories import dataleverance, moede, program_med_deltagere

pytestmark = pytest.mark.django_db

ROLLER = ["ministeriet", "projektleder_101", "projektleder_147", "evaluator", "styregruppe"]
ALLE = (200, 200, 200, 200, 200)
KUN_MINISTERIET = (200, 403, 403, 403, 403)

MATRIX = {
    "/programmer/{program}/tidsplan/": ALLE,
    "/programmer/{program}/tidsplan/nyt/": KUN_MINISTERIET,
    "/tidsplan/{punkt}/rediger/": KUN_MINISTERIET,
    "/programmer/{program}/moeder/": ALLE,
    "/programmer/{program}/moeder/nyt/": KUN_MINISTERIET,
    "/moeder/{moede}/": ALLE,
    "/moeder/{moede}/rediger/": KUN_MINISTERIET,
    "/materialer/{materiale}/": ALLE,
    "/moeder/{moede}/referat/": KUN_MINISTERIET,
    "/moeder/{moede}/fremmoede/": (200, 200, 403, 403, 403),  # 147 takes no part in the programme
    "/moeder/{godkendt}/referat.pdf": ALLE,
    "/kalender/": ALLE,
    "/kalender/{noegle}.ics": ALLE,
    "/programmer/{program}/leverancer/": ALLE,
    "/programmer/{program}/leverancer/ny/": KUN_MINISTERIET,
    "/leverancer/{leverance}/": ALLE,
    "/leverancer/{leverance}/101/": (200, 200, 404, 200, 200),
    "/indsendelser/{indsendelse}/": (200, 200, 404, 200, 404),
    "/indsendelser/{indsendelse}/vurder/": (200, 403, 404, 403, 404),
    # Reports and data: every role sees the page (with what it may download); the programme's status report is the
    # steering group's, the evaluator's and the ministry's; a lead reads their own municipality's report and
    # snapshots (another's is 404); the data and the packages are the evaluator's and the ministry's.
    "/programmer/{program}/rapporter/": ALLE,
    "/programmer/{program}/rapporter/status/": (200, 403, 403, 200, 200),
    "/programmer/{program}/rapporter/status.pdf": (200, 403, 403, 200, 200),
    "/programmer/{program}/rapporter/101/": (200, 200, 404, 200, 200),
    "/programmer/{program}/rapporter/101/status.pdf": (200, 200, 404, 200, 200),
    "/programmer/{program}/data/{tabel}.{endelse}": (200, 403, 403, 200, 403),
    "/indsendelser/{indsendelse}/leverance.json": (200, 200, 404, 200, 404),
    "/indsendelser/{indsendelse}/leverance.pdf": (200, 200, 404, 200, 404),
    "/rapportpakker/{pakke}/": (200, 404, 404, 200, 404),
    "/jobs/": ALLE,
    "/jobs/{job}/": (200, 404, 404, 404, 404),
    "/jobs/{job}/status/": (200, 404, 404, 404, 404),
}
# POST-only actions: GET is refused for everyone. What a POST gives each role (nothing valid is posted, so a
# role that may act gets a redirect or its form back; nobody else changes anything).
KUN_POST = {
    "/tidsplan/{punkt}/slet/": (302, 403, 403, 403, 403),
    "/moeder/{moede}/dagsorden/": (400, 403, 403, 403, 403),
    "/dagsorden/{dagsordenspunkt}/slet/": (302, 403, 403, 403, 403),
    "/moeder/{moede}/materialer/": (400, 403, 403, 403, 403),
    "/materialer/{materiale}/slet/": (302, 403, 403, 403, 403),
    "/moeder/{planlagt}/invitation/": (302, 403, 403, 403, 403),
    "/moeder/{planlagt_afholdt}/afholdt/": (302, 403, 403, 403, 403),
    "/moeder/{moede}/opfoelgning/": (400, 403, 403, 403, 403),
    "/opfoelgning/{opfoelgningspunkt}/slet/": (302, 403, 403, 403, 403),
    "/moeder/{moede}/godkend/": (302, 403, 403, 403, 403),
    "/kalender/forny/": (302, 302, 302, 302, 302),
    "/leverancer/{leverance}/147/indsend/": (404, 404, 404, 404, 404),  # 147 takes no part
    "/leverancer/{leverance}/101/indsend/": (403, 403, 404, 403, 403),  # already submitted, awaiting review
    "/jobs/{job}/proev-igen/": (403, 404, 404, 404, 404),  # the job has not failed
    "/programmer/{program}/rapportpakker/": (302, 403, 403, 302, 403),  # nothing chosen: back with a message
}


@pytest.fixture(autouse=True)
def _rapporter_uden_weasyprint(monkeypatch):
    """Who may fetch a report is what this module tests; rendering them is test_rapporter.py's (and test_demo.py's)."""
    monkeypatch.setattr("evaluering.rapporter.render_pdf", lambda *args, **kwargs: b"%PDF-1.7\n%%EOF\n")


@pytest.fixture
def data(ministeriet, projektleder_101, projektleder_147, evaluator, styregruppe):
    program = program_med_deltagere("101", ministeriet=ministeriet)
    punkt = tidsplanpunkt_opret(program=program, art="fase", titel="Sociale profiler", tid=fortolk("feb-apr 2011"))
    afholdt = m.moede_marker_afholdt(moede=moede(program))
    dagsordenspunkt = m.dagsordenspunkt_tilfoej(moede=afholdt, titel="Status")
    materiale = m.materiale_tilfoej(
        moede=afholdt, fil=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n"), bruger=ministeriet
    )
    afholdt = m.referat_gem(moede=afholdt, referat="Referat", version=afholdt.version)
    opfoelgningspunkt = m.opfoelgningspunkt_tilfoej(
        moede=afholdt, art="beslutning", tekst="X", ansvarlig="Y", frist=timezone.localdate()
    )
    godkendt = m.moede_marker_afholdt(moede=moede(program, nummer=1))
    godkendt = m.referat_gem(moede=godkendt, referat="Godkendt referat", version=godkendt.version)
    m.referat_godkend(moede=godkendt, bruger=ministeriet)
    planlagt = moede(program, nummer=3, dag=timezone.localdate() + timezone.timedelta(days=9))
    leverance = dataleverance(program, ministeriet)
    indsendelse = leverance_indsend(
        kommuneleverance=leverance.kommuneleverancer.get(deltagelse__kommune__kode="101"), bruger=projektleder_101
    )
    pakke = rapportpakke_gem(
        program=program,
        art="rapporter",
        indhold=b"PK\x05\x06" + bytes(18),
        manifest=[],
        datastand=timezone.now(),
        bruger=evaluator,
    )
    job = baggrundsjob_start(
        opgave="evaluering.send_invitation",
        titel="Invitation",
        argumenter={"moede_id": planlagt.pk},
        bruger=ministeriet,
    )
    return {
        "program": program.pk,
        "punkt": punkt.pk,
        "moede": afholdt.pk,
        "godkendt": godkendt.pk,
        "planlagt": planlagt.pk,
        # Each POST test gets fresh data, but the "afholdt" action needs a meeting in the past that is planned.
        "planlagt_afholdt": moede(program, nummer=4).pk,
        "dagsordenspunkt": dagsordenspunkt.pk,
        "materiale": materiale.pk,
        "opfoelgningspunkt": opfoelgningspunkt.pk,
        "noegle": kalenderabonnement_hent(bruger=ministeriet).noegle,
        "leverance": leverance.pk,
        "indsendelse": indsendelse.pk,
        "job": job.pk,
        "pakke": pakke.pk,
        "tabel": "maal",
        "endelse": "xlsx",
    }


@pytest.mark.parametrize(("rolle_nr", "rolle"), list(enumerate(ROLLER)))
def test_every_page_for_every_role(client_for, request, data, rolle_nr, rolle):
    client = client_for(request.getfixturevalue(rolle))
    faktisk = {url: client.get(url.format(**data)).status_code for url in MATRIX}
    forventet = {url: statusser[rolle_nr] for url, statusser in MATRIX.items()}
    assert faktisk == forventet
    for url in KUN_POST:
        assert client.get(url.format(**data)).status_code == 405


@pytest.mark.parametrize(("rolle_nr", "rolle"), list(enumerate(ROLLER)))
@pytest.mark.parametrize("url", list(KUN_POST))
def test_every_action_for_every_role(client_for, request, data, rolle_nr, rolle, url):
    client = client_for(request.getfixturevalue(rolle))
    assert client.post(url.format(**data)).status_code == KUN_POST[url][rolle_nr]


def test_anonymous_visitors_are_sent_to_login_except_to_the_calendar_feed(client, data):
    for url in [*MATRIX, *KUN_POST]:
        response = client.get(url.format(**data))
        if url == "/kalender/{noegle}.ics":
            assert response.status_code == 200
            continue
        assert response.status_code == 302, url
        assert response["Location"].startswith("/konto/login/?next=")


def test_the_matrix_covers_every_page_of_the_app():
    (app,) = [p for p in get_resolver().url_patterns if getattr(p, "app_name", None) == "evaluering"]
    sider = {re.sub(r"<(int|str):[a-z]+>", "{x}", str(p.pattern)).strip("/") for p in app.url_patterns}
    daekket = {re.sub(r"\{[a-z_]+\}|101|147", "{x}", url).strip("/") for url in (*MATRIX, *KUN_POST)}
    assert len(sider) == 45
    assert sider == daekket, sider ^ daekket
