"""Reads of strategies: goals with their follow-ups and status, the action plan with its late flags, the staircase,
the frozen content of a version and what changed since, the overview across participants, and the history.

Every figure a page, chart, PDF or overview shows comes from here (the status rule itself from maalstatus.py, the
key figures from profiler.selectors), with a constant number of queries however many goals or participants."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery

from forebyggelse import tid
from forebyggelse.formatering import dato, kr, maengde, opremsning, tal
from forebyggelse.historik import Historikadgang, HistorikSide, event_model, foerste_gang, historik_til, historikadgang
from forebyggelse.roller import er_ministeriet, er_projektleder
from kommuner.models import Deltagelse, Kommune, Program
from kommuner.roller import kommuner_til_skrivning
from profiler.models import Indikator
from profiler.selectors import Sammenligning, noegletal, noegletal_for_alle
from strategi.maalstatus import Kilde, Maaling, Maalstatus, Maalvurdering, punkt, vurder
from strategi.models import (
    Aarsgennemgang,
    Aktoer,
    Bilagsart,
    Delstrategi,
    Farve,
    Fremskridt,
    Fremskridtsbesoeg,
    Fremskridtskommentar,
    Gennemgangslinje,
    Handling,
    HandlingAktoer,
    HandlingMaal,
    HandlingStatus,
    Indsatsomraade,
    IndsatsomraadeAktoer,
    IndsatsomraadeMaalgruppe,
    Kommentar,
    Maal,
    MaalArt,
    Maalgruppe,
    Opfoelgning,
    Strategi,
    StrategiBilag,
    StrategiStatus,
    Tilbud,
    Trin,
    forsinket_q,
)
from strategi.permissions import fremskridt_til_laesning, strategier_til_laesning

FORKORTELSE = {MaalArt.KORT: "K", MaalArt.LANG: "L", MaalArt.EFFEKT: "E"}


def vis_vaerdi(maal: Maal, vaerdi: Decimal | None) -> str:
    """A goal's value as every page writes it: Danish decimals and the unit, a count whole (formatering.maengde)."""
    if vaerdi is None:
        return "–"
    if maal.indikator_id:
        tekst = maengde(vaerdi, enhed=maal.indikator.get_enhed_display(), decimaler=maal.decimaler)
    else:  # an own measure shows what was typed, up to two decimals
        decimaler = min(2, max(maal.decimaler, -Decimal(vaerdi).normalize().as_tuple().exponent))
        tekst = maengde(vaerdi, enhed=maal.egen_enhed, decimaler=decimaler)
    return f"{tekst} {maal.enhed}".strip()


# Goals with their follow-ups and status --------------------------------------------------------------


@dataclass
class MaalVist:
    """A goal as pages show it: its label in the theory of change (K1, L1, E1), its follow-ups (own and from the
    social profile) and its status."""

    maal: Maal
    nummer: str
    maalinger: list[Maaling]
    vurdering: Maalvurdering

    @property
    def status(self) -> str:
        return self.vurdering.status

    @property
    def baseline_tekst(self) -> str:
        return f"{vis_vaerdi(self.maal, self.maal.baseline_vaerdi)} ({self.maal.baseline_aar})"

    @property
    def maal_tekst(self) -> str:
        return f"{vis_vaerdi(self.maal, self.maal.maalvaerdi)} ({self.maal.maal_aar})"

    @property
    def seneste_tekst(self) -> str:
        seneste = self.vurdering.seneste
        if seneste is None:
            return "Ingen opfølgning endnu"
        return f"{vis_vaerdi(self.maal, seneste.vaerdi)} ({dato(seneste.dato)})"

    @property
    def forventet_tekst(self) -> str:
        return vis_vaerdi(self.maal, self.vurdering.forventet)

    @property
    def status_tekst(self) -> str:
        return f"{self.vurdering.label}: {self.seneste_tekst}" if self.vurdering.seneste else self.vurdering.label


def _noegletal_celler(maal: list[Maal], aar: Iterable[int]) -> dict[tuple[int, int, int], Sammenligning]:
    """The social profile's figures of every indicator goal's municipality, in one benchmark call."""
    med_indikator = [m for m in maal if m.indikator_id]
    if not med_indikator:
        return {}
    kommuner = {m.strategi.deltagelse.kommune.pk: m.strategi.deltagelse.kommune for m in med_indikator}
    indikatorer = {m.indikator_id: m.indikator for m in med_indikator}
    celler = noegletal_for_alle(indikatorer=indikatorer.values(), aar=aar, kommuner=kommuner.values())
    return {(c.kommune.pk, c.indikator.pk, c.aar): c for c in celler}


