"""/api/v1/: one route per resource, read-only (docs/decisions/0059)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from api import evaluering, kommuner, views

app_name = "api"

router = SimpleRouter(use_regex_path=False)
router.register("programmer", kommuner.ProgramVisning, basename="program")
router.register("kommuner", kommuner.KommuneVisning, basename="kommune")
router.register("moeder", evaluering.MoedeVisning, basename="moede")
router.register("dataleverancer", evaluering.DataleveranceVisning, basename="dataleverance")
router.register("indsendelser", evaluering.IndsendelseVisning, basename="indsendelse")

urlpatterns = [
    path("schema/", views.schema, name="schema"),
    *router.urls,
]
