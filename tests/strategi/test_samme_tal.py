"""A goal on an indicator and the social profile tell the same truth: the profile opens on the newest year the
programme follows that has figures, and every value a goal takes from the profile is the value the profile shows
for that figure and year, in the same words."""

import pytest

from profiler.models import Retning
from profiler.profilside import profilside
from profiler.selectors import profilens_program, profilens_seneste_aar
from strategi.maalstatus import Kilde
from strategi.selectors import maal_for_strategi
from tests.profiler.factories import IndikatorFactory, importer
from tests.strategi.factories import MaalFactory, StrategiFactory

pytestmark = pytest.mark.django_db

# Figures from 2010 to 2013 for a programme over 2011–2012: 2013 has figures but lies after the programme.
AAR = (2010, 2011, 2012, 2013)


@pytest.fixture
def strategi_med_maal_paa_indikatorer(kobenhavn):
    indikatorer = [
        IndikatorFactory(bedre=Retning.LAVERE, standard=True),
        IndikatorFactory(bedre=Retning.HOEJERE, decimaler=2, standard=True),
    ]
    importer(
        [
            (kode, i.kode, aar, taeller + 7 * (aar - 2010) + n, 10_000 + 13 * n)
            for n, i in enumerate(indikatorer)
            for kode, taeller in (("101", 111), ("147", 95), ("751", 120))
            for aar in AAR
        ]
    )
    strategi = StrategiFactory(fuld=True)
    for indikator in indikatorer:
        MaalFactory(
            strategi=strategi,
            indikator=indikator,
            egen_maaling="",
            egen_enhed="",
            baseline_aar=2010,
            maal_aar=2012,
            retning=indikator.bedre,
            baseline_vaerdi=12,
            maalvaerdi=5 if indikator.bedre == Retning.LAVERE else 20,
        )
    return strategi


def test_the_profile_opens_on_the_programmes_latest_year_with_figures(client_for, evaluator, kobenhavn):
    indikator = IndikatorFactory()
    importer([("101", indikator.kode, aar, 100 + aar - 2010, 10_000) for aar in AAR])
    assert client_for(evaluator).get("/profiler/101/")["Location"] == "/profiler/101/2013/"  # in no programme yet
    StrategiFactory()  # København takes part in a programme over 2011–2012
    assert profilens_seneste_aar(kobenhavn) == 2012
    assert client_for(evaluator).get("/profiler/101/")["Location"] == "/profiler/101/2012/"


def test_every_value_a_goal_takes_from_the_profile_is_the_profiles_value(kobenhavn, strategi_med_maal_paa_indikatorer):
    maal = [m for m in maal_for_strategi(strategi_med_maal_paa_indikatorer) if m.maal.indikator_id]
    assert len(maal) == 2
    sider = {}
    for m in maal:
        fra_profilen = [x for x in m.maalinger if x.kilde == Kilde.NOEGLETAL]
        assert [x.periode for x in fra_profilen] == ["2011", "2012"]
        for maaling in fra_profilen:
            aar = int(maaling.periode)
            side = sider.setdefault(aar, profilside(kommune=kobenhavn, aar=aar, program=profilens_program(kobenhavn)))
            celle = next(v.celle for a in side.afsnit for v in a.indikatorer if v.indikator == m.maal.indikator)
            assert maaling.vaerdi == celle.egen.vaerdi
        # The goal's latest value is the profile's value in the year the profile opens on, written alike.
        aar = profilens_seneste_aar(kobenhavn)
        assert m.vurdering.seneste.periode == str(aar)
        side = sider.setdefault(aar, profilside(kommune=kobenhavn, aar=aar, program=profilens_program(kobenhavn)))
        celle = next(v.celle for a in side.afsnit for v in a.indikatorer if v.indikator == m.maal.indikator)
        assert m.seneste_tekst.startswith(f"{celle.egen.vaerdi_tekst} {m.maal.indikator.enhedstekst} (")
