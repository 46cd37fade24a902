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
from evaluering.selectors import (
    fremmoedeliste,
    kalender_for,
    manglende_fremmoedesvar,
    moeder_i_program,
    moeder_uden_fremmoede,
    naeste_moede,
    referater_til_godkendelse,
    tidsplan_for,
)
from evaluering.services import moeder as services
from forebyggelse.formatering import dansk_tidspunkt, tidspunkt
from kommuner.models import Bruger, Kommune
from tests.evaluering.factories import koer_ventende_jobs, moede, program_med_deltagere
from tests.pdfua import struktur

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
        services.fremmoede_registrer(
            moede=afholdt, kommune=aarhus, status="til_stede", deltagere="X", bruger=ministeriet
        )
    assert "deltager ikke i" in str(fejl.value)
    assert not Fremmoede.objects.exists()


def test_a_participant_missing_a_network_meeting_is_flagged(afholdt, ministeriet, kobenhavn, frederiksberg):
    services.fremmoede_registrer(
        moede=afholdt, kommune=kobenhavn, status="til_stede", deltagere="Projektleder, analytiker", bruger=ministeriet
    )
    raekker = {r.kommune.kode: r for r in fremmoedeliste(afholdt)}
    assert not raekker["101"].mangler
    assert raekker["147"].mangler and raekker["147"].tekst == "Ikke registreret"
    services.fremmoede_registrer(moede=afholdt, kommune=frederiksberg, status="fravaerende", bruger=ministeriet)
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
        {"k101-status": "til_stede", "k101-deltagere": "Eksempel Projektleder", "k147-status": "fravaerende"},
    )
    assert svar.status_code == 302
    assert list(Fremmoede.objects.values_list("kommune__kode", "status")) == [("101", "til_stede")]


def test_attendance_without_names_keeps_the_input_and_saves_nothing(client_for, afholdt, ministeriet):
    svar = client_for(ministeriet).post(
        f"/moeder/{afholdt.pk}/fremmoede/",
        {"k101-status": "til_stede", "k101-deltagere": "Eksempel", "k147-status": "til_stede", "k147-deltagere": ""},
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
    return services.referat_godkend(moede=afholdt, bruger=ministeriet, version=Moede.objects.get(pk=afholdt.pk).version)


def test_after_approval_the_meeting_is_read_only(afholdt, ministeriet, kobenhavn):
    godkendt = _godkendt(afholdt, ministeriet)
    assert godkendt.status == Moedestatus.GODKENDT
    forsoeg = [
        lambda: services.referat_gem(moede=godkendt, referat="Ændret", version=godkendt.version, bruger=ministeriet),
        lambda: services.dagsordenspunkt_tilfoej(moede=godkendt, titel="Nyt punkt"),
        lambda: services.fremmoede_registrer(
            moede=godkendt, kommune=kobenhavn, status="fravaerende", bruger=ministeriet
        ),
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
    services.referat_godkend(moede=afholdt, bruger=ministeriet, version=Moede.objects.get(pk=afholdt.pk).version)
    assert "Hemmeligt udkast." in leder.get(f"/moeder/{afholdt.pk}/").content.decode()


def test_the_minutes_pdf_holds_attendance_and_the_minutes_item_by_item(
    client_for, program, ministeriet, kobenhavn, frederiksberg
):
    planlagt = moede(program)
    punkt = services.dagsordenspunkt_tilfoej(
        moede=planlagt, titel="Status fra kommunerne", oplaegsholder="Evaluator", varighed=45
    )
    afholdt = services.moede_marker_afholdt(moede=planlagt)
    services.fremmoede_registrer(
        moede=afholdt, kommune=kobenhavn, status="til_stede", deltagere="Koordinator", bruger=ministeriet
    )
    services.fremmoede_registrer(
        moede=afholdt, kommune=frederiksberg, status="afbud", afbudsgrund="Sygdom", bruger=ministeriet
    )
    services.referat_gem(
        moede=afholdt,
        referat="Drøftelse af dokumentation.",
        punkter={punkt.pk: "Begge kommuner er i gang."},
        version=afholdt.version,
        bruger=ministeriet,
    )
    services.opfoelgningspunkt_tilfoej(
        moede=afholdt, dagsordenspunkt=punkt, art=Punkttype.BESLUTNING, tekst="Status gives fremover skriftligt"
    )
    _godkendt(Moede.objects.get(pk=afholdt.pk), ministeriet)
    svar = client_for(ministeriet).get(f"/moeder/{afholdt.pk}/referat.pdf")
    assert svar["Content-Type"] == "application/pdf"
    tekst = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(svar.content)).pages)
    for forventet in [
        "Referat af 2. netværksmøde",
        "Københavns Kommune Til stede Koordinator",
        "Frederiksberg Kommune Meldt afbud: Sygdom – mangler (mødepligt)",
        "1. Status fra kommunerne Begge kommuner er i gang. Beslutninger Status gives fremover skriftligt",
        "Generelt Drøftelse af dokumentation.",
        "Kommunerne sender status på deres mål",
    ]:
        assert forventet in tekst
    assert tekst.index("Status gives fremover skriftligt") < tekst.index("Generelt")
    tjek = struktur(svar.content)
    assert tjek.fejl == [] and tjek.antal["tabeller"] and tjek.antal["overskriftsceller"]


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
    client_for, program, ministeriet, django_assert_max_num_queries
):
    planlagt = moede(program)
    for nr in range(6):
        services.dagsordenspunkt_tilfoej(moede=planlagt, titel=f"Punkt {nr}")
    afholdt = services.moede_marker_afholdt(moede=planlagt)
    for punkt in afholdt.dagsorden.all():
        services.opfoelgningspunkt_tilfoej(moede=afholdt, dagsordenspunkt=punkt, art="beslutning", tekst="X")
    client = client_for(ministeriet)
    with django_assert_max_num_queries(40):
        assert client.get(f"/moeder/{afholdt.pk}/").status_code == 200


