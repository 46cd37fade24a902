from datetime import date

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from kommuner.models import (
    Ansoegning,
    AnsoegningStatus,
    Bevilling,
    Bruger,
    Kvittering,
    Milepael,
    Program,
    ProgramStatus,
    Projektdeltager,
    Vurdering,
)
from tests.kommuner.factories import svar_tekst

pytestmark = pytest.mark.django_db

DEMO = {"ministeriet", "evaluator", "styregruppe", "projektleder-101", "projektleder-147"}


def test_refuses_outside_demo_mode_and_changes_nothing(settings):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="demo-tilstand"):
        call_command("load_demo")
    assert not Bruger.objects.exists()


def tael():
    return [
        m.objects.count()
        for m in (Bruger, Program, Ansoegning, Vurdering, Kvittering, Bevilling, Projektdeltager, Milepael)
    ]


def test_creates_the_demo_users_once_even_when_run_twice(settings, client):
    settings.DEMO_MODE = True
    settings.PORTAL_I_DAG = "2012-06-01"  # the portal shown mid-programme still loads the whole programme
    call_command("load_demo")
    foerste = tael()
    call_command("load_demo")
    assert tael() == foerste
    assert set(Bruger.objects.values_list("username", flat=True)) == DEMO
    leder = Bruger.objects.get(username="projektleder-147")
    assert [k.kode for k in leder.kommuner.all()] == ["147"]
    assert leder.check_password("demo")


def test_demo_mode_is_only_on_in_local_settings():
    from forebyggelse.settings import base, local, test

    assert (base.DEMO_MODE, local.DEMO_MODE, test.DEMO_MODE) == (False, True, False)


def test_opret_bruger_assigns_a_role_and_municipalities():
    call_command("opret_bruger", "ny-leder", "--rolle", "projektleder", "--kommune", "101", "--kommune", "147")
    bruger = Bruger.objects.get(username="ny-leder")
    assert bruger.rolle == "projektleder"
    assert sorted(k.kode for k in bruger.kommuner.all()) == ["101", "147"]
    assert not bruger.has_usable_password()


