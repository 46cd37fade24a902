"""The 98 municipalities were loaded before their history was tracked. A baseline snapshot of each gives
the first real change something to be compared with, so it shows as old → new like every later one."""

from django.db import migrations
from django.utils import timezone

FELTER = ["kode", "navn", "region", "kommunegruppe_id", "cvr", "adresse", "postnr_by", "telefon", "email"]


def grundlag(apps, schema_editor):
    Kommune = apps.get_model("kommuner", "Kommune")
    KommuneEvent = apps.get_model("kommuner", "KommuneEvent")
    nu = timezone.now()
    KommuneEvent.objects.bulk_create(
        KommuneEvent(
            pgh_obj_id=k.pk,
            pgh_label="grundlag",
            pgh_created_at=nu,
            id=k.pk,
            **{felt: getattr(k, felt) for felt in FELTER},
        )
        for k in Kommune.objects.all()
    )


def fjern(apps, schema_editor):
    apps.get_model("kommuner", "KommuneEvent").objects.filter(pgh_label="grundlag").delete()


class Migration(migrations.Migration):
    dependencies = [("kommuner", "0003_programmer_ansoegninger_vurdering_og_bevilling")]

    operations = [migrations.RunPython(grundlag, fjern)]
