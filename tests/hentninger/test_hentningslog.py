"""The record of who downloaded what: every download of main's views writes one row, refused downloads write
none, rows cannot be changed, and the ministry's log page filters and pages with a constant number of queries."""

import re
from datetime import UTC, datetime

import pgtrigger
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection, transaction
from django.http import FileResponse, HttpResponse

from hentninger.models import Hentning
from hentninger.services import hentning_registrer, logget_hentning
from kommuner.models import Bilag, Kvittering
from kommuner.services.ansoegninger import ansoegning_indsend, bilag_tilfoej
from tests.kommuner.factories import AnsoegningFactory, ProgramFactory

pytestmark = pytest.mark.django_db

LOG = "/hentninger/"


@pytest.fixture
def indsendt(kobenhavn, projektleder_101):
    ansoegning = AnsoegningFactory(program=ProgramFactory(navn="Forebyggelse 2011"), kommune=kobenhavn, udfyldt=True)
    bilag_tilfoej(
        ansoegning=ansoegning,
        fil=SimpleUploadedFile("børnepolitik.pdf", b"%PDF-1.4\n%%EOF\n"),
        bruger=projektleder_101,
    )
    ansoegning_indsend(ansoegning=ansoegning, bruger=projektleder_101)
    return ansoegning


def test_downloading_an_annex_is_recorded(client_for, evaluator, indsendt):
    bilag = Bilag.objects.get(ansoegning=indsendt)
    svar = client_for(evaluator).get(f"/bilag/{bilag.pk}/")
    assert svar.status_code == 200
    hentning = Hentning.objects.get()
    assert hentning.bruger == evaluator
    assert hentning.art == "Bilag"
    assert hentning.filnavn == "børnepolitik.pdf"  # read back from filename*=utf-8''b%C3%B8rnepolitik.pdf
    assert hentning.objekt_id == str(bilag.pk)
    assert hentning.objekt_type.model_class() is Bilag
    assert hentning.objekt_tekst == "børnepolitik.pdf (København: Forebyggelse 2011)"


def test_downloading_a_receipt_is_recorded(client_for, projektleder_101, indsendt):
    kvittering = Kvittering.objects.get(ansoegning=indsendt)
    svar = client_for(projektleder_101).get(f"/kvitteringer/{kvittering.pk}/")
    hentning = Hentning.objects.get()
    assert (hentning.bruger, hentning.art) == (projektleder_101, "Kvittering")
    assert svar["Content-Disposition"] == f'attachment; filename="{hentning.filnavn}"'
    assert hentning.objekt_tekst.endswith("(København: Forebyggelse 2011)")


def test_a_refused_download_records_nothing(client_for, projektleder_147, styregruppe, indsendt):
    bilag = Bilag.objects.get(ansoegning=indsendt)
    kvittering = Kvittering.objects.get(ansoegning=indsendt)
    for bruger in (projektleder_147, styregruppe):
        client = client_for(bruger)
        assert client.get(f"/bilag/{bilag.pk}/").status_code == 404
        assert client.get(f"/kvitteringer/{kvittering.pk}/").status_code == 404
    assert not Hentning.objects.exists()


