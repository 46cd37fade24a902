"""Meetings with their attendance, data deliveries with each participant's status, and the frozen submissions with
their checksum: read through evaluering's rules (evaluering/permissions.py), as the meeting and delivery pages show
them."""

from django.db.models import Max, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.cache import get_conditional_response, set_response_etag
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.base import Laesning
from api.filtre import KommuneFiltre, ProgramAendretFiltre, ProgramFiltre
from evaluering.models import (
    Dataleverance,
    Fremmoede,
    Indholdsart,
    Indsendelse,
    Kommuneleverance,
    Leverancestatus,
    Moede,
    Moedestatus,
    er_forsinket,
)
from evaluering.permissions import (
    access_dataleverance,
    access_indsendelse,
    access_moede,
    dataleverancer_til_laesning,
    indsendelser_til_laesning,
    leverancedeltagelser_til_laesning,
    moeder_til_laesning,
)
from hentninger.services import hentning_registrer

# Meetings -----------------------------------------------------------------------------------------


class FremmoedeSerializer(serializers.ModelSerializer):
    kommune = serializers.CharField(source="kommune.kode", help_text="Kommunekoden.")

    class Meta:
        model = Fremmoede
        fields = ["kommune", "status", "deltagere", "afbudsgrund", "bemaerkning", "registreret"]


class MoedeSerializer(serializers.ModelSerializer):
    titel = serializers.CharField(help_text="Mødetypen med nummer, som portalen viser den, fx 2. netværksmøde.")
    aendret = serializers.DateTimeField(
        source="senest_aendret",
        help_text="Seneste ændring af mødet eller af fremmødet på det (det er dette tidspunkt, aendret_siden ser på).",
    )
    fremmoede = serializers.SerializerMethodField(
        help_text="De deltagende kommuners registrerede fremmøde. Tom, indtil mødet er afholdt."
    )

    class Meta:
        model = Moede
        fields = [
            "id",
            "program",
            "tidsplanpunkt",
            "art",
            "nummer",
            "titel",
            "start",
            "slut",
            "sted",
            "fokus",
            "status",
            "referat_godkendt",
            "aendret",
            "fremmoede",
        ]

    @extend_schema_field(FremmoedeSerializer(many=True))
    def get_fremmoede(self, moede: Moede):
        # As the meeting page (moede_detalje.html): the attendance table is shown once the meeting is held.
        if moede.status == Moedestatus.PLANLAGT:
            return []
        return FremmoedeSerializer(moede.fremmoede.all(), many=True).data


def _med_seneste_aendring(qs: QuerySet[Moede]) -> QuerySet[Moede]:
    """Each meeting with when it or its attendance last changed. Registering attendance does not touch the meeting's
    own `aendret`, yet a script that pulls what changed must get the meeting again then. (GREATEST skips NULL in
    PostgreSQL: a meeting without attendance has its own time.)"""
    seneste = Fremmoede.objects.filter(moede=OuterRef("pk")).order_by("-registreret").values("registreret")[:1]
    return qs.annotate(senest_aendret=Greatest("aendret", Subquery(seneste)))


def _moeder(user) -> QuerySet[Moede]:
    # The app's rule unchanged; only the change time the aendret_siden filter needs is added.
    return _med_seneste_aendring(moeder_til_laesning(user))


class MoedeVisning(Laesning):
    """The programmes' meetings, with each participating municipality's attendance once the meeting is held."""

    beskrivelse = (
        "Programmernes møder (opstarts- og netværksmøder, styregruppemøder, seminarer …) med tid, sted, fokus og "
        "status, og de deltagende kommuners fremmøde, når mødet er afholdt. aendret er seneste ændring af mødet "
        "eller dets fremmøde."
    )
    serializer_class = MoedeSerializer
    laeser = staticmethod(_moeder)
    adgang = staticmethod(access_moede)
    filtre = ProgramAendretFiltre
    opslag = {"program": "program", "aendret_siden": "senest_aendret__gte"}
    art = "API: Møder"

    def udvid(self, qs):
        if "senest_aendret" not in qs.query.annotations:  # the detail is read again from Moede.objects (api/base.py)
            qs = _med_seneste_aendring(qs)
        return qs.prefetch_related(
            Prefetch("fremmoede", queryset=Fremmoede.objects.select_related("kommune").order_by("kommune__kode"))
        )