def _auto_maalinger(maal: Maal, celler: dict, programaar: list[int]) -> list[Maaling]:
    """The social profile's newer figures for an indicator goal count as follow-ups: the municipality's own figure
    (as shown, small numbers hidden) for each programme year after the baseline year."""
    if not maal.indikator_id:
        return []
    kommune_id = maal.strategi.deltagelse.kommune_id
    ud = []
    for aar in programaar:
        celle = celler.get((kommune_id, maal.indikator_id, aar))
        if aar <= maal.baseline_aar or celle is None or celle.egen.vaerdi is None:
            continue
        ud.append(
            Maaling(
                dato=punkt(aar),
                vaerdi=celle.egen.vaerdi,
                kilde=Kilde.NOEGLETAL,
                periode=str(aar),
                eksempeldata=celle.eksempeldata,
                foreloebig=celle.status == "foreloebig",
            )
        )
    return ud


def _egen_maaling(opfoelgning: Opfoelgning) -> Maaling:
    return Maaling(
        dato=opfoelgning.dato,
        vaerdi=opfoelgning.vaerdi,
        kilde=Kilde.OPFOELGNING,
        periode=opfoelgning.periode,
        kommentar=opfoelgning.kommentar,
        pk=opfoelgning.pk,
    )


def nummerer(maal: Iterable[Maal]) -> dict[int, str]:
    """K1, K2 … for short-term results, L1 … for longer-term ones, E1 … for effect goals, in creation order."""
    taeller: Counter = Counter()
    numre = {}
    for m in sorted(maal, key=lambda m: m.pk):
        taeller[m.art] += 1
        numre[m.pk] = f"{FORKORTELSE[MaalArt(m.art)]}{taeller[m.art]}"
    return numre


def vis_maal(maal: list[Maal], opfoelgninger: Iterable[Opfoelgning]) -> list[MaalVist]:
    """Goals (of one or many strategies, with `strategi__deltagelse__kommune` loaded) with their follow-ups and
    status. Own follow-ups are given; the profile's figures are fetched here in one benchmark call."""
    programaar = sorted({aar for m in maal for aar in m.strategi.deltagelse.program.aar})
    celler = _noegletal_celler(maal, programaar)
    egne: dict[int, list[Maaling]] = {}
    for opfoelgning in opfoelgninger:
        egne.setdefault(opfoelgning.maal_id, []).append(_egen_maaling(opfoelgning))
    numre: dict[int, str] = {}
    for strategi_id in {m.strategi_id for m in maal}:
        numre |= nummerer(m for m in maal if m.strategi_id == strategi_id)
    vist = []
    for m in maal:
        maalinger = sorted(
            egne.get(m.pk, []) + _auto_maalinger(m, celler, m.strategi.deltagelse.program.aar),
            key=lambda x: (x.dato, x.kilde == Kilde.OPFOELGNING, x.pk or 0),
        )
        vurdering = vurder(
            baseline=m.baseline_vaerdi,
            baseline_aar=m.baseline_aar,
            maalvaerdi=m.maalvaerdi,
            maal_aar=m.maal_aar,
            retning=m.retning,
            maalinger=maalinger,
        )
        vist.append(MaalVist(maal=m, nummer=numre[m.pk], maalinger=maalinger, vurdering=vurdering))
    return vist


def _maal_qs() -> QuerySet[Maal]:
    return Maal.objects.til_visning().select_related(
        "strategi__deltagelse__program", "strategi__deltagelse__kommune__kommunegruppe"
    )


def maal_for_strategi(strategi: Strategi) -> list[MaalVist]:
    maal = list(_maal_qs().filter(strategi=strategi).order_by("indsatsomraade_id", "pk"))
    opfoelgninger = Opfoelgning.objects.filter(strategi=strategi).order_by("dato", "pk")
    return vis_maal(maal, opfoelgninger)


def et_maal(maal: Maal) -> MaalVist:
    """One goal, numbered as on the strategy's pages."""
    alle = {m.pk: m for m in _maal_qs().filter(strategi_id=maal.strategi_id)}
    numre = nummerer(alle.values())
    (vist,) = vis_maal([alle[maal.pk]], Opfoelgning.objects.filter(maal_id=maal.pk).prefetch_related("bilag"))
    vist.nummer = numre[maal.pk]
    return vist


def opfoelgninger_med_bilag(maal: Maal) -> list[Opfoelgning]:
    return list(
        Opfoelgning.objects.filter(maal=maal)
        .select_related("registreret_af")
        .prefetch_related("bilag")
        .order_by("-dato", "-pk")
    )


@dataclass
class Baselinetal:
    """The social profile's figures for an indicator around the baseline: the municipality's, the national and the
    comparison group's, per year."""

    indikator: Indikator
    raekker: list[Sammenligning]

    def for_aar(self, aar: int | None) -> Sammenligning | None:
        return next((r for r in self.raekker if r.aar == aar), None)


def baselinetal(kommune: Kommune, indikator: Indikator, program: Program) -> Baselinetal:
    aar = range(program.startdato.year - 4, program.slutdato.year + 1)
    tal_ = noegletal(kommune=kommune, indikatorer=[indikator], aar=aar)
    raekker = [c for c in tal_.tidsserie(indikator) if c.land.kommuner or c.egen.vaerdi is not None]
    return Baselinetal(indikator=indikator, raekker=raekker)


# The action plan -----------------------------------------------------------------------------------


