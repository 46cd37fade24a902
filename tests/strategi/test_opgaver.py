"""strategi/opgaver.py: a goal the municipality measures itself is owed a follow-up once a year."""

from datetime import date
from decimal import Decimal

import pytest

from kommuner.models import ProgramStatus
from portal.opgaver import opgaver_for
from profiler.models import Indikator, Retning
from strategi.opgaver import OPFOELGNING
from strategi.services.maal import opfoelgning_opret
from tests.kommuner.factories import projektleder_for
from tests.strategi.factories import MaalFactory, StrategiFactory, godkend

pytestmark = pytest.mark.django_db


def opfoelgningsopgaver(user):
    return [o for o in opgaver_for(user) if o.art == OPFOELGNING]


@pytest.fixture
def godkendt_med_maal(settings):
    settings.PORTAL_I_DAG = "2012-06-01"
    strategi = StrategiFactory(fuld=True)
    eget = MaalFactory(strategi=strategi, tekst="Flere familier bruger den åbne rådgivning")
    MaalFactory(
        strategi=strategi,
        tekst="Færre anbragte børn",
        indikator=Indikator.objects.get(kode="anbragte_0_17"),
        egen_maaling="",
        egen_enhed="",
        baseline_vaerdi=Decimal("1.2"),
        maalvaerdi=Decimal("1.0"),
        retning=Retning.LAVERE,
    )
    strategi = godkend(strategi)
    strategi.deltagelse.program.status = ProgramStatus.I_GANG
    strategi.deltagelse.program.save(update_fields=["status"])
    return strategi, eget


def test_a_goal_without_a_follow_up_this_year_is_due_at_the_years_end(godkendt_med_maal, projektleder_101):
    strategi, eget = godkendt_med_maal
    opgaver = {o.titel: o for o in opfoelgningsopgaver(projektleder_101)}
    opgave = opgaver["Registrér opfølgning på målet “Flere familier bruger den åbne rådgivning”"]
    assert (opgave.frist, opgave.url, opgave.kommune) == (
        date(2012, 12, 31),
        f"/maal/{eget.pk}/opfoelgninger/ny/",
        "København",
    )

    leder = projektleder_for(strategi.kommune)
    opfoelgning_opret(maal=eget, dato=date(2011, 12, 31), vaerdi=Decimal(30), bruger=leder, i_dag=date(2012, 6, 1))
    assert opgave.titel in [o.titel for o in opfoelgningsopgaver(projektleder_101)], "last year's does not count"
    opfoelgning_opret(maal=eget, dato=date(2012, 5, 31), vaerdi=Decimal(40), bruger=leder, i_dag=date(2012, 6, 1))
    assert opgave.titel not in [o.titel for o in opfoelgningsopgaver(projektleder_101)]


def test_no_follow_up_is_asked_for_an_indicator_goal_a_draft_or_another_municipality(
    godkendt_med_maal, projektleder_101, projektleder_147
):
    strategi, _ = godkendt_med_maal
    assert opfoelgningsopgaver(projektleder_147) == []
    # An indicator goal is followed up by the social profile's new figures, not by the lead.
    titler = [o.titel for o in opfoelgningsopgaver(projektleder_101)]
    assert "Registrér opfølgning på målet “Flere familier bruger den åbne rådgivning”" in titler
    assert not [t for t in titler if "Færre anbragte børn" in t]
    strategi.deltagelse.program.status = ProgramStatus.AFSLUTTET
    strategi.deltagelse.program.save(update_fields=["status"])
    assert opfoelgningsopgaver(projektleder_101) == []


def test_a_strategy_is_asked_for_from_the_programmes_start_not_before(settings, kobenhavn, projektleder_101):
    from strategi.opgaver import STRATEGI
    from tests.kommuner.factories import ProgramFactory
    from tests.strategi.factories import deltagelse_for

    program = ProgramFactory()  # 2011–2012
    deltagelse_for(kobenhavn, program)
    program.status = ProgramStatus.I_GANG
    program.save(update_fields=["status"])

    def strategiopgaver():
        return [o for o in opgaver_for(projektleder_101) if o.art == STRATEGI]

    settings.PORTAL_I_DAG = "2010-12-31"
    assert strategiopgaver() == []
    settings.PORTAL_I_DAG = "2011-01-01"
    assert [o.titel for o in strategiopgaver()] == ["Opret Københavns forebyggelsesstrategi"]
