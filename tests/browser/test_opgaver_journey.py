"""Mine opgaver in real Chromium: a user starts from the list, acts on a task, and the list shrinks by one."""

from datetime import date, timedelta

from django.utils import timezone
from playwright.sync_api import expect

from evaluering.models import Kommuneleverance, Moede, Moedeart
from evaluering.services.leverancer import indsendelse_vurder, leverance_indsend
from evaluering.services.moeder import dagsordenspunkt_tilfoej, moede_marker_afholdt, referat_gem, referat_godkend
from forebyggelse.roller import Rolle
from kommuner.models import Kommune
from kommuner.services.ansoegninger import genaabningsanmodning_opret
from strategi.models import Handling, HandlingStatus
from tests.evaluering.factories import dataleverance, moede, program_med_deltagere
from tests.kommuner.factories import AnsoegningFactory, BrugerFactory, ProgramFactory, projektleder_for
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


def test_the_evaluator_opens_a_newly_approved_delivery_from_the_list(page, log_ind, settings):
    settings.PORTAL_I_DAG = "2012-06-01"
    ministeriet = BrugerFactory(rolle=Rolle.MINISTERIET)
    BrugerFactory(username="evaluator", rolle=Rolle.EVALUATOR)
    program = program_med_deltagere("101", "147", ministeriet=ministeriet)
    for titel, koder in (("Opfølgning 2011", ["101", "147"]), ("Opfølgning 2012", ["101"])):
        leverance = dataleverance(program, ministeriet, titel=titel)
        for kl in Kommuneleverance.objects.filter(dataleverance=leverance, deltagelse__kommune__kode__in=koder):
            indsendelse = leverance_indsend(kommuneleverance=kl, bruger=projektleder_for(kl.deltagelse.kommune))
            indsendelse_vurder(indsendelse=indsendelse, godkendt=True, kommentar="", bruger=ministeriet)

    log_ind("evaluator")
    page.goto("/")
    expect(page.locator(OPGAVER)).to_have_count(2)
    expect(page.locator(".menu-antal").first).to_contain_text("2")
    foerste = page.locator(OPGAVER).first.get_by_role("link")
    expect(foerste).to_have_text("“Opfølgning 2012”: 1 kommune godkendt")  # the newest approval first
    foerste.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Opfølgning 2012")
    page.goto("/")
    expect(page.locator(OPGAVER)).to_have_count(1)
    expect(page.locator(OPGAVER).first).to_contain_text("“Opfølgning 2011”: 2 kommuner godkendt")
    expect(page.locator(".menu-antal").first).to_contain_text("1")


def test_the_steering_group_reads_the_next_agenda_from_its_list(page, log_ind, settings):
    settings.PORTAL_I_DAG = "2012-06-01"
    ministeriet = BrugerFactory(rolle=Rolle.MINISTERIET)
    BrugerFactory(username="styregruppe", rolle=Rolle.STYREGRUPPE)
    program = program_med_deltagere("101", ministeriet=ministeriet)
    afholdt = moede_marker_afholdt(moede=moede(program, art=Moedeart.STYREGRUPPE, dag=date(2012, 3, 15), nummer=1))
    referat_gem(moede=afholdt, referat="Status blev drøftet.", version=afholdt.version, bruger=ministeriet)
    referat_godkend(moede=afholdt, bruger=ministeriet, version=Moede.objects.get(pk=afholdt.pk).version)
    naeste = moede(program, art=Moedeart.STYREGRUPPE, dag=date(2012, 6, 14), nummer=2)
    dagsordenspunkt_tilfoej(moede=naeste, titel="Status på forebyggelsesstrategierne")

    log_ind("styregruppe")
    page.goto("/")
    expect(page.locator(OPGAVER)).to_have_count(2)
    expect(page.locator(".menu-antal").first).to_contain_text("2")
    foerste = page.locator(OPGAVER).first
    expect(foerste).to_contain_text("14. juni 2012")  # the meeting's time: the deadline for reading the agenda
    foerste.get_by_role("link", name="Læs dagsordenen til næste møde: 2. styregruppemøde den 14. juni 2012").click()
    expect(page.locator("main")).to_contain_text("Status på forebyggelsesstrategierne")
    page.goto("/")
    expect(page.locator(OPGAVER)).to_have_count(1)
    expect(page.locator(OPGAVER).first).to_contain_text("Læs referatet af 1. styregruppemøde den 15. marts 2012")
    expect(page.locator(".menu-antal").first).to_contain_text("1")


def test_a_lead_asks_to_reopen_and_the_ministry_reopens_from_its_list(page, log_ind):
    BrugerFactory(username="ministeriet", rolle=Rolle.MINISTERIET)
    BrugerFactory(username="leder-101", rolle=Rolle.PROJEKTLEDER, kommuner=["101"])
    leder_147 = BrugerFactory(username="leder-147", rolle=Rolle.PROJEKTLEDER, kommuner=["147"])
    program = ProgramFactory(navn="Sen runde (browsertest)", ansoegningsfrist=timezone.now() - timedelta(days=1))
    AnsoegningFactory(program=program, kommune=Kommune.objects.get(kode="101"), udfyldt=True)
    frb = AnsoegningFactory(program=program, kommune=Kommune.objects.get(kode="147"), udfyldt=True)
    genaabningsanmodning_opret(ansoegning=frb, bruger=leder_147, begrundelse="Sygdom i projektgruppen.")

    # The lead is told the deadline has passed and asks the ministry from the programme page.
    log_ind("leder-101")
    page.goto(f"/programmer/{program.pk}/")
    expect(page.locator(".program-frist")).to_contain_text("Fristen er overskredet")
    page.get_by_label("Hvorfor har I brug for at indsende efter fristen?").fill("Byrådet mødtes først i går.")
    page.get_by_role("button", name="Send anmodningen til ministeriet").click()
    expect(page.locator(".beskeder .alert-success")).to_contain_text("Anmodningen er sendt")
    expect(page.locator(".genaabningsanmodning")).to_contain_text("Ministeriet har ikke svaret endnu")
    page.context.clear_cookies()

    # The ministry answers the first request on its list by reopening, and the list shrinks by one.
    log_ind("ministeriet")
    page.goto("/")
    anmodninger = page.locator(OPGAVER).filter(has_text="anmodning om genåbning")
    expect(anmodninger).to_have_count(2)
    antal = page.locator(OPGAVER).count()
    expect(anmodninger.first).to_contain_text("Kommunens begrundelse: Sygdom i projektgruppen.")
    anmodninger.filter(has_text="Københavns Kommunes").get_by_role("link").click()
    expect(page.locator("main")).to_contain_text("Byrådet mødtes først i går.")
    ny_frist = timezone.localdate() + timedelta(days=7)
    page.get_by_label("Ny frist, dato").fill(f"{ny_frist:%Y-%m-%d}")
    page.get_by_label("Begrundelse").fill("Byrådets behandling.")
    page.get_by_role("button", name="Genåbn for kommunen").click()
    expect(page.locator(".beskeder .alert-success")).to_contain_text("kan nu indsende indtil")
    page.goto("/")
    expect(page.locator(OPGAVER)).to_have_count(antal - 1)
    expect(page.locator(OPGAVER).filter(has_text="anmodning om genåbning")).to_have_count(1)
    expect(page.locator("section.mine-opgaver")).not_to_contain_text("Københavns Kommunes anmodning")
