"""The demo programme: Forebyggelsesprojektet 2011–2012 with its five participating municipalities; the next
programme's application round (invented example data), open in the spring of 2012; and a later programme of
2017–2019 with its own application form, assessment and money rules.

København's application and grant use the facts of the public documents (amounts applied for and
granted, focus areas, staffing), written in our own words. The four other municipalities' applications,
all assessments and all contact details are invented example data and say so where users see them.
Everything is created through the same services the application uses.
"""

from datetime import date, time

import pghistory
from django.db import transaction

from forebyggelse.formatering import dansk_tidspunkt
from kommuner.models import (
    Afsnit,
    Anbefaling,
    Ansoegning,
    Bruger,
    Deltagelse,
    Forudsaetning,
    Kommune,
    Kriterie,
    Opsaetning,
    Program,
    ProgramStatus,
    Vurdering,
)
from kommuner.services.ansoegninger import (
    SEKTION_A,
    Ansoegningsindhold,
    ansoegning_gem,
    ansoegning_genaabn,
    ansoegning_indsend,
    ansoegning_opret,
    genaabningsanmodning_opret,
)
from kommuner.services.bevillinger import afgoerelse_traef
from kommuner.services.oplysninger import kommune_oplysninger_gem
from kommuner.services.opsaetninger import Punkt, opsaetning_til_aendring
from kommuner.services.organisation import milepael_gem, projektdeltager_gem
from kommuner.services.programmer import program_opret, program_saet_status
from kommuner.services.vurderinger import Vurderingsindhold, vurdering_gem

PROGRAMNAVN = "Forebyggelsesprojektet 2011–2012"
EKSEMPEL = "Eksempeldata: "

BESKRIVELSE = (
    "Socialministeriets program, hvor udvalgte kommuner flytter indsatsen for udsatte børn og unge fra sene, "
    "dyre anbringelser mod tidlig, forebyggende hjælp. Hver kommune udarbejder en social profil, en "
    "forebyggelsesstrategi med konkrete mål og en handleplan, og følger op på målene i 2011–2012.\n\n"
    "Demo: Københavns interessetilkendegivelse og bevilling bygger på de offentlige dokumenter. De fire andre "
    "kommuners interessetilkendegivelser, alle vurderinger og alle kontaktoplysninger er eksempeldata."
)

KOBENHAVN = {
    "kommune_navn": "Københavns Kommune",
    "cvr": "64942212",
    "adresse": "Bernstorffsgade 17",
    "postnr_by": "1592 København V",
    "telefon": "33 66 33 66",
    "email": "forebyggelse-101@example.org",
    "kontakt_navn": "Eksempel Koordinator",
    "kontakt_titel": "Koordinator på tværs af Socialforvaltningen og Børne- og Ungdomsforvaltningen",
    "kontakt_telefon": "33 66 33 67",
    "kontakt_email": "koordinator-101@example.org",
    "beslutningsniveau": (
        "Direktionerne i Socialforvaltningen og Børne- og Ungdomsforvaltningen står bag interessetilkendegivelsen. "
        "Den politiske behandling kunne ikke nås inden fristen, så den er sendt med forbehold for "
        "politisk godkendelse."
    ),
    "afventer_politisk_godkendelse": True,
    "baggrund": (
        "At holde flere børn i almene tilbud og færre anbragt uden for hjemmet er to af kommunens vigtigste "
        "mål, både fagligt og økonomisk. København ligger over landsgennemsnittet i anbringelser, lidt over i "
        "specialundervisning, og havde i en analyse fra 2010 det næsthøjeste udgiftsniveau til "
        "specialundervisning blandt 12 sammenlignede kommuner.\n\n"
        "Kommunen bygger videre på det, der virker: anbringelsestallet er faldet år for år, selv om der er "
        "kommet flere børn; familiehuse i alle bydele og sikkerhedsplaner bruger familiens og netværkets "
        "ressourcer; socialrådgivere på skolerne udvides i 2011 til alle folkeskoler; et forsøg med "
        "socialrådgivere i daginstitutioner og et tættere samarbejde mellem sundhedspleje og sagsbehandlere er "
        "i gang; og specialreformen har givet inklusionskoordinatorer i alle otte distrikter og efteruddannelse "
        "til 1.700 lærere. Projektet skal samle indsatserne på tværs af de to forvaltninger og pege på, hvor der "
        "mangler nye tiltag."
    ),
    "opstart": (
        "De to direktioner har oprettet en koordinatorfunktion på tværs af forvaltningerne, som kan lede "
        "projektet fra februar 2011. Forvaltningernes størrelse giver kapacitet til analyse og strategiarbejde, "
        "så projektet ikke står og falder med enkeltpersoner."
    ),
    "projektdesign": (
        "Strategien bygger på fire greb: casestudier af udvalgte børns forløb de seneste tre år, før problemerne "
        "blev tydelige; inddragelse af brugere og medarbejdere; et perspektiv på tværs af fag og forvaltninger; "
        "og business cases, der viser de økonomiske konsekvenser af tiltagene.\n\n"
        "Forløbet går fra problemanalyse (social profil, casestudier og eksisterende viden) over løsningsanalyse "
        "til selve strategien og derefter implementering, opfølgning og dokumentation. Foreløbige "
        "indsatsområder: redskaber til tidlig opsporing af børn i risiko, en fast procedure for overgange, og "
        "fleksible tilbud, herunder alternativer til dagbehandling.\n\n"
        "Der søges om 1,4 mio. kr. i 2011 og 1,8 mio. kr. i 2012, først og fremmest til strategiske lønninger."
    ),
    "bemanding": (
        "Koordinatoren mellem de to forvaltninger leder projektet. Et strategiteam med en akademisk medarbejder "
        "fra hver forvaltning arbejder sammen med projektlederen, og sagsbehandlere, lærere, pædagoger og "
        "psykologer inddrages efter, hvem der har været med i de udvalgte sager."
    ),
    "tidsplan": (
        "Den detaljerede tidsplan lægges i samarbejde med ministeriet og evaluator. Social profil februar–april "
        "2011, strategiarbejde april–december 2011, mål og handleplan november 2011–februar 2012, opfølgning og "
        "tilpasning fra februar 2012."
    ),
}
KOBENHAVN_BELOEB = {2011: 1_400_000, 2012: 1_800_000}

