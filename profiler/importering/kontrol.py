"""Normalising and checking a frame: areas, periods and numbers, then one value per municipality and year.

Each check is a small function that returns Danish errors with row and column. All checks run, so the user sees
every problem at once; one error means the file is refused and nothing is written.
"""

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from forebyggelse.eksport import Kolonne
from kommuner.models import Kommune, Kommunegruppe
from profiler.importering.raamme import Celle, Fejl, ImportFejl, Indlaest, Raamme, Vaerdi
from profiler.models import Aarsdannelse, Enhed, Indikator, Talfelt

AAR_MIN = 2000
OMRAADE_KOLONNER = ("OMRÅDE", "OMRAADE", "ADMKOM", "KOMMUNEDK", "BOPOMR")
# The project's template: a CSV for machines (its header is the machine names), described here for the import page.
SKABELON = [
    Kolonne("kommunekode", "Kommunekode", "Kommunens tre cifre hos Danmarks Statistik, fx 101."),
    Kolonne("indikator", "Indikator", "Indikatorens kode i kataloget, fx anbragte_0_17."),
    Kolonne("aar", "År", "Året, tallene gælder.", periode=True, type="year"),
    Kolonne(
        "taeller", "Tæller", "Antallet bag tallet; tom for en indikator, der kun gives som en rate.", type="number"
    ),
    Kolonne(
        "naevner",
        "Nævner",
        "Det, antallet sættes i forhold til (fx antal 0–17-årige); tom for et antal.",
        type="number",
    ),
]
SKABELON_VAERDI = Kolonne(
    "vaerdi",
    "Værdi",
    "Kun for en indikator, der kun gives som en rate: raten i indikatorens enhed. Kolonnen kan udelades.",
    type="number",
)
SKABELON_KOLONNER = tuple(k.navn for k in SKABELON)
SKABELON_VALGFRI = (SKABELON_VAERDI.navn,)
MANGLER = {"", "..", "."}
TAL = re.compile(r"^\d+(,\d+)?$")
TID = re.compile(r"^(\d{4})(?:([KQ])([1-4])|M(0[1-9]|1[0-2]))?$")
KODE_OG_NAVN = re.compile(r"^(\d{3})\s+(.+)$")
# Areas in DST's tables that are not one of the 98 municipalities, by what the preview calls them: the country,
# regions and landsdele, Christiansø and "unknown", and the municipality groups of REGK (910–960).
LANDET, REGIONER, LANDSDELE, ANDRE, GRUPPER = "hele landet", "regioner", "landsdele", "andre områder", "kommunegrupper"
SPRING_KODER = {"000": LANDET, "411": ANDRE, "998": ANDRE} | {f"08{n}": REGIONER for n in range(1, 6)}
SPRING_NAVNE = {
    "hele landet": LANDET,
    "all denmark": LANDET,
    "whole country": LANDET,
    "christiansø": ANDRE,
    "uoplyst kommune": ANDRE,
    "uoplyst": ANDRE,
    "ukendt kommune": ANDRE,
    "unknown municipality": ANDRE,
}
SPRING_PRAEFIKSER = {"region ": REGIONER, "landsdel ": LANDSDELE, "province ": LANDSDELE}
ENGELSKE_NAVNE = {"copenhagen": "101"}


def aar_max() -> int:
    return timezone.localdate().year


@dataclass(frozen=True)
class Spring:
    """An area row that is not a municipality (the country, a region …): left out, not an error, and counted by
    `art` in the preview."""

    art: str


def sprunget_over(arter: Iterable[str]) -> str:
    """'12 rækker sprunget over: hele landet (4), regioner (8)', in the order the file has them; '' for none."""
    antal = Counter(arter)
    if not antal:
        return ""
    i_alt = sum(antal.values())
    dele = ", ".join(f"{art} ({n})" for art, n in antal.items())
    return f"{i_alt} {'række' if i_alt == 1 else 'rækker'} sprunget over, fordi de ikke er kommuner: {dele}."


def _normal(navn: str) -> str:
    navn = " ".join(navn.casefold().split())
    for endelse in (" kommune", " regionskommune"):
        navn = navn.removesuffix(endelse)
    return navn.removesuffix("s") if navn == "københavns" else navn


