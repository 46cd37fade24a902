"""The reports: per municipality a status report, across the programme a status report for the steering group and the
evaluator, and the delivered snapshots as PDF. Each report is read once into a plain object that its HTML page and its
PDF both show (one include), from the selectors that own the figures: grants and spending from kommuner's
`budget_for` (`med_totaler`), deliveries from `leveranceoverblik`, goals on track / behind / achieved and late actions
from strategi's selectors (its one status rule), attendance from `fremmoede_i_program`. Nothing is computed again here.

Reports are stamped with the data's state (`datastand`), not the clock: the same data gives the same PDF, byte for
byte (docs/decisions/0044). The social profile's and the strategy's PDFs are their own apps' (profiler/rapporter.py,
strategi/rapporter.py); the report packages reuse them.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from evaluering.diagrammer import Graf, bevilling_graf, maalstatus_graf
from evaluering.eksporter import DATAEKSPORTER
from evaluering.models import Dataleverance, Indsendelse, Moede, Rapportpakke
from evaluering.permissions import (
    deltagelser_i_leverancer,
    kan_bestille_pakke,
    kan_hente_data,
    kan_se_programstatus,
    rapportpakker_til_laesning,
)
from evaluering.selectors import (
    Fremmoedeoversigt,
    FremmoedeRaekke,
    LeveranceCelle,
    Leveranceoverblik,
    fremmoede_for_kommune,
    fremmoede_i_program,
    leveranceoverblik,
    seneste_indsendelser,
)
from forebyggelse.pdf import DATA_PR, render_pdf
from kommuner.models import Bruger, Deltagelse, Milepael, Program, Projektdeltager
from kommuner.selectors import Budget, BudgetDeltager, budget_for, milepaelsplan, organisation_grupperet
from profiler.selectors import datastand, profilernes_seneste_aar
from strategi.maalstatus import Maalstatus
from strategi.models import Handling, Strategi
from strategi.permissions import strategier_til_laesning
from strategi.selectors import (
    MaalVist,
    Oversigt,
    OversigtRaekke,
    handlinger_for_strategi,
    handlinger_i_program,
    maal_for_strategi,
    nummerer_handlinger,
    oversigt_for_program,
)

MAALSTATUSSER = list(Maalstatus)


# A municipality's status report ------------------------------------------------------------------------


@dataclass
class Kommunestatus:
    deltagelse: Deltagelse
    i_dag: date
    datastand: datetime
    budget: BudgetDeltager | None
    leverancer: list[tuple[Dataleverance, LeveranceCelle]]
    strategi: OversigtRaekke
    maal: list[MaalVist]
    forsinkede: list[Handling]
    handlingsnumre: dict[int, str]
    fremmoede: list[tuple[Moede, FremmoedeRaekke]]
    bevilling_graf: Graf | None = None
    # The municipality's own project organisation by role, and its milestone plan (annotated `forsinket`).
    organisation: list[tuple[str, list[Projektdeltager]]] = field(default_factory=list)
    milepaele: list[Milepael] = field(default_factory=list)

    @property
    def program(self) -> Program:
        return self.deltagelse.program

    @property
    def kommune(self):
        return self.deltagelse.kommune

    @property
    def titel(self) -> str:
        return f"Statusrapport for {self.kommune.officielt_navn}"

    @property
    def maal_efter_status(self) -> list[tuple[Maalstatus, int]]:
        return [(s, self.strategi.maal.get(s.value, 0)) for s in MAALSTATUSSER]

    @property
    def mangler_fremmoede(self) -> int:
        return sum(1 for _, r in self.fremmoede if r.mangler)

    @property
    def billeder(self) -> dict[str, bytes]:
        return {"bevilling.svg": self.bevilling_graf.svg_bytes} if self.bevilling_graf else {}


@dataclass(frozen=True)
class Programtal:
    """The programme-wide figures a participant's report takes its lines from: a report package reads them once and
    hands them to every participant's report, instead of each report reading the whole programme again."""

    datastand: datetime
    budget: Budget
    leverancer: Leveranceoverblik
    strategier: Oversigt


def programtal(*, program: Program, bruger: Bruger, i_dag: date) -> Programtal:
    return Programtal(
        datastand=datastand(),
        budget=budget_for(program, bruger, i_dag=i_dag),
        leverancer=leveranceoverblik(program, bruger),
        strategier=oversigt_for_program(program, bruger, i_dag=i_dag),
    )


