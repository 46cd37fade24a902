"""Journeys 6 and 7 of DESIGN.md in real Chromium: the ministry plans a network meeting and invites; a lead sees
it, subscribes to the calendar (the feed is fetched and parsed) and records attendance; the ministry writes and
approves the minutes. A delivery is ordered, submitted (frozen) and approved; the evaluator downloads everything as a
ZIP made by a background job, and its manifest checks out (every file listed, every SHA-256 right)."""

import csv
import hashlib
import io
import zipfile
from datetime import timedelta

from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from evaluering.models import Indsendelse, Kommuneleverance, Leverancestatus, Moede, Moedestatus
from forebyggelse.roller import Rolle
from tests.evaluering.conftest import kommunedata_transaktion, worker  # noqa: F401 – fixtures used below
from tests.evaluering.factories import program_med_deltagere
from tests.kommuner.factories import BrugerFactory


def test_network_meeting_calendar_attendance_minutes_and_a_delivery(page, log_ind, tilgaengelig, worker):  # noqa: F811
    ministeriet = BrugerFactory(username="ministeriet", rolle=Rolle.MINISTERIET)
    BrugerFactory(username="leder-101", rolle=Rolle.PROJEKTLEDER, kommuner=["101"])
    BrugerFactory(username="evaluator", rolle=Rolle.EVALUATOR)
    program = program_med_deltagere("101", "147", ministeriet=ministeriet, navn="Forebyggelsesprojektet (browsertest)")
    i_gaar = timezone.localdate() - timedelta(days=1)

    # The ministry plans the network meeting and sends the invitation.
    log_ind("ministeriet")
    page.goto(f"/programmer/{program.pk}/")
    page.get_by_role("link", name="Møder").first.click()
    page.get_by_role("link", name="Planlæg et møde").click()
    tilgaengelig(page)
    page.get_by_label("Mødetype").select_option("netvaerksmoede")
    page.get_by_label("Nummer").fill("2")
    page.get_by_label("Dato").fill(i_gaar.isoformat())
    page.get_by_label("Begynder kl.").fill("10:00")
    page.get_by_label("Slutter kl.").fill("15:00")
    page.get_by_label("Sted").fill("Holmens Kanal 22, København")
    page.get_by_label("Fokus").fill("opfølgning og dokumentation")
    page.get_by_role("button", name="Planlæg mødet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("2. netværksmøde")
    page.locator("summary", has_text="Tilføj et punkt").click()
    page.locator("#id_titel").fill("Status fra kommunerne")
    page.get_by_role("button", name="Tilføj punkt").click()
    expect(page.locator("#dagsorden")).to_contain_text("Status fra kommunerne")
    # A second item, moved to the top with the button (no JavaScript needed).
    page.locator("summary", has_text="Tilføj et punkt").click()
    page.locator("#id_titel").fill("Velkomst")
    page.get_by_role("button", name="Tilføj punkt").click()
    page.get_by_role("button", name="Flyt op punktet Velkomst").click()
    expect(page.locator("ol.dagsorden > li").first).to_contain_text("Velkomst")
    page.get_by_role("button", name="Send invitation til deltagerne").click()
    expect(page.locator(".js-job-status")).to_be_visible()
    worker()  # the worker sends the e-mails; the page notices and shows the result
    expect(page.get_by_role("link", name="Invitationen er sendt til")).to_be_visible(timeout=15_000)
    tilgaengelig(page)
    page.get_by_role("link", name="Invitationen er sendt til").click()
    page.get_by_role("button", name="Marker mødet som afholdt").click()
    expect(page.locator("dl")).to_contain_text("Afholdt")
    page.get_by_role("button", name="Log af").click()

    # The lead sees the meeting, subscribes to the calendar, and records who came from København.
    log_ind("leder-101")
    page.goto(f"/programmer/{program.pk}/")
    page.get_by_role("link", name="Møder").first.click()
    page.get_by_role("link", name="2. netværksmøde").click()
    page.get_by_role("link", name="Kalender", exact=True).click()
    tilgaengelig(page)
    adresse = page.get_by_label("Din kalenderadresse").input_value()
    feed = page.request.get(adresse)
    assert feed.ok and feed.headers["content-type"].startswith("text/calendar")
    moeder = [e for e in Calendar.from_ical(feed.body()).walk("VEVENT") if "netværksmøde" in str(e["summary"])]
    assert len(moeder) == 1 and str(moeder[0]["location"]) == "Holmens Kanal 22, København"
    page.go_back()
    page.get_by_role("link", name="Registrér fremmøde").click()
    page.get_by_label("Til stede").check()
    page.get_by_label("Hvem deltog").fill("Eksempel Projektleder")
    page.get_by_role("button", name="Gem fremmødet").click()
    expect(page.locator("#fremmoede")).to_contain_text("Eksempel Projektleder")
    expect(page.locator("#fremmoede")).to_contain_text("mangler (mødepligt)")  # Frederiksberg has not come
    tilgaengelig(page)
    page.get_by_role("button", name="Log af").click()

    # The ministry writes the minutes with a follow-up point and approves them.
    log_ind("ministeriet")
    moede = Moede.objects.get()
    page.goto(f"/moeder/{moede.pk}/")
    page.get_by_role("link", name="Skriv referatet").click()
    page.get_by_label("2. Status fra kommunerne").fill("Kommunerne fortalte om deres dokumentation.")
    page.get_by_role("button", name="Gem referatet").click()
    # A decision under the item, with no one responsible and no deadline; then a follow-up point, which needs both.
    page.locator("summary", has_text="Tilføj en beslutning").click()
    page.get_by_label("Beslutning", exact=True).check()
    page.get_by_label("Under punkt").select_option(label="2. Status fra kommunerne")
    page.get_by_label("Tekst").fill("Status gives skriftligt")
    page.get_by_role("button", name="Tilføj", exact=True).click()
    page.locator("summary", has_text="Tilføj en beslutning").click()
    page.get_by_label("Opfølgningspunkt", exact=True).check()
    page.get_by_label("Tekst").fill("Kommunerne sender status på deres mål")
    page.get_by_label("Ansvarlig").fill("Kommunerne")
    page.get_by_label("Frist").fill((timezone.localdate() + timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Tilføj", exact=True).click()
    expect(page.locator("#referat")).to_contain_text("Kommunerne sender status")
    punkt = page.locator("#referat section.referatpunkt").nth(1)  # Velkomst was moved to the top
    expect(punkt).to_contain_text("2. Status fra kommunerne")
    expect(punkt).to_contain_text("Kommunerne fortalte om deres dokumentation.")
    expect(punkt).to_contain_text("Status gives skriftligt")
    tilgaengelig(page)
    # Approving locks the meeting, so it asks first.
    page.get_by_role("link", name="Godkend referatet").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Godkend referatet")
    tilgaengelig(page)
    page.get_by_role("button", name="Ja, godkend referatet og lås mødet").click()
    expect(page.locator("#status")).to_contain_text("Referatet er godkendt")
    assert Moede.objects.get().status == Moedestatus.GODKENDT

    # A delivery to the evaluator is ordered.
    page.get_by_role("link", name="Dataleverancer").first.click()
    page.get_by_role("link", name="Bestil en dataleverance").click()
    page.get_by_label("Titel").fill("Opfølgning 2012")
    page.get_by_label("Bevilling og forbrug").check()
    page.get_by_label("Deltagelse i møder").check()
    page.get_by_label("Frist: dato").fill((timezone.localdate() + timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Bestil leverancen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Opfølgning 2012")
    tilgaengelig(page)
    page.get_by_role("button", name="Log af").click()

    # The lead submits it: what is shown is frozen.
    log_ind("leder-101")
    page.goto(f"/programmer/{program.pk}/leverancer/")
    page.get_by_role("link", name="Afventer – København").click()
    expect(page.locator(".forhaandsvisning")).to_contain_text("1.380.000 kr.")
    tilgaengelig(page)
    page.get_by_role("button", name="Indsend leverancen").click()
    expect(page.locator("#status")).to_contain_text("Frosset indsendelse 1")
    expect(page.locator("body")).to_contain_text("Eksempel Projektleder")  # the attendance, as it was
    tilgaengelig(page)
    page.get_by_role("button", name="Log af").click()

    # The ministry approves it.
    log_ind("ministeriet")
    page.goto(f"/indsendelser/{Indsendelse.objects.get().pk}/")
    page.get_by_role("link", name="Godkend eller returnér").click()
    page.get_by_label("Godkend leverancen").check()
    page.get_by_role("button", name="Gem").click()
    expect(page.locator("body")).to_contain_text("Godkendt")
    assert Kommuneleverance.objects.get(deltagelse__kommune__kode="101").status == Leverancestatus.GODKENDT
    page.goto(f"/programmer/{program.pk}/leverancer/")
    expect(page.locator(".leveranceoverblik")).to_contain_text("Godkendt")
    tilgaengelig(page)
    page.get_by_role("button", name="Log af").click()

    # The evaluator reads the status reports and downloads everything as one ZIP, made in the background.
    log_ind("evaluator")
    page.goto(f"/programmer/{program.pk}/")
    page.get_by_role("link", name="Rapporter og data").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rapporter og data")
    tilgaengelig(page)
    page.get_by_role("link", name="Se statusrapporten", exact=True).click()
    expect(page.locator(".rapport")).to_contain_text("Godkendt")
    tilgaengelig(page)
    page.go_back()
    page.get_by_role("button", name="Hent alt som ZIP").click()
    expect(page.locator(".js-job-status")).to_be_visible()
    worker()
    link = page.get_by_role("link", name="Hent rapporter, data og leverancer som ZIP")
    expect(link).to_be_visible(timeout=15_000)
    tilgaengelig(page)
    with page.expect_download() as hentning:
        link.click()
    arkiv = zipfile.ZipFile(hentning.value.path())
    manifest = list(csv.reader(io.StringIO(arkiv.read("manifest.csv").decode("utf-8-sig")), delimiter=";"))
    assert manifest[0] == ["fil", "sha256", "dannet", "kilde"]
    filer = {raekke[0]: raekke for raekke in manifest[1:]}
    assert set(filer) == set(arkiv.namelist()) - {"manifest.csv"}  # every file listed, nothing else
    for navn, raekke in filer.items():
        assert hashlib.sha256(arkiv.read(navn)).hexdigest() == raekke[1], navn
    (leveret,) = [r for r in filer.values() if r[0].startswith("leverancer/") and r[0].endswith(".json")]
    assert "datapackage.json" in filer  # the package's description of its CSV files (Frictionless)
    assert leveret[3].startswith("Dataleverance “Opfølgning 2012”: København") and "godkendt" in leveret[3]
    assert hashlib.sha256(arkiv.read(leveret[0])).hexdigest() == Indsendelse.objects.get().sha256
    assert "rapporter/programstatus.pdf" in filer and "rapporter/101-koebenhavn/statusrapport.pdf" in filer
    assert page.console_fejl == []
