"""Writes to a programme's set-up (decision record 0056): the first version, a copy from another programme, and
the new version a change after the first submission makes. Every write locks the programme row, so two editors
and a submission meet one at a time."""

from dataclasses import dataclass
from typing import Literal

import pghistory
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, Max, OuterRef
from django.db.models.functions import Length

from forebyggelse.formatering import tal
from kommuner.models import (
    Afsnit,
    Ansoegning,
    Bruger,
    Forudsaetning,
    Forudsaetningsvurdering,
    Kriterie,
    Kriteriescore,
    Opsaetning,
    Program,
    Svar,
)
from kommuner.selectors import gaeldende_opsaetning


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
    nyeste = gaeldende_opsaetning(program)
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


# The ministry's changes in the browser, item by item ----------------------------------------------------------------
#
# Each write locks the programme row, then asks `opsaetning_til_aendring` for the version the change goes into, so a
# change after the first submission lands in a new version and never touches what a submitted application answered.
# An item is named by the row the ministry saw on the set-up page (the newest version's); in a new version it is the
# copy with the same number. Anything that fails rolls the whole change back, the new version included.

FINDES_IKKE = "{hvad} findes ikke længere. Genindlæs siden, og prøv igen."
AELDRE_VERSION = (
    "Opsætningen er ændret, siden du hentede siden: {hvad} hører til en ældre version. Genindlæs siden, og prøv igen."
)


@dataclass(frozen=True)
class _Art:
    """One kind of set-up item and the rows that refer to it (answers, assessments, scores)."""

    model: type[Afsnit] | type[Forudsaetning] | type[Kriterie]
    hvad: str  # the item in a sentence's subject: "Afsnittet"
    reference: type[Svar] | type[Forudsaetningsvurdering] | type[Kriteriescore]
    felt: str  # the reference's foreign key to the item
    ental: str
    flertal: str
    grund: str  # why the item is kept
    # A precondition or criterion is the same item in every version of the programme under its number (the
    # comparison matches them so): scored once, it stays, so every applicant is assessed on it. A section's number
    # is only its place in the form, so a section is kept for the answers on its own rows.
    paa_nummer: bool = False

    def referencer(self):
        qs = self.reference.objects.all()
        # An emptied answer is no answer: it is removed with its section.
        return qs.exclude(tekst="") if self.reference is Svar else qs

    def antal_referencer(self, aendring: "_Aendring") -> int:
        """What refers to the item named: for a precondition or criterion whatever is scored under its number in the
        programme; for a section the answers on the row the ministry saw and on its copy in the changed version."""
        if self.paa_nummer:
            hvilke = {f"{self.felt}__opsaetning__program_id": aendring.opsaetning.program_id}
            hvilke[f"{self.felt}__nr"] = aendring.punkt.nr
        else:
            hvilke = {f"{self.felt}__in": [aendring.set.pk, aendring.punkt.pk]}
        return self.referencer().filter(**hvilke).count()

    def brugte_numre(self, program: Program) -> set[int]:
        """The numbers of the programme's items of this kind, in any version, that something refers to. The
        comparison of assessments matches items across versions by number, so such a number keeps its meaning:
        it is neither given to a new item nor taken over by renumbering."""
        refereret = Exists(self.referencer().filter(**{self.felt: OuterRef("pk")}))
        return set(
            self.model.objects.filter(refereret, opsaetning__program=program).values_list("nr", flat=True).distinct()
        )

    def naegtelse(self, antal: int) -> str:
        ord = self.ental if antal == 1 else self.flertal
        return f"{self.hvad} har {tal(antal)} {ord} og kan ikke slettes: {self.grund}"


AFSNIT = _Art(
    Afsnit,
    "Afsnittet",
    Svar,
    "afsnit",
    "svar",
    "svar",
    "kommunerne har skrevet i det. Gør det frivilligt i stedet, hvis det ikke længere skal udfyldes.",
)
FORUDSAETNING = _Art(
    Forudsaetning,
    "Forudsætningen",
    Forudsaetningsvurdering,
    "forudsaetning",
    "vurdering",
    "vurderinger",
    "bedømmerne har vurderet den i programmet. Ret teksten i stedet.",
    paa_nummer=True,
)
KRITERIE = _Art(
    Kriterie,
    "Kriteriet",
    Kriteriescore,
    "kriterie",
    "score",
    "scorer",
    "bedømmerne har scoret det i programmet. Ret teksten i stedet.",
    paa_nummer=True,
)


@dataclass
class _Aendring:
    """Where a change goes: the version, and the item the ministry named as it is there (None for a new item)."""

    opsaetning: Opsaetning
    set: Afsnit | Forudsaetning | Kriterie | None = None  # the row on the page the ministry saw
    punkt: Afsnit | Forudsaetning | Kriterie | None = None  # the same item in `opsaetning`


