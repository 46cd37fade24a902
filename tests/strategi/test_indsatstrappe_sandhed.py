"""The indsatstrappe tells the same truth on every page that shows it: each step says how many children and young
people its offers reach and, where known, what they cost; capacity is summed only within one unit, since places and
courses do not add up."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from strategi.models import Kapacitetsenhed, Trin
from strategi.selectors import Trinsum
from strategi.services.struktur import tilbud_gem
from tests.evaluering.factories import program_med_deltagere
from tests.kommuner.factories import projektleder_for
from tests.strategi.factories import StrategiFactory, TilbudFactory, godkend

pytestmark = pytest.mark.django_db

PLADSER, FORLOEB = Kapacitetsenhed.PLADSER, Kapacitetsenhed.FORLOEB

# (capacity, unit, children, cost) per offer; the expected line for the step
TRIN = [
    (
        [(60, FORLOEB, 50, 1_000_000), (12, PLADSER, 10, None), (30, FORLOEB, None, 200_000)],
        "3 tilbud · 60 børn og unge om året · udgift 1.200.000 kr. om året (uden 1 tilbud, hvis udgift ikke er oplyst)"
        " · kapacitet 90 forløb og 12 pladser",
    ),
    (
        [(12, PLADSER, 8, 900_000)],
        "1 tilbud · 8 børn og unge om året · udgift 900.000 kr. om året · kapacitet 12 pladser",
    ),
    ([(None, "", None, None)], "1 tilbud · antal børn og unge ikke oplyst · udgift ikke oplyst"),
    ([], "Ingen tilbud"),
]


@pytest.mark.parametrize(("tilbud", "forventet"), TRIN)
def test_a_step_sums_children_and_known_costs_and_capacity_only_per_unit(tilbud, forventet, kobenhavn):
    strategi = StrategiFactory()
    oprettet = [
        TilbudFactory(strategi=strategi, trin=Trin.HJEMMEBASERET, kapacitet=k, kapacitetsenhed=e, boern=b, udgift=u)
        for k, e, b, u in tilbud
    ]
    sum_ = Trinsum.af(oprettet)
    enheder = {e for _, e, _, _ in tilbud if e}
    assert set(sum_.kapacitet) == {Kapacitetsenhed(e).label for e in enheder}  # one sum per unit, never mixed
    linje = " ".join(render_to_string("strategi/_trinsum.html", {"s": sum_}).split())
    assert linje == forventet


def _tekst(svar) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", svar.content.decode()).split())


def test_the_staircase_pages_show_children_and_cost_and_never_add_places_to_courses(client_for, ministeriet):
    program = program_med_deltagere("101", "147", ministeriet=ministeriet)
    strategi = StrategiFactory(deltagelse=program.deltagelser.get(kommune__kode="101"), fuld=True)
    for k, e, b, u in TRIN[0][0]:
        TilbudFactory(strategi=strategi, trin=Trin.HJEMMEBASERET, kapacitet=k, kapacitetsenhed=e, boern=b, udgift=u)
    strategi = godkend(strategi)  # the ministry reads it across the participants once it is submitted
    client = client_for(ministeriet)
    sider = {
        "strategiens trappe": _tekst(client.get(f"/strategier/{strategi.pk}/indsatstrappe/")),
        "på tværs": _tekst(client.get(f"/programmer/{program.pk}/indsatstrappe/")),
    }
    for navn, side in sider.items():
        assert TRIN[0][1] in side, navn
        assert "102" not in side, navn  # 60 + 12 + 30: courses and places added together
    # Each offer shows its own capacity with its unit.
    assert "12 pladser" in sider["strategiens trappe"] and "60 forløb" in sider["strategiens trappe"]


def test_a_capacity_must_say_whether_it_counts_places_or_courses(kobenhavn):
    strategi = StrategiFactory()
    with pytest.raises(ValidationError) as fejl:
        tilbud_gem(
            strategi=strategi,
            tilbud=None,
            navn="Familiebehandling",
            art="Familiebehandling",
            trin=Trin.HJEMMEBASERET,
            maalgruppe=None,
            aktoer=None,
            kapacitet=40,
            evidensprogram="",
            beskrivelse="",
            bruger=projektleder_for(strategi.kommune),
        )
    assert "kapacitetsenhed" in fejl.value.message_dict
