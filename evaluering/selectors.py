"""Reads that pages, PDFs, e-mails, the calendar feed and the delivery snapshots share.

Each figure is computed here once: who is missing from a meeting, what is late, what is on the timeline."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from evaluering.models import (
    OBLIGATORISKE,
    Dagsordenspunkt,
    Dataleverance,
    Fremmoede,
    Fremmoedestatus,
    Indsendelse,
    Invitationsmodtager,
    Kommuneleverance,
    Leverancestatus,
    Moede,
    Moedeart,
    Moedemateriale,
    Moedestatus,
    Opfoelgningspunkt,
    Punktart,
    Punkttype,
    Tidsplanpunkt,
    er_forsinket,
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
from forebyggelse.historik import HistorikSide, historik_til
from forebyggelse.roller import Rolle, er_evaluator, er_projektleder, er_styregruppe
from kommuner.models import Bruger, Deltagelse, Kommune, Program
from kommuner.permissions import programmer_til_laesning
from kommuner.roller import kommuner_til_skrivning

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
        if self.fremmoede.status == Fremmoedestatus.AFBUD and self.fremmoede.afbudsgrund:
            return f"Meldt afbud: {self.fremmoede.afbudsgrund}"
        return self.fremmoede.get_status_display()


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
class Referatpunkt:
    """One agenda item in the minutes: its notes, then the decisions and follow-up points made under it."""

    punkt: Dagsordenspunkt
    beslutninger: list[Opfoelgningspunkt]
    opfoelgningspunkter: list[Opfoelgningspunkt]


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

    @property
    def har_referat(self) -> bool:
        return self.moede.har_referat()

    def _under(self, punkt: Dagsordenspunkt | None) -> Referatpunkt:
        pk = punkt.pk if punkt else None
        under = [p for p in self.opfoelgningspunkter if p.dagsordenspunkt_id == pk]
        return Referatpunkt(
            punkt,
            [p for p in under if p.art == Punkttype.BESLUTNING],
            [p for p in under if p.art == Punkttype.OPFOELGNING],
        )

    @property
    def referat(self) -> list[Referatpunkt]:
        """The minutes item by item, in the agenda's order."""
        return [self._under(punkt) for punkt in self.dagsorden]

    @property
    def generelt(self) -> Referatpunkt:
        """The decisions and follow-up points that belong to no agenda item."""
        return self._under(None)


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
        .annotate(antal_deltog=Count("fremmoede", filter=Q(fremmoede__status=Fremmoedestatus.TIL_STEDE)))
        .order_by("start", "pk")
    )


def antal_deltagere(program: Program) -> int:
    return Deltagelse.objects.filter(program=program).count()


# Who is invited to a meeting --------------------------------------------------------------------------


def _inviterede(moede: Moede) -> QuerySet[Bruger]:
    """Active users who take part in the meeting: the participating municipalities' leads, the evaluator at the
    programme's own meetings, and the steering group at its meetings; each with `kommuner` holding only their
    municipalities in the programme."""
    roller = Q(rolle=Rolle.PROJEKTLEDER, kommuner__deltagelser__program_id=moede.program_id)
    if moede.art == "styregruppemoede":
        roller |= Q(rolle=Rolle.STYREGRUPPE)
    else:
        roller |= Q(rolle=Rolle.EVALUATOR)
    i_programmet = Kommune.objects.filter(deltagelser__program_id=moede.program_id).order_by("kode")
    return (
        Bruger.objects.filter(roller, is_active=True)
        .distinct()
        .prefetch_related(Prefetch("kommuner", queryset=i_programmet))
    )


def modtagere_for(moede: Moede) -> list[Bruger]:
    """Those taking part who have an e-mail address: the invitation and the minutes go to them."""
    return list(_inviterede(moede).exclude(email="").order_by("email"))


def uden_adresse(moede: Moede) -> list[Bruger]:
    """Those taking part whom the portal cannot e-mail (no address): flagged on the meeting before the invitation
    goes out, and listed after it."""
    return list(_inviterede(moede).filter(email="").order_by("first_name", "last_name", "username"))


