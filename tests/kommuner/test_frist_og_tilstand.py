"""What a lead is told about the application deadline and where the application stands, for every state the
application can be in, before and after the deadline: the programme page and the front page tell the same truth."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from kommuner.models import AnsoegningStatus, Genaabning, ProgramStatus
from kommuner.services.ansoegninger import ansoegning_send_tilbage
from tests.kommuner.factories import AnsoegningFactory, ProgramFactory
from tests.kommuner.test_programmer import deltag

pytestmark = pytest.mark.django_db

OVERSKREDET = "Fristen er overskredet"
FRIST = "Frist: "

# state → (owes an application, what the front page calls it)
TILSTANDE = {
    "ingen": (True, None),
    "kladde": (True, "kladde"),
    "sendt_tilbage": (False, "sendt tilbage til ændring"),
    "indsendt": (False, "indsendt"),
    "udvalgt": (False, "udvalgt"),
    "ikke_udvalgt": (False, "ikke udvalgt"),
}


def _ansoegning(tilstand, program, kommune, ministeriet):
    if tilstand == "ingen":
        return None
    ansoegning = AnsoegningFactory(program=program, kommune=kommune, indsendt=tilstand != "kladde")
    if tilstand == "sendt_tilbage":
        ansoegning_send_tilbage(ansoegning=ansoegning, kommentar="Ret budgettet.", bruger=ministeriet)
    elif tilstand in {"udvalgt", "ikke_udvalgt"}:
        deltag(ansoegning, udvalgt=tilstand == "udvalgt", bevilget=[(2011, 100_000)])
    return ansoegning


@pytest.mark.parametrize("overskredet", [False, True], ids=["foer_fristen", "efter_fristen"])
@pytest.mark.parametrize("tilstand", list(TILSTANDE))
def test_lead_sees_the_deadline_and_state_that_fit_the_application(
    client_for, projektleder_101, ministeriet, kobenhavn, tilstand, overskredet
):
    # Created while open (an application can only be submitted before the deadline), then the deadline passes.
    program = ProgramFactory(status=ProgramStatus.AABEN)
    _ansoegning(tilstand, program, kobenhavn, ministeriet)
    if overskredet:
        program.ansoegningsfrist = timezone.now() - timedelta(days=1)
        program.save(update_fields=["ansoegningsfrist"])
    client = client_for(projektleder_101)

    side = client.get(f"/programmer/{program.pk}/").content.decode()
    skylder, navn = TILSTANDE[tilstand]
    assert (OVERSKREDET in side) == (skylder and overskredet)
    assert (FRIST in side) == (skylder and not overskredet)

    forside = client.get("/").content.decode()
    if navn:
        assert f"interessetilkendegivelse – {navn}</a>" in forside


def test_the_deadline_is_judged_on_the_portals_day(client_for, projektleder_101):
    """In the demo "today" is a day inside the programme: the deadline reads as it did on that day."""
    program = ProgramFactory(status=ProgramStatus.AABEN)
    dag_foer = timezone.localtime(program.ansoegningsfrist).date() - timedelta(days=1)
    with override_settings(PORTAL_I_DAG=dag_foer.isoformat()):
        side = client_for(projektleder_101).get(f"/programmer/{program.pk}/").content.decode()
    assert FRIST in side and OVERSKREDET not in side
    dag_efter = dag_foer + timedelta(days=2)
    with override_settings(PORTAL_I_DAG=dag_efter.isoformat()):
        side = client_for(projektleder_101).get(f"/programmer/{program.pk}/").content.decode()
    assert OVERSKREDET in side


def test_a_reopened_draft_is_told_its_new_deadline_not_that_it_is_late(
    client_for, projektleder_101, ministeriet, kobenhavn
):
    program = ProgramFactory(status=ProgramStatus.AABEN, ansoegningsfrist=timezone.now() - timedelta(days=1))
    ansoegning = AnsoegningFactory(program=program, kommune=kobenhavn)
    assert ansoegning.status == AnsoegningStatus.KLADDE
    Genaabning.objects.create(
        ansoegning=ansoegning, aaben_til=timezone.now() + timedelta(days=3), begrundelse="Syg.", oprettet_af=ministeriet
    )
    side = client_for(projektleder_101).get(f"/programmer/{program.pk}/").content.decode()
    assert "Ministeriet har genåbnet for jer" in side
    assert OVERSKREDET not in side
