"""The demo programme's timeline, meetings and deliveries (2011–2012).

The timeline's phases, deadlines and meetings follow the programme description (DESIGN.md §4). The meetings'
exact dates, places, agendas, minutes, attendance and the deliveries are invented example data and say so.
Everything is created through the services; loading twice changes nothing.
"""

from datetime import date, time

import pghistory

from evaluering.jobs import koer
from evaluering.models import (
    Baggrundsjob,
    Indholdsart,
    Jobstatus,
    Kommuneleverance,
    Moede,
    Moedeart,
    Punktart,
    Tidsplanpunkt,
)
from evaluering.services import leverancer, moeder, tidsplan
from evaluering.tidsangivelse import fortolk
from forebyggelse.formatering import dansk_tidspunkt
from kommuner.models import Bruger, Kommune, Program

EKSEMPEL = "Eksempeldata: "

# (art, titel, tidspunkt) as the programme description has them.
TIDSPLAN = [
    (Punktart.FRIST, "Indgåelse af kontrakt med projektkommunerne", "uge 7, 2011"),
    (Punktart.FASE, "Udvikling af sociale profiler for de enkelte kommuner", "feb-apr 2011"),
    (Punktart.MOEDE, "Opstartsmøde med projektkommuner og evaluator", "uge 12, 2011"),
    (Punktart.MOEDE, "1. netværksmøde (fokus: forebyggelsesstrategi)", "maj 2011"),
    (Punktart.FASE, "Udvikling af forebyggelsesstrategi", "apr-dec 2011"),
    (Punktart.MOEDE, "2. netværksmøde (fokus: opfølgning og dokumentation)", "december 2011"),
    (Punktart.FASE, "Mål for indsatsen og handleplan for dokumentation og opfølgning", "nov 2011-feb 2012"),
    (Punktart.MOEDE, "Formidlingsseminarer for interesserede kommuner (løbende)", "mar 2011-nov 2012"),
    (Punktart.FASE, "Opfølgning på indsatsen og tilpasning af handleplanen", "feb-dec 2012"),
    (Punktart.MOEDE, "3. netværksmøde (fokus: implementering, tilpasning og forankring)", "april 2012"),
    (Punktart.MOEDE, "Afsluttende workshop og forebyggelseskonference", "okt/nov 2012"),
]

# (punkt, art, nummer, dato, fokus, fraværende kommunekoder, referat godkendt?)
MOEDER = [
    (2, Moedeart.OPSTART, None, date(2011, 3, 24), "opstart, social profil og samarbejdet med evaluator", [], True),
    (3, Moedeart.NETVAERK, 1, date(2011, 5, 19), "forebyggelsesstrategi", ["860"], True),
    (5, Moedeart.NETVAERK, 2, date(2011, 12, 7), "opfølgning og dokumentation", [], False),
    (None, Moedeart.STYREGRUPPE, 1, date(2011, 6, 16), "status og fremdrift", [], True),
    (None, Moedeart.STYREGRUPPE, 2, date(2011, 9, 15), "status og fremdrift", [], True),
]


def indlaes_demo_evaluering(*, ministeriet: Bruger, program: Program) -> bool:
    """Create the demo timeline, meetings and deliveries; does nothing if the timeline already exists."""
    if Tidsplanpunkt.objects.filter(program=program).exists():
        return False
    with pghistory.context(user=ministeriet.pk):
        punkter = [
            tidsplan.tidsplanpunkt_opret(program=program, art=art, titel=titel, tid=fortolk(tid))
            for art, titel, tid in TIDSPLAN
        ]
        for punkt_nr, art, nummer, dag, fokus, fravaerende, godkendt in MOEDER:
            _moede(
                program,
                ministeriet,
                punkter[punkt_nr] if punkt_nr is not None else None,
                art,
                nummer,
                dag,
                fokus,
                fravaerende,
                godkendt,
            )
    _leverancer(program, ministeriet)
    # The approved minutes queued their e-mails; the demo loader sends no mail, so they run here, now.
    for job in Baggrundsjob.objects.filter(status=Jobstatus.VENTER):
        koer(job.pk)
    return True