def handlinger_for_strategi(strategi: Strategi, *, i_dag: date) -> list[Handling]:
    """The actions with their late flags (`forsinket`, `slutdato_overskredet`), goals and actors."""
    return list(
        Handling.objects.filter(strategi=strategi)
        .med_forsinkelse(i_dag)
        .select_related("indsatsomraade", "delstrategi")
        .prefetch_related(
            Prefetch("maal", queryset=Maal.objects.order_by("pk")), Prefetch("aktoerer", queryset=Aktoer.objects.all())
        )
        .order_by("indsatsomraade_id", "pk")
    )


def nummerer_handlinger(handlinger: Iterable[Handling]) -> dict[int, str]:
    return {h.pk: f"H{n}" for n, h in enumerate(sorted(handlinger, key=lambda h: h.pk), start=1)}


@dataclass
class Handlingstal:
    """The action plan counted by status and by colour, with the late actions."""

    i_alt: int = 0
    forsinkede: int = 0
    efter_status: dict[str, int] = field(default_factory=dict)
    efter_farve: dict[str, int] = field(default_factory=dict)
    krydstabel: list[tuple[str, list[int], int]] = field(default_factory=list)  # (status label, per colour, total)


def maalstatustal(maal: list[MaalVist]) -> Counter:
    """How many goals have each status (the status itself is `vurder`'s, on each goal shown)."""
    return Counter(m.status for m in maal)


def handlingstal(handlinger: list[Handling]) -> Handlingstal:
    """From actions loaded with `med_forsinkelse`."""
    tal_ = Handlingstal(i_alt=len(handlinger), forsinkede=sum(1 for h in handlinger if h.forsinket))
    par = Counter((h.status, h.farve) for h in handlinger)
    tal_.efter_status = {s.label: sum(par[(s.value, f)] for f in Farve.values) for s in HandlingStatus}
    tal_.efter_farve = {f.label: sum(par[(s, f.value)] for s in HandlingStatus.values) for f in Farve}
    tal_.krydstabel = [
        (s.label, [par[(s.value, f)] for f in Farve.values], tal_.efter_status[s.label]) for s in HandlingStatus
    ]
    return tal_


# Progress during the year ---------------------------------------------------------------------------


@dataclass
class HandlingensFremskridt:
    handling: Handling  # with its late flags
    nummer: str
    seneste: Fremskridt | None  # the newest update the user may read


@dataclass
class Fremskridtsside:
    handlinger: list[HandlingensFremskridt]
    fremskridt: list[Fremskridt]  # newest first, with documentation and the ministry's comments
    nye: set[int]  # updates new to the user since `sidst_set` (the ministry)
    sidst_set: datetime | None


def _fremskridt_qs(user) -> QuerySet[Fremskridt]:
    return (
        fremskridt_til_laesning(user)
        .select_related("handling", "registreret_af")
        .prefetch_related(
            "bilag", Prefetch("kommentarer", queryset=Fremskridtskommentar.objects.select_related("skrevet_af"))
        )
    )


def fremskridt_for_strategi(user, strategi: Strategi, *, i_dag: date) -> Fremskridtsside:
    """The strategy's actions with their late flags and newest update, every update the user may read (newest
    first) and, for the ministry, which of them are new since the user last looked. Five queries."""
    handlinger = handlinger_for_strategi(strategi, i_dag=i_dag)
    numre = nummerer_handlinger(handlinger)
    fremskridt = list(_fremskridt_qs(user).filter(strategi=strategi).order_by("-indsendt", "-pk"))
    seneste: dict[int, Fremskridt] = {}
    for f in sorted(fremskridt, key=lambda f: f.pk):
        seneste[f.handling_id] = f
    sidst_set = None
    nye: set[int] = set()
    if er_ministeriet(user):
        besoeg = Fremskridtsbesoeg.objects.filter(bruger=user, strategi=strategi).first()
        sidst_set = besoeg.set if besoeg else None
        nye = {f.pk for f in fremskridt if not f.sendt_tilbage and (sidst_set is None or f.indsendt > sidst_set)}
    return Fremskridtsside(
        handlinger=[HandlingensFremskridt(h, numre[h.pk], seneste.get(h.pk)) for h in handlinger],
        fremskridt=fremskridt,
        nye=nye,
        sidst_set=sidst_set,
    )


def fremskridt_for_handling(user, handling: Handling) -> list[Fremskridt]:
    return list(_fremskridt_qs(user).filter(handling=handling).order_by("-pk"))


def fremskridt_til_gennemsyn(user) -> list[Fremskridt]:
    """The progress updates the ministry user has not seen: registered or corrected after the user last looked at
    the strategy's progress (or never looked), newest first, not those sent back (they wait on the municipality).
    Empty for everyone but the ministry. One query, however many strategies and updates."""
    if not er_ministeriet(user):
        return []
    sidst_set = Fremskridtsbesoeg.objects.filter(bruger=user, strategi=OuterRef("strategi")).values("set")[:1]
    return list(
        fremskridt_til_laesning(user)
        .filter(sendt_tilbage=False)
        .annotate(sidst_set=Subquery(sidst_set))
        .filter(Q(sidst_set__isnull=True) | Q(indsendt__gt=F("sidst_set")))
        .select_related("handling", "registreret_af", "strategi__deltagelse__kommune", "strategi__deltagelse__program")
        .order_by("-indsendt", "-pk")
    )


