from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from forebyggelse.backup import BackupFejl, backup_lav
from forebyggelse.formatering import tal


class Command(BaseCommand):
    help = "Skriver en backup af databasen (pg_dump -Fc) med dansk tid i filnavnet. Se docs/drift.md."

    def add_arguments(self, parser):
        parser.add_argument("--mappe", type=Path, default=None, help="Mappen, backuppen skrives i (BACKUP_MAPPE).")

    def handle(self, *args, mappe: Path | None = None, **options):
        try:
            fil = backup_lav(mappe=mappe or settings.BACKUP_MAPPE)
        except BackupFejl as fejl:
            raise CommandError(str(fejl)) from None
        self.stdout.write(self.style.SUCCESS(f"Backup skrevet: {fil} ({tal(fil.stat().st_size)} bytes)"))
