"""The ministry's assessments of applications: saving one (with optimistic locking) and the side-by-side table."""

import re
from dataclasses import dataclass, field

import pghistory
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from forebyggelse.samtidighed import Konflikt, opdater_hvis_version
from kommuner.models import (
    Anbefaling,
    Bruger,
    Forudsaetningsvurdering,
    Kriteriescore,
    Opsaetning,
    Vurdering,
)

_NAVN = re.compile(r"^(forudsaetning|kriterie)_(\d+)(_kommentar)?$")
KOMMENTAR_MAKS = 2_000


def vurderingsfelter(opsaetning: Opsaetning) -> list[str]:
    """Every field an assessor fills in for an application written in this set-up, in the order of the form."""
    return [
        *[
            f
            for p in opsaetning.forudsaetninger.all()
            for f in (f"forudsaetning_{p.nr}", f"forudsaetning_{p.nr}_kommentar")
        ],
        *[f for k in opsaetning.kriterier.all() for f in (f"kriterie_{k.nr}", f"kriterie_{k.nr}_kommentar")],
        "anbefaling",
        "anbefaling_begrundelse",
    ]


@dataclass(frozen=True, init=False)
class Vurderingsindhold:
    """What an assessor writes, under the form's names: forudsaetning_<nr> (yes/no/None), kriterie_<nr> (a score
    on the criterion's scale or None), each with its _kommentar, and anbefaling with anbefaling_begrundelse; nr is
    the item's number in the application's set-up. Anything may be left open; an assessment is saved part by part."""

    felter: dict = field(default_factory=dict)

    def __init__(self, **felter):
        object.__setattr__(self, "felter", felter)


class VurderingKonflikt(Konflikt):
    hvad = "Vurderingen"


def _konflikt(pk: int) -> VurderingKonflikt:
    return VurderingKonflikt(Vurdering.objects.select_related("bedoemmer").get(pk=pk))


def _rens(opsaetning: Opsaetning, indhold: Vurderingsindhold) -> tuple[dict, dict, dict]:
    """The recommendation's fields, and per precondition and criterion (by number) its value and comment."""
    forudsaetninger = {p.nr: p for p in opsaetning.forudsaetninger.all()}
    kriterier = {k.nr: k for k in opsaetning.kriterier.all()}
    egne = {"anbefaling": "", "anbefaling_begrundelse": ""}
    f_vaerdier: dict[int, list] = {nr: [None, ""] for nr in forudsaetninger}
    k_vaerdier: dict[int, list] = {nr: [None, ""] for nr in kriterier}
    fejl = {}
    for navn, vaerdi in indhold.felter.items():
        if navn in egne:
            egne[navn] = vaerdi or ""
            continue
        m = _NAVN.match(navn)
        nr = int(m.group(2)) if m else None
        punkter = (forudsaetninger if m.group(1) == "forudsaetning" else kriterier) if m else {}
        if nr not in punkter:
            raise ValidationError("Vurderingsskemaet er ændret, mens du arbejdede. Hent siden igen.")
        maal = f_vaerdier if m.group(1) == "forudsaetning" else k_vaerdier
        if m.group(3):
            if len(vaerdi or "") > KOMMENTAR_MAKS:
                fejl[navn] = f"Kommentaren må højst være {KOMMENTAR_MAKS} tegn."
            maal[nr][1] = vaerdi or ""
        else:
            if m.group(1) == "kriterie" and vaerdi is not None and vaerdi not in punkter[nr].skala:
                fejl[navn] = f"Scoren skal være mellem {punkter[nr].skala_fra} og {punkter[nr].skala_til}."
            maal[nr][0] = vaerdi
    if egne["anbefaling"] not in {"", *Anbefaling.values}:
        fejl["anbefaling"] = "Vælg en af anbefalingerne."
    if len(egne["anbefaling_begrundelse"]) > KOMMENTAR_MAKS:
        fejl["anbefaling_begrundelse"] = f"Begrundelsen må højst være {KOMMENTAR_MAKS} tegn."
    if fejl:
        raise ValidationError(fejl)
    return (
        egne,
        {forudsaetninger[nr]: v for nr, v in f_vaerdier.items()},
        {kriterier[nr]: v for nr, v in k_vaerdier.items()},
    )


