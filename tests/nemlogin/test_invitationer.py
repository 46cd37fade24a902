"""The ministry's page of invitations to MitID Erhverv (docs/decisions/0060): the form that invites a project lead
(with the municipality's CVR number) or another role (with an organisation's CVR number), the refusals on the form,
revoking, the e-mail sent once the invitation is committed, who may do any of it, and the log of the latest
NemLog-in logins below."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from forebyggelse.formatering import dato
from forebyggelse.roller import Rolle
from kommuner.models import Kommune
from nemlogin.models import Haendelse, Invitation, Udfald
from nemlogin.services import invitation_opret, invitation_tilbagekald
from tests.kommuner.factories import BrugerFactory

pytestmark = pytest.mark.django_db

SIDE = reverse("nemlogin:invitationer")
KOEBENHAVNS_CVR = "64942212"
FIRMAETS_CVR = "12345674"  # an evaluator's firm: 8 digits whose check digit fits
MINISTERIETS_CVR = "25798376"


def tilbagekald_url(invitation: Invitation) -> str:
    return reverse("nemlogin:invitation_tilbagekald", args=[invitation.pk])


@pytest.fixture(autouse=True)
def _cvr_numre(settings, kobenhavn):
    settings.MINISTERIETS_CVR = MINISTERIETS_CVR
    Kommune.objects.filter(pk=kobenhavn.pk).update(cvr=KOEBENHAVNS_CVR)


def inviter(client, django_capture_on_commit_callbacks, **data):
    """POST the form and run what waits for the commit (the e-mail), as the request's own commit would."""
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(SIDE, data)


# Inviting -----------------------------------------------------------------------------------------------------


def test_the_ministry_invites_a_project_lead_with_the_municipalitys_cvr_number(
    client_for, ministeriet, kobenhavn, django_capture_on_commit_callbacks
):
    client = client_for(ministeriet)
    response = inviter(
        client,
        django_capture_on_commit_callbacks,
        email="Leder@KK.dk",
        rolle=Rolle.PROJEKTLEDER,
        kommune=kobenhavn.pk,
        cvr="",
    )

    assert response.status_code == 302 and response["Location"] == SIDE
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.rolle, invitation.kommune, invitation.cvr) == (
        "leder@kk.dk",
        Rolle.PROJEKTLEDER,
        kobenhavn,
        KOEBENHAVNS_CVR,
    )
    assert invitation.oprettet_af == ministeriet
    assert [m.to for m in mail.outbox] == [["leder@kk.dk"]]
    assert "Københavns Kommune" in mail.outbox[0].body and KOEBENHAVNS_CVR in mail.outbox[0].body

    side = client.get(SIDE).content.decode()
    assert f"Invitationen er sendt til leder@kk.dk. Den gælder til {dato(invitation.udloeber)}." in side
    assert "leder@kk.dk" in side and "Kommunal projektleder" in side
    assert f"København, CVR {KOEBENHAVNS_CVR}" in side
    assert "Åben" in side and tilbagekald_url(invitation) in side


def test_the_kommune_list_shows_each_municipalitys_cvr_number_or_that_it_has_none(client_for, ministeriet):
    side = client_for(ministeriet).get(SIDE).content.decode()
    assert f"København (CVR {KOEBENHAVNS_CVR})" in side
    assert "Frederiksberg (intet CVR-nummer i portalen)" in side


def test_the_ministry_invites_an_evaluator_with_the_firms_cvr_number(
    client_for, ministeriet, kobenhavn, django_capture_on_commit_callbacks
):
    response = inviter(
        client_for(ministeriet),
        django_capture_on_commit_callbacks,
        email="evaluator@firma.dk",
        rolle=Rolle.EVALUATOR,
        # A municipality chosen by mistake is not the evaluator's; the CVR number written in pairs is.
        kommune=kobenhavn.pk,
        cvr="12 34 56 74",
    )

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.rolle, invitation.kommune, invitation.cvr) == (Rolle.EVALUATOR, None, FIRMAETS_CVR)
    assert [m.to for m in mail.outbox] == [["evaluator@firma.dk"]]


def test_without_a_cvr_number_a_steering_group_member_comes_with_the_ministrys(
    client_for, ministeriet, django_capture_on_commit_callbacks
):
    response = inviter(
        client_for(ministeriet), django_capture_on_commit_callbacks, email="s@sm.dk", rolle=Rolle.STYREGRUPPE
    )
    assert response.status_code == 302
    assert Invitation.objects.get().cvr == MINISTERIETS_CVR


