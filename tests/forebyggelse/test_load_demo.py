from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from kommuner.demo import OMLAEGNING_PROGRAMNAVN, PROGRAMNAVN
from kommuner.models import (
    Afsnit,
    Ansoegning,
    AnsoegningStatus,
    Bevilling,
    Bruger,
    Deltagelse,
    Kriterie,
    Kriteriescore,
    Kvittering,
    Milepael,
    Opsaetning,
    Program,
    ProgramStatus,
    Projektdeltager,
    Vurdering,
)
from kommuner.permissions import deltagelser_til_laesning
from kommuner.selectors import besvarelse, budget_for, finansiering, gaeldende_opsaetning, sammenligning_for
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
        for m in (
            Bruger,
            Program,
            Opsaetning,
            Afsnit,
            Kriterie,
            Ansoegning,
            Vurdering,
            Kvittering,
            Bevilling,
            Projektdeltager,
            Milepael,
        )
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
    # Frederiksberg's participation in the 2017 programme has no strategy, but that programme has not begun on the
    # demo's day, so no strategy is asked for yet.
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
    personer = Projektdeltager.objects.filter(deltagelse__kommune__kode="147", deltagelse__program__navn=PROGRAMNAVN)
    assert {p.rolle for p in personer} == {"styregruppe", "projektejer", "projektgruppe", "projektleder"}
    assert all(p.navn.startswith("Eksempel") and "eksempeldata" in p.titel for p in personer)
    plan = Milepael.objects.filter(deltagelse__kommune__kode="147", deltagelse__program__navn=PROGRAMNAVN)
    plan = plan.med_forsinkelse(date(2012, 6, 1))
    assert len(plan) == 9 and all(m.note == "Eksempeldata." for m in plan)
    assert [m.maaned for m in plan if m.forsinket] == [date(2012, 5, 1)]
    assert sum(1 for m in plan if m.udfoert) == 5
    leder = Bruger.objects.get(username="projektleder-147")
    assert [o.frist for o in opgaver_for(leder) if o.art == "Milepæle at melde udført"] == [
        date(2012, 5, 31),
        date(2012, 6, 30),
    ]


def test_the_2017_programme_has_its_own_form_assessment_and_money_rules(demo):
    aar2011, aar2017 = (
        gaeldende_opsaetning(Program.objects.get(navn=navn)) for navn in (PROGRAMNAVN, OMLAEGNING_PROGRAMNAVN)
    )
    assert [a.overskrift for a in aar2017.afsnit.all()] == [
        "1. Minianalyse",
        "2. Fokuspunkter for omlægningen",
        "3. Lokal udviklingsplan",
        "4. Projektorganisation",
        "5. Milepælsplan",
    ]
    assert not {a.overskrift for a in aar2017.afsnit.all()} & {a.overskrift for a in aar2011.afsnit.all()}
    assert not {f.tekst for f in aar2017.forudsaetninger.all()} & {f.tekst for f in aar2011.forudsaetninger.all()}
    assert not {k.tekst for k in aar2017.kriterier.all()} & {k.tekst for k in aar2011.kriterier.all()}
    assert [(k.vaegt, k.skala_fra, k.skala_til) for k in aar2017.kriterier.all()] == [(2, 0, 4)] + [(1, 0, 4)] * 3
    assert {(k.vaegt, k.skala_fra, k.skala_til) for k in aar2011.kriterier.all()} == {(1, 1, 5)}
    assert (aar2017.maks_beloeb, aar2017.medfinansiering_procent) == (1_900_000, 50)
    assert (aar2011.maks_beloeb, aar2011.medfinansiering_procent) == (None, 0)
    program = aar2017.program
    assert (program.startdato, program.slutdato, program.status) == (
        date(2017, 5, 1),
        date(2019, 12, 31),
        ProgramStatus.I_GANG,
    )
    assert timezone.localtime(program.ansoegningsfrist).strftime("%d.%m.%Y %H.%M") == "01.03.2017 12.00"
    assert program.beskrivelse.startswith("Eksempeldata") and program.navn.endswith("(eksempel)")
    # Every application answers and is scored on the programme's own version, the only one it has.
    assert list(program.opsaetninger.all()) == [aar2017]
    assert {a.opsaetning_id for a in program.ansoegninger.all()} == {aar2017.pk}
    scorer = Kriteriescore.objects.filter(vurdering__ansoegning__program=program).select_related("kriterie")
    assert {s.kriterie.opsaetning_id for s in scorer} == {aar2017.pk} and len(scorer) == 3 * 4
    assert all(0 <= s.score <= 4 for s in scorer)


