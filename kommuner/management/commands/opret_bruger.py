from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from forebyggelse.roller import Rolle
from kommuner.models import Kommune
from kommuner.services.kommuner import bruger_opret


class Command(BaseCommand):
    help = "Opretter en bruger med en rolle (eller opdaterer en eksisterende). Adgangskoden vælges via nulstilling."

    def add_arguments(self, parser):
        parser.add_argument("brugernavn")
        parser.add_argument("--rolle", required=True, choices=[r.value for r in Rolle])
        parser.add_argument("--kommune", action="append", default=[], help="kommunekode; kan gentages")
        parser.add_argument("--email", default="")
        parser.add_argument("--fornavn", default="")
        parser.add_argument("--efternavn", default="")

    def handle(self, *args, brugernavn, rolle, kommune, email, fornavn, efternavn, **options):
        kommuner = list(Kommune.objects.filter(kode__in=kommune))
        ukendte = set(kommune) - {k.kode for k in kommuner}
        if ukendte:
            raise CommandError(f"Ukendt kommunekode: {', '.join(sorted(ukendte))}")
        try:
            bruger = bruger_opret(
                brugernavn=brugernavn, rolle=rolle, kommuner=kommuner, email=email, fornavn=fornavn, efternavn=efternavn
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(self.style.SUCCESS(f"{bruger.username}: {bruger.get_rolle_display()}"))
