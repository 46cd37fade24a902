"""The catalogue: everyone reads how each figure is made; the ministry adds and edits indicators."""

import pytest

from profiler.models import Indikator

pytestmark = pytest.mark.django_db

NY = {
    "kode": "tandpleje_udeblivelser",
    "navn": "Udeblivelser fra børnetandplejen pr. 1.000 0–17-årige",
    "definition": "Børn, der er udeblevet fra børnetandplejen mindst to gange i årets løb.",
    "kategori": "forebyggelse",
    "enhed": "pr_1000",
    "faktor": "1000",
    "decimaler": "1",
    "taeller_definition": "Antal børn med mindst to udeblivelser (kommunens egne tal).",
    "taeller_kilde": "egne",
    "taeller_aarsdannelse": "sum",
    "taeller_dst": "",
    "naevner_definition": "Befolkningen 0–17 år pr. 1. januar.",
    "naevner_kilde": "FOLK1A",
    "naevner_aarsdannelse": "primo",
    "naevner_dst": '{"omraade": "OMRÅDE", "tid": "kvartal", "variabler": {"ALDER": ["0", "1"]}, "summer": ["ALDER"]}',
    "bedre": "lavere",
    "undertrykkes": "on",
    "undertrykkelsesgraense": "5",
    "raekkefoelge": "45",
    "version": "0",
}


def test_everyone_reads_how_a_figure_is_made(client_for, projektleder_147):
    html = client_for(projektleder_147).get("/noegletal/indikatorer/anmeldte_forbrydelser/").content.decode()
    assert "Værdi = tæller / nævner × 1.000" in html and "STRAF11" in html and "FOLK1A" in html
    assert "Rediger indikatoren" not in html and "Hent fra Danmarks Statistik" not in html


def test_the_ministry_adds_an_indicator_that_the_municipalities_report_themselves(client_for, ministeriet):
    svar = client_for(ministeriet).post("/noegletal/indikatorer/ny/", NY)
    assert svar.status_code == 302
    indikator = Indikator.objects.get(kode="tandpleje_udeblivelser")
    assert indikator.taeller_kilde == "EGNE" and indikator.er_egne_data
    assert indikator.naevner_dst["summer"] == ["ALDER"]
    # The municipalities report it; the ministry cannot start a report for them.
    assert client_for(ministeriet).get("/profiler/101/egne-tal/2011/").status_code == 404
    redigeret = client_for(ministeriet).post(
        "/noegletal/indikatorer/tandpleje_udeblivelser/rediger/",
        NY | {"kode": "andet", "undertrykkelsesgraense": "3", "version": indikator.version},
    )
    assert redigeret.status_code == 302
    indikator.refresh_from_db()
    assert (indikator.kode, indikator.undertrykkelsesgraense) == ("tandpleje_udeblivelser", 3)  # the code stays
    assert (
        "Grænse for små tal"
        in client_for(ministeriet).get(f"/noegletal/indikatorer/{indikator.kode}/").content.decode()
    )


@pytest.mark.parametrize(
    ("aendring", "felt", "besked"),
    [
        ({"enhed": "antal"}, "naevner_kilde", "Et antal har ingen nævner"),
        ({"naevner_dst": "{ikke json"}, "naevner_dst", "Skriv forespørgslen som JSON"),
        ({"taeller_kilde": "straf 11"}, "taeller_kilde", "Skriv Statistikbankens tabelkode"),
        ({"kode": "anmeldte_forbrydelser"}, "kode", "Der findes allerede en indikator med den kode"),
    ],
)
def test_a_bad_indicator_is_refused_field_by_field(client_for, ministeriet, aendring, felt, besked):
    svar = client_for(ministeriet).post("/noegletal/indikatorer/ny/", NY | aendring)
    assert svar.status_code == 200
    assert besked in " ".join(svar.context["form"].errors.get(felt, []))
    assert not Indikator.objects.filter(navn=NY["navn"]).exists()


def test_two_people_editing_an_indicator_do_not_overwrite_each_other(client_for, ministeriet):
    from tests.kommuner.factories import BrugerFactory

    indikator = Indikator.objects.get(kode="anmeldte_forbrydelser")
    felter = {k: v for k, v in NY.items() if k != "kode"} | {"naevner_kilde": "FOLK1A", "version": indikator.version}
    kollega = client_for(
        BrugerFactory(username="kollega", first_name="Karen", last_name="Kollega", rolle="ministeriet")
    )
    assert (
        kollega.post(
            "/noegletal/indikatorer/anmeldte_forbrydelser/rediger/", felter | {"navn": "Kollegas navn"}
        ).status_code
        == 302
    )
    svar = client_for(ministeriet).post(
        "/noegletal/indikatorer/anmeldte_forbrydelser/rediger/", felter | {"navn": "Mit navn"}
    )
    assert svar.status_code == 409
    html = svar.content.decode()
    assert "Indikatoren er blevet ændret af Karen Kollega den " in html and 'value="Mit navn"' in html
    indikator.refresh_from_db()
    assert indikator.navn == "Kollegas navn"
    assert f'name="version" value="{indikator.version}"' in html  # the next save goes against what is stored
