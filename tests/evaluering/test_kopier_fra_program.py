"""A new programme's timeline and deliveries started as copies of an earlier programme's: dates moved by the whole
months between the programmes' starts, held meetings and links to the old programme left behind, every participant
given its part of each delivery, and a copy only into a timeline or a delivery list that is still empty."""

import threading
from datetime import date, time

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection
from django.test import Client

from evaluering.models import Dataleverance, Kommuneleverance, Leverancestatus, Moede, Tidsplanpunkt
from evaluering.services.leverancer import leverancer_kopier
from evaluering.services.moeder import moede_marker_afholdt
from evaluering.services.tidsplan import tidsplan_kopier, tidsplanpunkt_opret
from evaluering.tidsangivelse import Praecision, fortolk
from forebyggelse.formatering import dansk_tid, dansk_tidspunkt
from tests.evaluering.factories import dataleverance, moede, program_med_deltagere
from tests.kommuner.factories import ProgramFactory

pytestmark = pytest.mark.django_db


# The timeline -------------------------------------------------------------------------------------


@pytest.fixture
def gammelt(ministeriet):
    """The 2011 programme's timeline: a phase, a deadline on the 31st, and a planned meeting that was held."""
    program = program_med_deltagere("101", ministeriet=ministeriet, navn="Program 2011")
    tidsplanpunkt_opret(program=program, art="fase", titel="Sociale profiler", tid=fortolk("feb.–apr. 2011"))
    tidsplanpunkt_opret(
        program=program, art="frist", titel="Minianalyse", tid=fortolk("31.1.2011"), beskrivelse="Til ministeriet."
    )
    planlagt = tidsplanpunkt_opret(program=program, art="moede", titel="Opstartsmøde", tid=fortolk("uge 7, 2011"))
    moede_marker_afholdt(moede=moede(program, art="opstartsmoede", tidsplanpunkt=planlagt))
    return program


@pytest.fixture
def nyt():
    """The next programme, starting 13 months after the first."""
    return ProgramFactory(navn="Program 2012", startdato=date(2012, 2, 15), slutdato=date(2013, 12, 31))


def test_the_timeline_is_copied_moved_by_the_months_between_the_starts(gammelt, nyt, ministeriet):
    kopier = tidsplan_kopier(fra=gammelt, til=nyt, bruger=ministeriet)
    assert len(kopier) == 3
    punkter = {p.titel: p for p in Tidsplanpunkt.objects.filter(program=nyt)}
    fase, frist, moedet = punkter["Sociale profiler"], punkter["Minianalyse"], punkter["Opstartsmøde"]
    assert (fase.art, fase.start, fase.slut, fase.praecision) == (
        "fase",
        date(2012, 3, 1),
        date(2012, 5, 31),
        Praecision.MAANEDER,
    )
    assert (frist.start, frist.slut, frist.praecision) == (date(2012, 2, 29), date(2012, 2, 29), Praecision.DATO)
    assert frist.beskrivelse == "Til ministeriet."
    assert (moedet.art, moedet.tidsangivelse) == ("moede", "uge 11, 2012")
    # The meeting held belongs to the old programme: the new one has a planned meeting and no meeting yet.
    assert not Moede.objects.filter(program=nyt).exists()
    assert Tidsplanpunkt.objects.filter(program=gammelt).count() == 3


def test_links_to_the_old_programmes_pages_are_left_behind(gammelt, nyt, ministeriet):
    andet = ProgramFactory(navn="Et tredje program")
    gammelt_moede = Moede.objects.get(program=gammelt)
    henvisninger = {
        "Budget": f"/programmer/{gammelt.pk}/budget/",
        "Opstartsmødets referat": f"/moeder/{gammelt_moede.pk}/",
        "Kalenderen": "/moeder/kalender/",
        "Et andet program": f"/programmer/{andet.pk}/",
    }
    for titel, henvisning in henvisninger.items():
        tidsplanpunkt_opret(program=gammelt, art="frist", titel=titel, tid=fortolk("maj 2011"), henvisning=henvisning)
    tidsplan_kopier(fra=gammelt, til=nyt, bruger=ministeriet)
    kopieret = dict(
        Tidsplanpunkt.objects.filter(program=nyt, titel__in=henvisninger).values_list("titel", "henvisning")
    )
    assert kopieret == {
        "Budget": "",
        "Opstartsmødets referat": "",
        "Kalenderen": "/moeder/kalender/",
        "Et andet program": f"/programmer/{andet.pk}/",
    }


