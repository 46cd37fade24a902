from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Prefetch, Q, QuerySet, Sum

from forebyggelse import tid
from forebyggelse.formatering import opremsning
from forebyggelse.historik import HistorikSide, event_model, historik_til
from forebyggelse.roller import er_projektleder
from kommuner.models import (
    Afgoerelse,
    Afsnit,
    Ansoegning,
    Ansoegningsbeloeb,
    AnsoegningStatus,
    Bevilling,
    Bilag,
    Deltagelse,
    Forudsaetning,
    Forudsaetningsvurdering,
    Genaabning,
    Genaabningsanmodning,
    Kommune,
    Kontaktperson,
    Kriterie,
    Kriteriescore,
    Milepael,
    Opsaetning,
    Program,
    ProgramStatus,
    Projektdeltager,
    Projektrolle,
    Svar,
    Udfald,
    Vurdering,
)
from kommuner.permissions import (
    aaben_anmodning,
    anmodning_mulig,
    ansoegninger_til_laesning,
    deltagelser_til_laesning,
    gaeldende_frist,
    kan_oprette_ansoegning,
    kan_redigere_ansoegning,
)
from kommuner.roller import kommuner_til_laesning, kommuner_til_skrivning


def gaeldende_opsaetning(program: Program) -> Opsaetning:
    """The programme's newest set-up version: new applications are written in it, and its items name the rows of
    the comparison."""
    return program.opsaetninger.order_by("-version").first()


def opsaetningsversioner(program: Program) -> list[Opsaetning]:
    """The programme's set-up versions, newest first, each with `indsendte`: how many applications written in it
    have been submitted (at least once). One query."""
    return list(
        program.opsaetninger.annotate(
            indsendte=Count("ansoegninger", filter=Q(ansoegninger__indsendt__isnull=False))
        ).order_by("-version")
    )


@dataclass
class Besvaret:
    afsnit: Afsnit
    tekst: str


def besvarelse(ansoegning: Ansoegning) -> list[Besvaret]:
    """Each section of the form the application was written in, in order, with the application's answer ("" when
    not answered). Two queries, none when the loader prefetched `svar` and `opsaetning__afsnit`."""
    svar = {s.afsnit_id: s.tekst for s in ansoegning.svar.all()}  # prefetched by the page's loader
    return [Besvaret(afsnit=a, tekst=svar.get(a.pk, "")) for a in ansoegning.opsaetning.afsnit.all()]


def egen_andel(ansoegt: int | None, egen: int) -> Decimal | None:
    """The municipality's own money as a share of its project's whole budget (applied for + own), in per cent with
    one decimal; None while there is no budget. The one place the application and budget pages take it from."""
    samlet = (ansoegt or 0) + egen
    return _en_decimal(Decimal(egen) * 100 / samlet) if samlet else None


@dataclass
class Finansiering:
    """The application's budget against its programme's money rules."""

    ansoegt: int
    egen: int
    kraevet_procent: int
    maks_beloeb: int | None

    @property
    def andel_procent(self) -> Decimal | None:
        return egen_andel(self.ansoegt, self.egen)


def finansiering(ansoegning: Ansoegning, beloeb: list[Ansoegningsbeloeb], *, ansoegt_i_alt: int | None) -> Finansiering:
    """`ansoegt_i_alt` is the application's total as `AnsoegningQuerySet.med_totaler` computes it."""
    return Finansiering(
        ansoegt=ansoegt_i_alt or 0,
        egen=sum(b.egenfinansiering for b in beloeb),
        kraevet_procent=ansoegning.opsaetning.medfinansiering_procent,
        maks_beloeb=ansoegning.opsaetning.maks_beloeb,
    )


def kommuner_for_oversigt(user) -> QuerySet[Kommune]:
    return kommuner_til_laesning(user).med_gruppe().order_by("kode")


