"""What a social profile shows, read once and used by the page and the PDF alike: the chosen indicators by
section with their figures for the year and over time, the charts' data, the deviations, the map and the
findings. Every number comes from the benchmark selector (profiler/selectors.py) with suppression applied.
"""

from dataclasses import dataclass, field

from kommuner.models import Kommune, Kommunegruppe, Program
from profiler import grafer
from profiler.importering.kontrol import AAR_MIN, aar_max
from profiler.models import Fund, Indikator, Kategori, Profil, Programindikator
from profiler.selectors import (
    Noegletal,
    Sammenligning,
    efter_afsnit,
    gruppens_medlemmer,
    katalog,
    noegletal,
    noegletal_for_alle,
    profil_for,
    sammenligningsgruppe_for,
)


@dataclass
class Indikatorvisning:
    indikator: Indikator
    celle: Sammenligning
    tidsserie: list[Sammenligning]
    graf_data: dict
    graf_noegle: str
    graf_alt: str


@dataclass
class Afsnit:
    kategori: Kategori
    indikatorer: list[Indikatorvisning]
    fund: Fund | None = None


@dataclass
class Kort:
    indikator: Indikator
    celler: list[Sammenligning]
    data: dict
    noegle: str
    alt: str
    kommune: Kommune | None = None

    @property
    def gruppen(self) -> list[Sammenligning]:
        """The municipality and its comparison group, highest value first (hidden and missing last): the small
        municipalities around a city are hard to tell apart on a map of the whole country."""
        koder = set(self.data["gruppe"]) | {self.data["kommune"]}
        medlemmer = [c for c in self.celler if c.kommune.kode in koder]
        return sorted(medlemmer, key=lambda c: (c.egen.vaerdi is None, -(c.egen.vaerdi or 0), c.kommune.navn))


@dataclass(frozen=True)
class Udvalg:
    """The indicators a profile shows, in the catalogue's order, and whose choice they are: the programme's
    (`program` set), the municipality's own (`kommunens`), or the catalogue's default set (neither)."""

    indikatorer: list[Indikator]
    program: Program | None = None
    kommunens: bool = False

    @property
    def standard(self) -> bool:
        return self.program is None and not self.kommunens

    @property
    def tekst(self) -> str:
        """Whose choice, as a reader says it: "standardudvalget", "kommunens eget udvalg", "udvalget for X"."""
        if self.program is not None:
            return f"udvalget for {self.program.navn}"
        return "kommunens eget udvalg" if self.kommunens else "standardudvalget"


@dataclass
class Profilside:
    kommune: Kommune
    aar: int
    profil: Profil | None
    sammenligningsgruppe: Kommunegruppe | None
    medlemmer: list[Kommune]
    udvalg: Udvalg
    tal: Noegletal
    aar_med_data: list[int]
    overblik: list[Sammenligning]
    afsnit: list[Afsnit]
    afvigelser_data: dict
    afvigelser_noegle: str
    afvigelser_alt: str
    kort: Kort | None
    katalog: list[Indikator] = field(default_factory=list)

    @property
    def andre_i_gruppen(self) -> list[Kommune]:
        return [k for k in self.medlemmer if k.pk != self.kommune.pk]

    @property
    def har_eksempeldata(self) -> bool:
        return any(c.eksempeldata for c in self.overblik if c.land.kommuner)

    @property
    def har_tal(self) -> bool:
        return self.aar in self.aar_med_data


def valgte_indikatorer(*, profil: Profil | None, program: Program | None, alle: list[Indikator]) -> Udvalg:
    """The one place that decides which indicators a profile shows, for the profile of a participation in `program`
    (None: outside any programme): the programme's own selection where it has one, so its participants' profiles
    show exactly what the ministry chose for it; else the municipality's own choice; else the catalogue's default
    set. `alle` is the catalogue (`katalog()`), which gives the order. At most two queries."""
    if program is not None:
        programmets = set(Programindikator.objects.filter(program=program).values_list("indikator_id", flat=True))
        if programmets:
            return Udvalg([i for i in alle if i.pk in programmets], program=program)
    kommunens = {v.indikator_id for v in profil.valg.all()} if profil else set()
    if kommunens:
        return Udvalg([i for i in alle if i.pk in kommunens], kommunens=True)
    return Udvalg([i for i in alle if i.standard])


