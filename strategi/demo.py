"""The demo strategies of Forebyggelsesprojektet 2011–2012.

København's strategy has the three focus areas the municipality chose for the programme (its council decision of
2011): tools for early detection of children at risk, a procedure for transitions, and flexible offers including
alternatives to day treatment. Its goals, actions, offers, follow-ups and numbers are invented example data that
show every status and colour (the strategy is marked `eksempeldata`, and every page and the PDF say so). The four
other participants get small example strategies in different states, so the overviews across participants have
something to show. Everything is made through the same services the application uses, with the dates of the
programme.

The goals on indicators use the social profile's figures. Where the profile has no figure yet for a participant
(the profile's own demo not loaded), example figures are imported through the profile's ordinary import (marked as
example data) rather than written here.
"""

from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal

import pghistory

from forebyggelse.formatering import dansk_tidspunkt
from kommuner.demo import PROGRAMNAVN
from kommuner.models import Bruger, Deltagelse, Program
from profiler.models import Indikator, Observation, Retning
from profiler.selectors import noegletal
from profiler.services.importer import import_forhaandsvis, import_gennemfoer
from strategi.models import (
    Aktoertype,
    Evidensprogram,
    Farve,
    HandlingStatus,
    Kapacitetsenhed,
    Maal,
    MaalArt,
    Maalgruppetype,
    Strategi,
    Trin,
)
from strategi.services.fremskridt import Fremskridtsindhold, fremskridt_kommenter, fremskridt_registrer
from strategi.services.gennemgang import Gennemgangspunkt, aarsgennemgang_gem
from strategi.services.handlinger import Handlingsindhold, handling_gem
from strategi.services.maal import Maalindhold, maal_gem, opfoelgning_opret
from strategi.services.strategier import (
    kommentar_opret,
    strategi_gem,
    strategi_godkend,
    strategi_indsend,
    strategi_opret,
    strategi_registrer_vedtagelse,
)
from strategi.services.struktur import (
    aktoer_gem,
    delstrategi_gem,
    indsatsomraade_gem,
    maalgruppe_gem,
    tilbud_gem,
)

EKSEMPEL = "Eksempeldata: "
AAR = (2010, 2011, 2012)


# Example key figures, imported only where the social profile has none ------------------------------------

# Per municipality: the denominators (children 0–17, pupils' age 6–16, inhabitants) and a level per indicator.
NAEVNERE = {
    "101": (95_000, 52_000, 540_000),
    "147": (17_000, 9_500, 100_000),
    "751": (62_000, 37_000, 315_000),
    "461": (38_000, 22_000, 192_000),
    "860": (14_000, 8_600, 65_000),
}
NIVEAU = {  # rate in 2010, change per year
    "anbragte_0_17": {
        "101": (16.8, -0.7),
        "147": (9.5, -0.3),
        "751": (11.2, -0.2),
        "461": (12.4, 0.1),
        "860": (13.1, -0.4),
    },
    "elever_specialskoler": {
        "101": (18.5, -0.6),
        "147": (14.0, -0.2),
        "751": (15.2, 0.2),
        "461": (16.1, -0.3),
        "860": (13.4, 0.0),
    },
    "anmeldte_forbrydelser": {
        "101": (110.0, -5.0),
        "147": (75.0, -2.0),
        "751": (80.0, -1.5),
        "461": (84.0, -2.5),
        "860": (52.0, -1.0),
    },
}
NAEVNER_NR = {"anbragte_0_17": 0, "elever_specialskoler": 1, "anmeldte_forbrydelser": 2}


def sikr_noegletal(*, ministeriet: Bruger) -> int:
    """Import example figures (marked as example data) for the demo's indicators and participants where the profile
    has no observation. Returns how many values were imported."""
    raekker = []
    for kode, niveauer in NIVEAU.items():
        indikator = Indikator.objects.get(kode=kode)
        findes = set(
            Observation.objects.filter(indikator=indikator, aar__in=AAR, kommune__kode__in=niveauer).values_list(
                "kommune__kode", "aar"
            )
        )
        for kommunekode, (start, aendring) in niveauer.items():
            naevner = NAEVNERE[kommunekode][NAEVNER_NR[kode]]
            for n, aar in enumerate(AAR):
                if (kommunekode, aar) in findes:
                    continue
                rate = Decimal(str(start + aendring * n))
                taeller = round(rate * naevner / 1000)
                raekker.append(f"{kommunekode};{kode};{aar};{taeller};{naevner}")
    if not raekker:
        return 0
    indhold = ("kommunekode;indikator;aar;taeller;naevner\n" + "\n".join(raekker) + "\n").encode()
    koersel = import_forhaandsvis(
        filnavn="eksempeltal-til-strategierne.csv", indhold=indhold, bruger=ministeriet, eksempeldata=True
    )
    import_gennemfoer(koersel=koersel, bruger=ministeriet)
    return len(raekker)


# The plans ------------------------------------------------------------------------------------------------


