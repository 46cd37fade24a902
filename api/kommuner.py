"""Programmes with their set-up, and the municipalities with their comparison groups."""

from django.db.models import Prefetch
from rest_framework import serializers

from api.base import Laesning
from api.filtre import ProgramFiltre
from kommuner.models import Afsnit, Forudsaetning, Kommune, Kommunegruppe, Kriterie, Opsaetning, Program
from kommuner.permissions import access_kommune, access_program, programmer_til_laesning
from kommuner.roller import kommuner_til_laesning


class AfsnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Afsnit
        fields = ["id", "nr", "overskrift", "hjaelp", "tegngraense", "paakraevet"]


class ForudsaetningSerializer(serializers.ModelSerializer):
    class Meta:
        model = Forudsaetning
        fields = ["id", "nr", "tekst", "vejledning"]


class KriterieSerializer(serializers.ModelSerializer):
    class Meta:
        model = Kriterie
        fields = ["id", "nr", "tekst", "vejledning", "skala_fra", "skala_til", "vaegt"]


class OpsaetningSerializer(serializers.ModelSerializer):
    afsnit = AfsnitSerializer(many=True, read_only=True)
    forudsaetninger = ForudsaetningSerializer(many=True, read_only=True)
    kriterier = KriterieSerializer(many=True, read_only=True)

    class Meta:
        model = Opsaetning
        fields = [
            "id",
            "version",
            "oprettet",
            "maks_beloeb",
            "medfinansiering_procent",
            "udbetaling",
            "afsnit",
            "forudsaetninger",
            "kriterier",
        ]


class ProgramSerializer(serializers.ModelSerializer):
    opsaetning = serializers.SerializerMethodField(help_text="Programmets gældende opsætning (nyeste version).")

    class Meta:
        model = Program
        fields = [
            "id",
            "navn",
            "beskrivelse",
            "startdato",
            "slutdato",
            "samlet_budget",
            "ansoegningsfrist",
            "status",
            "opsaetning",
        ]

    def get_opsaetning(self, program: Program) -> OpsaetningSerializer:
        # Prefetched newest first (ProgramVisning.udvid); the same version as kommuner.selectors.gaeldende_opsaetning.
        versioner = list(program.opsaetninger.all())
        return OpsaetningSerializer(versioner[0]).data if versioner else None


class ProgramVisning(Laesning):
    """Programmes, each with its current set-up: application sections, preconditions, criteria and money rules."""

    beskrivelse = (
        "Programmerne med deres gældende opsætning: ansøgningens afsnit, forudsætninger, kriterier med skala og "
        "vægt, og pengereglerne."
    )
    serializer_class = ProgramSerializer
    laeser = staticmethod(programmer_til_laesning)
    adgang = staticmethod(access_program)
    art = "API: Programmer"

    def udvid(self, qs):
        return qs.prefetch_related(
            Prefetch(
                "opsaetninger",
                queryset=Opsaetning.objects.order_by("-version").prefetch_related(
                    Prefetch("afsnit", queryset=Afsnit.objects.order_by("nr")),
                    Prefetch("forudsaetninger", queryset=Forudsaetning.objects.order_by("nr")),
                    Prefetch("kriterier", queryset=Kriterie.objects.order_by("nr")),
                ),
            )
        )


class KommunegruppeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Kommunegruppe
        fields = ["kode", "navn", "kilde"]


class KommuneSerializer(serializers.ModelSerializer):
    kommunegruppe = KommunegruppeSerializer(read_only=True)

    class Meta:
        model = Kommune
        fields = ["kode", "navn", "region", "kommunegruppe"]


class KommuneVisning(Laesning):
    """The municipalities the user's pages show (every one for the ministry, the evaluator and the steering group; a
    project lead's own), each with the group of similar municipalities its profile is compared with."""

    beskrivelse = (
        "Kommunerne, som portalens sider viser dem: alle 98 for ministeriet, evaluator og styregruppen, egne kommuner "
        "for en projektleder. Hver med den gruppe af lignende kommuner, profilen sammenlignes med."
    )
    serializer_class = KommuneSerializer
    laeser = staticmethod(kommuner_til_laesning)
    adgang = staticmethod(access_kommune)
    filtre = ProgramFiltre
    opslag = {"program": "deltagelser__program"}
    art = "API: Kommuner"
    lookup_field = "kode"
    lookup_value_converter = "str"

    def udvid(self, qs):
        return qs.select_related("kommunegruppe")
