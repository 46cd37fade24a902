"""Strategies and their parts: the strategy with its focus areas, target groups and actors; goals with their status;
actions; follow-ups of goals; progress on actions; offers on the indsatstrappe.

Each loads through strategi/permissions.py: a strategy through `strategier_til_laesning`, a part through
`dele_til_laesning` (the parts of the strategies the user may read), progress through `fremskridt_til_laesning` (a
sent-back update only for those who read the ministry's comments). So a lead's key reads the municipality's own
drafts and the others' approved strategies, the ministry's and the evaluator's what has been submitted, the steering
group's what is approved, exactly as the pages. Every part row carries its strategy, municipality and programme, so
one pull is one table."""

from functools import partial

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.base import Laesning
from api.filtre import AendretFiltre, KommuneFiltre
from forebyggelse import tid
from strategi.maalstatus import Maalstatus
from strategi.models import (
    Aktoer,
    Delstrategi,
    Fremskridt,
    Handling,
    Indsatsomraade,
    Maal,
    Maalgruppe,
    Opfoelgning,
    Strategi,
    Tilbud,
    Trin,
)
from strategi.permissions import (
    access_fremskridt,
    access_handling,
    access_maal,
    access_opfoelgning,
    access_strategi,
    access_tilbud,
    dele_til_laesning,
    fremskridt_til_laesning,
    strategier_til_laesning,
)
from strategi.selectors import vis_maal

# A part's strategy, municipality and programme: one join, so the rows of a page cost no query each.
DELENS_STRATEGI = ("strategi__deltagelse__program", "strategi__deltagelse__kommune")
DELENS_OPSLAG = {"program": "strategi__deltagelse__program", "kommune": "strategi__deltagelse__kommune__kode"}


class DelSerializer(serializers.ModelSerializer):
    """The ids a script joins on: the strategy, its municipality's code and its programme."""

    kommune = serializers.CharField(source="strategi.deltagelse.kommune.kode", read_only=True, help_text="Kommunekode.")
    program = serializers.IntegerField(
        source="strategi.deltagelse.program_id", read_only=True, help_text="Programmets id."
    )

    FAELLES = ["id", "strategi", "kommune", "program"]


# Strategies ----------------------------------------------------------------------------------------------------------


class DelstrategiSerializer(serializers.ModelSerializer):
    class Meta:
        model = Delstrategi
        fields = ["id", "navn", "beskrivelse"]


class IndsatsomraadeSerializer(serializers.ModelSerializer):
    delstrategier = DelstrategiSerializer(many=True, read_only=True)
    maalgrupper = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True, help_text="Id'er på strategiens målgrupper, som indsatsområdet retter sig mod."
    )
    aktoerer = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True, help_text="Id'er på strategiens aktører i indsatsområdet."
    )

    class Meta:
        model = Indsatsomraade
        fields = ["id", "navn", "beskrivelse", "delstrategier", "maalgrupper", "aktoerer"]


class MaalgruppeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Maalgruppe
        fields = ["id", "type", "navn", "antal_boern", "beskrivelse"]


class AktoerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Aktoer
        fields = ["id", "type", "navn", "rolle"]


class StrategiSerializer(serializers.ModelSerializer):
    program = serializers.IntegerField(source="deltagelse.program_id", read_only=True, help_text="Programmets id.")
    kommune = serializers.CharField(source="deltagelse.kommune.kode", read_only=True, help_text="Kommunekode.")
    kommune_navn = serializers.CharField(source="deltagelse.kommune.navn", read_only=True)
    indsatsomraader = IndsatsomraadeSerializer(many=True, read_only=True)
    maalgrupper = MaalgruppeSerializer(many=True, read_only=True)
    aktoerer = AktoerSerializer(many=True, read_only=True)

    class Meta:
        model = Strategi
        fields = [
            "id",
            "program",
            "kommune",
            "kommune_navn",
            "titel",
            "status",
            "versionsnummer",
            "eksempeldata",
            "vision",
            "boernepolitik",
            "boernepolitik_url",
            "foerst_indsendt",
            "indsendt",
            "godkendt",
            "vedtaget_dato",
            "vedtaget_af",
            "oprettet",
            "aendret",
            "indsatsomraader",
            "maalgrupper",
            "aktoerer",
        ]


