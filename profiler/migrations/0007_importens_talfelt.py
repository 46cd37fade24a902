from django.db import migrations


class Migration(migrations.Migration):
    """The import's choice of numerator, denominator or value is `talfelt`: `maal` is a strategy's goal."""

    dependencies = [
        ("profiler", "0006_versionsnummer_paa_indikatorer"),
    ]

    operations = [
        migrations.RenameField(model_name="importkoersel", old_name="maal", new_name="talfelt"),
    ]