def bevilget_i_program(program: Program, *, undtagen: Kommune | None = None) -> int:
    """The programme's grants in total, all years and participants (but `undtagen`'s), in kroner."""
    qs = Bevilling.objects.filter(deltagelse__program=program)
    if undtagen is not None:
        qs = qs.exclude(deltagelse__kommune=undtagen)
    return qs.aggregate(i_alt=Sum("bevilget"))["i_alt"] or 0


def lignende_kommuner(kommune: Kommune) -> QuerySet[Kommune]:
    if kommune.kommunegruppe_id is None:
        return Kommune.objects.none()
    return Kommune.objects.filter(kommunegruppe_id=kommune.kommunegruppe_id).exclude(pk=kommune.pk)


# The side-by-side comparison of a programme's applications ----------------------------------------


def _en_decimal(vaerdi) -> Decimal | None:
    """Averages are shown with one decimal, rounded half up (3,45 → 3,5)."""
    if vaerdi is None:
        return None
    return Decimal(vaerdi).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class Raekke:
    overskrift: str
    art: str  # ja_nej, snit, antal, kr, anbefalinger, afgoerelse
    celler: list = field(default_factory=list)
    fremhaevet: bool = False


@dataclass
class Sammenligning:
    ansoegninger: list[Ansoegning]
    raekker: list[Raekke]


@dataclass
class Punkter:
    """The preconditions and criteria rows of a comparison: the newest set-up's, each with the number it has in
    every version (an application written in an older version is compared item by item on the same number)."""

    forudsaetninger: dict[int, str]
    kriterier: dict[int, Kriterie]


def _punkter(program: Program, opsaetning_ids: set[int]) -> Punkter:
    forudsaetninger: dict[int, str] = {}
    kriterier: dict[int, Kriterie] = {}
    nyeste = Opsaetning.objects.filter(program=program).order_by("-version").values("pk")[:1]
    opsaetninger = Opsaetning.objects.filter(Q(pk__in=opsaetning_ids) | Q(pk__in=nyeste))
    for kriterie in Kriterie.objects.filter(opsaetning__in=opsaetninger).order_by("nr", "-opsaetning__version"):
        kriterier.setdefault(kriterie.nr, kriterie)
    for nr, tekst in (
        Forudsaetning.objects.filter(opsaetning__in=opsaetninger)
        .order_by("nr", "-opsaetning__version")
        .values_list("nr", "tekst")
    ):
        forudsaetninger.setdefault(nr, tekst)
    return Punkter(forudsaetninger=forudsaetninger, kriterier=kriterier)


def _vurderingstal(ids: list[int]) -> tuple[dict, dict]:
    """Per (application, precondition number) the yes and no; per (application, criterion number) the scores'
    average, sum and count. Two queries, grouped in the database."""
    ja_nej = {
        (r["vurdering__ansoegning_id"], r["forudsaetning__nr"]): (r["ja"], r["nej"])
        for r in Forudsaetningsvurdering.objects.filter(vurdering__ansoegning_id__in=ids)
        .values("vurdering__ansoegning_id", "forudsaetning__nr")
        .annotate(ja=Count("pk", filter=Q(opfyldt=True)), nej=Count("pk", filter=Q(opfyldt=False)))
    }
    scorer = {
        (r["vurdering__ansoegning_id"], r["kriterie__nr"]): (r["snit"], r["summen"], r["antal"])
        for r in Kriteriescore.objects.filter(vurdering__ansoegning_id__in=ids, score__isnull=False)
        .values("vurdering__ansoegning_id", "kriterie__nr")
        .annotate(snit=Avg("score"), summen=Sum("score"), antal=Count("score"))
    }
    return ja_nej, scorer


def _beloeb_pr_aar(ids: list[int]) -> dict[int, dict[int, int]]:
    beloeb: dict[int, dict[int, int]] = {pk: {} for pk in ids}
    for ansoegning_id, aar, beloeb_i_aar in Ansoegningsbeloeb.objects.filter(ansoegning_id__in=ids).values_list(
        "ansoegning_id", "aar", "beloeb"
    ):
        beloeb[ansoegning_id][aar] = beloeb_i_aar
    return beloeb