def test_frederiksbergs_2017_participation_has_its_application_organisation_plan_and_grant(demo, client):
    deltagelse = Deltagelse.objects.get(program__navn=OMLAEGNING_PROGRAMNAVN, kommune__kode="147")
    ansoegning = deltagelse.ansoegning
    assert ansoegning.status == AnsoegningStatus.INDSENDT and ansoegning.kvitteringer.count() == 1
    assert timezone.localtime(ansoegning.indsendt).date() == date(2017, 2, 27)
    beloeb = list(ansoegning.beloeb.all())
    assert {b.aar: (b.beloeb, b.egenfinansiering) for b in beloeb} == {
        2017: (0, 0),
        2018: (433_000, 433_000),
        2019: (216_000, 216_000),
    }
    ansoegt_i_alt = Ansoegning.objects.med_totaler().get(pk=ansoegning.pk).ansoegt_i_alt
    assert finansiering(ansoegning, beloeb, ansoegt_i_alt=ansoegt_i_alt).andel_procent == 50
    svar = {b.afsnit.overskrift: b.tekst for b in besvarelse(ansoegning)}
    assert all(svar.values())
    for fokuspunkt in ("Kommunens rammer", "Sagsbehandlingen på myndighedsområdet", "Tilbudsviften"):
        assert fokuspunkt in svar["2. Fokuspunkter for omlægningen"]
    assert {b.aar: b.bevilget for b in deltagelse.bevillinger.all()} == {2017: 0, 2018: 433_000, 2019: 216_000}

    personer = list(deltagelse.projektdeltagere.all())
    assert {p.rolle for p in personer} == {"styregruppe", "projektejer", "projektgruppe", "projektleder"}
    assert all(p.navn.startswith("Eksempel") and "eksempeldata" in p.titel for p in personer)
    plan = list(deltagelse.milepaele.all())
    assert {m.maaned for m in plan} == {date(2017, m, 1) for m in (6, 8, 9, 10, 11, 12)}
    assert not any(m.udfoert for m in plan)

    # Frederiksberg's lead takes part in both programmes and reads both participations.
    leder = Bruger.objects.get(username="projektleder-147")
    assert set(deltagelser_til_laesning(leder).values_list("program__navn", flat=True)) == {
        PROGRAMNAVN,
        OMLAEGNING_PROGRAMNAVN,
    }
    client.force_login(leder)
    side = client.get(f"/ansoegninger/{ansoegning.pk}/").content.decode()
    assert "1. Minianalyse" in side and "433.000 kr." in side and "B. Beslutningsniveau" not in side


def test_the_2011_comparison_and_budget_hold_nothing_of_the_2017_programme(demo):
    ministeriet = Bruger.objects.get(username="ministeriet")
    aar2011 = Program.objects.get(navn=PROGRAMNAVN)
    aar2017 = Program.objects.get(navn=OMLAEGNING_PROGRAMNAVN)
    nye = [*aar2017.opsaetninger.get().forudsaetninger.all(), *aar2017.opsaetninger.get().kriterier.all()]

    sammenligning = sammenligning_for(aar2011, ministeriet)
    assert {a.program_id for a in sammenligning.ansoegninger} == {aar2011.pk}
    assert [a.kommune.kode for a in sammenligning.ansoegninger] == ["101", "147", "461", "751", "860"]
    overskrifter = [r.overskrift for r in sammenligning.raekker]
    assert not [o for o in overskrifter for p in nye if p.tekst in o]
    assert [o for o in overskrifter if o.startswith("Ansøgt")] == ["Ansøgt 2011", "Ansøgt 2012", "Ansøgt i alt"]
    frederiksberg = sammenligning.ansoegninger[1]
    assert (frederiksberg.ansoegt_i_alt, frederiksberg.bevilget_i_alt) == (1_600_000, 1_000_000)

    budget = budget_for(aar2011, ministeriet, i_dag=date(2012, 6, 1))
    assert budget.aar == [2011, 2012]
    assert [d.deltagelse.kommune.kode for d in budget.deltagere] == ["101", "147", "461", "751", "860"]
    assert (budget.deltagere[1].ansoegt, budget.deltagere[1].bevilget) == (1_600_000, 1_000_000)
    assert budget.bevilget == sum(
        Bevilling.objects.filter(deltagelse__program=aar2011).values_list("bevilget", flat=True)
    )

    # The 2017 programme's own comparison: its criteria (the weighted one marked), its three applications.
    egen = sammenligning_for(aar2017, ministeriet)
    assert [a.kommune.kode for a in egen.ansoegninger] == ["147", "167", "657"]
    raekker = {r.overskrift: r.celler for r in egen.raekker}
    assert "1. Minianalysen giver et solidt grundlag for den lokale udviklingsplan (vægt 2)" in raekker
    assert raekker["Vægtet gennemsnit"] == [Decimal("3.4"), Decimal("2.8"), Decimal("2.6")]
    assert budget_for(aar2017, ministeriet).aar == [2017, 2018, 2019]


def test_the_2017_budget_page_shows_each_municipalitys_own_money_against_the_required_share(demo, client):
    aar2017 = Program.objects.get(navn=OMLAEGNING_PROGRAMNAVN)
    ministeriet = Bruger.objects.get(username="ministeriet")
    budget = budget_for(aar2017, ministeriet, i_dag=date(2017, 6, 1))
    assert budget.medfinansiering_procent == 50
    frederiksberg = next(d for d in budget.deltagere if d.deltagelse.kommune.kode == "147")
    assert (frederiksberg.ansoegt, frederiksberg.egen, frederiksberg.andel_procent) == (649_000, 649_000, 50)
    assert [a.egen for a in frederiksberg.aar] == [0, 433_000, 216_000]
    assert budget.egen == sum(d.egen for d in budget.deltagere)
    client.force_login(ministeriet)
    html = client.get(f"/programmer/{aar2017.pk}/budget/").content.decode()
    assert "mindst 50 % af projektets samlede" in html and "Egenfinansiering" in html and "Under kravet" not in html
    # The 2011 programme asks for no own money: no such column.
    aar2011 = Program.objects.get(navn=PROGRAMNAVN)
    assert "Egenfinansiering" not in client.get(f"/programmer/{aar2011.pk}/budget/").content.decode()
