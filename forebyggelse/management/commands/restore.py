from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from forebyggelse.backup import BackupFejl, restore
from forebyggelse.formatering import tal


class Command(BaseCommand):
    help = (
        "Gendanner en backup (fra manage.py backup) i en ny database. En database med tabeller overskrives kun "
        "med --overskriv. Se docs/drift.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("fil", type=Path, help="Backupfilen (.dump).")
        parser.add_argument("--database", default=None, help="Databasen, der gendannes i (standard: appens egen).")
        parser.add_argument("--overskriv", action="store_true", help="Slet og genskab databasen, selv om den har data.")

    def handle(self, *args, fil: Path, database: str | None, overskriv: bool, **options):
        try:
            antal = restore(fil=fil, database=database, overskriv=overskriv)
        except BackupFejl as fejl:
            raise CommandError(str(fejl)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Gendannet fra {fil}: {tal(len(antal))} tabeller med {tal(sum(antal.values()))} rækker i alt."
            )
        )
