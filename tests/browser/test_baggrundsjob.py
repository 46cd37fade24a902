"""A background job's page in real Chromium: the moment the job is done it says "Klar" and shows the result's
link, without the user reloading and without the page reloading itself."""

from playwright.sync_api import expect

from evaluering.jobs import OPGAVER, Resultat, baggrundsjob_start, opgave
from forebyggelse.roller import Rolle
from tests.evaluering.conftest import kommunedata_transaktion, worker  # noqa: F401 – fixtures used below
from tests.kommuner.factories import BrugerFactory


def test_the_job_page_says_klar_and_shows_the_result_as_soon_as_the_job_is_done(page, log_ind, worker):  # noqa: F811
    ministeriet = BrugerFactory(username="ministeriet", rolle=Rolle.MINISTERIET)

    @opgave("test.browser")
    def samler(*, job, fremdrift, x):
        fremdrift(1, 2, "Filerne samles")
        return Resultat(url="/jobs/", tekst="Se alle baggrundsjob")

    try:
        job = baggrundsjob_start(opgave="test.browser", titel="Et job", argumenter={"x": 1}, bruger=ministeriet)
        log_ind("ministeriet")
        page.goto(f"/jobs/{job.pk}/")
        expect(page.locator(".js-job-status")).to_have_text("Venter")
        navigationer = []
        page.on("framenavigated", lambda frame: navigationer.append(frame.url))
        worker()
        expect(page.locator(".js-job-status")).to_have_text("Klar", timeout=10_000)
        expect(page.get_by_role("link", name="Se alle baggrundsjob")).to_be_visible()
        expect(page.locator(".js-job-trin")).to_have_text("")
        assert navigationer == []  # shown in place, not by reloading
        assert page.console_fejl == []
    finally:
        del OPGAVER["test.browser"]