class Omraader:
    """Looks up an area as DST writes it (`101`, `København`, `101 København`) among the 98 municipalities."""

    def __init__(self, kommuner: Iterable[Kommune], gruppenavne: Iterable[str] = ()):
        self.efter_kode = {k.kode: k for k in kommuner}
        self.efter_navn = {_normal(k.navn): k for k in self.efter_kode.values()}
        for engelsk, kode in ENGELSKE_NAVNE.items():
            if kode in self.efter_kode:
                self.efter_navn.setdefault(engelsk, self.efter_kode[kode])
        self.spring_navne = SPRING_NAVNE | {_normal(n): GRUPPER for n in gruppenavne}
        self._husket: dict = {}

    @classmethod
    def fra_databasen(cls) -> "Omraader":
        return cls(Kommune.objects.all(), Kommunegruppe.objects.values_list("navn", flat=True))

    def slaa_op(self, celle: Celle) -> Kommune | Spring | str:
        """The municipality, SPRING for a known non-municipal area, or an error message. A file repeats each area
        for every period and indicator, so each distinct cell is looked up once."""
        noegle = (type(celle), celle)
        if noegle not in self._husket:
            self._husket[noegle] = self._slaa_op(celle)
        return self._husket[noegle]

    def _slaa_op(self, celle: Celle) -> Kommune | Spring | str:
        if isinstance(celle, int | float) and not isinstance(celle, bool):
            celle = f"{int(celle):03d}"
        tekst = str(celle or "").strip()
        if not tekst:
            return "Området mangler."
        if tekst.isdigit():
            return self._kode(tekst.zfill(3))
        kode_og_navn = KODE_OG_NAVN.match(tekst)
        if kode_og_navn:
            kode, navn = kode_og_navn.groups()
            fundet = self._kode(kode)
            if isinstance(fundet, Kommune) and _normal(navn) != _normal(fundet.navn):
                return f"Koden {kode} hører til {fundet.navn}, ikke {navn}."
            return fundet
        navn = _normal(tekst)
        if navn in self.spring_navne:
            return Spring(self.spring_navne[navn])
        for praefiks, art in SPRING_PRAEFIKSER.items():
            if navn.startswith(praefiks):
                return Spring(art)
        if navn in self.efter_navn:
            return self.efter_navn[navn]
        return f"Ukendt område '{tekst}': hverken en af de 98 kommuners koder eller navne."

    def _kode(self, kode: str) -> Kommune | Spring | str:
        if kode in self.efter_kode:
            return self.efter_kode[kode]
        if kode in SPRING_KODER:
            return Spring(SPRING_KODER[kode])
        if kode.startswith("9"):
            return Spring(GRUPPER)
        return f"Ukendt kommunekode '{kode}'."


# Cells -----------------------------------------------------------------------------------------------------


def tal_fra_celle(celle: Celle) -> tuple[Decimal | None, str]:
    """(number or None for missing, error message or ''). DST writes '..' for a suppressed or missing value:
    it is stored as missing, never as 0."""
    if isinstance(celle, bool):
        return None, f"Cellen skal være et tal, men er '{celle}'."
    if isinstance(celle, int | float | Decimal):
        tal = Decimal(str(celle))
        if tal < 0:
            return None, f"Negative tal kan ikke importeres ({celle})."
        return tal, ""
    tekst = str(celle or "").strip()
    if tekst.isdigit():
        return Decimal(tekst), ""
    if tekst in MANGLER:
        return None, ""
    if TAL.match(tekst):
        return Decimal(tekst.replace(",", ".")), ""
    if tekst.startswith("-") and TAL.match(tekst[1:].strip()):
        return None, f"Negative tal kan ikke importeres ({tekst})."
    if re.fullmatch(r"[\d.,\s]+", tekst):
        if "." in tekst or " " in tekst:
            return None, (
                f"Tallet '{tekst}' har punktum eller mellemrum. Skriv det uden tusindtalsseparator og med komma som "
                "decimaltegn, fx 1234,5."
            )
        return None, f"Kommaet står forkert i '{tekst}'. Skriv tallet med højst ét komma mellem cifre, fx 1234,5."
    return None, f"Cellen skal være et tal, men er '{tekst[:40]}'."


@dataclass(frozen=True)
class Periode:
    aar: int
    art: str  # aar, kvartal, maaned
    nr: int  # 1 for a year; the quarter or month


