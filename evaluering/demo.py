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
    Fremmoedestatus,
    Indholdsart,
    Jobstatus,
    Kommuneleverance,
    Moede,
    Moedeart,
    Punktart,
    Punkttype,
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

# (punkt, art, nummer, dato, fokus, kommuner med afbud {kode: grund}, kommuner uden registreret fremmøde,
#  referat godkendt?). The 2nd network meeting's minutes await approval and Frederiksberg has not answered for it;
# at the 3rd Frederiksberg sent apologies; the 3rd steering group meeting is ahead on 1 June 2012.
MOEDER = [
    (2, Moedeart.OPSTART, None, date(2011, 3, 24), "opstart, social profil og samarbejdet med evaluator", {}, [], True),
    (3, Moedeart.NETVAERK, 1, date(2011, 5, 19), "forebyggelsesstrategi", {"860": "sygdom"}, [], True),
    (5, Moedeart.NETVAERK, 2, date(2011, 12, 7), "opfølgning og dokumentation", {}, ["147"], False),
    (
        9,
        Moedeart.NETVAERK,
        3,
        date(2012, 4, 19),
        "implementering, tilpasning og forankring",
        {"147": "projektlederen var på kursus, og ingen kunne tage over"},
        [],
        True,
    ),
    (None, Moedeart.STYREGRUPPE, 1, date(2011, 6, 16), "status og fremdrift", {}, [], True),
    (None, Moedeart.STYREGRUPPE, 2, date(2011, 9, 15), "status og fremdrift", {}, [], True),
]
NAESTE_STYREGRUPPEMOEDE = date(2012, 6, 14)

# The agenda of every demo meeting: (titel, oplægsholder, minutter, referat under punktet).
DAGSORDEN = [
    ("Velkomst og dagens program", "Ministeriet", 15, "Ministeriet bød velkommen og gennemgik dagens program."),
    (
        "Oplæg: {fokus}",
        "Evaluator",
        60,
        "Evaluator holdt oplæg om {fokus} og gennemgik, hvilke data der skal leveres, og hvornår.",
    ),
    (
        "Erfaringer fra kommunerne",
        "Kommunerne",
        90,
        "Kommunerne fortalte om deres arbejde med {fokus}: hvad der er lykkedes, og hvor det er svært.",
    ),
    ("Aftaler og næste skridt", "Ministeriet", 30, "Næste skridt blev aftalt som beskrevet herunder."),
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
        for punkt_nr, art, nummer, dag, fokus, afbud, uden_svar, godkendt in MOEDER:
            moede = _planlagt_moede(
                program, punkter[punkt_nr] if punkt_nr is not None else None, art, nummer, dag, fokus
            )
            moede = moeder.moede_marker_afholdt(moede=moede)
            if art != Moedeart.STYREGRUPPE:
                _fremmoede(program, moede, ministeriet, afbud, uden_svar)
            moede = _referat(moede, ministeriet, fokus, dag)
            if godkendt:
                moeder.referat_godkend(
                    moede=moede, bruger=ministeriet, version=moede.version, nu=dansk_tidspunkt(dag, time(16, 0))
                )
        _planlagt_moede(program, None, Moedeart.STYREGRUPPE, 3, NAESTE_STYREGRUPPEMOEDE, "status og fremdrift")
    _leverancer(program, ministeriet)
    # The approved minutes queued their e-mails; the demo loader sends no mail, so they run here, now.
    for job in Baggrundsjob.objects.filter(status=Jobstatus.VENTER):
        koer(job.pk)
    return True


def _planlagt_moede(program, punkt, art, nummer, dag, fokus) -> Moede:
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
    for titel, oplaeg, minutter, _ in DAGSORDEN:
        moeder.dagsordenspunkt_tilfoej(
            moede=moede, titel=titel.format(fokus=fokus), oplaegsholder=oplaeg, varighed=minutter
        )
    return moede


def _fremmoede(program, moede, ministeriet, afbud: dict[str, str], uden_svar: list[str]) -> None:
    for kommune in Kommune.objects.filter(deltagelser__program=program).order_by("kode"):
        if kommune.kode in uden_svar:
            continue
        grund = afbud.get(kommune.kode)
        moeder.fremmoede_registrer(
            moede=moede,
            kommune=kommune,
            status=Fremmoedestatus.AFBUD if grund else Fremmoedestatus.TIL_STEDE,
            deltagere="" if grund else f"{EKSEMPEL}projektleder og en medarbejder",
            afbudsgrund=f"{EKSEMPEL}{grund}" if grund else "",
            bruger=ministeriet,
        )


def _referat(moede, ministeriet, fokus, dag) -> Moede:
    """The minutes under each agenda item, a decision and a follow-up point under the last."""
    dagsorden = list(moede.dagsorden.order_by("nummer"))
    moede = moeder.referat_gem(
        moede=moede,
        referat=f"{EKSEMPEL}Mødet forløb som planlagt.",
        punkter={
            p.pk: f"{EKSEMPEL}{tekst.format(fokus=fokus)}" for p, (*_, tekst) in zip(dagsorden, DAGSORDEN, strict=True)
        },
        version=moede.version,
        bruger=ministeriet,
    )
    moeder.opfoelgningspunkt_tilfoej(
        moede=moede,
        dagsordenspunkt=dagsorden[-1],
        art=Punkttype.BESLUTNING,
        tekst=f"{EKSEMPEL}Næste møde får fokus på det, kommunerne finder sværest ved {fokus}",
    )
    moeder.opfoelgningspunkt_tilfoej(
        moede=moede,
        dagsordenspunkt=dagsorden[-1],
        art=Punkttype.OPFOELGNING,
        tekst=f"{EKSEMPEL}Kommunerne sender status på {fokus} til evaluator",
        ansvarlig="Kommunerne",
        frist=date(dag.year + (dag.month + 1) // 13, (dag.month % 12) + 1, 1),
    )
    return Moede.objects.get(pk=moede.pk)


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
