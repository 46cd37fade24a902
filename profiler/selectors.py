"""Reads of key figures: the one place rates, national and group figures, deviations and ranks are computed.

The benchmark selector — a stable interface, also used by the strategies app (baselines and follow-ups):

    noegletal(*, kommune: Kommune, indikatorer: Iterable[Indikator], aar: Iterable[int],
              gruppe: Kommunegruppe | None = None) -> Noegletal

For one municipality, every indicator and every year it returns a `Sammenligning` (`Noegletal.celle(indikator,
aar)`), with small-number suppression applied (profiler/undertrykkelse.py):

- `egen`: the municipality's own figure (count, denominator, rate) as a `VistTal`;
- `land`: the national figure, Σnumerator / Σdenominator over all 98 municipalities (never a mean of rates);
- `gruppe`: the same over the comparison group's *other* members. `gruppe=None` means the municipality's
  profile group (`Profil.sammenligningsgruppe`, else its `Kommunegruppe`);
- `afvigelse_land`/`afvigelse_gruppe` (percent) and `indeks_land`/`indeks_gruppe` (national or group = 100);
- `rang` among the municipalities whose figure is shown (1 = best in the indicator's better direction) out of
  `rangerede`; `status` (endelig/foreløbig) and `eksempeldata`.

A hidden or missing figure has `vaerdi is None` and says why in `vaerdi_tekst`. Queries: a constant number however
many indicators, years or observations: the profile group, the data version and the cache read (3), and on a
cache miss the benchmark query and the cache write (5 more); `tests/profiler/test_noegletal.py` pins both.

`noegletal_for_alle` gives the same for every municipality at once (maps and exports), each against its own
profile group.

The benchmark query's result is cached in the shared database cache under a key made of the data version
(`Dataversion`, renewed by every write to the observations), the group memberships and the indicators'
definitions, so a change of data is a new key and nothing is ever served stale.
"""

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.core.cache import cache
from django.db import connection
from django.db.models import BigIntegerField, Count, F, Max, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from forebyggelse.historik import HistorikSide, foerste_gang, historik_til, seneste_aendring
from kommuner.models import Deltagelse, Kommune, Kommunegruppe, Program
from profiler.models import (
    Datastatus,
    Dataversion,
    Indberetning,
    IndberetningStatus,
    IndberetningVaerdi,
    Indikator,
    Kategori,
    Observation,
    Profil,
    Programindikator,
    Retning,
)
from profiler.undertrykkelse import DELE_SQL, INGENTING, PRIMAER_SQL, SKJULT_SQL, VistTal, vist_samlet, vist_tal

# A municipality is marked as notably above or below where it deviates this much (percent) from the country.
MAERKBAR_AFVIGELSE = Decimal(10)
CACHE_SEKUNDER = 60 * 60 * 24


@dataclass(frozen=True)
class Sammenligning:
    kommune: Kommune
    indikator: Indikator
    aar: int
    sammenligningsgruppe: Kommunegruppe | None
    egen: VistTal = INGENTING
    land: VistTal = INGENTING
    gruppe: VistTal = INGENTING
    afvigelse_land: Decimal | None = None
    indeks_land: Decimal | None = None
    afvigelse_gruppe: Decimal | None = None
    indeks_gruppe: Decimal | None = None
    rang: int | None = None
    rangerede: int = 0
    status: str = ""
    eksempeldata: bool = False

    @property
    def markering(self) -> str:
        """'over' or 'under' where the municipality deviates notably from the country, else ''."""
        if self.afvigelse_land is None or abs(self.afvigelse_land) < MAERKBAR_AFVIGELSE:
            return ""
        return "over" if self.afvigelse_land > 0 else "under"

    @property
    def vurdering(self) -> str:
        """'bedre' or 'dårligere' than the country for a notable deviation, in the indicator's better direction."""
        if not self.markering or self.indikator.bedre == Retning.INGEN:
            return ""
        godt = "over" if self.indikator.bedre == Retning.HOEJERE else "under"
        return "bedre" if self.markering == godt else "dårligere"

    @property
    def markeringstekst(self) -> str:
        if not self.markering:
            return ""
        tekst = f"Markant {self.markering} landsgennemsnittet"
        return f"{tekst} ({self.vurdering})" if self.vurdering else tekst

    @property
    def status_tekst(self) -> str:
        if self.eksempeldata:
            return "Eksempeldata"
        return Datastatus(self.status).label if self.status else ""


