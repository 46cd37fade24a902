"""The OpenAPI description in the users' language, and complete: every operation says how a key is sent, which
query parameters its list takes (the view's `filtre`), and the refusals it can give with their body, so a tool that
checks answers against the description (the tests run schemathesis) finds every answer described. Registered by
api.apps before any schema is made."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers


class NoegleSkema(OpenApiAuthenticationExtension):
    target_class = "konto.api.NoegleAutentificering"
    name = "APINoegle"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "En personlig API-nøgle fra Min konto, sendt som Authorization: Bearer fbp_…",
        }


class FejlSerializer(serializers.Serializer):
    fejl = serializers.CharField(help_text="Hvad der er galt, på dansk.")
    parametre = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Ved 400: hver ugyldig parameter med hvad der er galt med den.",
    )


FEJL = {
    "400": "En parameter er ukendt eller har en ugyldig værdi (parametre siger hvilken).",
    "401": "Ingen API-nøgle, eller nøglen er ukendt, udløbet eller tilbagekaldt.",
    "403": "Nøglens ejer må se siderne, men ikke hente disse data samlet (fejl siger hvorfor).",
    "404": "Findes ikke, eller nøglens ejer må ikke se det (samme svar som på portalens sider); for en liste: en "
    "cursor, der ikke kommer fra feltet next.",
    "405": "Kun GET, HEAD og OPTIONS: API'et ændrer intet.",
    "429": "For mange forespørgsler med denne nøgle: vent det antal sekunder, Retry-After siger.",
}


# The resources' names as users say them (the paths are written without æ, ø and å).
TITLER = {"maal": "Mål", "moeder": "Møder", "noegletal": "Nøgletal", "opfoelgninger": "Opfølgninger"}


class Skema(AutoSchema):
    def get_tags(self):
        return [TITLER.get(tag, tag.capitalize()) for tag in super().get_tags()]

    def get_description(self):
        return getattr(self.view, "beskrivelse", "") or super().get_description()

    def get_override_parameters(self):
        parametre = list(super().get_override_parameters())
        filtre = getattr(self.view, "filtre", None)
        if self._is_list_view() and filtre is not None and filtre().fields:
            parametre.append(filtre)
        return parametre

    def _get_response_bodies(self, direction="response"):
        svar = super()._get_response_bodies(direction)
        koder = ["401", "404", "405", "429"] + (["400"] if self._is_list_view() else [])
        if getattr(self.view, "krav", None) is not None:
            koder.append("403")
        for kode in koder:
            svar.setdefault(kode, {**self._get_response_for_code(FejlSerializer, kode), "description": FEJL[kode]})
        return svar
