"""python manage.py export_nogletal FILE [--format csv|xlsx] [--indikator CODE] [--aar YEAR]: the download's table,
all 98 municipalities, suppression applied."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from forebyggelse.eksport import skriv_csv, skriv_xlsx
from profiler.eksporter import noegletal_tabel
from profiler.importering.kontrol import AAR_MIN, aar_max
from profiler.models import Indikator


class Command(BaseCommand):
    help = "Skriver nøgletallene for alle 98 kommuner til en CSV- eller XLSX-fil (små tal er skjult)."

    def add_arguments(self, parser):
        parser.add_argument("fil")
        parser.add_argument("--format", choices=["csv", "xlsx"], help="Standard: efter filens endelse, ellers csv")
        parser.add_argument("--indikator", help="Kun denne indikator (kode)")
        parser.add_argument("--aar", type=int, help="Kun dette år")

    def handle(self, *args, fil, format, indikator, aar, **options):
        sti = Path(fil)
        format = format or ("xlsx" if sti.suffix.lower() == ".xlsx" else "csv")
        valgt = None
        if indikator:
            valgt = Indikator.objects.filter(kode=indikator).first()
            if valgt is None:
                raise CommandError(f"Ukendt indikator '{indikator}'.")
        if aar is not None and not AAR_MIN <= aar <= aar_max():
            raise CommandError(f"Året skal ligge mellem {AAR_MIN} og {aar_max()}.")
        kolonner, raekker = noegletal_tabel(indikator=valgt, aar=aar)
        raekker = list(raekker)
        with sti.open("wb") as ud:
            (skriv_xlsx if format == "xlsx" else skriv_csv)(ud, kolonner, raekker)
        self.stdout.write(self.style.SUCCESS(f"{len(raekker)} rækker skrevet til {sti} ({format.upper()})."))