def fremskridt_sendt_tilbage(user) -> list[Fremskridt]:
    """The progress updates the ministry has sent back to the lead's municipalities, with the comments (the last
    says why), newest first. Two queries."""
    if not er_projektleder(user):
        return []
    return list(
        _fremskridt_qs(user)
        .filter(sendt_tilbage=True, strategi__deltagelse__kommune__in=kommuner_til_skrivning(user))
        .select_related("strategi__deltagelse__kommune")
        .order_by("-aendret", "-pk")
    )


# The indsatstrappe ---------------------------------------------------------------------------------


@dataclass
class Trinsum:
    """A step's offers summed only where the sum means something: children (one unit), the known costs (kr.) and
    the capacity per unit, since places and courses are not added together."""

    antal: int = 0
    boern: int | None = None  # None: no offer on the step says how many children it reaches
    udgift: int | None = None  # None: no offer on the step has a known cost
    uden_udgift: int = 0  # offers whose cost is not known, and so not in `udgift`
    evidensbaserede: int = 0
    kapacitet: dict[str, int] = field(default_factory=dict)  # unit's label → capacity in that unit

    @classmethod
    def af(cls, tilbud: list[Tilbud]) -> "Trinsum":
        sum_ = cls(antal=len(tilbud), evidensbaserede=sum(1 for t in tilbud if t.evidensprogram))
        for t in tilbud:
            if t.boern is not None:
                sum_.boern = (sum_.boern or 0) + t.boern
            if t.udgift is None:
                sum_.uden_udgift += 1
            else:
                sum_.udgift = (sum_.udgift or 0) + t.udgift
            if t.kapacitet is not None:
                enhed = t.get_kapacitetsenhed_display() or "pladser eller forløb"
                sum_.kapacitet[enhed] = sum_.kapacitet.get(enhed, 0) + t.kapacitet
        return sum_

    @property
    def kapacitet_tekst(self) -> str:
        return opremsning([f"{tal(antal)} {enhed}" for enhed, antal in sorted(self.kapacitet.items())])


@dataclass
class Trappetrin:
    nummer: int
    navn: str
    tilbud: list[Tilbud]

    @property
    def sum(self) -> Trinsum:
        return Trinsum.af(self.tilbud)


def indsatstrappe(strategi: Strategi) -> list[Trappetrin]:
    tilbud = list(Tilbud.objects.filter(strategi=strategi).select_related("maalgruppe", "aktoer"))
    return [Trappetrin(t.value, t.label, [x for x in tilbud if x.trin == t.value]) for t in Trin]


@dataclass
class TrappeDeltager:
    deltagelse: Deltagelse
    strategi: Strategi | None  # None: no strategy the user may read
    i_alt: int = 0


@dataclass
class Trappeoversigt:
    deltagere: list[TrappeDeltager]
    trin: list[tuple[Trin, list[Trinsum | None]]]  # per step, per participant (None: a strategy the user may not read)


def indsatstrappe_for_program(program: Program, user) -> Trappeoversigt:
    """Every participant's offers per step, for the strategies the user may read. Three queries."""
    deltagelser = list(Deltagelse.objects.filter(program=program).select_related("kommune").order_by("kommune__kode"))
    laesbare = {s.deltagelse_id: s for s in strategier_til_laesning(user).filter(deltagelse__program=program)}
    tilbud: dict[tuple[int, int], list[Tilbud]] = {}
    for t in Tilbud.objects.filter(strategi__in=[s.pk for s in laesbare.values()]).only(
        "strategi_id", "trin", "kapacitet", "kapacitetsenhed", "boern", "udgift", "evidensprogram"
    ):
        tilbud.setdefault((t.strategi_id, t.trin), []).append(t)
    deltagere = [TrappeDeltager(d, laesbare.get(d.pk)) for d in deltagelser]
    for deltager in deltagere:
        if deltager.strategi:
            deltager.i_alt = sum(len(tilbud.get((deltager.strategi.pk, t.value), [])) for t in Trin)
    trin = [
        (t, [Trinsum.af(tilbud.get((d.strategi.pk, t.value), [])) if d.strategi else None for d in deltagere])
        for t in Trin
    ]
    return Trappeoversigt(deltagere=deltagere, trin=trin)


# A version's content, frozen as it was read, and what changed -----------------------------------------


def _liste(objekter: Iterable) -> str:
    return "; ".join(str(o) for o in objekter) or "–"


def _punkt(id_: str, titel: str, felter: list[tuple[str, str]]) -> dict:
    return {"id": id_, "titel": titel, "felter": [[label, vaerdi or "–"] for label, vaerdi in felter]}


