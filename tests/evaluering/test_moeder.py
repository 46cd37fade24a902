"""Meetings: planning, agenda and materials, held, attendance with the missing flag, minutes with conflict
detection, decisions, approval (then read-only), e-mails as jobs, minutes as PDF."""

import io
from datetime import time, timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from icalendar import Calendar
from pypdf import PdfReader

from evaluering.models import Baggrundsjob, Fremmoede, Jobstatus, Moede, Moedestatus, Punkttype
from evaluering.selectors import fremmoedeliste
from evaluering.services import moeder as services
from forebyggelse.formatering import dansk_tidspunkt, tidspunkt
from kommuner.models import Kommune
from tests.evaluering.factories import koer_ventende_jobs, moede, program_med_deltagere

pytestmark = pytest.mark.django_db

BILAG = Path(__file__).resolve().parent.parent / "fixtures" / "kommuner" / "bilag"


@pytest.fixture
def program(ministeriet):
    return program_med_deltagere("101", "147", ministeriet=ministeriet)


@pytest.fixture
def afholdt(program):
    m = moede(program)
    return services.moede_marker_afholdt(moede=m)


def test_a_meeting_that_ends_before_it_starts_is_refused_and_nothing_is_saved(client_for, ministeriet, program):
    svar = client_for(ministeriet).post(
        f"/programmer/{program.pk}/moeder/nyt/",
        {
            "art": "netvaerksmoede",
            "nummer": "2",
            "dato": "2011-12-07",
            "start_tid": "15:00",
            "slut_tid": "10:00",
            "sted": "Holmens Kanal 22",
            "fokus": "opfølgning",
        },
    )
    assert svar.status_code == 200
    assert "Mødet skal slutte efter, at det begynder." in svar.content.decode()
    assert 'value="Holmens Kanal 22"' in svar.content.decode()  # what the user typed is kept
    assert not Moede.objects.exists()
    with pytest.raises(ValidationError):
        services.moede_opret(
            program=program,
            art="netvaerksmoede",
            start=dansk_tidspunkt(timezone.localdate(), time(15)),
            slut=dansk_tidspunkt(timezone.localdate(), time(10)),
            sted="X",
        )


def test_the_ministry_plans_a_meeting_in_danish_time(client_for, ministeriet, program):
    svar = client_for(ministeriet).post(
        f"/programmer/{program.pk}/moeder/nyt/",
        {
            "art": "netvaerksmoede",
            "nummer": "2",
            "dato": "7.12.2011",
            "start_tid": "10.00",
            "slut_tid": "15.30",
            "sted": "Holmens Kanal 22",
            "fokus": "opfølgning og dokumentation",
        },
    )
    m = Moede.objects.get()
    assert svar.status_code == 302 and svar["Location"] == f"/moeder/{m.pk}/"
    assert m.start.isoformat() == "2011-12-07T09:00:00+00:00"  # 10.00 Danish winter time
    side = client_for(ministeriet).get(f"/moeder/{m.pk}/").content.decode()
    assert "2. netværksmøde" in side and "7. december 2011 kl. 10.00–15.30" in side


def test_attendance_for_a_municipality_outside_the_programme_is_refused(afholdt, ministeriet):
    aarhus = Kommune.objects.get(kode="751")
    with pytest.raises(ValidationError) as fejl:
        services.fremmoede_registrer(moede=afholdt, kommune=aarhus, deltog=True, deltagere="X", bruger=ministeriet)
    assert "deltager ikke i" in str(fejl.value)
    assert not Fremmoede.objects.exists()


def test_a_participant_missing_a_network_meeting_is_flagged(afholdt, ministeriet, kobenhavn, frederiksberg):
    services.fremmoede_registrer(
        moede=afholdt, kommune=kobenhavn, deltog=True, deltagere="Projektleder, analytiker", bruger=ministeriet
    )
    raekker = {r.kommune.kode: r for r in fremmoedeliste(afholdt)}
    assert not raekker["101"].mangler
    assert raekker["147"].mangler and raekker["147"].tekst == "Ikke registreret"
    services.fremmoede_registrer(moede=afholdt, kommune=frederiksberg, deltog=False, bruger=ministeriet)
    assert {r.kommune.kode: r.mangler for r in fremmoedeliste(afholdt)} == {"101": False, "147": True}


def test_a_seminar_is_not_mandatory_so_nobody_is_flagged(program):
    seminar = services.moede_marker_afholdt(moede=moede(program, art="formidlingsseminar", nummer=None))
    assert not any(r.mangler for r in fremmoedeliste(seminar))


def test_a_lead_records_only_their_own_municipalitys_attendance(client_for, afholdt, projektleder_101):
    client = client_for(projektleder_101)
    side = client.get(f"/moeder/{afholdt.pk}/fremmoede/").content.decode()
    assert "Københavns Kommune" in side and "Frederiksberg Kommune" not in side
    svar = client.post(
        f"/moeder/{afholdt.pk}/fremmoede/",
        {"k101-deltog": "True", "k101-deltagere": "Eksempel Projektleder", "k147-deltog": "False"},
    )
    assert svar.status_code == 302
    assert list(Fremmoede.objects.values_list("kommune__kode", "deltog")) == [("101", True)]


