import json
from pathlib import Path

from django.db import migrations

KATALOG = Path(__file__).resolve().parent.parent / "data" / "indikatorer.json"


def indlaes(apps, schema_editor):
    Indikator = apps.get_model("profiler", "Indikator")
    indikatorer = json.loads(KATALOG.read_text(encoding="utf-8"))["indikatorer"]
    for data in indikatorer:
        felter = {k: v for k, v in data.items() if k not in {"kode", "del_af"}}
        Indikator.objects.update_or_create(kode=data["kode"], defaults=felter)
    for data in indikatorer:
        if data.get("del_af"):
            Indikator.objects.filter(kode=data["kode"]).update(del_af=Indikator.objects.get(kode=data["del_af"]))


def fjern(apps, schema_editor):
    Indikator = apps.get_model("profiler", "Indikator")
    koder = [d["kode"] for d in json.loads(KATALOG.read_text(encoding="utf-8"))["indikatorer"]]
    Indikator.objects.filter(kode__in=koder, del_af__isnull=False).delete()
    Indikator.objects.filter(kode__in=koder).delete()


class Migration(migrations.Migration):
    dependencies = [("profiler", "0001_opret_noegletal_og_profiler")]

    operations = [migrations.RunPython(indlaes, fjern)]
