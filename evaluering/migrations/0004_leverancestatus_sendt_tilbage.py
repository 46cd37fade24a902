import pgtrigger
from django.db import migrations

# "Returneret" and "sendt tilbage" were two words for the same act; the portal says "sendt tilbage" everywhere.
GAMMEL, NY = "returneret", "sendt_tilbage"


def _omdoeb(apps, fra: str, til: str) -> None:
    Kommuneleverance = apps.get_model("evaluering", "Kommuneleverance")
    Indsendelse = apps.get_model("evaluering", "Indsendelse")
    KommuneleveranceEvent = apps.get_model("evaluering", "KommuneleveranceEvent")
    # The stored value is renamed, not changed: no new history event, and the old events are renamed with the rows
    # so the history still shows the state's label ("Sendt tilbage med kommentar"), not a bare old value.
    with pgtrigger.ignore("evaluering.Kommuneleverance:update_update"):
        Kommuneleverance.objects.filter(status=fra).update(status=til)
    Indsendelse.objects.filter(resultat=fra).update(resultat=til)
    KommuneleveranceEvent.objects.filter(status=fra).update(status=til)


def frem(apps, schema_editor):
    _omdoeb(apps, GAMMEL, NY)


def tilbage(apps, schema_editor):
    _omdoeb(apps, NY, GAMMEL)


class Migration(migrations.Migration):
    dependencies = [
        ("evaluering", "0003_leverancestatus_sendt_tilbage_plads"),
    ]

    operations = [migrations.RunPython(frem, tilbage)]
