"""A task: one thing a user should do, with where to do it. Each app says which of its own data are tasks for whom
(`<app>/opgaver.py`); `portal/opgaver.py` gathers them per role into the user's list (docs/decisions/0054)."""

from dataclasses import dataclass
from datetime import date, datetime

from forebyggelse.formatering import dansk_tid, dato, tidspunkt


@dataclass(frozen=True)
class Opgave:
    art: str  # the heading the task is listed under, e.g. "Strategier til godkendelse"
    titel: str  # what to do, in the user's words, e.g. "Godkend Odense Kommunes forebyggelsesstrategi"
    url: str  # the exact place to act
    frist: datetime | date | None = None
    kommune: str = ""
    bemaerkning: str = ""  # e.g. the ministry's comment on what it sent back
    bemaerkning_fra: str = "Ministeriets kommentar"  # whose words the remark is, as the list labels it

    @property
    def fristdag(self) -> date | None:
        if isinstance(self.frist, datetime):
            return dansk_tid(self.frist).date()
        return self.frist

    @property
    def frist_tekst(self) -> str:
        if self.frist is None:
            return ""
        return tidspunkt(self.frist) if isinstance(self.frist, datetime) else dato(self.frist)

    def forsinket(self, i_dag: date) -> bool:
        return self.fristdag is not None and self.fristdag < i_dag


def sorteret(opgaver: list[Opgave]) -> list[Opgave]:
    """The most pressing first: the oldest deadline (what is late) at the top, then the next due; tasks without a
    deadline last, in the order the apps gave them."""
    return sorted(opgaver, key=lambda o: (o.fristdag is None, o.fristdag or date.max))


@dataclass(frozen=True)
class Opgaveliste:
    """The list as the front page shows it: at national scale the ministry has hundreds of tasks, so the page shows
    the most pressing first, how many there are of each kind (each a filter), and the rest on request."""

    alle: list[Opgave]
    vist: list[Opgave]
    art: str  # the kind chosen; "" for every kind
    arter: list[tuple[str, int]]  # each kind with its count, in the order the list first meets it

    @property
    def skjult(self) -> int:
        return len(self.alle) - len(self.vist) if not self.art else 0


def opgaveliste(opgaver: list[Opgave], *, art: str = "", alle: bool = False, hoejst: int = 20) -> Opgaveliste:
    """`art` narrows the list to one kind (an unknown kind shows every kind); `alle` lifts the limit of `hoejst`."""
    arter: dict[str, int] = {}
    for opgave in opgaver:
        arter[opgave.art] = arter.get(opgave.art, 0) + 1
    if art in arter:
        return Opgaveliste(opgaver, [o for o in opgaver if o.art == art], art, list(arter.items()))
    return Opgaveliste(opgaver, opgaver if alle else opgaver[:hoejst], "", list(arter.items()))
