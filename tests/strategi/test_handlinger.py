"""Late actions are flagged by themselves: the end date has passed and the action is neither done nor given up, or
it is marked late. The day of the end date itself is not late. An end before the start is a field error."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from strategi.models import Farve, Handling, HandlingStatus
from strategi.selectors import handlinger_for_strategi, handlingstal
from strategi.services.struktur import indsatsomraade_gem
from tests.kommuner.factories import projektleder_for
from tests.strategi.factories import HandlingFactory, StrategiFactory

pytestmark = pytest.mark.django_db

I_DAG = date(2012, 6, 30)
IGAAR = I_DAG - timedelta(days=1)
I_MORGEN = I_DAG + timedelta(days=1)


@pytest.mark.parametrize(
    ("slut", "status", "forsinket", "overskredet"),
    [
        (IGAAR, HandlingStatus.I_GANG, True, True),
        (IGAAR, HandlingStatus.IKKE_STARTET, True, True),
        (I_DAG, HandlingStatus.I_GANG, False, False),  # the last day is still on time
        (I_MORGEN, HandlingStatus.I_GANG, False, False),
        (IGAAR, HandlingStatus.GENNEMFOERT, False, False),
        (IGAAR, HandlingStatus.OPGIVET, False, False),
        (I_MORGEN, HandlingStatus.FORSINKET, True, False),  # marked late by the lead before its end date
    ],
)
def test_late_flags(slut, status, forsinket, overskredet):
    strategi = StrategiFactory()
    handling = HandlingFactory(strategi=strategi, start=date(2011, 9, 1), slut=slut, status=status)
    (vist,) = handlinger_for_strategi(strategi, i_dag=I_DAG)
    assert vist.pk == handling.pk
    assert (vist.forsinket, vist.slutdato_overskredet) == (forsinket, overskredet)


def test_the_counts_use_the_same_late_flag():
    strategi = StrategiFactory()
    HandlingFactory(strategi=strategi, slut=IGAAR, status=HandlingStatus.I_GANG, farve=Farve.GROEN)
    HandlingFactory(strategi=strategi, slut=IGAAR, status=HandlingStatus.GENNEMFOERT, farve=Farve.GUL)
    HandlingFactory(strategi=strategi, slut=I_MORGEN, status=HandlingStatus.FORSINKET, farve=Farve.ROED)
    HandlingFactory(strategi=strategi, slut=I_MORGEN, status=HandlingStatus.IKKE_STARTET, farve=Farve.ROED)
    tal = handlingstal(handlinger_for_strategi(strategi, i_dag=I_DAG))
    assert (tal.i_alt, tal.forsinkede) == (4, 2)
    assert tal.efter_farve == {"Grøn": 1, "Gul": 1, "Rød": 2}
    assert tal.efter_status["Forsinket"] == 1


def test_an_end_date_before_the_start_is_a_field_error_and_nothing_is_saved():
    strategi = StrategiFactory()
    with pytest.raises(ValidationError) as fejl:
        HandlingFactory(strategi=strategi, start=date(2012, 5, 1), slut=date(2012, 4, 30))
    assert fejl.value.message_dict["slut"] == ["Slutdatoen kan ikke ligge før startdatoen."]
    assert not Handling.objects.exists()


def test_the_form_shows_the_end_date_error_on_the_field_and_keeps_the_input(client_for, kobenhavn):
    strategi = StrategiFactory()
    leder = projektleder_for(kobenhavn)
    omraade = indsatsomraade_gem(
        strategi=strategi,
        indsatsomraade=None,
        navn="Overgange",
        beskrivelse="",
        maalgrupper=[],
        aktoerer=[],
        bruger=leder,
    )
    response = client_for(leder).post(
        f"/strategier/{strategi.pk}/handlinger/ny/",
        {
            "titel": "Fælles procedure for overgange",
            "indsatsomraade": omraade.pk,
            "ansvarlig": "Dagtilbud og Skole",
            "start": "1.5.2012",
            "slut": "30.4.2012",
            "status": HandlingStatus.IKKE_STARTET,
            "farve": Farve.GUL,
            "version": "0",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Slutdatoen kan ikke ligge før startdatoen." in html
    assert 'value="Fælles procedure for overgange"' in html
    assert not Handling.objects.exists()
