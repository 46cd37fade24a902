"""Progress during the year in real Chromium: on an approved plan whose action is late, the lead records from the
action plan that the action is done, without an annual review; the action is no longer shown as late, and the
ministry sees the update as new."""

from datetime import date

from playwright.sync_api import expect

from forebyggelse.roller import Rolle
from kommuner.models import Kommune
from strategi.models import Handling, HandlingStatus
from tests.kommuner.factories import BrugerFactory
from tests.strategi.factories import StrategiFactory, godkend


def test_lead_records_progress_without_review_and_the_action_is_no_longer_late(page, log_ind, settings):
    settings.PORTAL_I_DAG = "2012-06-01"
    BrugerFactory(username="ministeriet", rolle=Rolle.MINISTERIET)
    BrugerFactory(username="leder-101", rolle=Rolle.PROJEKTLEDER, kommuner=["101"])
    strategi = StrategiFactory(fuld=True, kommune=Kommune.objects.get(kode="101"))
    Handling.objects.filter(strategi=strategi).update(slut=date(2012, 4, 30), status=HandlingStatus.I_GANG)
    strategi = godkend(strategi)
    handling = Handling.objects.get(strategi=strategi)

    log_ind("leder-101")
    page.goto(f"/strategier/{strategi.pk}/handleplan/")
    raekke = page.locator(f"#handling-{handling.pk}")
    expect(raekke).to_contain_text("Forsinket: slutdatoen er passeret")
    raekke.get_by_role("link", name="Registrér fremskridt").click()
    page.get_by_label("Dato").fill("2012-05-20")
    page.get_by_label("Handlingens status").select_option(label="Gennemført")
    page.get_by_label("Færdig (pct.)").fill("100")
    page.get_by_label("Notat").fill("Alle hold er afsluttet.")
    page.get_by_role("button", name="Gem fremskridtet").click()
    expect(page.locator(".beskeder .alert-success")).to_contain_text("er registreret")
    raekke = page.locator(f"#handling-{handling.pk}")
    expect(raekke).to_contain_text("Gennemført")
    expect(raekke).not_to_contain_text("Forsinket")
    page.get_by_role("link", name="Handleplan", exact=True).click()
    expect(page.locator(f"#handling-{handling.pk}")).not_to_contain_text("Forsinket")
    expect(page.locator(".forsinket")).to_have_count(0)
    page.get_by_role("link", name="Overblik", exact=True).click()
    expect(page.locator("ul.forsinkede")).to_have_count(0)

    page.context.clear_cookies()
    log_ind("ministeriet")
    page.goto(f"/strategier/{strategi.pk}/fremskridt/")
    expect(page.get_by_text("1 fremskridt er nye eller rettet siden dit sidste besøg")).to_be_visible()
    expect(page.locator(".fremskridt--nyt")).to_contain_text("Alle hold er afsluttet.")
