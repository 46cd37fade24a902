"""The ministry imports a StatBank CSV in Chromium: preview, confirm, the profile shows the new figures; the same
file again is 0 changes; undo brings the previous values back. The pages pass axe."""

import re
from pathlib import Path

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from forebyggelse.roller import Rolle
from profiler.models import ImportKoersel
from tests.kommuner.factories import BrugerFactory
from tests.profiler.conftest import indlaes_referencedata
from tests.profiler.factories import importer

STRAF11 = Path(__file__).resolve().parent.parent / "fixtures" / "profiler" / "should_pass" / "straf11_koder.csv"


@pytest.fixture
def noegletal(kommunedata):
    indlaes_referencedata()
    cache.clear()
    # Before: København's offences 2011 were 90.000 (an earlier import), its population on 1 January 539.542.
    importer([("101", "anmeldte_forbrydelser", 2011, 90000, 539542)])
    return BrugerFactory(username="ministeriet-browser", rolle=Rolle.MINISTERIET)


def kobenhavns_vaerdi(page) -> str:
    page.goto("/profiler/101/2011/")
    raekke = page.locator(
        "table.overblik tr", has=page.get_by_role("link", name="Anmeldte forbrydelser pr. 1.000 indbyggere")
    )
    return raekke.locator("td").first.inner_text().strip()


def upload(page):
    page.goto("/noegletal/import/")
    page.get_by_label("Indikator").select_option(label="Anmeldte forbrydelser pr. 1.000 indbyggere")
    page.get_by_label("Tæller", exact=True).check()
    page.locator("input[type=file]").set_input_files(str(STRAF11))
    page.get_by_role("button", name="Vis, hvad importen vil ændre").click()
    page.wait_for_load_state()


def test_import_preview_confirm_reimport_and_undo(page, log_ind, noegletal, tilgaengelig):
    log_ind(noegletal.username)
    assert kobenhavns_vaerdi(page) == "166,8"  # 90.000 / 539.542 × 1.000

    upload(page)
    expect(page.get_by_text("Forhåndsvisning – intet er ændret endnu")).to_be_visible()
    expect(page.locator("#tilstand")).to_contain_text("3 ændringer")
    expect(page.locator("table").first).to_contain_text("København")
    tilgaengelig(page)
    foerste = page.url
    page.get_by_role("button", name="Gennemfør importen").click()
    expect(page.get_by_text("Importen er gennemført: 3 ændringer (2 nye, 1 ændrede).")).to_be_visible()

    assert kobenhavns_vaerdi(page) == "184,9"  # 99.787 / 539.542 × 1.000, the new figures
    tilgaengelig(page)
    expect(page.locator("img[src*='/graf/anmeldte_forbrydelser.svg']")).to_have_count(1)
    expect(page.get_by_text("Kort: Geodatastyrelsen & Danske Kommuner")).to_be_visible()

    upload(page)
    expect(page.get_by_text("Ingen værdier ændres")).to_be_visible()
    page.get_by_role("button", name="Gennemfør importen").click()
    expect(page.get_by_text("Importen er gennemført: 0 ændringer")).to_be_visible()

    page.goto(foerste)
    page.get_by_role("link", name="Fortryd importen").click()
    expect(page.get_by_text("Tallene fra før importen kommer tilbage")).to_be_visible()  # it asks first
    tilgaengelig(page)
    page.get_by_role("button", name="Ja, fortryd importen").click()
    expect(page.get_by_text("Importen er fortrudt")).to_be_visible()
    assert kobenhavns_vaerdi(page) == "166,8"
    assert ImportKoersel.objects.filter(tilstand="fortrudt").count() == 1
    assert not page.console_fejl, page.console_fejl


def test_a_bad_file_shows_every_error_and_the_upload_form_again(page, log_ind, noegletal, tmp_path, tilgaengelig):
    fil = tmp_path / "fejl.csv"
    fil.write_text("OMRÅDE;TID;INDHOLD\nKøbenhavnn;2011K1;12\n101;2011K2;1.234\n", encoding="utf-8")
    log_ind(noegletal.username)
    page.goto("/noegletal/import/")
    page.get_by_label("Indikator").select_option(label="Anmeldte forbrydelser pr. 1.000 indbyggere")
    page.locator("input[type=file]").set_input_files(str(fil))
    page.get_by_role("button", name="Vis, hvad importen vil ændre").click()
    fejl = page.locator(".import-fejl li")
    expect(fejl).to_have_count(2)
    expect(fejl.nth(0)).to_have_text(re.compile("Række 2, kolonne OMRÅDE: Ukendt område 'Københavnn'"))
    expect(fejl.nth(1)).to_have_text(re.compile("Række 3, kolonne INDHOLD: Tallet '1.234' har punktum"))
    tilgaengelig(page)
    # The portal keeps the file: the next try needs no new choice of file, and a corrected file replaces it.
    expect(page.get_by_text("Valgt fil: fejl.csv — beholdt")).to_be_visible()
    page.get_by_role("button", name="Vis, hvad importen vil ændre").click()
    expect(page.locator(".import-fejl li")).to_have_count(2)
    fil.write_text("OMRÅDE;TID;INDHOLD\nKøbenhavn;2011K1;12\n", encoding="utf-8")
    page.locator("input[type=file]").set_input_files(str(fil))
    page.get_by_role("button", name="Vis, hvad importen vil ændre").click()
    expect(page.get_by_text("Forhåndsvisning – intet er ændret endnu")).to_be_visible()
    assert ImportKoersel.objects.filter(tilstand="afvist").count() == 2


def test_a_lead_enters_and_submits_the_municipalitys_own_figures(page, log_ind, noegletal, tilgaengelig):
    BrugerFactory(username="leder-browser", rolle=Rolle.PROJEKTLEDER, kommuner=["101"])
    log_ind("leder-browser")
    page.goto("/profiler/101/")
    page.get_by_role("link", name="Kommunens egne tal").click()
    page.get_by_role("link", name=re.compile("Indberet egne tal for")).first.click()
    tilgaengelig(page)
    for felt, tal in (
        ("Børn og unge med forebyggende foranstaltninger pr. 1.000 0–17-årige: tæller", "1.234"),
        ("Underretninger om børn og unge pr. 1.000 0–17-årige: tæller", "2.500"),
        ("Elever i specialundervisning, andel af folkeskolens elever: tæller", "350"),
        ("Elever i specialundervisning, andel af folkeskolens elever: nævner", "7.000"),
    ):
        page.get_by_label(felt).fill(tal)
    page.get_by_role("button", name="Gem som kladde").click()
    expect(page.get_by_text("er gemt som kladde")).to_be_visible()
    page.get_by_role("button", name="Indsend tallene").click()
    expect(page.get_by_text("De egne tal er indsendt til ministeriet.")).to_be_visible()
    expect(page.locator("#status")).to_contain_text("Indsendt til godkendelse")
    tilgaengelig(page)
