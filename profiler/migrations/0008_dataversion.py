from django.db import migrations, models


class Migration(migrations.Migration):
    """The lock row whose key changes with every write is the data version; "datastand" is the time the data
    are as of (evaluering.selectors.datastand). Renames keep the row and the previews' keys."""

    dependencies = [
        ("profiler", "0007_importens_talfelt"),
    ]

    operations = [
        migrations.RenameModel(old_name="Datastand", new_name="Dataversion"),
        migrations.AlterModelOptions(
            name="dataversion", options={"verbose_name": "dataversion", "verbose_name_plural": "dataversion"}
        ),
        migrations.RenameField(model_name="importkoersel", old_name="datastand", new_name="dataversion"),
        migrations.AlterField(
            model_name="importkoersel",
            name="dataversion",
            field=models.UUIDField(verbose_name="dataversion ved forhåndsvisning"),
        ),
    ]
