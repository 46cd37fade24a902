"""The annual review: the lead re-colours the actions and sets their statuses; the review is stored; the version
before it is frozen as it was read (and stays readable), the strategy continues as the next version, and the two can
be compared."""

import re
from datetime import date
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from strategi.models import Aarsgennemgang, Farve, HandlingStatus, StrategiStatus, Strategiversion
from strategi.selectors import _handlingens_maal, indhold_for, sammenlign
from strategi.services.gennemgang import Gennemgangspunkt, aarsgennemgang_gem
from tests.strategi.factories import HandlingFactory, StrategiFactory, godkend

pytestmark = pytest.mark.django_db


@pytest.fixture
def strategi(kobenhavn):
    strategi = StrategiFactory(fuld=True)
    HandlingFactory(strategi=strategi, titel="Kontaktpersoner til daginstitutioner", farve=Farve.ROED)
    return godkend(strategi)


def _post(strategi, aar="2012", **aendringer) -> dict:
    data = {"aar": aar, "konklusion": "Kontaktpersonerne er aftalt; der mangler en politisk beslutning."}
    for h in strategi.handlinger.all():
        data |= {
            f"farve_{h.pk}": h.farve,
            f"status_{h.pk}": h.status,
            f"slut_{h.pk}": h.slut.isoformat(),
            f"bemaerkning_{h.pk}": "",
        }
    return data | aendringer


def test_the_review_recolours_stores_itself_and_freezes_the_version_before(client_for, projektleder_101, strategi):
    kontakt = strategi.handlinger.get(titel="Kontaktpersoner til daginstitutioner")
    client = client_for(projektleder_101)
    assert client.get(f"/strategier/{strategi.pk}/gennemgang/").status_code == 200
    response = client.post(
        f"/strategier/{strategi.pk}/gennemgang/",
        _post(
            strategi,
            **{
                f"farve_{kontakt.pk}": Farve.GUL,
                f"status_{kontakt.pk}": HandlingStatus.FORSINKET,
                f"slut_{kontakt.pk}": "2012-12-31",
                f"bemaerkning_{kontakt.pk}": "Aftalen er på plads.",
            },
        ),
    )
    gennemgang = Aarsgennemgang.objects.get()
    assert response["Location"] == f"/gennemgange/{gennemgang.pk}/"
    strategi.refresh_from_db()
    kontakt.refresh_from_db()
    assert (strategi.status, strategi.versionsnummer) == (StrategiStatus.REVIDERET, 2)
    assert (kontakt.farve, kontakt.status, kontakt.slut) == (Farve.GUL, HandlingStatus.FORSINKET, date(2012, 12, 31))
    linje = gennemgang.linjer.get(handling=kontakt)
    assert (linje.farve_foer, linje.farve_efter, linje.bemaerkning) == (Farve.ROED, Farve.GUL, "Aftalen er på plads.")
    assert gennemgang.linjer.filter(handling__isnull=False).count() == 2

    version = Strategiversion.objects.get()
    assert (version.nummer, gennemgang.version_foer) == (1, version)
    handleplan = next(a for a in version.indhold["afsnit"] if a["navn"] == "Handleplan")
    frosset = next(p for p in handleplan["punkter"] if p["titel"] == kontakt.titel)
    assert ["Forudsætninger", "Rød: kræver nyt budget eller en større organisatorisk ændring"] in frosset["felter"]

    side = client.get(f"/gennemgange/{gennemgang.pk}/").content.decode()
    assert "Rød" in side and "Gul" in side and "Aftalen er på plads." in side
    gammel = client.get(f"/strategier/{strategi.pk}/versioner/1/").content.decode()
    assert "Version 1" in gammel and "Rød: kræver nyt budget" in gammel
    forskel = client.get(f"/strategier/{strategi.pk}/versioner/1/sammenlign/").content.decode()
    assert "Ændret: Kontaktpersoner til daginstitutioner" in forskel
    assert "Forsinket" in forskel and "31. december 2012" in forskel


def test_a_year_can_be_reviewed_once_and_only_a_programme_year(projektleder_101, strategi):
    punkter = [
        Gennemgangspunkt(handling=h, farve=h.farve, status=h.status, slut=h.slut) for h in strategi.handlinger.all()
    ]
    with pytest.raises(ValidationError) as fejl:
        aarsgennemgang_gem(strategi=strategi, aar=2014, konklusion="x", punkter=punkter, bruger=projektleder_101)
    assert "aar" in fejl.value.message_dict
    aarsgennemgang_gem(strategi=strategi, aar=2012, konklusion="Sidste år.", punkter=punkter, bruger=projektleder_101)
    with pytest.raises(ValidationError, match="allerede gennemgået for 2012"):
        aarsgennemgang_gem(strategi=strategi, aar=2012, konklusion="Igen.", punkter=punkter, bruger=projektleder_101)


