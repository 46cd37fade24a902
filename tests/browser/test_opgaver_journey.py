"""Mine opgaver in real Chromium: a user starts from the list, acts on the first task, and the list shrinks by one."""

from datetime import date

from playwright.sync_api import expect

from forebyggelse.roller import Rolle
from kommuner.models import Kommune
from strategi.models import Handling, HandlingStatus
from tests.kommuner.factories import BrugerFactory
from tests.strategi.factories import StrategiFactory, godkend

OPGAVER = "section.mine-opgaver tbody tr"


def test_the_ministry_approves_a_strategy_from_its_list(page, log_ind, settings):
    settings.PORTAL_I_DAG = "2012-06-01"
    BrugerFactory(username="ministeriet", rolle=Rolle.MINISTERIET)
    StrategiFactory(status="indsendt", kommune=Kommune.objects.get(kode="101"))
    StrategiFactory(status="indsendt", kommune=Kommune.objects.get(kode="147"))

    log_ind("ministeriet")
    page.goto("/")
    expect(page.locator(OPGAVER)).to_have_count(2)
    expect(page.locator(".menu-antal").first).to_contain_text("2")
    foerste = page.locator(OPGAVER).first.get_by_role("link")
    expect(foerste).to_have_text("Godkend Københavns forebyggelsesstrategi, eller send den tilbage")
    foerste.click()
    page.get_by_role("link", name="Godkend strategien").click()
    page.get_by_role("button", name="Godkend strategien").click()
    expect(page.locator(".beskeder .alert-success")).to_contain_text("er godkendt")
    page.goto("/")
    expect(page.locator(OPGAVER)).to_have_count(1)
    expect(page.locator(OPGAVER).first).to_contain_text("Frederiksbergs forebyggelsesstrategi")
    expect(page.locator(".menu-antal").first).to_contain_text("1")


def test_a_lead_records_a_late_actions_progress_from_the_list(page, log_ind, settings):
    settings.PORTAL_I_DAG = "2012-06-01"
    BrugerFactory(username="leder-101", rolle=Rolle.PROJEKTLEDER, kommuner=["101"])
    strategi = StrategiFactory(fuld=True, kommune=Kommune.objects.get(kode="101"))
    Handling.objects.filter(strategi=strategi).update(slut=date(2012, 4, 30), status=HandlingStatus.I_GANG)
    godkend(strategi)
    handling = Handling.objects.get(strategi=strategi)

    log_ind("leder-101")
    page.goto("/")
    antal = page.locator(OPGAVER).count()
    foerste = page.locator(OPGAVER).first
    expect(foerste).to_contain_text("30. april 2012")
    expect(foerste).to_contain_text("Forsinket")
    foerste.get_by_role("link", name=f"Meld fremskridt på handlingen “{handling.titel}”").click()
    page.get_by_label("Dato").fill("2012-05-20")
    page.get_by_label("Handlingens status").select_option(label="Gennemført")
    page.get_by_label("Færdig (pct.)").fill("100")
    page.get_by_label("Notat").fill("Alle hold er afsluttet.")
    page.get_by_role("button", name="Gem fremskridtet").click()
    expect(page.locator(".beskeder .alert-success")).to_contain_text("er registreret")
    page.goto("/")
    expect(page.locator(OPGAVER)).to_have_count(antal - 1)
    expect(page.locator("section.mine-opgaver")).not_to_contain_text(handling.titel)