def periode_fra_celle(celle: Celle, maks: int | None = None) -> tuple[Periode | None, str]:
    """The period of a TID cell; `maks` is the latest year allowed (this year unless given)."""
    tekst = str(int(celle)) if isinstance(celle, int | float) and not isinstance(celle, bool) else str(celle or "")
    match = TID.match(tekst.strip().upper())
    if not match:
        return None, f"Ukendt periode '{tekst}'. Statistikbanken skriver år som 2011, kvartaler som 2011K1."
    aar, _, kvartal, maaned = match.groups()
    aar, maks = int(aar), maks or aar_max()
    if not AAR_MIN <= aar <= maks:
        return None, f"Året {aar} ligger uden for {AAR_MIN}–{maks}."
    if kvartal:
        return Periode(aar, "kvartal", int(kvartal)), ""
    if maaned:
        return Periode(aar, "maaned", int(maaned)), ""
    return Periode(aar, "aar", 1), ""


def aar_fra_celle(celle: Celle, maks: int | None = None) -> tuple[int | None, str]:
    periode, fejl = periode_fra_celle(celle, maks)
    if periode is None:
        return None, fejl
    if periode.art != "aar":
        return None, f"Skriv året som fire cifre, fx 2011, ikke '{celle}'."
    return periode.aar, ""


# The pipeline ----------------------------------------------------------------------------------------------


def normaliser(
    raamme: Raamme,
    *,
    omraader: Omraader,
    indikatorer: dict[str, Indikator],
    indikator: Indikator | None = None,
    talfelt: str = "",
    summer: Iterable[str] = (),
) -> Indlaest:
    """The frame as values to write, or ImportFejl listing every problem."""
    smaa = {k.strip().lower() for k in raamme.kolonner}
    store = {k.strip().upper() for k in raamme.kolonner}
    if "kommunekode" in smaa:
        return _skabelon(raamme, omraader, indikatorer)
    if {"TID", "INDHOLD"} <= store:
        return _statistikbanken(raamme, omraader, indikator, talfelt, {s.upper() for s in summer})
    raise ImportFejl(
        [
            Fejl(
                f"Ukendt filformat: kolonnerne er {'; '.join(raamme.kolonner)}. Filen skal enten være et udtræk fra "
                "Statistikbanken (fx OMRÅDE;TID;INDHOLD) eller projektets skabelon "
                "(kommunekode;indikator;aar;taeller;naevner).",
                raekke=1,
            )
        ]
    )


def _stop(fejl: list[Fejl]) -> None:
    """Refuse the file with every error found: the user fixes them all in one go."""
    if fejl:
        raise ImportFejl(fejl)


def tjek_raekkelaengde(raamme: Raamme) -> list[Fejl]:
    bredde = len(raamme.kolonner)
    return [
        Fejl(f"Rækken har {len(celler)} felter, men overskriften har {bredde}.", raekke=nr)
        for nr, celler in raamme.raekker
        if len(celler) != bredde and raamme.format == "csv"
    ]


def tjek_tomme_overskrifter(raamme: Raamme) -> list[Fejl]:
    return [
        Fejl("Kolonnen har ingen overskrift.", raekke=1, kolonne=raamme.navn(i) or str(i + 1))
        for i, navn in enumerate(raamme.kolonner)
        if not navn.strip()
    ]


def tjek_ingen_raekker(raamme: Raamme) -> list[Fejl]:
    return [] if raamme.raekker else [Fejl("Filen har en overskrift, men ingen rækker med tal.")]


# StatBank files -----------------------------------------------------------------------------------------------


def _talfelt_passer(indikator: Indikator | None, talfelt: str) -> list[Fejl]:
    if indikator is None:
        return [Fejl("Vælg den indikator, filen fra Statistikbanken hører til.")]
    if talfelt not in Talfelt.values:
        return [Fejl("Vælg, om filen er indikatorens tæller eller nævner.")]
    if talfelt == Talfelt.VAERDI and not indikator.kun_rate:
        return [Fejl(f"{indikator.navn} har tæller og nævner; filen kan ikke være en færdig værdi.")]
    if talfelt == Talfelt.TAELLER and indikator.kun_rate:
        return [Fejl(f"Kilden til {indikator.navn} giver kun en rate: vælg 'værdi' i stedet for tæller.")]
    if talfelt == Talfelt.NAEVNER and not indikator.har_naevner:
        return [Fejl(f"{indikator.navn} er et antal og har ingen nævner.")]
    return []