@dataclass
class Noegletal:
    """The benchmark of one municipality: one `Sammenligning` per indicator and year."""

    kommune: Kommune
    sammenligningsgruppe: Kommunegruppe | None
    indikatorer: list[Indikator]
    aar: list[int]
    celler: dict[tuple[int, int], Sammenligning] = field(default_factory=dict)

    def celle(self, indikator: Indikator, aar: int) -> Sammenligning:
        return self.celler.get((indikator.pk, aar)) or Sammenligning(
            kommune=self.kommune, indikator=indikator, aar=aar, sammenligningsgruppe=self.sammenligningsgruppe
        )

    def tidsserie(self, indikator: Indikator) -> list[Sammenligning]:
        return [self.celle(indikator, aar) for aar in self.aar]

    def for_aar(self, aar: int) -> list[Sammenligning]:
        return [self.celle(indikator, aar) for indikator in self.indikatorer]

    @property
    def aar_med_data(self) -> list[int]:
        return sorted({aar for (_, aar), celle in self.celler.items() if celle.land.kommuner})


# Reads around the benchmark --------------------------------------------------------------------------------


def katalog() -> list[Indikator]:
    """The whole catalogue in the profile's order (by section, then `raekkefoelge`)."""
    return sorted(Indikator.objects.select_related("del_af"), key=lambda i: i.sortering)


def efter_afsnit(indikatorer: Iterable[Indikator]) -> list[tuple[Kategori, list[Indikator]]]:
    afsnit: dict[str, list[Indikator]] = {}
    for indikator in sorted(indikatorer, key=lambda i: i.sortering):
        afsnit.setdefault(indikator.kategori, []).append(indikator)
    return [(Kategori(k), v) for k, v in afsnit.items()]


def profil_for(kommune: Kommune) -> Profil | None:
    return Profil.objects.select_related("sammenligningsgruppe").filter(kommune=kommune).first()


def sammenligningsgruppe_for(kommune: Kommune, profil: Profil | None = None) -> Kommunegruppe | None:
    """The profile's chosen comparison group, else the municipality's own Kommunegruppe."""
    if profil is not None and profil.sammenligningsgruppe_id:
        return profil.sammenligningsgruppe
    return kommune.kommunegruppe


def profilens_gruppe(kommune: Kommune) -> Kommunegruppe | None:
    """The same as sammenligningsgruppe_for, in one query whatever is already loaded."""
    valgt = Profil.objects.filter(kommune=kommune).values("sammenligningsgruppe")[:1]
    return Kommunegruppe.objects.filter(
        pk=Coalesce(Subquery(valgt), Value(kommune.kommunegruppe_id), output_field=BigIntegerField())
    ).first()


def gruppens_medlemmer(gruppe: Kommunegruppe | None) -> QuerySet[Kommune]:
    if gruppe is None:
        return Kommune.objects.none()
    return Kommune.objects.filter(kommunegruppe=gruppe).order_by("kode")


def profilens_program(kommune: Kommune) -> Program | None:
    """The programme whose choice of indicators the municipality's profile page follows: the newest it takes part in
    (by start, as PROFILSIDE_SQL orders them), the one it works in now. Its year already follows that programme
    (profilernes_seneste_aar)."""
    return Program.objects.filter(deltagelser__kommune=kommune).order_by("-startdato", "-pk").first()


