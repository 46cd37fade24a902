"""Progress during the year: on an approved plan the lead records an action's progress without the annual review and
the action takes its status, so a finished action is late nowhere; the ministry sees what is new since it last
looked, comments on or sends back an update, and the lead sees why. Not on a draft, not by another municipality's
lead; a concurrent correction is a conflict."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from forebyggelse.roller import Rolle
from kommuner.models import Kommune
from strategi.models import Fremskridt, Handling, HandlingStatus
from strategi.permissions import kan_registrere_fremskridt
from strategi.selectors import (
    fremskridt_for_strategi,
    fremskridt_sendt_tilbage,
    fremskridt_til_gennemsyn,
    handlinger_for_strategi,
    oversigt_for_program,
)
from strategi.services.fremskridt import (
    FremskridtKonflikt,
    Fremskridtsindhold,
    fremskridt_kommenter,
    fremskridt_marker_set,
    fremskridt_registrer,
    fremskridt_ret,
    tjek_dato,
    tjek_procent,
)
from tests.kommuner.factories import BrugerFactory, projektleder_for
from tests.strategi.factories import StrategiFactory, godkend, ministeriet

pytestmark = pytest.mark.django_db

I_DAG = date(2012, 6, 1)
GENNEMFOERT = Fremskridtsindhold(
    dato=date(2012, 5, 20), status=HandlingStatus.GENNEMFOERT, procent=100, notat="Alle hold er afsluttet."
)


@pytest.fixture
def godkendt():
    """An approved strategy whose one action ended on 30 April 2012 and is still marked 'i gang': late."""
    strategi = StrategiFactory(fuld=True)
    Handling.objects.filter(strategi=strategi).update(slut=date(2012, 4, 30), status=HandlingStatus.I_GANG)
    return godkend(strategi)


def _handling(strategi) -> Handling:
    return Handling.objects.select_related("strategi").get(strategi=strategi)


def _forsinket(strategi) -> bool:
    (h,) = handlinger_for_strategi(strategi, i_dag=I_DAG)
    return h.forsinket


# The rules -----------------------------------------------------------------------------------------------


def test_the_date_is_neither_in_the_future_nor_before_the_programme():
    start = date(2011, 1, 1)
    assert tjek_dato(I_DAG, i_dag=I_DAG, programstart=start) is None
    assert tjek_dato(date(2012, 6, 2), i_dag=I_DAG, programstart=start) == "Datoen kan ikke ligge i fremtiden."
    assert tjek_dato(date(2010, 12, 31), i_dag=I_DAG, programstart=start) == "Datoen ligger før programmets start."


@pytest.mark.parametrize(
    ("status", "procent", "ok"),
    [
        (HandlingStatus.GENNEMFOERT, 100, True),
        (HandlingStatus.GENNEMFOERT, None, True),
        (HandlingStatus.GENNEMFOERT, 90, False),
        (HandlingStatus.IKKE_STARTET, 0, True),
        (HandlingStatus.IKKE_STARTET, 10, False),
        (HandlingStatus.I_GANG, 60, True),
    ],
)
def test_percent_agrees_with_the_status(status, procent, ok):
    assert (tjek_procent(status, procent) is None) == ok


# Recording progress ---------------------------------------------------------------------------------------


def test_progress_on_an_approved_plan_sets_the_status_and_the_action_is_no_longer_late(godkendt):
    handling = _handling(godkendt)
    assert _forsinket(godkendt)
    leder = projektleder_for(godkendt.kommune)
    fremskridt = fremskridt_registrer(handling=handling, indhold=GENNEMFOERT, bruger=leder, i_dag=I_DAG)
    handling.refresh_from_db()
    assert (handling.status, fremskridt.status_foer) == (HandlingStatus.GENNEMFOERT, HandlingStatus.I_GANG)
    assert not _forsinket(godkendt)
    raekke = next(r for r in oversigt_for_program(godkendt.program, ministeriet(), i_dag=I_DAG).raekker if r.strategi)
    assert (raekke.handlinger, raekke.forsinkede) == (1, 0)
    # the structure is untouched: still the approved plan, no new version
    godkendt.refresh_from_db()
    assert godkendt.versionsnummer == 1 and handling.slut == date(2012, 4, 30)


def test_no_progress_on_a_draft():
    strategi = StrategiFactory(fuld=True)
    with pytest.raises(ValidationError) as fejl:
        fremskridt_registrer(
            handling=_handling(strategi), indhold=GENNEMFOERT, bruger=projektleder_for(strategi.kommune), i_dag=I_DAG
        )
    assert "godkendt strategien" in fejl.value.messages[0]
    assert not Fremskridt.objects.exists()


def test_only_the_municipalitys_own_leads_may_record_progress(godkendt):
    anden_leder = projektleder_for(Kommune.objects.get(kode="147"))
    assert kan_registrere_fremskridt(projektleder_for(godkendt.kommune), godkendt) == (True, "")
    assert kan_registrere_fremskridt(anden_leder, godkendt)[0] is False
    assert kan_registrere_fremskridt(ministeriet(), godkendt)[0] is False
    assert kan_registrere_fremskridt(projektleder_for(godkendt.kommune), StrategiFactory(fuld=True))[0] is False


def test_another_municipalitys_lead_is_refused_on_the_page(client, godkendt):
    client.force_login(projektleder_for(Kommune.objects.get(kode="147")))
    url = reverse("strategi:fremskridt_opret", args=[_handling(godkendt).pk])
    svar = client.post(url, {"dato": "20.5.2012", "status": "gennemfoert", "notat": "x", "version": 0})
    assert svar.status_code == 403
    assert not Fremskridt.objects.exists()


def test_the_lead_records_progress_on_the_page_and_errors_keep_the_input(client, godkendt, settings):
    settings.PORTAL_I_DAG = I_DAG.isoformat()
    client.force_login(projektleder_for(godkendt.kommune))
    url = reverse("strategi:fremskridt_opret", args=[_handling(godkendt).pk])
    data = {"dato": "20.5.2012", "status": "gennemfoert", "procent": "90", "notat": "Afsluttet.", "version": 0}
    svar = client.post(url, data)
    assert svar.status_code == 400
    assert "En gennemført handling er 100 % færdig" in svar.content.decode()
    svar = client.post(url, data | {"procent": "100"})
    assert svar.status_code == 302
    side = client.get(reverse("strategi:fremskridt", args=[godkendt.pk])).content.decode()
    assert "Afsluttet." in side and "Forsinket: slutdatoen er passeret" not in side


# The ministry: what is new, comments and sending back ----------------------------------------------------------


def test_the_ministry_sees_what_is_new_since_it_last_looked(godkendt, django_assert_num_queries):
    m = ministeriet()
    leder = projektleder_for(godkendt.kommune)
    handling = _handling(godkendt)
    foerste = fremskridt_registrer(handling=handling, indhold=GENNEMFOERT, bruger=leder, i_dag=I_DAG)
    assert [f.pk for f in fremskridt_til_gennemsyn(m)] == [foerste.pk]
    assert fremskridt_for_strategi(m, godkendt, i_dag=I_DAG).nye == {foerste.pk}
    fremskridt_marker_set(strategi=godkendt, bruger=m)
    assert fremskridt_til_gennemsyn(m) == []
    anden = fremskridt_registrer(handling=handling, indhold=GENNEMFOERT, bruger=leder, i_dag=I_DAG)
    with django_assert_num_queries(1):
        nye = fremskridt_til_gennemsyn(m)
    assert [f.pk for f in nye] == [anden.pk]
    assert fremskridt_til_gennemsyn(BrugerFactory(rolle=Rolle.MINISTERIET)) != []  # per user
    assert fremskridt_til_gennemsyn(leder) == []


def test_the_task_selector_has_the_same_query_count_for_many_strategies(godkendt, django_assert_num_queries):
    m = ministeriet()
    fremskridt_registrer(
        handling=_handling(godkendt), indhold=GENNEMFOERT, bruger=projektleder_for(godkendt.kommune), i_dag=I_DAG
    )
    frb = godkend(StrategiFactory(fuld=True, kommune=Kommune.objects.get(kode="147")))
    fremskridt_registrer(
        handling=_handling(frb), indhold=GENNEMFOERT, bruger=projektleder_for(frb.kommune), i_dag=I_DAG
    )
    with django_assert_num_queries(1):
        nye = fremskridt_til_gennemsyn(m)
    assert {f.strategi.kommune.kode for f in nye} == {"101", "147"}


def test_sending_back_restores_the_status_and_the_lead_sees_why(godkendt):
    leder = projektleder_for(godkendt.kommune)
    handling = _handling(godkendt)
    fremskridt = fremskridt_registrer(handling=handling, indhold=GENNEMFOERT, bruger=leder, i_dag=I_DAG)
    fremskridt_kommenter(fremskridt=fremskridt, tekst="Fint.", send_tilbage=False, bruger=ministeriet())
    fremskridt_kommenter(
        fremskridt=fremskridt, tekst="Vedlæg evalueringen af holdene.", send_tilbage=True, bruger=ministeriet()
    )
    handling.refresh_from_db()
    assert handling.status == HandlingStatus.I_GANG and _forsinket(godkendt)
    (tilbage,) = fremskridt_sendt_tilbage(leder)
    assert [k.tekst for k in tilbage.kommentarer.all()] == ["Fint.", "Vedlæg evalueringen af holdene."]
    assert fremskridt_til_gennemsyn(ministeriet()) == []  # it waits on the municipality
    with pytest.raises(ValidationError):
        fremskridt_kommenter(fremskridt=fremskridt, tekst="Igen.", send_tilbage=True, bruger=ministeriet())
    # corrected, it stands again and is new to the ministry
    fremskridt.refresh_from_db()
    rettet = fremskridt_ret(
        fremskridt=fremskridt, indhold=GENNEMFOERT, version=fremskridt.version, bruger=leder, i_dag=I_DAG
    )
    handling.refresh_from_db()
    assert not rettet.sendt_tilbage and handling.status == HandlingStatus.GENNEMFOERT
    assert [f.pk for f in fremskridt_til_gennemsyn(ministeriet())] == [rettet.pk]


def test_other_municipalities_do_not_see_a_sent_back_update(client, godkendt):
    fremskridt = fremskridt_registrer(
        handling=_handling(godkendt), indhold=GENNEMFOERT, bruger=projektleder_for(godkendt.kommune), i_dag=I_DAG
    )
    anden_leder = projektleder_for(Kommune.objects.get(kode="147"))
    assert [f.pk for f in fremskridt_for_strategi(anden_leder, godkendt, i_dag=I_DAG).fremskridt] == [fremskridt.pk]
    fremskridt_kommenter(fremskridt=fremskridt, tekst="Ret datoen.", send_tilbage=True, bruger=ministeriet())
    assert fremskridt_for_strategi(anden_leder, godkendt, i_dag=I_DAG).fremskridt == []
    client.force_login(anden_leder)
    side = client.get(reverse("strategi:fremskridt", args=[godkendt.pk])).content.decode()
    assert "Alle hold er afsluttet." not in side and "Ret datoen." not in side
    client.force_login(projektleder_for(godkendt.kommune))
    side = client.get(reverse("strategi:fremskridt", args=[godkendt.pk])).content.decode()
    assert "Alle hold er afsluttet." in side and "Ret datoen." in side


def test_a_correction_against_a_changed_update_is_a_conflict_that_keeps_the_input(client, godkendt, settings):
    settings.PORTAL_I_DAG = I_DAG.isoformat()
    leder = projektleder_for(godkendt.kommune)
    fremskridt = fremskridt_registrer(handling=_handling(godkendt), indhold=GENNEMFOERT, bruger=leder, i_dag=I_DAG)
    loaded = fremskridt.version
    fremskridt_kommenter(fremskridt=fremskridt, tekst="Ret procenten.", send_tilbage=True, bruger=ministeriet())
    with pytest.raises(FremskridtKonflikt):
        fremskridt_ret(fremskridt=fremskridt, indhold=GENNEMFOERT, version=loaded, bruger=leder, i_dag=I_DAG)
    client.force_login(leder)
    data = {"dato": "20.5.2012", "status": "gennemfoert", "procent": "100", "notat": "Mit nye notat", "version": loaded}
    svar = client.post(reverse("strategi:fremskridt_rediger", args=[fremskridt.pk]), data)
    assert svar.status_code == 409
    assert "Mit nye notat" in svar.content.decode()
