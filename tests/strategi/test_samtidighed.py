"""Two people editing the same goal or action at once, in two real transactions on two database connections: the
second gets a conflict with the stored version and nothing of theirs is written (no silent overwrite); on the page
that is a 409 with their input kept and the differences shown. A submission beside an edit waits for it, and the
edit beside a submission is refused."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from forebyggelse.formatering import tidspunkt
from forebyggelse.samtidighed import Konflikt
from strategi.models import Maal, StrategiStatus
from strategi.services.handlinger import Handlingsindhold, handling_gem
from strategi.services.maal import Maalindhold, maal_gem
from strategi.services.strategier import strategi_indsend
from tests.kommuner.factories import BrugerFactory, projektleder_for
from tests.kommuner.test_samtidighed import Traad, foerst_holdt_aaben, venter_paa_laas
from tests.strategi.factories import StrategiFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def strategi(kommunedata, ministeriet, projektleder_101):
    return StrategiFactory(fuld=True)


@pytest.fixture
def anden_leder(kommunedata):
    from forebyggelse.roller import Rolle

    return BrugerFactory(username="anden-leder-101", rolle=Rolle.PROJEKTLEDER, kommuner=["101"], first_name="Anden")


def _maalindhold(maal: Maal, tekst: str, maalvaerdi: str) -> Maalindhold:
    return Maalindhold(
        indsatsomraade=maal.indsatsomraade,
        tekst=tekst,
        art=maal.art,
        egen_maaling=maal.egen_maaling,
        egen_enhed=maal.egen_enhed,
        baseline_vaerdi=maal.baseline_vaerdi,
        baseline_aar=maal.baseline_aar,
        maalvaerdi=Decimal(maalvaerdi),
        maal_aar=maal.maal_aar,
        retning=maal.retning,
    )


def test_two_saves_of_the_same_goal_at_once_the_second_gets_a_conflict(strategi, anden_leder):
    maal = Maal.objects.select_related("indsatsomraade").get(strategi=strategi)
    leder = projektleder_for(strategi.kommune)
    loaded = maal.version
    foerste = foerst_holdt_aaben(
        lambda: maal_gem(
            strategi=strategi, maal=maal, indhold=_maalindhold(maal, "Første", "70"), version=loaded, bruger=leder
        )
    )
    anden = Traad(
        lambda: maal_gem(
            strategi=strategi, maal=maal, indhold=_maalindhold(maal, "Anden", "90"), version=loaded, bruger=anden_leder
        )
    ).start()
    assert venter_paa_laas(anden), "den anden gemte uden at vente på den første"
    foerste.slip.set()
    foerste.vent()
    anden.vent()
    assert foerste.fejl is None
    assert isinstance(anden.fejl, Konflikt)
    assert anden.fejl.nuvaerende.tekst == "Første"
    maal.refresh_from_db()
    assert (maal.tekst, maal.maalvaerdi, maal.version) == ("Første", Decimal(70), loaded + 1)


def test_two_saves_of_the_same_action_at_once_the_second_gets_a_conflict(strategi, anden_leder):
    handling = strategi.handlinger.select_related("indsatsomraade").get()
    leder = projektleder_for(strategi.kommune)

    def gem(titel: str, bruger):
        indhold = Handlingsindhold(
            indsatsomraade=handling.indsatsomraade,
            titel=titel,
            ansvarlig=handling.ansvarlig,
            start=handling.start,
            slut=handling.slut,
            status=handling.status,
            farve=handling.farve,
        )
        return handling_gem(
            strategi=strategi, handling=handling, indhold=indhold, version=handling.version, bruger=bruger
        )

    foerste = foerst_holdt_aaben(lambda: gem("Første titel", leder))
    anden = Traad(lambda: gem("Anden titel", anden_leder)).start()
    assert venter_paa_laas(anden)
    foerste.slip.set()
    foerste.vent()
    anden.vent()
    assert foerste.fejl is None
    assert isinstance(anden.fejl, Konflikt)
    handling.refresh_from_db()
    assert handling.titel == "Første titel"


def test_an_edit_beside_a_submission_waits_and_is_then_refused(strategi, anden_leder):
    maal = Maal.objects.select_related("indsatsomraade").get(strategi=strategi)
    leder = projektleder_for(strategi.kommune)
    indsendelse = foerst_holdt_aaben(lambda: strategi_indsend(strategi=strategi, bruger=leder))
    redigering = Traad(
        lambda: maal_gem(
            strategi=strategi,
            maal=maal,
            indhold=_maalindhold(maal, "Sent", "90"),
            version=maal.version,
            bruger=anden_leder,
        )
    ).start()
    assert venter_paa_laas(redigering), "målet blev gemt uden at vente på indsendelsen"
    indsendelse.slip.set()
    indsendelse.vent()
    redigering.vent()
    assert isinstance(redigering.fejl, ValidationError)
    assert "indsendt" in redigering.fejl.messages[0]
    strategi.refresh_from_db()
    maal.refresh_from_db()
    assert strategi.status == StrategiStatus.INDSENDT and maal.tekst != "Sent"


def _maalpost(maal: Maal, tekst: str, version: int) -> dict:
    return {
        "tekst": tekst,
        "art": maal.art,
        "indsatsomraade": maal.indsatsomraade_id,
        "maalemetode": "egen",
        "egen_maaling": maal.egen_maaling,
        "egen_enhed": maal.egen_enhed,
        "baseline_aar": maal.baseline_aar,
        "baseline_vaerdi": "20",
        "maal_aar": maal.maal_aar,
        "maalvaerdi": "80",
        "retning": maal.retning,
        "version": version,
    }


def test_on_the_page_a_conflict_is_409_with_the_input_kept_and_the_differences_shown(client_for, strategi, anden_leder):
    maal = strategi.maal.get()
    side = f"/maal/{maal.pk}/rediger/"
    indlaest = maal.version
    # Someone else saves while this user is still typing.
    assert client_for(anden_leder).post(side, _maalpost(maal, "Den andens tekst", indlaest)).status_code == 302
    response = client_for(projektleder_for(strategi.kommune)).post(side, _maalpost(maal, "Min tekst", indlaest))
    assert response.status_code == 409
    html = response.content.decode()
    assert "er blevet ændret af Anden" in html and "Dine indtastninger er bevaret" in html
    assert "Min tekst</textarea>" in html  # the input is kept
    assert "Den andens tekst" in html  # the stored version, in the differences table
    assert f'name="version" value="{indlaest + 1}"' in html  # the next save goes against the stored version
    maal.refresh_from_db()
    assert maal.tekst == "Den andens tekst"
    # Saving again from the conflict page works.
    igen = client_for(projektleder_for(strategi.kommune)).post(side, _maalpost(maal, "Min tekst", indlaest + 1))
    assert igen.status_code == 302
    maal.refresh_from_db()
    assert maal.tekst == "Min tekst"


def test_an_action_conflict_on_the_page_is_409_too(client_for, strategi, anden_leder):
    handling = strategi.handlinger.get()
    side = f"/handlinger/{handling.pk}/rediger/"

    def post(bruger, titel):
        return client_for(bruger).post(
            side,
            {
                "titel": titel,
                "indsatsomraade": handling.indsatsomraade_id,
                "ansvarlig": handling.ansvarlig,
                "start": handling.start.isoformat(),
                "slut": handling.slut.isoformat(),
                "status": handling.status,
                "farve": handling.farve,
                "version": handling.version,
            },
        )

    assert post(anden_leder, "Den andens handling").status_code == 302
    response = post(projektleder_for(strategi.kommune), "Min handling")
    assert response.status_code == 409
    assert 'value="Min handling"' in response.content.decode()
    handling.refresh_from_db()
    assert handling.titel == "Den andens handling"


def test_the_conflict_names_the_goal_the_action_and_the_strategy_and_who_saved_them_first(
    client_for, strategi, anden_leder
):
    leder = projektleder_for(strategi.kommune)
    maal, handling = strategi.maal.get(), strategi.handlinger.get()
    handlingspost = {
        "titel": "Min handling",
        "indsatsomraade": handling.indsatsomraade_id,
        "ansvarlig": handling.ansvarlig,
        "start": handling.start.isoformat(),
        "slut": handling.slut.isoformat(),
        "status": handling.status,
        "farve": handling.farve,
        "version": handling.version,
    }
    strategipost = {"titel": "Min titel", "vision": "Min vision", "version": strategi.version}
    sider = [
        (f"/maal/{maal.pk}/rediger/", _maalpost(maal, "Min tekst", maal.version), maal, "Målet"),
        (f"/handlinger/{handling.pk}/rediger/", handlingspost, handling, "Handlingen"),
        (f"/strategier/{strategi.pk}/rediger/", strategipost, strategi, "Strategien"),
    ]
    for side, post, obj, hvad in sider:
        assert client_for(anden_leder).post(side, post).status_code == 302
        response = client_for(leder).post(side, post)
        assert response.status_code == 409, side
        obj.refresh_from_db()
        navn = anden_leder.get_full_name()
        forventet = f"{hvad} er blevet ændret af {navn} den {tidspunkt(obj.aendret)}, mens du arbejdede."
        assert forventet in response.content.decode(), side
