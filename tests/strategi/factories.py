"""Test data for strategies, made through the services like everywhere else: a participation through the
programme's own application, assessment and decision; strategies, structure, goals, actions and offers through
strategi/services."""

from datetime import date
from decimal import Decimal

import factory

from forebyggelse.roller import Rolle
from kommuner.models import Bruger, Deltagelse, Kommune, Program
from kommuner.services.bevillinger import afgoerelse_traef
from profiler.models import Retning
from strategi.models import (
    Aktoertype,
    Farve,
    Handling,
    HandlingStatus,
    Indsatsomraade,
    Kapacitetsenhed,
    Maal,
    MaalArt,
    Maalgruppetype,
    Strategi,
    Tilbud,
    Trin,
)
from strategi.services.handlinger import Handlingsindhold, handling_gem
from strategi.services.maal import Maalindhold, maal_gem
from strategi.services.strategier import strategi_godkend, strategi_indsend, strategi_opret
from strategi.services.struktur import aktoer_gem, indsatsomraade_gem, maalgruppe_gem, tilbud_gem
from tests.kommuner.factories import AnsoegningFactory, BrugerFactory, ProgramFactory, projektleder_for


def ministeriet() -> Bruger:
    return Bruger.objects.filter(rolle=Rolle.MINISTERIET).first() or BrugerFactory(rolle=Rolle.MINISTERIET)


def deltagelse_for(kommune: Kommune, program: Program | None = None) -> Deltagelse:
    """A municipality selected for a programme: its application submitted and decided through the services."""
    program = program or ProgramFactory()
    ansoegning = AnsoegningFactory(program=program, kommune=kommune, indsendt=True)
    afgoerelse_traef(
        ansoegning=ansoegning,
        udvalgt=True,
        begrundelse="Udvalgt.",
        bevillinger={aar: 100_000 for aar in program.aar},
        bruger=ministeriet(),
    )
    return Deltagelse.objects.select_related("program", "kommune").get(ansoegning=ansoegning)


class StrategiFactory(factory.django.DjangoModelFactory):
    """A strategy for a new participation of København (or `kommune`). `fuld=True` gives it what submission needs
    (vision, a target group, a focus area with a goal and an action); `status` 'indsendt' or 'godkendt' takes it
    that far."""

    class Meta:
        model = Strategi

    kommune = factory.LazyFunction(lambda: Kommune.objects.get(kode="101"))
    program = None
    deltagelse = None
    titel = "Forebyggelsesstrategi"
    fuld = False
    status = "kladde"

    @classmethod
    def _create(cls, model_class, *, kommune, program, deltagelse, titel, fuld, status):
        deltagelse = deltagelse or deltagelse_for(kommune, program)
        leder = projektleder_for(deltagelse.kommune)
        strategi = strategi_opret(deltagelse=deltagelse, titel=titel, bruger=leder)
        if fuld or status != "kladde":
            udfyld(strategi, leder)
        if status in {"indsendt", "godkendt"}:
            strategi = strategi_indsend(strategi=strategi, bruger=leder)
        if status == "godkendt":
            strategi = strategi_godkend(strategi=strategi, bruger=ministeriet())
        return Strategi.objects.med_kommune().get(pk=strategi.pk)


def udfyld(strategi: Strategi, leder: Bruger) -> None:
    from strategi.services.strategier import strategi_gem

    strategi = strategi_gem(
        strategi=strategi,
        titel=strategi.titel,
        vision="Færre anbringelser, flere børn i almene tilbud.",
        boernepolitik="",
        boernepolitik_url="",
        version=strategi.version,
        bruger=leder,
    )
    gruppe = maalgruppe_gem(
        strategi=strategi,
        maalgruppe=None,
        type=Maalgruppetype.SMAA_BOERN,
        navn="",
        antal_boern=100,
        beskrivelse="",
        bruger=leder,
    )
    aktoer = aktoer_gem(strategi=strategi, aktoer=None, type=Aktoertype.SUNDHEDSPLEJE, navn="", rolle="", bruger=leder)
    omraade = indsatsomraade_gem(
        strategi=strategi,
        indsatsomraade=None,
        navn="Tidlig opsporing",
        beskrivelse="",
        maalgrupper=[gruppe],
        aktoerer=[aktoer],
        bruger=leder,
    )
    maal = MaalFactory(strategi=strategi, indsatsomraade=omraade)
    HandlingFactory(strategi=strategi, indsatsomraade=omraade, maal=(maal,))


