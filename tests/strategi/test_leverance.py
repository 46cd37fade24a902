"""The strategy and its follow-up in a delivery to the evaluator: frozen at submission (the evaluation app's
snapshot) with the goals' statuses, the follow-ups and the actions, and unchanged when the strategy changes later."""

from datetime import date
from decimal import Decimal

import pytest

from evaluering.models import Indholdsart, Kommuneleverance
from evaluering.services.leverancer import leverance_indsend
from strategi.services.maal import opfoelgning_opret
from tests.evaluering.factories import dataleverance
from tests.kommuner.factories import projektleder_for
from tests.strategi.factories import StrategiFactory, godkend

pytestmark = pytest.mark.django_db


def test_a_delivery_freezes_the_strategy_and_its_follow_up(kobenhavn, ministeriet):
    strategi = StrategiFactory(fuld=True)
    maal = strategi.maal.get()
    strategi = godkend(strategi)
    leder = projektleder_for(kobenhavn)
    opfoelgning_opret(maal=maal, dato=date(2012, 6, 30), vaerdi=Decimal(55), bruger=leder)
    leverance = dataleverance(
        strategi.program, ministeriet, titel="Opfølgning 2012", indhold=[Indholdsart.STRATEGI, Indholdsart.OPFOELGNING]
    )
    kl = Kommuneleverance.objects.get(dataleverance=leverance, deltagelse=strategi.deltagelse)
    indsendelse = leverance_indsend(kommuneleverance=kl, bruger=leder)

    afsnit = {a["art"]: a for a in indsendelse.snapshot["afsnit"]}
    assert afsnit["strategi"]["titel"] == "Strategi med mål og handleplan"
    tabeller = {b["titel"]: b for b in afsnit["strategi"]["blokke"] if b["type"] == "tabel"}
    assert {"Indsatsområder", "Målgrupper", "Aktører", "Mål", "Handleplan"} <= set(tabeller)
    (maal_data,) = afsnit["opfoelgning"]["data"]["maal"]
    assert maal_data["status"] == "paa_vej"  # 55 ≥ 50 halfway from 20 to 80
    assert maal_data["opfoelgninger"] == [{"dato": "2012-06-30", "vaerdi": "55.0000", "kilde": "opfoelgning"}]
    maaltabel = next(b for b in afsnit["opfoelgning"]["blokke"] if b.get("titel") == "Mål")
    assert maaltabel["raekker"][0][-1] == "På vej"

    opfoelgning_opret(maal=maal, dato=date(2012, 9, 30), vaerdi=Decimal(10), bruger=leder)
    indsendelse.refresh_from_db()
    assert indsendelse.snapshot["afsnit"][1]["data"]["maal"][0]["status"] == "paa_vej"  # frozen as delivered


def test_a_participant_without_a_strategy_delivers_that_it_has_none(kobenhavn, ministeriet):
    from tests.strategi.factories import deltagelse_for

    deltagelse = deltagelse_for(kobenhavn)
    leverance = dataleverance(deltagelse.program, ministeriet, indhold=[Indholdsart.STRATEGI])
    kl = Kommuneleverance.objects.get(dataleverance=leverance, deltagelse=deltagelse)
    indsendelse = leverance_indsend(kommuneleverance=kl, bruger=projektleder_for(kobenhavn))
    (afsnit,) = indsendelse.snapshot["afsnit"]
    assert afsnit["data"] == {"strategi": None}
    assert "har ikke oprettet en forebyggelsesstrategi" in afsnit["blokke"][0]["tekst"]