# København was granted 1.380.000 kr. for 2011–2012 (council decision 2011): 200.000 kr. in 2011 and
# 1.180.000 kr. in 2012, after moving 308.416 kr. of the 2011 grant to 2012.
KOBENHAVN_BEVILLING = {2011: 200_000, 2012: 1_180_000}
AFGOERELSESDATO = dansk_tidspunkt(date(2011, 6, 20), time(12, 0))

# (kode, ansøgt 2011, ansøgt 2012, fokus, bevilget 2011, bevilget 2012): invented example applications.
EKSEMPLER = [
    ("147", 700_000, 900_000, "tidlig indsats i dagtilbud og overgangen til skole", 300_000, 700_000),
    ("751", 900_000, 1_100_000, "unge med adfærdsproblemer og kriminalitet", 400_000, 800_000),
    ("461", 800_000, 1_000_000, "inklusion af udsatte børn i almindelige dagtilbud og skoler", 350_000, 750_000),
    ("860", 600_000, 800_000, "små børn og unge mødre", 250_000, 600_000),
]


def _eksempel(kommune: Kommune, fokus: str) -> dict:
    return {
        "kommune_navn": kommune.officielt_navn,
        "cvr": "10000009",  # a made-up number that passes the modulus-11 check
        "adresse": "Eksempelvej 1",
        "postnr_by": "0000 Eksempelby",
        "telefon": "70 00 00 00",
        "email": f"forebyggelse-{kommune.kode}@example.org",
        "kontakt_navn": "Eksempel Projektleder",
        "kontakt_titel": "Projektleder, Børn og Familie",
        "kontakt_telefon": "70 00 00 01",
        "kontakt_email": f"projektleder-{kommune.kode}@example.org",
        "beslutningsniveau": f"{EKSEMPEL}Direktionen har besluttet at søge.",
        "afventer_politisk_godkendelse": False,
        "baggrund": f"{EKSEMPEL}Kommunen vil styrke den forebyggende indsats med fokus på {fokus}.",
        "opstart": f"{EKSEMPEL}En projektleder er udpeget og kan starte i februar 2011.",
        "projektdesign": f"{EKSEMPEL}Kortlægning, strategi og handleplan for {fokus}.",
        "bemanding": f"{EKSEMPEL}En projektleder og en tværfaglig arbejdsgruppe.",
        "tidsplan": f"{EKSEMPEL}Følger programmets tidsplan.",
    }


def indlaes_demo_program(*, ministeriet: Bruger) -> Program | None:
    """Create the demo programme with its five applications; does nothing if it already exists."""
    if Program.objects.filter(navn=PROGRAMNAVN).exists():
        return None
    with pghistory.context(user=ministeriet.pk):
        program = program_opret(
            navn=PROGRAMNAVN,
            beskrivelse=BESKRIVELSE,
            startdato=date(2011, 1, 1),
            slutdato=date(2012, 12, 31),
            samlet_budget=8_000_000,
            ansoegningsfrist=dansk_tidspunkt(date(2011, 2, 8), time(12, 0)),
            status=ProgramStatus.AABEN,
        )
    kobenhavn = Kommune.objects.get(kode="101")
    # The municipality's own details (real, from its 2011 application): its CVR number lets the ministry invite
    # its leads to log in with MitID Erhverv.
    with pghistory.context(user=ministeriet.pk):
        kommune_oplysninger_gem(
            kommune=kobenhavn,
            cvr=KOBENHAVN["cvr"],
            adresse=KOBENHAVN["adresse"],
            postnr_by=KOBENHAVN["postnr_by"],
            telefon=KOBENHAVN["telefon"],
            email=kobenhavn.email,
        )
    ansoegning = _indsend(program, kobenhavn, KOBENHAVN, KOBENHAVN_BELOEB, dag=7, ministeriet=ministeriet)
    _vurder(ansoegning, ministeriet, score=4)
    _beslut(ansoegning, ministeriet, KOBENHAVN_BEVILLING)
    for kode, aar1, aar2, fokus, bevilget1, bevilget2 in EKSEMPLER:
        kommune = Kommune.objects.get(kode=kode)
        felter, beloeb = _eksempel(kommune, fokus), {2011: aar1, 2012: aar2}
        ansoegning = _indsend(program, kommune, felter, beloeb, dag=4, ministeriet=ministeriet)
        _vurder(ansoegning, ministeriet, score=3)
        _beslut(ansoegning, ministeriet, {2011: bevilget1, 2012: bevilget2})
    with pghistory.context(user=ministeriet.pk):
        program_saet_status(program=program, status=ProgramStatus.I_GANG)
    return program