@dataclass(frozen=True)
class Programdeltager:
    kommune: Kommune
    # The newer programme the municipality's profile page follows instead (profilens_program); None: this one.
    nyere_program: str | None


def programmets_deltagere(program: Program) -> list[Programdeltager]:
    """The programme's participants and whether their profile page follows it or a newer programme they also take
    part in, in one query."""
    nyeste = Program.objects.filter(deltagelser__kommune=OuterRef("kommune")).order_by("-startdato", "-pk")
    deltagelser = (
        Deltagelse.objects.filter(program=program)
        .select_related("kommune")
        .annotate(foelger=Subquery(nyeste.values("pk")[:1]), foelger_navn=Subquery(nyeste.values("navn")[:1]))
        .order_by("kommune__kode")
    )
    return [
        Programdeltager(kommune=d.kommune, nyere_program=None if d.foelger == program.pk else d.foelger_navn)
        for d in deltagelser
    ]


def programmer_med_eget_udvalg() -> QuerySet[Program]:
    """The programmes that chose their own indicators for their profiles, each with how many (`antal`): what another
    programme can copy."""
    antal = (
        Programindikator.objects.filter(program=OuterRef("pk"))
        .order_by()
        .values("program")
        .annotate(antal=Count("pk"))
        .values("antal")
    )
    return Program.objects.annotate(antal=Subquery(antal)).filter(antal__gt=0).order_by("-startdato", "navn")


def deltagende_kommuner() -> list[tuple[Program, list[Kommune]]]:
    """Every programme's participating municipalities: whose profiles the programme works with."""
    programmer: dict[int, tuple[Program, list[Kommune]]] = {}
    for d in Deltagelse.objects.select_related("program", "kommune").order_by("-program__startdato", "kommune__kode"):
        programmer.setdefault(d.program_id, (d.program, []))[1].append(d.kommune)
    return list(programmer.values())


def profilens_seneste_aar(kommune: Kommune) -> int:
    """The year a profile opens on: the newest year with figures for the municipality that its programme follows
    (not after the newest programme it takes part in ends), else its newest, else anyone's, else last year.

    A goal's latest value from the profile is the same figure for the programme's years (strategi.selectors), so
    the profile and the goal show one value for one year."""
    return profilernes_seneste_aar([kommune])[kommune.pk]


def profilernes_seneste_aar(kommuner: Iterable[Kommune]) -> dict[int, int]:
    """`profilens_seneste_aar` for many municipalities at once (kommune id → year), in two queries."""
    kommuner = list(kommuner)
    programslut = (
        Deltagelse.objects.filter(kommune=OuterRef("kommune"))
        .order_by()
        .values("kommune")
        .annotate(slut=Max("program__slutdato__year"))
        .values("slut")
    )
    raekker = (
        Observation.objects.filter(kommune__in=kommuner)
        .annotate(programslut=Subquery(programslut))
        .values("kommune")
        .annotate(
            seneste=Max("aar"),
            i_programmet=Max("aar", filter=Q(programslut__isnull=True) | Q(aar__lte=F("programslut"))),
        )
        .values_list("kommune", "seneste", "i_programmet")
    )
    egne = {kommune: i_programmet or seneste for kommune, seneste, i_programmet in raekker}
    if len(egne) == len(kommuner):
        return egne
    alle = Observation.objects.aggregate(seneste=Max("aar"))["seneste"] or timezone.localdate().year - 1
    return {k.pk: egne.get(k.pk, alle) for k in kommuner}


# The benchmark -------------------------------------------------------------------------------------------