# Minutes per agenda item ------------------------------------------------------------------------------------------


@pytest.fixture
def med_dagsorden(program):
    """A held meeting with three agenda items."""
    m = moede(program)
    for titel in ["Velkomst", "Status fra kommunerne", "Næste skridt"]:
        services.dagsordenspunkt_tilfoej(moede=m, titel=titel)
    return services.moede_marker_afholdt(moede=m)


def test_minutes_are_written_under_each_agenda_item_with_its_decisions_and_follow_up(
    client_for, med_dagsorden, ministeriet
):
    _, status, naeste = med_dagsorden.dagsorden.order_by("nummer")
    client = client_for(ministeriet)
    formular = client.get(f"/moeder/{med_dagsorden.pk}/referat/").content.decode()
    assert "1. Velkomst" in formular and "3. Næste skridt" in formular and "Generelle noter" in formular
    svar = client.post(
        f"/moeder/{med_dagsorden.pk}/referat/",
        {
            f"punkt_{status.pk}": "København og Frederiksberg fortalte om deres data.",
            f"punkt_{naeste.pk}": "Vi mødes igen i april.",
            "referat": "Mødet sluttede til tiden.",
            "version": med_dagsorden.version,
        },
    )
    assert svar.status_code == 302
    client.post(
        f"/moeder/{med_dagsorden.pk}/opfoelgning/",
        {
            "art": "opfoelgning",
            "dagsordenspunkt": naeste.pk,
            "tekst": "Send datoer",
            "ansvarlig": "Ministeriet",
            "frist": "2030-01-10",
        },
    )
    side = client.get(f"/moeder/{med_dagsorden.pk}/").content.decode()
    referat = side[side.index('id="referat-overskrift"') :]
    rækkefølge = [
        "1. Velkomst",
        "Intet referat under punktet.",
        "2. Status fra kommunerne",
        "København og Frederiksberg fortalte om deres data.",
        "3. Næste skridt",
        "Vi mødes igen i april.",
        "Opfølgningspunkter",
        "Send datoer",
        "Generelt",
        "Mødet sluttede til tiden.",
    ]
    placeringer = [referat.index(tekst) for tekst in rækkefølge]
    assert placeringer == sorted(placeringer)
    assert Moede.objects.get(pk=med_dagsorden.pk).referat == "Mødet sluttede til tiden."