@dataclass
class MaalPlan:
    noegle: str
    tekst: str
    art: str
    omraade: int
    delstrategi: int | None = None
    indikator: str = ""  # an indicator's code, or
    egen: tuple[str, str] = ("", "")  # own measure: (name, unit)
    baseline: Decimal | None = None  # None: the municipality's figure in the social profile
    baseline_aar: int = 2010
    maal: Decimal | None = None  # the target, or
    aendring: Decimal = Decimal(0)  # the target as a change from the baseline
    maal_aar: int = 2012
    retning: str = Retning.LAVERE
    bidrager_til: str = ""
    opfoelgninger: list[tuple[date, str, str, str]] = field(default_factory=list)  # (dato, værdi, periode, kommentar)


@dataclass
class HandlingPlan:
    titel: str
    omraade: int
    farve: str
    status: str
    start: date
    slut: date
    ansvarlig: str
    udgift: int | None
    maal: tuple[str, ...] = ()
    aktoerer: tuple[str, ...] = ()
    delstrategi: int | None = None
    beskrivelse: str = ""


@dataclass
class Plan:
    titel: str
    vision: str
    boernepolitik: str
    omraader: list[tuple[str, str, list[tuple[str, str]]]]  # (navn, beskrivelse, delstrategier (navn, beskrivelse))
    maalgrupper: list[tuple[str, str, int, str]]  # (type, navn, antal børn, beskrivelse)
    aktoerer: list[tuple[str, str]]  # (type, rolle)
    omraadets: dict[int, tuple[list[str], list[str]]]  # focus area → (target group types, actor types)
    maal: list[MaalPlan]
    handlinger: list[HandlingPlan]
    tilbud: list[tuple[str, str, int, str, str, int | None, str]]  # (navn, art, trin, målgruppe, aktør, kap., evidens)