def test_attendance_without_names_keeps_the_input_and_saves_nothing(client_for, afholdt, ministeriet):
    svar = client_for(ministeriet).post(
        f"/moeder/{afholdt.pk}/fremmoede/",
        {"k101-deltog": "True", "k101-deltagere": "Eksempel", "k147-deltog": "True", "k147-deltagere": ""},
    )
    assert svar.status_code == 200
    assert "Skriv, hvem der deltog fra kommunen." in svar.content.decode()
    assert not Fremmoede.objects.exists()  # all or nothing


def test_held_is_refused_before_the_meeting_starts(program):
    fremtidigt = moede(program, dag=timezone.localdate() + timedelta(days=3))
    with pytest.raises(ValidationError, match="kan ikke være afholdt endnu"):
        services.moede_marker_afholdt(moede=fremtidigt)


def test_two_people_editing_the_minutes_do_not_overwrite_each_other(client_for, afholdt, ministeriet):
    client = client_for(ministeriet)
    version = Moede.objects.get(pk=afholdt.pk).version
    forste = client.post(f"/moeder/{afholdt.pk}/referat/", {"referat": "Første udgave.", "version": version})
    assert forste.status_code == 302
    anden = client.post(f"/moeder/{afholdt.pk}/referat/", {"referat": "Min egen udgave.", "version": version})
    assert anden.status_code == 409
    tekst = anden.content.decode()
    gemt = Moede.objects.get(pk=afholdt.pk)
    assert f"Mødet er blevet ændret af Test ministeriet den {tidspunkt(gemt.aendret)}" in tekst
    assert "Min egen udgave." in tekst and "Første udgave." in tekst  # the input, and the stored version beside it
    assert Moede.objects.get(pk=afholdt.pk).referat == "Første udgave."


def _godkendt(afholdt, ministeriet):
    services.referat_gem(
        moede=afholdt, referat="Drøftelse af dokumentation.", version=afholdt.version, bruger=ministeriet
    )
    services.opfoelgningspunkt_tilfoej(
        moede=afholdt,
        art=Punkttype.OPFOELGNING,
        tekst="Kommunerne sender status på deres mål",
        ansvarlig="Kommunerne",
        frist=timezone.localdate() + timedelta(days=30),
    )
    return services.referat_godkend(moede=afholdt, bruger=ministeriet)


def test_after_approval_the_meeting_is_read_only(afholdt, ministeriet, kobenhavn):
    godkendt = _godkendt(afholdt, ministeriet)
    assert godkendt.status == Moedestatus.GODKENDT
    forsoeg = [
        lambda: services.referat_gem(moede=godkendt, referat="Ændret", version=godkendt.version, bruger=ministeriet),
        lambda: services.dagsordenspunkt_tilfoej(moede=godkendt, titel="Nyt punkt"),
        lambda: services.fremmoede_registrer(moede=godkendt, kommune=kobenhavn, deltog=False, bruger=ministeriet),
        lambda: services.opfoelgningspunkt_tilfoej(
            moede=godkendt, art="beslutning", tekst="X", ansvarlig="Y", frist=timezone.localdate()
        ),
        lambda: services.materiale_tilfoej(
            moede=godkendt, fil=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n"), bruger=ministeriet
        ),
        lambda: services.moede_opdater(
            moede=godkendt,
            version=godkendt.version,
            bruger=ministeriet,
            art="netvaerksmoede",
            start=godkendt.start,
            slut=godkendt.slut,
            sted="Andet sted",
        ),
    ]
    for skriv in forsoeg:
        with pytest.raises(ValidationError, match="Referatet er godkendt"):
            skriv()


def test_the_minutes_are_the_ministrys_draft_until_approved(client_for, afholdt, ministeriet, projektleder_101):
    services.referat_gem(moede=afholdt, referat="Hemmeligt udkast.", version=afholdt.version, bruger=ministeriet)
    leder = client_for(projektleder_101)
    assert "Hemmeligt udkast." not in leder.get(f"/moeder/{afholdt.pk}/").content.decode()
    assert leder.get(f"/moeder/{afholdt.pk}/referat.pdf").status_code == 404
    services.referat_godkend(moede=Moede.objects.get(pk=afholdt.pk), bruger=ministeriet)
    assert "Hemmeligt udkast." in leder.get(f"/moeder/{afholdt.pk}/").content.decode()