class StrategiVisning(Laesning):
    """The strategies the user's pages show, each with its focus areas (with sub-strategies), target groups and
    actors."""

    beskrivelse = (
        "Strategierne, som portalens sider viser dem: en projektleder ser egne kommuners (også kladder) og de andres "
        "godkendte; ministeriet og evaluator de indsendte; styregruppen de godkendte. Hver med indsatsområder "
        "(delstrategier, målgrupper og aktører som id'er), målgrupper og aktører. aendret_siden gælder strategiens "
        "egne felter; målene, handlingerne og de andre dele har deres egne lister."
    )
    serializer_class = StrategiSerializer
    laeser = staticmethod(strategier_til_laesning)
    adgang = staticmethod(access_strategi)
    filtre = AendretFiltre
    opslag = {"program": "deltagelse__program", "kommune": "deltagelse__kommune__kode", "aendret_siden": "aendret__gte"}
    art = "API: Strategier"

    def udvid(self, qs):
        return qs.med_kommune().prefetch_related(
            "indsatsomraader__delstrategier",
            "indsatsomraader__maalgrupper",
            "indsatsomraader__aktoerer",
            "maalgrupper",
            "aktoerer",
        )


# Goals ---------------------------------------------------------------------------------------------------------------


def _vurder(maal: list[Maal]) -> None:
    """The goals' status by the pages' rule (strategi.selectors.vis_maal: own follow-ups and the social profile's
    newer figures), for a whole page at once: a fixed number of queries however many goals."""
    vist = vis_maal(maal, Opfoelgning.objects.filter(maal__in=maal).order_by("dato", "pk"))
    for v in vist:
        v.maal.vurdering = v.vurdering


class MaalListe(serializers.ListSerializer):
    def to_representation(self, data):
        maal = list(data)
        _vurder(maal)
        return super().to_representation(maal)


class MaalSerializer(DelSerializer):
    indikator = serializers.SlugRelatedField(
        slug_field="kode",
        read_only=True,
        allow_null=True,
        help_text="Indikatorens kode i kataloget; null for en egen måling.",
    )
    status = serializers.ChoiceField(
        source="vurdering.status",
        choices=Maalstatus.choices,
        read_only=True,
        help_text="Målets status som på siderne: nået, på vej, bagud eller ingen data, ud fra den seneste opfølgning "
        "(egne målinger og, for et mål på en indikator, de nye tal i den sociale profil).",
    )

    class Meta:
        model = Maal
        list_serializer_class = MaalListe
        fields = [
            *DelSerializer.FAELLES,
            "indsatsomraade",
            "delstrategi",
            "tekst",
            "art",
            "bidrager_til",
            "indikator",
            "egen_maaling",
            "egen_enhed",
            "baseline_vaerdi",
            "baseline_aar",
            "maalvaerdi",
            "maal_aar",
            "retning",
            "retning_bekraeftet",
            "status",
            "oprettet",
            "aendret",
        ]

    def to_representation(self, maal):
        if not hasattr(maal, "vurdering"):  # one goal (the detail); a list has rated its page already
            _vurder([maal])
        return super().to_representation(maal)


class MaalVisning(Laesning):
    """Goals of the strategies the user may read, with the status the pages show."""

    beskrivelse = (
        "Målene i de strategier, nøglens ejer må læse: baseline, målværdi, retning, målingen (indikator eller egen) "
        "og status beregnet som på siderne."
    )
    serializer_class = MaalSerializer
    laeser = staticmethod(partial(dele_til_laesning, Maal))
    adgang = staticmethod(access_maal)
    filtre = AendretFiltre
    opslag = {**DELENS_OPSLAG, "aendret_siden": "aendret__gte"}
    art = "API: Mål"

    def udvid(self, qs):
        # As strategi.selectors loads goals for their status: the programme's years, the municipality and its group.
        return qs.select_related("indikator", *DELENS_STRATEGI, "strategi__deltagelse__kommune__kommunegruppe")


# Actions -------------------------------------------------------------------------------------------------------------


class HandlingSerializer(DelSerializer):
    maal = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True, help_text="Id'er på de mål, handlingen tjener."
    )
    aktoerer = serializers.PrimaryKeyRelatedField(many=True, read_only=True, help_text="Id'er på aktørerne.")
    forsinket = serializers.BooleanField(
        read_only=True,
        help_text="Som på siderne: markeret forsinket, eller slutdatoen er overskredet, og den er hverken gennemført "
        "eller opgivet.",
    )

    class Meta:
        model = Handling
        fields = [
            *DelSerializer.FAELLES,
            "indsatsomraade",
            "delstrategi",
            "titel",
            "beskrivelse",
            "maal",
            "ansvarlig",
            "aktoerer",
            "start",
            "slut",
            "forventet_udgift",
            "status",
            "forsinket",
            "farve",
            "oprettet",
            "aendret",
        ]