def _skriv_punkter(vurdering: Vurdering, forudsaetninger: dict, kriterier: dict) -> None:
    """One row per item of the set-up, written only where it changed (the history shows what changed)."""
    f_gemt = {r.forudsaetning_id: r for r in vurdering.forudsaetningsvurderinger.all()}
    for punkt, (opfyldt, kommentar) in forudsaetninger.items():
        raekke = f_gemt.get(punkt.pk)
        if raekke is None:
            if opfyldt is not None or kommentar:
                Forudsaetningsvurdering.objects.create(
                    vurdering=vurdering, forudsaetning=punkt, opfyldt=opfyldt, kommentar=kommentar
                )
        elif (raekke.opfyldt, raekke.kommentar) != (opfyldt, kommentar):
            raekke.opfyldt, raekke.kommentar = opfyldt, kommentar
            raekke.save(update_fields=["opfyldt", "kommentar"])
    k_gemt = {r.kriterie_id: r for r in vurdering.kriteriescorer.all()}
    for punkt, (score, kommentar) in kriterier.items():
        raekke = k_gemt.get(punkt.pk)
        if raekke is None:
            if score is not None or kommentar:
                Kriteriescore.objects.create(vurdering=vurdering, kriterie=punkt, score=score, kommentar=kommentar)
        elif (raekke.score, raekke.kommentar) != (score, kommentar):
            raekke.score, raekke.kommentar = score, kommentar
            raekke.save(update_fields=["score", "kommentar"])


@transaction.atomic
def vurdering_gem(*, vurdering: Vurdering, bruger: Bruger, indhold: Vurderingsindhold, version: int) -> Vurdering:
    """Save an assessment, partial or complete. `version` is the one the user loaded (0 for a new assessment).

    The update only happens if nobody has saved since (UPDATE … WHERE version = loaded); otherwise
    `VurderingKonflikt` is raised and nothing is written. The version row guards the item rows too: they are
    written only after the version was moved on under its lock.
    """
    ansoegning = vurdering.ansoegning
    if ansoegning.indsendt is None:
        raise ValidationError("Interessetilkendegivelsen er ikke indsendt, så den kan ikke vurderes endnu.")
    egne, forudsaetninger, kriterier = _rens(ansoegning.opsaetning, indhold)

    with pghistory.context(user=bruger.pk):
        if vurdering.pk is None:
            if vurdering.bedoemmer_id != bruger.pk:
                raise ValidationError("Du kan kun oprette din egen vurdering.")
            eksisterende = Vurdering.objects.filter(ansoegning=ansoegning, bedoemmer=vurdering.bedoemmer).first()
            if eksisterende is not None:
                raise _konflikt(eksisterende.pk)  # saved in another window meanwhile
            ny = Vurdering(ansoegning=ansoegning, bedoemmer=vurdering.bedoemmer, version=1, **egne)
            ny.full_clean()
            try:
                with transaction.atomic():
                    ny.save()
            except IntegrityError:
                raise _konflikt(
                    Vurdering.objects.get(ansoegning=ansoegning, bedoemmer=vurdering.bedoemmer).pk
                ) from None
            _skriv_punkter(ny, forudsaetninger, kriterier)
            return ny

        kandidat = Vurdering(
            pk=vurdering.pk, ansoegning=ansoegning, bedoemmer_id=vurdering.bedoemmer_id, version=version, **egne
        )
        kandidat.full_clean(validate_unique=False, validate_constraints=False)
        gemt = opdater_hvis_version(
            Vurdering, pk=vurdering.pk, version=version, felter=egne, konflikt=VurderingKonflikt
        )
        _skriv_punkter(gemt, forudsaetninger, kriterier)
    return Vurdering.objects.select_related("ansoegning", "bedoemmer").get(pk=vurdering.pk)