def _vurderinger_pr_ansoegning(ids: list[int]) -> dict[int, list[Vurdering]]:
    vurderinger: dict[int, list[Vurdering]] = {pk: [] for pk in ids}
    for vurdering in (
        Vurdering.objects.filter(ansoegning_id__in=ids)
        .select_related("bedoemmer")
        .only(
            "pk", "ansoegning_id", "anbefaling", "bedoemmer__username", "bedoemmer__first_name", "bedoemmer__last_name"
        )
        .order_by("bedoemmer__first_name", "bedoemmer__last_name", "bedoemmer__username")
    ):
        vurderinger[vurdering.ansoegning_id].append(vurdering)
    return vurderinger


def _vurderingsraekker(ansoegninger: list[Ansoegning], punkter: Punkter) -> list[Raekke]:
    ids = [a.pk for a in ansoegninger]
    ja_nej, scorer = _vurderingstal(ids)
    raekker = [
        Raekke(f"Forudsætning {nr}: {tekst}", "ja_nej", [ja_nej.get((pk, nr), (0, 0)) for pk in ids])
        for nr, tekst in punkter.forudsaetninger.items()
    ]
    raekker += [
        Raekke(
            f"{nr}. {kriterie.tekst}" + (f" (vægt {kriterie.vaegt})" if kriterie.vaegt != 1 else ""),
            "snit",
            [_en_decimal(scorer[(pk, nr)][0]) if (pk, nr) in scorer else None for pk in ids],
        )
        for nr, kriterie in punkter.kriterier.items()
    ]
    raekker.append(Raekke("Gennemsnit af alle kriterier", "snit", [_samlet_snit(pk, scorer) for pk in ids]))
    raekker.append(
        Raekke("Vægtet gennemsnit", "snit", [_vaegtet_snit(pk, scorer, punkter) for pk in ids], fremhaevet=True)
    )
    raekker.append(Raekke("Antal bedømmere", "antal", [a.antal_vurderinger for a in ansoegninger]))
    return raekker


def _samlet_snit(pk: int, scorer: dict) -> Decimal | None:
    """The average of every score given on every criterion (not the average of the criteria's averages); none
    while no criterion has a score."""
    egne = [v for (a, _), v in scorer.items() if a == pk]
    antal = sum(v[2] for v in egne)
    return _en_decimal(Decimal(sum(v[1] for v in egne)) / antal) if antal else None


def _vaegtet_snit(pk: int, scorer: dict, punkter: Punkter) -> Decimal | None:
    """The criteria's averages weighted by the set-up's weights, over the criteria that have a score."""
    vaegtede = [
        (Decimal(scorer[(pk, nr)][0]), kriterie.vaegt)
        for nr, kriterie in punkter.kriterier.items()
        if (pk, nr) in scorer
    ]
    vaegte = sum(v for _, v in vaegtede)
    return _en_decimal(sum(s * v for s, v in vaegtede) / vaegte) if vaegte else None


def _beloebsraekker(program: Program, ansoegninger: list[Ansoegning]) -> list[Raekke]:
    beloeb = _beloeb_pr_aar([a.pk for a in ansoegninger])
    raekker = [Raekke(f"Ansøgt {aar}", "kr", [beloeb[a.pk].get(aar) for a in ansoegninger]) for aar in program.aar]
    raekker.append(Raekke("Ansøgt i alt", "kr", [a.ansoegt_i_alt for a in ansoegninger], fremhaevet=True))
    return raekker


def _afgoerelsesraekker(ansoegninger: list[Ansoegning]) -> list[Raekke]:
    ids = [a.pk for a in ansoegninger]
    vurderinger = _vurderinger_pr_ansoegning(ids)
    afgoerelser = {a.ansoegning_id: a for a in Afgoerelse.objects.filter(ansoegning_id__in=ids)}
    return [
        Raekke("Bedømmernes anbefalinger", "anbefalinger", [vurderinger[a.pk] for a in ansoegninger]),
        Raekke("Afgørelse", "afgoerelse", [afgoerelser.get(a.pk) for a in ansoegninger]),
        Raekke("Bevilget i alt", "kr", [a.bevilget_i_alt for a in ansoegninger]),
    ]


