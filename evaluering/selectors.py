"""Reads that pages, PDFs, e-mails, the calendar feed and the delivery snapshots share.

Each figure is computed here once: who is missing from a meeting, what is late, what is on the timeline."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from evaluering.models import (
    OBLIGATORISKE,
    UDESTAAENDE,
    Dagsordenspunkt,
    Dataleverance,
    Fremmoede,
    Indsendelse,
    Kommuneleverance,
    Leverancestatus,
    Moede,
    Moedemateriale,
    Moedestatus,
    Opfoelgningspunkt,
    Punktart,
    Tidsplanpunkt,
)
from evaluering.permissions import (
    deltagelser_i_leverancer,
    indsendelser_til_laesning,
    kan_se_referat,
    moeder_til_laesning,
)
from evaluering.tidsangivelse import Praecision
from forebyggelse import tid
from forebyggelse.formatering import dansk_tid, dato, tidspunkt
from forebyggelse.historik import HistorikSide, historik_til, seneste_aendring
from forebyggelse.roller import Rolle
from kommuner.models import Bruger, Deltagelse, Kommune, Program
from kommuner.permissions import programmer_til_laesning
from profiler.models import Dataversion

# Attendance ----------------------------------------------------------------------------------------


@dataclass
class FremmoedeRaekke:
    kommune: Kommune
    fremmoede: Fremmoede | None
    mangler: bool  # a participant missing a meeting whose attendance is mandatory

    @property
    def tekst(self) -> str:
        if self.fremmoede is None:
            return "Ikke registreret"
        return "Deltog" if self.fremmoede.deltog else "Deltog ikke"


def _mangler(moede: Moede, fremmoede: Fremmoede | None) -> bool:
    if moede.art not in OBLIGATORISKE or moede.status == Moedestatus.PLANLAGT:
        return False
    return fremmoede is None or not fremmoede.deltog


def fremmoedeliste(moede: Moede) -> list[FremmoedeRaekke]:
    """Every participating municipality of the programme, with its attendance and the missing flag."""
    registreret = {f.kommune_id: f for f in moede.fremmoede.all()}
    kommuner = Kommune.objects.filter(deltagelser__program_id=moede.program_id).order_by("kode")
    return [FremmoedeRaekke(k, registreret.get(k.pk), _mangler(moede, registreret.get(k.pk))) for k in kommuner]


def fremmoede_for_kommune(program: Program, kommune: Kommune) -> list[tuple[Moede, FremmoedeRaekke]]:
    """A municipality's attendance at every held meeting of the programme, oldest first."""
    moeder = (
        Moede.objects.filter(program=program)
        .exclude(status=Moedestatus.PLANLAGT)
        .prefetch_related(Prefetch("fremmoede", queryset=Fremmoede.objects.filter(kommune=kommune)))
        .order_by("start")
    )
    resultat = []
    for moede in moeder:
        fremmoede = next(iter(moede.fremmoede.all()), None)
        resultat.append((moede, FremmoedeRaekke(kommune, fremmoede, _mangler(moede, fremmoede))))
    return resultat


@dataclass
class Moedeindhold:
    """Everything about one meeting that its page, the minutes PDF and the minutes e-mail show."""

    moede: Moede
    dagsorden: list
    materialer: list
    opfoelgningspunkter: list
    fremmoede: list[FremmoedeRaekke]

    @property
    def antal_mangler(self) -> int:
        return sum(1 for r in self.fremmoede if r.mangler)


def moedeindhold(moede: Moede) -> Moedeindhold:
    moede = (
        Moede.objects.select_related("program", "tidsplanpunkt", "referat_godkendt_af")
        .prefetch_related("dagsorden", "materialer", "opfoelgningspunkter", "fremmoede")
        .get(pk=moede.pk)
    )
    return Moedeindhold(
        moede=moede,
        dagsorden=list(moede.dagsorden.all()),
        materialer=list(moede.materialer.all()),
        opfoelgningspunkter=list(moede.opfoelgningspunkter.all()),
        fremmoede=fremmoedeliste(moede),
    )


def moeder_i_program(program: Program, user) -> QuerySet[Moede]:
    """The programme's meetings with the number of participants registered as present, in one query."""
    return (
        moeder_til_laesning(user)
        .filter(program=program)
        .annotate(antal_deltog=Count("fremmoede", filter=Q(fremmoede__deltog=True)))
        .order_by("start", "pk")
    )


def antal_deltagere(program: Program) -> int:
    return Deltagelse.objects.filter(program=program).count()


# Who is invited to a meeting --------------------------------------------------------------------------