def _vurder(ansoegning: Ansoegning, ministeriet: Bruger, *, score: int) -> None:
    data = {
        "forudsaetning_1": True,
        "forudsaetning_1_kommentar": f"{EKSEMPEL}Ligger inden for programmets formål.",
        "forudsaetning_2": True,
        "forudsaetning_2_kommentar": f"{EKSEMPEL}Bygger på overvejelser om en samlet strategi.",
        **{f"kriterie_{nr}": score for nr in range(1, 9)},
        "anbefaling": Anbefaling.UDVAELG,
        "anbefaling_begrundelse": f"{EKSEMPEL}Anbefales udvalgt.",
    }
    vurdering_gem(
        vurdering=Vurdering(ansoegning=ansoegning, bedoemmer=ministeriet),
        bruger=ministeriet,
        indhold=Vurderingsindhold(**data),
        version=0,
    )


def _beslut(ansoegning: Ansoegning, ministeriet: Bruger, bevillinger: dict[int, int]) -> None:
    afgoerelse_traef(
        ansoegning=ansoegning,
        udvalgt=True,
        begrundelse="Udvalgt som en af programmets fem kommuner. Bevillingen er mindre end det ansøgte, fordi "
        "midlerne kun dækker strategisk udviklingsarbejde og implementering.",
        bevillinger=bevillinger,
        bruger=ministeriet,
        nu=AFGOERELSESDATO,
    )


# The demo's texts name the standard form's sections by the columns they once were; their numbers in the form.
STANDARDAFSNIT_NR = {
    "beslutningsniveau": 1,
    "baggrund": 2,
    "opstart": 3,
    "projektdesign": 4,
    "bemanding": 5,
    "tidsplan": 6,
}


def indhold_af(felter: dict) -> Ansoegningsindhold:
    """An application's content from the section texts named as above and section A's fields."""
    svar = {STANDARDAFSNIT_NR[k]: v for k, v in felter.items() if k in STANDARDAFSNIT_NR}
    return Ansoegningsindhold(**{k: v for k, v in felter.items() if k not in STANDARDAFSNIT_NR}, svar=svar)


def _indsend(program, kommune, felter, beloeb, *, dag: int | date, ministeriet: Bruger):
    # Municipalities without a demo lead sent their form by e-mail, as in 2011; the ministry registered it.
    leder = kommune.projektledere.first() or ministeriet
    with pghistory.context(user=leder.pk):
        ansoegning = ansoegning_opret(program=program, kommune=kommune)
        ansoegning_gem(ansoegning=ansoegning, indhold=indhold_af(felter), beloeb=beloeb, bruger=leder)
        dato = dag if isinstance(dag, date) else date(2011, 2, dag)
        ansoegning_indsend(ansoegning=ansoegning, bruger=leder, nu=dansk_tidspunkt(dato, time(10, 30)))
    ansoegning.refresh_from_db()
    return ansoegning


NAESTE_PROGRAMNAVN = "Forebyggelsesprojektet 2013–2014 (eksempel)"
NAESTE_BESKRIVELSE = (
    "Eksempeldata: et tænkt næste program, hvis ansøgningsrunde sluttede 25. maj 2012, så demoen midt i det første "
    "program (PORTAL_I_DAG=2012-06-01) viser interessetilkendegivelser, der venter på vurdering og afgørelse, en "
    "anmodning om genåbning og en genåbnet frist."
)
NAESTE_FRIST = dansk_tidspunkt(date(2012, 5, 25), time(12, 0))


def indlaes_naeste_program(*, ministeriet: Bruger) -> Program | None:
    """The next programme's application round, seen on 1 June 2012: Odense's application to assess, Aarhus' assessed
    and awaiting the decision, Frederiksberg's lead asking to reopen, and København reopened until 29 June. Does
    nothing if the programme exists."""
    if Program.objects.filter(navn=NAESTE_PROGRAMNAVN).exists():
        return None
    with pghistory.context(user=ministeriet.pk):
        program = program_opret(
            navn=NAESTE_PROGRAMNAVN,
            beskrivelse=NAESTE_BESKRIVELSE,
            startdato=date(2013, 1, 1),
            slutdato=date(2014, 12, 31),
            samlet_budget=8_000_000,
            ansoegningsfrist=NAESTE_FRIST,
            status=ProgramStatus.AABEN,
        )
    beloeb = {2013: 600_000, 2014: 800_000}
    for kode, dag, fokus in [("461", date(2012, 5, 21), EKSEMPLER[2][3]), ("751", date(2012, 5, 14), EKSEMPLER[1][3])]:
        kommune = Kommune.objects.get(kode=kode)
        felter = _eksempel(kommune, fokus) | {"opstart": f"{EKSEMPEL}Projektlederen kan starte i januar 2013."}
        ansoegning = _indsend(program, kommune, felter, beloeb, dag=dag, ministeriet=ministeriet)
        if kode == "751":
            _vurder(ansoegning, ministeriet, score=3)
    kobenhavn = _kladde(program, "101", "overgangen fra dagtilbud til skole", ministeriet)
    ansoegning_genaabn(
        ansoegning=kobenhavn,
        aaben_til=dansk_tidspunkt(date(2012, 6, 29), time(12, 0)),
        begrundelse=f"{EKSEMPEL}Byrådet behandler sagen først i juni.",
        bruger=ministeriet,
        nu=dansk_tidspunkt(date(2012, 5, 29), time(9, 0)),
    )
    frederiksberg = _kladde(program, "147", EKSEMPLER[0][3], ministeriet)
    leder = frederiksberg.kommune.projektledere.first()
    if leder is not None:
        genaabningsanmodning_opret(
            ansoegning=frederiksberg,
            bruger=leder,
            begrundelse=f"{EKSEMPEL}Projektgruppen var syg i ugen op til fristen; vi kan indsende inden 15. juni.",
            nu=dansk_tidspunkt(date(2012, 5, 30), time(14, 0)),
        )
    return program


