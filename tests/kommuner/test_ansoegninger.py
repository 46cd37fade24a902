"""Expressions of interest: draft, annexes, deadline, submission with receipt, send back and reopen."""

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfReader

from kommuner.models import Ansoegning, AnsoegningStatus, Bilag, Genaabning, ProgramStatus
from kommuner.services.ansoegninger import ansoegning_send_tilbage
from tests.kommuner.factories import UDFYLDT, AnsoegningFactory, ProgramFactory, svar_tekst

pytestmark = pytest.mark.django_db

BILAG = Path(__file__).resolve().parent.parent / "fixtures" / "kommuner" / "bilag"


@pytest.fixture
def program(db):
    return ProgramFactory(navn="Forebyggelsesprojektet (test)")


@pytest.fixture
def kladde(program, kobenhavn, projektleder_101):
    return AnsoegningFactory(program=program, kommune=kobenhavn)


@pytest.fixture
def udfyldt(program, kobenhavn, projektleder_101):
    return AnsoegningFactory(program=program, kommune=kobenhavn, udfyldt=True)


@pytest.fixture
def indsendt(program, kobenhavn, projektleder_101):
    return AnsoegningFactory(program=program, kommune=kobenhavn, indsendt=True)


def formdata(**aendringer):
    data = {
        felt: ("on" if vaerdi is True else vaerdi)
        for felt, vaerdi in UDFYLDT.items()
        if vaerdi is not False and felt != "svar"
    }
    data.update({f"afsnit_{nr}": tekst for nr, tekst in UDFYLDT["svar"].items()})
    data.update({"beloeb_2011": "1400000", "beloeb_2012": "1800000"})
    data.update(aendringer)
    return data


def pdf_tekst(indhold: bytes) -> str:
    return "\n".join(side.extract_text() for side in PdfReader(io.BytesIO(indhold)).pages)


# Creating ------------------------------------------------------------------------------------------


def test_lead_starts_an_application_with_section_a_prefilled(client_for, program, kobenhavn, projektleder_101):
    kobenhavn.cvr, kobenhavn.adresse, kobenhavn.email = "64942212", "Rådhuspladsen 1", "kommune@example.org"
    kobenhavn.save()
    kobenhavn.kontaktpersoner.create(navn="Eksempel Person", titel="Koordinator", enhed="Socialforvaltningen")
    response = client_for(projektleder_101).post(f"/programmer/{program.pk}/ansoeg/", {"kommune": "101"})
    ansoegning = Ansoegning.objects.get(program=program, kommune=kobenhavn)
    assert response.status_code == 302
    assert response["Location"] == f"/ansoegninger/{ansoegning.pk}/rediger/"
    assert (ansoegning.kommune_navn, ansoegning.cvr, ansoegning.adresse) == (
        "Københavns Kommune",
        "64942212",
        "Rådhuspladsen 1",
    )
    assert ansoegning.kontakt_navn == "Eksempel Person"
    assert ansoegning.kontakt_titel == "Koordinator, Socialforvaltningen"
    # A second click opens the same application; there is one per municipality per programme.
    client_for(projektleder_101).post(f"/programmer/{program.pk}/ansoeg/", {"kommune": "101"})
    assert Ansoegning.objects.filter(program=program).count() == 1


@pytest.mark.parametrize(
    ("fixture", "kommune", "status"),
    [
        ("projektleder_147", "101", 404),  # not their municipality
        ("ministeriet", "101", 403),  # the ministry does not apply
        ("evaluator", "101", 403),  # reads the municipality, may not apply for it
    ],
)
def test_only_the_municipalitys_lead_can_start_its_application(client_for, request, program, fixture, kommune, status):
    response = client_for(request.getfixturevalue(fixture)).post(
        f"/programmer/{program.pk}/ansoeg/", {"kommune": kommune}
    )
    assert response.status_code == status
    assert not Ansoegning.objects.exists()


def test_no_application_in_a_programme_that_is_not_open(client_for, projektleder_101, kobenhavn):
    program = ProgramFactory(status=ProgramStatus.PLANLAGT)
    response = client_for(projektleder_101).post(f"/programmer/{program.pk}/ansoeg/", {"kommune": "101"})
    assert response.status_code == 403
    assert not Ansoegning.objects.exists()


# Drafts --------------------------------------------------------------------------------------------