def _vedtaget(strategi: Strategi) -> str:
    if not strategi.vedtaget_dato:
        return ""
    return f"{dato(strategi.vedtaget_dato)} af {strategi.vedtaget_af}"


def _strategiafsnit(strategi: Strategi) -> dict:
    felter = [
        ("Vision", strategi.vision),
        ("Sammenhæng med børnepolitikken", strategi.boernepolitik),
        ("Link til børnepolitikken", strategi.boernepolitik_url),
        ("Politisk vedtaget", _vedtaget(strategi)),
    ]
    return {"navn": "Strategien", "punkter": [_punkt("strategi", strategi.titel, felter)]}


def _indsatsomraadeafsnit(strategi: Strategi) -> dict:
    omraader = (
        Indsatsomraade.objects.filter(strategi=strategi)
        .prefetch_related("delstrategier", "maalgrupper", "aktoerer")
        .order_by("pk")
    )
    punkter = [
        _punkt(
            f"indsatsomraade-{o.pk}",
            o.navn,
            [
                ("Beskrivelse", o.beskrivelse),
                ("Delstrategier", _liste(o.delstrategier.all())),
                ("Målgrupper", _liste(o.maalgrupper.all())),
                ("Aktører", _liste(o.aktoerer.all())),
            ],
        )
        for o in omraader
    ]
    return {"navn": "Indsatsområder", "punkter": punkter}


def _maalgruppeafsnit(strategi: Strategi) -> dict:
    punkter = [
        _punkt(
            f"maalgruppe-{g.pk}",
            str(g),
            [("Forventet antal børn og unge", tal(g.antal_boern)), ("Beskrivelse", g.beskrivelse)],
        )
        for g in Maalgruppe.objects.filter(strategi=strategi).order_by("pk")
    ]
    return {"navn": "Målgrupper", "punkter": punkter}


def _aktoerafsnit(strategi: Strategi) -> dict:
    punkter = [
        _punkt(f"aktoer-{a.pk}", str(a), [("Rolle i strategien", a.rolle)])
        for a in Aktoer.objects.filter(strategi=strategi).order_by("pk")
    ]
    return {"navn": "Aktører", "punkter": punkter}


def _maalafsnit(maal: list[MaalVist]) -> dict:
    punkter = [
        _punkt(
            f"maal-{m.maal.pk}",
            m.maal.tekst,
            [
                ("Art", m.maal.get_art_display()),
                ("Indsatsområde", m.maal.indsatsomraade.navn),
                ("Delstrategi", str(m.maal.delstrategi or "")),
                ("Måles ved", m.maal.maaling),
                ("Baseline", m.baseline_tekst),
                ("Målværdi", m.maal_tekst),
                ("Bedre retning", m.maal.get_retning_display()),
                ("Fører til", m.maal.bidrager_til.tekst if m.maal.bidrager_til else ""),
                ("Status", m.status_tekst),
            ],
        )
        for m in maal
    ]
    return {"navn": "Mål", "punkter": punkter}


def _handlingens_maal(handling: Handling, numre: dict[int, str]) -> str:
    """The action's goals by their label in the theory of change and their text."""
    return _liste(f"{numre.get(m.pk, '')} {m.tekst}".strip() for m in handling.maal.all())


def _handleplanafsnit(strategi: Strategi, numre: dict[int, str]) -> dict:
    handlinger = (
        Handling.objects.filter(strategi=strategi)
        .select_related("indsatsomraade", "delstrategi")
        .prefetch_related("maal", "aktoerer")
        .order_by("pk")
    )
    punkter = [
        _punkt(
            f"handling-{h.pk}",
            h.titel,
            [
                ("Indsatsområde", h.indsatsomraade.navn),
                ("Delstrategi", str(h.delstrategi or "")),
                ("Beskrivelse", h.beskrivelse),
                ("Mål", _handlingens_maal(h, numre)),
                ("Ansvarlig", h.ansvarlig),
                ("Aktører", _liste(h.aktoerer.all())),
                ("Periode", f"{dato(h.start)} – {dato(h.slut)}"),
                ("Forventet udgift", kr(h.forventet_udgift) if h.forventet_udgift is not None else ""),
                ("Status", h.get_status_display()),
                ("Forudsætninger", f"{h.get_farve_display()}: {h.farveforklaring}"),
            ],
        )
        for h in handlinger
    ]
    return {"navn": "Handleplan", "punkter": punkter}


def _tilbudsafsnit(strategi: Strategi) -> dict:
    tilbud = Tilbud.objects.filter(strategi=strategi).select_related("maalgruppe", "aktoer").order_by("trin", "pk")
    punkter = [
        _punkt(
            f"tilbud-{t.pk}",
            t.navn,
            [
                ("Trin", f"{t.trin}. {t.get_trin_display()}"),
                ("Art", t.art),
                ("Målgruppe", str(t.maalgruppe or "")),
                ("Aktør", str(t.aktoer or "")),
                ("Kapacitet", tal(t.kapacitet)),
                ("Evidensbaseret program", t.get_evidensprogram_display()),
            ],
        )
        for t in tilbud
    ]
    return {"navn": "Tilbud på indsatstrappen", "punkter": punkter}