def _kladde(program: Program, kode: str, fokus: str, ministeriet: Bruger) -> Ansoegning:
    """A begun draft: the sections still to write are empty."""
    kommune = Kommune.objects.get(kode=kode)
    leder = kommune.projektledere.first() or ministeriet
    with pghistory.context(user=leder.pk):
        kladde = ansoegning_opret(program=program, kommune=kommune)
        indhold = indhold_af(_eksempel(kommune, fokus) | {"projektdesign": "", "bemanding": "", "tidsplan": ""})
        return ansoegning_gem(ansoegning=kladde, indhold=indhold, beloeb={2013: 1_000_000}, bruger=leder)


# Every other municipality, when the demo is scaled up (load_demo --alle-kommuner): a small grant each, so the
# grants stay within the programme's budget of 8 mio. kr.
SKALERET_BEVILLING = {2011: 10_000, 2012: 15_000}


def indlaes_alle_kommuner(*, ministeriet: Bruger) -> int:
    """Let every municipality that has not applied to the demo programme apply and be selected (example data), for
    benchmarks and the load test. Returns how many were added; does nothing without the demo programme."""
    program = Program.objects.filter(navn=PROGRAMNAVN).first()
    if program is None:
        return 0
    nye = Kommune.objects.exclude(ansoegninger__program=program).order_by("kode")
    if not nye.exists():
        return 0
    fokus = [e[3] for e in EKSEMPLER]
    status = program.status
    with pghistory.context(user=ministeriet.pk):
        program = program_saet_status(program=program, status=ProgramStatus.AABEN)
    antal = 0
    for nr, kommune in enumerate(nye):
        felter, beloeb = _eksempel(kommune, fokus[nr % len(fokus)]), {2011: 300_000, 2012: 400_000}
        ansoegning = _indsend(program, kommune, felter, beloeb, dag=5, ministeriet=ministeriet)
        _vurder(ansoegning, ministeriet, score=3)
        _beslut(ansoegning, ministeriet, SKALERET_BEVILLING)
        antal += 1
    with pghistory.context(user=ministeriet.pk):
        program_saet_status(program=program, status=status)
    return antal


# Frederiksberg's own project organisation and milestone plan: invented example people, labelled as examples where
# users see them. (rolle, navn, titel)
EKSEMPELORGANISATION = [
    ("styregruppe", "Eksempel Direktør", "Direktør for Børn og Unge"),
    ("styregruppe", "Eksempel Skolechef", "Skolechef"),
    ("styregruppe", "Eksempel Dagtilbudschef", "Dagtilbudschef"),
    ("projektejer", "Eksempel Projektejer", "Afdelingschef, Familieafdelingen"),
    ("projektgruppe", "Eksempel Sektionsleder", "Sektionsleder, Familieafdelingen"),
    ("projektgruppe", "Eksempel Sundhedsplejerske", "Ledende sundhedsplejerske"),
    ("projektgruppe", "Eksempel Psykolog", "Chefpsykolog, Fællesrådgivningen"),
    ("projektleder", "Eksempel Projektleder Frederiksberg", "Projektleder, Børne- og Ungeområdet"),
]
# (måned, milepæl, ansvarlig, udført): on 1 June 2012 the May milestone is late and the June one due.
EKSEMPELMILEPAELE = [
    (date(2011, 3, 1), "Projektorganisationen er godkendt i styregruppen", "Projektejer", date(2011, 3, 24)),
    (date(2011, 5, 1), "Kortlægningen af tilbudsviften er færdig", "Projektgruppen", date(2011, 5, 30)),
    (date(2011, 9, 1), "Den sociale profil er drøftet i styregruppen", "Projektleder", date(2011, 9, 22)),
    (date(2011, 12, 1), "Forebyggelsesstrategien er godkendt politisk", "Styregruppen", date(2011, 12, 14)),
    (date(2012, 3, 1), "Midtvejsstatus er drøftet i styregruppen", "Projektleder", date(2012, 3, 29)),
    (date(2012, 5, 1), "Interview med forældre og fagpersoner er gennemført", "Projektgruppen", None),
    (date(2012, 6, 1), "Opfølgningen på handleplanen er sendt til styregruppen", "Projektleder", None),
    (date(2012, 10, 1), "Erfaringerne er samlet i en slutstatus", "Projektgruppen", None),
    (date(2012, 12, 1), "Indsatsen er forankret i den almindelige drift", "Projektejer", None),
]


def indlaes_demo_organisation(*, program: Program) -> bool:
    """Frederiksberg's project organisation and milestone plan in the demo programme; does nothing if it has one."""
    deltagelse = program.deltagelser.get(kommune__kode="147")
    if deltagelse.projektdeltagere.exists() or deltagelse.milepaele.exists():
        return False
    leder = Bruger.objects.filter(kommuner=deltagelse.kommune).first() or Bruger.objects.get(username="ministeriet")
    for nr, (rolle, navn, titel) in enumerate(EKSEMPELORGANISATION):
        projektdeltager_gem(
            deltagelse=deltagelse,
            navn=navn,
            rolle=rolle,
            titel=f"{titel} (eksempeldata)",
            raekkefoelge=nr,
            bruger=leder,
        )
    for maaned, titel, ansvarlig, udfoert in EKSEMPELMILEPAELE:
        milepael_gem(
            deltagelse=deltagelse,
            titel=titel,
            ansvarlig=ansvarlig,
            maaned=maaned,
            udfoert=udfoert,
            note="Eksempeldata.",
            bruger=leder,
        )
    return True


