"""The municipality's own figures: a lead enters and submits them, the ministry approves (the values lock and show
in the profile) or returns them with a comment; two people saving at once; two approvals at once."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kommuner.models import Kommune
from profiler.models import Indberetning, IndberetningStatus, Indikator, Observation
from profiler.selectors import noegletal
from profiler.services.indberetninger import (
    EgenVaerdi,
    IndberetningKonflikt,
    indberetning_gem,
    indberetning_godkend,
    indberetning_indsend,
    indberetning_opret,
    indberetning_send_tilbage,
)
from tests.profiler.factories import importer
from tests.profiler.test_import_sider import _samtidigt

URL = "/profiler/101/egne-tal/2011/"


def formdata(version: int, **tal) -> dict:
    data = {
        "version": version,
        "taeller_forebyggende_foranstaltninger": "1.234",
        "taeller_underretninger": "2.500",
        "taeller_specialundervisning": "350",
        "naevner_specialundervisning": "7.000",
    }
    return data | tal


@pytest.mark.django_db
def test_a_lead_enters_saves_and_submits_and_the_ministry_approves(
    client_for, projektleder_101, ministeriet, kobenhavn
):
    # The denominators of two of the own figures come from FOLK1A (here a template import).
    importer([("101", "forebyggende_foranstaltninger", 2011, None, 100000)])
    leder = client_for(projektleder_101)
    assert "Der er ikke indberettet tal for 2011 endnu" in leder.get(URL).content.decode()
    svar = leder.post(URL, formdata(0, taeller_underretninger=""))
    assert svar.status_code == 302
    indberetning = Indberetning.objects.get(kommune=kobenhavn, aar=2011)
    assert indberetning.status == IndberetningStatus.KLADDE
    html = leder.get(URL).content.decode()
    assert "Underretninger om børn og unge pr. 1.000 0–17-årige: tælleren mangler." in html
    leder.post(URL, formdata(indberetning.version))
    svar = leder.post(f"{URL}indsend/", follow=True)
    assert "De egne tal er indsendt til ministeriet." in svar.content.decode()
    # Locked while the ministry looks at them.
    assert leder.post(URL, formdata(99)).status_code == 403

    svar = client_for(ministeriet).post(f"{URL}godkend/", follow=True)
    assert "er godkendt og vises i profilen" in svar.content.decode()
    o = Observation.objects.get(kommune=kobenhavn, indikator__kode="forebyggende_foranstaltninger", aar=2011)
    assert (o.taeller, o.naevner, o.indberetning_id) == (Decimal(1234), Decimal(100000), indberetning.pk)
    assert o.naevner_import_id is not None  # the denominator still comes from the import
    indikator = Indikator.objects.get(kode="forebyggende_foranstaltninger")
    celle = noegletal(kommune=kobenhavn, indikatorer=[indikator], aar=[2011]).celle(indikator, 2011)
    assert celle.egen.vaerdi == Decimal("12.3")
    historik = client_for(projektleder_101).get(URL).content.decode()
    assert "Godkendt" in historik and "Tæller</strong>: – → 1.234" in historik


@pytest.mark.django_db
def test_the_ministry_returns_with_a_comment_and_the_lead_can_correct(
    client_for, projektleder_101, ministeriet, kobenhavn
):
    leder = client_for(projektleder_101)
    leder.post(URL, formdata(0))
    leder.post(f"{URL}indsend/")
    ministeriet_client = client_for(ministeriet)
    svar = ministeriet_client.post(f"{URL}send-tilbage/", {"kommentar": ""}, follow=True)
    assert "Skriv, hvad kommunen skal rette." in svar.content.decode()
    ministeriet_client.post(f"{URL}send-tilbage/", {"kommentar": "Tjek underretningerne."})
    leder = client_for(projektleder_101)  # the same test client, logged in as the lead again
    html = leder.get(URL).content.decode()
    assert "Sendt tilbage til rettelse" in html and "Tjek underretningerne." in html
    indberetning = Indberetning.objects.get()
    assert leder.post(URL, formdata(indberetning.version, taeller_underretninger="2.400")).status_code == 302
    assert not Observation.objects.filter(indberetning=indberetning).exists()


@pytest.mark.django_db
def test_bad_numbers_are_kept_with_a_danish_message(client_for, projektleder_101):
    svar = client_for(projektleder_101).post(
        URL, formdata(0, taeller_underretninger="mange", taeller_specialundervisning="9.000")
    )
    html = svar.content.decode()
    assert svar.status_code == 200
    assert "Skriv et tal, fx 1.234 eller 12,5." in html and 'value="mange"' in html
    assert not Indberetning.objects.exists()


@pytest.mark.django_db
def test_a_share_cannot_have_a_numerator_above_its_denominator(projektleder_101, kobenhavn):
    indberetning = indberetning_opret(kommune=kobenhavn, aar=2011, bruger=projektleder_101)
    with pytest.raises(ValidationError) as fejl:
        indberetning_gem(
            indberetning=indberetning,
            vaerdier=[EgenVaerdi(Indikator.objects.get(kode="specialundervisning"), Decimal(900), Decimal(800))],
            version=indberetning.version,
            bruger=projektleder_101,
        )
    assert "taeller_specialundervisning" in fejl.value.message_dict


@pytest.mark.django_db
def test_saving_over_a_newer_version_is_refused_and_the_input_kept(client_for, projektleder_101, kobenhavn):
    leder = client_for(projektleder_101)
    leder.post(URL, formdata(0))
    version = Indberetning.objects.get().version
    leder.post(URL, formdata(version, taeller_underretninger="2.600"))
    svar = leder.post(URL, formdata(version, taeller_underretninger="2.700"))
    assert svar.status_code == 409
    assert (
        "De egne tal er blevet ændret af Test projektleder den " in svar.content.decode()
        and 'value="2.700"' in svar.content.decode()
    )
    vaerdi = Indberetning.objects.get().vaerdier.get(indikator__kode="underretninger")
    assert vaerdi.taeller == 2600


@pytest.mark.django_db
def test_another_municipalitys_lead_and_the_steering_group_see_nothing(
    client_for, projektleder_147, styregruppe, projektleder_101
):
    client_for(projektleder_101).post(URL, formdata(0))
    for bruger in (projektleder_147, styregruppe):
        assert client_for(bruger).get(URL).status_code == 404
        assert client_for(bruger).post(URL, formdata(1)).status_code == 404


def _indsendt(kommune, leder) -> Indberetning:
    indberetning = indberetning_opret(kommune=kommune, aar=2011, bruger=leder)
    vaerdier = [
        EgenVaerdi(i, Decimal(10), Decimal(500) if i.naevner_kilde == "EGNE" else None)
        for i in Indikator.objects.filter(taeller_kilde="EGNE")
    ]
    indberetning = indberetning_gem(indberetning=indberetning, vaerdier=vaerdier, version=1, bruger=leder)
    return indberetning_indsend(indberetning=indberetning, bruger=leder)


@pytest.mark.django_db(transaction=True)
def test_two_approvals_at_once_approve_once(kommunedata_og_katalog):
    from tests.kommuner.factories import BrugerFactory

    kommune = Kommune.objects.get(kode="101")
    leder = BrugerFactory(rolle="projektleder", kommuner=[kommune])
    ministre = [BrugerFactory(rolle="ministeriet") for _ in range(2)]
    indberetning = _indsendt(kommune, leder)
    resultater = _samtidigt(*(lambda m=m: indberetning_godkend(indberetning=indberetning, bruger=m) for m in ministre))
    assert sorted(r[0] for r in resultater) == ["fejl", "ok"]
    assert "Kun indsendte tal kan godkendes. Disse er godkendt." in next(r[1] for r in resultater if r[0] == "fejl")
    assert Observation.objects.filter(indberetning=indberetning).count() == 3


@pytest.mark.django_db(transaction=True)
def test_an_approval_and_a_return_at_once_leave_one_outcome(kommunedata_og_katalog):
    from tests.kommuner.factories import BrugerFactory

    kommune = Kommune.objects.get(kode="101")
    leder = BrugerFactory(rolle="projektleder", kommuner=[kommune])
    ministeriet = BrugerFactory(rolle="ministeriet")
    indberetning = _indsendt(kommune, leder)
    resultater = _samtidigt(
        lambda: indberetning_godkend(indberetning=indberetning, bruger=ministeriet),
        lambda: indberetning_send_tilbage(indberetning=indberetning, kommentar="Ret.", bruger=ministeriet),
    )
    assert sorted(r[0] for r in resultater) == ["fejl", "ok"]
    indberetning.refresh_from_db()
    godkendt = indberetning.status == IndberetningStatus.GODKENDT
    assert Observation.objects.filter(indberetning=indberetning).exists() == godkendt


@pytest.mark.django_db
def test_a_save_conflict_in_the_service(projektleder_101, kobenhavn):
    indberetning = indberetning_opret(kommune=kobenhavn, aar=2011, bruger=projektleder_101)
    indikator = Indikator.objects.get(kode="underretninger")
    indberetning_gem(
        indberetning=indberetning, vaerdier=[EgenVaerdi(indikator, Decimal(1))], version=1, bruger=projektleder_101
    )
    with pytest.raises(IndberetningKonflikt):
        indberetning_gem(
            indberetning=indberetning, vaerdier=[EgenVaerdi(indikator, Decimal(2))], version=1, bruger=projektleder_101
        )


@pytest.mark.django_db
def test_an_indicators_definitions_show_as_text_on_the_leads_form(client_for, projektleder_101):
    """The ministry edits the definitions; the municipalities' form shows them as typed, never as markup."""
    Indikator.objects.filter(kode="underretninger").update(
        taeller_definition='Antal <a href="https://fremmed.example">underretninger</a>',
        naevner_definition="<img src=x onerror=alert(1)>",
    )
    html = client_for(projektleder_101).get(URL).content.decode()
    assert 'Antal &lt;a href="https://fremmed.example"&gt;underretninger&lt;/a&gt;' in html.replace("&quot;", '"')
    assert "<img src=x" not in html and 'href="https://fremmed.example"' not in html
