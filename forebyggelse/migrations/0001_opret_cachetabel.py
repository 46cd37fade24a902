"""The cache every app server shares (Django's database cache): the same table `createcachetable` makes."""

from django.db import migrations

TABEL = "forebyggelse_cache"


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.RunSQL(
            f'CREATE TABLE "{TABEL}" ("cache_key" varchar(255) NOT NULL PRIMARY KEY, "value" text NOT NULL, '
            f'"expires" timestamp with time zone NOT NULL); '
            f'CREATE INDEX "{TABEL}_expires" ON "{TABEL}" ("expires");',
            f'DROP TABLE "{TABEL}";',
        )
    ]