# The programme of 2017–2019 (issue 17): a later programme with its own form, assessment and money rules ----------
# Frederiksberg's application uses the facts of the municipality's public project description of 2017 (focus points,
# mini-analysis, roles, milestone plan, the project lead's cost), written in our own words; its people, the two other
# applications, every assessment and decision are invented example data and say so where users see them.

OMLAEGNING_PROGRAMNAVN = "Omlægning til en tidligere forebyggende og mere effektiv indsats 2017–2019 (eksempel)"
OMLAEGNING_BESKRIVELSE = (
    "Eksempeldata: et tænkt program efter forbillede af satspuljen til omlægning på området for udsatte børn og "
    "unge. Kommunerne får tilskud til at flytte indsatsen fra sene, indgribende foranstaltninger mod tidlig hjælp tæt "
    "på barnets hverdag, i sagsbehandlingen såvel som i dagtilbud og skole. En kommune kan søge højst 1,9 mio. kr. for "
    "perioden 1. maj 2017–31. december 2019 og skal selv finansiere mindst halvdelen af projektets samlede budget. "
    "Programmet har sin egen ansøgningsformular (minianalyse, fokuspunkter, udviklingsplan, projektorganisation og "
    "milepælsplan) og sine egne vurderingskriterier.\n\n"
    "Demo: Frederiksbergs ansøgning bygger på kommunens offentlige projektbeskrivelse fra 2017. Personerne i "
    "projektorganisationen, Hvidovres og Hernings ansøgninger, alle vurderinger, afgørelser og kontaktoplysninger er "
    "eksempeldata. Programmet ligger efter demoens dag (1. juni 2012) og står, som det gjorde i foråret 2017: "
    "ansøgningerne er vurderet og bevilget, og milepælsplanen er ikke begyndt."
)
OMLAEGNING_FRIST = dansk_tidspunkt(date(2017, 3, 1), time(12, 0))
OMLAEGNING_AFGOERELSESDATO = dansk_tidspunkt(date(2017, 4, 3), time(12, 0))
OMLAEGNING_MAKS_BELOEB = 1_900_000
OMLAEGNING_MEDFINANSIERING = 50

OMLAEGNING_AFSNIT = [
    Punkt(
        "1. Minianalyse",
        "Hvordan kommunen kortlægger sine tilbud, forebyggende tiltag og nedskrevne praksis; hvordan spørgeskema og "
        "fokusgrupper gennemføres; og hvad analysen af styrker og udviklingspunkter skal vise.",
        6_000,
    ),
    Punkt("2. Fokuspunkter for omlægningen", "Det, omlægningen især skal ændre, og hvorfor.", 3_000),
    Punkt(
        "3. Lokal udviklingsplan",
        "Hvordan minianalysen bliver til en plan for omlægningen, hvem der skriver den, og hvem der godkender den.",
        4_000,
    ),
    Punkt(
        "4. Projektorganisation",
        "Styregruppe, projektejer, projektgruppe og projektleder: hvem de er, og hvad hver af dem har ansvaret for.",
        3_000,
    ),
    Punkt("5. Milepælsplan", "De vigtigste milepæle i projektets første år, med måned og ansvarlig.", 2_000),
]
OMLAEGNING_FORUDSAETNINGER = [
    "Kommunen har eller får rådgivning om omlægningen fra Socialstyrelsen",
    "Kommunen finansierer selv mindst halvdelen af projektets samlede budget, og det er besluttet politisk",
    "En minianalyse af kommunens nuværende praksis går forud for udviklingsplanen",
]
# (kriterie, vægt), each scored 0–4: the minianalysis carries the plan, so it counts double.
OMLAEGNING_KRITERIER = [
    ("Minianalysen giver et solidt grundlag for den lokale udviklingsplan", 2),
    ("Omlægningen omfatter både sagsbehandlingen og almenområdet", 1),
    ("Ledelsen bakker op, og projektorganisationen har klare roller", 1),
    ("Milepælsplan og budget er realistiske", 1),
]
OMLAEGNING_SKALA = (0, 4)
OMLAEGNING_UDBETALING = (
    f"{EKSEMPEL}Tilskuddet udbetales én gang om året forud; kommunen indberetter årets forbrug og egenfinansiering "
    "senest 1. marts året efter."
)