def invitationsstatus(moede: Moede) -> dict[str, list[Invitationsmodtager]]:
    """Who the latest invitation went to (`sendt`) and who could not get it (`ikke_sendt`: no e-mail address)."""
    modtagere = list(moede.invitationsmodtagere.all())
    return {
        "sendt": [m for m in modtagere if m.sendt],
        "ikke_sendt": [m for m in modtagere if not m.sendt],
    }


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
    """Decisions and follow-up points with a deadline, only from meetings whose minutes the user may read."""
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
        for punkt in Opfoelgningspunkt.objects.filter(moede_id__in=synlige, frist__isnull=False).select_related("moede")
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


def kilder_til_tidsplan(program: Program, user) -> QuerySet[Program]:
    """The other programmes a timeline may be copied from: those with points on it, newest first, each with its
    number of points as `antal`."""
    return (
        programmer_til_laesning(user)
        .exclude(pk=program.pk)
        .annotate(antal=Count("tidsplanpunkter"))
        .filter(antal__gt=0)
        .order_by("-startdato", "navn")
    )


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
            celler.append(LeveranceCelle(deltagelse, kl, status, er_forsinket(status, leverance.frist, nu), seneste))
        raekker.append(LeveranceRaekke(leverance, celler))
    return Leveranceoverblik(deltagelser, raekker)


def kilder_til_leverancer(program: Program, user) -> QuerySet[Program]:
    """The other programmes whose deliveries may be copied: those that ordered any, newest first, each with its
    number of deliveries as `antal`."""
    return (
        programmer_til_laesning(user)
        .exclude(pk=program.pk)
        .annotate(antal=Count("dataleverancer"))
        .filter(antal__gt=0)
        .order_by("-startdato", "navn")
    )


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
    # A decision without a deadline has no day in the calendar.
    for punkt in Opfoelgningspunkt.objects.filter(moede_id__in=synlige, frist__isnull=False).select_related(
        "moede__program"
    ):
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

    @property
    def pr_kommune(self) -> list[tuple[Kommune, list[FremmoedeRaekke]]]:
        """The same, a row per participant with a cell per meeting: the PDF's page is too narrow for a column per
        participant when there are many."""
        return [(k, [raekker[nr] for _, raekker in self.moeder]) for nr, k in enumerate(self.kommuner)]


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


# What is due about meetings (the front page's task list reads these) ------------------------------------------------