def _omraade(strategi: Strategi) -> Indsatsomraade:
    omraade = strategi.indsatsomraader.order_by("pk").first()
    if omraade is None:
        omraade = indsatsomraade_gem(
            strategi=strategi,
            indsatsomraade=None,
            navn="Tidlig opsporing",
            beskrivelse="",
            maalgrupper=[],
            aktoerer=[],
            bruger=projektleder_for(strategi.kommune),
        )
    return omraade


class MaalFactory(factory.django.DjangoModelFactory):
    """An own-measure goal from 20 (2011) to 80 (2012), higher is better, through maal_gem."""

    class Meta:
        model = Maal

    strategi = factory.SubFactory(StrategiFactory)
    indsatsomraade = None
    tekst = factory.Sequence(lambda n: f"Mål {n}")
    art = MaalArt.KORT
    indikator = None
    egen_maaling = "Andel med screening"
    egen_enhed = "pct."
    baseline_vaerdi = Decimal(20)
    baseline_aar = 2011
    maalvaerdi = Decimal(80)
    maal_aar = 2012
    retning = Retning.HOEJERE
    retning_bekraeftet = False
    bidrager_til = None

    @classmethod
    def _create(cls, model_class, *, strategi, indsatsomraade, **felter):
        return maal_gem(
            strategi=strategi,
            maal=None,
            indhold=Maalindhold(indsatsomraade=indsatsomraade or _omraade(strategi), **felter),
            version=0,
            bruger=projektleder_for(strategi.kommune),
        )


class HandlingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Handling

    strategi = factory.SubFactory(StrategiFactory)
    indsatsomraade = None
    titel = factory.Sequence(lambda n: f"Handling {n}")
    ansvarlig = "Børnefamiliecentret"
    start = date(2011, 9, 1)
    slut = date(2012, 6, 30)
    status = HandlingStatus.I_GANG
    farve = Farve.GROEN
    forventet_udgift = 100_000
    maal = ()

    @classmethod
    def _create(cls, model_class, *, strategi, indsatsomraade, maal, **felter):
        return handling_gem(
            strategi=strategi,
            handling=None,
            indhold=Handlingsindhold(indsatsomraade=indsatsomraade or _omraade(strategi), maal=tuple(maal), **felter),
            version=0,
            bruger=projektleder_for(strategi.kommune),
        )


class TilbudFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tilbud

    strategi = factory.SubFactory(StrategiFactory)
    navn = factory.Sequence(lambda n: f"Tilbud {n}")
    art = "Åben rådgivning"
    trin = Trin.TIDLIG
    kapacitet = 100
    kapacitetsenhed = Kapacitetsenhed.FORLOEB
    evidensprogram = ""

    @classmethod
    def _create(cls, model_class, *, strategi, **felter):
        return tilbud_gem(
            strategi=strategi,
            tilbud=None,
            maalgruppe=None,
            aktoer=None,
            beskrivelse="",
            bruger=projektleder_for(strategi.kommune),
            **felter,
        )


def godkend(strategi: Strategi) -> Strategi:
    """Submit and approve a strategy through the services, as its lead and the ministry."""
    strategi = strategi_indsend(strategi=strategi, bruger=projektleder_for(strategi.kommune))
    strategi_godkend(strategi=strategi, bruger=ministeriet())
    return Strategi.objects.med_kommune().get(pk=strategi.pk)
