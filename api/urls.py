"""/api/v1/: one route per resource, read-only (docs/decisions/0059)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from api import kommuner, strategi, views

app_name = "api"

router = SimpleRouter(use_regex_path=False)
router.register("programmer", kommuner.ProgramVisning, basename="program")
router.register("kommuner", kommuner.KommuneVisning, basename="kommune")
router.register("strategier", strategi.StrategiVisning, basename="strategi")
router.register("maal", strategi.MaalVisning, basename="maal")
router.register("handlinger", strategi.HandlingVisning, basename="handling")
router.register("opfoelgninger", strategi.OpfoelgningVisning, basename="opfoelgning")
router.register("fremskridt", strategi.FremskridtVisning, basename="fremskridt")
router.register("tilbud", strategi.TilbudVisning, basename="tilbud")

urlpatterns = [
    path("schema/", views.schema, name="schema"),
    *router.urls,
]