# Data deliveries ----------------------------------------------------------------------------------


class KommunensLeveranceSerializer(serializers.Serializer):
    kommune = serializers.CharField(help_text="Kommunekoden.")
    status = serializers.ChoiceField(choices=Leverancestatus.choices)
    forsinket = serializers.BooleanField(help_text="Stadig udestående efter fristen.")
    senest_indsendt = serializers.DateTimeField(allow_null=True, help_text="Seneste indsendelse, hvis nogen.")
    kommentar = serializers.CharField(help_text="Ministeriets kommentar, når leverancen er sendt tilbage (ellers tom).")
    aendret = serializers.DateTimeField(allow_null=True, help_text="Seneste ændring af kommunens status.")


class DataleveranceSerializer(serializers.ModelSerializer):
    indhold = serializers.ListField(
        child=serializers.ChoiceField(choices=Indholdsart.choices), help_text="Hvad leverancen skal indeholde."
    )
    kommuner = serializers.SerializerMethodField(
        help_text="Hver deltagende kommunes status, som portalen viser den for nøglens ejer: alle kommuner for "
        "ministeriet, evaluator og styregruppen, egne kommuner for en projektleder."
    )

    class Meta:
        model = Dataleverance
        fields = ["id", "program", "titel", "beskrivelse", "aar", "indhold", "frist", "oprettet", "kommuner"]

    @extend_schema_field(KommunensLeveranceSerializer(many=True))
    def get_kommuner(self, leverance: Dataleverance):
        # The same cells as the delivery page (evaluering.selectors.leveranceoverblik): a participant without a row
        # yet (joined after the delivery was ordered) owes it like everybody else.
        raekker = {kl.deltagelse_id: kl for kl in leverance.synlige_kommuneleverancer}
        nu = timezone.now()
        celler = []
        for deltagelse in leverance.program.leverancedeltagere:
            kl = raekker.get(deltagelse.pk)
            status = kl.status if kl else Leverancestatus.AFVENTER
            celler.append(
                {
                    "kommune": deltagelse.kommune.kode,
                    "status": status,
                    "forsinket": er_forsinket(status, leverance.frist, nu),
                    "senest_indsendt": kl.senest_indsendt if kl else None,
                    # As kommuneleverance.html: the comment is shown while the delivery is sent back.
                    "kommentar": kl.kommentar if kl and status == Leverancestatus.SENDT_TILBAGE else "",
                    "aendret": kl.aendret if kl else None,
                }
            )
        return KommunensLeveranceSerializer(celler, many=True).data


class DataleveranceVisning(Laesning):
    """What the ministry has asked the participants to deliver to the evaluator, and each participant's status."""

    beskrivelse = (
        "Dataleverancerne: hvad ministeriet har bedt de deltagende kommuner levere til evaluator og hvornår, og hver "
        "kommunes status (afventer, indsendt, godkendt, sendt tilbage; forsinket), for de kommuner nøglens ejer ser."
    )
    serializer_class = DataleveranceSerializer
    laeser = staticmethod(dataleverancer_til_laesning)
    adgang = staticmethod(access_dataleverance)
    filtre = ProgramFiltre
    opslag = {"program": "program"}
    art = "API: Dataleverancer"

    def udvid(self, qs):
        synlige = leverancedeltagelser_til_laesning(self.request.user)
        return qs.select_related("program").prefetch_related(
            Prefetch("program__deltagelser", queryset=synlige.order_by("kommune__kode"), to_attr="leverancedeltagere"),
            Prefetch(
                "kommuneleverancer",
                queryset=Kommuneleverance.objects.filter(deltagelse__in=synlige).annotate(
                    senest_indsendt=Max("indsendelser__indsendt")
                ),
                to_attr="synlige_kommuneleverancer",
            ),
        )