def test_the_form_says_whose_cvr_number_an_empty_field_means(client_for, ministeriet, settings):
    assert (
        f"Lad feltet stå tomt for ministeriets eget ({MINISTERIETS_CVR})."
        in client_for(ministeriet).get(SIDE).content.decode()
    )
    settings.MINISTERIETS_CVR = ""
    assert "Lad feltet stå tomt" not in client_for(ministeriet).get(SIDE).content.decode()


def refuseret(response) -> str:
    """The page shown again with the form's errors: nothing written, nothing sent."""
    assert response.status_code == 400
    assert not Invitation.objects.exists()
    assert mail.outbox == []
    return response.content.decode()


def test_a_municipality_without_a_cvr_number_is_refused_on_the_form_and_keeps_the_input(
    client_for, ministeriet, frederiksberg, django_capture_on_commit_callbacks
):
    side = refuseret(
        inviter(
            client_for(ministeriet),
            django_capture_on_commit_callbacks,
            email="leder@frederiksberg.dk",
            rolle=Rolle.PROJEKTLEDER,
            kommune=frederiksberg.pk,
        )
    )
    assert "Frederiksberg har ikke noget CVR-nummer i portalen endnu. Skriv det på kommunens side." in side
    assert 'value="leder@frederiksberg.dk"' in side
    assert f'<option value="{frederiksberg.pk}" selected>' in side


def test_a_project_lead_needs_a_municipality(client_for, ministeriet, django_capture_on_commit_callbacks):
    side = refuseret(
        inviter(client_for(ministeriet), django_capture_on_commit_callbacks, email="x@kk.dk", rolle=Rolle.PROJEKTLEDER)
    )
    assert "Vælg den kommune, projektlederen arbejder for." in side


@pytest.mark.parametrize(
    ("cvr", "fejl"),
    [
        ("12345678", "CVR-nummeret er ikke gyldigt: kontrolcifferet passer ikke."),
        ("1234", "CVR-nummeret skal være 8 cifre."),
        ("123456789012345678901", "CVR-nummeret skal være 8 cifre."),
    ],
)
def test_a_wrong_cvr_number_is_refused_on_the_form(
    client_for, ministeriet, django_capture_on_commit_callbacks, cvr, fejl
):
    side = refuseret(
        inviter(
            client_for(ministeriet),
            django_capture_on_commit_callbacks,
            email="evaluator@firma.dk",
            rolle=Rolle.EVALUATOR,
            cvr=cvr,
        )
    )
    assert fejl in side
    assert f'value="{cvr}"' in side


def test_the_ministrys_own_staff_come_with_the_ministrys_cvr_number(
    client_for, ministeriet, django_capture_on_commit_callbacks
):
    side = refuseret(
        inviter(
            client_for(ministeriet),
            django_capture_on_commit_callbacks,
            email="ny@sm.dk",
            rolle=Rolle.MINISTERIET,
            cvr=FIRMAETS_CVR,
        )
    )
    assert "Ministeriets medarbejdere inviteres med ministeriets CVR-nummer." in side


def test_the_form_asks_for_an_address_and_a_role_in_danish(client_for, ministeriet):
    side = refuseret(client_for(ministeriet).post(SIDE, {"email": "ikke en adresse"}))
    assert "Skriv en gyldig e-mailadresse." in side
    assert "Vælg personens rolle." in side


