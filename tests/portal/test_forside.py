"""The front page starts with Mine opgaver, and the menu counts them on every page."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

import portal.opgaver
from forebyggelse.opgaver import Opgave
from kommuner.services.ansoegninger import ansoegning_send_tilbage
from konto.session import FORRIGE_LOGIN, forrige_login
from tests.kommuner.factories import AnsoegningFactory
from tests.strategi.factories import StrategiFactory

pytestmark = pytest.mark.django_db


def _antal_i_menuen(html: str) -> str:
    (antal,) = set(re.findall(r'class="menu-antal">(\d+)<span class="sr-only">', html))
    return antal


def test_the_ministrys_front_page_lists_its_tasks_and_every_page_counts_them(client_for, ministeriet):
    strategi = StrategiFactory(status="indsendt")
    client = client_for(ministeriet)
    forside = client.get("/").content.decode()
    assert '<h2 id="opgaver-overskrift">Mine opgaver</h2>' in forside
    assert (
        f'<a href="/strategier/{strategi.pk}/">Godkend Københavns forebyggelsesstrategi, eller send den tilbage</a>'
        in forside
    )
    raekker = forside.split("<tbody>", 1)[1].split("</tbody>", 1)[0].count("<tr>")
    assert _antal_i_menuen(forside) == str(raekker)
    assert _antal_i_menuen(client.get("/programmer/").content.decode()) == str(raekker)


def test_a_lead_sees_what_was_sent_back_and_why(client_for, ministeriet, projektleder_101, kobenhavn):
    ansoegning = AnsoegningFactory(kommune=kobenhavn, indsendt=True)
    ansoegning_send_tilbage(ansoegning=ansoegning, kommentar="Afsnit C mangler.", bruger=ministeriet)
    forside = client_for(projektleder_101).get("/").content.decode()
    assert "Ret og send Københavns interessetilkendegivelse" in forside
    assert "Ministeriets kommentar: Afsnit C mangler." in forside


def test_no_tasks_says_so_and_the_menu_shows_no_count(client_for, evaluator):
    forside = client_for(evaluator).get("/").content.decode()
    assert "Intet nyt siden dit sidste login." in forside
    assert "menu-antal" not in forside


def test_each_login_remembers_the_one_before(client, evaluator):
    client.force_login(evaluator)
    assert forrige_login(client.session) is None
    client.logout()
    foer = timezone.now()
    client.force_login(evaluator)
    forrige = forrige_login(client.session)
    assert forrige is not None and foer - timedelta(minutes=1) < forrige <= foer
    assert FORRIGE_LOGIN in client.session


def test_a_long_list_shows_the_most_pressing_first_each_kind_as_a_filter_and_the_rest_on_request(
    client_for, ministeriet, monkeypatch
):
    # 23 tasks of two kinds, as the role's selector would give them (the selectors have their own tests).
    opgaver = [
        Opgave("Strategier til godkendelse", f"Godkend strategi {nr}", f"/strategier/{nr}/") for nr in range(22)
    ] + [Opgave("Interessetilkendegivelser at vurdere", "Vurdér Københavns interessetilkendegivelse", "/a/1/")]
    monkeypatch.setattr(portal.opgaver, "opgaver_for", lambda user, siden=None: opgaver)
    client = client_for(ministeriet)

    def raekker(html: str) -> int:
        return html.split("<tbody>", 1)[1].split("</tbody>", 1)[0].count("<tr>")

    forside = client.get("/").content.decode()
    assert raekker(forside) == 20
    assert "Viser de 20 mest presserende af 23 opgaver." in forside
    assert ">Strategier til godkendelse (22)</a>" in forside
    assert ">Interessetilkendegivelser at vurdere (1)</a>" in forside
    assert _antal_i_menuen(forside) == "23"  # the menu counts every task, shown or not

    alle = client.get("/?alle=1").content.decode()
    assert raekker(alle) == 23 and "mest presserende af" not in alle
    en_slags = client.get("/?art=Interessetilkendegivelser+at+vurdere").content.decode()
    assert raekker(en_slags) == 1 and "Vurdér Københavns interessetilkendegivelse" in en_slags
    assert 'aria-current="true">Interessetilkendegivelser at vurdere (1)</a>' in en_slags
    # A kind that is not in the list is no filter: the page shows every kind.
    assert raekker(client.get("/?art=%3Cscript%3E").content.decode()) == 20
    # A short list has no filters.
    monkeypatch.setattr(portal.opgaver, "opgaver_for", lambda user, siden=None: opgaver[-2:])
    kort = client.get("/").content.decode()
    assert raekker(kort) == 2 and "opgave-arter" not in kort