def _moede(program, ministeriet, punkt, art, nummer, dag, fokus, fravaerende, godkendt) -> Moede:
    moede = moeder.moede_opret(
        program=program,
        art=art,
        nummer=nummer,
        start=dansk_tidspunkt(dag, time(10, 0)),
        slut=dansk_tidspunkt(dag, time(15, 0)),
        sted=f"{EKSEMPEL}Socialministeriet, København",
        fokus=fokus,
        tidsplanpunkt=punkt,
    )
    for titel, oplaeg, minutter in [
        ("Velkomst og dagens program", "Ministeriet", 15),
        (f"Oplæg: {fokus}", "Evaluator", 60),
        ("Erfaringer fra kommunerne", "Kommunerne", 90),
        ("Aftaler og næste skridt", "Ministeriet", 30),
    ]:
        moeder.dagsordenspunkt_tilfoej(moede=moede, titel=titel, oplaegsholder=oplaeg, varighed=minutter)
    moede = moeder.moede_marker_afholdt(moede=moede)
    if art != Moedeart.STYREGRUPPE:
        for kommune in Kommune.objects.filter(deltagelser__program=program).order_by("kode"):
            deltog = kommune.kode not in fravaerende
            moeder.fremmoede_registrer(
                moede=moede,
                kommune=kommune,
                deltog=deltog,
                deltagere=f"{EKSEMPEL}projektleder og en medarbejder" if deltog else "",
                bemaerkning="" if deltog else f"{EKSEMPEL}meldte afbud",
                bruger=ministeriet,
            )
    moede = moeder.referat_gem(
        moede=moede,
        referat=f"{EKSEMPEL}Kommunerne fortalte om deres arbejde med {fokus}. Evaluator gennemgik, hvilke data "
        "der skal leveres, og hvornår. Næste skridt blev aftalt som beskrevet under opfølgningspunkterne.",
        version=moede.version,
        bruger=ministeriet,
    )
    moeder.opfoelgningspunkt_tilfoej(
        moede=moede,
        art="opfoelgning",
        tekst=f"{EKSEMPEL}Kommunerne sender status på {fokus} til evaluator",
        ansvarlig="Kommunerne",
        frist=date(dag.year + (dag.month + 1) // 13, (dag.month % 12) + 1, 1),
    )
    if godkendt:
        moede = moeder.referat_godkend(moede=moede, bruger=ministeriet, nu=dansk_tidspunkt(dag, time(16, 0)))
    return moede


def _leverancer(program: Program, ministeriet: Bruger) -> None:
    oekonomi = leverancer.dataleverance_opret(
        program=program,
        titel="Økonomi og mødedeltagelse 2011",
        beskrivelse=f"{EKSEMPEL}Forbrug af bevillingen og deltagelse i programmets møder i 2011.",
        aar=2011,
        indhold=[Indholdsart.OEKONOMI, Indholdsart.MOEDEDELTAGELSE],
        frist=dansk_tidspunkt(date(2012, 1, 31), time(12, 0)),
        bruger=ministeriet,
    )
    leverancer.dataleverance_opret(
        program=program,
        titel="Interessetilkendegivelse og økonomi 2012",
        beskrivelse=f"{EKSEMPEL}Grundlaget for evalueringen af programmets andet år.",
        aar=2012,
        indhold=[Indholdsart.ANSOEGNING, Indholdsart.OEKONOMI],
        frist=dansk_tidspunkt(date(2012, 12, 14), time(12, 0)),
        bruger=ministeriet,
    )
    _indsend(
        oekonomi,
        ministeriet,
        indsendt=dansk_tidspunkt(date(2012, 1, 20), time(9, 30)),
        godkendt=dansk_tidspunkt(date(2012, 1, 25), time(14, 0)),
    )


def _indsend(leverance, ministeriet: Bruger, *, indsendt, godkendt) -> None:
    """Every municipality with a demo lead submits; København's is approved; the rest are late."""
    for kl in Kommuneleverance.objects.filter(dataleverance=leverance).select_related("deltagelse__kommune"):
        leder = kl.deltagelse.kommune.projektledere.first()
        if leder is None:
            continue
        indsendelse = leverancer.leverance_indsend(kommuneleverance=kl, bruger=leder, nu=indsendt)
        if kl.deltagelse.kommune.kode == "101":
            leverancer.indsendelse_vurder(
                indsendelse=indsendelse, godkendt=True, kommentar="", bruger=ministeriet, nu=godkendt
            )


STRATEGILEVERANCE = "Social profil, strategi og opfølgning 2012"


def indlaes_demo_strategileverance(*, ministeriet: Bruger, program: Program) -> bool:
    """A delivery of the social profile, the strategy and its follow-up, loaded after the key figures and the
    strategies it freezes: København delivered and was approved, Frederiksberg awaits review, the others are late.
    Does nothing if it already exists."""
    if program.dataleverancer.filter(titel=STRATEGILEVERANCE).exists():
        return False
    leverance = leverancer.dataleverance_opret(
        program=program,
        titel=STRATEGILEVERANCE,
        beskrivelse=f"{EKSEMPEL}Grundlaget for evaluatorens midtvejsanalyse: profil, strategi, mål og opfølgning.",
        aar=2011,
        indhold=[Indholdsart.SOCIAL_PROFIL, Indholdsart.STRATEGI, Indholdsart.OPFOELGNING],
        frist=dansk_tidspunkt(date(2012, 11, 30), time(12, 0)),
        bruger=ministeriet,
    )
    _indsend(
        leverance,
        ministeriet,
        indsendt=dansk_tidspunkt(date(2012, 11, 20), time(10, 0)),
        godkendt=dansk_tidspunkt(date(2012, 11, 26), time(14, 0)),
    )
    return True