KOBENHAVN = Plan(
    titel="Fælles forebyggelsesstrategi for Socialforvaltningen og Børne- og Ungdomsforvaltningen",
    vision=(
        "Flere sårbare og udsatte børn, unge og familier skal få en rettidig og sammenhængende hjælp, så de kan "
        "blive i dagtilbud og skole sammen med deres jævnaldrende, og så færre skal anbringes uden for hjemmet. "
        "De to forvaltninger arbejder ud fra én fælles sigtelinje i stedet for hver sin.\n\n"
        f"{EKSEMPEL}Visionen er formuleret til demoen ud fra kommunens beslutning om at deltage."
    ),
    boernepolitik=(
        "Strategien bygger videre på kommunens strategi for arbejdet med udsatte børn, unge og familier og på "
        "Specialreformen 2.0 om tidlig indsats og inklusion, og den støtter op om Børne- og Ungepolitikkens mål "
        "om lige muligheder for udfoldelse, udvikling og sundhed."
    ),
    omraader=[
        (
            "Redskaber til tidlig opsporing af børn med risikoprofiler",
            "Sundhedspleje og dagtilbud skal se bekymringen tidligt og vide, hvad de gør ved den.",
            [
                ("Fælles screening i sundhedspleje og dagtilbud", "Ét redskab og ét sprog om bekymring."),
                ("Tværfagligt samarbejde om bekymringen", "Faste kontakter mellem almenområdet og Børnefamilieteamet."),
            ],
        ),
        (
            "Procedure for arbejdet med overgange",
            "Overgangene mellem dagtilbud, skole og specialtilbud skal planlægges, så ingen falder ud undervejs.",
            [
                ("Overgangen fra dagtilbud til skole", "En overgangsplan for alle børn med særlige behov."),
                ("Tilbage til almene tilbud", "En plan for vejen tilbage for børn i dagbehandling og specialtilbud."),
            ],
        ),
        (
            "Fleksible tilbud, herunder alternativer til dagbehandling",
            "Tilbud, der kan gives tæt på barnets hverdag og skrues op og ned efter behov.",
            [
                ("Alternativer til dagbehandling", "Støtte i almenskolen frem for et særskilt dagbehandlingstilbud."),
                ("Fleksible familieorienterede tilbud", "Åben rådgivning og familiebehandling uden ventetid."),
            ],
        ),
    ],
    maalgrupper=[
        (Maalgruppetype.SMAA_BOERN, "", 1_800, "Børn 0–5 år, hvor sundhedspleje eller dagtilbud er bekymret."),
        (Maalgruppetype.INKLUSION, "", 2_500, "Udsatte børn i almindelige dagtilbud og skoler."),
        (Maalgruppetype.ADFAERD, "", 600, "Børn og unge i eller på vej mod dagbehandling."),
        (Maalgruppetype.EGEN, "Familier i familiehusene", 900, "Familier, der selv søger råd i familiehusene."),
    ],
    aktoerer=[
        (Aktoertype.SUNDHEDSPLEJE, "Ser de mindste børn først og screener ved hjemmebesøgene."),
        (Aktoertype.DAGTILBUD, "Opsporer bekymring og tager del i overgangen til skole."),
        (Aktoertype.SKOLE, "Modtager børnene og fastholder dem i almenskolen."),
        (Aktoertype.PPR, "Rådgiver om inklusion og vurderer behovet for specialtilbud."),
        (Aktoertype.SOCIALFORVALTNING, "Børnefamiliecentret: myndighed og familieorienterede tilbud."),
        (Aktoertype.KLUBBER, "Holder fast i de unge efter skoletid."),
    ],
    omraadets={
        0: ([Maalgruppetype.SMAA_BOERN], [Aktoertype.SUNDHEDSPLEJE, Aktoertype.DAGTILBUD, Aktoertype.PPR]),
        1: ([Maalgruppetype.INKLUSION], [Aktoertype.DAGTILBUD, Aktoertype.SKOLE, Aktoertype.PPR, Aktoertype.KLUBBER]),
        2: (
            [Maalgruppetype.ADFAERD, Maalgruppetype.EGEN],
            [Aktoertype.SOCIALFORVALTNING, Aktoertype.SKOLE],
        ),
    },
    maal=[
        MaalPlan(
            "E1",
            "Færre børn og unge anbringes uden for hjemmet",
            MaalArt.EFFEKT,
            0,
            indikator="anbragte_0_17",
            aendring=Decimal("-1.5"),
        ),
        MaalPlan(
            "L1",
            "Flere bekymringer for små børn meldes tidligt fra sundhedspleje og dagtilbud",
            MaalArt.LANG,
            0,
            1,
            egen=("Andel af underretninger om 0–5-årige, der kommer fra sundhedspleje og dagtilbud", "pct."),
            baseline=Decimal(22),
            maal=Decimal(30),
            retning=Retning.HOEJERE,
            bidrager_til="E1",
            opfoelgninger=[
                (date(2011, 12, 31), "23", "2011", "Optalt i Børnefamiliecentrets sagssystem."),
                (date(2012, 12, 31), "25", "2012", "Stigningen er mindre end ventet; uddannelsen er forsinket."),
            ],
        ),
        MaalPlan(
            "K1",
            "Sundhedsplejersker og pædagoger i alle bydele bruger det fælles screeningsredskab",
            MaalArt.KORT,
            0,
            0,
            egen=("Andel af sundhedsplejersker og pædagoger, der bruger screeningsredskabet", "pct."),
            baseline=Decimal(0),
            baseline_aar=2011,
            maal=Decimal(80),
            retning=Retning.HOEJERE,
            bidrager_til="L1",
            opfoelgninger=[
                (date(2011, 12, 31), "15", "2011", "De to pilotbydele er i gang."),
                (date(2012, 6, 30), "50", "1. halvår 2012", "Udrulningen følger planen."),
            ],
        ),
        MaalPlan(
            "L2",
            "Færre elever i specialskoler og dagbehandling",
            MaalArt.LANG,
            1,
            indikator="elever_specialskoler",
            aendring=Decimal("-1.0"),
        ),
        MaalPlan(
            "K2",
            "Alle børn med særlige behov har en overgangsplan, når de begynder i skole",
            MaalArt.KORT,
            1,
            0,
            egen=("Andel af børn med særlige behov, der har en overgangsplan ved skolestart", "pct."),
            baseline=Decimal(20),
            baseline_aar=2011,
            maal=Decimal(90),
            retning=Retning.HOEJERE,
            bidrager_til="L2",
            opfoelgninger=[(date(2012, 8, 31), "45", "Skolestart 2012", "Proceduren nåede ikke alle dagtilbud.")],
        ),
        MaalPlan(
            "K3",
            "Alle børn i dagbehandling har en plan for vejen tilbage til almenskolen",
            MaalArt.KORT,
            1,
            1,
            egen=("Andel af børn i dagbehandling med en reetableringsplan", "pct."),
            baseline=Decimal(10),
            baseline_aar=2011,
            maal=Decimal(75),
            retning=Retning.HOEJERE,
            bidrager_til="L2",
            opfoelgninger=[(date(2012, 6, 30), "80", "1. halvår 2012", "Planerne er en del af visitationen nu.")],
        ),
        MaalPlan(
            "E2",
            "Færre anmeldte forbrydelser i kommunen",
            MaalArt.EFFEKT,
            2,
            indikator="anmeldte_forbrydelser",
            aendring=Decimal("-6.0"),
        ),
        MaalPlan(
            "K4",
            "Færre børn visiteres til dagbehandling",
            MaalArt.KORT,
            2,
            0,
            egen=("Antal børn i dagbehandling", "børn"),
            baseline=Decimal(410),
            maal=Decimal(360),
            retning=Retning.LAVERE,
            bidrager_til="L2",
            opfoelgninger=[
                (date(2011, 12, 31), "385", "2011", ""),
                (date(2012, 10, 1), "355", "Oktober 2012", "Visitationsforummet har virket."),
            ],
        ),
        MaalPlan(
            "K5",
            "Flere familier bruger familiehusenes åbne rådgivning",
            MaalArt.KORT,
            2,
            1,
            egen=("Antal familier i familiehusenes åbne rådgivning", "familier"),
            baseline=Decimal(600),
            baseline_aar=2011,
            maal=Decimal(900),
            retning=Retning.HOEJERE,
            bidrager_til="E2",
        ),
    ],
    handlinger=[
        HandlingPlan(
            "Udvikle et fælles screeningsredskab til sundhedspleje og dagtilbud",
            0,
            Farve.GROEN,
            HandlingStatus.GENNEMFOERT,
            date(2011, 9, 1),
            date(2012, 3, 31),
            "Sundhedsplejen og Børnefamiliecentret",
            150_000,
            ("K1",),
            (Aktoertype.SUNDHEDSPLEJE, Aktoertype.DAGTILBUD),
            0,
        ),
        HandlingPlan(
            "Uddanne sundhedsplejersker og pædagoger i screeningsredskabet",
            0,
            Farve.GUL,
            HandlingStatus.I_GANG,
            date(2012, 2, 1),
            date(2012, 12, 31),
            "Børne- og Ungdomsforvaltningen, kompetenceudvikling",
            400_000,
            ("K1", "L1"),
            (Aktoertype.SUNDHEDSPLEJE, Aktoertype.DAGTILBUD, Aktoertype.PPR),
            0,
        ),
        HandlingPlan(
            "Faste kontaktpersoner fra Børnefamilieteamet til de mest udsatte daginstitutioner",
            0,
            Farve.ROED,
            HandlingStatus.IKKE_STARTET,
            date(2012, 8, 1),
            date(2013, 6, 30),
            "Børnefamiliecentret",
            1_200_000,
            ("L1",),
            (Aktoertype.SOCIALFORVALTNING, Aktoertype.DAGTILBUD),
            1,
        ),
        HandlingPlan(
            "Fælles procedure for overgangen fra dagtilbud til skole",
            1,
            Farve.GROEN,
            HandlingStatus.GENNEMFOERT,
            date(2011, 10, 1),
            date(2012, 6, 30),
            "Børne- og Ungdomsforvaltningen, Dagtilbud og Skole",
            80_000,
            ("K2",),
            (Aktoertype.DAGTILBUD, Aktoertype.SKOLE),
            0,
        ),
        HandlingPlan(
            "Reetableringsplaner for alle børn i dagbehandling",
            1,
            Farve.GUL,
            HandlingStatus.I_GANG,
            date(2012, 1, 1),
            date(2012, 9, 30),
            "Børnefamiliecentret og PPR",
            250_000,
            ("K3", "L2"),
            (Aktoertype.PPR, Aktoertype.SOCIALFORVALTNING, Aktoertype.SKOLE),
            1,
        ),
        HandlingPlan(
            "Socialrådgivere på alle kommunens folkeskoler",
            0,
            Farve.ROED,
            HandlingStatus.I_GANG,
            date(2011, 8, 1),
            date(2012, 12, 31),
            "Socialforvaltningen",
            None,
            ("L1",),
            (Aktoertype.SOCIALFORVALTNING, Aktoertype.SKOLE),
            1,
        ),
        HandlingPlan(
            "Skoletilbud med socialpædagogisk støtte i almenskolen som alternativ til dagbehandling",
            2,
            Farve.ROED,
            HandlingStatus.IKKE_STARTET,
            date(2012, 8, 1),
            date(2012, 12, 31),
            "Børne- og Ungdomsforvaltningen og Socialforvaltningen i fællesskab",
            2_000_000,
            ("K4", "L2"),
            (Aktoertype.SKOLE, Aktoertype.SOCIALFORVALTNING),
            0,
        ),
        HandlingPlan(
            "Fælles visitationsforum for dagbehandling på tværs af forvaltningerne",
            2,
            Farve.GUL,
            HandlingStatus.GENNEMFOERT,
            date(2011, 11, 1),
            date(2012, 5, 31),
            "Børnefamiliecentret",
            60_000,
            ("K4",),
            (Aktoertype.SOCIALFORVALTNING, Aktoertype.PPR),
            0,
        ),
        HandlingPlan(
            "Gøre familiehusenes åbne rådgivning kendt i dagtilbud og skoler",
            2,
            Farve.GROEN,
            HandlingStatus.I_GANG,
            date(2012, 3, 1),
            date(2012, 11, 30),
            "Familiehusene",
            40_000,
            ("K5",),
            (Aktoertype.SOCIALFORVALTNING,),
            1,
        ),
    ],
    tilbud=[
        (
            "Sundhedsplejens udvidede hjemmebesøg",
            "Hjemmebesøg",
            1,
            Maalgruppetype.SMAA_BOERN,
            Aktoertype.SUNDHEDSPLEJE,
            1_200,
            "",
        ),
        (
            "Socialrådgivere i daginstitutioner",
            "Rådgivning i dagtilbuddet",
            1,
            Maalgruppetype.SMAA_BOERN,
            Aktoertype.DAGTILBUD,
            300,
            "",
        ),
        ("Socialrådgivere på skolerne", "Rådgivning på skolen", 2, Maalgruppetype.INKLUSION, Aktoertype.SKOLE, 900, ""),
        (
            "Inklusionskoordinatorer i distrikterne",
            "Støtte til inklusion",
            2,
            Maalgruppetype.INKLUSION,
            Aktoertype.PPR,
            400,
            "",
        ),
        (
            "Familiehusenes åbne rådgivning",
            "Åben rådgivning",
            3,
            Maalgruppetype.EGEN,
            Aktoertype.SOCIALFORVALTNING,
            900,
            "",
        ),
        (
            "De Utrolige År",
            "Forældregrupper",
            3,
            Maalgruppetype.SMAA_BOERN,
            Aktoertype.SOCIALFORVALTNING,
            120,
            Evidensprogram.DE_UTROLIGE_AAR,
        ),
        (
            "MST",
            "Familiebehandling i hjemmet",
            4,
            Maalgruppetype.ADFAERD,
            Aktoertype.SOCIALFORVALTNING,
            60,
            Evidensprogram.MST,
        ),
        (
            "Familiebehandling i hjemmet",
            "Familiebehandling",
            4,
            Maalgruppetype.INKLUSION,
            Aktoertype.SOCIALFORVALTNING,
            200,
            "",
        ),
        ("Netværksplejefamilier", "Anbringelse i familiens netværk", 5, "", Aktoertype.SOCIALFORVALTNING, 150, ""),
        ("Plejefamilier", "Anbringelse i plejefamilie", 6, "", Aktoertype.SOCIALFORVALTNING, 700, ""),
        (
            "Behandlingsplejefamilier (MTFC)",
            "Anbringelse i behandlingsplejefamilie",
            6,
            Maalgruppetype.ADFAERD,
            Aktoertype.SOCIALFORVALTNING,
            12,
            Evidensprogram.MTFC,
        ),
        ("Kommunens døgninstitutioner", "Anbringelse på døgninstitution", 7, "", Aktoertype.SOCIALFORVALTNING, 350, ""),
        (
            "MultifunC-afdeling",
            "Behandling på døgninstitution",
            7,
            Maalgruppetype.ADFAERD,
            Aktoertype.SOCIALFORVALTNING,
            8,
            Evidensprogram.MULTIFUNC,
        ),
    ],
)