def _omraadekolonne(raamme: Raamme, omraader: Omraader) -> int | None:
    store = [k.strip().upper() for k in raamme.kolonner]
    for navn in OMRAADE_KOLONNER:
        if navn in store:
            return store.index(navn)
    # statbank.dk's cross table: the stub column whose values are areas.
    kandidater = [i for i, k in enumerate(store) if k.startswith("VARIABEL")]
    bedst, flest = None, 0
    for i in kandidater:
        fundne = sum(isinstance(omraader.slaa_op(celler[i]), Kommune) for _, celler in raamme.raekker[:500])
        if fundne > flest:
            bedst, flest = i, fundne
    return bedst


def tjek_ekstra_variabler(raamme: Raamme, ekstra: list[int], summer: set[str]) -> list[Fejl]:
    """A variable besides area and time must have one value in the whole file (e.g. OVERTRÆD=TOT), unless the
    caller sums over it (the fetch asks for ages 0–17 and adds them up)."""
    fejl = []
    for i in ekstra:
        if raamme.kolonner[i].strip().upper() in summer:
            continue
        vaerdier = sorted({str(celler[i]) for _, celler in raamme.raekker if i < len(celler)})
        if len(vaerdier) > 1:
            vist = ", ".join(vaerdier[:5]) + (" …" if len(vaerdier) > 5 else "")
            fejl.append(
                Fejl(
                    f"Kolonnen har flere værdier ({vist}), så der er flere tal for samme kommune og periode. Vælg kun "
                    "én værdi af den variabel i Statistikbanken.",
                    raekke=1,
                    kolonne=raamme.navn(i) or raamme.kolonner[i],
                )
            )
    return fejl


def tjek_omraadekolonne(omraade: int | None) -> list[Fejl]:
    if omraade is None:
        return [Fejl(f"Filen mangler en områdekolonne ({', '.join(OMRAADE_KOLONNER)}) med kommunerne.", raekke=1)]
    return []


@dataclass(frozen=True)
class Statistikbankraekke:
    """A row whose area, period and number passed their checks: one number for a municipality and period."""

    nr: int
    kommune_id: int
    kommune_navn: str
    tid: Celle  # the period as the file writes it, for the message about a repeated row
    periode: Periode
    vaerdi: Decimal | None
    summeret: tuple[str, ...] = ()  # this row's values of the variables the caller sums over


@dataclass(frozen=True)
class Statistikbankkolonner:
    omraade: int
    tid: int
    indhold: int
    celle: int | None  # a cross table's `_KOLONNE`: the column each number stood in, for errors
    summeres: tuple[int, ...]


def _husk(funktion: Callable[[Celle], tuple]) -> Callable[[Celle], tuple]:
    """`funktion` worked out once for each distinct cell: a file repeats each value for every area and variable.
    The type is part of the key, since 2011 and '2011' may read differently."""
    husket: dict = {}

    def opslag(celle: Celle) -> tuple:
        noegle = (type(celle), celle)
        if noegle not in husket:
            husket[noegle] = funktion(celle)
        return husket[noegle]

    return opslag


def tolk_statistikbankraekke(
    nr: int,
    celler: list[Celle],
    raamme: Raamme,
    kolonner: Statistikbankkolonner,
    omraader: Omraader,
    periode_af: Callable[[Celle], tuple[Periode | None, str]],
) -> Fejl | Statistikbankraekke | None:
    """The row's area, period and number, or the first error among them; a `Spring` for an area that is not a
    municipality (the country, a region …)."""
    sted = omraader.slaa_op(celler[kolonner.omraade])
    if isinstance(sted, str):
        return Fejl(sted, raekke=nr, kolonne=raamme.navn(kolonner.omraade))
    periode, besked = periode_af(celler[kolonner.tid])
    if besked:
        return Fejl(besked, raekke=nr, kolonne=raamme.navn(kolonner.tid) or "TID")
    vaerdi, besked = tal_fra_celle(celler[kolonner.indhold])
    if besked:
        kolonne = celler[kolonner.celle] if kolonner.celle is not None else raamme.navn(kolonner.indhold)
        return Fejl(besked, raekke=nr, kolonne=kolonne)
    if isinstance(sted, Spring):
        return sted
    summeret = tuple(str(celler[i]) for i in kolonner.summeres)
    return Statistikbankraekke(nr, sted.pk, sted.navn, celler[kolonner.tid], periode, vaerdi, summeret)


