"""Mine opgaver: what is due for the user, gathered from each app's `opgaver.py`, one selector per role
(docs/decisions/0054). The same lists drive the front page, the count in the menu and the weekly e-mail."""

from dataclasses import dataclass
from datetime import datetime

from evaluering import opgaver as evaluering
from forebyggelse import tid
from forebyggelse.opgaver import Opgave, sorteret
from forebyggelse.roller import Rolle, rolle
from kommuner import opgaver as kommuner
from kommuner.models import Program, ProgramStatus
from kommuner.permissions import programmer_til_laesning
from konto.session import forrige_login
from profiler import opgaver as profiler
from strategi import opgaver as strategi
from strategi.selectors import OversigtRaekke, oversigt_for_program


def ministeriets_opgaver(user) -> list[Opgave]:
    return sorteret(
        kommuner.til_ministeriet(user)
        + strategi.til_ministeriet(user)
        + profiler.til_ministeriet(user)
        + evaluering.til_ministeriet(user)
    )


def projektlederens_opgaver(user) -> list[Opgave]:
    return sorteret(
        kommuner.til_projektleder(user)
        + strategi.til_projektleder(user)
        + profiler.til_projektleder(user)
        + evaluering.til_projektleder(user)
    )


def evaluatorens_opgaver(user, *, siden: datetime | None) -> list[Opgave]:
    return evaluering.til_evaluator(user, siden=siden)


def styregruppens_opgaver(user, *, siden: datetime | None) -> list[Opgave]:
    return sorteret(evaluering.til_styregruppe(user, siden=siden))


def opgaver_for(user, *, siden: datetime | None = None) -> list[Opgave]:
    """The user's list: `siden` is the previous login, from which the evaluator's and the steering group's "new"
    counts (and the seen marks, evaluering.models.Laest, from when they last opened each thing)."""
    match rolle(user):
        case Rolle.MINISTERIET:
            return ministeriets_opgaver(user)
        case Rolle.PROJEKTLEDER:
            return projektlederens_opgaver(user)
        case Rolle.EVALUATOR:
            return evaluatorens_opgaver(user, siden=siden)
        case Rolle.STYREGRUPPE:
            return styregruppens_opgaver(user, siden=siden)
    return []


def opgaver_til(request) -> list[Opgave]:
    """The logged-in user's list, computed once per request (the front page and the count in the menu share it)."""
    if not hasattr(request, "_opgaver"):
        request._opgaver = opgaver_for(request.user, siden=forrige_login(request.session))
    return request._opgaver


@dataclass
class Statuslinje:
    raekke: OversigtRaekke
    forsinkede_leverancer: int


@dataclass
class Programstatus:
    program: Program
    linjer: list[Statuslinje]


def programstatus_i_en_linje(user) -> list[Programstatus]:
    """For the steering group: each running programme, one line per participant (strategy, goals, late actions,
    late deliveries)."""
    ud = []
    for program in programmer_til_laesning(user).filter(status=ProgramStatus.I_GANG).order_by("startdato"):
        oversigt = oversigt_for_program(program, user, i_dag=tid.i_dag())
        forsinkede = evaluering.forsinkede_leverancer_pr_deltagelse(program)
        ud.append(
            Programstatus(program, [Statuslinje(r, forsinkede.get(r.deltagelse.pk, 0)) for r in oversigt.raekker])
        )
    return ud
