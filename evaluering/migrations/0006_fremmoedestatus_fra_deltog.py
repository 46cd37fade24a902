import pgtrigger
from django.db import migrations

# Attendance was yes or no; now it is present, sent apologies (with the reason) or absent. A "no" recorded before
# does not say whether the municipality sent apologies, so it becomes "absent" and keeps its remark; the minutes
# (kept as the meeting's general notes) are not touched.


def frem(apps, schema_editor):
    Fremmoede = apps.get_model("evaluering", "Fremmoede")
    FremmoedeEvent = apps.get_model("evaluering", "FremmoedeEvent")
    # The stored answer is translated, not changed: no new history event, and the old events are translated with the
    # rows so the history shows the same answer it showed before.
    with pgtrigger.ignore("evaluering.Fremmoede:update_update"):
        Fremmoede.objects.filter(deltog=True).update(status="til_stede")
        Fremmoede.objects.filter(deltog=False).update(status="fravaerende")
    FremmoedeEvent.objects.filter(deltog=True).update(status="til_stede")
    FremmoedeEvent.objects.filter(deltog=False).update(status="fravaerende")


def tilbage(apps, schema_editor):
    Fremmoede = apps.get_model("evaluering", "Fremmoede")
    FremmoedeEvent = apps.get_model("evaluering", "FremmoedeEvent")
    with pgtrigger.ignore("evaluering.Fremmoede:update_update"):
        Fremmoede.objects.update(deltog=False)
        Fremmoede.objects.filter(status="til_stede").update(deltog=True)
    FremmoedeEvent.objects.update(deltog=False)
    FremmoedeEvent.objects.filter(status="til_stede").update(deltog=True)


class Migration(migrations.Migration):
    dependencies = [
        ("evaluering", "0005_referat_pr_dagsordenspunkt_og_fremmoedestatus"),
    ]

    operations = [migrations.RunPython(frem, tilbage)]
