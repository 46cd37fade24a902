"""A participation's own project organisation and milestone plan (decision record 0055): the late rule, the services,
the pages and the lead's tasks."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kommuner.models import Milepael, Projektdeltager
from kommuner.services.organisation import (
    milepael_gem,
    milepael_marker_udfoert,
    milepael_slet,
    projektdeltager_gem,
    projektdeltager_slet,
)
from portal.opgaver import opgaver_for
from tests.strategi.factories import deltagelse_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def deltagelse(kobenhavn):
    return deltagelse_for(kobenhavn)


def _milepael(deltagelse, leder, maaned, **kw) -> Milepael:
    return milepael_gem(
        deltagelse=deltagelse,
        titel=kw.pop("titel", "Minianalysen er godkendt"),
        ansvarlig="Projektgruppen",
        maaned=maaned,
        bruger=leder,
        **kw,
    )


def _status(deltagelse, i_dag):
    return {m.titel: m.forsinket for m in Milepael.objects.filter(deltagelse=deltagelse).med_forsinkelse(i_dag)}


def test_a_milestone_is_late_once_its_month_has_ended_and_it_is_not_done(deltagelse, projektleder_101):
    _milepael(deltagelse, projektleder_101, date(2012, 5, 1), titel="Maj")
    _milepael(deltagelse, projektleder_101, date(2012, 6, 1), titel="Juni")
    _milepael(deltagelse, projektleder_101, date(2012, 4, 1), titel="April, udført", udfoert=date(2012, 5, 3))
    assert _status(deltagelse, date(2012, 5, 31)) == {"April, udført": False, "Maj": False, "Juni": False}
    assert _status(deltagelse, date(2012, 6, 1)) == {"April, udført": False, "Maj": True, "Juni": False}
    assert _status(deltagelse, date(2012, 7, 1))["Juni"] is True


def test_the_month_is_stored_as_its_first_day_and_done_cannot_be_in_the_future(deltagelse, projektleder_101, settings):
    settings.PORTAL_I_DAG = "2012-06-01"
    milepael = _milepael(deltagelse, projektleder_101, date(2012, 6, 17))
    assert milepael.maaned == date(2012, 6, 1)
    with pytest.raises(ValidationError) as fejl:
        _milepael(deltagelse, projektleder_101, date(2012, 6, 1), udfoert=date(2012, 6, 2))
    assert "udfoert" in fejl.value.message_dict
    udfoert = milepael_marker_udfoert(milepael=milepael, bruger=projektleder_101)
    assert udfoert.udfoert == date(2012, 6, 1)
    with pytest.raises(ValidationError, match="allerede meldt udført"):
        milepael_marker_udfoert(milepael=milepael, bruger=projektleder_101)


def test_people_are_saved_checked_and_deleted_and_a_deleted_one_is_a_clear_error(deltagelse, projektleder_101):
    person = projektdeltager_gem(
        deltagelse=deltagelse, navn=" Eksempel Projektejer ", rolle="projektejer", bruger=projektleder_101
    )
    assert person.navn == "Eksempel Projektejer"
    with pytest.raises(ValidationError) as fejl:
        projektdeltager_gem(
            deltagelse=deltagelse, navn="X", rolle="chef", email="ikke-en-mail", bruger=projektleder_101
        )
    assert {"rolle", "email"} <= set(fejl.value.message_dict)
    projektdeltager_slet(projektdeltager=person, bruger=projektleder_101)
    assert not Projektdeltager.objects.exists()
    with pytest.raises(ValidationError, match="findes ikke længere"):
        projektdeltager_gem(
            deltagelse=deltagelse, navn="Ny", rolle="projektejer", projektdeltager=person, bruger=projektleder_101
        )
    milepael = _milepael(deltagelse, projektleder_101, date(2012, 6, 1))
    milepael_slet(milepael=milepael, bruger=projektleder_101)
    with pytest.raises(ValidationError, match="findes ikke længere"):
        milepael_marker_udfoert(milepael=milepael, bruger=projektleder_101)


def test_the_lead_adds_people_and_milestones_and_reports_one_done(deltagelse, projektleder_101, client_for, settings):
    settings.PORTAL_I_DAG = "2012-06-01"
    client = client_for(projektleder_101)
    svar = client.post(
        reverse("kommuner:projektdeltager_opret", args=[deltagelse.pk]),
        {"navn": "Eksempel Direktør", "rolle": "styregruppe", "titel": "Direktør", "email": "", "raekkefoelge": "0"},
    )
    assert svar.status_code == 302
    svar = client.post(
        reverse("kommuner:milepael_opret", args=[deltagelse.pk]),
        {
            "titel": "Kortlægningen er færdig",
            "ansvarlig": "Projektgruppen",
            "maaned": "2012-05",
            "udfoert": "",
            "note": "",
        },
    )
    assert svar.status_code == 302
    milepael = Milepael.objects.get()
    assert milepael.maaned == date(2012, 5, 1)
    side = client.get(reverse("kommuner:organisation", args=[deltagelse.pk])).content.decode()
    assert "Styregruppe" in side and "Eksempel Direktør, Direktør" in side
    assert "maj 2012" in side and "Forsinket" in side and "Meld udført" in side
    assert client.post(reverse("kommuner:milepael_udfoert", args=[milepael.pk])).status_code == 302
    side = client.get(reverse("kommuner:organisation", args=[deltagelse.pk])).content.decode()
    assert "Udført 1. juni 2012" in side and "Forsinket" not in side


def test_a_form_with_errors_keeps_what_was_typed(deltagelse, projektleder_101, client_for):
    client = client_for(projektleder_101)
    svar = client.post(
        reverse("kommuner:milepael_opret", args=[deltagelse.pk]),
        {"titel": "Kortlægningen er færdig", "ansvarlig": "", "maaned": "13.2012", "udfoert": "", "note": "Husk"},
    )
    assert svar.status_code == 400
    side = svar.content.decode()
    assert "Skriv, hvem der er ansvarlig for milepælen." in side and "Skriv en måned, fx 06.2012." in side
    assert 'value="Kortlægningen er færdig"' in side and "Husk" in side
    svar = client.post(
        reverse("kommuner:projektdeltager_opret", args=[deltagelse.pk]),
        {"navn": "Eksempel Direktør", "rolle": "", "email": "forkert", "raekkefoelge": "0"},
    )
    assert svar.status_code == 400
    assert "Vælg personens rolle." in svar.content.decode() and 'value="Eksempel Direktør"' in svar.content.decode()
    assert not Milepael.objects.exists() and not Projektdeltager.objects.exists()


def test_another_municipalitys_lead_gets_404_and_the_ministry_reads_without_forms(
    deltagelse, projektleder_101, projektleder_147, ministeriet, client_for
):
    milepael = _milepael(deltagelse, projektleder_101, date(2012, 6, 1))
    person = projektdeltager_gem(
        deltagelse=deltagelse, navn="Eksempel Ejer", rolle="projektejer", bruger=projektleder_101
    )
    client = client_for(projektleder_147)
    for url in (
        reverse("kommuner:organisation", args=[deltagelse.pk]),
        reverse("kommuner:milepael_rediger", args=[milepael.pk]),
        reverse("kommuner:projektdeltager_rediger", args=[person.pk]),
    ):
        assert client.get(url).status_code == 404
    assert client.post(reverse("kommuner:milepael_udfoert", args=[milepael.pk])).status_code == 404
    client = client_for(ministeriet)
    side = client.get(reverse("kommuner:organisation", args=[deltagelse.pk])).content.decode()
    assert "Eksempel Ejer" in side and "Minianalysen er godkendt" in side
    assert "Tilføj milepæl" not in side and "Meld udført" not in side
    assert client.post(reverse("kommuner:milepael_udfoert", args=[milepael.pk])).status_code == 403


def test_the_programme_page_links_to_the_plan_for_the_lead_and_the_ministry(
    deltagelse, projektleder_101, ministeriet, client_for
):
    url = reverse("kommuner:organisation", args=[deltagelse.pk])
    for bruger in (projektleder_101, ministeriet):
        side = client_for(bruger).get(reverse("kommuner:program", args=[deltagelse.program_id])).content.decode()
        assert f'href="{url}"' in side


def test_a_late_or_due_milestone_is_the_leads_task_until_reported_done(
    deltagelse, projektleder_101, projektleder_147, settings
):
    settings.PORTAL_I_DAG = "2012-06-01"
    sen = _milepael(deltagelse, projektleder_101, date(2012, 5, 1), titel="Interview er gennemført")
    _milepael(deltagelse, projektleder_101, date(2012, 6, 1), titel="Opfølgningen er sendt")
    _milepael(deltagelse, projektleder_101, date(2012, 7, 1), titel="Slutstatus")
    opgaver = [o for o in opgaver_for(projektleder_101) if o.art == "Milepæle at melde udført"]
    assert [o.titel for o in opgaver] == [
        "Meld milepælen “Interview er gennemført” udført",
        "Meld milepælen “Opfølgningen er sendt” udført",
    ]
    assert [o.frist for o in opgaver] == [date(2012, 5, 31), date(2012, 6, 30)]
    assert opgaver[0].url == reverse("kommuner:organisation", args=[deltagelse.pk])
    assert not [o for o in opgaver_for(projektleder_147) if o.art == "Milepæle at melde udført"]
    milepael_marker_udfoert(milepael=sen, bruger=projektleder_101)
    titler = [o.titel for o in opgaver_for(projektleder_101)]
    assert "Meld milepælen “Interview er gennemført” udført" not in titler
    assert "Meld milepælen “Opfølgningen er sendt” udført" in titler


def test_the_timeline_lists_each_municipalitys_milestones_in_a_fixed_number_of_queries(
    kobenhavn, frederiksberg, projektleder_101, projektleder_147, ministeriet, client_for
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    kbh = deltagelse_for(kobenhavn)
    _milepael(kbh, projektleder_101, date(2012, 5, 1), titel="Kortlægningen er færdig")
    client = client_for(ministeriet)
    url = reverse("evaluering:tidsplan", args=[kbh.program_id])
    client.get(url)
    with CaptureQueriesContext(connection) as foer:
        side = client.get(url).content.decode()
    assert "Kommunernes milepæle" in side and "Kortlægningen er færdig" in side
    frb = deltagelse_for(frederiksberg, kbh.program)
    for nr in range(3):
        _milepael(frb, projektleder_147, date(2012, 6 + nr, 1), titel=f"Frederiksbergs milepæl {nr}")
    with CaptureQueriesContext(connection) as efter:
        side = client.get(url).content.decode()
    assert "Frederiksbergs milepæl 2" in side
    assert len(efter) == len(foer)
    # A lead sees only the own municipality's plan on the shared timeline.
    side = client_for(projektleder_147).get(url).content.decode()
    assert "Frederiksbergs milepæl 0" in side and "Kortlægningen er færdig" not in side


def test_the_municipalitys_status_report_has_its_organisation_and_milestone_plan(
    deltagelse, projektleder_101, evaluator, client_for, settings
):
    settings.PORTAL_I_DAG = "2012-06-01"
    projektdeltager_gem(
        deltagelse=deltagelse, navn="Eksempel Projektejer", rolle="projektejer", bruger=projektleder_101
    )
    _milepael(deltagelse, projektleder_101, date(2012, 5, 1), titel="Kortlægningen er færdig")
    url = reverse("evaluering:kommunestatus", args=[deltagelse.program_id, "101"])
    side = client_for(evaluator).get(url).content.decode()
    for del_ in ("Projektorganisation", "Eksempel Projektejer", "Milepælsplan", "Kortlægningen er færdig", "maj 2012"):
        assert del_ in side, del_
    assert "<strong>Forsinket</strong>" in side


def test_a_plan_keeps_the_participation_from_being_removed_by_a_changed_decision(
    deltagelse, projektleder_101, ministeriet
):
    from kommuner.services.bevillinger import afgoerelse_traef

    _milepael(deltagelse, projektleder_101, date(2012, 6, 1))
    with pytest.raises(ValidationError, match="kan ikke fjernes"):
        afgoerelse_traef(
            ansoegning=deltagelse.ansoegning, udvalgt=False, begrundelse="Fravalgt.", bevillinger={}, bruger=ministeriet
        )
    assert Milepael.objects.filter(deltagelse=deltagelse).exists()
