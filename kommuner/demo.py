"""The demo programme: Forebyggelsesprojektet 2011–2012 with its five participating municipalities, and the next
programme's application round (invented example data), open in the spring of 2012.

København's application and grant use the facts of the public documents (amounts applied for and
granted, focus areas, staffing), written in our own words. The four other municipalities' applications,
all assessments and all contact details are invented example data and say so where users see them.
Everything is created through the same services the application uses.
"""

from datetime import date, time

import pghistory

from forebyggelse.formatering import dansk_tidspunkt
from kommuner.models import Anbefaling, Ansoegning, Bruger, Kommune, Program, ProgramStatus, Vurdering
from kommuner.services.ansoegninger import (
    Ansoegningsindhold,
    ansoegning_gem,
    ansoegning_genaabn,
    ansoegning_indsend,
    ansoegning_opret,
    genaabningsanmodning_opret,
)
from kommuner.services.bevillinger import afgoerelse_traef
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