def test_a_timeline_is_copied_only_into_an_empty_one(gammelt, nyt, ministeriet):
    tidsplanpunkt_opret(program=nyt, art="fase", titel="Egen fase", tid=fortolk("maj 2012"))
    with pytest.raises(ValidationError) as fejl:
        tidsplan_kopier(fra=gammelt, til=nyt, bruger=ministeriet)
    assert fejl.value.messages == ["Programmet har allerede 1 punkt i tidsplanen; kopiér kun til en tom tidsplan."]
    tidsplanpunkt_opret(program=nyt, art="fase", titel="Endnu en", tid=fortolk("juni 2012"))
    with pytest.raises(ValidationError, match="allerede 2 punkter i tidsplanen"):
        tidsplan_kopier(fra=gammelt, til=nyt, bruger=ministeriet)
    assert Tidsplanpunkt.objects.filter(program=nyt).count() == 2


def test_a_timeline_is_not_copied_onto_itself_or_from_an_empty_one(gammelt, nyt, ministeriet):
    with pytest.raises(ValidationError) as fejl:
        tidsplan_kopier(fra=gammelt, til=gammelt, bruger=ministeriet)
    assert fejl.value.message_dict == {"fra": ["Vælg et andet program end dette."]}
    with pytest.raises(ValidationError) as fejl:
        tidsplan_kopier(fra=nyt, til=ProgramFactory(), bruger=ministeriet)
    assert fejl.value.message_dict == {"fra": ["Program 2012 har ingen punkter i tidsplanen."]}
    assert Tidsplanpunkt.objects.filter(program=gammelt).count() == 3


@pytest.mark.django_db(transaction=True)
def test_two_copies_at_once_become_one_copy_and_a_refusal(kommunedata_transaktion, ministeriet):
    gammelt = ProgramFactory(navn="Program 2011")
    for titel in ("Fase 1", "Fase 2"):
        tidsplanpunkt_opret(program=gammelt, art="fase", titel=titel, tid=fortolk("maj 2011"))
    nyt = ProgramFactory(navn="Program 2012", startdato=date(2012, 1, 1), slutdato=date(2013, 12, 31))
    start = threading.Barrier(2)
    resultater = []

    def kopier():
        try:
            start.wait()
            resultater.append(len(tidsplan_kopier(fra=gammelt, til=nyt, bruger=ministeriet)))
        except ValidationError as exc:
            resultater.append(" ".join(exc.messages))
        finally:
            close_old_connections()
            connection.close()

    traade = [threading.Thread(target=kopier) for _ in range(2)]
    for t in traade:
        t.start()
    for t in traade:
        t.join()
    assert sorted(resultater, key=str) == [
        2,
        "Programmet har allerede 2 punkter i tidsplanen; kopiér kun til en tom tidsplan.",
    ]
    assert Tidsplanpunkt.objects.filter(program=nyt).count() == 2


# Deliveries ---------------------------------------------------------------------------------------


@pytest.fixture
def leverancer_2010(ministeriet):
    """A programme starting 1.1.2010 that ordered three deliveries: one due on the 31st, one in winter time."""
    program = ProgramFactory(navn="Program 2010", startdato=date(2010, 1, 1), slutdato=date(2011, 12, 31))
    dataleverance(
        program,
        ministeriet,
        titel="Minianalyse",
        indhold=["ansoegning"],
        aar=2010,
        frist=dansk_tidspunkt(date(2010, 1, 31), time(12, 0)),
        beskrivelse="Kort analyse.",
    )
    dataleverance(
        program,
        ministeriet,
        titel="Social profil",
        indhold=["social_profil", "oekonomi"],
        aar=2011,
        frist=dansk_tidspunkt(date(2010, 3, 15), time(12, 0)),
    )
    dataleverance(
        program,
        ministeriet,
        titel="Udviklingsplan",
        indhold=["strategi"],
        frist=dansk_tidspunkt(date(2011, 6, 1), time(9)),
    )
    return program


@pytest.fixture
def deltagende(ministeriet, projektleder_101, projektleder_147):
    """The next programme, 13 months later (1.2.2011), with København and Frederiksberg taking part."""
    return program_med_deltagere(
        "101", "147", ministeriet=ministeriet, navn="Næste program", startdato=date(2011, 2, 1)
    )


