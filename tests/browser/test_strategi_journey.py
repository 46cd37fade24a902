"""Journeys 4 and 5 of DESIGN.md in real Chromium: a lead builds the strategy (focus area, target group, actor,
a goal tied to an indicator with the baseline fetched from the social profile, an own-measure goal, actions in two
colours, an offer on the indsatstrappe), submits it; the ministry approves; the lead records follow-ups and sees the
status change, does the annual review, compares the versions and downloads the PDF."""

import io
from pathlib import Path

from playwright.sync_api import expect
from pypdf import PdfReader

from forebyggelse.roller import Rolle
from kommuner.models import Kommune
from strategi.models import Maal, Strategi, StrategiStatus
from tests.kommuner.factories import BrugerFactory, ProgramFactory
from tests.profiler.factories import IndikatorFactory, importer
from tests.strategi.factories import deltagelse_for


def _gem(page, knap):
    page.get_by_role("button", name=knap).click()
    expect(page.locator(".beskeder .alert-success")).to_be_visible()


def test_lead_builds_submits_follows_up_reviews_and_compares(page, log_ind, tilgaengelig):
    program = ProgramFactory(navn="Forebyggelsesprojektet (browsertest)")
    BrugerFactory(username="ministeriet", rolle=Rolle.MINISTERIET, first_name="Mette")
    deltagelse = deltagelse_for(Kommune.objects.get(kode="101"), program)
    indikator = IndikatorFactory(navn="Anbragte børn pr. 1.000 (browsertest)", bedre="lavere")
    importer([("101", indikator.kode, 2010, 168, 10000), ("147", indikator.kode, 2010, 95, 10000)])
    BrugerFactory(username="leder-101", rolle=Rolle.PROJEKTLEDER, kommuner=["101"], first_name="Lise")

    # Journey 4: the lead builds the strategy, found from the menu.
    log_ind("leder-101")
    page.get_by_role("link", name="Strategier").first.click()
    page.get_by_role("button", name="Opret forebyggelsesstrategi").click()
    expect(page.locator("#strategistatus")).to_contain_text("Kladde")
    tilgaengelig(page)
    page.get_by_role("link", name="Rediger titel, vision og børnepolitik").click()
    page.get_by_label("Vision").fill("Flere børn i almene tilbud og færre anbringelser.")
    _gem(page, "Gem")

    page.get_by_role("link", name="Struktur", exact=True).click()
    page.get_by_role("link", name="Tilføj målgruppe").click()
    page.get_by_label("Små børn").check()
    page.get_by_label("Forventet antal børn og unge").fill("1800")
    _gem(page, "Gem målgruppen")
    page.get_by_role("link", name="Tilføj aktør").click()
    page.get_by_label("Sundhedsplejen").check()
    _gem(page, "Gem aktøren")
    page.get_by_role("link", name="Nyt indsatsområde").click()
    page.get_by_label("Navn").fill("Tidlig opsporing af børn i risiko")
    page.locator("form").get_by_label("Små børn").check()
    page.locator("form").get_by_label("Sundhedsplejen").check()
    _gem(page, "Gem indsatsområdet")
    expect(page.locator(".indsatsomraade")).to_contain_text("Sundhedsplejen")
    tilgaengelig(page)

    # A goal tied to an indicator: the baseline is fetched from the social profile.
    page.get_by_role("link", name="Mål", exact=True).click()
    page.get_by_role("link", name="Nyt mål").click()
    page.locator("#id_tekst").fill("Færre børn anbringes uden for hjemmet")
    page.get_by_label("Effektmål").check()
    page.get_by_label("Med en indikator fra den sociale profil").check()
    page.get_by_label("Indikator", exact=True).select_option(label=indikator.navn)
    page.get_by_label("Baselineår").select_option("2010")
    page.get_by_role("button", name="Hent tal fra den sociale profil").click()
    expect(page.locator("#id_baseline_vaerdi")).to_have_value("16,8")
    expect(page.locator("table.baselinetal")).to_contain_text("Landsgennemsnit")
    tilgaengelig(page)
    page.get_by_label("Målår").select_option("2012")
    page.get_by_label("Målværdi").fill("15")
    _gem(page, "Gem målet")
    expect(page.locator("#maalstatus")).to_contain_text("Ingen data")

    # An own-measure goal that leads to it.
    page.get_by_role("link", name="Mål", exact=True).click()
    page.get_by_role("link", name="Nyt mål").click()
    page.locator("#id_tekst").fill("Sundhedsplejen screener alle nyfødte")
    page.get_by_label("Resultat på kort sigt").check()
    page.get_by_label("Fører til").select_option(label="Færre børn anbringes uden for hjemmet")
    page.get_by_label("Med kommunens egen måling").check()
    page.get_by_label("Egen måling", exact=True).fill("Andel af nyfødte, der screenes")
    page.get_by_label("Enhed", exact=True).fill("pct.")
    page.get_by_label("Baselineår").select_option("2011")
    page.locator("#id_baseline_vaerdi").fill("20")
    page.get_by_label("Målår").select_option("2012")
    page.get_by_label("Målværdi").fill("80")
    page.get_by_label("Højere er bedre").check()
    _gem(page, "Gem målet")

    # Actions with owner, dates, cost and colour.
    for titel, farve, start, slut in [
        ("Fælles screeningsredskab", "Grøn", "2011-09-01", "2012-03-31"),
        ("Kontaktpersoner til daginstitutioner", "Rød", "2012-08-01", "2013-06-30"),
    ]:
        page.get_by_role("link", name="Handleplan").click()
        page.get_by_role("link", name="Ny handling").click()
        page.locator("#id_titel").fill(titel)
        page.get_by_label("Sundhedsplejen screener alle nyfødte").check()
        page.get_by_label("Ansvarlig").fill("Børnefamiliecentret")
        page.locator("#id_start").fill(start)
        page.locator("#id_slut").fill(slut)
        page.get_by_label("Forventet udgift (kr.)").fill("250.000")
        page.get_by_label(farve, exact=False).first.check()
        _gem(page, "Gem handlingen")
    expect(page.locator(".handlingstabel")).to_contain_text("250.000 kr.")
    tilgaengelig(page)

    page.get_by_role("link", name="Forandringsteori").click()
    expect(page.locator(".diagram svg")).to_be_visible()
    expect(page.locator(".kaeder")).to_contain_text("fører til")

    page.get_by_role("link", name="Indsatstrappe").click()
    page.get_by_role("link", name="Nyt tilbud").click()
    page.get_by_label("Navn").fill("De Utrolige År")
    page.locator("#id_art").fill("Forældregrupper")
    page.get_by_label("3. Forebyggende foranstaltninger").check()
    page.get_by_label("Kapacitet").fill("120")
    page.get_by_label("Pladser eller forløb").select_option(label="forløb")
    page.get_by_label("Børn og unge om året").fill("96")
    page.get_by_label("Udgift om året").fill("1.440.000")
    page.get_by_label("Evidensbaseret program").select_option(label="De Utrolige År")
    _gem(page, "Gem tilbuddet")
    expect(page.locator(".trin-3")).to_contain_text("De Utrolige År")
    expect(page.locator(".trin-3")).to_contain_text("96 børn og unge om året · udgift 1.440.000 kr. om året")
    tilgaengelig(page)

    page.get_by_role("link", name="Overblik").click()
    page.get_by_role("button", name="Indsend strategien til ministeriet").click()
    expect(page.locator("#status")).to_contain_text("Indsendt til ministeriet")
    page.get_by_role("button", name="Log af").click()

    # The ministry approves.
    strategi = Strategi.objects.get(deltagelse=deltagelse)
    log_ind("ministeriet")
    page.goto(f"/programmer/{program.pk}/")
    page.get_by_role("link", name=strategi.titel).click()
    page.get_by_role("link", name="Godkend strategien").click()
    page.get_by_label("Kommentar til godkendelsen").fill("Klare mål og ejere på handlingerne.")
    _gem(page, "Godkend strategien")
    expect(page.locator("#strategistatus")).to_contain_text("Godkendt af ministeriet")
    page.get_by_role("button", name="Log af").click()

    # Journey 5: follow-ups change the status.
    log_ind("leder-101")
    maal = Maal.objects.get(tekst="Sundhedsplejen screener alle nyfødte")
    page.goto(f"/maal/{maal.pk}/")
    expect(page.locator("#maalstatus")).to_contain_text("Ingen data")
    for dato, vaerdi, status in [("2012-06-30", "40", "Bagud"), ("2012-12-01", "82", "Nået")]:
        page.get_by_role("link", name="Registrér opfølgning").click()
        page.get_by_label("Dato").fill(dato)
        page.get_by_label("Værdi (pct.)").fill(vaerdi)
        page.get_by_role("button", name="Gem opfølgningen").click()
        expect(page.locator("#maalstatus")).to_contain_text(status)
    tilgaengelig(page)

    # The annual review re-colours an action; the old version stays readable and comparable.
    page.get_by_role("link", name="Versioner").click()
    page.get_by_role("link", name="Gennemfør den årlige gennemgang").click()
    page.get_by_label("Gennemgangen gælder").select_option("2012")
    page.get_by_label("Konklusion").fill("Screeningen virker; kontaktpersonerne er aftalt.")
    page.get_by_label("Forudsætninger for H2").select_option(label="Gul")
    page.get_by_label("Status for H1").select_option(label="Gennemført")
    tilgaengelig(page)
    page.get_by_role("button", name="Gem gennemgangen").click()
    expect(page.locator(".beskeder .alert-success")).to_contain_text("Den årlige gennemgang for 2012 er gemt")
    page.get_by_role("link", name="sammenlign med den nuværende").click()
    expect(page.locator("main")).to_contain_text("Ændret: Kontaktpersoner til daginstitutioner")
    expect(page.locator("main")).to_contain_text("Gul: kræver forberedelse")
    tilgaengelig(page)
    strategi.refresh_from_db()
    assert (strategi.status, strategi.versionsnummer) == (StrategiStatus.REVIDERET, 2)

    with page.expect_download() as hentet:
        page.get_by_role("link", name="Hent som PDF").click()
    tekst = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(Path(hentet.value.path()).read_bytes())).pages)
    for indhold in ("Tidlig opsporing af børn i risiko", "Status: Nået", "Forandringsteori", "De Utrolige År"):
        assert indhold in tekst
    assert page.console_fejl == []
