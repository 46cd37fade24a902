"""The demo programme's timeline, meetings and deliveries: loaded once, labelled as example data."""

import pytest
from django.core.management import call_command

from evaluering.models import Baggrundsjob, Indsendelse, Jobstatus, Moede, Moedestatus, Tidsplanpunkt
from evaluering.selectors import fremmoedeliste, leveranceoverblik, tidsplan_for
from kommuner.models import Bruger, Program

pytestmark = pytest.mark.django_db


def test_the_demo_timeline_meetings_and_deliveries_load_once(settings, client):
    settings.DEMO_MODE = True
    call_command("load_demo")
    tael = [m.objects.count() for m in (Tidsplanpunkt, Moede, Indsendelse, Baggrundsjob)]
    call_command("load_demo")
    assert [m.objects.count() for m in (Tidsplanpunkt, Moede, Indsendelse, Baggrundsjob)] == tael
    program = Program.objects.get()
    ministeriet = Bruger.objects.get(username="ministeriet")
    tekster = {p.tekst for p in tidsplan_for(program, ministeriet).poster}
    assert {"uge 7, 2011", "februar–april 2011", "oktober–november 2012", "april 2012"} <= tekster
    netvaerk = Moede.objects.get(art="netvaerksmoede", nummer=1)
    assert netvaerk.status == Moedestatus.GODKENDT and "Eksempeldata" in netvaerk.referat
    assert [r.kommune.kode for r in fremmoedeliste(netvaerk) if r.mangler] == ["860"]
    assert not Baggrundsjob.objects.exclude(status=Jobstatus.FAERDIG).exists()  # the minutes' mails ran, to nobody
    celler = {c.deltagelse.kommune.kode: c.tekst for c in leveranceoverblik(program, ministeriet).raekker[0].celler}
    assert celler == {"101": "Godkendt", "147": "Indsendt", "461": "Forsinket", "751": "Forsinket", "860": "Forsinket"}
    client.force_login(ministeriet)
    assert client.get(f"/programmer/{program.pk}/tidsplan/").status_code == 200