def modtagere_for(moede: Moede) -> list[Bruger]:
    """Active users with an e-mail address who take part in the meeting: the participating municipalities' leads,
    the evaluator at the programme's own meetings, and the steering group at its meetings."""
    roller = Q(rolle=Rolle.PROJEKTLEDER, kommuner__deltagelser__program_id=moede.program_id)
    if moede.art == "styregruppemoede":
        roller |= Q(rolle=Rolle.STYREGRUPPE)
    else:
        roller |= Q(rolle=Rolle.EVALUATOR)
    return list(Bruger.objects.filter(roller, is_active=True).exclude(email="").distinct().order_by("email"))


# The timeline --------------------------------------------------------------------------------------


@dataclass
class TidsplanPost:
    art: str  # fase, frist, moede, leverance, opfoelgning
    artnavn: str
    titel: str
    start: date
    slut: date
    tekst: str  # the time as a person says it
    url: str = ""
    periode: bool = False  # drawn as a bar; otherwise as a mark at `midt`
    detalje: str = ""

    @property
    def midt(self) -> date:
        return self.start + (self.slut - self.start) / 2


@dataclass
class Tidsplan:
    program: Program
    poster: list[TidsplanPost]
    i_dag: date
    fra: date = field(init=False)
    til: date = field(init=False)

    def __post_init__(self):
        datoer = [self.program.startdato, self.program.slutdato]
        datoer += [p.start for p in self.poster] + [p.slut for p in self.poster]
        self.fra, self.til = min(datoer).replace(day=1), max(datoer)

    @property
    def i_dag_vises(self) -> bool:
        return self.fra <= self.i_dag <= self.til


ARTNAVNE = {
    Punktart.FASE: "Fase",
    Punktart.FRIST: "Frist",
    Punktart.MOEDE: "Møde",
    "leverance": "Dataleverance",
    "opfoelgning": "Opfølgning",
}


def _dag(tid: datetime) -> date:
    return dansk_tid(tid).date()


def _er_periode(punkt: Tidsplanpunkt) -> bool:
    """A phase, or a point given only to the month or as a span, is drawn as a bar; anything else as one mark."""
    return punkt.art == Punktart.FASE or punkt.praecision in {Praecision.MAANEDER, Praecision.PERIODE}


def _moedetitel(moede: Moede) -> str:
    return f"{moede.titel}" + (f" (fokus: {moede.fokus})" if moede.fokus else "")


def _ansoegningsfristen(program: Program) -> TidsplanPost:
    frist = _dag(program.ansoegningsfrist)
    return TidsplanPost(
        "frist",
        ARTNAVNE["frist"],
        "Frist for interessetilkendegivelse",
        frist,
        frist,
        tidspunkt(program.ansoegningsfrist),
        reverse("kommuner:program", args=[program.pk]),
    )


def _punkter_uden_moede(program: Program, moeder: list[Moede]) -> list[TidsplanPost]:
    """The ministry's points, but a planned meeting that has been scheduled: the meeting shows it at its own time."""
    holdt = {moede.tidsplanpunkt_id for moede in moeder if moede.tidsplanpunkt_id}
    return [
        TidsplanPost(
            punkt.art,
            ARTNAVNE[punkt.art],
            punkt.titel,
            punkt.start,
            punkt.slut,
            punkt.tidsangivelse,
            punkt.henvisning,
            _er_periode(punkt),
            punkt.beskrivelse,
        )
        for punkt in Tidsplanpunkt.objects.filter(program=program)
        if punkt.pk not in holdt
    ]


def _moedepost(moede: Moede) -> TidsplanPost:
    return TidsplanPost(
        "moede",
        ARTNAVNE["moede"],
        _moedetitel(moede),
        _dag(moede.start),
        _dag(moede.slut),
        tidspunkt(moede.start),
        reverse("evaluering:moede", args=[moede.pk]),
        detalje=moede.get_status_display(),
    )


def _leverancepost(leverance: Dataleverance) -> TidsplanPost:
    dag = _dag(leverance.frist)
    return TidsplanPost(
        "leverance",
        ARTNAVNE["leverance"],
        f"Dataleverance: {leverance.titel}",
        dag,
        dag,
        tidspunkt(leverance.frist),
        reverse("evaluering:dataleverance", args=[leverance.pk]),
    )


