"""Import through the pages: upload → preview → confirm, 0 changes the second time, undo; a bad file lists its
errors, writes no figures and is logged as rejected with its file kept for its uploader's next try; two confirms
at once (two real transactions) cannot both write."""

import re
import threading
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from forebyggelse.formatering import tidspunkt
from forebyggelse.roller import Rolle
from profiler.models import ImportKoersel, ImportRaekke, Indikator, Koerselstilstand, Observation, Talfelt
from profiler.services.importer import import_afvis, import_forhaandsvis, import_gennemfoer
from tests.kommuner.factories import BrugerFactory
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
    assert not Observation.objects.exists() and not ImportRaekke.objects.exists()
    afvist = ImportKoersel.objects.get()  # the attempt is logged, rejected, with its errors and its file
    assert (afvist.tilstand, afvist.filnavn, bytes(afvist.fil)) == (Koerselstilstand.AFVIST, "fejl.csv", indhold)
    assert len(afvist.fejl) == 2 and afvist.dataversion is None


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


def _beholdt(html: str) -> str:
    """The value of the hidden field that carries the kept file to the next try."""
    felt = re.search(r'<input type="hidden" name="beholdt_fil"[^>]*>', html).group(0)
    return re.search(r'value="([^"]*)"', felt).group(1) if "value=" in felt else ""


@pytest.mark.django_db
def test_after_an_error_the_file_is_kept_and_the_next_try_needs_only_the_changed_choice(client_for, ministeriet):
    indikator = Indikator.objects.get(kode="anmeldte_forbrydelser")
    indhold = (FILER / "should_pass" / "straf11_koder.csv").read_bytes()
    client = client_for(ministeriet)
    svar = upload(client, "straf11 <b>.csv", indhold, talfelt=Talfelt.NAEVNER, datastatus="foreloebig")
    assert svar.status_code == 400
    html = svar.content.decode()
    assert "Vælg den indikator, filen fra Statistikbanken hører til." in html
    afvist = ImportKoersel.objects.get(tilstand=Koerselstilstand.AFVIST)
    assert _beholdt(html) == str(afvist.pk)
    assert "Valgt fil: straf11 &lt;b&gt;.csv — beholdt; vælg en anden fil for at erstatte den." in html
    assert re.search(r'value="naevner"[^>]*checked', html) and re.search(r'value="foreloebig"[^>]*checked', html)

    # The indicator was missing: choose it and try again, without choosing the file again.
    svar = client.post(
        "/noegletal/import/",
        {"beholdt_fil": _beholdt(html), "indikator": indikator.pk, "talfelt": Talfelt.TAELLER, "datastatus": "endelig"},
    )
    koersel = ImportKoersel.objects.get(tilstand=Koerselstilstand.FORHAANDSVIST)
    assert svar["Location"] == f"/noegletal/importer/{koersel.pk}/"
    assert (koersel.filnavn, bytes(koersel.fil), koersel.indikator, koersel.antal_nye) == (
        "straf11 <b>.csv",
        indhold,
        indikator,
        3,
    )


@pytest.mark.django_db
def test_a_new_file_replaces_the_kept_one(client_for, ministeriet):
    indikator = Indikator.objects.get(kode="anmeldte_forbrydelser")
    client = client_for(ministeriet)
    html = upload(client, "fejl.csv", b"OMR\xc3\x85DE;TID;INDHOLD\n101;2011K2;-3\n", indikator=indikator.pk).content
    svar = upload(
        client,
        "rettet.csv",
        (FILER / "should_pass" / "straf11_koder.csv").read_bytes(),
        indikator=indikator.pk,
        beholdt_fil=_beholdt(html.decode()),
    )
    koersel = ImportKoersel.objects.get(tilstand=Koerselstilstand.FORHAANDSVIST)
    assert svar["Location"] == f"/noegletal/importer/{koersel.pk}/" and koersel.filnavn == "rettet.csv"


@pytest.mark.django_db
def test_a_kept_file_serves_only_its_uploader_and_a_made_up_one_is_a_form_error(client_for, ministeriet):
    indikator = Indikator.objects.get(kode="anmeldte_forbrydelser")
    upload(client_for(ministeriet), "hemmelig.csv", b"OMR\xc3\x85DE;TID;INDHOLD\n101;2011K2;-3\n")
    afvist = ImportKoersel.objects.get()
    forhaandsvist = import_forhaandsvis(
        filnavn="egen.csv", indhold=skabelon([("101", indikator.kode, 2011, 10, 100)]), bruger=ministeriet
    )
    kollega = BrugerFactory(username="kollega", rolle=Rolle.MINISTERIET)
    client = Client()
    client.force_login(kollega)
    for beholdt in (afvist.pk, forhaandsvist.pk, "abc", "-1", "99999999999999999999999", "١٢", "0"):
        svar = client.post(
            "/noegletal/import/",
            {"beholdt_fil": beholdt, "indikator": indikator.pk, "talfelt": "taeller", "datastatus": "endelig"},
        )
        html = svar.content.decode()
        assert svar.status_code == 200, beholdt
        assert "Den fil, du valgte før, kan ikke bruges igen. Vælg filen på ny." in html, beholdt
        assert "hemmelig" not in html and "egen.csv" not in html and _beholdt(html) == "", beholdt
    assert ImportKoersel.objects.count() == 2  # no new run came from someone else's file
    # Its own uploader may use it only while it is rejected.
    client = client_for(ministeriet)
    svar = client.post("/noegletal/import/", {"beholdt_fil": forhaandsvist.pk, "datastatus": "endelig"})
    assert "Den fil, du valgte før, kan ikke bruges igen." in svar.content.decode()


