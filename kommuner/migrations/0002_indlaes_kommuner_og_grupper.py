import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"
KILDE = "Danmarks Statistik, KOMMUNEGRUPPER_V1_2018"


def _rows(name):
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def indlaes(apps, schema_editor):
    Kommune = apps.get_model("kommuner", "Kommune")
    Kommunegruppe = apps.get_model("kommuner", "Kommunegruppe")
    grupper = {}
    for row in _rows("kommunegrupper_2018.csv"):
        kode = int(row["gruppe_kode"])
        if kode not in grupper:
            grupper[kode], _ = Kommunegruppe.objects.update_or_create(
                kode=kode, defaults={"navn": row["gruppe_navn"], "kilde": KILDE}
            )
    gruppe_for_kommune = {row["kode"]: grupper[int(row["gruppe_kode"])] for row in _rows("kommunegrupper_2018.csv")}
    for row in _rows("kommuner.csv"):
        Kommune.objects.update_or_create(
            kode=row["kode"],
            defaults={
                "navn": row["navn"],
                "region": row["region"],
                "kommunegruppe": gruppe_for_kommune[row["kode"]],
            },
        )


def fjern(apps, schema_editor):
    apps.get_model("kommuner", "Kommune").objects.all().delete()
    apps.get_model("kommuner", "Kommunegruppe").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("kommuner", "0001_opret_kommuner_og_brugere")]

    operations = [migrations.RunPython(indlaes, fjern)]