class HandlingVisning(Laesning):
    beskrivelse = (
        "Handleplanernes handlinger i de strategier, nøglens ejer må læse: ansvarlig, datoer, forventet udgift, "
        "status, forsinkelse og forudsætningernes farve, med id'er på mål og aktører."
    )
    serializer_class = HandlingSerializer
    laeser = staticmethod(partial(dele_til_laesning, Handling))
    adgang = staticmethod(access_handling)
    filtre = AendretFiltre
    opslag = {**DELENS_OPSLAG, "aendret_siden": "aendret__gte"}
    art = "API: Handlinger"

    def udvid(self, qs):
        return qs.med_forsinkelse(tid.i_dag()).select_related(*DELENS_STRATEGI).prefetch_related("maal", "aktoerer")


# Follow-ups of goals and progress on actions ------------------------------------------------------------------------


class OpfoelgningSerializer(DelSerializer):
    class Meta:
        model = Opfoelgning
        fields = [*DelSerializer.FAELLES, "maal", "dato", "periode", "vaerdi", "kommentar", "registreret"]


class OpfoelgningVisning(Laesning):
    beskrivelse = (
        "Kommunernes egne opfølgninger på målene (en måling med dato og værdi). Alle nye siden sidste hentning: "
        "aendret_siden gælder registreringstidspunktet (en opfølgning rettes ikke; en slettet forsvinder fra listen). "
        "Nye tal i den sociale profil for et mål på en indikator er ikke rækker her: se målets status og nøgletallene."
    )
    serializer_class = OpfoelgningSerializer
    laeser = staticmethod(partial(dele_til_laesning, Opfoelgning))
    adgang = staticmethod(access_opfoelgning)
    filtre = AendretFiltre
    opslag = {**DELENS_OPSLAG, "aendret_siden": "registreret__gte"}
    art = "API: Opfølgninger"

    def udvid(self, qs):
        return qs.select_related(*DELENS_STRATEGI)


class FremskridtSerializer(DelSerializer):
    class Meta:
        model = Fremskridt
        fields = [
            *DelSerializer.FAELLES,
            "handling",
            "dato",
            "status",
            "procent",
            "milepael",
            "notat",
            "status_foer",
            "sendt_tilbage",
            "indsendt",
            "oprettet",
            "aendret",
        ]


class FremskridtVisning(Laesning):
    beskrivelse = (
        "Fremskridt på handlingerne. Et fremskridt, ministeriet har sendt tilbage, ses kun af ministeriet, evaluator "
        "og kommunens egne projektledere, indtil kommunen har rettet det, som på siderne."
    )
    serializer_class = FremskridtSerializer
    laeser = staticmethod(fremskridt_til_laesning)
    adgang = staticmethod(access_fremskridt)
    filtre = AendretFiltre
    opslag = {**DELENS_OPSLAG, "aendret_siden": "aendret__gte"}
    art = "API: Fremskridt"

    def udvid(self, qs):
        return qs.select_related(*DELENS_STRATEGI)


# Offers on the indsatstrappe ----------------------------------------------------------------------------------------


class TilbudSerializer(DelSerializer):
    trin = serializers.IntegerField(
        read_only=True, help_text="Trinnet på indsatstrappen, 1 (mindst indgribende) til 7."
    )
    trin_navn = serializers.SerializerMethodField(help_text="Trinnets navn, som siderne viser det.")

    class Meta:
        model = Tilbud
        fields = [
            *DelSerializer.FAELLES,
            "navn",
            "art",
            "trin",
            "trin_navn",
            "maalgruppe",
            "aktoer",
            "kapacitet",
            "kapacitetsenhed",
            "boern",
            "udgift",
            "evidensprogram",
            "beskrivelse",
        ]

    @extend_schema_field(serializers.ChoiceField(choices=Trin.labels))
    def get_trin_navn(self, tilbud: Tilbud) -> str:
        return Trin(tilbud.trin).label


class TilbudVisning(Laesning):
    beskrivelse = (
        "Kommunernes tilbud på indsatstrappen (trin 1, tidlige indsatser i almene tilbud, til trin 7, anbringelse på "
        "døgninstitution): art, målgruppe, aktør, kapacitet med enhed, børn og unge og udgift om året, og et "
        "evidensbaseret program."
    )
    serializer_class = TilbudSerializer
    laeser = staticmethod(partial(dele_til_laesning, Tilbud))
    adgang = staticmethod(access_tilbud)
    filtre = KommuneFiltre
    opslag = DELENS_OPSLAG
    art = "API: Tilbud"

    def udvid(self, qs):
        return qs.select_related(*DELENS_STRATEGI)