# Submissions --------------------------------------------------------------------------------------


class IndsendelseSerializer(serializers.ModelSerializer):
    dataleverance = serializers.IntegerField(source="kommuneleverance.dataleverance_id")
    program = serializers.IntegerField(source="kommuneleverance.dataleverance.program_id")
    kommune = serializers.CharField(source="kommuneleverance.deltagelse.kommune.kode", help_text="Kommunekoden.")
    indsendt_af = serializers.SerializerMethodField(help_text="Navnet på den, der indsendte.")
    sha256 = serializers.CharField(
        help_text="Kontrolsummen, gemt ved indsendelsen: SHA-256 af snapshottet som kanonisk JSON (sorterede nøgler, "
        "ingen mellemrum, UTF-8)."
    )

    class Meta:
        model = Indsendelse
        fields = [
            "id",
            "dataleverance",
            "program",
            "kommune",
            "nummer",
            "indsendt",
            "indsendt_af",
            "resultat",
            "vurderet",
            "kommentar",
            "sha256",
        ]

    def get_indsendt_af(self, indsendelse: Indsendelse) -> str:
        # As indsendelse.html: the full name, else the user name.
        return indsendelse.indsendt_af.get_full_name() or indsendelse.indsendt_af.username


class IndsendelseMedSnapshotSerializer(IndsendelseSerializer):
    snapshot = serializers.JSONField(help_text="Det frosne indhold, præcis som det blev indsendt.")

    class Meta(IndsendelseSerializer.Meta):
        fields = [*IndsendelseSerializer.Meta.fields, "snapshot"]


class IndsendelseVisning(Laesning):
    """The frozen submissions: the list gives who, when and the checksum; one submission gives the snapshot too."""

    beskrivelse = (
        "Kommunernes indsendelser af dataleverancer: hvem og hvornår, ministeriets gennemgang og kontrolsummen "
        "(SHA-256). Listen giver ikke selve indholdet; én indsendelse giver det frosne snapshot, og hentningen "
        "skrives i hentningsloggen. Ministeriet og evaluator ser alle kommuners, en projektleder egne kommuners."
    )
    laeser = staticmethod(indsendelser_til_laesning)
    adgang = staticmethod(access_indsendelse)
    filtre = KommuneFiltre
    opslag = {
        "program": "kommuneleverance__dataleverance__program",
        "kommune": "kommuneleverance__deltagelse__kommune__kode",
    }
    art = "API: Indsendelser"

    def get_serializer_class(self):
        return IndsendelseMedSnapshotSerializer if self.action == "retrieve" else IndsendelseSerializer

    def udvid(self, qs):
        qs = qs.select_related(
            "kommuneleverance__dataleverance", "kommuneleverance__deltagelse__kommune", "indsendt_af"
        )
        # A list leaves the big snapshot behind: only one submission's answer carries it.
        return qs.defer("snapshot") if self.action == "list" else qs

    def get_object(self):
        self.indsendelse = super().get_object()
        return self.indsendelse

    def finalize_response(self, request, response, *args, **kwargs):
        """A snapshot read is a download of bulk data, logged like the JSON file on the submission's page: once per
        GET that sends it. HEAD sends nothing; a 304 (If-None-Match with the snapshot's ETag) sends nothing new. To
        tell a 304 here, the answer is rendered and given its ETag now, as ConditionalGetMiddleware would."""
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.action != "retrieve" or request.method != "GET" or response.status_code != 200:
            return response
        response.render()
        set_response_etag(response)
        svar = get_conditional_response(request, etag=response["ETag"], response=response)
        if svar is response:
            hentning_registrer(
                bruger=request.user,
                filnavn=request.get_full_path(),
                objekt=self.indsendelse,
                art="API: Dataleverance (JSON)",
            )
        return svar
