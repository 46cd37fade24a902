"""The overview across participants keeps the same number of queries with 5 and with 50 participants, and so does a
strategy's own pages as its goals and actions grow. Each participant here has a goal on an indicator (its figures
come from the social profile), an own-measure goal with a follow-up, late and timely actions in every colour, and
offers."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kommuner.models import Kommune
from profiler.models import Retning
from strategi.maalstatus import Maalstatus
from strategi.models import Farve, HandlingStatus
from strategi.selectors import oversigt_for_program
from strategi.services.maal import opfoelgning_opret
from tests.kommuner.factories import ProgramFactory, projektleder_for
from tests.profiler.factories import IndikatorFactory, importer
from tests.strategi.factories import (
    HandlingFactory,
    MaalFactory,
    StrategiFactory,
    TilbudFactory,
    deltagelse_for,
    godkend,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def indikator():
    indikator = IndikatorFactory(bedre=Retning.LAVERE)
    koder = Kommune.objects.order_by("kode").values_list("kode", flat=True)[:50]
    importer(
        [(kode, indikator.kode, aar, 100 - 5 * (aar - 2010), 10000) for kode in koder for aar in (2010, 2011, 2012)]
    )
    return indikator


def _deltager(program, kommune, indikator):
    strategi = StrategiFactory(deltagelse=deltagelse_for(kommune, program), fuld=True)
    MaalFactory(
        strategi=strategi,
        indikator=indikator,
        egen_maaling="",
        egen_enhed="",
        baseline_vaerdi=Decimal(10),
        baseline_aar=2010,
        maalvaerdi=Decimal(9),
        retning=Retning.LAVERE,
    )
    HandlingFactory(strategi=strategi, slut=date(2012, 1, 31), status=HandlingStatus.I_GANG, farve=Farve.GUL)
    HandlingFactory(strategi=strategi, slut=date(2099, 1, 31), status=HandlingStatus.I_GANG, farve=Farve.ROED)
    TilbudFactory(strategi=strategi)
    strategi = godkend(strategi)
    opfoelgning_opret(
        maal=strategi.maal.order_by("pk").first(),
        dato=date(2012, 6, 30),
        vaerdi=Decimal(50),
        bruger=projektleder_for(kommune),
    )
    return strategi


def _queries(client, url) -> int:
    assert client.get(url).status_code == 200  # warms the shared cache for this set of participants
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_overview_across_participants_has_the_same_queries_for_5_and_50(menuen, client_for, ministeriet, indikator):
    program = ProgramFactory(samlet_budget=1_000_000_000)
    kommuner = list(Kommune.objects.order_by("kode")[:50])
    for kommune in kommuner[:5]:
        _deltager(program, kommune, indikator)
    client = client_for(ministeriet)
    urls = [f"/programmer/{program.pk}/strategier/", f"/programmer/{program.pk}/indsatstrappe/"]
    ved_5 = [_queries(client, url) for url in urls]

    oversigt = oversigt_for_program(program, ministeriet, i_dag=date(2012, 6, 30))
    raekke = oversigt.raekker[0]
    assert raekke.maal_i_alt == 2 and raekke.maal[Maalstatus.PAA_VEJ] == 1  # 50 ≥ 40 at mid-2012 on 20 → 80
    assert raekke.maal[Maalstatus.NAAET] == 1  # the indicator went 10,0 → 9,0 by 2012
    assert (raekke.handlinger, raekke.forsinkede) == (3, 1)
    assert raekke.farver == {Farve.GROEN: 1, Farve.GUL: 1, Farve.ROED: 1}
    assert oversigt.i_alt.maal_i_alt == 10 and oversigt.i_alt.forsinkede == 5

    for kommune in kommuner[5:]:
        _deltager(program, kommune, indikator)
    ved_50 = [_queries(client, url) for url in urls]
    assert ved_5 == ved_50, f"5 deltagere: {ved_5} queries, 50 deltagere: {ved_50}"
    assert max(ved_50) <= 20 + menuen(ministeriet)
    print(
        f"\nOversigten på tværs: {ved_5[0]} queries ved 5 og {ved_50[0]} ved 50 deltagere; "
        f"indsatstrappen: {ved_5[1]} og {ved_50[1]}"
    )


def test_a_strategys_pages_keep_their_queries_as_goals_and_actions_grow(client_for, projektleder_101, indikator):
    strategi = StrategiFactory(fuld=True)

    def indikatormaal():
        return MaalFactory(
            strategi=strategi,
            indikator=indikator,
            egen_maaling="",
            egen_enhed="",
            baseline_vaerdi=Decimal(10),
            baseline_aar=2010,
            maalvaerdi=Decimal(9),
            retning=Retning.LAVERE,
        )

    indikatormaal()
    client = client_for(projektleder_101)
    sider = [
        f"/strategier/{strategi.pk}/",
        f"/strategier/{strategi.pk}/maal/",
        f"/strategier/{strategi.pk}/handleplan/",
        f"/strategier/{strategi.pk}/forandringsteori/",
        f"/strategier/{strategi.pk}/indsatstrappe/",
        f"/strategier/{strategi.pk}/struktur/",
    ]
    foer = [_queries(client, side) for side in sider]
    for n in range(6):
        maal = indikatormaal() if n % 2 else MaalFactory(strategi=strategi)
        HandlingFactory(strategi=strategi, maal=(maal,))
        TilbudFactory(strategi=strategi, trin=n + 1)
    efter = [_queries(client, side) for side in sider]
    assert foer == efter