def _opfoelgningsposter(user, moeder: list[Moede]) -> list[TidsplanPost]:
    """Decisions and follow-up points only from meetings whose minutes the user may read."""
    synlige = [m.pk for m in moeder if kan_se_referat(user, m)[0]]
    return [
        TidsplanPost(
            "opfoelgning",
            ARTNAVNE["opfoelgning"],
            f"{punkt.get_art_display()}: {punkt.tekst[:80]}",
            punkt.frist,
            punkt.frist,
            dato(punkt.frist),
            reverse("evaluering:moede", args=[punkt.moede_id]),
            detalje=f"Ansvarlig: {punkt.ansvarlig}",
        )
        for punkt in Opfoelgningspunkt.objects.filter(moede_id__in=synlige).select_related("moede")
    ]


def _raekkefoelge(post: TidsplanPost) -> tuple:
    """By start; on the same day a bar before a mark, then the earlier end, then the title."""
    return (post.start, not post.periode, post.slut, post.titel)


def tidsplan_for(program: Program, user, *, i_dag: date | None = None) -> Tidsplan:
    """Everything on the programme's timeline that this user may see, in time order, in a fixed number of queries:
    the application deadline, the ministry's phases, deadlines and planned meetings (shown at the meeting's own
    time once it is scheduled), every other meeting, every delivery deadline, and the deadlines of decisions and
    follow-up points from meetings whose minutes the user may read."""
    moeder = list(moeder_til_laesning(user).filter(program=program).order_by("start", "pk"))
    poster = [
        _ansoegningsfristen(program),
        *_punkter_uden_moede(program, moeder),
        *[_moedepost(moede) for moede in moeder],
        *[_leverancepost(leverance) for leverance in Dataleverance.objects.filter(program=program)],
        *_opfoelgningsposter(user, moeder),
    ]
    poster.sort(key=_raekkefoelge)
    return Tidsplan(program, poster, i_dag or tid.i_dag())


# Deliveries ---------------------------------------------------------------------------------------


@dataclass
class LeveranceCelle:
    deltagelse: Deltagelse
    kommuneleverance: Kommuneleverance | None
    status: str  # Leverancestatus value
    forsinket: bool
    seneste: Indsendelse | None

    @property
    def tekst(self) -> str:
        if self.forsinket:
            return "Forsinket" if self.status == Leverancestatus.AFVENTER else "Sendt tilbage – forsinket"
        return Leverancestatus(self.status).label


@dataclass
class LeveranceRaekke:
    dataleverance: Dataleverance
    celler: list[LeveranceCelle]


@dataclass
class Leveranceoverblik:
    deltagelser: list[Deltagelse]
    raekker: list[LeveranceRaekke]


def leveranceoverblik(program: Program, user, *, nu: datetime | None = None) -> Leveranceoverblik:
    """Every delivery of the programme × every participant the user may see: status, late, latest submission.
    A participant without a row yet (joined after the delivery was ordered) owes it like everybody else.
    Four queries however many deliveries and participants."""
    nu = nu or timezone.now()
    deltagelser = list(deltagelser_i_leverancer(user, program))
    leverancer = list(Dataleverance.objects.filter(program=program).order_by("frist", "pk"))
    raekker_db = {
        (k.dataleverance_id, k.deltagelse_id): k
        for k in Kommuneleverance.objects.filter(
            dataleverance__in=leverancer, deltagelse__in=deltagelser
        ).prefetch_related(Prefetch("indsendelser", queryset=Indsendelse.objects.order_by("-nummer")))
    }
    raekker = []
    for leverance in leverancer:
        celler = []
        for deltagelse in deltagelser:
            kl = raekker_db.get((leverance.pk, deltagelse.pk))
            status = kl.status if kl else Leverancestatus.AFVENTER
            seneste = next(iter(kl.indsendelser.all()), None) if kl else None
            celler.append(
                LeveranceCelle(deltagelse, kl, status, status in UDESTAAENDE and nu > leverance.frist, seneste)
            )
        raekker.append(LeveranceRaekke(leverance, celler))
    return Leveranceoverblik(deltagelser, raekker)


# The calendar feed ---------------------------------------------------------------------------------


@dataclass
class Kalenderpost:
    uid: str
    titel: str
    start: datetime | date
    slut: datetime | date
    sted: str = ""
    beskrivelse: str = ""
    url: str = ""
    aendret: datetime | None = None