@pytest.mark.parametrize(
    ("args", "fejl"),
    [
        (["--rolle", "projektleder"], "mindst én kommune"),
        (["--rolle", "evaluator", "--kommune", "101"], "Kun kommunale projektledere"),
        (["--rolle", "projektleder", "--kommune", "998"], "Ukendt kommunekode: 998"),
    ],
)
def test_opret_bruger_refuses_bad_input(args, fejl):
    with pytest.raises(CommandError, match=fejl):
        call_command("opret_bruger", "x", *args)
    assert not Bruger.objects.filter(username="x").exists()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded once for the tests that only read it, rolled back after them; the e-mails its loading sent."""
    with django_db_blocker.unblock(), transaction.atomic(), override_settings(DEMO_MODE=True):
        mail.outbox = []
        call_command("load_demo")
        yield list(mail.outbox)
        transaction.set_rollback(True)


def test_demo_programme_has_five_participants_and_copenhagens_real_figures(demo):
    program = Program.objects.get(navn="Forebyggelsesprojektet 2011–2012")
    assert (program.samlet_budget, program.status) == (8_000_000, ProgramStatus.I_GANG)
    assert timezone.localtime(program.ansoegningsfrist).strftime("%d.%m.%Y %H.%M") == "08.02.2011 12.00"
    assert program.deltagelser.count() == 5
    kbh = program.ansoegninger.get(kommune__kode="101")
    assert kbh.status == AnsoegningStatus.INDSENDT
    assert {b.aar: b.beloeb for b in kbh.beloeb.all()} == {2011: 1_400_000, 2012: 1_800_000}
    assert {b.aar: b.bevilget for b in Bevilling.objects.filter(deltagelse__kommune__kode="101")} == {
        2011: 200_000,
        2012: 1_180_000,
    }
    assert "tidlig opsporing" in svar_tekst(kbh, 4) and "overgange" in svar_tekst(kbh, 4)
    assert kbh.kvitteringer.count() == 1
    # The other four are example data and say so; nobody got e-mail.
    for eksempel in program.ansoegninger.exclude(kommune__kode="101"):
        assert svar_tekst(eksempel, 2).startswith("Eksempeldata")
    assert "eksempeldata" in program.beskrivelse
    assert demo == []


def test_on_1_june_2012_the_demo_gives_each_role_every_kind_of_task(demo, settings):
    """The demo shown mid-programme (PORTAL_I_DAG) leads each role: the ministry has one of every kind it can have,
    the two demo leads between them every kind a lead can owe, the evaluator news, the steering group its meeting."""
    from evaluering import opgaver as evaluering
    from kommuner import opgaver as kommuner
    from portal.opgaver import opgaver_for
    from profiler import opgaver as profiler
    from strategi import opgaver as strategi

    settings.PORTAL_I_DAG = "2012-06-01"

    def arter(*brugernavne):
        return {o.art for navn in brugernavne for o in opgaver_for(Bruger.objects.get(username=navn))}

    assert arter("ministeriet") == {
        kommuner.GENAABNING,
        kommuner.VURDER,
        kommuner.AFGOER,
        strategi.GODKEND,
        strategi.FREMSKRIDT,
        profiler.GODKEND,
        evaluering.LEVERANCER,
        evaluering.FORSINKET,
        evaluering.MOEDER,
    }
    assert arter("projektleder-101", "projektleder-147") == {
        kommuner.ANSOEG,
        kommuner.MILEPAELE,
        strategi.HANDLINGER,
        strategi.OPFOELGNING,
        strategi.FREMSKRIDT_TILBAGE,
        profiler.INDBERET,
        evaluering.MINE_LEVERANCER,
        evaluering.MOEDER,
    }
    assert arter("evaluator") == {evaluering.NYT}
    assert arter("styregruppe") == {evaluering.MOEDER}
    # København's draft for the next programme is due when its reopening ends, four weeks after the demo's day.
    ansoeg = [o for o in opgaver_for(Bruger.objects.get(username="projektleder-101")) if o.art == kommuner.ANSOEG]
    assert [o.frist_tekst for o in ansoeg] == ["29. juni 2012 kl. 12.00"]
    # Frederiksberg's request reads as sent the day it was made in the demo, not the day the demo was loaded.
    from kommuner.models import Genaabningsanmodning

    anmodning = Genaabningsanmodning.objects.get(ansoegning__kommune__kode="147")
    assert timezone.localtime(anmodning.oprettet).strftime("%d.%m.%Y") == "30.05.2012"


def test_frederiksberg_has_an_example_organisation_and_a_milestone_plan_with_one_late_on_1_june_2012(demo, settings):
    from portal.opgaver import opgaver_for

    settings.PORTAL_I_DAG = "2012-06-01"
    personer = Projektdeltager.objects.filter(deltagelse__kommune__kode="147")
    assert {p.rolle for p in personer} == {"styregruppe", "projektejer", "projektgruppe", "projektleder"}
    assert all(p.navn.startswith("Eksempel") and "eksempeldata" in p.titel for p in personer)
    plan = Milepael.objects.filter(deltagelse__kommune__kode="147").med_forsinkelse(date(2012, 6, 1))
    assert len(plan) == 9 and all(m.note == "Eksempeldata." for m in plan)
    assert [m.maaned for m in plan if m.forsinket] == [date(2012, 5, 1)]
    assert sum(1 for m in plan if m.udfoert) == 5
    leder = Bruger.objects.get(username="projektleder-147")
    assert [o.frist for o in opgaver_for(leder) if o.art == "Milepæle at melde udført"] == [
        date(2012, 5, 31),
        date(2012, 6, 30),
    ]
