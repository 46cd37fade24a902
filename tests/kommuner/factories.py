from datetime import date, timedelta

import factory
from django.utils import timezone

from forebyggelse.roller import Rolle
from kommuner.models import Ansoegning, Bruger, Kommune, Program, ProgramStatus, Svar
from kommuner.services.ansoegninger import Ansoegningsindhold, ansoegning_gem, ansoegning_indsend, ansoegning_opret
from kommuner.services.kommuner import bruger_opret
from kommuner.services.programmer import program_opret

PASSWORD = "hemmelig-test-kode"


class BrugerFactory(factory.django.DjangoModelFactory):
    """Users are created through the service, as everywhere else; `kommuner` are codes or Kommune objects."""

    class Meta:
        model = Bruger

    username = factory.Sequence(lambda n: f"bruger{n}")
    rolle = Rolle.MINISTERIET
    password = PASSWORD
    kommuner = ()

    @classmethod
    def _create(cls, model_class, *, username, rolle, password, kommuner, **kwargs):
        kommuner = [k if isinstance(k, Kommune) else Kommune.objects.get(kode=k) for k in kommuner]
        return bruger_opret(
            brugernavn=username,
            rolle=rolle,
            kommuner=kommuner,
            password=password,
            fornavn=kwargs.get("first_name", "Test"),
            efternavn=kwargs.get("last_name", rolle),
            email=kwargs.get("email", f"{username}@example.org"),
        )


class ProgramFactory(factory.django.DjangoModelFactory):
    """An open programme over 2011–2012 whose deadline is a week from now."""

    class Meta:
        model = Program

    navn = factory.Sequence(lambda n: f"Testprogram {n}")
    startdato = date(2011, 1, 1)
    slutdato = date(2012, 12, 31)
    samlet_budget = 8_000_000
    ansoegningsfrist = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    beskrivelse = "Et program til test."
    status = ProgramStatus.AABEN

    @classmethod
    def _create(cls, model_class, **kwargs):
        return program_opret(**kwargs)


# A complete application: every section of the form filled in, amounts for both years.
UDFYLDT = {
    "kommune_navn": "Testkommune",
    "cvr": "64942212",
    "adresse": "Testvej 1",
    "postnr_by": "1000 København K",
    "telefon": "33 66 33 66",
    "email": "kommune@example.org",
    "kontakt_navn": "Eksempel Kontakt",
    "kontakt_titel": "Projektleder, Socialforvaltningen",
    "kontakt_telefon": "33 66 33 67",
    "kontakt_email": "kontakt@example.org",
    "afventer_politisk_godkendelse": True,
    # The standard form's sections B–G by number.
    "svar": {
        1: "Direktionen har besluttet at søge.",
        2: "Baggrunden for at søge.",
        3: "Sådan kommer vi i gang.",
        4: "De planlagte aktiviteter.",
        5: "Bemandingen.",
        6: "Tidsplanen.",
    },
}


def svar_tekst(ansoegning: Ansoegning, nr: int) -> str:
    """The application's answer to its form's section number `nr` ("" when not answered)."""
    svar = Svar.objects.filter(ansoegning=ansoegning, afsnit__nr=nr).first()
    return svar.tekst if svar else ""


def projektleder_for(kommune: Kommune) -> Bruger:
    return kommune.projektledere.first() or BrugerFactory(rolle=Rolle.PROJEKTLEDER, kommuner=[kommune])


class AnsoegningFactory(factory.django.DjangoModelFactory):
    """An expression of interest, made through the services. `udfyldt=True` fills in every section;
    `indsendt=True` also submits it (which makes the PDF receipt); `beloeb` maps year → amount applied for."""

    class Meta:
        model = Ansoegning

    program = factory.SubFactory(ProgramFactory)
    kommune = factory.LazyFunction(lambda: Kommune.objects.get(kode="101"))
    udfyldt = False
    indsendt = False
    beloeb = factory.LazyFunction(lambda: {2011: 1_400_000, 2012: 1_800_000})

    @classmethod
    def _create(cls, model_class, *, program, kommune, udfyldt, indsendt, beloeb):
        ansoegning = ansoegning_opret(program=program, kommune=kommune)
        if udfyldt or indsendt:
            leder = projektleder_for(kommune)
            ansoegning = ansoegning_gem(
                ansoegning=ansoegning, indhold=Ansoegningsindhold(**UDFYLDT), beloeb=beloeb, bruger=leder
            )
            if indsendt:
                ansoegning_indsend(ansoegning=ansoegning, bruger=leder)
                ansoegning.refresh_from_db()
        return ansoegning