def test_the_minutes_of_an_item_of_another_meeting_are_refused(program, med_dagsorden, ministeriet):
    andet = moede(program, nummer=5)
    fremmed = services.dagsordenspunkt_tilfoej(moede=andet, titel="Fremmed")
    with pytest.raises(ValidationError, match="hører ikke til mødets dagsorden"):
        services.referat_gem(
            moede=med_dagsorden,
            referat="",
            punkter={fremmed.pk: "X"},
            version=med_dagsorden.version,
            bruger=ministeriet,
        )
    with pytest.raises(ValidationError, match="andet møde"):
        services.opfoelgningspunkt_tilfoej(moede=med_dagsorden, dagsordenspunkt=fremmed, art="beslutning", tekst="X")


def test_two_people_writing_the_minutes_of_an_item_do_not_overwrite_each_other(client_for, med_dagsorden, ministeriet):
    punkt = med_dagsorden.dagsorden.first()
    client = client_for(ministeriet)
    url = f"/moeder/{med_dagsorden.pk}/referat/"
    version = med_dagsorden.version
    assert client.post(url, {f"punkt_{punkt.pk}": "Første", "referat": "", "version": version}).status_code == 302
    anden = client.post(url, {f"punkt_{punkt.pk}": "Anden", "referat": "", "version": version})
    assert anden.status_code == 409
    assert "Første" in anden.content.decode() and "Anden" in anden.content.decode()
    punkt.refresh_from_db()
    assert punkt.referat == "Første"


def test_agenda_items_are_edited_and_reordered_until_the_meeting_is_held(client_for, program, ministeriet):
    planlagt = moede(program)
    a, b, c = (services.dagsordenspunkt_tilfoej(moede=planlagt, titel=t) for t in ["A", "B", "C"])
    client = client_for(ministeriet)
    assert client.post(f"/dagsorden/{c.pk}/op/").status_code == 302
    assert client.post(f"/dagsorden/{a.pk}/ned/").status_code == 302
    assert client.post(f"/dagsorden/{a.pk}/ned/").status_code == 302  # already last: nothing moves
    assert [p.titel for p in planlagt.dagsorden.order_by("nummer")] == ["C", "B", "A"]
    assert list(planlagt.dagsorden.order_by("nummer").values_list("nummer", flat=True)) == [1, 2, 3]
    svar = client.post(f"/dagsorden/{b.pk}/rediger/", {"titel": "B, rettet", "varighed": "20", "version": b.version})
    assert svar.status_code == 302
    b.refresh_from_db()
    assert (b.titel, b.varighed) == ("B, rettet", 20)
    side = client.get(f"/moeder/{planlagt.pk}/").content.decode()
    assert f'action="/dagsorden/{b.pk}/op/"' in side and f"/dagsorden/{b.pk}/rediger/" in side
    afholdt = services.moede_marker_afholdt(moede=planlagt)
    assert client.post(f"/dagsorden/{b.pk}/op/").status_code == 403
    assert client.get(f"/dagsorden/{b.pk}/rediger/").status_code == 403
    assert client.post(f"/moeder/{afholdt.pk}/dagsorden/", {"titel": "Sent punkt"}).status_code == 403
    assert f"/dagsorden/{b.pk}/op/" not in client.get(f"/moeder/{afholdt.pk}/").content.decode()
    for skriv in [
        lambda: services.dagsordenspunkt_tilfoej(moede=afholdt, titel="Sent punkt"),
        lambda: services.dagsordenspunkt_flyt(punkt=b, retning="op"),
        lambda: services.dagsordenspunkt_slet(punkt=b),
        lambda: services.dagsordenspunkt_opdater(punkt=b, version=b.version, bruger=ministeriet, titel="X"),
    ]:
        with pytest.raises(ValidationError, match="indtil mødet er afholdt"):
            skriv()


