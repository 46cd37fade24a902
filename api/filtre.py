"""The query parameters the lists take, one serializer per combination, so the OpenAPI description lists them with
their types and a wrong value is refused by name (400) instead of quietly giving an empty list.

A value names something that must exist (a programme, a municipality, an indicator): an unknown one is an error,
not a filter that matches nothing, so a typo in a script is caught at once. Existence only: whether the user may
read the rows is still the list's own rule."""

import copy

from django.utils import timezone
from rest_framework import serializers

from kommuner.models import Kommune, Program
from profiler.models import Indikator


def _findes(model, felt: str, besked: str):
    def tjek(vaerdi):
        if not model.objects.filter(**{felt: vaerdi}).exists():
            raise serializers.ValidationError(besked.format(vaerdi=vaerdi))
        return vaerdi

    return tjek


class ProgramFiltre(serializers.Serializer):
    program = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        help_text="Kun dette programs rækker (programmets id).",
        validators=[_findes(Program, "pk", "Der findes intet program med id {vaerdi}.")],
    )


class KommuneFiltre(ProgramFiltre):
    kommune = serializers.RegexField(
        r"^[0-9]{3}$",
        required=False,
        help_text="Kun denne kommunes rækker (kommunekoden, tre cifre, fx 101).",
        error_messages={"invalid": "Skriv kommunekoden med tre cifre, fx 101."},
        validators=[_findes(Kommune, "kode", "Der findes ingen kommune med koden {vaerdi}.")],
    )


class AendretFiltre(KommuneFiltre):
    aendret_siden = serializers.DateTimeField(
        required=False,
        help_text="Kun rækker, der er oprettet eller ændret på eller efter dette tidspunkt (ISO 8601, fx "
        "2012-03-01T00:00:00+01:00; uden tidszone gælder dansk tid). Gem svarets tidspunkt, og brug det næste gang.",
        default_timezone=timezone.get_default_timezone(),
    )


class NoegletalFiltre(KommuneFiltre):
    indikator = serializers.CharField(
        required=False,
        max_length=50,
        help_text="Kun denne indikator (koden i kataloget, fx anbragte_0_17).",
        validators=[_findes(Indikator, "kode", "Der findes ingen indikator med koden {vaerdi}.")],
    )
    aar = serializers.IntegerField(required=False, min_value=1900, max_value=2200, help_text="Kun dette år.")


class ProgramAendretFiltre(ProgramFiltre):
    """For rows that belong to a programme, not to one municipality (a meeting): program and aendret_siden."""

    # The same parameter as AendretFiltre's, word for word, without the kommune a programme-wide row cannot take.
    aendret_siden = copy.deepcopy(AendretFiltre._declared_fields["aendret_siden"])
