from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from evaluering.demo import indlaes_demo_evaluering, indlaes_demo_strategileverance
from forebyggelse.roller import Rolle
from kommuner.demo import (
    PROGRAMNAVN,
    indlaes_alle_kommuner,
    indlaes_demo_organisation,
    indlaes_demo_program,
    indlaes_naeste_program,
    indlaes_omlaegningsprogram,
)
from kommuner.models import Bruger, Kommune, Program
from kommuner.services.kommuner import bruger_opret
from profiler.demo import indlaes_demo_noegletal
from strategi.demo import indlaes_demo_strategier, indlaes_eksempelstrategier

DEMO_PASSWORD = "demo"

# (brugernavn, rolle, kommunekoder, fornavn, efternavn): invented example users, no real persons.
DEMO_BRUGERE = [
    ("ministeriet", Rolle.MINISTERIET, [], "Eksempel", "Ministeriet"),
    ("evaluator", Rolle.EVALUATOR, [], "Eksempel", "Evaluator"),
    ("styregruppe", Rolle.STYREGRUPPE, [], "Eksempel", "Styregruppe"),
    ("projektleder-101", Rolle.PROJEKTLEDER, ["101"], "Eksempel", "Projektleder København"),
    ("projektleder-147", Rolle.PROJEKTLEDER, ["147"], "Eksempel", "Projektleder Frederiksberg"),
]


class Command(BaseCommand):
    help = "Indlæser demo-opsætningen (demo-brugere og eksempeldata). Kun i demo-tilstand."

    def add_arguments(self, parser):
        parser.add_argument(
            "--alle-kommuner",
            action="store_true",
            help="Lad alle 98 kommuner deltage i demoprogrammet med en eksempelstrategi og en projektleder "
            "(projektleder-<kode>), til belastningstesten og benchmarks.",
        )

    def handle(self, *args, alle_kommuner=False, **options):
        if not getattr(settings, "DEMO_MODE", False):
            raise CommandError("Demo-data kan kun indlæses i demo-tilstand (de lokale indstillinger). Intet er ændret.")
        # The demo's decisions would e-mail the example leads; in demo set-up nobody should get mail. Its data cover the
        # whole programme as recorded history, so they are loaded on the calendar's day even when the portal is set to
        # show a day within the programme (PORTAL_I_DAG): a vote on 13 June 2012 is not "in the future" to the loader.
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend", PORTAL_I_DAG=""),
            transaction.atomic(),
        ):
            for brugernavn, rolle, koder, fornavn, efternavn in DEMO_BRUGERE:
                bruger_opret(
                    brugernavn=brugernavn,
                    rolle=rolle,
                    kommuner=Kommune.objects.filter(kode__in=koder),
                    password=DEMO_PASSWORD,
                    fornavn=fornavn,
                    efternavn=efternavn,
                    email=f"{brugernavn}@example.org",
                )
            ministeriet = Bruger.objects.get(username="ministeriet")
            program = indlaes_demo_program(ministeriet=ministeriet)
            indlaes_demo_organisation(program=Program.objects.get(navn=PROGRAMNAVN))
            evaluering = indlaes_demo_evaluering(ministeriet=ministeriet, program=Program.objects.get(navn=PROGRAMNAVN))
            noegletal = indlaes_demo_noegletal(ministeriet=ministeriet)
            # After the programme (and the social profiles): the strategies hang on its participations.
            strategier = indlaes_demo_strategier(ministeriet=ministeriet)
            # The delivery freezes the profiles and strategies loaded above.
            indlaes_demo_strategileverance(ministeriet=ministeriet, program=Program.objects.get(navn=PROGRAMNAVN))
            indlaes_naeste_program(ministeriet=ministeriet)
            indlaes_omlaegningsprogram(ministeriet=ministeriet)
            if alle_kommuner:
                for kommune in Kommune.objects.exclude(
                    kode__in=[k for _, _, koder, _, _ in DEMO_BRUGERE for k in koder]
                ):
                    bruger_opret(
                        brugernavn=f"projektleder-{kommune.kode}",
                        rolle=Rolle.PROJEKTLEDER,
                        kommuner=[kommune],
                        password=DEMO_PASSWORD,
                        fornavn="Eksempel",
                        efternavn=f"Projektleder {kommune.navn}",
                        email=f"projektleder-{kommune.kode}@example.org",
                    )
                nye = indlaes_alle_kommuner(ministeriet=ministeriet)
                nye_strategier = indlaes_eksempelstrategier(ministeriet=ministeriet)
        self.stdout.write(self.style.SUCCESS("Demo-opsætningen er indlæst."))
        if program is None:
            self.stdout.write(f"{PROGRAMNAVN} fandtes allerede og er ikke ændret.")
        if not evaluering:
            self.stdout.write("Tidsplan, møder og dataleverancer fandtes allerede og er ikke ændret.")
        if not noegletal:
            self.stdout.write("Nøgletallene fandtes allerede og er ikke ændret.")
        if strategier is None:
            self.stdout.write("Demoens forebyggelsesstrategier fandtes allerede og er ikke ændret.")
        if alle_kommuner:
            self.stdout.write(
                f"Alle kommuner deltager: {nye} nye deltagere og {nye_strategier} nye eksempelstrategier; "
                "de nye projektledere hedder projektleder-<kommunekode>."
            )
        self.stdout.write("Demo-logins (adgangskode for alle: demo):")
        for brugernavn, rolle, koder, _, _ in DEMO_BRUGERE:
            kommuner = f" ({', '.join(koder)})" if koder else ""
            self.stdout.write(f"  {brugernavn:<18} {rolle.label}{kommuner}")
        if settings.TOFAKTOR_PAAKRAEVET:
            self.stdout.write("Tofaktor-login er påkrævet: ministeriet og evaluator sætter det op ved første login.")
