"""A lead asks the ministry to reopen after the deadline; the ministry reopens (which answers the request) or declines
with an answer. The services, the lead's pages and the ministry's reopening page."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from forebyggelse.formatering import dato
from forebyggelse.historik import event_model
from kommuner.models import Genaabning, Genaabningsanmodning, Udfald
from kommuner.services.ansoegninger import (
    ansoegning_genaabn,
    ansoegning_send_tilbage,
    genaabningsanmodning_afvis,
    genaabningsanmodning_opret,
)
from tests.kommuner.factories import AnsoegningFactory, ProgramFactory, svar_tekst

pytestmark = pytest.mark.django_db

GRUND = "Byrådet kunne først behandle sagen efter fristen."


@pytest.fixture
def program(db):
    return ProgramFactory(navn="Forebyggelsesprojektet (test)", ansoegningsfrist=timezone.now() - timedelta(hours=1))


@pytest.fixture
def kladde(program, kobenhavn, projektleder_101):
    return AnsoegningFactory(program=program, kommune=kobenhavn, udfyldt=True)


@pytest.fixture
def anmodning(kladde, projektleder_101):
    return genaabningsanmodning_opret(ansoegning=kladde, bruger=projektleder_101, begrundelse=GRUND)


def genaabn(ansoegning, ministeriet):
    return ansoegning_genaabn(
        ansoegning=ansoegning,
        aaben_til=timezone.now() + timedelta(days=7),
        begrundelse="Byrådets behandling.",
        bruger=ministeriet,
    )


def anmod(ansoegning, bruger):
    with pytest.raises(ValidationError) as fejl:
        genaabningsanmodning_opret(ansoegning=ansoegning, bruger=bruger, begrundelse=GRUND)
    return fejl.value.messages


# The services ----------------------------------------------------------------------------------------------


def test_the_lead_asks_after_the_deadline_and_the_request_is_recorded_with_history(anmodning, projektleder_101):
    assert (anmodning.begrundelse, anmodning.oprettet_af, anmodning.aaben) == (GRUND, projektleder_101, True)
    (event,) = event_model(Genaabningsanmodning).objects.filter(pgh_obj_id=anmodning.pk)
    assert event.pgh_context.metadata["user"] == projektleder_101.pk


def test_asking_before_the_deadline_is_refused(kladde, program, projektleder_101):
    program.ansoegningsfrist = timezone.now() + timedelta(days=1)
    program.save()
    assert anmod(kladde, projektleder_101) == ["Fristen er ikke overskredet; I kan stadig indsende."]
    assert not Genaabningsanmodning.objects.exists()


def test_asking_about_a_submitted_application_is_refused(kobenhavn, projektleder_101):
    indsendt = AnsoegningFactory(kommune=kobenhavn, indsendt=True)
    indsendt.program.ansoegningsfrist = timezone.now() - timedelta(hours=1)
    indsendt.program.save()
    assert anmod(indsendt, projektleder_101) == ["Interessetilkendegivelsen er indsendt."]


def test_an_application_sent_back_needs_no_request(kobenhavn, projektleder_101, ministeriet):
    indsendt = AnsoegningFactory(kommune=kobenhavn, indsendt=True)
    ansoegning_send_tilbage(ansoegning=indsendt, kommentar="Afsnit C mangler.", bruger=ministeriet)
    indsendt.program.ansoegningsfrist = timezone.now() - timedelta(hours=1)
    indsendt.program.save()
    assert "så I kan indsende den igen nu" in anmod(indsendt, projektleder_101)[0]


@pytest.mark.parametrize(
    ("fixture", "grund"),
    [
        ("projektleder_147", "Du er ikke projektleder for denne kommune."),
        ("ministeriet", "Kun kommunens projektledere kan bede ministeriet om at genåbne."),
        ("evaluator", "Kun kommunens projektledere kan bede ministeriet om at genåbne."),
    ],
)
def test_only_the_municipalitys_own_lead_may_ask(request, kladde, fixture, grund):
    assert anmod(kladde, request.getfixturevalue(fixture)) == [grund]
    assert not Genaabningsanmodning.objects.exists()


def test_a_second_request_while_one_is_open_is_refused(anmodning, kladde, kobenhavn):
    from tests.kommuner.factories import BrugerFactory

    kollega = BrugerFactory(rolle="projektleder", kommuner=[kobenhavn])
    assert anmod(kladde, kollega) == ["I har allerede bedt ministeriet om at genåbne. Vent på ministeriets svar."]
    assert Genaabningsanmodning.objects.count() == 1


def test_the_database_holds_one_open_request_per_application(anmodning, kladde, projektleder_101):
    with pytest.raises(IntegrityError), transaction.atomic():
        Genaabningsanmodning.objects.create(ansoegning=kladde, begrundelse="Igen", oprettet_af=projektleder_101)


def test_reopening_answers_the_open_request_and_the_e_mail_says_so(
    anmodning, kladde, ministeriet, projektleder_101, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        genaabn(kladde, ministeriet)
    anmodning.refresh_from_db()
    assert (anmodning.udfald, anmodning.besvaret_af, anmodning.aaben) == (Udfald.GENAABNET, ministeriet, False)
    (besked,) = mail.outbox
    assert besked.to == [projektleder_101.email]
    assert f"Det er svaret på jeres anmodning af {dato(anmodning.oprettet)}." in besked.body


def test_reopening_without_a_request_answers_nothing(kladde, ministeriet):
    genaabn(kladde, ministeriet)
    assert Genaabning.objects.count() == 1 and not Genaabningsanmodning.objects.exists()


def test_declining_needs_an_answer(anmodning, ministeriet):
    with pytest.raises(ValidationError) as fejl:
        genaabningsanmodning_afvis(anmodning=anmodning, bruger=ministeriet, svar="  ")
    assert fejl.value.message_dict == {"svar": ["Skriv, hvorfor ministeriet ikke genåbner. Kommunen får svaret."]}
    anmodning.refresh_from_db()
    assert anmodning.aaben


def test_declining_records_the_answer_and_e_mails_the_leads(
    anmodning, ministeriet, projektleder_101, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        genaabningsanmodning_afvis(anmodning=anmodning, bruger=ministeriet, svar="Fristen gælder alle.")
    anmodning.refresh_from_db()
    assert (anmodning.udfald, anmodning.svar, anmodning.besvaret_af) == (
        Udfald.AFVIST,
        "Fristen gælder alle.",
        ministeriet,
    )
    (besked,) = mail.outbox
    assert besked.to == [projektleder_101.email]
    assert "genåbner ikke" in besked.subject and "Fristen gælder alle." in besked.body


def test_an_answered_request_is_not_answered_again(anmodning, kladde, ministeriet):
    genaabn(kladde, ministeriet)
    with pytest.raises(ValidationError) as fejl:
        genaabningsanmodning_afvis(anmodning=anmodning, bruger=ministeriet, svar="Nej.")
    assert fejl.value.messages == ["Ministeriet har allerede svaret på anmodningen."]
    anmodning.refresh_from_db()
    assert anmodning.udfald == Udfald.GENAABNET


def test_after_a_decline_the_lead_may_ask_again(anmodning, kladde, ministeriet, projektleder_101):
    genaabningsanmodning_afvis(anmodning=anmodning, bruger=ministeriet, svar="Skriv mere om hvorfor.")
    igen = genaabningsanmodning_opret(ansoegning=kladde, bruger=projektleder_101, begrundelse="Sygdom.")
    assert igen.aaben and Genaabningsanmodning.objects.count() == 2


# The lead's pages ------------------------------------------------------------------------------------------


def test_the_lead_asks_from_the_programme_page_and_then_sees_it_awaits_the_ministry(
    client_for, kladde, program, projektleder_101
):
    client = client_for(projektleder_101)
    html = client.get(f"/programmer/{program.pk}/").content.decode()
    assert "Fristen er overskredet" in html and "Bed ministeriet om at genåbne" in html
    assert f'action="/ansoegninger/{kladde.pk}/anmod-om-genaabning/"' in html
    assert "Kontakt ministeriet" not in html

    response = client.post(f"/ansoegninger/{kladde.pk}/anmod-om-genaabning/", {"begrundelse": GRUND})
    assert response.status_code == 302 and response.url == f"/ansoegninger/{kladde.pk}/"
    anmodning = Genaabningsanmodning.objects.get()
    assert (anmodning.begrundelse, anmodning.oprettet_af) == (GRUND, projektleder_101)

    for side in (f"/programmer/{program.pk}/", f"/ansoegninger/{kladde.pk}/"):
        html = client.get(side).content.decode()
        assert f"Anmodning om genåbning sendt {dato(anmodning.oprettet)}" in html
        assert "Ministeriet har ikke svaret endnu" in html and GRUND in html
        assert "anmod-om-genaabning" not in html  # no form while the request is open


def test_the_application_page_offers_the_request_where_it_says_the_deadline_has_passed(
    client_for, kladde, projektleder_101
):
    html = client_for(projektleder_101).get(f"/ansoegninger/{kladde.pk}/").content.decode()
    assert "Har I brug for at indsende alligevel, kan I bede ministeriet om at genåbne." in html
    assert f'action="/ansoegninger/{kladde.pk}/anmod-om-genaabning/"' in html


def test_the_request_form_needs_a_reason_and_keeps_what_was_typed(client_for, kladde, projektleder_101):
    client = client_for(projektleder_101)
    response = client.post(f"/ansoegninger/{kladde.pk}/anmod-om-genaabning/", {"begrundelse": ""})
    assert response.status_code == 400
    assert response.context["form"].errors["begrundelse"] == [
        "Skriv, hvorfor I har brug for at indsende efter fristen."
    ]
    for_lang = "Sygdom. " * 200
    response = client.post(f"/ansoegninger/{kladde.pk}/anmod-om-genaabning/", {"begrundelse": for_lang})
    assert response.status_code == 400
    assert for_lang.strip() in response.content.decode()
    assert not Genaabningsanmodning.objects.exists()


def test_the_lead_cannot_send_a_second_request_while_one_is_open(client_for, anmodning, kladde, projektleder_101):
    response = client_for(projektleder_101).post(
        f"/ansoegninger/{kladde.pk}/anmod-om-genaabning/", {"begrundelse": "Igen."}
    )
    assert response.status_code == 403
    assert "I har allerede bedt ministeriet om at genåbne" in response.content.decode()
    assert Genaabningsanmodning.objects.count() == 1


def test_no_request_form_before_the_deadline(client_for, projektleder_101, kobenhavn):
    kladde = AnsoegningFactory(kommune=kobenhavn, udfyldt=True)
    html = client_for(projektleder_101).get(f"/programmer/{kladde.program_id}/").content.decode()
    assert "Bed ministeriet om at genåbne" not in html


@pytest.mark.parametrize(
    ("fixture", "status"),
    [("projektleder_147", 404), ("evaluator", 404), ("styregruppe", 404), ("ministeriet", 403)],
)
def test_nobody_else_asks_for_the_municipality(client_for, request, kladde, fixture, status):
    response = client_for(request.getfixturevalue(fixture)).post(
        f"/ansoegninger/{kladde.pk}/anmod-om-genaabning/", {"begrundelse": GRUND}
    )
    assert response.status_code == status
    assert not Genaabningsanmodning.objects.exists()


def test_after_a_decline_the_lead_reads_the_answer_and_may_ask_again(
    client_for, anmodning, kladde, program, ministeriet, projektleder_101
):
    genaabningsanmodning_afvis(anmodning=anmodning, bruger=ministeriet, svar="Fristen gælder alle kommuner.")
    for side in (f"/programmer/{program.pk}/", f"/ansoegninger/{kladde.pk}/"):
        html = client_for(projektleder_101).get(side).content.decode()
        assert "Ministeriet har ikke genåbnet" in html and "Fristen gælder alle kommuner." in html
        assert "Bed ministeriet om at genåbne igen" in html
        assert "Ministeriet har ikke svaret endnu" not in html


def test_after_a_reopening_the_lead_sees_the_new_deadline_and_no_request(
    client_for, anmodning, kladde, program, ministeriet, projektleder_101
):
    genaabn(kladde, ministeriet)
    html = client_for(projektleder_101).get(f"/programmer/{program.pk}/").content.decode()
    assert "Ministeriet har genåbnet for jer" in html
    assert "Anmodning om genåbning sendt" not in html and "Bed ministeriet om at genåbne" not in html


# The ministry's reopening page -----------------------------------------------------------------------------


def test_the_ministry_sees_the_request_and_both_answers(client_for, anmodning, kladde, ministeriet):
    html = client_for(ministeriet).get(f"/ansoegninger/{kladde.pk}/genaabn/").content.decode()
    assert "Kommunens anmodning" in html and GRUND in html
    assert "Genåbn for kommunen" in html  # the existing form's button
    assert f'action="/genaabningsanmodninger/{anmodning.pk}/afvis/"' in html
    assert svar_tekst(kladde, 2) not in html  # a draft's status, never its content


def test_without_a_request_the_page_only_reopens(client_for, kladde, ministeriet):
    html = client_for(ministeriet).get(f"/ansoegninger/{kladde.pk}/genaabn/").content.decode()
    assert "Kommunens anmodning" not in html and "Afvis anmodningen" not in html
    assert "Genåbn for kommunen" in html


def test_the_ministry_declines_with_an_answer(
    client_for, anmodning, kladde, ministeriet, django_capture_on_commit_callbacks
):
    client = client_for(ministeriet)
    response = client.post(f"/genaabningsanmodninger/{anmodning.pk}/afvis/", {"svar": ""})
    assert response.status_code == 400
    assert response.context["afvis_form"].errors["svar"] == [
        "Skriv, hvorfor ministeriet ikke genåbner. Kommunen får svaret."
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/genaabningsanmodninger/{anmodning.pk}/afvis/", {"svar": "Fristen gælder alle."})
    assert response.status_code == 302 and response.url == f"/programmer/{kladde.program_id}/"
    anmodning.refresh_from_db()
    assert (anmodning.udfald, anmodning.svar) == (Udfald.AFVIST, "Fristen gælder alle.")
    assert len(mail.outbox) == 1
    # Answered: a second decline is refused, and nothing is left to decline on the page.
    assert client.post(f"/genaabningsanmodninger/{anmodning.pk}/afvis/", {"svar": "x"}).status_code == 403
    assert "Afvis anmodningen" not in client.get(f"/ansoegninger/{kladde.pk}/genaabn/").content.decode()


def test_the_ministry_reopens_from_the_page_and_that_answers_the_request(client_for, anmodning, kladde, ministeriet):
    ny_frist = timezone.localtime(timezone.now() + timedelta(days=3))
    response = client_for(ministeriet).post(
        f"/ansoegninger/{kladde.pk}/genaabn/",
        {"dato": f"{ny_frist:%Y-%m-%d}", "klokkeslaet": "12:00", "begrundelse": "Byrådets behandling."},
    )
    assert response.status_code == 302
    anmodning.refresh_from_db()
    assert anmodning.udfald == Udfald.GENAABNET


@pytest.mark.parametrize(("fixture", "status"), [("projektleder_101", 403), ("projektleder_147", 404)])
def test_only_the_ministry_declines(client_for, request, anmodning, fixture, status):
    response = client_for(request.getfixturevalue(fixture)).post(
        f"/genaabningsanmodninger/{anmodning.pk}/afvis/", {"svar": "Nej."}
    )
    assert response.status_code == status
    anmodning.refresh_from_db()
    assert anmodning.aaben


def test_a_request_whose_deadline_was_moved_can_still_be_declined(client_for, anmodning, kladde, program, ministeriet):
    program.ansoegningsfrist = timezone.now() + timedelta(days=2)
    program.save()
    html = client_for(ministeriet).get(f"/ansoegninger/{kladde.pk}/genaabn/").content.decode()
    assert "Fristen er ikke overskredet; kommunen kan stadig indsende." in html
    assert "Genåbn for kommunen" not in html and "Afvis anmodningen" in html