def test_two_people_editing_an_agenda_item_do_not_overwrite_each_other(client_for, program, ministeriet):
    punkt = services.dagsordenspunkt_tilfoej(moede=moede(program), titel="Status")
    client = client_for(ministeriet)
    url = f"/dagsorden/{punkt.pk}/rediger/"
    assert client.post(url, {"titel": "Status, kort", "version": punkt.version}).status_code == 302
    anden = client.post(url, {"titel": "Status, lang", "version": punkt.version})
    assert anden.status_code == 409
    assert "Dagsordenspunktet er blevet ændret af Test ministeriet" in anden.content.decode()
    punkt.refresh_from_db()
    assert punkt.titel == "Status, kort"


# Decisions and follow-up points ---------------------------------------------------------------------------------


def test_a_decision_needs_no_owner_or_deadline_but_a_follow_up_point_does(client_for, afholdt, ministeriet):
    beslutning = services.opfoelgningspunkt_tilfoej(moede=afholdt, art="beslutning", tekst="Møderne flyttes til Aarhus")
    assert (beslutning.ansvarlig, beslutning.frist) == ("", None)
    with pytest.raises(ValidationError) as fejl:
        services.opfoelgningspunkt_tilfoej(moede=afholdt, art="opfoelgning", tekst="Send datoer")
    assert set(fejl.value.message_dict) == {"ansvarlig", "frist"}
    svar = client_for(ministeriet).post(
        f"/moeder/{afholdt.pk}/opfoelgning/", {"art": "opfoelgning", "tekst": "Send datoer", "ansvarlig": "Ministeriet"}
    )
    assert svar.status_code == 400 and "Et opfølgningspunkt skal have en frist." in svar.content.decode()
    assert afholdt.opfoelgningspunkter.count() == 1


def test_a_decision_without_a_deadline_is_kept_off_the_timeline_and_the_calendar_feed(afholdt, ministeriet):
    services.opfoelgningspunkt_tilfoej(moede=afholdt, art="beslutning", tekst="Uden frist")
    services.opfoelgningspunkt_tilfoej(
        moede=afholdt, art="opfoelgning", tekst="Med frist", ansvarlig="Ministeriet", frist=timezone.localdate()
    )
    tidsplan = [p.titel for p in tidsplan_for(afholdt.program, ministeriet).poster if p.art == "opfoelgning"]
    assert tidsplan == ["Opfølgningspunkt: Med frist"]
    assert [p.titel for p in kalender_for(ministeriet) if p.titel.startswith("Frist: ")] == ["Frist: Med frist"]


# Attendance -------------------------------------------------------------------------------------------------------


def test_attendance_is_present_apologies_with_a_reason_or_absent(client_for, afholdt, ministeriet, frederiksberg):
    with pytest.raises(ValidationError, match="hvorfor kommunen meldte afbud"):
        services.fremmoede_registrer(moede=afholdt, kommune=frederiksberg, status="afbud", bruger=ministeriet)
    client = client_for(ministeriet)
    svar = client.post(
        f"/moeder/{afholdt.pk}/fremmoede/",
        {
            "k101-status": "fravaerende",
            "k147-status": "afbud",
            "k147-afbudsgrund": "Projektlederen var syg",
            "k147-deltagere": "Bliver ikke gemt",
        },
    )
    assert svar.status_code == 302
    assert dict(Fremmoede.objects.values_list("kommune__kode", "status")) == {"101": "fravaerende", "147": "afbud"}
    assert Fremmoede.objects.get(kommune=frederiksberg).deltagere == ""  # who came: nobody
    side = client.get(f"/moeder/{afholdt.pk}/").content.decode()
    assert "Meldt afbud: Projektlederen var syg" in side and "Fraværende" in side
    assert moeder_i_program(afholdt.program, ministeriet).get().antal_deltog == 0