# The offers' children and costs are examples like the offers themselves: one child a year per place or course, at a
# yearly cost per child typical of the step; unknown for the general offers (steps 1–2), paid from ordinary budgets.
EKSEMPEL_UDGIFT_PR_BARN = {3: 15_000, 4: 60_000, 5: 250_000, 6: 400_000, 7: 1_000_000}


def _eksempelplan(fokus: str, maalgruppe: str, indikator: str, farver: tuple[str, str]) -> Plan:
    """A small example strategy for the other participants."""
    return Plan(
        titel=f"Forebyggelsesstrategi: {fokus}",
        vision=f"{EKSEMPEL}Kommunen vil forebygge tidligere med fokus på {fokus}.",
        boernepolitik=f"{EKSEMPEL}Strategien udmønter børnepolitikkens mål om tidlig indsats.",
        omraader=[(fokus[0].upper() + fokus[1:], f"{EKSEMPEL}Kommunens indsatsområde i programmet.", [])],
        maalgrupper=[(maalgruppe, "", 250, f"{EKSEMPEL}Skønnet antal.")],
        aktoerer=[(Aktoertype.SOCIALFORVALTNING, ""), (Aktoertype.SKOLE, "")],
        omraadets={0: ([maalgruppe], [Aktoertype.SOCIALFORVALTNING, Aktoertype.SKOLE])},
        maal=[
            MaalPlan(
                "E1",
                f"{EKSEMPEL}Bedre udvikling på {fokus}",
                MaalArt.EFFEKT,
                0,
                indikator=indikator,
                aendring=Decimal("-0.5"),
            ),
            MaalPlan(
                "K1",
                f"{EKSEMPEL}Flere sager behandles tværfagligt",
                MaalArt.KORT,
                0,
                egen=("Andel af sager med tværfagligt møde", "pct."),
                baseline=Decimal(30),
                baseline_aar=2011,
                maal=Decimal(60),
                retning=Retning.HOEJERE,
                bidrager_til="E1",
                opfoelgninger=[(date(2012, 6, 30), "48", "1. halvår 2012", "")],
            ),
        ],
        handlinger=[
            HandlingPlan(
                f"{EKSEMPEL}Tværfaglige møder i alle sager om {fokus}",
                0,
                farver[0],
                HandlingStatus.GENNEMFOERT,
                date(2011, 10, 1),
                date(2012, 6, 30),
                "Børn og Familie",
                100_000,
                ("K1",),
                (Aktoertype.SOCIALFORVALTNING,),
            ),
            HandlingPlan(
                f"{EKSEMPEL}Nyt tilbud om {fokus}",
                0,
                farver[1],
                HandlingStatus.I_GANG,
                date(2012, 1, 1),
                date(2012, 12, 31),
                "Børn og Familie",
                500_000,
                ("E1",),
                (Aktoertype.SKOLE,),
            ),
        ],
        tilbud=[
            (f"{EKSEMPEL}Åben rådgivning", "Åben rådgivning", 1, maalgruppe, Aktoertype.SOCIALFORVALTNING, 100, ""),
            (f"{EKSEMPEL}Familiebehandling", "Familiebehandling", 4, maalgruppe, Aktoertype.SOCIALFORVALTNING, 40, ""),
            (f"{EKSEMPEL}Plejefamilier", "Anbringelse i plejefamilie", 6, "", Aktoertype.SOCIALFORVALTNING, 80, ""),
        ],
    )