def indhold_for(strategi: Strategi) -> dict:
    """The strategy as its pages read it now, section by section, as labels and the words shown: what an annual
    review freezes as the version before it, and what versions are compared by (items matched by their id)."""
    maal = maal_for_strategi(strategi)
    numre = {m.maal.pk: m.nummer for m in maal}
    return {
        "titel": strategi.titel,
        "versionsnummer": strategi.versionsnummer,
        "status": strategi.get_status_display(),
        "godkendt": dato(strategi.godkendt) if strategi.godkendt else "",
        "afsnit": [
            _strategiafsnit(strategi),
            _indsatsomraadeafsnit(strategi),
            _maalgruppeafsnit(strategi),
            _aktoerafsnit(strategi),
            _maalafsnit(maal),
            _handleplanafsnit(strategi, numre),
            _tilbudsafsnit(strategi),
        ],
    }


@dataclass
class Feltaendring:
    felt: str
    foer: str
    efter: str


@dataclass
class Punktaendring:
    titel: str
    hvad: str  # "Tilføjet", "Fjernet", "Ændret"
    aendringer: list[Feltaendring] = field(default_factory=list)


@dataclass
class Afsnitsaendring:
    navn: str
    punkter: list[Punktaendring]


def sammenlign(foer: dict, efter: dict) -> list[Afsnitsaendring]:
    """What changed from one version's content to another's, section by section: items added, removed, and for
    changed items every field with its words before and after."""
    ud = []
    efter_afsnit = {a["navn"]: a for a in efter["afsnit"]}
    foer_afsnit = {a["navn"]: a for a in foer["afsnit"]}
    for navn in [*efter_afsnit, *[n for n in foer_afsnit if n not in efter_afsnit]]:
        gamle = {p["id"]: p for p in foer_afsnit.get(navn, {"punkter": []})["punkter"]}
        nye = {p["id"]: p for p in efter_afsnit.get(navn, {"punkter": []})["punkter"]}
        punkter = []
        for id_, ny in nye.items():
            gammel = gamle.get(id_)
            if gammel is None:
                punkter.append(Punktaendring(ny["titel"], "Tilføjet"))
                continue
            aendringer = []
            if gammel["titel"] != ny["titel"]:
                aendringer.append(Feltaendring("Navn", gammel["titel"], ny["titel"]))
            gamle_felter = dict(map(tuple, gammel["felter"]))
            for label, vaerdi in ny["felter"]:
                if gamle_felter.get(label, "–") != vaerdi:
                    aendringer.append(Feltaendring(label, gamle_felter.get(label, "–"), vaerdi))
            if aendringer:
                punkter.append(Punktaendring(ny["titel"], "Ændret", aendringer))
        punkter += [Punktaendring(p["titel"], "Fjernet") for id_, p in gamle.items() if id_ not in nye]
        if punkter:
            ud.append(Afsnitsaendring(navn, punkter))
    return ud


# The overview across participants -----------------------------------------------------------------------


@dataclass
class OversigtRaekke:
    deltagelse: Deltagelse
    strategi: Strategi | None  # None when there is none, or the user may not read it yet
    statustekst: str
    maal: dict[str, int] = field(default_factory=dict)  # Maalstatus value → count
    maal_i_alt: int = 0
    handlinger: int = 0
    forsinkede: int = 0
    farver: dict[str, int] = field(default_factory=dict)  # Farve value → count
    tilbud: int = 0


@dataclass
class Oversigt:
    raekker: list[OversigtRaekke]
    i_alt: OversigtRaekke | None = None


def _statustekst(deltagelse: Deltagelse, strategi: Strategi | None, laesbar: bool) -> str:
    if strategi is None:
        return "Ikke oprettet"
    if laesbar:
        return strategi.get_status_display()
    return "Under udarbejdelse"


