"""The demo's key figures, loaded through the ordinary import pipeline and services (idempotent).

- Real: reported offences (STRAF11) and population (FOLK1A) 2010–2013 for every municipality, from
  profiler/data, imported as StatBank CSV, so "anmeldte forbrydelser pr. 1.000 indbyggere" is real everywhere.
- Example data, marked "Eksempeldata" wherever shown: every other indicator for all 98 municipalities,
  2010–2013, plausible and stable (a fixed seed per municipality and indicator), denominators derived from the
  real population. Small municipalities get small counts, so the suppression shows.
- The participants' own figures for 2013: København's draft, Frederiksberg's submitted, Aarhus' approved.
- Findings for København's profile (example data).
"""

import csv
import io
import random
from decimal import Decimal
from pathlib import Path

from kommuner.models import Bruger, Kommune
from profiler.models import EGNE_DATA, ImportKoersel, Indberetning, Indikator, Kategori, Koerselstilstand, Talfelt
from profiler.services.importer import import_forhaandsvis, import_gennemfoer
from profiler.services.indberetninger import (
    EgenVaerdi,
    indberetning_gem,
    indberetning_godkend,
    indberetning_indsend,
    indberetning_opret,
)
from profiler.services.profiler import fund_gem

DATA = Path(__file__).resolve().parent / "data"
STRAF11 = "straf11_anmeldte_forbrydelser_kvartal_2010_2013.csv"
FOLK1A = "folk1a_befolkning_kvartal_2010_2013.csv"
EKSEMPELFIL = "eksempeldata_noegletal_2010_2013.csv"
AAR = [2010, 2011, 2012, 2013]
EGNE_TAL_AAR = 2013
EKSEMPEL = "Eksempeldata: "

# Shares of the 0–22-year-olds placed, by placement type (the rest is "uoplyst" and the like).
ANBRINGELSESSTEDER = {
    "anbragte_netvaerksplejefamilie": 0.08,
    "anbragte_plejefamilie": 0.45,
    "anbragte_doegninstitution": 0.17,
    "anbragte_opholdssted": 0.16,
    "anbragte_kost_efterskole": 0.05,
    "anbragte_eget_vaerelse": 0.07,
}


def _som_statbank_csv(filnavn: str, kolonne: str) -> bytes:
    """A real extract from profiler/data written as StatBank's API writes it: OMRÅDE;TID;INDHOLD."""
    linjer = ["OMRÅDE;TID;INDHOLD"]
    with (DATA / filnavn).open(encoding="utf-8") as fil:
        for raekke in csv.DictReader(fil):
            linjer.append(f"{raekke['kode']} {raekke['navn']};{raekke['tid']};{raekke[kolonne]}")
    return ("\n".join(linjer) + "\n").encode("utf-8")


def _befolkning() -> dict[tuple[str, int], int]:
    """The real population on 1 January per municipality and year."""
    with (DATA / FOLK1A).open(encoding="utf-8") as fil:
        return {
            (r["kode"], int(r["tid"][:4])): int(r["befolkning"]) for r in csv.DictReader(fil) if r["tid"].endswith("K1")
        }


def _importeret(filnavn: str) -> bool:
    return ImportKoersel.objects.filter(filnavn=filnavn, tilstand=Koerselstilstand.GENNEMFOERT).exists()


def _importer(filnavn: str, indhold: bytes, bruger: Bruger | None, **kwargs) -> None:
    koersel = import_forhaandsvis(filnavn=filnavn, indhold=indhold, bruger=bruger, **kwargs)
    import_gennemfoer(koersel=koersel, bruger=bruger)


def indlaes_demo_noegletal(*, ministeriet: Bruger) -> bool:
    """Load the demo's key figures; returns False (and changes nothing) if they are already there."""
    if _importeret(EKSEMPELFIL):
        return False
    indlaes_straf11_og_folk1a(bruger=ministeriet)
    _importer(EKSEMPELFIL, eksempeldata_csv(), ministeriet, eksempeldata=True)
    _egne_tal(ministeriet)
    _fund(ministeriet)
    return True


def indlaes_straf11_og_folk1a(*, bruger: Bruger | None) -> None:
    """The real offences (numerator) and population (denominator) of 'anmeldte forbrydelser pr. 1.000 indbyggere',
    imported as StatBank CSV through the ordinary pipeline; skipped where already imported."""
    forbrydelser = Indikator.objects.get(kode="anmeldte_forbrydelser")
    if not _importeret(STRAF11):
        indhold = _som_statbank_csv(STRAF11, "anmeldte_forbrydelser")
        _importer(STRAF11, indhold, bruger, indikator=forbrydelser, talfelt=Talfelt.TAELLER)
    if not _importeret(FOLK1A):
        indhold = _som_statbank_csv(FOLK1A, "befolkning")
        _importer(FOLK1A, indhold, bruger, indikator=forbrydelser, talfelt=Talfelt.NAEVNER)


