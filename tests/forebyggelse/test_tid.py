from datetime import date

from django.test import override_settings
from django.utils import timezone

from forebyggelse import tid
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