def test_the_email_is_sent_only_once_the_invitation_is_committed(
    client_for, ministeriet, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as efter_commit:
        response = client_for(ministeriet).post(SIDE, {"email": "a@firma.dk", "rolle": Rolle.EVALUATOR})
    assert response.status_code == 302
    assert mail.outbox == []  # the request's transaction has not committed yet
    assert len(efter_commit) == 1
    efter_commit[0]()
    assert [m.to for m in mail.outbox] == [["a@firma.dk"]]
    assert mail.outbox[0].subject == "Du er inviteret til Forebyggelsesportalen"


# Revoking -----------------------------------------------------------------------------------------------------


def test_the_ministry_revokes_an_open_invitation_and_a_second_revoke_changes_nothing(client_for, ministeriet):
    invitation = invitation_opret(af=ministeriet, email="e@firma.dk", rolle=Rolle.EVALUATOR, cvr=FIRMAETS_CVR)
    client = client_for(ministeriet)

    response = client.post(tilbagekald_url(invitation), follow=True)
    assert response.redirect_chain == [(SIDE, 302)]
    invitation.refresh_from_db()
    tilbagekaldt = invitation.tilbagekaldt
    assert tilbagekaldt is not None
    side = response.content.decode()
    assert "Invitationen til e@firma.dk er tilbagekaldt og kan ikke bruges mere." in side
    assert f"Tilbagekaldt {dato(tilbagekaldt)}" in side
    assert tilbagekald_url(invitation) not in side

    igen = client.post(tilbagekald_url(invitation), follow=True)
    assert igen.redirect_chain == [(SIDE, 302)]
    assert "var ikke åben, så der var intet at tilbagekalde" in igen.content.decode()
    invitation.refresh_from_db()
    assert invitation.tilbagekaldt == tilbagekaldt


def test_a_used_invitation_is_not_revoked(client_for, ministeriet, evaluator):
    invitation = invitation_opret(af=ministeriet, email="e@firma.dk", rolle=Rolle.EVALUATOR, cvr=FIRMAETS_CVR)
    Invitation.objects.filter(pk=invitation.pk).update(brugt=timezone.now(), bruger=evaluator)
    client_for(ministeriet).post(tilbagekald_url(invitation))
    invitation.refresh_from_db()
    assert invitation.tilbagekaldt is None


def test_revoking_an_invitation_that_does_not_exist_is_404(client_for, ministeriet):
    assert client_for(ministeriet).post(reverse("nemlogin:invitation_tilbagekald", args=[999999])).status_code == 404


def test_revoking_is_a_post(client_for, ministeriet):
    invitation = invitation_opret(af=ministeriet, email="e@firma.dk", rolle=Rolle.EVALUATOR, cvr=FIRMAETS_CVR)
    assert client_for(ministeriet).get(tilbagekald_url(invitation)).status_code == 405
    invitation.refresh_from_db()
    assert invitation.aaben()


# Who may ------------------------------------------------------------------------------------------------------

ANDRE_ROLLER = ["projektleder_101", "evaluator", "styregruppe"]


@pytest.mark.parametrize("rolle", ANDRE_ROLLER)
def test_only_the_ministry_sees_the_page(request, client_for, rolle):
    response = client_for(request.getfixturevalue(rolle)).get(SIDE)
    assert response.status_code == 403
    assert "Kun ministeriet kan invitere brugere" in response.content.decode()


@pytest.mark.parametrize("rolle", ANDRE_ROLLER)
def test_another_roles_posts_change_nothing(
    request, client_for, ministeriet, kobenhavn, rolle, django_capture_on_commit_callbacks
):
    invitation = invitation_opret(af=ministeriet, email="e@firma.dk", rolle=Rolle.EVALUATOR, cvr=FIRMAETS_CVR)
    client = client_for(request.getfixturevalue(rolle))
    with django_capture_on_commit_callbacks(execute=True):
        ny = client.post(SIDE, {"email": "ven@kk.dk", "rolle": Rolle.MINISTERIET, "cvr": MINISTERIETS_CVR})
        tilbage = client.post(tilbagekald_url(invitation))
    assert (ny.status_code, tilbage.status_code) == (403, 403)
    assert list(Invitation.objects.values_list("email", "tilbagekaldt")) == [("e@firma.dk", None)]
    assert mail.outbox == []


def test_min_konto_links_the_page_for_the_ministry_only(client_for, ministeriet, evaluator):
    assert SIDE in client_for(ministeriet).get(reverse("konto:side")).content.decode()
    assert SIDE not in client_for(evaluator).get(reverse("konto:side")).content.decode()


# The lists ----------------------------------------------------------------------------------------------------


def test_the_page_tells_open_used_expired_and_revoked_apart_and_who_made_and_used_them(
    client_for, ministeriet, evaluator
):
    lavet_af = BrugerFactory(
        username="sekretariat", rolle=Rolle.MINISTERIET, first_name="Sekretariatet", last_name="SM"
    )
    aaben = invitation_opret(af=lavet_af, email="aaben@firma.dk", rolle=Rolle.EVALUATOR, cvr=FIRMAETS_CVR)
    brugt = invitation_opret(af=lavet_af, email="brugt@firma.dk", rolle=Rolle.EVALUATOR, cvr=FIRMAETS_CVR)
    Invitation.objects.filter(pk=brugt.pk).update(brugt=timezone.now(), bruger=evaluator)
    udloebet = invitation_opret(af=lavet_af, email="udloebet@firma.dk", rolle=Rolle.EVALUATOR, cvr=FIRMAETS_CVR)
    Invitation.objects.filter(pk=udloebet.pk).update(udloeber=timezone.now() - timedelta(days=1))
    tilbagekaldt = invitation_opret(af=lavet_af, email="tilbage@firma.dk", rolle=Rolle.EVALUATOR, cvr=FIRMAETS_CVR)
    invitation_tilbagekald(invitation=tilbagekaldt)

    side = client_for(ministeriet).get(SIDE).content.decode()
    raekker = {i.email: side[side.index(i.email) :].split("</tr>")[0] for i in (aaben, brugt, udloebet, tilbagekaldt)}
    assert "Åben" in raekker["aaben@firma.dk"] and tilbagekald_url(aaben) in raekker["aaben@firma.dk"]
    assert f"Brugt {dato(timezone.now())}" in raekker["brugt@firma.dk"]
    assert f"af {evaluator.get_full_name()} ({evaluator.username})" in raekker["brugt@firma.dk"]
    assert "Udløbet" in raekker["udloebet@firma.dk"]
    assert f"Tilbagekaldt {dato(timezone.now())}" in raekker["tilbage@firma.dk"]
    for raekke in (raekker["brugt@firma.dk"], raekker["udloebet@firma.dk"], raekker["tilbage@firma.dk"]):
        assert "Tilbagekald<" not in raekke
    assert all("af Sekretariatet SM" in raekke for raekke in raekker.values())
    assert "4 invitationer" in side


def test_the_latest_logins_are_shown_newest_first_with_the_reason_for_a_refusal(client_for, ministeriet, evaluator):
    nu = timezone.now()
    Haendelse.objects.create(
        tidspunkt=nu - timedelta(hours=2),
        udfald=Udfald.GODKENDT,
        email="e@firma.dk",
        cvr=FIRMAETS_CVR,
        bruger=evaluator,
    )
    Haendelse.objects.create(
        tidspunkt=nu - timedelta(hours=1),
        udfald=Udfald.AFVIST,
        aarsag="Du har ikke adgang til Forebyggelsesportalen endnu.",
        email="ukendt@firma.dk",
        cvr=FIRMAETS_CVR,
    )
    for i in range(51):
        Haendelse.objects.create(tidspunkt=nu - timedelta(days=10, minutes=i), udfald=Udfald.LOGGET_UD)

    side = client_for(ministeriet).get(SIDE).content.decode()
    log = side[side.index("Seneste logins med MitID Erhverv") :]
    assert log.index("ukendt@firma.dk") < log.index("e@firma.dk")
    assert "Afvist" in log and "Du har ikke adgang til Forebyggelsesportalen endnu." in log
    assert "Logget ind" in log and evaluator.get_full_name() in log
    assert log.count("Logget ud") == 48  # the latest 50: the two logins and 48 of the 51 logouts


def _verden_af(antal: int, ministeriet, evaluator) -> None:
    brugere = [BrugerFactory(username=f"m{antal}-{i}", rolle=Rolle.MINISTERIET) for i in range(3)]
    for i in range(antal):
        invitation = invitation_opret(
            af=brugere[i % 3], email=f"p{i}@firma.dk", rolle=Rolle.EVALUATOR, cvr=FIRMAETS_CVR
        )
        if i % 2:
            Invitation.objects.filter(pk=invitation.pk).update(brugt=timezone.now(), bruger=evaluator)
        Haendelse.objects.create(udfald=Udfald.GODKENDT, email=f"p{i}@firma.dk", bruger=brugere[i % 3])
    invitation_opret(af=ministeriet, email="k@kk.dk", rolle=Rolle.PROJEKTLEDER, kommune=Kommune.objects.get(kode="101"))


def test_the_page_asks_the_database_as_often_for_50_invitations_as_for_5(client_for, ministeriet, evaluator):
    client = client_for(ministeriet)
    antal = {}
    for n in (5, 50):
        Invitation.objects.all().delete()
        Haendelse.objects.all().delete()
        _verden_af(n, ministeriet, evaluator)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(SIDE)
        assert response.status_code == 200
        assert f"{n + 1} invitationer" in response.content.decode()
        antal[n] = len(queries)
    assert antal[5] == antal[50], antal