def oversigt_for_program(program: Program, user, *, i_dag: date) -> Oversigt:
    """One row per participant: the strategy's status, its goals on track / behind / achieved / without data, its
    actions (late ones, by colour) and offers, for the strategies the user may read. The same queries for 5
    participants as for 50: the participations, the readable strategies, the goals, the follow-ups, the profile's
    figures (one benchmark call), the actions and the offers counted in the database."""
    deltagelser = list(
        Deltagelse.objects.filter(program=program)
        .select_related("kommune__kommunegruppe", "program", "strategi")
        .order_by("kommune__kode")
    )
    laesbare = set(strategier_til_laesning(user).filter(deltagelse__program=program).values_list("pk", flat=True))
    maal = list(_maal_qs().filter(strategi_id__in=laesbare))
    vist = vis_maal(maal, Opfoelgning.objects.filter(strategi_id__in=laesbare))
    pr_strategi: dict[int, list[MaalVist]] = {}
    for m in vist:
        pr_strategi.setdefault(m.maal.strategi_id, []).append(m)
    status_pr_strategi = {pk: maalstatustal(liste) for pk, liste in pr_strategi.items()}
    handlinger = {
        r["strategi_id"]: r
        for r in Handling.objects.filter(strategi_id__in=laesbare)
        .values("strategi_id")
        .annotate(
            i_alt=Count("pk"),
            forsinkede=Count("pk", filter=forsinket_q(i_dag)),
            **{f: Count("pk", filter=Q(farve=f)) for f in Farve.values},
        )
    }
    tilbud = dict(
        Tilbud.objects.filter(strategi_id__in=laesbare)
        .values("strategi_id")
        .annotate(antal=Count("pk"))
        .values_list("strategi_id", "antal")
    )
    raekker = []
    i_alt = OversigtRaekke(deltagelse=None, strategi=None, statustekst="", maal=Counter(), farver=Counter())
    for deltagelse in deltagelser:
        strategi = getattr(deltagelse, "strategi", None) if _har_strategi(deltagelse) else None
        laesbar = strategi is not None and strategi.pk in laesbare
        raekke = OversigtRaekke(deltagelse, strategi if laesbar else None, _statustekst(deltagelse, strategi, laesbar))
        if laesbar:
            taelling = status_pr_strategi.get(strategi.pk, Counter())
            raekke.maal = {s.value: taelling[s.value] for s in Maalstatus}
            raekke.maal_i_alt = sum(taelling.values())
            h = handlinger.get(strategi.pk, {})
            raekke.handlinger, raekke.forsinkede = h.get("i_alt", 0), h.get("forsinkede", 0)
            raekke.farver = {f: h.get(f, 0) for f in Farve.values}
            raekke.tilbud = tilbud.get(strategi.pk, 0)
            i_alt.maal.update(raekke.maal)
            i_alt.farver.update(raekke.farver)
            i_alt.maal_i_alt += raekke.maal_i_alt
            i_alt.handlinger += raekke.handlinger
            i_alt.forsinkede += raekke.forsinkede
            i_alt.tilbud += raekke.tilbud
        raekker.append(raekke)
    i_alt.maal = {s.value: i_alt.maal[s.value] for s in Maalstatus}
    i_alt.farver = {f: i_alt.farver[f] for f in Farve.values}
    return Oversigt(raekker=raekker, i_alt=i_alt)


def maal_i_program(program: Program, user) -> list[MaalVist]:
    """Every goal of the programme's strategies the user may read, with its follow-ups and status, numbered as on
    each strategy's pages; ordered by municipality. A fixed number of queries however many participants (the
    evaluator's data exports and reports)."""
    laesbare = strategier_til_laesning(user).filter(deltagelse__program=program).values("pk")
    maal = _maal_qs().filter(strategi_id__in=laesbare).order_by("strategi__deltagelse__kommune__kode", "pk")
    return vis_maal(list(maal), Opfoelgning.objects.filter(strategi_id__in=laesbare).order_by("dato", "pk"))


def handlinger_i_program(program: Program, user, *, i_dag: date) -> list[Handling]:
    """Every action of the programme's strategies the user may read, with its late flags, ordered by municipality as
    each action plan orders them."""
    laesbare = strategier_til_laesning(user).filter(deltagelse__program=program).values("pk")
    return list(
        Handling.objects.filter(strategi_id__in=laesbare)
        .med_forsinkelse(i_dag)
        .select_related("indsatsomraade", "delstrategi", "strategi__deltagelse__kommune")
        .order_by("strategi__deltagelse__kommune__kode", "indsatsomraade_id", "pk")
    )


def _har_strategi(deltagelse: Deltagelse) -> bool:
    try:
        deltagelse.strategi  # noqa: B018  (loaded by select_related; no query)
    except Strategi.DoesNotExist:
        return False
    return True


# Lists for the strategy pages and the menu ------------------------------------------------------------


@dataclass
class MinDeltagelse:
    deltagelse: Deltagelse
    strategi: Strategi | None


def mine_deltagelser(user) -> list[MinDeltagelse]:
    """A lead's own municipalities' participations, each with its strategy (or none yet)."""
    if not er_projektleder(user):
        return []
    deltagelser = (
        Deltagelse.objects.filter(kommune__in=kommuner_til_skrivning(user))
        .select_related("program", "kommune", "strategi")
        .order_by("-program__startdato", "kommune__kode")
    )
    return [MinDeltagelse(d, d.strategi if _har_strategi(d) else None) for d in deltagelser]


def andres_strategier(user) -> QuerySet[Strategi]:
    """The strategies of other municipalities the user may read, newest programme first."""
    qs = strategier_til_laesning(user)
    if er_projektleder(user):
        qs = qs.exclude(deltagelse__kommune__in=kommuner_til_skrivning(user))
    return qs.order_by("-deltagelse__program__startdato", "deltagelse__kommune__kode")