def test_the_minutes_pdf_holds_agenda_attendance_minutes_and_follow_up(client_for, afholdt, ministeriet, kobenhavn):
    services.dagsordenspunkt_tilfoej(
        moede=afholdt, titel="Status fra kommunerne", oplaegsholder="Evaluator", varighed=45
    )
    services.fremmoede_registrer(
        moede=afholdt, kommune=kobenhavn, deltog=True, deltagere="Koordinator", bruger=ministeriet
    )
    _godkendt(Moede.objects.get(pk=afholdt.pk), ministeriet)
    svar = client_for(ministeriet).get(f"/moeder/{afholdt.pk}/referat.pdf")
    assert svar["Content-Type"] == "application/pdf"
    tekst = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(svar.content)).pages)
    for forventet in [
        "Referat af 2. netværksmøde",
        "Status fra kommunerne",
        "Københavns Kommune",
        "Frederiksberg Kommune",
        "mangler (mødepligt)",
        "Drøftelse af dokumentation.",
        "Kommunerne sender status på deres mål",
    ]:
        assert forventet in tekst


def test_invitation_is_a_job_that_mails_every_participant_with_a_calendar_file(
    client_for, program, ministeriet, projektleder_101, projektleder_147, evaluator
):
    m = moede(program, dag=timezone.localdate() + timedelta(days=10))
    svar = client_for(ministeriet).post(f"/moeder/{m.pk}/invitation/")
    job = Baggrundsjob.objects.get()
    assert svar["Location"] == f"/jobs/{job.pk}/"
    assert mail.outbox == []  # nothing is sent in the request: the worker does it
    koer_ventende_jobs()
    job.refresh_from_db()
    assert job.status == Jobstatus.FAERDIG and job.fremdrift == 100
    ledere = Kommune.objects.filter(kode__in=["101", "147"]).values_list("projektledere__email", flat=True)
    assert sorted(b.to[0] for b in mail.outbox) == sorted([*ledere, evaluator.email])
    assert {projektleder_101.email, projektleder_147.email} <= set(ledere)
    besked = mail.outbox[0]
    assert "Deltagelse er obligatorisk" in besked.body
    _, indhold, mimetype = besked.attachments[0]
    assert mimetype == "text/calendar"
    (event,) = Calendar.from_ical(indhold).walk("VEVENT")
    assert event.decoded("dtstart") == m.start
    assert Moede.objects.get(pk=m.pk).invitation_sendt is not None


def test_approving_the_minutes_mails_them_as_pdf(afholdt, ministeriet, projektleder_101):
    _godkendt(afholdt, ministeriet)
    (job,) = koer_ventende_jobs()
    assert job.status == Jobstatus.FAERDIG, job.fejl
    (besked,) = [b for b in mail.outbox if b.to == [projektleder_101.email]]
    filnavn, pdf, mimetype = besked.attachments[0]
    assert mimetype == "application/pdf" and filnavn.startswith("referat-")
    assert "Drøftelse af dokumentation." in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


@pytest.mark.parametrize(
    "fil",
    sorted((BILAG / "should_fail").iterdir()),
    ids=lambda p: p.name,
)
def test_materials_with_a_wrong_type_are_refused(client_for, program, ministeriet, fil):
    m = moede(program)
    svar = client_for(ministeriet).post(
        f"/moeder/{m.pk}/materialer/", {"fil": SimpleUploadedFile(fil.name, fil.read_bytes()), "beskrivelse": "X"}
    )
    assert svar.status_code == 400
    assert not m.materialer.exists()


def test_materials_are_private_and_served_to_those_who_see_the_meeting(client_for, program, ministeriet, evaluator):
    m = moede(program)
    fil = BILAG / "should_pass" / "boernepolitik.pdf"
    client_for(ministeriet).post(f"/moeder/{m.pk}/materialer/", {"fil": SimpleUploadedFile(fil.name, fil.read_bytes())})
    materiale = m.materialer.get()
    assert "boernepolitik" not in materiale.fil.name  # a random name on disk
    svar = client_for(evaluator).get(f"/materialer/{materiale.pk}/")
    assert svar.status_code == 200 and b"".join(svar.streaming_content) == fil.read_bytes()


def test_the_evaluator_changes_nothing(client_for, afholdt, evaluator):
    client = client_for(evaluator)
    for url in ["rediger/", "referat/", "fremmoede/"]:
        assert client.get(f"/moeder/{afholdt.pk}/{url}").status_code == 403
    for url in ["afholdt/", "godkend/", "invitation/", "dagsorden/", "opfoelgning/", "materialer/"]:
        assert client.post(f"/moeder/{afholdt.pk}/{url}", {"titel": "X"}).status_code == 403
    assert Moede.objects.get(pk=afholdt.pk).version == afholdt.version


def test_the_meeting_page_uses_a_fixed_number_of_queries(
    client_for, afholdt, ministeriet, django_assert_max_num_queries
):
    client = client_for(ministeriet)
    for nr in range(6):
        services.dagsordenspunkt_tilfoej(moede=afholdt, titel=f"Punkt {nr}")
    with django_assert_max_num_queries(40):
        assert client.get(f"/moeder/{afholdt.pk}/").status_code == 200
