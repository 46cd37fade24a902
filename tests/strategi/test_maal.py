"""Goals and follow-ups as the lead meets them: the baseline fetched from the social profile with the national and
group figures beside it, the warning on a target against the indicator's better direction (saved only when
confirmed), a follow-up outside the programme's years refused on its field, and a goal with follow-ups deleted only
when confirmed and brought back from the history with them."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from profiler.models import Retning
from strategi.models import HandlingMaal, Maal, Opfoelgning
from strategi.selectors import slettede_maal
from strategi.services.maal import maal_gendan, maal_slet, opfoelgning_opret
from tests.kommuner.factories import projektleder_for
from tests.profiler.factories import IndikatorFactory, importer
from tests.strategi.factories import HandlingFactory, MaalFactory, StrategiFactory, godkend

pytestmark = pytest.mark.django_db


@pytest.fixture
def indikator(kobenhavn):
    indikator = IndikatorFactory(navn="Anbragte pr. 1.000 (test)", bedre=Retning.LAVERE)
    importer(
        [
            ("101", indikator.kode, 2010, 168, 10000),  # 16,8
            ("147", indikator.kode, 2010, 95, 10000),  # 9,5: København's group (Hovedstadskommuner)
            ("751", indikator.kode, 2010, 120, 10000),
        ]
    )
    return indikator


def _post(strategi, omraade, **felter) -> dict:
    return {
        "tekst": "Færre børn anbringes",
        "art": "effekt",
        "indsatsomraade": omraade.pk,
        "maalemetode": "indikator",
        "baseline_aar": "2010",
        "baseline_vaerdi": "",
        "maal_aar": "2012",
        "maalvaerdi": "",
        "retning": "",
        "version": "0",
        **felter,
    }


def test_fetching_the_baseline_fills_in_the_municipalitys_figure_and_shows_the_others(client_for, indikator, kobenhavn):
    strategi = StrategiFactory(fuld=True)
    omraade = strategi.indsatsomraader.get()
    response = client_for(projektleder_for(kobenhavn)).post(
        f"/strategier/{strategi.pk}/maal/nyt/", _post(strategi, omraade, indikator=indikator.pk, hent="1")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="baseline_vaerdi" value="16,8"' in html
    assert 'value="lavere" id="id_retning_1" checked' in html  # the indicator's better direction
    tabel = html[html.index("baselinetal") :]
    assert "16,8" in tabel and "12,8" in tabel and "9,5" in tabel  # own, national (383 / 30.000), group
    assert "(baselineår)" in tabel
    assert not Maal.objects.filter(tekst="Færre børn anbringes").exists()  # nothing saved yet


def test_a_target_against_the_indicators_better_direction_needs_a_confirmation(client_for, indikator, kobenhavn):
    strategi = StrategiFactory(fuld=True)
    omraade = strategi.indsatsomraader.get()
    client = client_for(projektleder_for(kobenhavn))
    side = f"/strategier/{strategi.pk}/maal/nyt/"
    data = _post(strategi, omraade, indikator=indikator.pk, baseline_vaerdi="16,8", maalvaerdi="18")

    advarsel = client.post(side, data)
    assert advarsel.status_code == 200
    html = advarsel.content.decode()
    assert "For indikatoren er lavere bedre, men målværdien er højere end baseline" in html
    assert 'name="bekraeft_retning"' in html
    assert not Maal.objects.filter(tekst="Færre børn anbringes").exists()

    assert client.post(side, {**data, "bekraeft_retning": "on"}).status_code == 302
    maal = Maal.objects.get(tekst="Færre børn anbringes")
    assert (maal.retning, maal.retning_bekraeftet, maal.maalvaerdi) == (Retning.HOEJERE, True, Decimal(18))


def test_a_target_with_the_indicator_needs_no_confirmation_and_follows_its_direction(indikator, kobenhavn):
    strategi = StrategiFactory(fuld=True)
    maal = MaalFactory(
        strategi=strategi,
        indikator=indikator,
        egen_maaling="",
        egen_enhed="",
        baseline_vaerdi=Decimal("16.8"),
        baseline_aar=2010,
        maalvaerdi=Decimal("15"),
        retning=Retning.HOEJERE,  # what the form sent; the indicator decides
    )
    assert (maal.retning, maal.retning_bekraeftet) == (Retning.LAVERE, False)


def test_an_own_measure_with_the_target_on_the_worse_side_is_a_field_error(kobenhavn):
    strategi = StrategiFactory(fuld=True)
    with pytest.raises(ValidationError) as fejl:
        MaalFactory(strategi=strategi, baseline_vaerdi=Decimal(50), maalvaerdi=Decimal(40), retning=Retning.HOEJERE)
    assert "skal målværdien ligge over baseline" in fejl.value.message_dict["maalvaerdi"][0]


def test_a_follow_up_outside_the_programmes_years_is_a_field_error(client_for, kobenhavn):
    strategi = StrategiFactory(fuld=True)
    maal = strategi.maal.get()
    godkend(strategi)
    response = client_for(projektleder_for(kobenhavn)).post(
        f"/maal/{maal.pk}/opfoelgninger/ny/", {"dato": "1.3.2013", "vaerdi": "55", "periode": "", "kommentar": ""}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Opfølgningen skal ligge i programmets periode (2011–2012); 2013 er uden for." in html
    assert 'value="55"' in html
    assert not Opfoelgning.objects.exists()
    with pytest.raises(ValidationError) as fejl:
        opfoelgning_opret(maal=maal, dato=date(2010, 12, 31), vaerdi=Decimal(1), bruger=projektleder_for(kobenhavn))
    assert "dato" in fejl.value.message_dict


def test_a_follow_up_with_documentation_is_stored_with_its_annex(client_for, kobenhavn):
    from django.core.files.uploadedfile import SimpleUploadedFile

    strategi = StrategiFactory(fuld=True)
    maal = strategi.maal.get()
    godkend(strategi)
    client = client_for(projektleder_for(kobenhavn))
    response = client.post(
        f"/maal/{maal.pk}/opfoelgninger/ny/",
        {
            "dato": "30.6.2012",
            "vaerdi": "52,5",
            "periode": "1. halvår 2012",
            "kommentar": "Optalt i fagsystemet.",
            "fil": SimpleUploadedFile("optaelling.pdf", b"%PDF-1.4\n%%EOF\n"),
            "bilag_beskrivelse": "Optælling",
        },
    )
    assert response.status_code == 302
    opfoelgning = Opfoelgning.objects.get()
    assert opfoelgning.vaerdi == Decimal("52.5") and opfoelgning.bilag.get().filnavn == "optaelling.pdf"
    side = client.get(f"/maal/{maal.pk}/").content.decode()
    assert "optaelling.pdf" in side and "52,5 pct." in side


def test_deleting_a_goal_with_follow_ups_needs_a_confirmation_and_it_can_be_restored(client_for, kobenhavn):
    strategi = StrategiFactory(fuld=True)
    leder = projektleder_for(kobenhavn)
    maal = strategi.maal.get()
    foeres_til = MaalFactory(strategi=strategi, tekst="Effekten", art="effekt")
    MaalFactory(strategi=strategi, tekst="Fører til effekten", art="kort", bidrager_til=foeres_til)
    handling = strategi.handlinger.get()
    strategi = godkend(strategi)
    opfoelgning_opret(maal=maal, dato=date(2012, 6, 30), vaerdi=Decimal(45), bruger=leder)
    # Only a draft's goals can be deleted: the ministry sends it back, the lead deletes the goal.
    from strategi.models import StrategiStatus

    strategi.__class__.objects.filter(pk=strategi.pk).update(status=StrategiStatus.SENDT_TILBAGE)

    client = client_for(leder)
    side = client.get(f"/maal/{maal.pk}/slet/").content.decode()
    assert "Målet har 1 opfølgning. Slettes målet, slettes de også." in side
    afvist = client.post(f"/maal/{maal.pk}/slet/", {})
    assert afvist.status_code == 400
    assert Maal.objects.filter(pk=maal.pk).exists()

    assert client.post(f"/maal/{maal.pk}/slet/", {"bekraeft": "on"}).status_code == 302
    assert not Maal.objects.filter(pk=maal.pk).exists() and not Opfoelgning.objects.exists()

    (slettet,) = slettede_maal(leder, strategi)
    assert (slettet.tekst, slettet.opfoelgninger) == (maal.tekst, 1)
    assert maal.tekst in client.get(f"/strategier/{strategi.pk}/maal/slettede/").content.decode()
    svar = client.post(f"/strategier/{strategi.pk}/maal/gendan/{slettet.haendelse_id}/")
    assert svar.status_code == 302
    gendannet = Maal.objects.get(pk=maal.pk)
    assert gendannet.tekst == maal.tekst
    assert [o.vaerdi for o in gendannet.opfoelgninger.all()] == [Decimal(45)]
    assert HandlingMaal.objects.filter(handling=handling, maal=gendannet).exists()
    assert slettede_maal(leder, strategi) == []
    with pytest.raises(ValidationError, match="allerede gendannet"):
        maal_gendan(strategi=strategi, haendelse_id=slettet.haendelse_id, bruger=leder)


def test_a_goal_that_led_to_a_deleted_goal_points_at_it_again_when_restored(kobenhavn):
    strategi = StrategiFactory(fuld=True)
    leder = projektleder_for(kobenhavn)
    effekt = MaalFactory(strategi=strategi, tekst="Effekten", art="effekt")
    kort = MaalFactory(strategi=strategi, tekst="Kort", art="kort", bidrager_til=effekt)
    effekt_pk = effekt.pk
    maal_slet(maal=effekt, bekraeftet=False, bruger=leder)
    kort.refresh_from_db()
    assert kort.bidrager_til is None
    (slettet,) = slettede_maal(leder, strategi)
    maal_gendan(strategi=strategi, haendelse_id=slettet.haendelse_id, bruger=leder)
    kort.refresh_from_db()
    assert kort.bidrager_til_id == effekt_pk


def test_the_goal_page_shows_its_history(client_for, kobenhavn):
    strategi = StrategiFactory(fuld=True)
    HandlingFactory(strategi=strategi)
    maal = strategi.maal.get()
    html = client_for(projektleder_for(kobenhavn)).get(f"/maal/{maal.pk}/").content.decode()
    assert "Historik" in html and "Mål: oprettet" in html