def kommunestatus(
    *, deltagelse: Deltagelse, bruger: Bruger, i_dag: date, tal: Programtal | None = None
) -> Kommunestatus:
    """One participant's status as this user may see it (a strategy the user may not read shows no goals). `tal`:
    the programme's figures if the caller has them already (read for the same user and day)."""
    tal = tal or programtal(program=deltagelse.program, bruger=bruger, i_dag=i_dag)
    raekke = next((r for r in tal.budget.deltagere if r.deltagelse.pk == deltagelse.pk), None)
    strategi = next(r for r in tal.strategier.raekker if r.deltagelse == deltagelse)
    handlinger = handlinger_for_strategi(strategi.strategi, i_dag=i_dag) if strategi.strategi else []
    status = Kommunestatus(
        deltagelse=deltagelse,
        i_dag=i_dag,
        datastand=tal.datastand,
        budget=raekke,
        leverancer=[
            (r.dataleverance, c) for r in tal.leverancer.raekker for c in r.celler if c.deltagelse == deltagelse
        ],
        strategi=strategi,
        maal=maal_for_strategi(strategi.strategi) if strategi.strategi else [],
        forsinkede=[h for h in handlinger if h.forsinket],
        handlingsnumre=nummerer_handlinger(handlinger),
        fremmoede=fremmoede_for_kommune(deltagelse.program, deltagelse.kommune),
        organisation=organisation_grupperet(list(deltagelse.projektdeltagere.all())),
        milepaele=milepaelsplan(deltagelse, i_dag),
    )
    if raekke:
        status.bevilling_graf = bevilling_graf(
            [(str(a.aar), a.bevilget or 0, a.forbrugt) for a in raekke.aar],
            titel=f"Bevilget og forbrugt pr. år, {deltagelse.kommune.navn}",
        )
    return status


def kommunestatus_pdf(status: Kommunestatus, *, bruger: Bruger) -> bytes:
    return render_pdf(
        "evaluering/pdf/kommunestatus.html",
        {"r": status, "pdf": True},
        bruger=bruger,
        tidspunkt=status.datastand,
        stempel=DATA_PR,
        billeder=status.billeder,
    )


# The programme's status report --------------------------------------------------------------------------


@dataclass
class Deltageroverblik:
    """One participant's line in the programme's overview, each figure from its own selector."""

    deltagelse: Deltagelse
    budget: BudgetDeltager | None
    strategi: OversigtRaekke
    leverancer: list[LeveranceCelle]
    mangler_fremmoede: int

    @property
    def godkendte_leverancer(self) -> int:
        return sum(1 for c in self.leverancer if c.status == "godkendt")

    @property
    def forsinkede_leverancer(self) -> int:
        return sum(1 for c in self.leverancer if c.forsinket)


@dataclass
class Programstatus:
    program: Program
    i_dag: date
    datastand: datetime
    budget: Budget
    leverancer: Leveranceoverblik
    strategier: Oversigt
    forsinkede: list[Handling]
    handlingsnumre: dict[int, str]
    fremmoede: Fremmoedeoversigt
    deltagere: list[Deltageroverblik] = field(default_factory=list)
    bevilling_graf: Graf | None = None
    maal_graf: Graf | None = None

    @property
    def titel(self) -> str:
        return f"Programmets status: {self.program.navn}"

    @property
    def eksempeldata(self) -> bool:
        return any(r.strategi.eksempeldata for r in self.strategier.raekker if r.strategi)

    @property
    def maal_i_alt(self) -> list[tuple[Maalstatus, int]]:
        return [(s, (self.strategier.i_alt.maal or {}).get(s.value, 0)) for s in MAALSTATUSSER]

    @property
    def billeder(self) -> dict[str, bytes]:
        return {
            navn: graf.svg_bytes
            for navn, graf in (("bevilling.svg", self.bevilling_graf), ("maal.svg", self.maal_graf))
            if graf
        }