@transaction.atomic
def omlaegningens_opsaetning(*, program: Program, ministeriet: Bruger) -> Opsaetning:
    """The programme's own form, assessment and money rules in place of the standard set-up it was created with.
    Only before any application is written in it: nothing answers or scores the rows it replaces."""
    opsaetning = opsaetning_til_aendring(program=program)
    if opsaetning.ansoegninger.exists():
        raise ValueError("Der er allerede skrevet ansøgninger i opsætningen.")
    with pghistory.context(user=ministeriet.pk):
        opsaetning.afsnit.all().delete()
        opsaetning.forudsaetninger.all().delete()
        opsaetning.kriterier.all().delete()
        raekker = [
            *(
                Afsnit(
                    opsaetning=opsaetning, nr=nr, overskrift=p.overskrift, hjaelp=p.hjaelp, tegngraense=p.tegngraense
                )
                for nr, p in enumerate(OMLAEGNING_AFSNIT, start=1)
            ),
            *(
                Forudsaetning(opsaetning=opsaetning, nr=nr, tekst=tekst)
                for nr, tekst in enumerate(OMLAEGNING_FORUDSAETNINGER, start=1)
            ),
            *(
                Kriterie(
                    opsaetning=opsaetning,
                    nr=nr,
                    tekst=tekst,
                    vaegt=vaegt,
                    skala_fra=OMLAEGNING_SKALA[0],
                    skala_til=OMLAEGNING_SKALA[1],
                )
                for nr, (tekst, vaegt) in enumerate(OMLAEGNING_KRITERIER, start=1)
            ),
        ]
        for raekke in raekker:
            raekke.full_clean()
            raekke.save()
        opsaetning.maks_beloeb = OMLAEGNING_MAKS_BELOEB
        opsaetning.medfinansiering_procent = OMLAEGNING_MEDFINANSIERING
        opsaetning.udbetaling = OMLAEGNING_UDBETALING
        opsaetning.full_clean()
        opsaetning.save()
    return opsaetning


FREDERIKSBERG_2017_SVAR = {
    1: (
        "Kommunen begynder med en minianalyse af, hvordan børne- og ungeområdet i dag arbejder tidligt og "
        "forebyggende med børn og unge i en udsat position. Analysen er grundlaget for den lokale udviklingsplan og "
        "har tre dele.\n\n"
        "Først kortlægges tilbudsviften og de forebyggende tiltag, både på almenområdet og på det specialiserede "
        "område, og den nedskrevne praksis: børnepolitikken og udviklingsplaner og strategier i Familieafdelingen, "
        "Sundhedsplejen, Tandplejen, Fællesrådgivningen, Dagtilbudsafdelingen og Skoleafdelingen. Kortlægningen ser "
        "især på opsporing, samarbejdet mellem fagene, inddragelse af netværket og hjælp, der kommer, mens "
        "problemerne stadig er små.\n\n"
        "Dernæst spørger vi ledere og medarbejdere fra myndighed, dagtilbud, skole, sundhedspleje, tandpleje og PPR "
        "og leverandørerne af forebyggende foranstaltninger og anbringelser, i en spørgeskemaundersøgelse, i "
        "fokusgrupper og i enkelte interview.\n\n"
        "Til sidst samler analysen op: hvor hænger den politiske retning og det daglige arbejde sammen, og hvor skal "
        "indsatserne hænge bedre sammen, mistrivsel opdages tidligere og fagene arbejde mere på tværs?"
    ),
    2: (
        "Omlægningen har tre fokuspunkter, som også er rammen for styringen af projektet:\n\n"
        "1. Kommunens rammer for indsatsen: ledelsen står bag retningen, økonomien belønner forebyggelse på tværs af "
        "afdelingerne, og der følges op på mål, aktiviteter og forbrug.\n\n"
        "2. Sagsbehandlingen på myndighedsområdet: tidligere ind i sagerne, indsatstrappen som fælles tankegang, "
        "hyppigere opfølgning på foranstaltninger og mere brug af familiens og netværkets ressourcer. En rådgiver i "
        "Familieafdelingen har i dag omkring 40 sager; i Sverigesmodellen er det nærmere 25.\n\n"
        "3. Tilbudsviften og det forebyggende arbejde på almenområdet: tidlig opsporing og støtte i dagtilbud og "
        "skole, flere tidlige tilbud, og anbringelser i slægt, netværk og plejefamilie frem for på institution."
    ),
    3: (
        "Når styregruppen har godkendt minianalysen, skriver projektgruppen en lokal plan for udvikling og omlægning "
        "med konkrete skridt mod en tidligere og mere effektiv indsats. Kommunen søger Socialstyrelsen om et "
        "rådgivningsforløb fra begyndelsen af 2018 til arbejdet med planen og med de punkter, analysen peger på. "
        "Andre kommuners erfaringer tyder på, at planen vil handle om flere sagsbehandlere, kompetenceudvikling af "
        "rådgiverne og måske nye tilbud og metoder. Planen forelægges politisk sammen med en sag om kommunens "
        "medfinansiering."
    ),
    4: (
        "Styregruppen består af direktøren for området, afdelingschefen for Familieafdelingen, skolechefen, "
        "dagtilbudschefen og chefen for staben. Den godkender projektbeskrivelse, bemanding og statusrapporter, "
        "giver projektet mandat og ressourcer og fjerner forhindringer.\n\n"
        "Projektejeren er afdelingschefen for Familieafdelingen. Projektejeren sidder i styregruppen, har ansvaret "
        "for, at projektet når sine mål, og er projektlederens indgang til styregruppen.\n\n"
        "Projektgruppen har sektionsledere fra Skole-, Dagtilbuds- og Familieafdelingen, sekretariatslederen fra "
        "staben, den ledende sundhedsplejerske, lederen og chefpsykologen fra Fællesrådgivningen og projektlederen. "
        "Den planlægger faserne, sætter mål, milepæle og succeskriterier og sparrer om kortlægning, analyse og "
        "plan.\n\n"
        "Projektlederen er ansat på børne- og ungeområdet med reference til en sektionsleder i Familieafdelingen, "
        "driver projektet frem, samler data til kortlægning og analyse, skriver udkastene og følger op på mål og "
        "milepæle."
    ),
    5: (
        "Juni 2017: projektbeskrivelsen for minianalysen er godkendt i styregruppen og politisk.\n"
        "August 2017: styregruppen har drøftet en midtvejsstatus på minianalysen.\n"
        "September 2017: kommunens politikker og strategier på området er gennemgået.\n"
        "Oktober 2017: tilbudsviften er kortlagt.\n"
        "November 2017: spørgeskema, fokusgrupper og interview er gennemført, og styregruppen har godkendt "
        "minianalysen.\n"
        "December 2017: politikerne har fået et beslutningsforslag om økonomien, og ansøgningen om et "
        "rådgivningsforløb er sendt til Socialstyrelsen."
    ),
}
# The project lead's cost in the grant period; the municipality pays as much again (50 %).
FREDERIKSBERG_2017_BELOEB = {2017: 0, 2018: 433_000, 2019: 216_000}