# (kommunekode, plan, how far it has come)
ANDRE = [
    (
        "147",
        _eksempelplan(
            "tidlig indsats i dagtilbud og overgangen til skole",
            Maalgruppetype.SMAA_BOERN,
            "anbragte_0_17",
            (Farve.GROEN, Farve.GUL),
        ),
        "godkendt",
    ),
    (
        "751",
        _eksempelplan(
            "unge med adfærdsproblemer og kriminalitet",
            Maalgruppetype.ADFAERD,
            "anmeldte_forbrydelser",
            (Farve.GUL, Farve.ROED),
        ),
        "indsendt",
    ),
    (
        "461",
        _eksempelplan(
            "inklusion af udsatte børn i almene tilbud",
            Maalgruppetype.INKLUSION,
            "elever_specialskoler",
            (Farve.GROEN, Farve.ROED),
        ),
        "kladde",
    ),
    (
        "860",
        _eksempelplan("små børn og unge mødre", Maalgruppetype.UNGE_MOEDRE, "anbragte_0_17", (Farve.GROEN, Farve.GUL)),
        "vedtaget",
    ),
]


def _tid(dag: date):
    return dansk_tidspunkt(dag, time(10, 0))


def _byg(deltagelse: Deltagelse, plan: Plan, leder: Bruger) -> tuple[Strategi, dict[str, Maal]]:
    """Create the strategy with its structure, goals (no follow-ups yet), actions and offers."""
    strategi = strategi_opret(deltagelse=deltagelse, titel=plan.titel, bruger=leder, eksempeldata=True)
    strategi = strategi_gem(
        strategi=strategi,
        titel=plan.titel,
        vision=plan.vision,
        boernepolitik=plan.boernepolitik,
        boernepolitik_url="",
        version=strategi.version,
        bruger=leder,
    )
    grupper = {
        type_: maalgruppe_gem(
            strategi=strategi,
            maalgruppe=None,
            type=type_,
            navn=navn,
            antal_boern=antal,
            beskrivelse=beskrivelse,
            bruger=leder,
        )
        for type_, navn, antal, beskrivelse in plan.maalgrupper
    }
    aktoerer = {
        type_: aktoer_gem(strategi=strategi, aktoer=None, type=type_, navn="", rolle=rolle, bruger=leder)
        for type_, rolle in plan.aktoerer
    }
    omraader, delstrategier = [], []
    for nr, (navn, beskrivelse, delplaner) in enumerate(plan.omraader):
        typer, aktoertyper = plan.omraadets.get(nr, ([], []))
        omraade = indsatsomraade_gem(
            strategi=strategi,
            indsatsomraade=None,
            navn=navn,
            beskrivelse=beskrivelse,
            maalgrupper=[grupper[t] for t in typer],
            aktoerer=[aktoerer[t] for t in aktoertyper],
            bruger=leder,
        )
        omraader.append(omraade)
        delstrategier.append(
            [
                delstrategi_gem(indsatsomraade=omraade, delstrategi=None, navn=d, beskrivelse=b, bruger=leder)
                for d, b in delplaner
            ]
        )
    maal: dict[str, Maal] = {}
    for mp in sorted(plan.maal, key=lambda m: [MaalArt.EFFEKT, MaalArt.LANG, MaalArt.KORT].index(m.art)):
        maal[mp.noegle] = _maal(strategi, mp, omraader, delstrategier, maal, leder)
    for hp in plan.handlinger:
        handling_gem(
            strategi=strategi,
            handling=None,
            indhold=Handlingsindhold(
                indsatsomraade=omraader[hp.omraade],
                delstrategi=delstrategier[hp.omraade][hp.delstrategi] if hp.delstrategi is not None else None,
                titel=hp.titel,
                beskrivelse=hp.beskrivelse,
                ansvarlig=hp.ansvarlig,
                start=hp.start,
                slut=hp.slut,
                status=hp.status,
                farve=hp.farve,
                forventet_udgift=hp.udgift,
                maal=tuple(maal[n] for n in hp.maal),
                aktoerer=tuple(aktoerer[a] for a in hp.aktoerer if a in aktoerer),
            ),
            version=0,
            bruger=leder,
        )
    for navn, art, trin, gruppe, aktoer, kapacitet, evidens in plan.tilbud:
        udgift_pr_barn = EKSEMPEL_UDGIFT_PR_BARN.get(trin)
        tilbud_gem(
            strategi=strategi,
            tilbud=None,
            navn=navn,
            art=art,
            trin=Trin(trin),
            maalgruppe=grupper.get(gruppe),
            aktoer=aktoerer.get(aktoer),
            kapacitet=kapacitet,
            # Placements count places; the offers below them count courses (home visits, advice, treatment).
            kapacitetsenhed=Kapacitetsenhed.PLADSER if trin >= Trin.NETVAERK else Kapacitetsenhed.FORLOEB,
            boern=kapacitet,
            udgift=kapacitet * udgift_pr_barn if kapacitet and udgift_pr_barn else None,
            evidensprogram=evidens,
            beskrivelse="",
            bruger=leder,
        )
    return strategi, maal