def sammenligning_for(program: Program, user) -> Sammenligning:
    """Every submitted application in the programme as a column; the rows aggregate all assessors.

    A fixed number of queries however many applications and assessments there are: the scores are
    averaged in the database, the amounts, recommendations and grants are fetched in one query each.
    """
    ansoegninger = list(
        ansoegninger_til_laesning(user)
        .filter(program=program)
        .uden_tekst()
        .med_totaler()
        .annotate(antal_vurderinger=Count("vurderinger"))
        .order_by("kommune__kode")
    )
    punkter = _punkter(program, {a.opsaetning_id for a in ansoegninger})
    raekker = _vurderingsraekker(ansoegninger, punkter) + _beloebsraekker(program, ansoegninger)
    return Sammenligning(ansoegninger=ansoegninger, raekker=raekker + _afgoerelsesraekker(ansoegninger))


# Budget per participant and year ----------------------------------------------------------------------


@dataclass
class BudgetAar:
    aar: int
    ansoegt: int | None
    egen: int | None  # the municipality's own money in its application's budget
    bevilget: int | None
    forbrugt: int | None
    bemaerkning: str
    rest: int | None
    advarsel: str = ""  # why the remaining money needs attention, in words


@dataclass
class BudgetDeltager:
    deltagelse: Deltagelse
    aar: list[BudgetAar]
    kan_registrere: bool
    ansoegt: int | None = None
    bevilget: int = 0
    forbrugt: int | None = None  # None: no spending reported for any year, so the total is not "0 kr."
    rest: int = 0
    egen: int = 0

    @property
    def andel_procent(self) -> Decimal | None:
        return egen_andel(self.ansoegt, self.egen)

    @property
    def ikke_indberettet(self) -> list[int]:
        """The granted years whose spending is not reported: the total spent leaves them out."""
        return [a.aar for a in self.aar if a.bevilget is not None and a.forbrugt is None]

    @property
    def bemaerkning(self) -> str:
        """What the total covers, when it does not cover every granted year."""
        mangler = self.ikke_indberettet
        if not mangler:
            return ""
        if self.forbrugt is None:
            return "Forbruget er ikke indberettet"
        return f"Forbrug for {opremsning([str(a) for a in mangler])} er ikke indberettet og ikke talt med"


@dataclass
class Budget:
    deltagere: list[BudgetDeltager]
    ansoegt: int = 0
    bevilget: int = 0
    forbrugt: int | None = None  # None: no participant has reported any spending
    rest: int = 0
    alle: bool = True  # False for a lead, who sees only their own municipality's rows
    aar: list[int] = field(default_factory=list)
    samlet_budget: int = 0
    medfinansiering_procent: int = 0  # the newest set-up's required share; 0: none
    egen: int = 0

    @property
    def ikke_fordelt(self) -> int:
        return self.samlet_budget - self.bevilget

    @property
    def bemaerkning(self) -> str:
        mangler = [d.deltagelse.kommune.navn for d in self.deltagere if d.ikke_indberettet]
        if not mangler:
            return ""
        if self.forbrugt is None:
            return "Forbruget er ikke indberettet"
        return f"Forbrug, som {opremsning(mangler)} ikke har indberettet, er ikke talt med"


def _advarsel(aar: int, rest: int | None, forbrugt: int | None, i_aar: int) -> str:
    if rest is None or rest <= 0 or aar > i_aar:
        return ""
    if forbrugt is None:
        return "Forbruget er ikke indberettet" if aar < i_aar else "Forbruget er ikke indberettet endnu"
    if aar < i_aar:
        return "Resten skal betales tilbage"
    return "Skal bruges i år, ellers betales resten tilbage"