def test_an_end_date_before_the_start_in_the_review_is_an_error_on_that_action(client_for, projektleder_101, strategi):
    handling = strategi.handlinger.first()
    response = client_for(projektleder_101).post(
        f"/strategier/{strategi.pk}/gennemgang/", _post(strategi, **{f"slut_{handling.pk}": "2010-01-01"})
    )
    assert response.status_code == 200
    assert "Slutdatoen kan ikke ligge før startdatoen" in response.content.decode()
    assert not Aarsgennemgang.objects.exists()


def test_the_review_needs_an_approved_strategy(client_for, projektleder_101, kobenhavn):
    kladde = StrategiFactory(fuld=True)
    assert client_for(projektleder_101).get(f"/strategier/{kladde.pk}/gennemgang/").status_code == 403


def test_comparing_reports_added_removed_and_changed_items():
    foer = {
        "afsnit": [
            {
                "navn": "Mål",
                "punkter": [
                    {"id": "maal-1", "titel": "A", "felter": [["Status", "Bagud"]]},
                    {"id": "maal-2", "titel": "B", "felter": [["Status", "Nået"]]},
                ],
            }
        ]
    }
    efter = {
        "afsnit": [
            {
                "navn": "Mål",
                "punkter": [
                    {"id": "maal-1", "titel": "A", "felter": [["Status", "På vej"]]},
                    {"id": "maal-3", "titel": "C", "felter": [["Status", "Ingen data"]]},
                ],
            }
        ]
    }
    (afsnit,) = sammenlign(foer, efter)
    assert [(p.hvad, p.titel) for p in afsnit.punkter] == [("Ændret", "A"), ("Tilføjet", "C"), ("Fjernet", "B")]
    assert [(a.felt, a.foer, a.efter) for a in afsnit.punkter[0].aendringer] == [("Status", "Bagud", "På vej")]
    assert sammenlign(efter, efter) == []


def test_the_content_of_a_strategy_compares_equal_to_itself(strategi):
    assert sammenlign(indhold_for(strategi), indhold_for(strategi)) == []


def test_only_the_year_that_is_due_is_offered_and_then_the_review_is_closed(client_for, projektleder_101, strategi):
    punkter = [
        Gennemgangspunkt(handling=h, farve=h.farve, status=h.status, slut=h.slut) for h in strategi.handlinger.all()
    ]
    side = client_for(projektleder_101).get(f"/strategier/{strategi.pk}/gennemgang/").content.decode()
    assert re.findall(r'<option value="(\d*)"', side) == ["2012"]  # the programme is over: its last year
    aarsgennemgang_gem(strategi=strategi, aar=2012, konklusion="Andet år.", punkter=punkter, bruger=projektleder_101)
    lukket = client_for(projektleder_101).get(f"/strategier/{strategi.pk}/gennemgang/")
    assert lukket.status_code == 403
    assert "gennemgået for programmets sidste år" in lukket.content.decode()


def test_an_actions_goals_are_named_by_their_label_and_text():
    def handling(*maal):
        return SimpleNamespace(maal=SimpleNamespace(all=lambda: maal))

    k1, uden = SimpleNamespace(pk=1, tekst="Færre anbringelser"), SimpleNamespace(pk=9, tekst="Et mål uden nummer")
    assert _handlingens_maal(handling(k1, uden), {1: "K1"}) == "K1 Færre anbringelser; Et mål uden nummer"
    assert _handlingens_maal(handling(), {1: "K1"}) == "–"


def test_after_a_later_year_is_reviewed_an_earlier_one_is_never_offered(client_for, projektleder_101, strategi):
    """In 2012 the review is for 2012; once that is done, 2011 is not offered, nor accepted, any more."""
    punkter = [
        Gennemgangspunkt(handling=h, farve=h.farve, status=h.status, slut=h.slut) for h in strategi.handlinger.all()
    ]
    with pytest.raises(ValidationError, match="gælder 2012"):
        aarsgennemgang_gem(strategi=strategi, aar=2011, konklusion="Bagud.", punkter=punkter, bruger=projektleder_101)
    aarsgennemgang_gem(strategi=strategi, aar=2012, konklusion="Andet år.", punkter=punkter, bruger=projektleder_101)
    svar = client_for(projektleder_101).get(f"/strategier/{strategi.pk}/gennemgang/")
    assert svar.status_code == 403 and '<option value="2011">' not in svar.content.decode()
    with pytest.raises(ValidationError, match="senere år"):
        aarsgennemgang_gem(strategi=strategi, aar=2011, konklusion="Bagud.", punkter=punkter, bruger=projektleder_101)


def test_the_review_of_a_year_waits_until_the_year_has_begun(client_for, projektleder_101, strategi, settings):
    settings.PORTAL_I_DAG = "2010-12-01"
    svar = client_for(projektleder_101).get(f"/strategier/{strategi.pk}/gennemgang/")
    assert svar.status_code == 403 and "kan gennemføres fra 1. januar 2011" in svar.content.decode()
    settings.PORTAL_I_DAG = "2011-12-01"
    side = client_for(projektleder_101).get(f"/strategier/{strategi.pk}/gennemgang/").content.decode()
    assert re.findall(r'<option value="(\d*)"', side) == ["2011"]