def tjek_gentagne_raekker(
    tolkede: list[Fejl | Statistikbankraekke], omraadekolonne: str
) -> list[Fejl | Statistikbankraekke]:
    """A row for the same municipality and period (and summed values) as an earlier row becomes an error naming
    that row. Errors and rows keep their place, so the user sees the errors in the file's order."""
    foerste: dict[tuple, int] = {}
    resultat: list[Fejl | Statistikbankraekke] = []
    for tolket in tolkede:
        if isinstance(tolket, Statistikbankraekke):
            noegle = (tolket.kommune_id, tolket.periode, *tolket.summeret)
            if noegle in foerste:
                tolket = Fejl(
                    f"Rækken gentager række {foerste[noegle]} ({tolket.kommune_navn}, {tolket.tid}).",
                    raekke=tolket.nr,
                    kolonne=omraadekolonne,
                )
            else:
                foerste[noegle] = tolket.nr
        resultat.append(tolket)
    return resultat


def tjek_periodearter(raekker: list[Statistikbankraekke]) -> list[Fejl]:
    if len({r.periode.art for r in raekker}) > 1:
        return [Fejl("Filen blander årstal, kvartaler og måneder i kolonnen TID. Hent én slags ad gangen.")]
    return []


def tjek_nogen_kommuner(raekker: list[Statistikbankraekke]) -> list[Fejl]:
    return [] if raekker else [Fejl("Filen har ingen tal for nogen af de 98 kommuner.")]


def summer_perioder(raekker: list[Statistikbankraekke]) -> dict[tuple[int, Periode], Decimal | None]:
    """(kommune, periode) → the number, summed over the variables the caller sums; a missing part makes the sum
    missing."""
    perioder: dict[tuple[int, Periode], Decimal | None] = {}
    for raekke in raekker:
        noegle = (raekke.kommune_id, raekke.periode)
        if noegle in perioder:
            forrige = perioder[noegle]
            perioder[noegle] = None if forrige is None or raekke.vaerdi is None else forrige + raekke.vaerdi
        else:
            perioder[noegle] = raekke.vaerdi
    return perioder


def _statistikbanken(
    raamme: Raamme, omraader: Omraader, indikator: Indikator | None, talfelt: str, summer: set[str]
) -> Indlaest:
    fejl = _talfelt_passer(indikator, talfelt) + tjek_tomme_overskrifter(raamme) + tjek_ingen_raekker(raamme)
    fejl += tjek_raekkelaengde(raamme)
    omraade = _omraadekolonne(raamme, omraader)
    fejl += tjek_omraadekolonne(omraade)
    _stop(fejl)
    store = [k.strip().upper() for k in raamme.kolonner]
    tid, indhold = store.index("TID"), store.index("INDHOLD")
    ekstra = [i for i in range(len(store)) if i not in {omraade, tid, indhold} and store[i] != "_KOLONNE"]
    fejl += tjek_ekstra_variabler(raamme, ekstra, summer)
    kolonner = Statistikbankkolonner(
        omraade=omraade,
        tid=tid,
        indhold=indhold,
        celle=store.index("_KOLONNE") if "_KOLONNE" in store else None,
        summeres=tuple(i for i in ekstra if store[i] in summer),
    )
    maks = aar_max()
    periode_af = _husk(lambda celle: periode_fra_celle(celle, maks))
    tolkede = [
        tolk_statistikbankraekke(nr, celler, raamme, kolonner, omraader, periode_af)
        for nr, celler in raamme.raekker
        if len(celler) == len(store)  # a row of the wrong length is reported by tjek_raekkelaengde
    ]
    sprunget = sprunget_over(t.art for t in tolkede if isinstance(t, Spring))
    tolkede = tjek_gentagne_raekker([t for t in tolkede if not isinstance(t, Spring)], raamme.navn(omraade))
    fejl += [t for t in tolkede if isinstance(t, Fejl)]
    raekker = [t for t in tolkede if isinstance(t, Statistikbankraekke)]
    fejl += tjek_periodearter(raekker)
    _stop(fejl)
    _stop(tjek_nogen_kommuner(raekker))

    aarsdannelse = indikator.naevner_aarsdannelse if talfelt == Talfelt.NAEVNER else indikator.taeller_aarsdannelse
    vaerdier, bemaerkninger = dan_aar(summer_perioder(raekker), aarsdannelse)
    felt = {Talfelt.TAELLER: "taeller", Talfelt.NAEVNER: "naevner", Talfelt.VAERDI: "vaerdi"}[talfelt]
    return Indlaest(
        format="dst",
        vaerdier=[
            Vaerdi(kommune_id=k, indikator_id=indikator.pk, aar=aar, **{felt: v} | _tomme(felt))
            for (k, aar), v in sorted(vaerdier.items())
        ],
        saetter=frozenset({felt}),
        bemaerkninger=[sprunget, *bemaerkninger] if sprunget else bemaerkninger,
    )