def strategier_i_program(
    program: Program, user, *, deltagelser: QuerySet[Deltagelse] | None = None
) -> list[tuple[Deltagelse, Strategi | None]]:
    """Each participant of a programme with its strategy if the user may read it (None: none, or not readable).
    One query: readability is the access rule itself, as a subquery. `deltagelser` narrows the participants (the
    programme page passes the ones the user may read, and lists them from the same query)."""
    laesbar = strategier_til_laesning(user).filter(deltagelse=OuterRef("pk"))
    deltagelser = (
        (deltagelser if deltagelser is not None else Deltagelse.objects.all())
        .filter(program=program)
        .select_related("kommune", "strategi")
        .annotate(strategi_laesbar=Exists(laesbar))
        .order_by("kommune__kode")
    )
    return [(d, d.strategi if d.strategi_laesbar else None) for d in deltagelser]


def kommentarer(strategi: Strategi) -> list[Kommentar]:
    return list(Kommentar.objects.filter(strategi=strategi).select_related("skrevet_af"))


def gennemgange(strategi: Strategi) -> list[Aarsgennemgang]:
    return list(
        Aarsgennemgang.objects.filter(strategi=strategi)
        .select_related("version_foer", "gennemfoert_af")
        .order_by("-aar")
    )


def gennemgangslinjer(gennemgang: Aarsgennemgang) -> list[Gennemgangslinje]:
    return list(gennemgang.linjer.order_by("pk"))


def boernepolitik_bilag(strategi: Strategi) -> list[StrategiBilag]:
    return list(StrategiBilag.objects.filter(strategi=strategi, art=Bilagsart.BOERNEPOLITIK).order_by("uploadet"))


# History -----------------------------------------------------------------------------------------------

HISTORIK_MODELLER = [
    Strategi,
    Indsatsomraade,
    Delstrategi,
    Maalgruppe,
    Aktoer,
    IndsatsomraadeMaalgruppe,
    IndsatsomraadeAktoer,
    Maal,
    Opfoelgning,
    StrategiBilag,
    Handling,
    HandlingMaal,
    HandlingAktoer,
    Tilbud,
    Kommentar,
    Aarsgennemgang,
    Gennemgangslinje,
    Fremskridt,
    Fremskridtskommentar,
]


def historik_for_strategi(user, strategi: Strategi, side: str | int | None) -> HistorikSide | None:
    """Every change to the strategy and its parts. Outside the municipality, from the first submission on."""
    return _historik(user, strategi, strategi, modeller=HISTORIK_MODELLER, side=side)


def historik_for_maal(user, strategi: Strategi, maal: Maal, side: str | int | None) -> HistorikSide | None:
    return _historik(user, strategi, maal, modeller=[Maal, Opfoelgning, HandlingMaal], side=side)


def historik_for_handling(user, strategi: Strategi, handling: Handling, side: str | int | None) -> HistorikSide | None:
    return _historik(user, strategi, handling, modeller=[Handling, HandlingMaal, HandlingAktoer], side=side)


def _historik(user, strategi: Strategi, objekt, *, modeller, side) -> HistorikSide | None:
    return historik_til(
        user,
        objekt,
        modeller=modeller,
        kommune_id=strategi.deltagelse.kommune_id,
        offentlig_fra=None
        if strategi.foerst_indsendt is None
        else foerste_gang(Strategi, strategi.pk, status=StrategiStatus.INDSENDT),
        side=side,
    )


@dataclass
class SlettetMaal:
    haendelse_id: int
    tekst: str
    art: str
    slettet: datetime
    slettet_af: str
    opfoelgninger: int


def slettede_maal(user, strategi: Strategi) -> list[SlettetMaal]:
    """Goals deleted from the strategy that have not been restored, newest first, from the history: read from
    drafts, so only for those the history rule shows every revision (the municipality's own leads)."""
    if historikadgang(user, strategi.deltagelse.kommune_id) is not Historikadgang.ALT:
        return []
    maal_events = list(
        event_model(Maal)
        .objects.filter(strategi_id=strategi.pk, pgh_label="delete")
        .exclude(pgh_obj_id__in=Maal.objects.filter(strategi=strategi).values("pk"))
        .select_related("pgh_context")
        .order_by("-pgh_created_at", "-pgh_id")
    )
    opfoelgninger = Counter(
        (e["maal_id"], e["pgh_created_at"])
        for e in event_model(Opfoelgning)
        .objects.filter(strategi_id=strategi.pk, pgh_label="delete")
        .values("maal_id", "pgh_created_at")
    )
    bruger_ids = {(e.pgh_context.metadata or {}).get("user") for e in maal_events if e.pgh_context}
    brugere = {b.pk: b for b in get_user_model().objects.filter(pk__in=[i for i in bruger_ids if i])}
    ud = []
    for e in maal_events:
        bruger = brugere.get((e.pgh_context.metadata or {}).get("user")) if e.pgh_context else None
        ud.append(
            SlettetMaal(
                haendelse_id=e.pgh_id,
                tekst=e.tekst,
                art=MaalArt(e.art).label,
                slettet=e.pgh_created_at,
                slettet_af=(bruger.get_full_name() or bruger.username) if bruger else "Systemet",
                opfoelgninger=opfoelgninger[(e.pgh_obj_id, e.pgh_created_at)],
            )
        )
    return ud


def i_dag() -> date:
    return tid.i_dag()