def _budgetraekke(
    deltagelse: Deltagelse, ansoegt: dict[int, tuple[int, int]], kan_registrere: bool, aarene: list[int], i_aar: int
) -> BudgetDeltager:
    """One participant's years: applied for and own money (from its application), granted, spent and remaining."""
    bevillinger = {b.aar: b for b in deltagelse.bevillinger.all()}
    raekke = BudgetDeltager(
        deltagelse=deltagelse,
        aar=[],
        kan_registrere=kan_registrere,
        ansoegt=deltagelse.ansoegt_i_alt,
        bevilget=deltagelse.bevilget_i_alt or 0,
        forbrugt=deltagelse.forbrugt_i_alt,
    )
    raekke.rest = raekke.bevilget - (raekke.forbrugt or 0)
    for aar in aarene:
        bevilling = bevillinger.get(aar)
        ansoegt_i_aar, egen_i_aar = ansoegt.get(aar, (None, None))
        raekke.egen += egen_i_aar or 0
        forbrugt = bevilling.forbrugt if bevilling else None
        rest = bevilling.rest if bevilling else None
        raekke.aar.append(
            BudgetAar(
                aar=aar,
                ansoegt=ansoegt_i_aar,
                egen=egen_i_aar,
                bevilget=bevilling.bevilget if bevilling else None,
                forbrugt=forbrugt,
                bemaerkning=bevilling.forbrug_bemaerkning if bevilling else "",
                rest=rest,
                advarsel=_advarsel(aar, rest, forbrugt, i_aar),
            )
        )
    return raekke


def budget_for(program: Program, user, *, i_dag: date | None = None) -> Budget:
    """Applied, granted, spent and remaining per participant and year, with the same few queries however
    many participants there are. A lead sees only their own municipality's rows."""
    i_aar = (i_dag or tid.i_dag()).year
    deltagelser = list(
        deltagelser_til_laesning(user)
        .filter(program=program)
        .med_totaler()
        .prefetch_related("bevillinger")
        .order_by("kommune__kode")
    )
    ansoegt: dict[int, dict[int, tuple[int, int]]] = {}
    for ansoegning_id, aar, beloeb, egen in Ansoegningsbeloeb.objects.filter(
        ansoegning_id__in=[d.ansoegning_id for d in deltagelser if d.ansoegning_id]
    ).values_list("ansoegning_id", "aar", "beloeb", "egenfinansiering"):
        ansoegt.setdefault(ansoegning_id, {})[aar] = (beloeb, egen)
    skrivbare = set(
        kommuner_til_skrivning(user).filter(pk__in=[d.kommune_id for d in deltagelser]).values_list("pk", flat=True)
    )
    budget = Budget(
        deltagere=[],
        alle=not er_projektleder(user),
        aar=program.aar,
        samlet_budget=program.samlet_budget,
        medfinansiering_procent=gaeldende_opsaetning(program).medfinansiering_procent,
    )
    for deltagelse in deltagelser:
        raekke = _budgetraekke(
            deltagelse,
            ansoegt.get(deltagelse.ansoegning_id, {}),
            deltagelse.kommune_id in skrivbare,
            program.aar,
            i_aar,
        )
        budget.deltagere.append(raekke)
        budget.ansoegt += raekke.ansoegt or 0
        budget.egen += raekke.egen
        budget.bevilget += raekke.bevilget
        if raekke.forbrugt is not None:
            budget.forbrugt = (budget.forbrugt or 0) + raekke.forbrugt
        budget.rest += raekke.rest
    return budget


# Change history --------------------------------------------------------------------------------------