def _aendring(program: Program, art: _Art, punkt=None, *, uaendret=None) -> _Aendring | None:
    """Lock the programme and find the version the change goes into. `uaendret(row)` True: the item already is as
    asked, so nothing is written and no new version is made (None returned)."""
    program = _laas_program(program)
    set_ = None
    if punkt is not None:
        set_ = art.model.objects.filter(pk=punkt.pk, opsaetning__program=program).first()
        if set_ is None:
            raise ValidationError(FINDES_IKKE.format(hvad=art.hvad))
        if set_.opsaetning_id != gaeldende_opsaetning(program).pk:
            raise ValidationError(AELDRE_VERSION.format(hvad=art.hvad.lower()))
        if uaendret is not None and uaendret(set_):
            return None
    opsaetning = opsaetning_til_aendring(program=program)
    i_version = art.model.objects.get(opsaetning=opsaetning, nr=set_.nr) if set_ is not None else None
    return _Aendring(opsaetning=opsaetning, set=set_, punkt=i_version)


def _program_for(art: _Art, punkt) -> Program:
    program = Program.objects.filter(opsaetninger__pk=punkt.opsaetning_id).first()
    if program is None:
        raise ValidationError(FINDES_IKKE.format(hvad=art.hvad))
    return program


def _nyt_nr(art: _Art, opsaetning: Opsaetning) -> int:
    numre = set(art.model.objects.filter(opsaetning=opsaetning).values_list("nr", flat=True))
    return max(numre | art.brugte_numre(opsaetning.program), default=0) + 1


def _gem(art: _Art, program: Program, punkt, felter: dict, *, bruger: Bruger, tjek=None):
    """Add an item (`punkt` None) or change one. `tjek(punkt_i_version)` raises what the new values may not do to
    what is already written in the version."""
    with pghistory.context(user=bruger.pk):
        aendring = _aendring(
            program, art, punkt, uaendret=lambda nu: all(getattr(nu, f) == v for f, v in felter.items())
        )
        if aendring is None:
            return art.model.objects.get(pk=punkt.pk)
        if aendring.punkt is None:
            ny = art.model(opsaetning=aendring.opsaetning, nr=_nyt_nr(art, aendring.opsaetning))
        else:
            ny = aendring.punkt
        for felt, vaerdi in felter.items():
            setattr(ny, felt, vaerdi)
        ny.full_clean()
        if tjek is not None and ny.pk is not None:
            tjek(ny)
        ny.save()
    return ny


def _slet(art: _Art, punkt, *, bruger: Bruger) -> Opsaetning:
    """Delete an item, unless something refers to it. The items after it move up a number, unless something refers
    to any of those numbers in the programme (brugte_numre): then the numbers stay, with a gap."""
    program = _program_for(art, punkt)
    with pghistory.context(user=bruger.pk):
        aendring = _aendring(program, art, punkt)
        antal = art.antal_referencer(aendring)
        if antal:
            raise ValidationError(art.naegtelse(antal))
        nr = aendring.punkt.nr
        if art is AFSNIT:
            Svar.objects.filter(afsnit=aendring.punkt).delete()  # emptied answers only: the count above had none
        aendring.punkt.delete()
        if not any(n >= nr for n in art.brugte_numre(program)):
            for efter in art.model.objects.filter(opsaetning=aendring.opsaetning, nr__gt=nr).order_by("nr"):
                art.model.objects.filter(pk=efter.pk).update(nr=efter.nr - 1)
    return aendring.opsaetning


def _tegn_i_kladder(afsnit: Afsnit) -> int:
    return Svar.objects.filter(afsnit=afsnit).aggregate(n=Max(Length("tekst")))["n"] or 0


@transaction.atomic
def afsnit_gem(
    *,
    program: Program,
    overskrift: str,
    hjaelp: str = "",
    tegngraense: int = 4_000,
    paakraevet: bool = True,
    afsnit: Afsnit | None = None,
    bruger: Bruger,
) -> Afsnit:
    """Add a section at the end of the application form, or change one (`afsnit`)."""

    def tjek(i_version: Afsnit) -> None:
        # A draft's answer written under the old limit must still fit: the municipality could not save it otherwise.
        laengst = _tegn_i_kladder(i_version)
        if laengst > tegngraense:
            raise ValidationError(
                {
                    "tegngraense": f"En kommune har allerede skrevet {tal(laengst)} tegn i afsnittet i sin kladde. "
                    f"Grænsen skal være mindst {tal(laengst)} tegn."
                }
            )

    felter = {
        "overskrift": overskrift.strip(),
        "hjaelp": hjaelp.strip(),
        "tegngraense": tegngraense,
        "paakraevet": paakraevet,
    }
    return _gem(AFSNIT, program, afsnit, felter, bruger=bruger, tjek=tjek)