def moeder_uden_fremmoede(user) -> list[Moede]:
    """For the ministry: the held meetings, minutes not yet approved, where a participating municipality has no
    attendance recorded, oldest first; each carries `antal_uden_fremmoede`. One query however many meetings."""
    deltagere = (
        Deltagelse.objects.filter(program=OuterRef("program"))
        .order_by()
        .values("program")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return list(
        moeder_til_laesning(user)
        .filter(status=Moedestatus.AFHOLDT)
        .annotate(antal_registreret=Count("fremmoede"), antal_deltagere=Coalesce(Subquery(deltagere), 0))
        .annotate(antal_uden_fremmoede=F("antal_deltagere") - F("antal_registreret"))
        .filter(antal_uden_fremmoede__gt=0)
        .order_by("start", "pk")
    )


def referater_til_godkendelse(user) -> list[Moede]:
    """For the ministry: the held meetings whose minutes are written (as `Moede.har_referat` says: general notes,
    an item's minutes, or a decision or follow-up point) and wait for approval, oldest first. One query."""
    skrevet = (
        ~Q(referat="")
        | Exists(Dagsordenspunkt.objects.filter(moede=OuterRef("pk")).exclude(referat=""))
        | Exists(Opfoelgningspunkt.objects.filter(moede=OuterRef("pk")))
    )
    return list(moeder_til_laesning(user).filter(skrevet, status=Moedestatus.AFHOLDT).order_by("start", "pk"))


def moeder_inviteret_til(user) -> QuerySet[Moede]:
    """The meetings the user is invited to, in the programmes they read. The steering group is invited to its own
    meetings, the evaluator to the programme's other meetings, the leads and the ministry to all."""
    moeder = moeder_til_laesning(user)
    if er_styregruppe(user):
        return moeder.filter(art=Moedeart.STYREGRUPPE)
    if er_evaluator(user):
        return moeder.exclude(art=Moedeart.STYREGRUPPE)
    return moeder


def kommende_moeder(user, *, i_dag: date | None = None) -> QuerySet[Moede]:
    """The meetings the user is invited to from today (`tid.i_dag()`) on, the next first."""
    return moeder_inviteret_til(user).filter(start__date__gte=i_dag or tid.i_dag()).order_by("start", "pk")


def naeste_moede(user, *, i_dag: date | None = None) -> Moede | None:
    """For the steering group (and anyone): the next meeting the user is invited to. One query."""
    return kommende_moeder(user, i_dag=i_dag).first()


@dataclass
class Fremmoedesvar:
    """A held meeting where the lead's municipality has not said whether it was there."""

    moede: Moede
    kommune: Kommune

    @property
    def url(self) -> str:
        return reverse("evaluering:fremmoede", args=[self.moede.pk])


def manglende_fremmoedesvar(user) -> list[Fremmoedesvar]:
    """For a lead: each held meeting, minutes not yet approved, where one of their own municipalities has no
    attendance recorded, oldest meeting first. Two queries however many meetings and municipalities."""
    if not er_projektleder(user):
        return []
    deltagelser = list(
        Deltagelse.objects.filter(kommune__in=kommuner_til_skrivning(user))
        .select_related("kommune")
        .order_by("kommune__kode")
    )
    kommuner_pr_program: dict[int, list[Kommune]] = {}
    for d in deltagelser:
        kommuner_pr_program.setdefault(d.program_id, []).append(d.kommune)
    moeder = (
        moeder_til_laesning(user)
        .filter(status=Moedestatus.AFHOLDT, program_id__in=kommuner_pr_program)
        .annotate(registreret=ArrayAgg("fremmoede__kommune_id", default=Value([])))
        .order_by("start", "pk")
    )
    return [
        Fremmoedesvar(moede, kommune)
        for moede in moeder
        for kommune in kommuner_pr_program[moede.program_id]
        if kommune.pk not in moede.registreret
    ]


# The meetings' own calendar --------------------------------------------------------------------------------------


@dataclass
class Kalenderdag:
    dag: date
    i_maaneden: bool
    moeder: list[Moede]


@dataclass
class Maanedskalender:
    """One month of meetings as a grid of weeks, Monday first, for the calendar page."""

    maaned: date  # the first day of the month
    uger: list[list[Kalenderdag]]
    moeder: list[Moede]  # the month's meetings in time order (the grid's text alternative)

    @property
    def forrige(self) -> date:
        return (self.maaned - timedelta(days=1)).replace(day=1)

    @property
    def naeste(self) -> date:
        return (self.maaned + timedelta(days=32)).replace(day=1)


def maanedskalender(user, maaned: date) -> Maanedskalender:
    """The meetings the user may see in one month, as weeks of days; one query."""
    foerste = maaned.replace(day=1)
    naeste = (foerste + timedelta(days=32)).replace(day=1)
    moeder = list(
        moeder_til_laesning(user).filter(start__date__gte=foerste, start__date__lt=naeste).order_by("start", "pk")
    )
    pr_dag: dict[date, list[Moede]] = {}
    for moede in moeder:
        pr_dag.setdefault(_dag(moede.start), []).append(moede)
    dag = foerste - timedelta(days=foerste.weekday())
    uger = []
    while dag < naeste:
        uger.append(
            [
                Kalenderdag(d, d.month == foerste.month, pr_dag.get(d, []))
                for d in (dag + timedelta(i) for i in range(7))
            ]
        )
        dag += timedelta(days=7)
    return Maanedskalender(foerste, uger, moeder)


def moedeliste(user, *, fra: date) -> list[Moede]:
    """The meetings the user may see from a day on, across their programmes, in time order; one query."""
    return list(moeder_til_laesning(user).filter(start__date__gte=fra).order_by("start", "pk"))