def historik_for_ansoegning(user, ansoegning: Ansoegning, side: str | int | None) -> HistorikSide | None:
    """The application's history. Outside the municipality nobody sees a draft: before each submission only the
    creation and the changes of status (submitted, sent back). Answers, amounts and annexes change only in drafts,
    so their events are the municipality's alone."""
    kladde_revision = Q(pgh_model=event_model(Ansoegning)._meta.label, pgh_label="update") & ~Q(
        pgh_diff__has_key="status"
    )
    kun_kommunens = Q(pgh_model__in=[event_model(m)._meta.label for m in (Ansoegningsbeloeb, Bilag, Svar)])
    return historik_til(
        user,
        ansoegning,
        modeller=[Ansoegning, Svar, Ansoegningsbeloeb, Bilag, Genaabning, Genaabningsanmodning],
        kommune_id=ansoegning.kommune_id,
        kladder=kladde_revision | kun_kommunens,
        side=side,
    )


def historik_for_program(user, program: Program, side: str | int | None) -> HistorikSide | None:
    """The programme's own changes and its participations; applications have their own pages and history."""
    return historik_til(user, program, modeller=[Program, Deltagelse], kommune_id=None, side=side)


def historik_for_kommune(user, kommune: Kommune, side: str | int | None) -> HistorikSide | None:
    """The municipality's details and contact persons; its applications and participations have their own."""
    return historik_til(user, kommune, modeller=[Kommune, Kontaktperson], kommune_id=kommune.pk, side=side)


def historik_for_deltagelse(user, deltagelse: Deltagelse, side: str | int | None) -> HistorikSide | None:
    """The participation and its grants and spending."""
    return historik_til(user, deltagelse, modeller=[Deltagelse, Bevilling], kommune_id=deltagelse.kommune_id, side=side)


def historik_for_afgoerelse(user, ansoegning: Ansoegning, side: str | int | None) -> HistorikSide | None:
    """The decision's history and that of every participation (with its grants) this application has had,
    also one removed by a later decision: the ministry's own work."""
    deltagelse_ids = (
        event_model(Deltagelse).objects.filter(ansoegning_id=ansoegning.pk).values_list("pgh_obj_id", flat=True)
    )
    deltagelser = [Deltagelse(pk=pk) for pk in set(deltagelse_ids)]
    return historik_til(
        user,
        ansoegning,
        modeller=[Afgoerelse],
        kilder=[(deltagelser, [Deltagelse, Bevilling])],
        kommune_id=None,
        side=side,
    )


def historik_for_vurdering(user, vurdering: Vurdering, side: str | int | None) -> HistorikSide | None:
    """An assessment is the ministry's own work."""
    return historik_til(
        user, vurdering, modeller=[Vurdering, Forudsaetningsvurdering, Kriteriescore], kommune_id=None, side=side
    )


# The programme's hub page -----------------------------------------------------------------------------


def ansoegninger_i_program(program: Program) -> QuerySet[Ansoegning]:
    """Every municipality's application in the programme, drafts included: the ministry sees their status and
    totals, never a draft's text (which is not even loaded)."""
    return (
        Ansoegning.objects.filter(program=program)
        .uden_tekst()
        .med_totaler()
        .select_related("kommune", "afgoerelse")
        .order_by("kommune__kode")
    )


@dataclass
class Anmodningsstatus:
    """What a lead sees about asking the ministry to reopen: the request awaiting an answer, or the ministry's last
    decline and whether they may ask (again). `form` is the view's, when they may."""

    aaben: Genaabningsanmodning | None = None
    afvist: Genaabningsanmodning | None = None
    kan_anmode: bool = False
    form: object = None


def anmodningsstatus(user, ansoegning: Ansoegning) -> Anmodningsstatus | None:
    """None when there is nothing to say: the user is not the municipality's lead, the application is submitted,
    or it can still be submitted. Reads the prefetched requests and reopenings when loaded."""
    if not kan_redigere_ansoegning(user, ansoegning)[0]:
        return None
    aaben = aaben_anmodning(ansoegning)
    if aaben is not None:
        return Anmodningsstatus(aaben=aaben)
    if not anmodning_mulig(ansoegning)[0]:
        return None
    seneste = next(iter(ansoegning.genaabningsanmodninger.all()), None)
    afvist = seneste if seneste is not None and seneste.udfald == Udfald.AFVIST else None
    return Anmodningsstatus(afvist=afvist, kan_anmode=True)