def kalender_for(user) -> list[Kalenderpost]:
    """The meetings and deadlines the user may see, across every programme, for the personal calendar feed."""
    poster = []
    moeder = list(moeder_til_laesning(user).order_by("start"))
    for moede in moeder:
        beskrivelse = f"{moede.program.navn}."
        if moede.fokus:
            beskrivelse += f" Fokus: {moede.fokus}."
        poster.append(
            Kalenderpost(
                uid=f"moede-{moede.uid}@forebyggelsesportalen",
                titel=f"{moede.titel} – {moede.program.navn}",
                start=moede.start,
                slut=moede.slut,
                sted=moede.sted,
                beskrivelse=beskrivelse,
                url=reverse("evaluering:moede", args=[moede.pk]),
                aendret=moede.aendret,
            )
        )
    for leverance in Dataleverance.objects.filter(program__in=programmer_til_laesning(user)).select_related("program"):
        dag = _dag(leverance.frist)
        poster.append(
            Kalenderpost(
                uid=f"leverance-{leverance.pk}@forebyggelsesportalen",
                titel=f"Frist: dataleverance {leverance.titel}",
                start=dag,
                slut=dag + timedelta(days=1),
                beskrivelse=f"{leverance.program.navn}. Fristen er {tidspunkt(leverance.frist)}.",
                url=reverse("evaluering:dataleverance", args=[leverance.pk]),
            )
        )
    synlige = [m.pk for m in moeder if kan_se_referat(user, m)[0]]
    for punkt in Opfoelgningspunkt.objects.filter(moede_id__in=synlige).select_related("moede__program"):
        poster.append(
            Kalenderpost(
                uid=f"opfoelgning-{punkt.pk}@forebyggelsesportalen",
                titel=f"Frist: {punkt.tekst[:80]}",
                start=punkt.frist,
                slut=punkt.frist + timedelta(days=1),
                beskrivelse=f"{punkt.get_art_display()} fra {punkt.moede.titel}. Ansvarlig: {punkt.ansvarlig}.",
                url=reverse("evaluering:moede", args=[punkt.moede_id]),
            )
        )
    return poster


# Attendance across the programme ----------------------------------------------------------------------


@dataclass
class Fremmoedeoversigt:
    """The programme's held meetings × its participants: who came, and who missed a meeting with mandatory
    attendance."""

    kommuner: list[Kommune]
    moeder: list[tuple[Moede, list[FremmoedeRaekke]]]  # each held meeting with one row per participant

    def mangler(self, kommune: Kommune) -> int:
        return sum(1 for _, raekker in self.moeder for r in raekker if r.kommune.pk == kommune.pk and r.mangler)

    @property
    def i_alt_mangler(self) -> int:
        return sum(1 for _, raekker in self.moeder for r in raekker if r.mangler)


def fremmoede_i_program(program: Program) -> Fremmoedeoversigt:
    """Every held meeting of the programme with every participant's attendance, in three queries however many
    meetings and participants."""
    kommuner = list(Kommune.objects.filter(deltagelser__program=program).order_by("kode"))
    moeder = list(
        Moede.objects.filter(program=program)
        .exclude(status=Moedestatus.PLANLAGT)
        .prefetch_related("fremmoede")
        .order_by("start", "pk")
    )
    raekker = []
    for moede in moeder:
        registreret = {f.kommune_id: f for f in moede.fremmoede.all()}
        raekker.append(
            (
                moede,
                [FremmoedeRaekke(k, registreret.get(k.pk), _mangler(moede, registreret.get(k.pk))) for k in kommuner],
            )
        )
    return Fremmoedeoversigt(kommuner, raekker)


# Reports ---------------------------------------------------------------------------------------------


def datastand() -> datetime:
    """The moment the portal's data last changed: the newest recorded change (forebyggelse.historik) or the newest
    write to the key figures, which keep their own clock. Reports are stamped with it, not with the clock, so the
    same data gives the same report, byte for byte (docs/decisions/0044)."""
    tider = [seneste_aendring(), Dataversion.objects.aggregate(t=Max("aendret"))["t"]]
    return max((t for t in tider if t), default=timezone.now())


def seneste_indsendelser(program: Program, user) -> list[Indsendelse]:
    """The latest submission of each municipality's part of each of the programme's deliveries that the user may
    read (the evaluator and the ministry: all; a lead: their own), in delivery and municipality order."""
    return list(
        indsendelser_til_laesning(user)
        .filter(kommuneleverance__dataleverance__program=program)
        .order_by(
            "kommuneleverance__dataleverance__frist",
            "kommuneleverance__dataleverance_id",
            "kommuneleverance__deltagelse__kommune__kode",
            "-nummer",
        )
        .distinct(
            "kommuneleverance__dataleverance__frist",
            "kommuneleverance__dataleverance_id",
            "kommuneleverance__deltagelse__kommune__kode",
        )
    )


def historik_for_moede(user, moede: Moede, side: str | int | None) -> HistorikSide | None:
    """The meeting's own changes and those of everything on it: the ministry's own work."""
    return historik_til(
        user,
        moede,
        modeller=[Moede, Dagsordenspunkt, Moedemateriale, Opfoelgningspunkt, Fremmoede],
        kommune_id=None,
        side=side,
    )