def test_the_deliveries_are_ordered_again_moved_by_years_and_months(leverancer_2010, deltagende, ministeriet):
    nye = leverancer_kopier(fra=leverancer_2010, til=deltagende, bruger=ministeriet)
    assert [lev.titel for lev in nye] == ["Minianalyse", "Social profil", "Udviklingsplan"]
    minianalyse, profil, plan = nye
    assert (minianalyse.aar, minianalyse.indhold, minianalyse.beskrivelse) == (2011, ["ansoegning"], "Kort analyse.")
    # 31 January + 13 months: the last day of February, at the same time.
    assert (dansk_tid(minianalyse.frist).date(), dansk_tid(minianalyse.frist).time()) == (date(2011, 2, 28), time(12))
    # From winter time into summer time: still 12.00 Danish time.
    assert (dansk_tid(profil.frist).date(), dansk_tid(profil.frist).time()) == (date(2011, 4, 15), time(12, 0))
    assert (profil.aar, profil.indhold) == (2012, ["social_profil", "oekonomi"])
    assert (plan.aar, dansk_tid(plan.frist).date()) == (None, date(2012, 7, 1))
    assert {lev.oprettet_af for lev in nye} == {ministeriet}
    assert Dataleverance.objects.filter(program=leverancer_2010).count() == 3


def test_every_participant_gets_its_part_of_each_copied_delivery(leverancer_2010, deltagende, ministeriet):
    leverancer_kopier(fra=leverancer_2010, til=deltagende, bruger=ministeriet)
    dele = Kommuneleverance.objects.filter(dataleverance__program=deltagende)
    assert sorted(dele.values_list("dataleverance__titel", "deltagelse__kommune__kode", "status")) == [
        (titel, kode, Leverancestatus.AFVENTER)
        for titel in ("Minianalyse", "Social profil", "Udviklingsplan")
        for kode in ("101", "147")
    ]


def test_deliveries_are_copied_only_where_none_are_ordered(leverancer_2010, deltagende, ministeriet):
    dataleverance(deltagende, ministeriet, titel="Egen leverance")
    with pytest.raises(ValidationError) as fejl:
        leverancer_kopier(fra=leverancer_2010, til=deltagende, bruger=ministeriet)
    assert fejl.value.messages == [
        "Programmet har allerede 1 dataleverance; kopiér kun, når der ikke er bestilt nogen."
    ]
    with pytest.raises(ValidationError) as fejl:
        leverancer_kopier(fra=deltagende, til=deltagende, bruger=ministeriet)
    assert fejl.value.message_dict == {"fra": ["Vælg et andet program end dette."]}
    with pytest.raises(ValidationError) as fejl:
        leverancer_kopier(fra=ProgramFactory(navn="Tomt"), til=ProgramFactory(), bruger=ministeriet)
    assert fejl.value.message_dict == {"fra": ["Tomt har ingen dataleverancer."]}
    assert Dataleverance.objects.filter(program=deltagende).count() == 1


def test_a_delivery_whose_year_the_programme_does_not_run_stops_the_whole_copy(ministeriet, deltagende):
    gammelt = ProgramFactory(navn="Langt program", startdato=date(2010, 1, 1), slutdato=date(2012, 12, 31))
    dataleverance(gammelt, ministeriet, titel="Første", aar=2010)
    dataleverance(gammelt, ministeriet, titel="Sidste", aar=2012)  # → 2013, and the next programme runs 2011–2012
    with pytest.raises(ValidationError) as fejl:
        leverancer_kopier(fra=gammelt, til=deltagende, bruger=ministeriet)
    assert fejl.value.messages == ["“Sidste” kan ikke kopieres: Programmet løber ikke i 2013."]
    assert not Dataleverance.objects.filter(program=deltagende).exists()
    assert not Kommuneleverance.objects.filter(dataleverance__program=deltagende).exists()


# The pages ----------------------------------------------------------------------------------------


def test_the_ministry_copies_a_timeline_from_the_timeline_page(client_for, gammelt, nyt, ministeriet):
    client = client_for(ministeriet)
    side = client.get(f"/programmer/{nyt.pk}/tidsplan/").content.decode()
    assert "Kopiér tidsplanen fra et andet program" in side
    assert f'<option value="{gammelt.pk}">Program 2011 (3 punkter)</option>' in side
    assert f'action="/programmer/{nyt.pk}/tidsplan/kopier/"' in side
    svar = client.post(f"/programmer/{nyt.pk}/tidsplan/kopier/", {"fra": gammelt.pk})
    assert svar.status_code == 302 and svar["Location"] == f"/programmer/{nyt.pk}/tidsplan/"
    side = client.get(svar["Location"]).content.decode()
    assert "3 punkter er kopieret fra Program 2011." in side
    assert Tidsplanpunkt.objects.filter(program=nyt).count() == 3
    assert "Kopiér tidsplanen fra et andet program" not in side  # the timeline is no longer empty


def test_the_timeline_form_is_the_ministrys_and_only_for_an_empty_timeline(
    client_for, gammelt, nyt, ministeriet, projektleder_101, evaluator
):
    url = f"/programmer/{nyt.pk}/tidsplan/"
    for bruger in (projektleder_101, evaluator):
        assert "Kopiér tidsplanen" not in client_for(bruger).get(url).content.decode()
    assert "Kopiér tidsplanen" in client_for(ministeriet).get(url).content.decode()
    tidsplanpunkt_opret(program=nyt, art="fase", titel="Egen fase", tid=fortolk("maj 2012"))
    assert "Kopiér tidsplanen" not in client_for(ministeriet).get(url).content.decode()


