"""Issue 17's done-when in real Chromium: the ministry creates a programme with a copy of the 2011 programme's set-up,
changes a section's heading and a criterion's text in the browser and opens the programme; a municipality's lead
applies in the changed form and submits; the ministry assesses on the changed criterion and selects the
municipality."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from forebyggelse.roller import Rolle
from kommuner.models import Afgoerelse, Ansoegning, AnsoegningStatus, Program
from tests.kommuner.factories import BrugerFactory, ProgramFactory

NAVN = "Forebyggelsesprojektet, næste runde"
OVERSKRIFT = "C. Baggrund og erfaringer"
KRITERIE = "Klare formål og målbare resultater"
SEKTION_A = {
    "Kommunens navn": "Københavns Kommune",
    "CVR-nummer": "64942212",
    "Adresse": "Eksempelgade 1",
    "Postnummer og by": "1592 København V",
    "Telefon": "33 66 33 66",
    "E-mail": "kommune@example.org",
    "Kontaktpersonens navn": "Eksempel Koordinator",
    "Kontaktpersonens e-mail": "koordinator@example.org",
}


def _ministeriet_opretter_og_retter(page, tilgaengelig, frist) -> Program:
    page.goto("/programmer/nyt/")
    page.get_by_label("Navn").fill(NAVN)
    page.get_by_label("Startdato").fill(f"{frist.year + 1}-01-01")
    page.get_by_label("Slutdato").fill(f"{frist.year + 2}-12-31")
    page.get_by_label("Samlet budget (kr.)").fill("8.000.000")
    page.get_by_label("Frist for interessetilkendegivelse: dato").fill(frist.isoformat())
    page.get_by_label("Frist for interessetilkendegivelse: klokkeslæt").fill("12:00")
    page.get_by_label("Opsætning").select_option(label="Kopi af Forebyggelsesprojektet 2011–2012")
    page.get_by_role("button", name="Opret program").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(NAVN)

    page.get_by_role("link", name="Opsætning: skema, vurdering og pengeregler").click()
    expect(page.locator("body")).to_contain_text("Version 1")
    tilgaengelig(page)
    page.get_by_role("link", name="Ret afsnittet C. Baggrund").click()
    tilgaengelig(page)
    page.get_by_label("Overskrift").fill(OVERSKRIFT)
    page.get_by_role("button", name="Gem ændringer").click()
    expect(page.locator(".alert-success")).to_contain_text(f"Afsnittet “{OVERSKRIFT}” er gemt.")
    page.get_by_role("link", name="Ret kriterie 2").click()
    page.get_by_label("Kriterie").fill(KRITERIE)
    page.get_by_role("button", name="Gem ændringer").click()
    expect(page.locator("#kriterier")).to_contain_text(KRITERIE)
    expect(page.locator("#afsnit")).to_contain_text(OVERSKRIFT)

    page.get_by_role("link", name="Forhåndsvis skemaet og vurderingen").click()
    expect(page.get_by_label(OVERSKRIFT)).to_be_disabled()
    expect(page.locator("body")).to_contain_text(f"2. {KRITERIE}")
    tilgaengelig(page)

    page.get_by_role("link", name="Tilbage til opsætningen").first.click()
    page.get_by_role("link", name=f"Tilbage til {NAVN}").click()
    page.get_by_role("link", name="Rediger program").click()
    page.get_by_label("Status").select_option("aaben")
    page.get_by_role("button", name="Gem ændringer").click()
    expect(page.locator("body")).to_contain_text("Åben for interessetilkendegivelser")
    return Program.objects.get(navn=NAVN)


def _kommunen_ansoeger(page, program: Program) -> Ansoegning:
    page.get_by_role("link", name="Programmer").first.click()
    page.get_by_role("link", name=NAVN).click()
    page.get_by_role("button", name="Udfyld interessetilkendegivelse").click()
    expect(page.get_by_label(OVERSKRIFT)).to_be_visible()
    expect(page.get_by_label("C. Baggrund", exact=True)).to_have_count(0)
    for label, vaerdi in SEKTION_A.items():
        page.get_by_label(label, exact=True).fill(vaerdi)
    for afsnit in program.opsaetninger.get().afsnit.all():
        page.get_by_label(afsnit.overskrift, exact=True).fill(f"Kommunens svar: {afsnit.overskrift}.")
    for aar in program.aar:
        page.get_by_label(f"Ansøgt beløb {aar} (kr.)").fill("500000")
    page.get_by_role("button", name="Gem og gå til indsendelse").click()
    page.get_by_role("button", name="Indsend interessetilkendegivelsen").click()
    expect(page.locator("#status")).to_contain_text("Indsendt")
    return Ansoegning.objects.get(program=program)


def test_the_ministry_sets_up_a_programme_a_municipality_applies_and_is_selected(page, log_ind, tilgaengelig):
    ProgramFactory(navn="Forebyggelsesprojektet 2011–2012")
    BrugerFactory(username="ministeriet", rolle=Rolle.MINISTERIET)
    BrugerFactory(username="leder-101", rolle=Rolle.PROJEKTLEDER, kommuner=["101"])
    frist = timezone.localdate() + timedelta(days=30)

    log_ind("ministeriet")
    program = _ministeriet_opretter_og_retter(page, tilgaengelig, frist)
    page.get_by_role("button", name="Log af").click()

    log_ind("leder-101")
    ansoegning = _kommunen_ansoeger(page, program)
    page.get_by_role("button", name="Log af").click()

    log_ind("ministeriet")
    page.goto(f"/programmer/{program.pk}/")
    page.get_by_role("link", name="Vurder København").click()
    vurderingen = page.locator("form").filter(has=page.locator("[name=kriterie_2]"))
    expect(vurderingen).to_contain_text(f"2. {KRITERIE}")
    expect(page.locator("body")).to_contain_text(OVERSKRIFT)
    tilgaengelig(page)
    for nr in range(1, 9):
        page.locator(f"[name=kriterie_{nr}][value='4']").check()
    page.get_by_role("button", name="Gem vurdering").click()
    expect(page.locator(".alert-success")).to_be_visible()

    page.goto(f"/ansoegninger/{ansoegning.pk}/afgoerelse/")
    page.get_by_label("Udvalgt", exact=True).check()
    page.get_by_label("Begrundelse").fill("Et gennemarbejdet projekt med tydelige mål.")
    for aar in program.aar:
        page.get_by_label(f"Bevilget {aar} (kr.)").fill("400000")
    page.get_by_role("button", name="Gem afgørelse").click()
    expect(page.locator(".alert-success")).to_be_visible()
    tilgaengelig(page)

    ansoegning.refresh_from_db()
    assert ansoegning.status == AnsoegningStatus.INDSENDT
    assert Afgoerelse.objects.get(ansoegning=ansoegning).udvalgt
    assert ansoegning.opsaetning.afsnit.filter(overskrift=OVERSKRIFT).exists()
    assert ansoegning.svar.get(afsnit__overskrift=OVERSKRIFT).tekst == f"Kommunens svar: {OVERSKRIFT}."
    assert ansoegning.vurderinger.get().kriteriescorer.get(kriterie__tekst=KRITERIE).score == 4
    assert page.console_fejl == []
