"""The ministry's assessments of applications: saving one (with optimistic locking) and the side-by-side table."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import pghistory
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, F, Q, Sum
from django.utils import timezone

from forebyggelse.formatering import tidspunkt
from kommuner.models import (
    FORUDSAETNINGER,
    KRITERIER,
    Afgoerelse,
    Ansoegningsbeloeb,
    Bevilling,
    Interessetilkendegivelse,
    Program,
    Vurdering,
)
from kommuner.permissions import ansoegninger_til_laesning, kan_vurdere

# Every field an assessor fills in, in the order of the form.
VURDERINGSFELTER = [
    *[f for nr in FORUDSAETNINGER for f in (f"forudsaetning_{nr}", f"forudsaetning_{nr}_kommentar")],
    *[f for nr in KRITERIER for f in (f"kriterie_{nr}", f"kriterie_{nr}_kommentar")],
    "anbefaling",
    "anbefaling_begrundelse",
]


class VurderingKonflikt(ValidationError):
    """Someone saved the assessment after this user loaded it; nothing was written."""

    def __init__(self, nuvaerende: Vurdering, aendret_af: str):
        self.nuvaerende = nuvaerende
        self.aendret_af = aendret_af
        super().__init__(
            f"Vurderingen er blevet ændret af {aendret_af} den {tidspunkt(nuvaerende.aendret)}, mens du arbejdede. "
            "Dine indtastninger er bevaret herunder; se den nye version og gem igen.",
            code="konflikt",
        )


def sidst_aendret_af(vurdering: Vurdering) -> str:
    """The name of whoever made the newest recorded change to the assessment."""
    event_model = apps.get_model("kommuner", "VurderingEvent")
    event = (
        event_model.objects.filter(pgh_obj_id=vurdering.pk).select_related("pgh_context").order_by("-pgh_id").first()
    )
    bruger_id = (event.pgh_context.metadata or {}).get("user") if event and event.pgh_context else None
    bruger = get_user_model().objects.filter(pk=bruger_id).first() if bruger_id else None
    if bruger is None:
        return "en anden bruger"
    return bruger.get_full_name() or bruger.username


def _konflikt(pk: int) -> VurderingKonflikt:
    nuvaerende = Vurdering.objects.select_related("bedoemmer").filter(pk=pk).first()
    if nuvaerende is None:
        raise ValidationError("Vurderingen er slettet, mens du arbejdede. Hent siden igen.")
    return VurderingKonflikt(nuvaerende, sidst_aendret_af(nuvaerende))


@transaction.atomic
def vurdering_gem(*, vurdering: Vurdering, bruger, data: dict, version: int) -> Vurdering:
    """Save an assessment, partial or complete. `version` is the one the user loaded (0 for a new assessment).

    The update only happens if nobody has saved since (UPDATE … WHERE version = loaded); otherwise
    `VurderingKonflikt` is raised and nothing is written.
    """
    if not kan_vurdere(bruger):
        raise ValidationError("Kun ministeriet kan vurdere interessetilkendegivelser.")
    ukendte = set(data) - set(VURDERINGSFELTER)
    if ukendte:
        raise ValueError(f"{', '.join(sorted(ukendte))} kan ikke ændres her")
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
        opdateret = Vurdering.objects.filter(pk=vurdering.pk, version=version).update(
            **data, version=F("version") + 1, aendret=timezone.now()
        )
        if opdateret == 0:
            raise _konflikt(vurdering.pk)
    return Vurdering.objects.select_related("ansoegning", "bedoemmer").get(pk=vurdering.pk)


# Reads: the side-by-side table ---------------------------------------------------------------------


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
    ansoegninger: list[Interessetilkendegivelse]
    raekker: list[Raekke]


def sammenligning_for(program: Program, user) -> Sammenligning:
    """Every submitted application in the programme as a column; the rows aggregate all assessors.

    A fixed number of queries however many applications and assessments there are: the scores are
    averaged in the database, the amounts, recommendations and grants are fetched in one query each.
    """
    aggregater = {"antal_vurderinger": Count("vurderinger")}
    for nr in FORUDSAETNINGER:
        aggregater[f"f{nr}_ja"] = Count("vurderinger", filter=Q(**{f"vurderinger__forudsaetning_{nr}": True}))
        aggregater[f"f{nr}_nej"] = Count("vurderinger", filter=Q(**{f"vurderinger__forudsaetning_{nr}": False}))
    for nr in KRITERIER:
        aggregater[f"k{nr}_snit"] = Avg(f"vurderinger__kriterie_{nr}")
        aggregater[f"k{nr}_sum"] = Sum(f"vurderinger__kriterie_{nr}")
        aggregater[f"k{nr}_antal"] = Count(f"vurderinger__kriterie_{nr}")
    ansoegninger = list(
        ansoegninger_til_laesning(user).filter(program=program).annotate(**aggregater).order_by("kommune__kode")
    )
    ids = [a.pk for a in ansoegninger]
    beloeb: dict[int, dict[int, int]] = {pk: {} for pk in ids}
    for ansoegning_id, aar, beloeb_i_aar in Ansoegningsbeloeb.objects.filter(ansoegning_id__in=ids).values_list(
        "ansoegning_id", "aar", "beloeb"
    ):
        beloeb[ansoegning_id][aar] = beloeb_i_aar
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
    afgoerelser = {a.ansoegning_id: a for a in Afgoerelse.objects.filter(ansoegning_id__in=ids)}
    bevilget = dict(
        Bevilling.objects.filter(deltagelse__ansoegning_id__in=ids)
        .values("deltagelse__ansoegning_id")
        .annotate(i_alt=Sum("bevilget"))
        .values_list("deltagelse__ansoegning_id", "i_alt")
    )

    raekker = []
    for nr, tekst in FORUDSAETNINGER.items():
        raekker.append(
            Raekke(
                f"Forudsætning {nr}: {tekst}",
                "ja_nej",
                [(getattr(a, f"f{nr}_ja"), getattr(a, f"f{nr}_nej")) for a in ansoegninger],
            )
        )
    for nr, tekst in KRITERIER.items():
        raekker.append(Raekke(f"{nr}. {tekst}", "snit", [_en_decimal(getattr(a, f"k{nr}_snit")) for a in ansoegninger]))
    samlet = []
    for a in ansoegninger:
        antal = sum(getattr(a, f"k{nr}_antal") for nr in KRITERIER)
        summen = sum(getattr(a, f"k{nr}_sum") or 0 for nr in KRITERIER)
        samlet.append(_en_decimal(Decimal(summen) / antal) if antal else None)
    raekker.append(Raekke("Gennemsnit af alle kriterier", "snit", samlet, fremhaevet=True))
    raekker.append(Raekke("Antal bedømmere", "antal", [a.antal_vurderinger for a in ansoegninger]))
    for aar in program.aar:
        raekker.append(Raekke(f"Ansøgt {aar}", "kr", [beloeb[a.pk].get(aar) for a in ansoegninger]))
    raekker.append(
        Raekke(
            "Ansøgt i alt",
            "kr",
            [sum(beloeb[a.pk].values()) if beloeb[a.pk] else None for a in ansoegninger],
            fremhaevet=True,
        )
    )
    raekker.append(Raekke("Bedømmernes anbefalinger", "anbefalinger", [vurderinger[a.pk] for a in ansoegninger]))
    raekker.append(Raekke("Afgørelse", "afgoerelse", [afgoerelser.get(a.pk) for a in ansoegninger]))
    raekker.append(Raekke("Bevilget i alt", "kr", [bevilget.get(a.pk) for a in ansoegninger]))
    return Sammenligning(ansoegninger=ansoegninger, raekker=raekker)
