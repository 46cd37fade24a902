"""The history rule (decision record 0050): one function, forebyggelse.historik.historik_til, shows history on every
page; the municipality's own leads see every revision, the ministry what was submitted, nobody else anything.

The project-wide access matrix (tests/test_adgangsmatrix.py, `test_which_pages_show_history_to_whom`) lists every
page that shows history and to which roles; the tests here show the rule's content on a goal (the leak an outside
test found) and that nothing can show history around it."""

import ast
import dataclasses
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.template import Context, Template

from forebyggelse.historik import HistorikSide, historik_til
from forebyggelse.roller import Rolle
from kommuner.models import Kommune
from strategi.models import Strategi
from strategi.services.maal import Maalindhold, maal_gem, opfoelgning_opret
from tests.kommuner.factories import BrugerFactory, projektleder_for
from tests.strategi.factories import StrategiFactory, godkend

ROD = Path(__file__).resolve().parents[2]
APPS = ["forebyggelse", "kommuner", "profiler", "strategi", "evaluering", "konto", "hentninger"]


def _indhold(maal, **aendret) -> Maalindhold:
    felter = {f.name: getattr(maal, f.name) for f in dataclasses.fields(Maalindhold)}
    return replace(Maalindhold(**felter), **aendret)


@pytest.fixture
def godkendt_maal(kommunedata, _kvittering_uden_weasyprint):
    """A goal written in a draft (two revisions), then submitted and approved, then followed up: each step in its
    own transaction, as in the portal (an event's time is its transaction's)."""
    kobenhavn = Kommune.objects.get(kode="101")
    strategi = StrategiFactory(fuld=True)
    leder = projektleder_for(kobenhavn)
    maal = strategi.maal.get()
    for tekst in ("Udkast A om screening", "Screening af alle 0-2-årige"):
        maal = maal_gem(
            strategi=strategi, maal=maal, indhold=_indhold(maal, tekst=tekst), version=maal.version, bruger=leder
        )
    godkend(Strategi.objects.get(pk=strategi.pk))
    opfoelgning_opret(maal=maal, dato=date(2012, 6, 30), vaerdi=Decimal(45), bruger=leder)
    return maal


@pytest.fixture
def _kvittering_uden_weasyprint(monkeypatch):
    monkeypatch.setattr("kommuner.services.ansoegninger.html_til_pdf", lambda html: b"%PDF-1.4\n%%EOF\n")


@pytest.mark.parametrize("rolle", ["anden_leder", "evaluator", "styregruppe"])
def test_a_published_goal_shows_no_history_to_anyone_outside_the_municipality_and_the_ministry(
    client_for, godkendt_maal, rolle
):
    brugere = {
        "anden_leder": lambda: BrugerFactory(rolle=Rolle.PROJEKTLEDER, kommuner=["147"]),
        "evaluator": lambda: BrugerFactory(rolle=Rolle.EVALUATOR),
        "styregruppe": lambda: BrugerFactory(rolle=Rolle.STYREGRUPPE),
    }
    svar = client_for(brugere[rolle]()).get(f"/maal/{godkendt_maal.pk}/")
    html = svar.content.decode()
    assert svar.status_code == 200 and "Screening af alle 0-2-årige" in html
    assert "Udkast A" not in html and 'id="historik-overskrift"' not in html


def test_the_ministry_sees_a_goals_history_from_the_first_submission_on(client_for, ministeriet, godkendt_maal):
    html = client_for(ministeriet).get(f"/maal/{godkendt_maal.pk}/").content.decode()
    assert 'id="historik-overskrift"' in html and "Opfølgning: oprettet" in html
    assert "Udkast A" not in html and "Mål: oprettet" not in html


def test_the_municipalitys_own_lead_sees_every_draft_revision(client_for, godkendt_maal):
    html = (
        client_for(projektleder_for(godkendt_maal.strategi.kommune)).get(f"/maal/{godkendt_maal.pk}/").content.decode()
    )
    assert "Udkast A om screening → Screening af alle 0-2-årige" in html
    assert "Mål: oprettet" in html and "Opfølgning: oprettet" in html


@pytest.mark.django_db
def test_the_history_tag_refuses_a_page_not_made_by_the_rule(ministeriet, kobenhavn):
    skabelon = Template("{% load historik %}{% historik side %}")
    with pytest.raises(TypeError, match="historik_til"):
        skabelon.render(Context({"side": HistorikSide(haendelser=[], nummer=1, har_nyere=False, har_aeldre=False)}))
    with pytest.raises(TypeError):
        skabelon.render(Context({"side": []}))
    assert skabelon.render(Context({"side": None})).strip() == ""
    side = historik_til(ministeriet, kobenhavn, modeller=[type(kobenhavn)], kommune_id=kobenhavn.pk)
    assert 'id="historik-overskrift"' in skabelon.render(Context({"side": side}))


def _skabeloner() -> list[Path]:
    return [p for app in [*APPS, "templates"] for p in (ROD / app).rglob("*.html")]


def test_no_template_shows_history_but_through_the_tag():
    include = ROD / "templates" / "includes" / "historik.html"
    uden_om = [
        str(p.relative_to(ROD))
        for p in _skabeloner()
        if p != include and ("includes/historik.html" in p.read_text() or "historik-overskrift" in p.read_text())
    ]
    assert uden_om == []


def test_no_code_reads_events_for_a_page_around_the_rule():
    """pghistory's Events and the history module's private readers are used in forebyggelse/historik.py alone;
    other event reads (restoring a deleted goal, a report's data stamp) read single event models by name."""
    fundne = []
    for app in APPS:
        for sti in (ROD / app).rglob("*.py"):
            if "migrations" in sti.parts or sti == ROD / "forebyggelse" / "historik.py":
                continue
            for node in ast.walk(ast.parse(sti.read_text())):
                navn = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", None)
                if isinstance(node, ast.alias):
                    navn = node.name
                if navn in {"Events", "_haendelser", "_som_haendelser", "_REGEL"}:
                    fundne.append(f"{sti.relative_to(ROD)}:{node.lineno if hasattr(node, 'lineno') else ''} {navn}")
    assert fundne == []


def test_the_ministry_sees_the_submission_itself_in_the_strategys_history(client_for, ministeriet, godkendt_maal):
    """The first submission's own event is in (its time is its transaction's, a moment before the service's clock),
    the draft before it is not."""
    html = client_for(ministeriet).get(f"/strategier/{godkendt_maal.strategi_id}/historik/").content.decode()
    assert "Kladde → Indsendt til ministeriet" in html
    assert "Indsendt til ministeriet → Godkendt af ministeriet" in html
    assert "Udkast A" not in html and "Mål: oprettet" not in html
