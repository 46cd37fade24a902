"""The evaluator's package at national scale: the demo with all 98 municipalities in the 2011 programme
(`load_demo --alle-kommuner`), ordered as a background job and made in parts as the workers make it. Its manifest
lists every file of the ZIP once, with the right SHA-256, and every participant has its reports.

WeasyPrint and the chart drawing are replaced by stand-ins made from a hash of their input (same input, same bytes),
as in the other package tests: what is checked here is the package's assembly at scale; the PDFs and charts
themselves are rendered and read back in test_demo.py, and their speed at 98 is measured by `make bench`."""

import csv
import hashlib
import io
import json
import zipfile
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from evaluering.models import Jobstatus, Kommuneleverance, Pakkedel, Rapportpakke
from evaluering.services.rapporter import rapportpakke_bestil
from kommuner.demo import PROGRAMNAVN
from kommuner.models import Bruger, Program
from strategi.permissions import strategier_til_laesning
from tests.evaluering.factories import koer_ventende_jobs

pytestmark = pytest.mark.django_db


def _graf(spec: dict) -> str:
    navn = hashlib.sha256(json.dumps(spec, sort_keys=True, default=str).encode()).hexdigest()
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>{navn}</title></svg>'


@pytest.fixture(scope="module")
def national(django_db_setup, django_db_blocker, tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("kommuner.services.ansoegninger.html_til_pdf", lambda html: b"%PDF-1.4\n%%EOF\n")
        for modul in ("forebyggelse.grafer", "profiler.grafer", "evaluering.diagrammer"):
            mp.setattr(f"{modul}.tegn", _graf)
        mp.setattr(
            "forebyggelse.pdf.html_til_pdf",
            lambda html, *, billeder=None: b"%PDF-1.7 " + hashlib.sha256(html.encode()).hexdigest().encode(),
        )
        with (
            django_db_blocker.unblock(),
            transaction.atomic(),
            override_settings(DEMO_MODE=True, MEDIA_ROOT=tmp_path_factory.mktemp("media")),
        ):
            call_command("load_demo", "--alle-kommuner", stdout=io.StringIO())
            program = Program.objects.get(navn=PROGRAMNAVN)
            evaluator = Bruger.objects.get(username="evaluator")
            job = rapportpakke_bestil(program=program, art="alt", bruger=evaluator)
            koer_ventende_jobs()
            job.refresh_from_db()
            dele = list(Pakkedel.objects.filter(job=job))  # none left once the package is made
            pakke = Rapportpakke.objects.get(program=program)
            with pakke.fil.open("rb") as fil:
                indhold = fil.read()
            yield {
                "program": program,
                "job": job,
                "dele": dele,
                "pakke": pakke,
                "arkiv": zipfile.ZipFile(io.BytesIO(indhold)),
                "deltagere": list(program.deltagelser.values_list("kommune__kode", flat=True)),
                "strategier": strategier_til_laesning(evaluator).filter(deltagelse__program=program).count(),
                # The package holds each municipality's latest submission of each delivery.
                "indsendelser": Kommuneleverance.objects.filter(
                    dataleverance__program=program, indsendelser__isnull=False
                )
                .distinct()
                .count(),
            }
            transaction.set_rollback(True)


def test_the_package_at_98_lists_every_file_once_with_its_sha256(national):
    job, pakke, arkiv = national["job"], national["pakke"], national["arkiv"]
    assert len(national["deltagere"]) == 98
    assert job.status == Jobstatus.FAERDIG, job.fejl
    assert job.resultat_url == f"/rapportpakker/{pakke.pk}/" and not national["dele"]
    navne = arkiv.namelist()
    assert navne[0] == "manifest.csv" and len(navne) == len(set(navne))
    raekker = list(csv.reader(io.StringIO(arkiv.read("manifest.csv").decode("utf-8-sig")), delimiter=";"))
    assert raekker[0] == ["fil", "sha256", "dannet", "kilde"]
    listet = Counter(r[0] for r in raekker[1:])
    assert set(listet.values()) == {1} and set(listet) == set(navne) - {"manifest.csv"}
    for navn, sha, _, _ in raekker[1:]:
        assert hashlib.sha256(arkiv.read(navn)).hexdigest() == sha, navn
    # The manifest kept with the package (the download page's) is the one in the ZIP.
    assert [(f["fil"], f["sha256"]) for f in pakke.manifest] == [(r[0], r[1]) for r in raekker[1:]]
    assert pakke.sha256 == hashlib.sha256(pakke.fil.open("rb").read()).hexdigest()


def test_every_participant_has_its_reports_and_every_delivery_is_there(national):
    navne = national["arkiv"].namelist()
    mapper = Counter(n.split("/")[1].split("-")[0] for n in navne if n.startswith("rapporter/") and n.count("/") == 2)
    assert set(mapper) == set(national["deltagere"])
    for kode in national["deltagere"]:
        filer = [n for n in navne if n.startswith(f"rapporter/{kode}-")]
        assert any(n.endswith("/statusrapport.pdf") for n in filer), kode
        assert any("/social-profil-" in n for n in filer), kode
    assert sum(n.endswith("/forebyggelsesstrategi.pdf") for n in navne) == national["strategier"]
    assert sum(n.startswith("leverancer/") and n.endswith(".json") for n in navne) == national["indsendelser"]
    assert "rapporter/programstatus.pdf" in navne and "dataordbog.csv" in navne
    assert sum(n.startswith("data/") for n in navne) == 8