# (kode, fokus, ansøgt pr. år, bevilget pr. år, scorer, indsendt): invented example applications; each pays as much
# as it applies for.
OMLAEGNING_EKSEMPLER = [
    (
        "167",
        "færre sager pr. rådgiver og hyppigere opfølgning på foranstaltningerne",
        {2017: 300_000, 2018: 800_000, 2019: 600_000},
        {2017: 300_000, 2018: 700_000, 2019: 500_000},
        [3, 3, 2, 3],
        date(2017, 2, 24),
    ),
    (
        "657",
        "flere anbringelser i netværk og plejefamilie frem for på institution",
        {2017: 400_000, 2018: 900_000, 2019: 600_000},
        {2017: 400_000, 2018: 800_000, 2019: 500_000},
        [3, 2, 3, 2],
        date(2017, 2, 28),
    ),
]


def _omlaegning_eksempelsvar(fokus: str) -> dict[int, str]:
    return {
        1: f"{EKSEMPEL}Kommunen kortlægger sine tilbud og spørger ledere og medarbejdere med fokus på {fokus}.",
        2: f"{EKSEMPEL}Omlægningen skal især give {fokus}.",
        3: f"{EKSEMPEL}Udviklingsplanen skrives i efteråret 2017 med rådgivning fra Socialstyrelsen.",
        4: f"{EKSEMPEL}En styregruppe med direktøren og afdelingscheferne, en tværfaglig projektgruppe og en "
        "projektleder.",
        5: f"{EKSEMPEL}Minianalysen er færdig i november 2017, udviklingsplanen i marts 2018.",
    }


def indlaes_omlaegningsprogram(*, ministeriet: Bruger) -> Program | None:
    """The 2017–2019 programme with its own set-up: Frederiksberg's, Hvidovre's and Herning's applications submitted,
    assessed on the programme's criteria, decided and granted, and Frederiksberg's organisation and milestone plan.
    Does nothing if the programme exists."""
    if Program.objects.filter(navn=OMLAEGNING_PROGRAMNAVN).exists():
        return None
    with pghistory.context(user=ministeriet.pk):
        program = program_opret(
            navn=OMLAEGNING_PROGRAMNAVN,
            beskrivelse=OMLAEGNING_BESKRIVELSE,
            startdato=date(2017, 5, 1),
            slutdato=date(2019, 12, 31),
            samlet_budget=5_700_000,
            ansoegningsfrist=OMLAEGNING_FRIST,
            status=ProgramStatus.AABEN,
        )
    omlaegningens_opsaetning(program=program, ministeriet=ministeriet)
    frederiksberg = Kommune.objects.get(kode="147")
    ansoegning = _indsend_omlaegning(
        program, frederiksberg, FREDERIKSBERG_2017_SVAR, FREDERIKSBERG_2017_BELOEB, date(2017, 2, 27), ministeriet
    )
    _vurder_omlaegning(ansoegning, ministeriet, [4, 3, 3, 3])
    _bevilg_omlaegning(ansoegning, ministeriet, FREDERIKSBERG_2017_BELOEB)
    for kode, fokus, beloeb, bevilling, scorer, dag in OMLAEGNING_EKSEMPLER:
        kommune = Kommune.objects.get(kode=kode)
        ansoegning = _indsend_omlaegning(program, kommune, _omlaegning_eksempelsvar(fokus), beloeb, dag, ministeriet)
        _vurder_omlaegning(ansoegning, ministeriet, scorer)
        _bevilg_omlaegning(ansoegning, ministeriet, bevilling)
    with pghistory.context(user=ministeriet.pk):
        program = program_saet_status(program=program, status=ProgramStatus.I_GANG)
    _omlaegningens_organisation(program.deltagelser.get(kommune=frederiksberg), ministeriet)
    return program


def _indsend_omlaegning(program, kommune, svar, beloeb, dag: date, ministeriet: Bruger) -> Ansoegning:
    """Written and submitted by the municipality's demo lead (or registered by the ministry); the municipality's
    own money equals the amount applied for each year: the 50 % the programme asks for."""
    leder = kommune.projektledere.first() or ministeriet
    felter = _eksempel(kommune, "")
    indhold = Ansoegningsindhold(**{felt: felter[felt] for felt in SEKTION_A}, svar=svar)
    with pghistory.context(user=leder.pk):
        ansoegning = ansoegning_opret(program=program, kommune=kommune)
        ansoegning_gem(ansoegning=ansoegning, indhold=indhold, beloeb=beloeb, egenfinansiering=beloeb, bruger=leder)
        ansoegning_indsend(ansoegning=ansoegning, bruger=leder, nu=dansk_tidspunkt(dag, time(10, 30)))
    ansoegning.refresh_from_db()
    return ansoegning


