from django.db import migrations, models


class Migration(migrations.Migration):
    """An upload the checks refused is logged as a run in the new state AFVIST, with its errors and its file (for
    another try without choosing it again); it has no format when the file could not be read, and no data
    version, having previewed nothing."""

    dependencies = [
        ("profiler", "0008_dataversion"),
    ]

    operations = [
        migrations.AddField(
            model_name="importkoersel",
            name="fejl",
            field=models.JSONField(blank=True, default=list, verbose_name="fejl i filen"),
        ),
        migrations.AlterField(
            model_name="importkoersel",
            name="dataversion",
            field=models.UUIDField(blank=True, null=True, verbose_name="dataversion ved forhåndsvisning"),
        ),
        migrations.AlterField(
            model_name="importkoersel",
            name="format",
            field=models.CharField(
                blank=True,
                choices=[
                    ("dst_csv", "Statistikbankens CSV"),
                    ("dst_xlsx", "Statistikbankens XLSX"),
                    ("skabelon", "Projektets skabelon"),
                    ("dst_api", "Hentet fra Danmarks Statistiks API"),
                ],
                max_length=10,
                verbose_name="format",
            ),
        ),
        migrations.AlterField(
            model_name="importkoersel",
            name="tilstand",
            field=models.CharField(
                choices=[
                    ("forhaandsvist", "Forhåndsvist, ikke gennemført"),
                    ("gennemfoert", "Gennemført"),
                    ("fortrudt", "Fortrudt"),
                    ("kasseret", "Kasseret"),
                    ("afvist", "Afvist: fejl i filen"),
                ],
                default="forhaandsvist",
                max_length=15,
                verbose_name="tilstand",
            ),
        ),
    ]