def test_lead_saves_an_incomplete_draft(client_for, kladde, projektleder_101):
    response = client_for(projektleder_101).post(
        f"/ansoegninger/{kladde.pk}/rediger/", {"afsnit_2": "Første udkast", "beloeb_2011": "1400000"}, follow=True
    )
    assert "Kladden er gemt" in response.content.decode()
    kladde.refresh_from_db()
    assert svar_tekst(kladde, 2) == "Første udkast"
    assert kladde.status == AnsoegningStatus.KLADDE
    assert {b.aar: b.beloeb for b in kladde.beloeb.all()} == {2011: 1_400_000}


def test_edit_page_shows_live_character_counters_and_all_sections(client_for, kladde, projektleder_101):
    html = client_for(projektleder_101).get(f"/ansoegninger/{kladde.pk}/rediger/").content.decode()
    for afsnit in ["A. Kommunen", "B. Beslutning", "C. Baggrund", "D. Opstart", "E. Projektdesign", "F. Bemanding"]:
        assert afsnit in html
    assert 'data-maxlength="4000"' in html  # the DKFDS character limit on section C
    assert "Højst 4.000 tegn" in html
    assert "Ansøgt beløb 2012 (kr.)" in html


def test_invalid_cvr_is_a_field_error_and_keeps_what_was_typed(client_for, kladde, projektleder_101):
    response = client_for(projektleder_101).post(
        f"/ansoegninger/{kladde.pk}/rediger/", formdata(cvr="64942213", afsnit_2="Min tekst")
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["cvr"] == ["CVR-nummeret er ikke gyldigt: kontrolcifferet passer ikke."]
    assert form["afsnit_2"].value() == "Min tekst"
    kladde.refresh_from_db()
    assert svar_tekst(kladde, 2) == ""


def test_a_section_over_its_limit_is_refused_with_the_count(client_for, kladde, projektleder_101):
    response = client_for(projektleder_101).post(f"/ansoegninger/{kladde.pk}/rediger/", formdata(afsnit_3="x" * 2001))
    assert response.status_code == 200
    assert response.context["form"].errors["afsnit_3"] == [
        "D. Opstart og fremdrift må højst være 2.000 tegn (den har 2001)."
    ]
    kladde.refresh_from_db()
    assert svar_tekst(kladde, 3) == ""


def test_line_breaks_count_as_one_character_as_in_the_counter(client_for, kladde, projektleder_101):
    tekst = "\r\n".join(["a" * 9] * 200) + "a"  # 2.000 characters as the user sees them, 2.199 sent
    response = client_for(projektleder_101).post(f"/ansoegninger/{kladde.pk}/rediger/", formdata(afsnit_3=tekst))
    assert response.status_code == 302
    kladde.refresh_from_db()
    assert len(svar_tekst(kladde, 3)) == 2000


def test_negative_amount_is_refused(client_for, kladde, projektleder_101):
    response = client_for(projektleder_101).post(f"/ansoegninger/{kladde.pk}/rediger/", formdata(beloeb_2011="-5"))
    assert "beloeb_2011" in response.context["form"].errors
    assert not kladde.beloeb.exists()


@pytest.mark.parametrize("fixture", ["projektleder_147", "ministeriet", "evaluator", "styregruppe"])
def test_nobody_else_can_open_or_edit_a_draft(client_for, request, kladde, fixture):
    client = client_for(request.getfixturevalue(fixture))
    assert client.get(f"/ansoegninger/{kladde.pk}/").status_code == 404
    assert client.get(f"/ansoegninger/{kladde.pk}/rediger/").status_code == 404
    assert client.post(f"/ansoegninger/{kladde.pk}/rediger/", formdata()).status_code == 404
    assert client.post(f"/ansoegninger/{kladde.pk}/indsend/").status_code == 404
    kladde.refresh_from_db()
    assert svar_tekst(kladde, 2) == ""


def test_anonymous_is_sent_to_login(client, kladde):
    for url in [f"/ansoegninger/{kladde.pk}/", f"/ansoegninger/{kladde.pk}/rediger/"]:
        assert client.get(url)["Location"].startswith("/konto/login/")


# Submitting ----------------------------------------------------------------------------------------


def test_incomplete_application_is_not_submitted_and_says_what_is_missing(client_for, kladde, projektleder_101):
    response = client_for(projektleder_101).post(f"/ansoegninger/{kladde.pk}/indsend/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Interessetilkendegivelsen blev ikke indsendt" in html
    assert "C. Baggrund mangler." in html
    assert "Det ansøgte beløb for 2011 mangler (skriv 0, hvis I ikke søger for året)." in html
    kladde.refresh_from_db()
    assert kladde.status == AnsoegningStatus.KLADDE
    assert not kladde.kvitteringer.exists()


def test_submitting_locks_the_application_and_freezes_a_receipt_with_every_section(
    client_for, udfyldt, projektleder_101
):
    client = client_for(projektleder_101)
    response = client.post(f"/ansoegninger/{udfyldt.pk}/indsend/", follow=True)
    assert "Interessetilkendegivelsen er indsendt" in response.content.decode()
    udfyldt.refresh_from_db()
    assert udfyldt.status == AnsoegningStatus.INDSENDT
    assert udfyldt.indsendt_af == projektleder_101
    kvittering = udfyldt.kvitteringer.get()

    download = client.get(f"/kvitteringer/{kvittering.pk}/")
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith('attachment; filename="kvittering-101-')
    tekst = pdf_tekst(download.content)
    for vaerdi in [v for v in UDFYLDT.values() if isinstance(v, str)]:
        assert vaerdi in tekst, vaerdi
    for overskrift in ["A. Kommunen", "B. Beslutningsniveau", "C. Baggrund", "D. Opstart og fremdrift"]:
        assert overskrift in tekst
    assert "E. Projektdesign" in tekst and "F. Bemanding" in tekst and "G. Lokal tidsplan" in tekst
    assert "1.400.000 kr." in tekst and "1.800.000 kr." in tekst and "3.200.000 kr." in tekst
    assert "Afventer politisk godkendelse" in tekst and "Ja" in tekst.split("Afventer politisk godkendelse", 1)[1][:20]
    assert udfyldt.indsendt.astimezone(timezone.get_default_timezone()).strftime("%H.%M") in tekst


def test_a_submitted_application_cannot_be_changed(client_for, indsendt, projektleder_101):
    client = client_for(projektleder_101)
    response = client.get(f"/ansoegninger/{indsendt.pk}/rediger/", follow=True)
    assert "er indsendt og kan ikke ændres" in response.content.decode()
    client.post(f"/ansoegninger/{indsendt.pk}/rediger/", formdata(afsnit_2="Ændret bagefter"))
    pdf = SimpleUploadedFile("boernepolitik.pdf", (BILAG / "should_pass" / "boernepolitik.pdf").read_bytes())
    client.post(f"/ansoegninger/{indsendt.pk}/bilag/", {"fil": pdf})
    client.post(f"/ansoegninger/{indsendt.pk}/indsend/")
    indsendt.refresh_from_db()
    assert svar_tekst(indsendt, 2) == UDFYLDT["svar"][2]
    assert not indsendt.bilag.exists()
    assert indsendt.kvitteringer.count() == 1


# Deadline, reopening, sending back ------------------------------------------------------------------


@pytest.fixture
def efter_fristen(program):
    program.ansoegningsfrist = timezone.now() - timedelta(hours=1)
    program.save()
    return program


def test_submitting_after_the_deadline_is_refused_with_the_deadline(
    client_for, udfyldt, efter_fristen, projektleder_101
):
    response = client_for(projektleder_101).post(f"/ansoegninger/{udfyldt.pk}/indsend/")
    html = response.content.decode()
    assert "Fristen for at indsende var" in html
    frist = timezone.localtime(efter_fristen.ansoegningsfrist)
    assert f"kl. {frist:%H.%M}" in html
    udfyldt.refresh_from_db()
    assert udfyldt.status == AnsoegningStatus.KLADDE


def test_the_ministry_reopens_for_one_municipality_with_a_reason(
    client_for, udfyldt, efter_fristen, ministeriet, projektleder_101, django_capture_on_commit_callbacks
):
    ny_frist = timezone.localtime(timezone.now() + timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(ministeriet).post(
            f"/ansoegninger/{udfyldt.pk}/genaabn/",
            {"dato": f"{ny_frist:%Y-%m-%d}", "klokkeslaet": "12:00", "begrundelse": "Sygdom i projektgruppen"},
        )
    assert response.status_code == 302
    genaabning = Genaabning.objects.get()
    assert (genaabning.oprettet_af, genaabning.begrundelse) == (ministeriet, "Sygdom i projektgruppen")
    assert timezone.localtime(genaabning.aaben_til).hour == 12  # Danish time, as typed
    assert len(mail.outbox) == 1 and projektleder_101.email in mail.outbox[0].to

    client_for(projektleder_101).post(f"/ansoegninger/{udfyldt.pk}/indsend/")
    udfyldt.refresh_from_db()
    assert udfyldt.status == AnsoegningStatus.INDSENDT


def test_reopening_needs_a_reason_and_a_future_date(client_for, udfyldt, efter_fristen, ministeriet):
    client = client_for(ministeriet)
    response = client.post(f"/ansoegninger/{udfyldt.pk}/genaabn/", {"dato": "2011-02-08", "klokkeslaet": "12:00"})
    errors = response.context["form"].errors
    assert errors["begrundelse"] == ["Skriv, hvorfor kommunen får lov at indsende efter fristen."]
    response = client.post(
        f"/ansoegninger/{udfyldt.pk}/genaabn/", {"dato": "2011-02-08", "klokkeslaet": "12:00", "begrundelse": "x"}
    )
    assert response.context["form"].errors["dato"] == ["Den nye frist skal ligge i fremtiden."]
    assert not Genaabning.objects.exists()


def test_reopening_before_the_deadline_is_not_offered(client_for, udfyldt, ministeriet):
    response = client_for(ministeriet).get(f"/ansoegninger/{udfyldt.pk}/genaabn/")
    assert response.status_code == 403
    assert "Fristen er ikke overskredet" in response.content.decode()


# The own lead reads the draft but may not reopen it (403); the others may not read a draft at all (404).
@pytest.mark.parametrize(
    ("fixture", "status"),
    [("projektleder_101", 403), ("projektleder_147", 404), ("evaluator", 404), ("styregruppe", 404)],
)
def test_only_the_ministry_reopens(client_for, request, udfyldt, efter_fristen, fixture, status):
    response = client_for(request.getfixturevalue(fixture)).post(
        f"/ansoegninger/{udfyldt.pk}/genaabn/", {"dato": "2030-01-01", "klokkeslaet": "12:00", "begrundelse": "x"}
    )
    assert response.status_code == status
    assert not Genaabning.objects.exists()


def test_the_ministry_sends_back_and_the_lead_resubmits_after_the_deadline(
    client_for, indsendt, ministeriet, projektleder_101, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(ministeriet).post(
            f"/ansoegninger/{indsendt.pk}/send-tilbage/", {"kommentar": "Uddyb forankringen i afsnit C."}
        )
    assert response.status_code == 302
    assert "Uddyb forankringen" in mail.outbox[0].body
    indsendt.program.ansoegningsfrist = timezone.now() - timedelta(days=1)
    indsendt.program.save()

    lead = client_for(projektleder_101)
    assert "Uddyb forankringen i afsnit C." in lead.get(f"/ansoegninger/{indsendt.pk}/").content.decode()
    lead.post(f"/ansoegninger/{indsendt.pk}/rediger/", formdata(afsnit_2="Nu med forankring."))
    lead.post(f"/ansoegninger/{indsendt.pk}/indsend/")
    indsendt.refresh_from_db()
    assert (indsendt.status, svar_tekst(indsendt, 2)) == (AnsoegningStatus.INDSENDT, "Nu med forankring.")
    assert indsendt.kvitteringer.count() == 2
    nyeste = indsendt.kvitteringer.first()
    assert "Nu med forankring." in pdf_tekst(bytes(nyeste.pdf))
    assert "Nu med forankring." not in pdf_tekst(bytes(indsendt.kvitteringer.last().pdf))


def test_sending_back_needs_a_comment(client_for, indsendt, ministeriet):
    response = client_for(ministeriet).post(f"/ansoegninger/{indsendt.pk}/send-tilbage/", {"kommentar": " "})
    assert response.context["form"].errors["kommentar"] == ["Skriv, hvad kommunen skal ændre."]
    indsendt.refresh_from_db()
    assert indsendt.status == AnsoegningStatus.INDSENDT


# The own lead and the evaluator read the submitted application but may not send it back (403).
@pytest.mark.parametrize(
    ("fixture", "status"),
    [("projektleder_101", 403), ("projektleder_147", 404), ("evaluator", 403), ("styregruppe", 404)],
)
def test_only_the_ministry_sends_back(client_for, request, indsendt, fixture, status):
    response = client_for(request.getfixturevalue(fixture)).post(
        f"/ansoegninger/{indsendt.pk}/send-tilbage/", {"kommentar": "x"}
    )
    assert response.status_code == status
    indsendt.refresh_from_db()
    assert indsendt.status == AnsoegningStatus.INDSENDT


def test_a_draft_cannot_be_sent_back(udfyldt, ministeriet):
    with pytest.raises(Exception, match="Kun en indsendt"):
        ansoegning_send_tilbage(ansoegning=udfyldt, kommentar="x", bruger=ministeriet)


# Annexes -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("sti", sorted((BILAG / "should_pass").iterdir()), ids=lambda p: p.name)
def test_allowed_annexes_are_stored_and_served_to_those_who_may_read(
    client_for, kladde, projektleder_101, projektleder_147, sti
):
    client = client_for(projektleder_101)
    response = client.post(
        f"/ansoegninger/{kladde.pk}/bilag/",
        {"fil": SimpleUploadedFile(sti.name, sti.read_bytes()), "beskrivelse": "Eksempel"},
    )
    assert response.status_code == 302
    bilag = Bilag.objects.get()
    assert (bilag.filnavn, bilag.filtype, bilag.stoerrelse) == (sti.name, sti.suffix[1:], sti.stat().st_size)
    download = client.get(f"/bilag/{bilag.pk}/")
    assert b"".join(download.streaming_content) == sti.read_bytes()
    assert sti.name in download["Content-Disposition"]
    assert client_for(projektleder_147).get(f"/bilag/{bilag.pk}/").status_code == 404


# Why each file in should_fail is refused (the same checks refuse them as strategy and meeting annexes).
AFVIST_FORDI = {
    "almindelig_zip.docx": "Filens indhold er ikke en DOCX-fil",
    "billede.png": "Filtypen er ikke tilladt",
    "entiteter.docx": "Filens indholdsfortegnelse ([Content_Types].xml) kan ikke læses",
    "ingen_endelse": "Filtypen er ikke tilladt",
    "makroer.docx": "Filen er et Word-dokument med makroer (DOCM)",
    "mange_dele.odt": "Filen indeholder 1.010 dele; en Office-fil må højst have 1.000",
    "pdf_omdoebt_til.docx": "Filen hedder .docx, men indholdet er PDF",
    "program.exe.pdf": "Filens indhold er ikke en PDF-fil",
    "tekst_omdoebt_til.pdf": "Filens indhold er ikke en PDF-fil",
    "word_omdoebt_til.pdf": "Filen hedder .pdf, men indholdet er DOCX",
    "zipbombe.docx": "Delen word/media/fyld.bin er pakket usædvanligt hårdt sammen (en såkaldt ZIP-bombe)",
}


@pytest.mark.parametrize("sti", sorted((BILAG / "should_fail").iterdir()), ids=lambda p: p.name)
def test_wrong_or_renamed_files_are_refused_and_nothing_is_stored(client_for, kladde, projektleder_101, settings, sti):
    assert sti.name in AFVIST_FORDI, f"Skriv, hvorfor {sti.name} skal afvises"
    response = client_for(projektleder_101).post(
        f"/ansoegninger/{kladde.pk}/bilag/", {"fil": SimpleUploadedFile(sti.name, sti.read_bytes())}
    )
    assert response.status_code == 200
    assert AFVIST_FORDI[sti.name] in response.context["form"].errors["fil"][0]
    assert not Bilag.objects.exists()
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.*")) and not any(
        p.is_file() for p in Path(settings.MEDIA_ROOT).rglob("*")
    )


def test_an_annex_over_20_mb_is_refused(client_for, kladde, projektleder_101):
    stor = b"%PDF-1.7\n" + b"0" * (20 * 1024 * 1024)
    response = client_for(projektleder_101).post(
        f"/ansoegninger/{kladde.pk}/bilag/", {"fil": SimpleUploadedFile("stor.pdf", stor)}
    )
    assert "Et bilag må højst fylde 20 MB" in response.context["form"].errors["fil"][0]
    assert not Bilag.objects.exists()


def test_missing_file_gets_a_danish_message(client_for, kladde, projektleder_101):
    response = client_for(projektleder_101).post(f"/ansoegninger/{kladde.pk}/bilag/", {})
    assert response.context["form"].errors["fil"] == ["Vælg den fil, du vil vedhæfte."]


def test_lead_removes_an_annex_from_a_draft(client_for, kladde, projektleder_101, projektleder_147):
    sti = BILAG / "should_pass" / "cv.odt"
    client_for(projektleder_101).post(
        f"/ansoegninger/{kladde.pk}/bilag/", {"fil": SimpleUploadedFile(sti.name, sti.read_bytes())}
    )
    bilag = Bilag.objects.get()
    assert client_for(projektleder_147).post(f"/bilag/{bilag.pk}/slet/").status_code == 404
    assert Bilag.objects.exists()
    client_for(projektleder_101).post(f"/bilag/{bilag.pk}/slet/")
    assert not Bilag.objects.exists()


@pytest.mark.parametrize(
    ("fixture", "kladde_status", "indsendt_status"),
    [
        ("projektleder_101", 200, 200),
        ("projektleder_147", 404, 404),
        ("ministeriet", 404, 200),
        ("evaluator", 404, 200),
        ("styregruppe", 404, 404),
    ],
)
def test_who_reads_an_application_and_its_annexes(
    client_for, request, program, projektleder_101, frederiksberg, fixture, kladde_status, indsendt_status
):
    kladde = AnsoegningFactory(program=program, kommune=request.getfixturevalue("kobenhavn"), udfyldt=True)
    sti = BILAG / "should_pass" / "boernepolitik.pdf"
    client_for(projektleder_101).post(
        f"/ansoegninger/{kladde.pk}/bilag/", {"fil": SimpleUploadedFile(sti.name, sti.read_bytes())}
    )
    bilag = Bilag.objects.get()
    client = client_for(request.getfixturevalue(fixture))
    assert client.get(f"/ansoegninger/{kladde.pk}/").status_code == kladde_status
    assert client.get(f"/bilag/{bilag.pk}/").status_code == kladde_status

    client_for(projektleder_101).post(f"/ansoegninger/{kladde.pk}/indsend/")
    kvittering = kladde.kvitteringer.get()
    client = client_for(request.getfixturevalue(fixture))
    assert client.get(f"/ansoegninger/{kladde.pk}/").status_code == indsendt_status
    assert client.get(f"/bilag/{bilag.pk}/").status_code == indsendt_status
    assert client.get(f"/kvitteringer/{kvittering.pk}/").status_code == indsendt_status


def test_the_ministry_and_the_own_lead_see_the_history_the_evaluator_does_not(
    client, indsendt, ministeriet, projektleder_101, evaluator
):
    client.force_login(ministeriet)
    html = client.get(f"/ansoegninger/{indsendt.pk}/").content.decode()
    assert "Historik" in html
    assert "Indsendt → " not in html  # statuses are shown by their labels …
    assert "Kladde → Indsendt" in html  # … old → new
    client.force_login(projektleder_101)
    assert "Historik" in client.get(f"/ansoegninger/{indsendt.pk}/").content.decode()
    client.force_login(evaluator)
    assert "Historik" not in client.get(f"/ansoegninger/{indsendt.pk}/").content.decode()


def test_application_page_query_count_does_not_grow_with_annexes(
    menuen, client_for, kladde, projektleder_101, django_assert_max_num_queries
):
    client = client_for(projektleder_101)
    sti = BILAG / "should_pass" / "cv.odt"
    for _ in range(5):
        client.post(f"/ansoegninger/{kladde.pk}/bilag/", {"fil": SimpleUploadedFile(sti.name, sti.read_bytes())})
    with django_assert_max_num_queries(20 + menuen(projektleder_101)):
        response = client.get(f"/ansoegninger/{kladde.pk}/")
    assert response.content.decode().count('href="/bilag/') == 5


def test_the_programme_page_offers_the_ministry_to_reopen_a_draft_after_the_deadline(
    client_for, udfyldt, efter_fristen, ministeriet
):
    html = client_for(ministeriet).get(f"/programmer/{efter_fristen.pk}/").content.decode()
    assert f'href="/ansoegninger/{udfyldt.pk}/genaabn/"' in html
    assert svar_tekst(udfyldt, 2) not in html  # the ministry sees the draft's status, never its content


def test_the_lead_sees_on_the_programme_page_that_the_deadline_was_reopened_for_them(
    client_for, udfyldt, efter_fristen, ministeriet, projektleder_101
):
    ny_frist = timezone.localtime(timezone.now() + timedelta(days=2))
    client_for(ministeriet).post(
        f"/ansoegninger/{udfyldt.pk}/genaabn/",
        {"dato": f"{ny_frist:%Y-%m-%d}", "klokkeslaet": "12:00", "begrundelse": "Sygdom"},
    )
    html = client_for(projektleder_101).get(f"/programmer/{efter_fristen.pk}/").content.decode()
    assert "Ministeriet har genåbnet for jer" in html
    assert f"{ny_frist.year} kl. 12.00" in html
