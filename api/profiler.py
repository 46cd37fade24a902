"""The indicator catalogue, the key figures and the social profiles. Every figure comes from the benchmark selector
the profile pages and the CSV export use (profiler.selectors.noegletal / noegletal_for_alle), so suppression is
applied exactly as there: a hidden count is null with its text ("under 5", "skjult") beside it."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.response import Response

from api.base import Laesning, Liste
from api.filtre import KommuneFiltre, NoegletalFiltre
from api.sider import Markoerside
from profiler.models import Indikator, Profil
from profiler.permissions import (
    access_indikator,
    access_profil,
    indikatorer_til_laesning,
    kan_eksportere,
    profiler_til_laesning,
)
from profiler.profilside import alle_aar, valgte_indikatorer
from profiler.selectors import (
    Sammenligning,
    katalog,
    noegletal,
    noegletal_for_alle,
    profilens_program,
    profilernes_seneste_aar,
    sammenligningsgruppe_for,
)


class IndikatorSerializer(serializers.ModelSerializer):
    faktor = serializers.DecimalField(max_digits=12, decimal_places=4, help_text="Værdi = tæller / nævner × faktor.")

    class Meta:
        model = Indikator
        fields = [
            "id",
            "kode",
            "navn",
            "definition",
            "kategori",
            "enhed",
            "faktor",
            "decimaler",
            "taeller_definition",
            "naevner_definition",
            "taeller_kilde",
            "naevner_kilde",
            "kun_rate",
            "bedre",
            "undertrykkes",
            "undertrykkelsesgraense",
        ]


class IndikatorVisning(Laesning):
    beskrivelse = (
        "Indikatorkataloget: hvad hver indikator måler, dens enhed og faktor, tællerens og nævnerens kilde "
        "(Statistikbankens tabelkode eller EGNE for kommunernes egne tal), og om små tal skjules."
    )
    serializer_class = IndikatorSerializer
    laeser = staticmethod(indikatorer_til_laesning)
    adgang = staticmethod(access_indikator)
    art = "API: Indikatorer"
    lookup_field = "kode"
    lookup_value_converter = "str"


class NoegletalSerializer(serializers.Serializer):
    kommune = serializers.CharField(source="kommune.kode", help_text="Kommunekoden.")
    indikator = serializers.CharField(source="indikator.kode", help_text="Indikatorens kode i kataloget.")
    aar = serializers.IntegerField(help_text="Året, tallet gælder.")
    taeller = serializers.SerializerMethodField(
        help_text="Antallet bag tallet; null, hvor det er skjult eller mangler."
    )
    taeller_tekst = serializers.SerializerMethodField(
        help_text='Hvad siderne viser i stedet for et skjult antal ("under 5", "skjult"); tom ellers.'
    )
    skjult = serializers.BooleanField(source="egen.skjult", help_text="Om kommunens tal er skjult (små tal).")
    naevner = serializers.SerializerMethodField(help_text="Det, antallet er sat i forhold til; null for et antal.")
    vaerdi = serializers.DecimalField(
        source="egen.vaerdi", max_digits=20, decimal_places=6, allow_null=True, help_text="Kommunens tal i enheden."
    )
    landsgennemsnit = serializers.DecimalField(
        source="land.vaerdi",
        max_digits=20,
        decimal_places=6,
        allow_null=True,
        help_text="Landets tal: alle kommuners tællere delt med deres nævnere (for et antal: pr. kommune).",
    )
    sammenligningsgruppe = serializers.IntegerField(
        source="sammenligningsgruppe.kode", allow_null=True, help_text="Koden på gruppen af lignende kommuner."
    )
    gruppegennemsnit = serializers.DecimalField(
        source="gruppe.vaerdi",
        max_digits=20,
        decimal_places=6,
        allow_null=True,
        help_text="Sammenligningsgruppens tal, regnet som landets, over gruppens andre kommuner.",
    )
    status = serializers.CharField(source="status_tekst", help_text="Endelig, Foreløbig eller Eksempeldata.")

    @extend_schema_field(serializers.DecimalField(max_digits=20, decimal_places=6, allow_null=True))
    def get_taeller(self, celle: Sammenligning):
        return None if celle.egen.skjult else celle.egen.antal

    def get_taeller_tekst(self, celle: Sammenligning) -> str:
        return celle.egen.antal_tekst if celle.egen.skjult else ""

    @extend_schema_field(serializers.DecimalField(max_digits=20, decimal_places=6, allow_null=True))
    def get_naevner(self, celle: Sammenligning):
        return celle.egen.naevner


class Kommuneside(Markoerside):
    """Key figures come a number of municipalities at a time: the benchmark is computed for a page's
    municipalities at once (a constant number of queries), for every indicator and year asked for."""

    ordering = "kode"
    page_size = 5
    max_page_size = 98
    page_size_query_description = "Kommuner pr. side (standard 5, højst 98); hver med alle indikatorer og år."


class NoegletalVisning(Liste):
    beskrivelse = (
        "Nøgletallene som en tæt tabel: én række pr. kommune, indikator og år med et tal, med landsgennemsnit og "
        "sammenligningsgruppens gennemsnit, små tal skjult som i profilerne. En side rummer et antal kommuner. Som "
        "nøgletalseksporten: for ministeriet og evaluator."
    )
    serializer_class = NoegletalSerializer
    laeser = staticmethod(profiler_til_laesning)
    krav = staticmethod(kan_eksportere)
    filtre = NoegletalFiltre
    opslag = {"program": "deltagelser__program", "kommune": "kode"}
    pagination_class = Kommuneside
    art = "API: Nøgletal"

    def list(self, request, *args, **kwargs):
        kommuner = self.paginate_queryset(self.get_queryset())
        vaerdier = self.filtervaerdier
        indikatorer = [Indikator.objects.get(kode=vaerdier["indikator"])] if "indikator" in vaerdier else katalog()
        aar = [vaerdier["aar"]] if "aar" in vaerdier else alle_aar()
        celler = [c for c in noegletal_for_alle(indikatorer=indikatorer, aar=aar, kommuner=kommuner) if c.status]
        self.log_hentning(request)
        return self.get_paginated_response(self.get_serializer(celler, many=True).data)


class ProfilSerializer(serializers.Serializer):
    kode = serializers.CharField()
    navn = serializers.CharField()
    sammenligningsgruppe = serializers.SerializerMethodField(help_text="Gruppen, profilen sammenlignes med.")
    seneste_aar = serializers.SerializerMethodField(help_text="Året, profilen åbner på.")

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_sammenligningsgruppe(self, kommune):
        gruppe = sammenligningsgruppe_for(kommune, self.context["profiler"].get(kommune.pk))
        return gruppe.kode if gruppe else None

    def get_seneste_aar(self, kommune) -> int:
        return self.context["seneste_aar"][kommune.pk]


class ProfilMedTalSerializer(ProfilSerializer):
    indikatorer = serializers.SerializerMethodField(help_text="Profilens indikatorer (koder) i profilens orden.")
    noegletal = serializers.SerializerMethodField(help_text="Profilens tal for alle år, som i nøgletallene.")

    def get_indikatorer(self, kommune) -> list[str]:
        return [i.kode for i in self.context["udvalg"]]

    @extend_schema_field(NoegletalSerializer(many=True))
    def get_noegletal(self, kommune):
        return NoegletalSerializer(self.context["celler"], many=True).data


class ProfilVisning(Laesning):
    beskrivelse = (
        "De sociale profiler: alle 98 kommuners, for alle roller, som på profilsiderne. Listen giver hver kommunes "
        "sammenligningsgruppe og det år, profilen åbner på; én profil giver også dens indikatorer og tal for alle år."
    )
    serializer_class = ProfilSerializer
    laeser = staticmethod(profiler_til_laesning)
    adgang = staticmethod(access_profil)
    filtre = KommuneFiltre
    opslag = {"program": "deltagelser__program", "kommune": "kode"}
    art = "API: Profiler"
    lookup_field = "kode"
    lookup_value_converter = "str"

    def get_serializer_class(self):
        return ProfilMedTalSerializer if self.action == "retrieve" else ProfilSerializer

    def get_serializer_context(self):
        return {**super().get_serializer_context(), **getattr(self, "profilkontekst", {})}

    def paginate_queryset(self, queryset):
        kommuner = super().paginate_queryset(queryset)
        self.profilkontekst = self._kontekst(kommuner)
        return kommuner

    def _kontekst(self, kommuner) -> dict:
        return {
            "profiler": {p.kommune_id: p for p in Profil.objects.filter(kommune__in=kommuner)},
            "seneste_aar": profilernes_seneste_aar(kommuner),
        }

    def retrieve(self, request, *args, **kwargs):
        kommune = self.get_object()
        kontekst = self._kontekst([kommune])
        profil = kontekst["profiler"].get(kommune.pk)
        udvalg = valgte_indikatorer(profil=profil, program=profilens_program(kommune), alle=katalog()).indikatorer
        gruppe = sammenligningsgruppe_for(kommune, profil)
        tal = noegletal(kommune=kommune, indikatorer=udvalg, aar=alle_aar(), gruppe=gruppe)
        celler = [c for c in sorted(tal.celler.values(), key=lambda c: (c.indikator.sortering, c.aar)) if c.status]
        self.profilkontekst = {**kontekst, "udvalg": udvalg, "celler": celler}
        return Response(self.get_serializer(kommune).data)