def _maal(strategi: Strategi, mp: MaalPlan, omraader, delstrategier, maal: dict, leder: Bruger) -> Maal:
    indikator = Indikator.objects.get(kode=mp.indikator) if mp.indikator else None
    baseline = mp.baseline
    if indikator is not None and baseline is None:
        celle = noegletal(kommune=strategi.kommune, indikatorer=[indikator], aar=[mp.baseline_aar]).celle(
            indikator, mp.baseline_aar
        )
        baseline = celle.egen.vaerdi
    maalvaerdi = mp.maal if mp.maal is not None else baseline + mp.aendring
    return maal_gem(
        strategi=strategi,
        maal=None,
        indhold=Maalindhold(
            indsatsomraade=omraader[mp.omraade],
            delstrategi=delstrategier[mp.omraade][mp.delstrategi] if mp.delstrategi is not None else None,
            tekst=mp.tekst,
            art=mp.art,
            bidrager_til=maal.get(mp.bidrager_til),
            indikator=indikator,
            egen_maaling=mp.egen[0],
            egen_enhed=mp.egen[1],
            baseline_vaerdi=baseline,
            baseline_aar=mp.baseline_aar,
            maalvaerdi=maalvaerdi,
            maal_aar=mp.maal_aar,
            retning=indikator.bedre if indikator else mp.retning,
        ),
        version=0,
        bruger=leder,
    )


