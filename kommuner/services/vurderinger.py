"""The ministry's assessments of applications: saving one (with optimistic locking) and the side-by-side table."""

from dataclasses import asdict, dataclass, fields

import pghistory
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from forebyggelse.samtidighed import Konflikt, opdater_hvis_version
from kommuner.models import (
    FORUDSAETNINGER,
    KRITERIER,
    Bruger,
    Vurdering,
)

# Every field an assessor fills in, in the order of the form.
VURDERINGSFELTER = [
    *[f for nr in FORUDSAETNINGER for f in (f"forudsaetning_{nr}", f"forudsaetning_{nr}_kommentar")],
    *[f for nr in KRITERIER for f in (f"kriterie_{nr}", f"kriterie_{nr}_kommentar")],
    "anbefaling",
    "anbefaling_begrundelse",
]


@dataclass(frozen=True)
class Vurderingsindhold:
    """What an assessor writes: the two preconditions, the eight criteria (scores 1–5) and a recommendation,
    each with a comment. Anything may be left open; an assessment is saved part by part."""

    forudsaetning_1: bool | None = None
    forudsaetning_1_kommentar: str = ""
    forudsaetning_2: bool | None = None
    forudsaetning_2_kommentar: str = ""
    kriterie_1: int | None = None
    kriterie_1_kommentar: str = ""
    kriterie_2: int | None = None
    kriterie_2_kommentar: str = ""
    kriterie_3: int | None = None
    kriterie_3_kommentar: str = ""
    kriterie_4: int | None = None
    kriterie_4_kommentar: str = ""
    kriterie_5: int | None = None
    kriterie_5_kommentar: str = ""
    kriterie_6: int | None = None
    kriterie_6_kommentar: str = ""
    kriterie_7: int | None = None
    kriterie_7_kommentar: str = ""
    kriterie_8: int | None = None
    kriterie_8_kommentar: str = ""
    anbefaling: str = ""
    anbefaling_begrundelse: str = ""

    def som_felter(self) -> dict:
        return asdict(self)


assert [f.name for f in fields(Vurderingsindhold)] == VURDERINGSFELTER


class VurderingKonflikt(Konflikt):
    hvad = "Vurderingen"


def _konflikt(pk: int) -> VurderingKonflikt:
    return VurderingKonflikt(Vurdering.objects.select_related("bedoemmer").get(pk=pk))


@transaction.atomic
def vurdering_gem(*, vurdering: Vurdering, bruger: Bruger, indhold: Vurderingsindhold, version: int) -> Vurdering:
    """Save an assessment, partial or complete. `version` is the one the user loaded (0 for a new assessment).

    The update only happens if nobody has saved since (UPDATE … WHERE version = loaded); otherwise
    `VurderingKonflikt` is raised and nothing is written.
    """
    data = indhold.som_felter()
    ansoegning = vurdering.ansoegning
    if ansoegning.indsendt is None:
        raise ValidationError("Interessetilkendegivelsen er ikke indsendt, så den kan ikke vurderes endnu.")

    with pghistory.context(user=bruger.pk):
        if vurdering.pk is None:
            if vurdering.bedoemmer_id != bruger.pk:
                raise ValidationError("Du kan kun oprette din egen vurdering.")
            eksisterende = Vurdering.objects.filter(ansoegning=ansoegning, bedoemmer=vurdering.bedoemmer).first()
            if eksisterende is not None:
                raise _konflikt(eksisterende.pk)  # saved in another window meanwhile
            ny = Vurdering(ansoegning=ansoegning, bedoemmer=vurdering.bedoemmer, version=1, **data)
            ny.full_clean()
            try:
                with transaction.atomic():
                    ny.save()
            except IntegrityError:
                raise _konflikt(
                    Vurdering.objects.get(ansoegning=ansoegning, bedoemmer=vurdering.bedoemmer).pk
                ) from None
            return ny

        kandidat = Vurdering(
            pk=vurdering.pk,
            ansoegning=ansoegning,
            bedoemmer_id=vurdering.bedoemmer_id,
            version=version,
            **data,
        )
        kandidat.full_clean(validate_unique=False, validate_constraints=False)
        opdater_hvis_version(Vurdering, pk=vurdering.pk, version=version, felter=data, konflikt=VurderingKonflikt)
    return Vurdering.objects.select_related("ansoegning", "bedoemmer").get(pk=vurdering.pk)
