"""The "Eksempeldata" label follows where each part of a figure came from, not the indicator or an earlier mark: a
figure is example data exactly when the run or own figures that last wrote its numerator or its denominator were
example data. Every order of writes of the parts is tried, and the label the profile shows says the same."""

import itertools
from decimal import Decimal

import pytest

from kommuner.models import Kommune
from profiler.models import Indikator, Observation, Talfelt
from profiler.selectors import noegletal
from profiler.services.importer import import_forhaandsvis, import_fortryd, import_gennemfoer
from profiler.services.indberetninger import (
    EgenVaerdi,
    indberetning_gem,
    indberetning_godkend,
    indberetning_indsend,
    indberetning_opret,
)
from tests.kommuner.factories import projektleder_for
from tests.profiler.factories import IndikatorFactory, dst_csv, skabelon
from tests.strategi.factories import ministeriet

pytestmark = pytest.mark.django_db

# A write: which parts (tæller, nævner or both through the template) and whether it is example data.
SKRIVNINGER = [(dele, eks) for dele in ("taeller", "naevner", "begge") for eks in (True, False)]


def _skriv(indikator: Indikator, dele: str, eksempeldata: bool, n: int):
    if dele == "begge":
        indhold, kwargs = skabelon([("101", indikator.kode, 2011, 100 + n, 10_000 + n)]), {}
    else:
        indhold = dst_csv([("101", "2011", 100 + n if dele == "taeller" else 10_000 + n)])
        kwargs = {"indikator": indikator, "talfelt": Talfelt.TAELLER if dele == "taeller" else Talfelt.NAEVNER}
    koersel = import_forhaandsvis(filnavn="f.csv", indhold=indhold, bruger=None, eksempeldata=eksempeldata, **kwargs)
    return import_gennemfoer(koersel=koersel, bruger=None)


def _vist(indikator: Indikator) -> str:
    kobenhavn = Kommune.objects.get(kode="101")
    return noegletal(kommune=kobenhavn, indikatorer=[indikator], aar=[2011]).celle(indikator, 2011).status_tekst


@pytest.mark.parametrize("foerste", [True, False], ids=["eksempel-foerst", "endelig-foerst"])
@pytest.mark.parametrize("raekkefoelge", list(itertools.product(SKRIVNINGER, repeat=2)))
def test_the_label_follows_the_source_of_each_part(foerste, raekkefoelge):
    indikator = IndikatorFactory()
    kilde = {"taeller": foerste, "naevner": foerste}
    koersler = [_skriv(indikator, "begge", foerste, 0)]
    for n, (dele, eks) in enumerate(raekkefoelge, start=1):
        koersler.append(_skriv(indikator, dele, eks, n))
        kilde |= {d: eks for d in (("taeller", "naevner") if dele == "begge" else (dele,))}
        forventet = kilde["taeller"] or kilde["naevner"]
        assert Observation.objects.get(indikator=indikator).eksempeldata is forventet, (dele, eks, kilde)
        assert _vist(indikator) == ("Eksempeldata" if forventet else "Endelig")
    # Undoing the runs newest first brings every earlier label back.
    for koersel in reversed(koersler[1:]):
        import_fortryd(koersel=koersel, bruger=None)
    assert Observation.objects.get(indikator=indikator).eksempeldata is foerste


@pytest.mark.parametrize("naevner_eks", [True, False])
@pytest.mark.parametrize("taeller_eks", [True, False])
def test_approved_own_figures_are_example_data_only_where_a_part_is(kobenhavn, taeller_eks, naevner_eks):
    """An own numerator over a StatBank denominator (forebyggende foranstaltninger), after example data."""
    indikator = Indikator.objects.get(kode="forebyggende_foranstaltninger")
    for eks in (True, naevner_eks):
        koersel = import_forhaandsvis(
            filnavn="f.csv",
            indhold=dst_csv([("101", "2011", 10_000)]),
            bruger=None,
            eksempeldata=eks,
            indikator=indikator,
            talfelt=Talfelt.NAEVNER,
        )
        import_gennemfoer(koersel=koersel, bruger=None)
    leder = projektleder_for(kobenhavn)
    indberetning = indberetning_opret(kommune=kobenhavn, aar=2011, bruger=leder, eksempeldata=taeller_eks)
    vaerdier = [
        EgenVaerdi(i, Decimal(10), Decimal(500) if i.naevner_kilde == "EGNE" else None)
        for i in Indikator.objects.filter(taeller_kilde="EGNE")
    ]
    indberetning = indberetning_gem(indberetning=indberetning, vaerdier=vaerdier, version=1, bruger=leder)
    indberetning = indberetning_indsend(indberetning=indberetning, bruger=leder)
    indberetning_godkend(indberetning=indberetning, bruger=ministeriet())
    observation = Observation.objects.get(kommune=kobenhavn, indikator=indikator, aar=2011)
    assert observation.eksempeldata is (taeller_eks or naevner_eks)