# Invitation -----------------------------------------------------------------------------------------------------


def test_a_participant_without_an_address_is_flagged_before_the_invitation_and_listed_after(
    client_for, program, ministeriet, projektleder_101, projektleder_147, evaluator
):
    projektleder_147.email = ""
    projektleder_147.save()
    m = moede(program, dag=timezone.localdate() + timedelta(days=10))
    client = client_for(ministeriet)
    side = client.get(f"/moeder/{m.pk}/").content.decode()
    advarsel = side[side.index('id="uden-adresse"') :][:1500]
    assert "1 deltager får ikke invitationen" in advarsel
    assert f"{projektleder_147.get_full_name()} (Frederiksberg)" in advarsel
    client.post(f"/moeder/{m.pk}/invitation/")
    (job,) = koer_ventende_jobs()
    assert job.status == Jobstatus.FAERDIG
    assert "1 uden e-mailadresse fik den ikke" in job.resultat_tekst and job.resultat_url.endswith("#invitation")
    # A finished job keeps no step text (the job page says Klar); who got nothing is on the meeting's page below.
    assert job.trin == ""
    ledere = Bruger.objects.filter(kommuner__kode__in=["101", "147"]).exclude(email="").distinct()
    forventet = [*ledere.values_list("email", flat=True), evaluator.email]
    assert sorted(b.to[0] for b in mail.outbox) == sorted(forventet) and projektleder_101.email in forventet
    side = client.get(f"/moeder/{m.pk}/").content.decode()
    invitation = side[side.index('id="invitation"') :][:3000]
    assert f"til {len(forventet)} deltagere" in invitation
    assert "Fik ikke invitationen" in invitation and projektleder_147.get_full_name() in invitation
    assert projektleder_101.email in invitation
    # The leads do not see who got it.
    assert 'id="invitation"' not in client_for(projektleder_101).get(f"/moeder/{m.pk}/").content.decode()


# Approval ---------------------------------------------------------------------------------------------------------


def test_approving_the_minutes_asks_for_confirmation_first(client_for, afholdt, ministeriet):
    afholdt = services.referat_gem(moede=afholdt, referat="Kort referat.", version=afholdt.version, bruger=ministeriet)
    client = client_for(ministeriet)
    side = client.get(f"/moeder/{afholdt.pk}/").content.decode()
    assert f'href="/moeder/{afholdt.pk}/godkend/"' in side
    assert f'action="/moeder/{afholdt.pk}/godkend/"' not in side  # no button that approves at once
    bekraeft = client.get(f"/moeder/{afholdt.pk}/godkend/")
    assert bekraeft.status_code == 200
    assert "Mødet låses, når referatet er godkendt" in bekraeft.content.decode()
    assert "Kort referat." in bekraeft.content.decode()
    assert Moede.objects.get(pk=afholdt.pk).status == Moedestatus.AFHOLDT  # asking approved nothing
    svar = client.post(f"/moeder/{afholdt.pk}/godkend/", {"version": afholdt.version})
    assert svar.status_code == 302
    assert Moede.objects.get(pk=afholdt.pk).status == Moedestatus.GODKENDT


def test_minutes_changed_after_the_approver_read_them_are_not_approved(client_for, afholdt, ministeriet):
    afholdt = services.referat_gem(moede=afholdt, referat="Udkast.", version=afholdt.version, bruger=ministeriet)
    laest = afholdt.version
    services.referat_gem(moede=afholdt, referat="Rettet udkast.", version=laest, bruger=ministeriet)
    svar = client_for(ministeriet).post(f"/moeder/{afholdt.pk}/godkend/", {"version": laest})
    assert svar.status_code == 409 and "Mødet er blevet ændret af" in svar.content.decode()
    assert "Rettet udkast." in svar.content.decode()
    assert Moede.objects.get(pk=afholdt.pk).status == Moedestatus.AFHOLDT