@pytest.mark.parametrize("fra", ["999999", "abc", "", "nyt", "tomt"])
def test_a_bad_source_is_a_form_error(client_for, gammelt, nyt, ministeriet, fra):
    vaerdi = {"nyt": nyt.pk, "tomt": ProgramFactory().pk}.get(fra, fra)  # itself, or one without a timeline
    svar = client_for(ministeriet).post(f"/programmer/{nyt.pk}/tidsplan/kopier/", {"fra": vaerdi})
    assert svar.status_code == 200
    assert ("Vælg det program" if fra == "" else "Vælg et program fra listen.") in svar.content.decode()
    assert not Tidsplanpunkt.objects.filter(program=nyt).exists()


def test_a_refused_copy_says_why_and_keeps_the_choice(client_for, gammelt, nyt, ministeriet):
    tidsplanpunkt_opret(program=nyt, art="fase", titel="Egen fase", tid=fortolk("maj 2012"))
    svar = client_for(ministeriet).post(f"/programmer/{nyt.pk}/tidsplan/kopier/", {"fra": gammelt.pk})
    side = svar.content.decode()
    assert svar.status_code == 200
    assert "Programmet har allerede 1 punkt i tidsplanen; kopiér kun til en tom tidsplan." in side
    assert f'<option value="{gammelt.pk}" selected>' in side
    assert Tidsplanpunkt.objects.filter(program=nyt).count() == 1


@pytest.mark.parametrize("sti", ["tidsplan", "leverancer"])
def test_only_the_ministry_copies(client_for, gammelt, nyt, projektleder_101, evaluator, styregruppe, sti):
    url = f"/programmer/{nyt.pk}/{sti}/kopier/"
    assert Client().post(url, {"fra": gammelt.pk})["Location"].startswith("/konto/login/")
    for bruger in (projektleder_101, evaluator, styregruppe):
        svar = client_for(bruger).post(url, {"fra": gammelt.pk})
        assert svar.status_code == 403 and "Kun ministeriet" in svar.content.decode()
    assert not Tidsplanpunkt.objects.filter(program=nyt).exists()
    assert not Dataleverance.objects.filter(program=nyt).exists()


def test_an_unknown_programme_is_404(client_for, ministeriet, gammelt):
    for sti in ("tidsplan", "leverancer"):
        assert client_for(ministeriet).post(f"/programmer/999999/{sti}/kopier/", {"fra": gammelt.pk}).status_code == 404


def test_the_ministry_copies_the_deliveries_from_the_deliveries_page(
    client_for, leverancer_2010, deltagende, ministeriet, projektleder_101
):
    lederens = client_for(projektleder_101).get(f"/programmer/{deltagende.pk}/leverancer/").content.decode()
    assert "Kopiér leverancerne" not in lederens
    client = client_for(ministeriet)
    side = client.get(f"/programmer/{deltagende.pk}/leverancer/").content.decode()
    assert f'<option value="{leverancer_2010.pk}">Program 2010 (3 dataleverancer)</option>' in side
    svar = client.post(f"/programmer/{deltagende.pk}/leverancer/kopier/", {"fra": leverancer_2010.pk})
    assert svar.status_code == 302 and svar["Location"] == f"/programmer/{deltagende.pk}/leverancer/"
    side = client.get(svar["Location"]).content.decode()
    assert "3 dataleverancer er kopieret fra Program 2010 og bestilt hos de deltagende kommuner." in side
    assert Kommuneleverance.objects.filter(dataleverance__program=deltagende).count() == 6
    assert "Kopiér leverancerne fra et andet program" not in side


def test_a_refused_delivery_copy_says_why(client_for, leverancer_2010, deltagende, ministeriet):
    dataleverance(deltagende, ministeriet, titel="Egen leverance")
    url = f"/programmer/{deltagende.pk}/leverancer/kopier/"
    svar = client_for(ministeriet).post(url, {"fra": leverancer_2010.pk})
    assert svar.status_code == 200
    assert (
        "Programmet har allerede 1 dataleverance; kopiér kun, når der ikke er bestilt nogen." in svar.content.decode()
    )
    svar = client_for(ministeriet).post(url, {"fra": "abc"})
    assert svar.status_code == 200 and "Vælg et program fra listen." in svar.content.decode()
    assert Dataleverance.objects.filter(program=deltagende).count() == 1