def noegletal(
    *,
    kommune: Kommune,
    indikatorer: Iterable[Indikator],
    aar: Iterable[int],
    gruppe: Kommunegruppe | None = None,
) -> Noegletal:
    """The municipality's figures against the country and its comparison group; see the module docstring."""
    indikatorer = list(indikatorer)
    aar = sorted(set(aar))
    if gruppe is None:
        gruppe = profilens_gruppe(kommune)
    resultat = Noegletal(kommune=kommune, sammenligningsgruppe=gruppe, indikatorer=indikatorer, aar=aar)
    for celle in _sammenligninger([(kommune, gruppe)], indikatorer, aar):
        resultat.celler[(celle.indikator.pk, celle.aar)] = celle
    return resultat


def noegletal_for_alle(
    *,
    indikatorer: Iterable[Indikator],
    aar: Iterable[int],
    kommuner: Iterable[Kommune] | None = None,
    med_grupper: bool = True,
) -> list[Sammenligning]:
    """Every municipality's (or those given) figures, each against its own profile group, ordered by
    municipality code, indicator and year. Two queries plus the benchmark's; `med_grupper=False` (a map needs
    no group figures) saves the profiles' query."""
    kommuner = list(kommuner if kommuner is not None else Kommune.objects.med_gruppe().order_by("kode"))
    if med_grupper:
        profiler = {p.kommune_id: p for p in Profil.objects.select_related("sammenligningsgruppe")}
        kommuner_og_grupper = [(k, sammenligningsgruppe_for(k, profiler.get(k.pk))) for k in kommuner]
    else:
        kommuner_og_grupper = [(k, None) for k in kommuner]
    orden = {k.pk: n for n, k in enumerate(kommuner)}
    indikatorer = list(indikatorer)
    indikatororden = {i.pk: i.sortering for i in indikatorer}
    celler = _sammenligninger(kommuner_og_grupper, indikatorer, sorted(set(aar)))
    return sorted(celler, key=lambda c: (orden[c.kommune.pk], indikatororden[c.indikator.pk], c.aar))


def _sammenligninger(
    kommuner_og_grupper: Sequence[tuple[Kommune, Kommunegruppe | None]], indikatorer: list[Indikator], aar: list[int]
) -> list[Sammenligning]:
    if not kommuner_og_grupper or not indikatorer or not aar:
        return []
    kommuner = {k.pk: (k, g) for k, g in kommuner_og_grupper}
    efter_id = {i.pk: i for i in indikatorer}
    resultat = []
    for raekke in _beregn([(k.pk, g.pk if g else None) for k, g in kommuner_og_grupper], indikatorer, aar):
        kommune, gruppe = kommuner[raekke[0]]
        resultat.append(_sammenligning(kommune, gruppe, efter_id[raekke[1]], raekke))
    return resultat


def _cache_noegle(
    dataversion: str, medlemmer: str, kommuner_og_grupper, indikatorer: list[Indikator], aar: list[int]
) -> str:
    definitioner = [
        (i.pk, i.enhed, str(i.faktor), i.kun_rate, i.undertrykkes, i.undertrykkelsesgraense, i.bedre, i.del_af_id)
        for i in sorted(indikatorer, key=lambda i: i.pk)
    ]
    indhold = json.dumps([dataversion, medlemmer, list(kommuner_og_grupper), definitioner, aar], default=str)
    return "profiler:noegletal:" + hashlib.sha256(indhold.encode()).hexdigest()


def _beregn(
    kommuner_og_grupper: list[tuple[int, int | None]], indikatorer: list[Indikator], aar: list[int]
) -> list[tuple]:
    """The benchmark query's rows for the municipalities (kommune id, group id), cached by the data they depend on."""
    with connection.cursor() as cursor:
        cursor.execute(DATAVERSION_SQL)
        dataversion, medlemmer = cursor.fetchone()
    noegle = _cache_noegle(dataversion or "", medlemmer or "", kommuner_og_grupper, indikatorer, aar)
    raekker = cache.get(noegle)
    if raekker is None:
        valgte = [i.pk for i in indikatorer]
        familier = sorted({i.del_af_id for i in indikatorer if i.del_af_id})
        with connection.cursor() as cursor:
            cursor.execute(
                BENCHMARK_SQL,
                {
                    "kommuner": [k for k, _ in kommuner_og_grupper],
                    "grupper": [g for _, g in kommuner_og_grupper],
                    "valgte": valgte,
                    "familier": familier,
                    "aar": aar,
                },
            )
            raekker = cursor.fetchall()
        cache.set(noegle, raekker, CACHE_SEKUNDER)
    return raekker


