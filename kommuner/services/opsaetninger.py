"""Writes to a programme's set-up (decision record 0056): the first version, a copy from another programme, and
the new version a change after the first submission makes. Every write locks the programme row, so two editors
and a submission meet one at a time."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max

from kommuner.models import Afsnit, Ansoegning, Forudsaetning, Kriterie, Opsaetning, Program, Svar


@dataclass(frozen=True)
class Punkt:
    overskrift: str
    hjaelp: str = ""
    tegngraense: int = 4_000
    paakraevet: bool = True


# The ministry's standard form, as the 2011–2012 call had it (seed 001): six free-text sections after the
# municipality's details, two preconditions and eight criteria scored 1–5. A programme without another source
# starts from it; the limits follow the official form's page limits (one page ≈ 4.000 tegn).
STANDARDAFSNIT = [
    Punkt("B. Beslutningsniveau", "På hvilket niveau i kommunens organisation er det besluttet at søge?", 1_500),
    Punkt(
        "C. Baggrund",
        "Hvorfor kommunen vil deltage: formål, foreløbige mål og forventede resultater; hvad kommunen allerede gør, "
        "og hvilke gode erfaringer der skal føres videre.",
        4_000,
    ),
    Punkt("D. Opstart og fremdrift", "Hvordan kommunen kan gå i gang straks og holde fremdrift i projektet.", 2_000),
    Punkt("E. Projektdesign", "De planlagte aktiviteter, og hvad der er nyt eller særligt i projektet.", 4_000),
    Punkt(
        "F. Bemanding og organisatorisk placering",
        "Hvem der bemander projektet, og hvor det er placeret i organisationen.",
        2_000,
    ),
    Punkt("G. Lokal tidsplan", "Kommunens egen tidsplan for projektet.", 2_000),
]
STANDARDFORUDSAETNINGER = [
    "Projektet ligger inden for programmets formål",
    "Projektet bygger på kvalificerede overvejelser om en samlet forebyggelsesstrategi med realistiske, men "
    "ambitiøse mål",
]
STANDARDKRITERIER = [
    "Gode erfaringer fra den nuværende forebyggende indsats, der føres videre",
    "Formål og forventede resultater",
    "Forankring af resultaterne bagefter",
    "Det nytænkende, unikke eller særlige",
    "Målgruppen og hvor mange børn og unge, der får gavn af indsatsen",
    "Et realistisk projektdesign, hvor metoder og resultater hænger sammen",
    "Tidsplan for aktiviteterne",
    "Organisering og ledelse",
]


def _laas_program(program: Program) -> Program:
    return Program.objects.select_for_update().get(pk=program.pk)


def _kopier(kilde: Opsaetning, *, program: Program, version: int) -> Opsaetning:
    ny = Opsaetning.objects.create(
        program=program,
        version=version,
        maks_beloeb=kilde.maks_beloeb,
        medfinansiering_procent=kilde.medfinansiering_procent,
        udbetaling=kilde.udbetaling,
    )
    Afsnit.objects.bulk_create(
        Afsnit(
            opsaetning=ny,
            nr=a.nr,
            overskrift=a.overskrift,
            hjaelp=a.hjaelp,
            tegngraense=a.tegngraense,
            paakraevet=a.paakraevet,
        )
        for a in kilde.afsnit.all()
    )
    Forudsaetning.objects.bulk_create(
        Forudsaetning(opsaetning=ny, nr=f.nr, tekst=f.tekst, vejledning=f.vejledning)
        for f in kilde.forudsaetninger.all()
    )
    Kriterie.objects.bulk_create(
        Kriterie(
            opsaetning=ny,
            nr=k.nr,
            tekst=k.tekst,
            vejledning=k.vejledning,
            skala_fra=k.skala_fra,
            skala_til=k.skala_til,
            vaegt=k.vaegt,
        )
        for k in kilde.kriterier.all()
    )
    return ny


@transaction.atomic
def opsaetning_opret(*, program: Program, kilde: Opsaetning | None = None) -> Opsaetning:
    """The programme's first set-up: a copy of `kilde` (another programme's), or the standard form."""
    program = _laas_program(program)
    if program.opsaetninger.exists():
        raise ValueError("Programmet har allerede en opsætning.")
    if kilde is not None:
        return _kopier(kilde, program=program, version=1)
    ny = Opsaetning.objects.create(program=program, version=1)
    Afsnit.objects.bulk_create(
        Afsnit(opsaetning=ny, nr=nr, overskrift=p.overskrift, hjaelp=p.hjaelp, tegngraense=p.tegngraense)
        for nr, p in enumerate(STANDARDAFSNIT, start=1)
    )
    Forudsaetning.objects.bulk_create(
        Forudsaetning(opsaetning=ny, nr=nr, tekst=t) for nr, t in enumerate(STANDARDFORUDSAETNINGER, start=1)
    )
    Kriterie.objects.bulk_create(
        Kriterie(opsaetning=ny, nr=nr, tekst=t) for nr, t in enumerate(STANDARDKRITERIER, start=1)
    )
    return ny


def er_laast(opsaetning: Opsaetning) -> bool:
    """A version is fixed once an application written in it has been submitted."""
    return Ansoegning.objects.filter(opsaetning=opsaetning, indsendt__isnull=False).exists()


@transaction.atomic
def opsaetning_til_aendring(*, program: Program) -> Opsaetning:
    """The version a change goes into: the newest, unless an application written in it has been submitted; then a
    new version copied from it. Drafts never submitted move along to the new version with their answers (matched
    on the section's number), so a municipality still writing answers the form as it now is."""
    program = _laas_program(program)
    nyeste = program.opsaetninger.order_by("-version").first()
    if not er_laast(nyeste):
        return nyeste
    version = (program.opsaetninger.aggregate(v=Max("version"))["v"] or 0) + 1
    ny = _kopier(nyeste, program=program, version=version)
    nye_afsnit = {a.nr: a for a in ny.afsnit.all()}
    kladder = list(
        Ansoegning.objects.select_for_update().filter(program=program, opsaetning=nyeste, indsendt__isnull=True)
    )
    for svar in Svar.objects.filter(ansoegning__in=kladder).select_related("afsnit"):
        svar.afsnit = nye_afsnit[svar.afsnit.nr]
        svar.save(update_fields=["afsnit"])
    Ansoegning.objects.filter(pk__in=[a.pk for a in kladder]).update(opsaetning=ny)
    return ny