def _foelg_op(plan: Plan, maal: dict[str, Maal], leder: Bruger, *, til: date | None = None, fra: date | None = None):
    for mp in plan.maal:
        for dag, vaerdi, periode, kommentar in mp.opfoelgninger:
            if (til and dag > til) or (fra and dag <= fra):
                continue
            opfoelgning_opret(
                maal=maal[mp.noegle],
                dato=dag,
                vaerdi=Decimal(vaerdi),
                periode=periode,
                kommentar=kommentar,
                bruger=leder,
            )


def _godkend(strategi: Strategi, ministeriet: Bruger, leder: Bruger, indsendt: date, godkendt: date) -> Strategi:
    strategi_indsend(strategi=strategi, bruger=leder, nu=_tid(indsendt))
    kommentar_opret(
        strategi=strategi,
        tekst=f"{EKSEMPEL}Tak for en gennemarbejdet strategi. Målene kan følges op, og handlingerne har ejere.",
        bruger=ministeriet,
        nu=_tid(godkendt),
    )
    return strategi_godkend(strategi=strategi, bruger=ministeriet, nu=_tid(godkendt))


def indlaes_demo_strategier(*, ministeriet: Bruger) -> Program | None:
    """Load the demo strategies of the demo programme; does nothing if they exist or the programme is missing."""
    program = Program.objects.filter(navn=PROGRAMNAVN).first()
    if program is None or Strategi.objects.filter(deltagelse__program=program).exists():
        return None
    sikr_noegletal(ministeriet=ministeriet)
    deltagelser = {d.kommune.kode: d for d in program.deltagelser.select_related("kommune")}
    kobenhavn = deltagelser["101"]
    leder = kobenhavn.kommune.projektledere.first() or ministeriet
    with pghistory.context(user=leder.pk):
        strategi, maal = _byg(kobenhavn, KOBENHAVN, leder)
        strategi = _godkend(strategi, ministeriet, leder, date(2011, 12, 15), date(2012, 1, 20))
        strategi_registrer_vedtagelse(strategi=strategi, dato=date(2012, 6, 13), organ="Socialudvalget", bruger=leder)
        _fremskridt(strategi, leder, ministeriet)
        gennemgangsdag = date(2012, 11, 30)
        _foelg_op(KOBENHAVN, maal, leder, til=gennemgangsdag)
        _aarsgennemgang(strategi, leder, gennemgangsdag)
        _foelg_op(KOBENHAVN, maal, leder, fra=gennemgangsdag)
    for kode, plan, tilstand in ANDRE:
        deltagelse = deltagelser.get(kode)
        if deltagelse is None:
            continue
        leder = deltagelse.kommune.projektledere.first() or ministeriet
        with pghistory.context(user=leder.pk):
            strategi, maal = _byg(deltagelse, plan, leder)
            if tilstand == "indsendt":
                strategi_indsend(strategi=strategi, bruger=leder, nu=_tid(date(2012, 2, 1)))
            elif tilstand in {"godkendt", "vedtaget"}:
                strategi = _godkend(strategi, ministeriet, leder, date(2012, 1, 10), date(2012, 2, 15))
                if tilstand == "vedtaget":
                    strategi_registrer_vedtagelse(
                        strategi=strategi, dato=date(2012, 4, 25), organ="Børne- og Ungdomsudvalget", bruger=leder
                    )
                _foelg_op(plan, maal, leder)
    return program


# Progress during the spring of 2012 (the demo is seen on 1 June 2012): (action, date, status, percent, milestone,
# note). The ministry comments on one and sends one back.
FREMSKRIDT = [
    (
        "Udvikle et fælles screeningsredskab til sundhedspleje og dagtilbud",
        date(2012, 3, 28),
        HandlingStatus.GENNEMFOERT,
        100,
        "Screeningsredskabet er taget i brug",
        "Redskabet er afprøvet i 12 daginstitutioner og godkendt af styregruppen.",
    ),
    (
        "Uddanne sundhedsplejersker og pædagoger i screeningsredskabet",
        date(2012, 5, 15),
        HandlingStatus.I_GANG,
        40,
        "Første hold er uddannet",
        "48 sundhedsplejersker og pædagoger er uddannet; to hold mere efter sommerferien.",
    ),
    (
        "Socialrådgivere på alle kommunens folkeskoler",
        date(2012, 4, 30),
        HandlingStatus.I_GANG,
        75,
        "",
        "Socialrådgivere er på 45 af 60 skoler.",
    ),
    (
        "Fælles visitationsforum for dagbehandling på tværs af forvaltningerne",
        date(2012, 5, 25),
        HandlingStatus.GENNEMFOERT,
        100,
        "Første møde i visitationsforummet",
        "Forummet mødes hver anden uge og har behandlet de første 14 sager.",
    ),
]