def _tomme(felt: str) -> dict:
    return {f: None for f in ("taeller", "naevner", "vaerdi") if f != felt}


PERIODER_PR_AAR = {"aar": 1, "kvartal": 4, "maaned": 12}
PERIODENAVN = {"kvartal": "kvartaler", "maaned": "måneder"}


def dan_aar(
    perioder: dict[tuple[int, Periode], Decimal | None], aarsdannelse: str
) -> tuple[dict[tuple[int, int], Decimal | None], list[str]]:
    """One value per municipality and year: the sum of a year's quarters or months (flows), or its first
    (1 January, for stocks). An incomplete year is left out with a remark; a missing period makes a sum missing."""
    pr_aar: dict[tuple[int, int], dict[int, Decimal | None]] = defaultdict(dict)
    art = "aar"
    for (kommune_id, periode), vaerdi in perioder.items():
        pr_aar[(kommune_id, periode.aar)][periode.nr] = vaerdi
        art = periode.art
    n = PERIODER_PR_AAR[art]
    resultat: dict[tuple[int, int], Decimal | None] = {}
    udeladt: dict[int, int] = defaultdict(int)
    for noegle, tal in pr_aar.items():
        if art == "aar":
            resultat[noegle] = tal[1]
        elif aarsdannelse == Aarsdannelse.PRIMO:
            if 1 in tal:
                resultat[noegle] = tal[1]
            else:
                udeladt[noegle[1]] += 1
        elif len(tal) < n:
            udeladt[noegle[1]] += 1
        else:
            resultat[noegle] = None if any(v is None for v in tal.values()) else sum(tal.values(), Decimal(0))
    bemaerkninger = []
    for aar, antal in sorted(udeladt.items()):
        hvorfor = (
            "første periode (1. januar) mangler"
            if aarsdannelse == Aarsdannelse.PRIMO
            else f"ikke alle {n} {PERIODENAVN[art]} er med"
        )
        bemaerkninger.append(f"{aar} er udeladt for {antal} kommuner, fordi årets {hvorfor}.")
    return resultat, bemaerkninger


# The project's template ---------------------------------------------------------------------------------------


def tjek_skabelonens_kolonner(raamme: Raamme) -> list[Fejl]:
    kolonner = [k.strip().lower() for k in raamme.kolonner]
    fejl = [
        Fejl(
            f"Ukendt kolonne '{raamme.kolonner[i]}'. Skabelonen har kolonnerne {';'.join(SKABELON_KOLONNER)}.",
            raekke=1,
            kolonne=raamme.navn(i),
        )
        for i, k in enumerate(kolonner)
        if k and k not in SKABELON_KOLONNER + SKABELON_VALGFRI
    ]
    fejl += [Fejl(f"Kolonnen '{k}' mangler.", raekke=1) for k in SKABELON_KOLONNER if k not in kolonner]
    fejl += [
        Fejl(f"Kolonnen '{k}' står der flere gange.", raekke=1) for k in set(kolonner) if k and kolonner.count(k) > 1
    ]
    return fejl


@dataclass(frozen=True)
class Skabelonraekke:
    nr: int
    vaerdi: Vaerdi
    hvem: str  # municipality, indicator and year, as a repeat names them


def _tal_i_skabelonraekke(
    nr: int, celler: list[Celle], raamme: Raamme, pos: dict[str, int]
) -> tuple[dict[str, Decimal | None], list[Fejl]]:
    """Numerator, denominator and value; a column the file leaves out reads as empty."""
    tal: dict[str, Decimal | None] = {}
    fejl = []
    for felt in ("taeller", "naevner", "vaerdi"):
        if felt not in pos:
            tal[felt] = None
            continue
        tal[felt], besked = tal_fra_celle(celler[pos[felt]])
        if besked:
            fejl.append(Fejl(besked, raekke=nr, kolonne=raamme.navn(pos[felt])))
    return tal, fejl