def _procent(a: Decimal | None, b: Decimal | None) -> tuple[Decimal | None, Decimal | None]:
    """(deviation in percent, index with b = 100), one decimal."""
    if a is None or b is None or b == 0:
        return None, None
    indeks = (a / b * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return indeks - 100, indeks


def _sammenligning(kommune: Kommune, gruppe: Kommunegruppe | None, indikator: Indikator, r: tuple) -> Sammenligning:
    (
        _,
        _,
        aar,
        taeller,
        naevner,
        egen_rate,
        skjult,
        status,
        eksempeldata,
        land_t,
        land_n,
        land_antal,
        land_skjulte,
        land_eksempel,
        gruppe_t,
        gruppe_n,
        gruppe_antal,
        gruppe_skjulte,
        _gruppe_eksempel,
        rang,
        rangerede,
    ) = r
    har_egen = status is not None
    egen = (
        vist_tal(indikator=indikator, taeller=taeller, naevner=naevner, vaerdi=egen_rate, skjult=skjult)
        if har_egen
        else INGENTING
    )
    land = vist_samlet(indikator=indikator, taeller=land_t, naevner=land_n, kommuner=land_antal, skjulte=land_skjulte)
    i_gruppe = vist_samlet(
        indikator=indikator,
        taeller=gruppe_t,
        naevner=gruppe_n,
        kommuner=gruppe_antal or 0,
        skjulte=gruppe_skjulte or 0,
    )
    # Deviations from the rates as shown, so what a reader recomputes from the page is what the page says.
    afvigelse_land, indeks_land = _procent(egen.vaerdi, land.vaerdi)
    afvigelse_gruppe, indeks_gruppe = _procent(egen.vaerdi, i_gruppe.vaerdi)
    return Sammenligning(
        kommune=kommune,
        indikator=indikator,
        aar=aar,
        sammenligningsgruppe=gruppe,
        egen=egen,
        land=land,
        gruppe=i_gruppe,
        afvigelse_land=afvigelse_land,
        indeks_land=indeks_land,
        afvigelse_gruppe=afvigelse_gruppe,
        indeks_gruppe=indeks_gruppe,
        rang=rang if egen.har_vaerdi else None,
        rangerede=rangerede or 0,
        status=status or "",
        eksempeldata=bool(eksempeldata if har_egen else land_eksempel),
    )


def profilside_noegle(*, kommune: Kommune, aar: int, kort: str, variant: str) -> str:
    """A cache key for a rendered profile: everything its content depends on, read in one query (the data version,
    the group memberships, the catalogue's last change, the profile's group and indicators, its programme and that
    programme's indicators, its findings' versions), plus the year, the map's indicator and the viewer's `variant`
    (which findings and links they see). Any change is a new key; nothing is ever served stale."""
    with connection.cursor() as cursor:
        cursor.execute(PROFILSIDE_SQL, {"kommune": kommune.pk})
        tilstand = cursor.fetchone()
    indhold = json.dumps([PROFILSIDE_VERSION, list(tilstand), kommune.pk, aar, kort[:60], variant], default=str)
    return "profiler:profilside:" + hashlib.sha256(indhold.encode()).hexdigest()


# Bump when the profile page's cached part changes shape.
PROFILSIDE_VERSION = 4

PROFILSIDE_SQL = """
SELECT
    (SELECT noegle::text FROM profiler_dataversion ORDER BY id LIMIT 1),
    (SELECT string_agg(id::text || ':' || COALESCE(kommunegruppe_id::text, '-'), ',' ORDER BY id)
     FROM kommuner_kommune),
    (SELECT max(aendret)::text || '/' || count(*) FROM profiler_indikator),
    (SELECT p.sammenligningsgruppe_id FROM profiler_profil p WHERE p.kommune_id = %(kommune)s),
    (SELECT string_agg(v.indikator_id::text, ',' ORDER BY v.indikator_id)
     FROM profiler_profilindikator v JOIN profiler_profil p ON p.id = v.profil_id
     WHERE p.kommune_id = %(kommune)s),
    (SELECT pr.id::text || ':' || pr.navn || ':' || COALESCE(
                (SELECT string_agg(pi.indikator_id::text, ',' ORDER BY pi.indikator_id)
                 FROM profiler_programindikator pi WHERE pi.program_id = pr.id), '')
     FROM kommuner_deltagelse d JOIN kommuner_program pr ON pr.id = d.program_id
     WHERE d.kommune_id = %(kommune)s ORDER BY pr.startdato DESC, pr.id DESC LIMIT 1),
    (SELECT string_agg(f.kategori || ':' || f.version, ',' ORDER BY f.kategori)
     FROM profiler_fund f JOIN profiler_profil p ON p.id = f.profil_id WHERE p.kommune_id = %(kommune)s)
"""

# The data version and the group memberships in one query: both are part of every cache key.
DATAVERSION_SQL = """
SELECT
    (SELECT noegle::text FROM profiler_dataversion ORDER BY id LIMIT 1),
    (SELECT string_agg(id::text || ':' || COALESCE(kommunegruppe_id::text, '-'), ',' ORDER BY id)
     FROM kommuner_kommune)
"""

# One row per target municipality × indicator × year with data anywhere in the country: the municipality's own
# figures, the national sums, the sums of its group's other members and its rank. Suppression rules 1 and 2
# come from profiler/undertrykkelse.py; rule 3 is applied to the sums by vist_samlet.
BENCHMARK_SQL = f"""
WITH kommuner_og_grupper AS (
    SELECT * FROM unnest(%(kommuner)s::bigint[], %(grupper)s::bigint[]) AS m(kommune_id, gruppe_id)
),
o AS (
    SELECT o.kommune_id, o.indikator_id, o.aar, o.taeller, o.naevner, o.vaerdi, o.status, o.eksempeldata,
           k.kommunegruppe_id AS medlem_af, i.del_af_id, i.bedre, i.kun_rate,
           CASE WHEN i.enhed = 'antal' THEN o.taeller
                WHEN i.kun_rate THEN o.vaerdi * o.naevner / i.faktor
                ELSE o.taeller END AS t,
           CASE WHEN i.enhed = 'antal' THEN 1 ELSE o.naevner END AS n,
           CASE WHEN i.enhed = 'antal' THEN 1 ELSE i.faktor END AS f,
           {PRIMAER_SQL} AS primaer
    FROM profiler_observation o
    JOIN profiler_indikator i ON i.id = o.indikator_id
    JOIN kommuner_kommune k ON k.id = o.kommune_id
    WHERE o.aar = ANY(%(aar)s) AND (o.indikator_id = ANY(%(valgte)s) OR i.del_af_id = ANY(%(familier)s))
),
s AS (
    SELECT o.*, {DELE_SQL}
    FROM o
),
r AS (
    SELECT s.*, {SKJULT_SQL} AS skjult, (s.t IS NOT NULL AND s.n > 0) AS med
    FROM s
    WHERE s.indikator_id = ANY(%(valgte)s)
),
v AS (
    SELECT r.*,
           CASE WHEN r.skjult THEN NULL
                WHEN r.kun_rate THEN r.vaerdi
                WHEN r.med THEN r.t / r.n * r.f END AS rate
    FROM r
),
land AS (
    SELECT indikator_id, aar,
           SUM(t) FILTER (WHERE med) AS t, SUM(n) FILTER (WHERE med) AS n,
           COUNT(*) FILTER (WHERE med) AS antal, COUNT(*) FILTER (WHERE skjult) AS skjulte,
           BOOL_OR(eksempeldata) AS eksempeldata
    FROM v GROUP BY indikator_id, aar
),
grp AS (
    SELECT indikator_id, aar, medlem_af,
           SUM(t) FILTER (WHERE med) AS t, SUM(n) FILTER (WHERE med) AS n,
           COUNT(*) FILTER (WHERE med) AS antal, COUNT(*) FILTER (WHERE skjult) AS skjulte,
           BOOL_OR(eksempeldata) AS eksempeldata
    FROM v WHERE medlem_af IS NOT NULL GROUP BY indikator_id, aar, medlem_af
),
rang AS (
    SELECT kommune_id, indikator_id, aar,
           RANK() OVER (PARTITION BY indikator_id, aar
                        ORDER BY CASE WHEN bedre = 'hoejere' THEN -rate ELSE rate END) AS rang,
           COUNT(*) OVER (PARTITION BY indikator_id, aar) AS rangerede
    FROM v WHERE rate IS NOT NULL AND bedre <> 'ingen'
)
SELECT m.kommune_id, land.indikator_id, land.aar,
       v.taeller, v.naevner, v.rate, v.skjult, v.status, v.eksempeldata,
       land.t, land.n, land.antal, land.skjulte, land.eksempeldata,
       g.t - CASE WHEN v.medlem_af = m.gruppe_id AND v.med THEN v.t ELSE 0 END,
       g.n - CASE WHEN v.medlem_af = m.gruppe_id AND v.med THEN v.n ELSE 0 END,
       g.antal - CASE WHEN v.medlem_af = m.gruppe_id AND v.med THEN 1 ELSE 0 END,
       g.skjulte - CASE WHEN v.medlem_af = m.gruppe_id AND v.skjult THEN 1 ELSE 0 END,
       g.eksempeldata,
       rang.rang, rang.rangerede
FROM kommuner_og_grupper m
CROSS JOIN land
LEFT JOIN v ON v.kommune_id = m.kommune_id AND v.indikator_id = land.indikator_id AND v.aar = land.aar
LEFT JOIN grp g ON g.medlem_af = m.gruppe_id AND g.indikator_id = land.indikator_id AND g.aar = land.aar
LEFT JOIN rang ON rang.kommune_id = m.kommune_id AND rang.indikator_id = land.indikator_id
                  AND rang.aar = land.aar
ORDER BY m.kommune_id, land.indikator_id, land.aar
"""


def historik_for_indikator(user, indikator: Indikator, side: str | int | None) -> HistorikSide | None:
    """The catalogue is the ministry's own work."""
    return historik_til(user, indikator, modeller=[Indikator], kommune_id=None, side=side)


def historik_for_indberetning(user, indberetning: Indberetning, side: str | int | None) -> HistorikSide | None:
    """A municipality's own figures: outside the municipality, from their first submission on."""
    return historik_til(
        user,
        indberetning,
        modeller=[Indberetning, IndberetningVaerdi],
        kommune_id=indberetning.kommune_id,
        offentlig_fra=foerste_gang(Indberetning, indberetning.pk, status=IndberetningStatus.INDSENDT),
        side=side,
    )


def datastand() -> datetime:
    """The moment the portal's data last changed: the newest recorded change (forebyggelse.historik) or the newest
    write to the key figures, which keep their own clock. Reports are stamped with it, not with the clock, so the
    same data gives the same report, byte for byte (docs/decisions/0044), and a report is reused while its data stand
    (0058). Here, under the apps whose reports use it."""
    tider = [seneste_aendring(), Dataversion.objects.aggregate(t=Max("aendret"))["t"]]
    return max((t for t in tider if t), default=timezone.now())