def test_a_download_without_an_object_names_its_kind(ministeriet):
    response = HttpResponse(b"a;b\r\n", content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="noegletal-2011.csv"'
    assert logget_hentning(response, bruger=ministeriet, art="Dataeksport (CSV)") is response
    hentning = Hentning.objects.get()
    assert (hentning.art, hentning.filnavn, hentning.objekt_type, hentning.objekt_tekst) == (
        "Dataeksport (CSV)",
        "noegletal-2011.csv",
        None,
        "",
    )


def test_a_download_view_must_name_its_file(ministeriet):
    with pytest.raises(ValueError, match="filnavn"):
        logget_hentning(FileResponse(iter([b"x"])), bruger=ministeriet, art="Rapport")
    with pytest.raises(ValueError, match="art eller et objekt"):
        hentning_registrer(bruger=ministeriet, filnavn="x.pdf")


@pytest.mark.parametrize("sql", ["UPDATE hentninger_hentning SET filnavn = 'x'", "DELETE FROM hentninger_hentning"])
def test_the_database_refuses_to_change_or_delete_the_log(ministeriet, sql):
    hentning_registrer(bruger=ministeriet, filnavn="a.pdf", art="Rapport")
    with (
        pytest.raises(DatabaseError, match="Cannot update or delete"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert Hentning.objects.get().filnavn == "a.pdf"


# The ministry's page ------------------------------------------------------------------------------------


def hent(bruger, art, tid: datetime, filnavn="fil.pdf") -> Hentning:
    hentning = hentning_registrer(bruger=bruger, filnavn=filnavn, art=art)
    # Only the test moves a row in time; the trigger is bypassed for that one statement.
    with pgtrigger.ignore("hentninger.Hentning:hentning_kun_tilfoej"):
        Hentning.objects.filter(pk=hentning.pk).update(tidspunkt=tid)
    return hentning


@pytest.mark.parametrize(
    ("fixture", "status"),
    [("ministeriet", 200), ("projektleder_101", 404), ("evaluator", 404), ("styregruppe", 404)],
)
def test_only_the_ministry_sees_the_log(client_for, request, fixture, status):
    assert client_for(request.getfixturevalue(fixture)).get(LOG).status_code == status


def test_the_ministry_finds_the_log_in_the_menu(client_for, ministeriet, evaluator):
    assert 'href="/hentninger/"' in client_for(ministeriet).get("/").content.decode()
    assert 'href="/hentninger/"' not in client_for(evaluator).get("/").content.decode()


def test_the_log_filters_by_user_kind_and_danish_days(client_for, ministeriet, evaluator, projektleder_101):
    # 7 February 2011 23.30 UTC is 8 February 00.30 in Danish time.
    hent(evaluator, "Bilag", datetime(2011, 2, 7, 23, 30, tzinfo=UTC), "sen.pdf")
    hent(evaluator, "Kvittering", datetime(2011, 2, 7, 22, 30, tzinfo=UTC), "tidlig.pdf")
    hent(projektleder_101, "Bilag", datetime(2011, 2, 9, 10, 0, tzinfo=UTC), "leder.pdf")
    client = client_for(ministeriet)

    def filnavne(**params):
        svar = client.get(LOG, params)
        assert svar.status_code == 200
        return [h.filnavn for h in svar.context["side"]]

    assert filnavne() == ["leder.pdf", "sen.pdf", "tidlig.pdf"]
    assert filnavne(bruger=evaluator.pk) == ["sen.pdf", "tidlig.pdf"]
    assert filnavne(art="Bilag") == ["leder.pdf", "sen.pdf"]
    assert filnavne(fra="8.2.2011", til="8.2.2011") == ["sen.pdf"]
    assert filnavne(til="7.2.2011") == ["tidlig.pdf"]
    assert filnavne(bruger=evaluator.pk, art="Bilag", fra="2011-02-08") == ["sen.pdf"]

    side = client.get(LOG).content.decode()
    assert "08.02.2011 00.30" in side  # shown in Danish time
    assert '<option value="Kvittering">Kvittering</option>' in side


@pytest.mark.parametrize(
    ("params", "fejl"),
    [
        ({"fra": "31.2.2011"}, "Skriv en gyldig dato"),
        ({"fra": "9.2.2011", "til": "8.2.2011"}, "Til-datoen skal være samme dag som eller efter fra-datoen."),
        ({"bruger": "999999"}, "Vælg en bruger fra listen."),
        ({"art": "Findes ikke"}, "Vælg en art fra listen."),
        ({"side": "x"}, None),
    ],
)
def test_bad_filters_give_a_danish_message_not_an_error(client_for, ministeriet, evaluator, params, fejl):
    hent(evaluator, "Bilag", datetime(2011, 2, 8, 12, 0, tzinfo=UTC))
    svar = client_for(ministeriet).get(LOG, params)
    assert svar.status_code == 200
    if fejl:
        assert fejl in svar.content.decode()
    assert len(svar.context["side"]) == 1  # an invalid filter filters nothing


def test_the_log_pages_by_50_with_constant_queries(
    menuen, client_for, ministeriet, evaluator, django_assert_max_num_queries
):
    client = client_for(ministeriet)
    hent(evaluator, "Bilag", datetime(2011, 2, 8, 12, 0, tzinfo=UTC))
    with django_assert_max_num_queries(12 + menuen(ministeriet)) as faa:
        client.get(LOG)
    Hentning.objects.bulk_create([Hentning(bruger=evaluator, art="Rapport", filnavn=f"{i}.pdf") for i in range(120)])
    with django_assert_max_num_queries(len(faa.captured_queries)):
        svar = client.get(LOG, {"side": 2})
    assert len(svar.context["side"]) == 50
    side = svar.content.decode()
    assert "121 hentninger, side 2 af 3" in side
    assert re.search(r'href="\?side=2"\s+class="current-page"\s+aria-current="page"', side)
    assert 'href="?side=3"' in side
    # Filters stay on the page links.
    filtreret = client.get(LOG, {"art": "Rapport", "side": 1}).content.decode()
    assert 'href="?art=Rapport&amp;side=2"' in filtreret


def test_empty_log_says_so(client_for, ministeriet):
    assert "Ingen har hentet noget endnu." in client_for(ministeriet).get(LOG).content.decode()