@transaction.atomic
def afsnit_slet(*, afsnit: Afsnit, bruger: Bruger) -> Opsaetning:
    return _slet(AFSNIT, afsnit, bruger=bruger)


@transaction.atomic
def afsnit_flyt(*, afsnit: Afsnit, retning: Literal["op", "ned"], bruger: Bruger) -> Afsnit:
    """Swap the section with the one before or after it in the form; at the top or the bottom nothing moves (and no
    new version is made). Answers hang on the section's row, not its number, so they move with it."""
    program = _program_for(AFSNIT, afsnit)

    def yderst(nu: Afsnit) -> bool:
        naboer = Afsnit.objects.filter(opsaetning_id=nu.opsaetning_id)
        return not (naboer.filter(nr__lt=nu.nr) if retning == "op" else naboer.filter(nr__gt=nu.nr)).exists()

    with pghistory.context(user=bruger.pk):
        aendring = _aendring(program, AFSNIT, afsnit, uaendret=yderst)
        if aendring is None:
            return Afsnit.objects.get(pk=afsnit.pk)
        flyttet = aendring.punkt
        naboer = Afsnit.objects.filter(opsaetning=aendring.opsaetning)
        nabo = (
            naboer.filter(nr__lt=flyttet.nr).order_by("-nr")
            if retning == "op"
            else naboer.filter(nr__gt=flyttet.nr).order_by("nr")
        ).first()
        # Numbers are unique per version: park the moved section on 0 (never used) while the neighbour takes its place.
        Afsnit.objects.filter(pk=flyttet.pk).update(nr=0)
        Afsnit.objects.filter(pk=nabo.pk).update(nr=flyttet.nr)
        Afsnit.objects.filter(pk=flyttet.pk).update(nr=nabo.nr)
    return Afsnit.objects.get(pk=flyttet.pk)


@transaction.atomic
def forudsaetning_gem(
    *,
    program: Program,
    tekst: str,
    vejledning: str = "",
    forudsaetning: Forudsaetning | None = None,
    bruger: Bruger,
) -> Forudsaetning:
    """Add a precondition after the others, or change one (`forudsaetning`)."""
    felter = {"tekst": tekst.strip(), "vejledning": vejledning.strip()}
    return _gem(FORUDSAETNING, program, forudsaetning, felter, bruger=bruger)


@transaction.atomic
def forudsaetning_slet(*, forudsaetning: Forudsaetning, bruger: Bruger) -> Opsaetning:
    return _slet(FORUDSAETNING, forudsaetning, bruger=bruger)


@transaction.atomic
def kriterie_gem(
    *,
    program: Program,
    tekst: str,
    vejledning: str = "",
    skala_fra: int = 1,
    skala_til: int = 5,
    vaegt: int = 1,
    kriterie: Kriterie | None = None,
    bruger: Bruger,
) -> Kriterie:
    """Add a criterion after the others, or change one (`kriterie`)."""
    felter = {
        "tekst": tekst.strip(),
        "vejledning": vejledning.strip(),
        "skala_fra": skala_fra,
        "skala_til": skala_til,
        "vaegt": vaegt,
    }
    return _gem(KRITERIE, program, kriterie, felter, bruger=bruger)


@transaction.atomic
def kriterie_slet(*, kriterie: Kriterie, bruger: Bruger) -> Opsaetning:
    return _slet(KRITERIE, kriterie, bruger=bruger)


@transaction.atomic
def pengeregler_gem(
    *,
    program: Program,
    maks_beloeb: int | None,
    medfinansiering_procent: int,
    udbetaling: str = "",
    bruger: Bruger,
) -> Opsaetning:
    """Change the money rules: the ceiling per municipality, the co-financing share and how the grant is paid."""
    felter = {
        "maks_beloeb": maks_beloeb,
        "medfinansiering_procent": medfinansiering_procent,
        "udbetaling": udbetaling.strip(),
    }
    program = _laas_program(program)
    nyeste = gaeldende_opsaetning(program)
    if all(getattr(nyeste, f) == v for f, v in felter.items()):
        return nyeste
    with pghistory.context(user=bruger.pk):
        opsaetning = opsaetning_til_aendring(program=program)
        for felt, vaerdi in felter.items():
            setattr(opsaetning, felt, vaerdi)
        opsaetning.full_clean()
        opsaetning.save(update_fields=list(felter))
    return opsaetning
