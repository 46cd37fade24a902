"""The weekly e-mail of each user's tasks: only to those with something to do, once a week, and not to those who
switched it off on Min konto."""

import re
from datetime import date

import pytest
from django.core import mail

from evaluering.jobs import baggrundsjob_koer_nu
from konto.models import Brugervalg
from portal.tasks import OPGAVE
from tests.strategi.factories import StrategiFactory

pytestmark = pytest.mark.django_db

MANDAG = date(2026, 11, 30)


def _send():
    return baggrundsjob_koer_nu(opgave=OPGAVE, titel="Ugentlig e-mail", argumenter={"uge": MANDAG.isoformat()})


def test_each_user_with_tasks_gets_one_e_mail_a_week(ministeriet, projektleder_101, evaluator):
    ministeriet.email = "ministeriet@example.org"
    ministeriet.save()
    strategi = StrategiFactory(status="indsendt")
    job = _send()
    assert job.resultat_tekst == "1 e-mails med opgaver sendt"
    (besked,) = mail.outbox
    assert besked.to == ["ministeriet@example.org"]
    assert besked.subject == "Dine opgaver i Forebyggelsesportalen, uge 49"
    assert "- Godkend Københavns forebyggelsesstrategi, eller send den tilbage" in besked.body
    assert f"/strategier/{strategi.pk}/" in besked.body
    assert "Min konto" in besked.body
    # A rerun the same week (a retried job) sends nothing again.
    _send()
    assert len(mail.outbox) == 1


def test_a_user_who_switched_it_off_gets_none(client_for, ministeriet):
    ministeriet.email = "ministeriet@example.org"
    ministeriet.save()
    StrategiFactory(status="indsendt")
    client = client_for(ministeriet)
    assert re.search(
        r'<input type="checkbox" name="ugentlig_oversigt"[^>]* checked', client.get("/konto/").content.decode()
    )
    svar = client.post("/konto/ugentlig-oversigt/", {})
    assert svar.status_code == 302
    assert Brugervalg.objects.get(bruger=ministeriet).ugentlig_oversigt is False
    assert "Du får ikke længere den ugentlige e-mail" in client.get("/konto/").content.decode()
    _send()
    assert mail.outbox == []
    client.post("/konto/ugentlig-oversigt/", {"ugentlig_oversigt": "on"})
    assert Brugervalg.objects.get(bruger=ministeriet).ugentlig_oversigt is True
