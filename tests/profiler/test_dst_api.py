"""'Hent fra Danmarks Statistik' against a small local HTTP server that answers like the StatBank API's data call
(never the network): the request, the answer through preview → confirm, and the failures."""

import contextlib
import csv
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from profiler.models import Importformat, ImportKoersel, Indikator, Observation, Talfelt
from profiler.services.importer import import_gennemfoer, import_hent_fra_dst

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent.parent.parent / "profiler" / "data"
STRAF11 = {
    (r["kode"], r["tid"]): r["anmeldte_forbrydelser"]
    for r in csv.DictReader((DATA / "straf11_anmeldte_forbrydelser_kvartal_2010_2013.csv").open(encoding="utf-8"))
}


def svar_csv(anmodning: dict) -> str:
    """What the API answers with valuePresentation=Code: one column per variable in the request's order, TID and
    INDHOLD last; STRAF11 from the real extract, other tables with made-up numbers."""
    variabler = {v["code"].upper(): v["values"] for v in anmodning["variables"]}
    tider = variabler.pop("TID")
    omraade = next(iter(variabler))
    linjer = [";".join([*variabler, "TID", "INDHOLD"])]
    andre = [(k, v) for k, v in variabler.items() if k != omraade]
    kombinationer = [[]]
    for _, vaerdier in andre:
        kombinationer = [[*k, v] for k in kombinationer for v in vaerdier]
    for kode in variabler[omraade]:
        for kombination in kombinationer:
            for tid in tider:
                if anmodning["table"] == "STRAF11":
                    tal = STRAF11.get((kode, tid), "..")
                else:
                    tal = str(100 + int(kode) % 7 + sum(int(v) for v in kombination if v.isdigit()))
                linjer.append(";".join([kode, *kombination, tid, tal]))
    return "\n".join(linjer) + "\n"


@pytest.fixture
def dst(settings):
    tilstand = {"maade": "csv", "anmodninger": []}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            anmodning = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            tilstand["anmodninger"].append((self.path, anmodning))
            if tilstand["maade"] == "langsom":
                time.sleep(1.5)
            if tilstand["maade"] == "fejl":
                self._send(
                    400,
                    "application/json",
                    json.dumps(
                        {"errorTypeCode": "EXTRACT-NOTFOUND", "message": "Tabellen STRAF11 har ingen variabel OVERTRÆD"}
                    ),
                )
                return
            self._send(200, "text/csv; charset=utf-8", svar_csv(anmodning))

        def _send(self, status, type_, tekst):
            indhold = tekst.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", type_)
            self.send_header("Content-Length", str(len(indhold)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(indhold)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.block_on_close = False
    traad = threading.Thread(target=server.serve_forever, daemon=True)
    traad.start()
    settings.DST_API_URL = f"http://127.0.0.1:{server.server_address[1]}/v1"
    settings.DST_API_TIMEOUT = 0.5
    yield tilstand
    server.shutdown()
    server.server_close()


def hent(kode: str, talfelt: str = Talfelt.TAELLER, fra: int = 2011, til: int = 2011):
    return import_hent_fra_dst(
        indikator=Indikator.objects.get(kode=kode), talfelt=talfelt, fra_aar=fra, til_aar=til, bruger=None
    )


def test_the_numerator_is_fetched_for_all_98_municipalities_and_previewed_like_a_file(dst):
    koersel = hent("anmeldte_forbrydelser")
    ((sti, anmodning),) = dst["anmodninger"]
    assert sti == "/v1/data"
    assert anmodning["table"] == "STRAF11" and anmodning["format"] == "CSV"
    assert anmodning["valuePresentation"] == "Code"
    variabler = {v["code"]: v["values"] for v in anmodning["variables"]}
    assert len(variabler["OMRÅDE"]) == 98 and "101" in variabler["OMRÅDE"]
    assert variabler["Tid"] == ["2011K1", "2011K2", "2011K3", "2011K4"]  # a flow: all four quarters
    assert variabler["OVERTRÆD"] == ["TOT"]

    assert koersel.format == Importformat.DST_API and koersel.forespoergsel == anmodning
    assert koersel.antal_nye == 98
    import_gennemfoer(koersel=koersel, bruger=None)
    kbh = Observation.objects.get(kommune__kode="101", indikator__kode="anmeldte_forbrydelser", aar=2011)
    assert kbh.taeller == 23124 + 24343 + 25227 + 27093


def test_a_denominator_sums_the_ages_asked_for_and_takes_1_january(dst):
    import_gennemfoer(koersel=hent("anbragte_0_17", Talfelt.NAEVNER), bruger=None)
    ((_, anmodning),) = dst["anmodninger"]
    variabler = {v["code"]: v["values"] for v in anmodning["variables"]}
    assert variabler["Tid"] == ["2011K1"]  # a stock: the first quarter only
    assert variabler["ALDER"] == [str(a) for a in range(18)]
    kbh = Observation.objects.get(kommune__kode="101", indikator__kode="anbragte_0_17", aar=2011)
    assert kbh.naevner == sum(100 + 101 % 7 + a for a in range(18))


def test_an_error_from_statistics_denmark_is_shown_and_nothing_changes(dst):
    dst["maade"] = "fejl"
    with pytest.raises(ValidationError, match="svarede med en fejl \\(400\\): Tabellen STRAF11 har ingen variabel"):
        hent("anmeldte_forbrydelser")
    assert not ImportKoersel.objects.exists()


def test_an_api_that_does_not_answer_in_time_gives_a_danish_message(dst):
    dst["maade"] = "langsom"
    with pytest.raises(ValidationError, match="Danmarks Statistiks API kunne ikke nås"):
        hent("anmeldte_forbrydelser")
    assert not ImportKoersel.objects.exists()


def test_an_api_that_cannot_be_reached_gives_a_danish_message(settings):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings.DST_API_URL = f"http://127.0.0.1:{port}/v1"  # nobody listens there now
    with pytest.raises(ValidationError, match=r"kunne ikke nås.*intet er ændret"):
        hent("anmeldte_forbrydelser")
    assert not ImportKoersel.objects.exists() and not Observation.objects.exists()


def test_own_figures_cannot_be_fetched(dst):
    with pytest.raises(ValidationError, match="kommer ikke fra Statistikbanken"):
        hent("specialundervisning")
    assert dst["anmodninger"] == []


def test_the_ministry_presses_fetch_and_sees_the_preview(dst, client_for, ministeriet):
    client = client_for(ministeriet)
    data = {"talfelt": "taeller", "fra_aar": 2011, "til_aar": 2011, "datastatus": "endelig"}
    svar = client.post("/noegletal/indikatorer/anmeldte_forbrydelser/hent/", data)
    koersel = ImportKoersel.objects.get()
    assert svar["Location"] == f"/noegletal/importer/{koersel.pk}/"
    html = client.get(svar["Location"]).content.decode()
    assert "Forhåndsvisning – intet er ændret endnu" in html and "Hentet fra Danmarks Statistiks API" in html

    dst["maade"] = "langsom"
    svar = client.post("/noegletal/indikatorer/anmeldte_forbrydelser/hent/", data)
    assert svar.status_code == 400
    assert "Danmarks Statistiks API kunne ikke nås" in svar.content.decode()
    assert ImportKoersel.objects.count() == 1
