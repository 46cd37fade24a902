"""Import through the pages: upload → preview → confirm, 0 changes the second time, undo; a bad file lists its
errors and writes nothing; two confirms at once (two real transactions) cannot both write."""

import re
import threading
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from forebyggelse.formatering import tidspunkt
from profiler.models import ImportKoersel, Indikator, Koerselstilstand, Observation, Talfelt
from profiler.services.importer import import_forhaandsvis, import_gennemfoer
from tests.profiler.factories import skabelon

FILER = Path(__file__).resolve().parent.parent / "fixtures" / "profiler"


def upload(client, navn: str, indhold: bytes, **felter):
    data = {"fil": SimpleUploadedFile(navn, indhold), "talfelt": Talfelt.TAELLER, "datastatus": "endelig", **felter}
    return client.post("/noegletal/import/", data)


@pytest.mark.django_db
def test_upload_preview_confirm_reimport_and_undo(client_for, ministeriet):
    client = client_for(ministeriet)
    indikator = Indikator.objects.get(kode="anmeldte_forbrydelser")
    indhold = (FILER / "should_pass" / "straf11_koder.csv").read_bytes()

    svar = upload(client, "straf11.csv", indhold, indikator=indikator.pk)
    koersel = ImportKoersel.objects.get()
    assert svar["Location"] == f"/noegletal/importer/{koersel.pk}/"
    html = client.get(svar["Location"]).content.decode()
    assert "Forhåndsvisning – intet er ændret endnu" in html and "3 ændringer" in html
    assert not Observation.objects.exists()

    svar = client.post(f"/noegletal/importer/{koersel.pk}/gennemfoer/", follow=True)
    assert "Importen er gennemført: 3 ændringer (3 nye, 0 ændrede)." in svar.content.decode()
    assert Observation.objects.get(kommune__kode="101", indikator=indikator, aar=2011).taeller == 99787

    upload(client, "straf11.csv", indhold, indikator=indikator.pk)
    igen = ImportKoersel.objects.order_by("-pk").first()
    assert "Ingen værdier ændres" in client.get(f"/noegletal/importer/{igen.pk}/").content.decode()
    svar = client.post(f"/noegletal/importer/{igen.pk}/gennemfoer/", follow=True)
    assert "Importen er gennemført: 0 ændringer" in svar.content.decode()

    # Undo asks first: the button on the import leads to a question, and only its answer undoes.
    assert (
        f'href="/noegletal/importer/{koersel.pk}/fortryd/"'
        in client.get(f"/noegletal/importer/{koersel.pk}/").content.decode()
    )
    spoergsmaal = client.get(f"/noegletal/importer/{koersel.pk}/fortryd/").content.decode()
    assert "3 nye værdier fjernes" in spoergsmaal and 'name="bekraeft" value="ja"' in spoergsmaal
    svar = client.post(f"/noegletal/importer/{koersel.pk}/fortryd/")
    assert svar["Location"] == f"/noegletal/importer/{koersel.pk}/fortryd/"  # a POST without the answer asks
    assert Observation.objects.count() == 3
    svar = client.post(f"/noegletal/importer/{koersel.pk}/fortryd/", {"bekraeft": "ja"}, follow=True)
    assert "Importen er fortrudt" in svar.content.decode()
    assert not Observation.objects.exists()
    # Once undone, the question is not asked again.
    assert client.get(f"/noegletal/importer/{koersel.pk}/fortryd/")["Location"] == f"/noegletal/importer/{koersel.pk}/"


@pytest.mark.django_db
def test_a_bad_file_lists_every_error_and_writes_nothing(client_for, ministeriet):
    indhold = "OMRÅDE;TID;INDHOLD\nKøbenhavnn;2011K1;1\n101;2011K2;-3\n".encode()
    svar = upload(
        client_for(ministeriet), "fejl.csv", indhold, indikator=Indikator.objects.get(kode="anmeldte_forbrydelser").pk
    )
    assert svar.status_code == 400
    html = svar.content.decode()
    assert "Filen kan ikke importeres: 2 fejl, alle vist herunder. Intet er ændret." in html
    assert "Række 2, kolonne OMRÅDE: Ukendt område &#x27;Københavnn&#x27;" in html
    assert "Række 3, kolonne INDHOLD: Negative tal kan ikke importeres (-3)." in html
    assert not ImportKoersel.objects.exists()


@pytest.mark.django_db
def test_a_file_with_many_errors_shows_every_one(client_for, ministeriet):
    indhold = (
        "OMRÅDE;TID;INDHOLD\n" + "".join(f"101;{2000 + n % 14}K{n % 4 + 1};-{n}\n" for n in range(1, 451))
    ).encode()
    svar = upload(
        client_for(ministeriet), "fejl.csv", indhold, indikator=Indikator.objects.get(kode="anmeldte_forbrydelser").pk
    )
    html = svar.content.decode()
    fejl = html[html.index('class="alert-text import-fejl"') : html.index("</ul>", html.index("import-fejl"))]
    assert fejl.count("<li>") == 450 and "Række 451" in fejl and "fejl mere" not in fejl
    assert "Filen kan ikke importeres: 450 fejl, alle vist herunder." in html


