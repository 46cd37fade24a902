"""Every page with a budget table tells the same truth about spending: a total never says "0 kr." for spending
nobody has reported, a total that leaves years out says so, and remarks stand in the remark column, while the
amount columns hold amounts only."""

import re

import pytest
from lxml import html as lxml_html

from kommuner.services.bevillinger import forbrug_registrer
from tests.evaluering.factories import program_med_deltagere

pytestmark = pytest.mark.django_db

BELOEB = re.compile(r"^(–|-?[\d.]+ kr\.|Ikke indberettet)$")

# what is reported: year → (spent, remark) per municipality code
INDBERETNINGER = {
    "intet": {},
    "delvis": {"101": {2011: (150_000, "Færre familier end ventet")}},
    "alt": {
        "101": {2011: (150_000, "Færre familier end ventet"), 2012: (900_000, "")},
        "147": {2011: (200_000, ""), 2012: (1_000_000, "")},
    },
}


def _tabeller(side: str) -> list[tuple[list[str], list[dict[str, str]]]]:
    """Each budget table as its column headings and its rows (heading → cell text). A cell spanning rows (the
    municipality's name) is left out of the rows below it, so the rest are read from the right."""
    tabeller = []
    for tabel in lxml_html.fromstring(side).iter("table"):
        overskrifter = [" ".join(th.text_content().split()) for th in tabel.iterfind(".//thead//th")]
        if "Forbrugt" not in overskrifter or "Bemærkning" not in overskrifter:
            continue
        raekker = []
        for tr in tabel.iterfind(".//tbody/tr") or []:
            celler = [" ".join(c.text_content().split()) for c in tr if c.tag in {"td", "th"}]
            raekker.append(dict(zip(overskrifter[-len(celler) :], celler, strict=True)))
        for tr in tabel.iterfind(".//tfoot/tr"):
            celler = [" ".join(c.text_content().split()) for c in tr if c.tag in {"td", "th"}]
            raekker.append(dict(zip(overskrifter[-len(celler) :], celler, strict=False)))
        tabeller.append((overskrifter, raekker))
    return tabeller


def _sider(client_for, program, ministeriet, projektleder_101):
    ministeriets = client_for(ministeriet)
    sider = {
        "budget": ministeriets.get(f"/programmer/{program.pk}/budget/").content.decode(),
        "programstatus": ministeriets.get(f"/programmer/{program.pk}/rapporter/status/").content.decode(),
        "kommunestatus": ministeriets.get(f"/programmer/{program.pk}/rapporter/101/").content.decode(),
    }
    sider["budget som projektleder"] = client_for(projektleder_101).get(f"/programmer/{program.pk}/budget/")
    sider["budget som projektleder"] = sider["budget som projektleder"].content.decode()
    return sider


@pytest.mark.parametrize("indberetning", list(INDBERETNINGER))
def test_budget_totals_and_remarks_say_what_is_reported(
    client_for, ministeriet, projektleder_101, projektleder_147, indberetning
):
    program = program_med_deltagere("101", "147", ministeriet=ministeriet)
    for kode, forbrug in INDBERETNINGER[indberetning].items():
        deltagelse = program.deltagelser.get(kommune__kode=kode)
        forbrug_registrer(deltagelse=deltagelse, forbrug=forbrug, bruger=ministeriet)

    for navn, side in _sider(client_for, program, ministeriet, projektleder_101).items():
        tabeller = _tabeller(side)
        assert tabeller, navn
        for _, raekker in tabeller:
            for raekke in raekker:
                for kolonne in ("Ansøgt", "Bevilget", "Forbrugt", "Rest"):
                    assert BELOEB.match(raekke.get(kolonne, "–")), (navn, kolonne, raekke)
                if indberetning == "intet":
                    assert raekke["Forbrugt"] != "0 kr.", (navn, raekke)
                if indberetning == "alt":
                    assert "ikke indberettet" not in raekke["Bemærkning"].lower(), (navn, raekke)
        # The totals ("I alt", "Alle kommuner", "Hele programmet") say what they leave out.
        totaler = [
            r
            for _, raekker in tabeller
            for r in raekker
            if {"I alt", "Alle kommuner", "Hele programmet"} & set(r.values())
        ]
        assert totaler, navn
        for total in totaler:
            if indberetning == "delvis":
                assert "ikke" in total["Bemærkning"], (navn, total)
                assert total["Forbrugt"] in {"150.000 kr.", "Ikke indberettet"}, (navn, total)
            if indberetning == "intet":
                assert total["Forbrugt"] == "Ikke indberettet", (navn, total)
    assert "Færre familier end ventet" in side or indberetning == "intet"


def test_the_warning_about_unreported_spending_is_a_remark_not_part_of_the_amount(
    client_for, ministeriet, projektleder_101
):
    program = program_med_deltagere("101", ministeriet=ministeriet)
    side = client_for(projektleder_101).get(f"/programmer/{program.pk}/budget/").content.decode()
    ((_, raekker),) = _tabeller(side)
    aar_2011 = next(r for r in raekker if r.get("År") == "2011")
    assert aar_2011["Rest"] == "200.000 kr."
    assert "Forbruget er ikke indberettet" in aar_2011["Bemærkning"]