@dataclass
class MinKommune:
    """One of a project lead's municipalities, as the programme page shows it to the lead."""

    kommune: Kommune
    ansoegning: Ansoegning | None
    kan_oprette: bool
    grund: str
    deltager: bool
    genaabnet_til: datetime | None = None
    frist: datetime | None = None  # the deadline the municipality is held to, while it still owes an application
    frist_overskredet: bool = False
    anmodning: Anmodningsstatus | None = None
    deltagelse_id: int | None = None  # the participation, for its organisation and milestone plan


def skyldig_frist(program: Program, ansoegning: Ansoegning | None, deltager: bool) -> datetime | None:
    """The deadline a municipality still has to meet, or None when it owes nothing: a participant, a submitted
    application (whatever the decision), or one sent back (the ministry expects it back, deadline or not)."""
    if deltager:
        return None
    if ansoegning is None:
        return program.ansoegningsfrist if program.status == ProgramStatus.AABEN else None
    if ansoegning.status == AnsoegningStatus.KLADDE:
        return gaeldende_frist(ansoegning)
    return None


def mine_kommuner_i_program(user, program: Program) -> list[MinKommune]:
    """The lead's own municipalities only: nothing about any other municipality is ever loaded."""
    ansoegninger = {
        a.kommune_id: a
        for a in ansoegninger_til_laesning(user)
        .filter(program=program)
        .uden_tekst()
        .select_related("afgoerelse")
        .prefetch_related("genaabninger", "genaabningsanmodninger")
    }
    deltagere = dict(deltagelser_til_laesning(user).filter(program=program).values_list("kommune_id", "pk"))
    nu = tid.nu()
    raekker = []
    for kommune in kommuner_til_skrivning(user).order_by("kode"):
        ansoegning = ansoegninger.get(kommune.pk)
        kan, grund = (False, "") if ansoegning else kan_oprette_ansoegning(user, program, kommune)
        raekke = MinKommune(kommune, ansoegning, kan, grund, kommune.pk in deltagere)
        raekke.deltagelse_id = deltagere.get(kommune.pk)
        if ansoegning and gaeldende_frist(ansoegning) > program.ansoegningsfrist:
            raekke.genaabnet_til = gaeldende_frist(ansoegning)
        raekke.frist = skyldig_frist(program, ansoegning, raekke.deltager)
        raekke.frist_overskredet = raekke.frist is not None and nu > raekke.frist
        raekke.anmodning = anmodningsstatus(user, ansoegning) if ansoegning else None
        raekker.append(raekke)
    return raekker


# The municipality's own project organisation and milestone plan ---------------------------------------------------


def organisation_grupperet(personer: list[Projektdeltager]) -> list[tuple[str, list[Projektdeltager]]]:
    """The people by role, in the order of the roles (steering group first); a role without people is left out."""
    return [
        (rolle.label, [p for p in personer if p.rolle == rolle])
        for rolle in Projektrolle
        if any(p.rolle == rolle for p in personer)
    ]


def milepaelsplan(deltagelse, i_dag: date | None = None) -> list[Milepael]:
    """The plan by month, each milestone annotated `forsinket` on the portal's day."""
    return list(Milepael.objects.filter(deltagelse=deltagelse).med_forsinkelse(i_dag or tid.i_dag()))


def milepaele_i_program(user, program, i_dag: date | None = None) -> list[Deltagelse]:
    """The participants the user may read, each with its plan prefetched as `plan` (annotated `forsinket`), for the
    programme's timeline and reports: two queries, whatever the number of participants."""
    plan = Milepael.objects.med_forsinkelse(i_dag or tid.i_dag()).order_by("maaned", "pk")
    return list(
        deltagelser_til_laesning(user)
        .filter(program=program)
        .order_by("kommune__kode")
        .prefetch_related(Prefetch("milepaele", queryset=plan, to_attr="plan"))
    )