def eksempeldata_csv() -> bytes:
    """Plausible, stable example values in the project's template for every indicator but the real one."""
    befolkning = _befolkning()
    deltagere = {"101", "147", "751", "461", "860"}
    raekker = []
    for kommune in Kommune.objects.order_by("kode"):
        r = random.Random(f"forebyggelse-{kommune.kode}")
        andel_0_17 = r.uniform(0.19, 0.245)
        niveau = r.uniform(0.6, 1.5)  # how much need the municipality has, the same across indicators
        for aar in AAR:
            folk = befolkning[(kommune.kode, aar)]
            b017 = round(folk * andel_0_17)
            b022 = round(folk * (andel_0_17 + 0.055))
            b616 = round(folk * andel_0_17 * 0.61)
            familier = round(folk * 0.52)
            trend = 1 + (aar - 2010) * r.uniform(-0.03, 0.02)

            def rate(kode: str, lav: float, hoej: float, naevner: int, k=kommune.kode, n=niveau, t=trend) -> int:
                rr = random.Random(f"{k}-{kode}")
                return round(naevner * rr.uniform(lav, hoej) * n * t / 1000)

            anbragte_022 = rate("anbragte_0_22", 9, 14, b022)
            raekker += [
                (kommune.kode, "anbragte_0_17", aar, rate("anbragte_0_17", 7, 11, b017), b017),
                (kommune.kode, "anbragte_uden_samtykke", aar, round(anbragte_022 * r.uniform(0.15, 0.3)), anbragte_022),
                (kommune.kode, "anbragte_0_22", aar, anbragte_022, b022),
            ]
            for kode, andel in ANBRINGELSESSTEDER.items():
                rr = random.Random(f"{kommune.kode}-{kode}-{aar}")
                raekker.append((kommune.kode, kode, aar, round(anbragte_022 * andel * rr.uniform(0.7, 1.3)), b022))
            egne = aar < EGNE_TAL_AAR or kommune.kode not in deltagere
            raekker += [
                (
                    kommune.kode,
                    "forebyggende_foranstaltninger",
                    aar,
                    rate("forebyggende", 22, 38, b017) if egne else None,
                    b017,
                ),
                (kommune.kode, "underretninger", aar, rate("underretninger", 25, 55, b017) if egne else None, b017),
                (kommune.kode, "elever_specialskoler", aar, rate("specialskoler", 10, 18, b616), b616),
                (kommune.kode, "udgifter_anbringelser", aar, rate("udgifter_anbringelser", 5000, 9000, b017), b017),
                (kommune.kode, "udgifter_forebyggelse", aar, rate("udgifter_forebyggelse", 1800, 3600, b017), b017),
                (kommune.kode, "udgifter_specialskoler", aar, rate("udgifter_specialskoler", 3500, 6500, b616), b616),
            ]
            if egne:
                elever = round(b616 * 0.86)
                raekker.append(
                    (kommune.kode, "specialundervisning", aar, rate("specialundervisning", 40, 60, elever), elever)
                )
            enlige = random.Random(f"{kommune.kode}-enlige").uniform(6.5, 11.5) * (1 + (aar - 2010) * 0.01)
            raekker.append((kommune.kode, "enlige_forsoergere", aar, None, familier, round(enlige, 1)))
    fil = io.StringIO()
    skriver = csv.writer(fil, delimiter=";", lineterminator="\n")
    skriver.writerow(["kommunekode", "indikator", "aar", "taeller", "naevner", "vaerdi"])
    for kode, indikator, aar, taeller, naevner, *vaerdi in raekker:
        tal = [taeller, naevner, vaerdi[0] if vaerdi else None]
        skriver.writerow([kode, indikator, aar, *("" if t is None else str(t).replace(".", ",") for t in tal)])
    return fil.getvalue().encode("utf-8")


def _egne_tal(ministeriet: Bruger) -> None:
    """2013's own figures of three participants, each at its own step (example data)."""
    indikatorer = list(Indikator.objects.filter(taeller_kilde=EGNE_DATA).order_by("raekkefoelge"))
    for kode, trin in (("101", "kladde"), ("147", "indsendt"), ("751", "godkendt")):
        kommune = Kommune.objects.get(kode=kode)
        if Indberetning.objects.filter(kommune=kommune, aar=EGNE_TAL_AAR).exists():
            continue
        leder = kommune.projektledere.first() or ministeriet
        r = random.Random(f"egne-{kode}")
        vaerdier = []
        for indikator in indikatorer:
            elever = r.randint(4000, 40000)
            if indikator.naevner_kilde == EGNE_DATA:
                vaerdier.append(EgenVaerdi(indikator, Decimal(round(elever * r.uniform(0.04, 0.06))), Decimal(elever)))
            else:
                vaerdier.append(EgenVaerdi(indikator, Decimal(r.randint(300, 3000))))
        indberetning = indberetning_opret(kommune=kommune, aar=EGNE_TAL_AAR, bruger=leder, eksempeldata=True)
        indberetning = indberetning_gem(
            indberetning=indberetning, vaerdier=vaerdier, version=indberetning.version, bruger=leder
        )
        if trin in {"indsendt", "godkendt"}:
            indberetning = indberetning_indsend(indberetning=indberetning, bruger=leder)
        if trin == "godkendt":
            indberetning_godkend(indberetning=indberetning, bruger=ministeriet)


FUND = {
    Kategori.ANBRINGELSER: "Fokusgruppeinterviews med sagsbehandlere peger på, at anbringelser ofte sker sent, "
    "når andre indsatser er prøvet af. Kommunen vil se nærmere på overgangen fra forebyggende foranstaltninger "
    "til anbringelse.",
    Kategori.SKOLE: "Skolelederne beskriver et stigende pres på specialklasserne og ønsker flere redskaber til at "
    "holde børnene i den almindelige undervisning.",
}


def _fund(ministeriet: Bruger) -> None:
    kobenhavn = Kommune.objects.get(kode="101")
    skribent = kobenhavn.projektledere.first() or ministeriet
    for kategori, tekst in FUND.items():
        fund_gem(kommune=kobenhavn, kategori=kategori, tekst=EKSEMPEL + tekst, version=0, bruger=skribent)