@pytest.mark.django_db
def test_after_an_error_the_page_asks_for_the_file_again_and_keeps_the_other_choices(client_for, ministeriet):
    indikator = Indikator.objects.get(kode="anmeldte_forbrydelser")
    svar = upload(
        client_for(ministeriet),
        "fejl.csv",
        "OMRÅDE;TID;INDHOLD\n101;2011K2;-3\n".encode(),
        indikator=indikator.pk,
        talfelt=Talfelt.NAEVNER,
        datastatus="foreloebig",
    )
    html = svar.content.decode()
    assert "Ret filen, og vælg den igen. Dine andre valg er bevaret." in html  # at the file field
    assert f'<option value="{indikator.pk}" selected>' in html
    assert re.search(r'value="naevner"[^>]*checked', html) and re.search(r'value="foreloebig"[^>]*checked', html)


@pytest.mark.django_db
def test_the_preview_says_how_many_rows_were_skipped_and_why(client_for, ministeriet):
    indikator = Indikator.objects.get(kode="anmeldte_forbrydelser")
    raekker = [("Hele landet", f"2011K{k}", 100) for k in range(1, 5)]
    raekker += [(f"Region {r}", f"2011K{k}", 10) for r in ("Hovedstaden", "Sjælland") for k in range(1, 5)]
    raekker += [("084", "2011K1", 5), ("Christiansø", "2011K1", 1), ("101", "2011K1", 7), ("Landsdel Fyn", "2011K1", 3)]
    client = client_for(ministeriet)
    svar = upload(
        client,
        "dst.csv",
        "\n".join(["OMRÅDE;TID;INDHOLD", *(";".join(map(str, r)) for r in raekker)]).encode(),
        indikator=indikator.pk,
    )
    html = client.get(svar["Location"]).content.decode()
    assert (
        "15 rækker sprunget over, fordi de ikke er kommuner: hele landet (4), regioner (9), andre områder (1), "
        "landsdele (1)." in html
    )


@pytest.mark.django_db
def test_the_import_pages_write_dates_as_elsewhere(client_for, ministeriet):
    indikator = Indikator.objects.get(kode="anmeldte_forbrydelser")
    koersel = import_forhaandsvis(
        filnavn="a.csv", indhold=skabelon([("101", indikator.kode, 2011, 10, 100)]), bruger=ministeriet
    )
    import_gennemfoer(koersel=koersel, bruger=ministeriet)
    koersel.refresh_from_db()
    client = client_for(ministeriet)
    for side, tid in (
        ("/noegletal/importer/", koersel.oprettet),
        (f"/noegletal/importer/{koersel.pk}/", koersel.oprettet),
        (f"/noegletal/importer/{koersel.pk}/fortryd/", koersel.gennemfoert),
    ):
        html = client.get(side).content.decode()
        assert tidspunkt(tid) in html, side
        assert not re.search(r"\b\d\d\.\d\d\.\d{4}\b", html), side  # no 05.12.2026


@pytest.mark.django_db
def test_the_template_can_be_downloaded(client_for, ministeriet):
    svar = client_for(ministeriet).get("/noegletal/import/skabelon.csv")
    assert svar.content.decode("utf-8-sig").startswith("kommunekode;indikator;aar;taeller;naevner\r\n")


def _samtidigt(*opgaver):
    """Run each task in its own thread with its own database connection, all at once; collect outcomes."""
    resultater, start = [], threading.Barrier(len(opgaver))

    def koer(opgave):
        try:
            start.wait()
            resultater.append(("ok", opgave()))
        except ValidationError as exc:
            resultater.append(("fejl", " ".join(exc.messages)))
        finally:
            connection.close()  # each thread had its own connection

    traade = [threading.Thread(target=koer, args=(o,)) for o in opgaver]
    for t in traade:
        t.start()
    for t in traade:
        t.join()
    return resultater


@pytest.mark.django_db(transaction=True)
def test_two_previews_of_the_same_state_cannot_both_be_confirmed(kommunedata_og_katalog):
    indikator = Indikator.objects.get(kode="anmeldte_forbrydelser")
    a = import_forhaandsvis(filnavn="a.csv", indhold=skabelon([("101", indikator.kode, 2011, 10, 100)]), bruger=None)
    b = import_forhaandsvis(filnavn="b.csv", indhold=skabelon([("101", indikator.kode, 2011, 20, 100)]), bruger=None)
    resultater = _samtidigt(
        lambda: import_gennemfoer(koersel=a, bruger=None), lambda: import_gennemfoer(koersel=b, bruger=None)
    )
    assert sorted(r[0] for r in resultater) == ["fejl", "ok"]
    assert "Lav forhåndsvisningen igen" in next(r[1] for r in resultater if r[0] == "fejl")
    vinder = next(r[1] for r in resultater if r[0] == "ok")
    assert Observation.objects.get(kommune__kode="101", indikator=indikator, aar=2011).taeller == (
        10 if vinder.pk == a.pk else 20
    )


@pytest.mark.django_db(transaction=True)
def test_the_same_preview_confirmed_twice_at_once_writes_once(kommunedata_og_katalog):
    indikator = Indikator.objects.get(kode="anmeldte_forbrydelser")
    a = import_forhaandsvis(filnavn="a.csv", indhold=skabelon([("101", indikator.kode, 2011, 10, 100)]), bruger=None)
    resultater = _samtidigt(
        lambda: import_gennemfoer(koersel=a, bruger=None), lambda: import_gennemfoer(koersel=a, bruger=None)
    )
    assert sorted(r[0] for r in resultater) == ["fejl", "ok"]
    assert "Importen er gennemført" in next(r[1] for r in resultater if r[0] == "fejl")
    assert ImportKoersel.objects.get(pk=a.pk).tilstand == Koerselstilstand.GENNEMFOERT