def tolk_skabelonraekke(
    nr: int,
    celler: list[Celle],
    raamme: Raamme,
    pos: dict[str, int],
    omraader: Omraader,
    indikatorer: dict[str, Indikator],
    aar_af: Callable[[Celle], tuple[int | None, str]],
) -> Skabelonraekke | list[Fejl]:
    """The row's municipality, indicator, year and numbers, or every error in the row."""
    fejl = []
    kommune = omraader.slaa_op(celler[pos["kommunekode"]])
    if not isinstance(kommune, Kommune):
        besked = kommune if isinstance(kommune, str) else "Området er ikke en af de 98 kommuner."
        fejl.append(Fejl(besked, raekke=nr, kolonne=raamme.navn(pos["kommunekode"])))
    kode = str(celler[pos["indikator"]] or "").strip()
    indikator = indikatorer.get(kode)
    if indikator is None:
        besked = f"Ukendt indikator '{kode}'. Se kataloget for koderne."
        fejl.append(Fejl(besked, raekke=nr, kolonne=raamme.navn(pos["indikator"])))
    aar, besked = aar_af(celler[pos["aar"]])
    if besked:
        fejl.append(Fejl(besked, raekke=nr, kolonne=raamme.navn(pos["aar"])))
    tal, tallenes_fejl = _tal_i_skabelonraekke(nr, celler, raamme, pos)
    fejl += tallenes_fejl
    if indikator is not None:
        fejl += [Fejl(b, raekke=nr) for b in _tal_passer(indikator, tal, "vaerdi" in pos)]
    if fejl:
        return fejl
    vaerdi = Vaerdi(kommune_id=kommune.pk, indikator_id=indikator.pk, aar=aar, **tal)
    return Skabelonraekke(nr, vaerdi, f"{kommune.navn}, {kode}, {aar}")


def _skabelon(raamme: Raamme, omraader: Omraader, indikatorer: dict[str, Indikator]) -> Indlaest:
    fejl = tjek_skabelonens_kolonner(raamme) + tjek_tomme_overskrifter(raamme) + tjek_ingen_raekker(raamme)
    fejl += tjek_raekkelaengde(raamme)
    _stop(fejl)
    kolonner = [k.strip().lower() for k in raamme.kolonner]
    pos = {k: kolonner.index(k) for k in (*SKABELON_KOLONNER, *SKABELON_VALGFRI) if k in kolonner}
    vaerdier: list[Vaerdi] = []
    set_foer: dict[tuple[int, int, int], int] = {}
    maks = aar_max()
    aar_af = _husk(lambda celle: aar_fra_celle(celle, maks))
    for nr, celler in raamme.raekker:
        if len(celler) != len(kolonner):
            continue
        tolket = tolk_skabelonraekke(nr, celler, raamme, pos, omraader, indikatorer, aar_af)
        if isinstance(tolket, list):
            fejl += tolket
            continue
        noegle = (tolket.vaerdi.kommune_id, tolket.vaerdi.indikator_id, tolket.vaerdi.aar)
        if noegle in set_foer:
            fejl.append(Fejl(f"Rækken gentager række {set_foer[noegle]} ({tolket.hvem}).", raekke=nr))
            continue
        set_foer[noegle] = nr
        vaerdier.append(tolket.vaerdi)
    _stop(fejl)
    return Indlaest(
        format="skabelon",
        vaerdier=vaerdier,
        saetter=frozenset({"taeller", "naevner", "vaerdi"} if "vaerdi" in pos else {"taeller", "naevner"}),
    )


def _tal_passer(indikator: Indikator, tal: dict, har_vaerdikolonne: bool) -> list[str]:
    if indikator.kun_rate:
        if not har_vaerdikolonne:
            return [f"{indikator.kode} giver kun en rate: tilføj kolonnen vaerdi og skriv raten dér."]
        if tal["taeller"] is not None:
            return [f"{indikator.kode} giver kun en rate: skriv den i kolonnen vaerdi, ikke i taeller."]
    elif tal["vaerdi"] is not None:
        return [f"{indikator.kode} har tæller og nævner: lad kolonnen vaerdi være tom."]
    if indikator.enhed == Enhed.ANTAL and tal["naevner"] is not None:
        return [f"{indikator.kode} er et antal: lad kolonnen naevner være tom."]
    return []
