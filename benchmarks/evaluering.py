"""`make bench` for the reports: how long the programme's status report (five participants, the demo programme) and a
municipality's status report take to make as PDF, through their download views as a user fetches them, against the
floor: a one-page PDF through the same helper and base template. Also the other PDFs a report package holds, and the
whole package. The issue's limits: the programme report under 10 s, a municipality's report under 3 s.

python -m benchmarks.evaluering      (part of `make bench`)
"""

import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forebyggelse.settings.test")
os.environ.setdefault("FOREBYGGELSE_TEST_DB", "bench_evaluering")

import logging

import django

django.setup()
logging.getLogger("procrastinate").setLevel(logging.WARNING)  # the demo's queued e-mails say so on every load

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.template import Context, Template  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

GENTAGELSER = 3
GRAENSER = {"programmets statusrapport": 10.0, "kommunens statusrapport": 3.0}

EN_SIDE = Template(
    '{% extends "pdf/base.html" %}{% block titel %}Én side{% endblock %}'
    "{% block indhold %}<h1>Én side</h1><p>Gulvet: en side med samme hjælper og samme basisskabelon.</p>"
    "{% endblock %}"
)


def _median(gor) -> float:
    gor()  # warm caches (charts, key figures) and fonts
    tider = []
    for _ in range(GENTAGELSER):
        start = time.perf_counter()
        gor()
        tider.append(time.perf_counter() - start)
    return statistics.median(tider)


def _hent(client: Client, url: str):
    def gor():
        svar = client.get(url)
        assert svar.status_code == 200 and svar["Content-Type"] == "application/pdf", (url, svar.status_code)

    return gor


def main() -> int:
    from django.test.utils import setup_databases, teardown_databases

    from evaluering.pakker import byg_pakke
    from forebyggelse.pdf import html_til_pdf
    from kommuner.models import Bruger, Program
    from strategi.models import Strategi

    setup_test_environment()
    db = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    resultater: dict[str, float] = {}
    try:
        with transaction.atomic(), override_settings(DEMO_MODE=True):
            call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
            program = Program.objects.get()
            evaluator = Bruger.objects.get(username="evaluator")
            client = Client()
            client.force_login(evaluator)
            deltagere = program.deltagelser.count()
            strategi = Strategi.objects.get(deltagelse__kommune__kode="101")

            def en_side():
                html_til_pdf(EN_SIDE.render(Context({"eksporteret": timezone.now(), "stempel": "udskrevet"})))

            resultater["én side (gulvet)"] = _median(en_side)
            resultater["programmets statusrapport"] = _median(
                _hent(client, f"/programmer/{program.pk}/rapporter/status.pdf")
            )
            resultater["kommunens statusrapport"] = _median(
                _hent(client, f"/programmer/{program.pk}/rapporter/101/status.pdf")
            )
            resultater["social profil (profiler)"] = _median(_hent(client, "/profiler/101/2011/pdf/"))
            resultater["strategi (strategi)"] = _median(_hent(client, f"/strategier/{strategi.pk}/pdf/"))
            start = time.perf_counter()
            pakke = byg_pakke(program=program, art="alt", bruger=evaluator, i_dag=timezone.localdate())
            resultater[f"hele pakken ({len(pakke.manifest)} filer)"] = time.perf_counter() - start
            transaction.set_rollback(True)
    finally:
        teardown_databases(db, verbosity=0)

    print(f"PDF'er fra demoens program ({deltagere} deltagere), median af {GENTAGELSER} efter en opvarmning:")
    fejl = 0
    for navn, sekunder in resultater.items():
        graense = GRAENSER.get(navn)
        vurdering = ""
        if graense is not None:
            ok = sekunder < graense
            fejl += not ok
            vurdering = f"   (grænse {graense:.0f} s: {'ok' if ok else 'FOR LANGSOM'})"
        print(f"  {navn:<32}{sekunder:7.2f} s{vurdering}")
    return 1 if fejl else 0


if __name__ == "__main__":
    sys.exit(main())