def programstatus(*, program: Program, bruger: Bruger, i_dag: date) -> Programstatus:
    """The programme across its participants, as this user may see it. A fixed number of queries however many
    participants, deliveries, meetings, goals and actions."""
    tal = programtal(program=program, bruger=bruger, i_dag=i_dag)
    budget, overblik, oversigt = tal.budget, tal.leverancer, tal.strategier
    handlinger = handlinger_i_program(program, bruger, i_dag=i_dag)
    fremmoede = fremmoede_i_program(program)
    numre: dict[int, str] = {}
    for strategi_id in {h.strategi_id for h in handlinger}:
        numre |= nummerer_handlinger(h for h in handlinger if h.strategi_id == strategi_id)
    status = Programstatus(
        program=program,
        i_dag=i_dag,
        datastand=tal.datastand,
        budget=budget,
        leverancer=overblik,
        strategier=oversigt,
        forsinkede=[h for h in handlinger if h.forsinket],
        handlingsnumre=numre,
        fremmoede=fremmoede,
    )
    budgetter = {r.deltagelse.pk: r for r in budget.deltagere}
    for raekke in oversigt.raekker:
        d = raekke.deltagelse
        status.deltagere.append(
            Deltageroverblik(
                deltagelse=d,
                budget=budgetter.get(d.pk),
                strategi=raekke,
                leverancer=[c for r in overblik.raekker for c in r.celler if c.deltagelse.pk == d.pk],
                mangler_fremmoede=fremmoede.mangler(d.kommune),
            )
        )
    status.bevilling_graf = bevilling_graf(
        [(r.deltagelse.kommune.navn, r.bevilget, r.forbrugt) for r in budget.deltagere],
        titel="Bevilget og forbrugt i alt pr. kommune",
    )
    status.maal_graf = maalstatus_graf(
        [(r.deltagelse.kommune.navn, r.maal) for r in oversigt.raekker if r.strategi],
        titel="Målenes status pr. kommune",
    )
    return status


def programstatus_pdf(status: Programstatus, *, bruger: Bruger) -> bytes:
    return render_pdf(
        "evaluering/pdf/programstatus.html",
        {"r": status, "pdf": True},
        bruger=bruger,
        tidspunkt=status.datastand,
        stempel=DATA_PR,
        billeder=status.billeder,
    )


# A delivered snapshot ------------------------------------------------------------------------------------


# A table wider than this does not fit an A4 page's width; in the PDF each of its rows becomes a record.
MAKS_KOLONNER_I_PDF = 8


def _til_udskrift(snapshot: dict) -> dict:
    """The snapshot as the PDF shows it: the same blocks, wide tables also as records (label: value per row)."""
    afsnit = []
    for a in snapshot["afsnit"]:
        blokke = []
        for blok in a["blokke"]:
            if blok["type"] == "tabel" and len(blok["kolonner"]) > MAKS_KOLONNER_I_PDF:
                blok = {
                    **blok,
                    "poster": [list(zip(blok["kolonner"], raekke, strict=False)) for raekke in blok["raekker"]],
                }
            blokke.append(blok)
        afsnit.append({**a, "blokke": blokke})
    return {**snapshot, "afsnit": afsnit}


def snapshot_pdf(indsendelse: Indsendelse, *, bruger: Bruger) -> bytes:
    """The frozen snapshot as its page shows it, stamped with when it was submitted or reviewed: it never changes
    (its review, added later, is shown with it)."""
    return render_pdf(
        "evaluering/pdf/snapshot.html",
        {"indsendelse": indsendelse, "snapshot": _til_udskrift(indsendelse.snapshot), "pdf": True},
        bruger=bruger,
        tidspunkt=indsendelse.vurderet or indsendelse.indsendt,
        stempel="indsendt" if not indsendelse.vurderet else "gennemgået",
    )


# What the reports page lists for a user ---------------------------------------------------------------


@dataclass
class RapportDeltager:
    deltagelse: Deltagelse
    profil_aar: int
    strategi: Strategi | None  # None: none yet, or not readable by this user


@dataclass
class Rapportoversigt:
    """Everything this user may download for a programme: the evaluator and the ministry see it all."""

    program: Program
    programstatus: bool
    deltagere: list[RapportDeltager]
    indsendelser: list[Indsendelse]
    dataeksporter: list
    pakker: list[Rapportpakke]
    kan_bestille_pakke: bool


def rapportoversigt(program: Program, user) -> Rapportoversigt:
    """A fixed number of queries however many participants and deliveries."""
    deltagelser = list(deltagelser_i_leverancer(user, program))
    aar = profilernes_seneste_aar([d.kommune for d in deltagelser])
    strategier = {s.deltagelse_id: s for s in strategier_til_laesning(user).filter(deltagelse__program=program)}
    data, _ = kan_hente_data(user, program)
    return Rapportoversigt(
        program=program,
        programstatus=kan_se_programstatus(user, program)[0],
        deltagere=[RapportDeltager(d, aar[d.kommune_id], strategier.get(d.pk)) for d in deltagelser],
        indsendelser=seneste_indsendelser(program, user),
        dataeksporter=list(DATAEKSPORTER.values()) if data else [],
        pakker=list(rapportpakker_til_laesning(user).filter(program=program)[:5]),
        kan_bestille_pakke=kan_bestille_pakke(user, program)[0],
    )