def _fremskridt(strategi: Strategi, leder: Bruger, ministeriet: Bruger) -> None:
    registreret = {}
    for titel, dag, status, procent, milepael, notat in FREMSKRIDT:
        registreret[titel] = fremskridt_registrer(
            handling=strategi.handlinger.get(titel=titel),
            indhold=Fremskridtsindhold(
                dato=dag, status=status, procent=procent, milepael=milepael, notat=f"{EKSEMPEL}{notat}"
            ),
            bruger=leder,
            i_dag=date(2012, 6, 1),
        )
    fremskridt_kommenter(
        fremskridt=registreret["Udvikle et fælles screeningsredskab til sundhedspleje og dagtilbud"],
        tekst="Flot. Del gerne redskabet med de andre kommuner på næste netværksmøde.",
        send_tilbage=False,
        bruger=ministeriet,
    )
    fremskridt_kommenter(
        fremskridt=registreret["Socialrådgivere på alle kommunens folkeskoler"],
        tekst="Skriv, hvilke skoler der mangler, og hvornår de får en socialrådgiver.",
        send_tilbage=True,
        bruger=ministeriet,
    )


def _aarsgennemgang(strategi: Strategi, leder: Bruger, dag: date) -> None:
    """The review of 2012: one red action becomes yellow, a late one gets a new end date, one is given up."""
    aendringer = {
        "Faste kontaktpersoner fra Børnefamilieteamet til de mest udsatte daginstitutioner": (
            Farve.GUL,
            HandlingStatus.IKKE_STARTET,
            date(2013, 6, 30),
            "Aftalen med Børne- og Ungdomsforvaltningen er på plads; der mangler en politisk beslutning.",
        ),
        "Reetableringsplaner for alle børn i dagbehandling": (
            Farve.GUL,
            HandlingStatus.FORSINKET,
            date(2012, 12, 31),
            "Planerne er i gang, men ikke for alle børn endnu.",
        ),
        "Gøre familiehusenes åbne rådgivning kendt i dagtilbud og skoler": (
            Farve.GROEN,
            HandlingStatus.OPGIVET,
            date(2012, 11, 30),
            "Opgivet: indgår i stedet i den fælles screening.",
        ),
    }
    punkter = []
    for handling in strategi.handlinger.order_by("pk"):
        farve, status, slut, bemaerkning = aendringer.get(
            handling.titel, (handling.farve, handling.status, handling.slut, "")
        )
        punkter.append(
            Gennemgangspunkt(handling=handling, farve=farve, status=status, slut=slut, bemaerkning=bemaerkning)
        )
    aarsgennemgang_gem(
        strategi=strategi,
        aar=2012,
        konklusion=(
            f"{EKSEMPEL}Screeningen og overgangsproceduren er på plads, og færre børn visiteres til dagbehandling. "
            "Uddannelsen i screeningsredskabet og reetableringsplanerne er bagud; kontaktpersonerne til "
            "daginstitutionerne er aftalt med Børne- og Ungdomsforvaltningen og afventer en politisk beslutning."
        ),
        punkter=punkter,
        bruger=leder,
        nu=_tid(dag),
    )


def indlaes_eksempelstrategier(*, ministeriet: Bruger) -> int:
    """An approved example strategy with follow-ups for every participant of the demo programme that has none
    (after load_demo --alle-kommuner: the other 93 municipalities), for benchmarks and the load test."""
    program = Program.objects.filter(navn=PROGRAMNAVN).first()
    if program is None:
        return 0
    sikr_noegletal(ministeriet=ministeriet)
    uden = program.deltagelser.filter(strategi__isnull=True).select_related("kommune", "program").order_by("pk")
    antal = 0
    # On reported offences: the one indicator with real figures for every municipality, small ones included.
    planer = [
        _eksempelplan(p.titel.split(": ", 1)[1], p.maalgrupper[0][0], "anmeldte_forbrydelser", farver)
        for (_, p, _), farver in zip(ANDRE, [(Farve.GROEN, Farve.GUL), (Farve.GUL, Farve.ROED)] * 2, strict=True)
    ]
    for nr, deltagelse in enumerate(uden):
        plan = planer[nr % len(planer)]
        leder = deltagelse.kommune.projektledere.first() or ministeriet
        with pghistory.context(user=leder.pk):
            strategi, maal = _byg(deltagelse, plan, leder)
            _godkend(strategi, ministeriet, leder, date(2012, 1, 10), date(2012, 2, 15))
            _foelg_op(plan, maal, leder)
        antal += 1
    return antal
