"""Journeys 1 and 2 of DESIGN.md in real Chromium: a lead applies, the ministry assesses, compares and
decides, and the lead sees the decision and the grant."""

import io
from pathlib import Path

from playwright.sync_api import expect
from pypdf import PdfReader

from forebyggelse.roller import Rolle
from kommuner.models import Ansoegning, AnsoegningStatus, Kommune
from tests.kommuner.factories import AnsoegningFactory, BrugerFactory, ProgramFactory

BILAG = Path(__file__).resolve().parent.parent / "fixtures" / "kommuner" / "bilag" / "should_pass"

SEKTIONER = {
    "Kommunens navn": "Københavns Kommune",
    "CVR-nummer": "64942212",
    "Adresse": "Eksempelgade 1",
    "Postnummer og by": "1592 København V",
    "Telefon": "33 66 33 66",
    "E-mail": "kommune@example.org",
    "Kontaktpersonens navn": "Eksempel Koordinator",
    "Kontaktpersonens e-mail": "koordinator@example.org",
    "B. Beslutningsniveau": "Direktionerne har godkendt ansøgningen.",
    "C. Baggrund": "Vi vil forebygge anbringelser og eksklusion fra almene tilbud.",
    "D. Opstart og fremdrift": "En koordinator leder projektet fra februar.",
    "E. Projektdesign": "Casestudier, inddragelse og business cases.",
    "F. Bemanding og organisatorisk placering": "Projektleder og et strategiteam.",
    "G. Lokal tidsplan": "Lægges sammen med ministeriet og evaluator.",
}


def test_lead_drafts_attaches_submits_and_downloads_the_receipt(page, log_ind, tilgaengelig):
    program = ProgramFactory(navn="Forebyggelsesprojektet (browsertest)")
    BrugerFactory(username="leder-101", rolle=Rolle.PROJEKTLEDER, kommuner=["101"])
    log_ind("leder-101")

    page.get_by_role("link", name="Programmer").first.click()
    page.get_by_role("link", name=program.navn).click()
    page.get_by_role("button", name="Udfyld interessetilkendegivelse").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Københavns Kommune")
    tilgaengelig(page)

    # A first draft with only part of the form, then the rest; the live counter follows the typing.
    page.get_by_label("C. Baggrund").fill(SEKTIONER["C. Baggrund"])
    expect(page.locator("#id_afsnit_2").locator("xpath=..")).to_contain_text("tegn tilbage")
    page.get_by_role("button", name="Gem kladde").click()
    expect(page.get_by_role("alert").or_(page.locator(".alert-success"))).to_contain_text("Kladden er gemt")
    for label, vaerdi in SEKTIONER.items():
        page.get_by_label(label, exact=True).fill(vaerdi)
    page.get_by_label("Ansøgt beløb 2011 (kr.)").fill("1400000")
    page.get_by_label("Ansøgt beløb 2012 (kr.)").fill("1800000")
    page.get_by_role("button", name="Gem og gå til indsendelse").click()

    # The annex.
    page.get_by_label("Vælg fil").set_input_files(str(BILAG / "boernepolitik.pdf"))
    page.get_by_label("Beskrivelse").fill("Kommunens børnepolitik")
    page.get_by_role("button", name="Vedhæft bilag").click()
    expect(page.locator(".bilagsliste")).to_contain_text("boernepolitik.pdf")
    tilgaengelig(page)

    page.get_by_role("button", name="Indsend interessetilkendegivelsen").click()
    expect(page.locator("#status")).to_contain_text("Indsendt")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Kvittering for indsendelsen").click()
    tekst = "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(Path(download_info.value.path()).read_bytes())).pages
    )
    for vaerdi in SEKTIONER.values():
        assert vaerdi in tekst
    assert "3.200.000 kr." in tekst and "boernepolitik.pdf" in tekst
    assert Ansoegning.objects.get().status == AnsoegningStatus.INDSENDT
    assert page.console_fejl == []


def test_ministry_scores_compares_and_decides_and_the_lead_sees_the_grant(page, log_ind, tilgaengelig):
    program = ProgramFactory(navn="Forebyggelsesprojektet (browsertest)")
    kobenhavn = AnsoegningFactory(program=program, kommune=Kommune.objects.get(kode="101"), indsendt=True)
    AnsoegningFactory(program=program, kommune=Kommune.objects.get(kode="147"), indsendt=True)
    BrugerFactory(username="ministeriet", rolle=Rolle.MINISTERIET)
    log_ind("ministeriet")

    page.goto(f"/ansoegninger/{kobenhavn.pk}/")
    page.get_by_role("link", name="Vurder interessetilkendegivelsen").click()
    tilgaengelig(page)
    page.locator("form").get_by_text("Ja").first.click()
    for nr in range(1, 9):
        page.locator(f"[name=kriterie_{nr}]").first.wait_for()
        felt = page.locator(f"[name=kriterie_{nr}]")
        if felt.first.get_attribute("type") == "radio":
            page.locator(f"[name=kriterie_{nr}][value='4']").check()
        else:
            felt.select_option("4")
    page.get_by_role("button", name="Gem vurdering").click()
    expect(page.locator(".alert-success")).to_be_visible()

    page.goto(f"/programmer/{program.pk}/sammenligning/")
    tilgaengelig(page)
    tabel = page.locator("table").first
    expect(tabel).to_contain_text("København")
    expect(tabel).to_contain_text("Frederiksberg")
    expect(tabel).to_contain_text("4,0")

    page.goto(f"/ansoegninger/{kobenhavn.pk}/afgoerelse/")
    page.get_by_label("Udvalgt", exact=True).check()
    page.get_by_label("Begrundelse").fill("Et gennemarbejdet projekt med tydelige mål.")
    page.get_by_label("2011").fill("200000")
    page.get_by_label("2012").fill("1180000")
    page.get_by_role("button", name="Gem afgørelse").click()
    expect(page.locator(".alert-success")).to_be_visible()
    tilgaengelig(page)

    page.get_by_role("button", name="Log af").click()
    BrugerFactory(username="leder-101", rolle=Rolle.PROJEKTLEDER, kommuner=["101"])
    log_ind("leder-101")
    page.goto(f"/ansoegninger/{kobenhavn.pk}/")
    expect(page.get_by_role("heading", name="Afgørelse")).to_be_visible()
    expect(page.locator("body")).to_contain_text("Kommunen er udvalgt")
    expect(page.locator("body")).to_contain_text("200.000 kr.")
    expect(page.locator("body")).to_contain_text("1.180.000 kr.")
    page.get_by_role("link", name="Se budget og forbrug").click()
    expect(page.locator("body")).to_contain_text("1.380.000 kr.")
    expect(page.locator("body")).not_to_contain_text("Frederiksberg")
    tilgaengelig(page)
    assert page.console_fejl == []