@pytest.mark.django_db
def test_a_file_over_the_size_limit_is_logged_but_not_kept(ministeriet, client_for, monkeypatch):
    monkeypatch.setattr("profiler.importering.laesning.MAKS_FILSTOERRELSE", 10)
    monkeypatch.setattr("profiler.services.importer.MAKS_FILSTOERRELSE", 10)
    client = client_for(ministeriet)
    html = upload(client, "stor.csv", b"OMR\xc3\x85DE;TID;INDHOLD\n").content.decode()
    afvist = ImportKoersel.objects.get()
    assert bytes(afvist.fil) == b"" and afvist.tilstand == Koerselstilstand.AFVIST
    assert _beholdt(html) == "" and "Valgt fil" not in html and "vælg den igen" in html
    detalje = client.get(f"/noegletal/importer/{afvist.pk}/").content.decode()
    assert "filen er ikke gemt" in detalje and f"/noegletal/importer/{afvist.pk}/fil/" not in detalje


@pytest.mark.django_db
def test_a_rejected_attempt_is_listed_shows_every_error_and_cannot_be_confirmed_or_undone(client_for, ministeriet):
    indikator = Indikator.objects.get(kode="anmeldte_forbrydelser")
    client = client_for(ministeriet)
    foer = import_forhaandsvis(
        filnavn="god.csv", indhold=skabelon([("101", indikator.kode, 2011, 10, 100)]), bruger=ministeriet
    )
    indhold = "OMRÅDE;TID;INDHOLD\n" + "".join(f"101;{2000 + n % 14}K{n % 4 + 1};-{n}\n" for n in range(1, 61))
    upload(client, "fejl.csv", indhold.encode(), indikator=indikator.pk)
    afvist = ImportKoersel.objects.get(tilstand=Koerselstilstand.AFVIST)

    liste = client.get("/noegletal/importer/").content.decode()
    raekke = re.search(rf'<a href="/noegletal/importer/{afvist.pk}/">.*?</tr>', liste, re.S).group(0)
    assert "fejl.csv" in raekke and "Afvist: fejl i filen" in raekke
    detalje = client.get(f"/noegletal/importer/{afvist.pk}/").content.decode()
    assert "Afvist: 60 fejl i filen – intet er ændret" in detalje
    assert detalje.count("Negative tal kan ikke importeres") == 60
    assert not any(t in detalje for t in ("Gennemfør importen", "Fortryd importen", "Det blev ændret"))
    assert f'href="/noegletal/importer/{afvist.pk}/fil/"' in detalje
    assert client.get(f"/noegletal/importer/{afvist.pk}/fil/").content == indhold.encode()

    for handling, grund in (("gennemfoer", "Importen er afvist: fejl i filen."), ("kasser", "Kun en forhåndsvisning")):
        svar = client.post(f"/noegletal/importer/{afvist.pk}/{handling}/", follow=True)
        assert svar.status_code == 200 and grund in svar.content.decode(), handling
    assert client.get(f"/noegletal/importer/{afvist.pk}/fortryd/")["Location"] == f"/noegletal/importer/{afvist.pk}/"
    svar = client.post(f"/noegletal/importer/{afvist.pk}/fortryd/", {"bekraeft": "ja"}, follow=True)
    assert "Kun en gennemført import kan fortrydes." in svar.content.decode()
    assert ImportKoersel.objects.get(pk=afvist.pk).tilstand == Koerselstilstand.AFVIST
    # A rejected attempt changes no data version: the preview made before it can still be confirmed.
    import_gennemfoer(koersel=foer, bruger=ministeriet)
    assert Observation.objects.get(kommune__kode="101", indikator=indikator, aar=2011).taeller == 10


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
    afvist = import_afvis(filnavn="b.csv", indhold=b"x", bruger=ministeriet, fejl=["Fejl."], indikator=indikator)
    client = client_for(ministeriet)
    for side, tid in (
        ("/noegletal/importer/", koersel.oprettet),
        ("/noegletal/importer/", afvist.oprettet),
        (f"/noegletal/importer/{koersel.pk}/", koersel.oprettet),
        (f"/noegletal/importer/{koersel.pk}/fortryd/", koersel.gennemfoert),
        (f"/noegletal/importer/{afvist.pk}/", afvist.oprettet),
        (f"/noegletal/indikatorer/{indikator.kode}/", afvist.oprettet),
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