def _vurder_omlaegning(ansoegning: Ansoegning, ministeriet: Bruger, scorer: list[int]) -> None:
    data = {
        **{f"forudsaetning_{nr}": True for nr in range(1, len(OMLAEGNING_FORUDSAETNINGER) + 1)},
        "forudsaetning_2_kommentar": f"{EKSEMPEL}Byrådet har besluttet medfinansieringen.",
        **{f"kriterie_{nr}": score for nr, score in enumerate(scorer, start=1)},
        "kriterie_1_kommentar": f"{EKSEMPEL}Minianalysen er grundigt planlagt og dækker både myndighed og almenområde."
        if scorer[0] == OMLAEGNING_SKALA[1]
        else f"{EKSEMPEL}Minianalysen er beskrevet, men kortlægningen af tilbudsviften er tynd.",
        "anbefaling": Anbefaling.UDVAELG,
        "anbefaling_begrundelse": f"{EKSEMPEL}Anbefales udvalgt.",
    }
    vurdering_gem(
        vurdering=Vurdering(ansoegning=ansoegning, bedoemmer=ministeriet),
        bruger=ministeriet,
        indhold=Vurderingsindhold(**data),
        version=0,
    )


def _bevilg_omlaegning(ansoegning: Ansoegning, ministeriet: Bruger, bevillinger: dict[int, int]) -> None:
    afgoerelse_traef(
        ansoegning=ansoegning,
        udvalgt=True,
        begrundelse=f"{EKSEMPEL}Udvalgt: minianalysen og medfinansieringen er på plads. Tilskuddet dækker "
        "halvdelen af projektets budget.",
        bevillinger=bevillinger,
        bruger=ministeriet,
        nu=OMLAEGNING_AFGOERELSESDATO,
    )


# Frederiksberg's organisation in the 2017 programme: the roles of its project description, the people invented.
# (rolle, navn, titel)
OMLAEGNING_ORGANISATION = [
    ("styregruppe", "Eksempel Direktør", "Direktør, Børne- og Ungeområdet"),
    ("styregruppe", "Eksempel Afdelingschef", "Konstitueret afdelingschef, Familieafdelingen"),
    ("styregruppe", "Eksempel Skolechef", "Skolechef"),
    ("styregruppe", "Eksempel Dagtilbudschef", "Dagtilbudschef"),
    ("styregruppe", "Eksempel Stabschef", "Chef for staben"),
    ("projektejer", "Eksempel Afdelingschef", "Konstitueret afdelingschef, Familieafdelingen"),
    ("projektgruppe", "Eksempel Sektionsleder Skole", "Sektionsleder, Skoleafdelingen"),
    ("projektgruppe", "Eksempel Sektionsleder Dagtilbud", "Sektionsleder, Dagtilbudsafdelingen"),
    ("projektgruppe", "Eksempel Sektionsleder Familie", "Sektionsleder, Familieafdelingen"),
    ("projektgruppe", "Eksempel Sekretariatsleder", "Sekretariatsleder, staben"),
    ("projektgruppe", "Eksempel Sundhedsplejerske", "Ledende sundhedsplejerske"),
    ("projektgruppe", "Eksempel Chefpsykolog", "Chefpsykolog, Fællesrådgivningen"),
    ("projektleder", "Eksempel Projektleder Frederiksberg", "Projektleder, Børne- og Ungeområdet"),
]
# (måned, milepæl, ansvarlig): the plan as submitted in February 2017, nothing done yet.
OMLAEGNING_MILEPAELE = [
    (date(2017, 6, 1), "Projektbeskrivelsen for minianalysen er godkendt i styregruppen og politisk", "Styregruppen"),
    (date(2017, 8, 1), "Styregruppen har drøftet en midtvejsstatus på minianalysen", "Projektleder"),
    (date(2017, 9, 1), "Politikker og strategier på området er gennemgået", "Projektleder"),
    (date(2017, 10, 1), "Tilbudsviften er kortlagt", "Projektgruppen"),
    (date(2017, 11, 1), "Spørgeskema, fokusgrupper og interview er gennemført", "Projektleder"),
    (date(2017, 11, 1), "Minianalysen er godkendt i styregruppen", "Projektejer"),
    (date(2017, 12, 1), "Politikerne har fået et beslutningsforslag om økonomien i omlægningen", "Projektejer"),
    (date(2017, 12, 1), "Ansøgningen om et rådgivningsforløb er sendt til Socialstyrelsen", "Projektleder"),
]


def _omlaegningens_organisation(deltagelse: Deltagelse, ministeriet: Bruger) -> None:
    leder = deltagelse.kommune.projektledere.first() or ministeriet
    for nr, (rolle, navn, titel) in enumerate(OMLAEGNING_ORGANISATION):
        projektdeltager_gem(
            deltagelse=deltagelse,
            navn=navn,
            rolle=rolle,
            titel=f"{titel} (eksempeldata)",
            raekkefoelge=nr,
            bruger=leder,
        )
    for maaned, titel, ansvarlig in OMLAEGNING_MILEPAELE:
        milepael_gem(
            deltagelse=deltagelse, titel=titel, ansvarlig=ansvarlig, maaned=maaned, note="Eksempeldata.", bruger=leder
        )
