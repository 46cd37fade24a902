from django.urls import path

from evaluering.views import jobs, kalender, leverancer, moeder, rapporter, tidsplan

app_name = "evaluering"

urlpatterns = [
    # Timeline
    path("programmer/<int:pk>/tidsplan/", tidsplan.tidsplan, name="tidsplan"),
    path("programmer/<int:pk>/tidsplan/nyt/", tidsplan.tidsplanpunkt_opret, name="tidsplanpunkt_opret"),
    path("programmer/<int:pk>/tidsplan/kopier/", tidsplan.tidsplan_kopier, name="tidsplan_kopier"),
    path("tidsplan/<int:pk>/rediger/", tidsplan.tidsplanpunkt_rediger, name="tidsplanpunkt_rediger"),
    path("tidsplan/<int:pk>/slet/", tidsplan.tidsplanpunkt_slet, name="tidsplanpunkt_slet"),
    # Meetings
    path("programmer/<int:pk>/moeder/", moeder.moede_liste, name="moeder"),
    path("programmer/<int:pk>/moeder/nyt/", moeder.moede_opret, name="moede_opret"),
    path("moeder/<int:pk>/", moeder.moede_detalje, name="moede"),
    path("moeder/<int:pk>/rediger/", moeder.moede_rediger, name="moede_rediger"),
    path("moeder/<int:pk>/dagsorden/", moeder.dagsorden_tilfoej, name="dagsorden_tilfoej"),
    path("dagsorden/<int:pk>/rediger/", moeder.dagsorden_rediger, name="dagsorden_rediger"),
    path("dagsorden/<int:pk>/op/", moeder.dagsorden_op, name="dagsorden_op"),
    path("dagsorden/<int:pk>/ned/", moeder.dagsorden_ned, name="dagsorden_ned"),
    path("dagsorden/<int:pk>/slet/", moeder.dagsorden_slet, name="dagsorden_slet"),
    path("moeder/<int:pk>/materialer/", moeder.materiale_upload, name="materiale_upload"),
    path("materialer/<int:pk>/", moeder.materiale_hent, name="materiale_hent"),
    path("materialer/<int:pk>/slet/", moeder.materiale_slet, name="materiale_slet"),
    path("moeder/<int:pk>/invitation/", moeder.invitation_send, name="invitation_send"),
    path("moeder/<int:pk>/afholdt/", moeder.moede_afholdt, name="moede_afholdt"),
    path("moeder/<int:pk>/referat/", moeder.referat, name="referat"),
    path("moeder/<int:pk>/opfoelgning/", moeder.opfoelgning_tilfoej, name="opfoelgning_tilfoej"),
    path("opfoelgning/<int:pk>/slet/", moeder.opfoelgning_slet, name="opfoelgning_slet"),
    path("moeder/<int:pk>/fremmoede/", moeder.fremmoede, name="fremmoede"),
    path("moeder/<int:pk>/godkend/", moeder.referat_godkend, name="referat_godkend"),
    path("moeder/<int:pk>/referat.pdf", moeder.referat_pdf, name="referat_pdf"),
    # The meetings' calendar and the personal calendar feed
    path("moeder/kalender/", kalender.moedekalender, name="moedekalender"),
    path("kalender/", kalender.kalender, name="kalender"),
    path("kalender/forny/", kalender.kalender_forny, name="kalender_forny"),
    path("kalender/<str:noegle>.ics", kalender.kalender_feed, name="kalender_feed"),
    # Deliveries to the evaluator
    path("programmer/<int:pk>/leverancer/", leverancer.leverance_liste, name="leverancer"),
    path("programmer/<int:pk>/leverancer/ny/", leverancer.dataleverance_opret, name="dataleverance_opret"),
    path("programmer/<int:pk>/leverancer/kopier/", leverancer.leverancer_kopier, name="leverancer_kopier"),
    path("leverancer/<int:pk>/", leverancer.dataleverance_detalje, name="dataleverance"),
    path("leverancer/<int:pk>/<str:kode>/", leverancer.kommuneleverance, name="kommuneleverance"),
    path("leverancer/<int:pk>/<str:kode>/indsend/", leverancer.kommuneleverance_indsend, name="indsend"),
    path("indsendelser/<int:pk>/", leverancer.indsendelse, name="indsendelse"),
    path("indsendelser/<int:pk>/vurder/", leverancer.indsendelse_vurder, name="indsendelse_vurder"),
    # Reports, data and report packages: what the evaluator (and each role) may download
    path("programmer/<int:pk>/rapporter/", rapporter.rapporter, name="rapporter"),
    path("programmer/<int:pk>/rapporter/status/", rapporter.programstatus_side, name="programstatus"),
    path("programmer/<int:pk>/rapporter/status.pdf", rapporter.programstatus_hent, name="programstatus_pdf"),
    path("programmer/<int:pk>/rapporter/<str:kode>/", rapporter.kommunestatus_side, name="kommunestatus"),
    path("programmer/<int:pk>/rapporter/<str:kode>/status.pdf", rapporter.kommunestatus_hent, name="kommunestatus_pdf"),
    # Before the exports' pattern, which would otherwise take it as an export "datapackage" in format "json"
    path("programmer/<int:pk>/data/datapackage.json", rapporter.datapakke_hent, name="datapakke"),
    path("programmer/<int:pk>/data/<str:navn>.<str:endelse>", rapporter.dataeksport, name="dataeksport"),
    path("programmer/<int:pk>/rapportpakker/", rapporter.rapportpakke_bestil_view, name="rapportpakke_bestil"),
    path("rapportpakker/<int:pk>/", rapporter.rapportpakke_hent, name="rapportpakke"),
    path("indsendelser/<int:pk>/leverance.json", rapporter.snapshot_json, name="snapshot_json"),
    path("indsendelser/<int:pk>/leverance.pdf", rapporter.snapshot_hent, name="snapshot_pdf"),
    # Background jobs
    path("jobs/", jobs.job_liste, name="jobs"),
    path("jobs/<int:pk>/", jobs.job_detalje, name="job"),
    path("jobs/<int:pk>/status/", jobs.job_status, name="job_status"),
    path("jobs/<int:pk>/proev-igen/", jobs.job_proev_igen, name="job_proev_igen"),
]