def alle_aar() -> list[int]:
    return list(range(AAR_MIN, aar_max() + 1))


def profilside(
    *,
    kommune: Kommune,
    aar: int,
    program: Program | None,
    kort_indikator: str = "",
    med_fund: bool = True,
    faelles: dict | None = None,
) -> Profilside:
    """The profile of `kommune` for `aar` as a participant in `program` (the page's is `profilens_program`). `faelles`:
    what profiles share (the map's figures), kept between them by a caller that makes many (a report package)."""
    alle = katalog()
    profil = profil_for(kommune)
    gruppe = sammenligningsgruppe_for(kommune, profil)
    udvalg = valgte_indikatorer(profil=profil, program=program, alle=alle)
    indikatorer = udvalg.indikatorer
    tal = noegletal(kommune=kommune, indikatorer=indikatorer, aar=alle_aar(), gruppe=gruppe)
    aar_med_data = tal.aar_med_data
    medlemmer = list(gruppens_medlemmer(gruppe))
    fund = _fund(profil) if (profil and med_fund) else {}

    afsnit = []
    for kategori, indikatorer_i_afsnit in efter_afsnit(indikatorer):
        visninger = []
        for indikator in indikatorer_i_afsnit:
            indikatorens_aar = [a for a in aar_med_data if tal.celle(indikator, a).land.kommuner]
            data = grafer.tidsserie_data(tal, indikator, indikatorens_aar)
            visninger.append(
                Indikatorvisning(
                    indikator=indikator,
                    celle=tal.celle(indikator, aar),
                    tidsserie=[tal.celle(indikator, a) for a in indikatorens_aar],
                    graf_data=data,
                    graf_noegle=grafer.noegle("tidsserie", data),
                    graf_alt=grafer.tidsserie_alt(tal, indikator, indikatorens_aar),
                )
            )
        afsnit.append(Afsnit(kategori=kategori, indikatorer=visninger, fund=fund.get(kategori)))

    overblik = [v.celle for a in afsnit for v in a.indikatorer]
    afvigelser = grafer.afvigelser_data(overblik)
    kortets_indikator = _kortets(indikatorer, kort_indikator)
    return Profilside(
        kommune=kommune,
        aar=aar,
        profil=profil,
        sammenligningsgruppe=gruppe,
        medlemmer=medlemmer,
        udvalg=udvalg,
        tal=tal,
        aar_med_data=aar_med_data,
        overblik=overblik,
        afsnit=afsnit,
        afvigelser_data=afvigelser,
        afvigelser_noegle=grafer.noegle("afvigelser", afvigelser),
        afvigelser_alt=grafer.afvigelser_alt(overblik, kommune.navn, aar),
        kort=kort(kommune=kommune, indikator=kortets_indikator, aar=aar, medlemmer=medlemmer, faelles=faelles),
        katalog=alle,
    )


def _fund(profil: Profil) -> dict:
    return {f.kategori: f for f in Fund.objects.filter(profil=profil).select_related("aendret_af")}


def _kortets(indikatorer: list[Indikator], kode: str) -> Indikator | None:
    return next((i for i in indikatorer if i.kode == kode), indikatorer[0] if indikatorer else None)


def kort(
    *, kommune: Kommune, indikator: Indikator | None, aar: int, medlemmer: list[Kommune], faelles: dict | None = None
) -> Kort | None:
    if indikator is None:
        return None
    faelles = {} if faelles is None else faelles
    noegle = ("kort", indikator.pk, aar)
    if noegle not in faelles:
        faelles[noegle] = noegletal_for_alle(indikatorer=[indikator], aar=[aar], med_grupper=False)
    celler = faelles[noegle]
    data = grafer.kort_data(celler, kommune_kode=kommune.kode, gruppe_koder=[m.kode for m in medlemmer])
    return Kort(
        indikator=indikator,
        celler=celler,
        data=data,
        noegle=grafer.noegle("kort", data),
        alt=grafer.kort_alt(celler, kommune_navn=kommune.navn, indikator=indikator, aar=aar),
        kommune=kommune,
    )