def test_minutes_as_pdf_appears_only_when_there_are_minutes(client_for, afholdt, ministeriet):
    client = client_for(ministeriet)
    assert "Referat som PDF" not in client.get(f"/moeder/{afholdt.pk}/").content.decode()
    assert client.get(f"/moeder/{afholdt.pk}/referat.pdf").status_code == 404
    services.opfoelgningspunkt_tilfoej(moede=afholdt, art="beslutning", tekst="Et referat kan være en beslutning")
    assert "Referat som PDF" in client.get(f"/moeder/{afholdt.pk}/").content.decode()
    assert client.get(f"/moeder/{afholdt.pk}/referat.pdf").status_code == 200


# What is due about meetings (for the front page's task list) ---------------------------------------------------------


def test_the_tasks_about_meetings_for_each_role(
    afholdt, ministeriet, projektleder_101, projektleder_147, evaluator, kobenhavn, styregruppe
):
    assert referater_til_godkendelse(ministeriet) == []  # held, but nothing written yet
    assert moeder_uden_fremmoede(ministeriet) == [afholdt]
    assert [m.antal_uden_fremmoede for m in moeder_uden_fremmoede(ministeriet)] == [2]
    assert [(s.moede, s.kommune.kode) for s in manglende_fremmoedesvar(projektleder_101)] == [(afholdt, "101")]
    services.fremmoede_registrer(
        moede=afholdt, kommune=kobenhavn, status="til_stede", deltagere="X", bruger=ministeriet
    )
    assert manglende_fremmoedesvar(projektleder_101) == []
    assert [s.url for s in manglende_fremmoedesvar(projektleder_147)] == [f"/moeder/{afholdt.pk}/fremmoede/"]
    assert manglende_fremmoedesvar(evaluator) == []
    services.referat_gem(moede=afholdt, referat="", punkter={}, version=afholdt.version, bruger=ministeriet)
    assert referater_til_godkendelse(ministeriet) == []
    services.opfoelgningspunkt_tilfoej(moede=afholdt, art="beslutning", tekst="X")
    assert referater_til_godkendelse(ministeriet) == [afholdt]
    services.referat_godkend(moede=afholdt, bruger=ministeriet, version=Moede.objects.get(pk=afholdt.pk).version)
    assert referater_til_godkendelse(ministeriet) == moeder_uden_fremmoede(ministeriet) == []
    assert manglende_fremmoedesvar(projektleder_147) == []  # the meeting is locked: nothing to answer any more
    i_dag = timezone.localdate()
    netvaerk = moede(afholdt.program, nummer=7, dag=i_dag + timedelta(days=3))
    styregruppemoede = moede(afholdt.program, art="styregruppemoede", nummer=1, dag=i_dag + timedelta(days=5))
    assert naeste_moede(projektleder_101, i_dag=i_dag) == netvaerk
    assert naeste_moede(styregruppe, i_dag=i_dag) == styregruppemoede  # invited to its own meetings only
    assert naeste_moede(evaluator, i_dag=i_dag + timedelta(days=4)) is None


@pytest.mark.parametrize("antal", [1, 6])
def test_the_tasks_about_meetings_take_a_fixed_number_of_queries(
    antal, program, ministeriet, projektleder_101, django_assert_num_queries
):
    for nr in range(antal):
        m = services.moede_marker_afholdt(moede=moede(program, nummer=nr + 1))
        services.opfoelgningspunkt_tilfoej(moede=m, art="beslutning", tekst="X")
    with django_assert_num_queries(1):
        assert len(moeder_uden_fremmoede(ministeriet)) == antal
    with django_assert_num_queries(1):
        assert len(referater_til_godkendelse(ministeriet)) == antal
    with django_assert_num_queries(1):
        naeste_moede(ministeriet)
    with django_assert_num_queries(2):  # the lead's municipalities in programmes, the meetings
        assert len(manglende_fremmoedesvar(projektleder_101)) == antal
