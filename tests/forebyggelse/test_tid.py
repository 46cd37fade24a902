from datetime import date, time

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from forebyggelse import tid
from forebyggelse.formatering import dansk_tidspunkt
from strategi.selectors import i_dag as strategiens_i_dag


def test_today_is_the_calendar_unless_the_portal_sets_its_own_day():
    with override_settings(PORTAL_I_DAG=""):
        assert tid.i_dag() == timezone.localdate()
    with override_settings(PORTAL_I_DAG="2012-06-01"):
        assert tid.i_dag() == date(2012, 6, 1)
        # Lateness of actions and goals reads the same day.
        assert strategiens_i_dag() == date(2012, 6, 1)


def test_now_for_deadlines_is_today_at_the_clocks_time():
    with override_settings(PORTAL_I_DAG=""):
        assert abs((tid.nu() - timezone.now()).total_seconds()) < 5
    with override_settings(PORTAL_I_DAG="2012-06-01"):
        assert timezone.localtime(tid.nu()).date() == date(2012, 6, 1)


@pytest.mark.django_db
def test_on_the_portals_day_what_is_due_can_be_done_and_reads_as_done_that_day(settings, client):
    """The demo's day (PORTAL_I_DAG) runs deadlines both ways: an application due later that day's month can be
    submitted through the page, its receipt is dated that day, and a meeting after it cannot be marked held."""
    from evaluering.services.moeder import moede_marker_afholdt
    from kommuner.models import Ansoegning, AnsoegningStatus
    from tests.evaluering.factories import moede, program_med_deltagere
    from tests.kommuner.factories import AnsoegningFactory, ProgramFactory, projektleder_for

    settings.PORTAL_I_DAG = "2012-06-01"
    program = ProgramFactory(ansoegningsfrist=dansk_tidspunkt(date(2012, 6, 29), time(12, 0)))
    ansoegning = AnsoegningFactory(program=program, udfyldt=True)
    client.force_login(projektleder_for(ansoegning.kommune))
    svar = client.post(f"/ansoegninger/{ansoegning.pk}/indsend/", {"bekraeft": "on"})
    assert svar.status_code == 302, svar.content.decode()[:2000]
    ansoegning = Ansoegning.objects.get(pk=ansoegning.pk)
    assert ansoegning.status == AnsoegningStatus.INDSENDT
    assert timezone.localtime(ansoegning.kvitteringer.get().indsendt).date() == date(2012, 6, 1)

    senere = moede(program_med_deltagere("101"), dag=date(2012, 6, 14), nummer=3)
    with pytest.raises(ValidationError, match="kan ikke være afholdt endnu"):
        moede_marker_afholdt(moede=senere)
