"""/api/v1/: one route per resource, read-only (docs/decisions/0059)."""

from django.urls import path, re_path
from rest_framework.routers import SimpleRouter

from api import evaluering, kommuner, profiler, strategi, views

app_name = "api"

router = SimpleRouter(use_regex_path=False)
router.register("programmer", kommuner.ProgramVisning, basename="program")
router.register("kommuner", kommuner.KommuneVisning, basename="kommune")
router.register("indikatorer", profiler.IndikatorVisning, basename="indikator")
router.register("noegletal", profiler.NoegletalVisning, basename="noegletal")
router.register("profiler", profiler.ProfilVisning, basename="profil")
router.register("moeder", evaluering.MoedeVisning, basename="moede")
router.register("dataleverancer", evaluering.DataleveranceVisning, basename="dataleverance")
router.register("indsendelser", evaluering.IndsendelseVisning, basename="indsendelse")
router.register("strategier", strategi.StrategiVisning, basename="strategi")
router.register("maal", strategi.MaalVisning, basename="maal")
router.register("handlinger", strategi.HandlingVisning, basename="handling")
router.register("opfoelgninger", strategi.OpfoelgningVisning, basename="opfoelgning")
router.register("fremskridt", strategi.FremskridtVisning, basename="fremskridt")
router.register("tilbud", strategi.TilbudVisning, basename="tilbud")

urlpatterns = [
    path("", views.dokumentation, name="dokumentation"),
    path("schema/", views.schema, name="schema"),
    *router.urls,
    # Any other address under /api/v1/ (a negative id, a misspelt resource): the API's own 404 in JSON.
    re_path(r"^.*$", views.ikke_fundet, name="ikke_fundet"),
]
