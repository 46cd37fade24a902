"""python manage.py import_statbank FILE --indikator CODE [--dry-run]: the upload page's pipeline from the shell."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kommuner.models import Bruger
from profiler.models import Datastatus, ImportRaekke, Indikator, Talfelt
from profiler.services.importer import import_forhaandsvis, import_gennemfoer, talfelt_for


class Command(BaseCommand):
    help = (
        "Importerer nøgletal fra en fil fra Statistikbanken (CSV eller XLSX) eller projektets skabelon. Viser først, "
        "hvad der ændres; med --dry-run gemmes intet."
    )

    def add_arguments(self, parser):
        parser.add_argument("fil", help="CSV- eller XLSX-filen")
        parser.add_argument("--indikator", help="Indikatorens kode (kræves for filer fra Statistikbanken)")
        parser.add_argument(
            "--naevner", action="store_true", help="Filens tal er indikatorens nævner (ellers tælleren)"
        )
        parser.add_argument(
            "--status", choices=Datastatus.values, default=Datastatus.ENDELIG, help="Tallenes status (endelig)"
        )
        parser.add_argument("--bruger", help="Brugernavnet, importen registreres på")
        parser.add_argument("--dry-run", action="store_true", help="Vis ændringerne uden at gemme noget")

    def handle(self, *args, fil, indikator, naevner, status, bruger, dry_run, **options):
        sti = Path(fil)
        if not sti.is_file():
            raise CommandError(f"Filen {fil} findes ikke.")
        valgt = None
        if indikator:
            valgt = Indikator.objects.filter(kode=indikator).first()
            if valgt is None:
                raise CommandError(f"Ukendt indikator '{indikator}'. Se kataloget for koderne.")
        person = None
        if bruger:
            person = Bruger.objects.filter(username=bruger).first()
            if person is None:
                raise CommandError(f"Ukendt bruger '{bruger}'.")
        try:
            with transaction.atomic():
                koersel = import_forhaandsvis(
                    filnavn=sti.name,
                    indhold=sti.read_bytes(),
                    bruger=person,
                    datastatus=status,
                    indikator=valgt,
                    talfelt=talfelt_for(valgt, naevner) if valgt else Talfelt.TAELLER,
                )
                self._vis(koersel)
                if dry_run:
                    transaction.set_rollback(True)
                else:
                    import_gennemfoer(koersel=koersel, bruger=person)
        except ValidationError as exc:
            raise CommandError("Filen kan ikke importeres; intet er ændret:\n" + "\n".join(exc.messages)) from None
        if dry_run:
            self.stdout.write("Prøvekørsel: intet er gemt.")
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Import {koersel.pk} er gennemført: {koersel.antal_aendringer} ændringer.")
            )

    def _vis(self, koersel):
        self.stdout.write(
            f"{koersel.filnavn}: {koersel.antal_raekker} værdier; {koersel.antal_aendringer} ændringer "
            f"({koersel.antal_nye} nye, {koersel.antal_aendrede} ændrede, {koersel.antal_uaendrede} uændrede)."
        )
        for bemaerkning in koersel.bemaerkninger:
            self.stdout.write(f"Bemærk: {bemaerkning}")
        for r in ImportRaekke.objects.filter(koersel=koersel).select_related("kommune", "indikator")[:10]:
            foer = f"{r.gl_taeller}/{r.gl_naevner}" if r.fandtes else "ny"
            self.stdout.write(f"  {r.kommune.kode} {r.indikator.kode} {r.aar}: {foer} → {r.ny_taeller}/{r.ny_naevner}")
