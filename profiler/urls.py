from django.urls import path

from profiler.views import data, importer, indberetninger, katalog, profiler, programmer

app_name = "profiler"

urlpatterns = [
    # Social profiles
    path("profiler/", profiler.profil_liste, name="liste"),
    # A programme's choice of indicators for its profiles (before the municipality's routes: "programmer" is no code)
    path("profiler/programmer/<int:pk>/noegletal/", programmer.programindikatorer, name="programindikatorer"),
    path(
        "profiler/programmer/<int:pk>/noegletal/standard/",
        programmer.programindikatorer_standard,
        name="programindikatorer_standard",
    ),
    path(
        "profiler/programmer/<int:pk>/noegletal/kopier/",
        programmer.programindikatorer_kopier_view,
        name="programindikatorer_kopier",
    ),
    path("profiler/<str:kode>/", profiler.profil_seneste, name="profil_seneste"),
    path("profiler/<str:kode>/indstillinger/", profiler.profil_indstillinger, name="indstillinger"),
    path("profiler/<str:kode>/indstillinger/noegletal/", profiler.profil_vaelg_nogletal, name="vaelg_noegletal"),
    path("profiler/<str:kode>/indstillinger/gruppe/", profiler.profil_skift_gruppe, name="skift_gruppe"),
    path("profiler/<str:kode>/fund/<str:kategori>/", profiler.fund_rediger, name="fund"),
    path("profiler/<str:kode>/<int:aar>/", profiler.profil, name="profil"),
    path("profiler/<str:kode>/<int:aar>/pdf/", profiler.profil_pdf, name="pdf"),
    path("profiler/<str:kode>/<int:aar>/graf/<str:indikator>.svg", profiler.graf_svg, name="graf"),
    path("profiler/<str:kode>/<int:aar>/afvigelser.svg", profiler.afvigelser_svg, name="afvigelser"),
    path("profiler/<str:kode>/<int:aar>/kort/<str:indikator>.svg", profiler.kort_svg, name="kort"),
    # The municipality's own figures
    path("profiler/<str:kode>/egne-tal/", indberetninger.indberetning_liste, name="indberetninger"),
    path("profiler/<str:kode>/egne-tal/<int:aar>/", indberetninger.indberetning, name="indberetning"),
    path(
        "profiler/<str:kode>/egne-tal/<int:aar>/indsend/",
        indberetninger.indberetning_indsend_view,
        name="indberetning_indsend",
    ),
    path(
        "profiler/<str:kode>/egne-tal/<int:aar>/godkend/",
        indberetninger.indberetning_godkend_view,
        name="indberetning_godkend",
    ),
    path(
        "profiler/<str:kode>/egne-tal/<int:aar>/send-tilbage/",
        indberetninger.indberetning_send_tilbage_view,
        name="indberetning_send_tilbage",
    ),
    # The catalogue
    path("noegletal/", katalog.noegletal_oversigt, name="oversigt"),
    path("noegletal/indikatorer/ny/", katalog.indikator_opret_view, name="indikator_opret"),
    path("noegletal/indikatorer/<str:kode>/", katalog.indikator_detalje, name="indikator"),
    path("noegletal/indikatorer/<str:kode>/rediger/", katalog.indikator_rediger, name="indikator_rediger"),
    path("noegletal/indikatorer/<str:kode>/hent/", katalog.indikator_hent, name="indikator_hent"),
    # Data administration (the ministry's) and exports
    path("noegletal/import/", importer.import_upload, name="import_upload"),
    path("noegletal/import/skabelon.csv", importer.skabelon, name="skabelon"),
    path("noegletal/importer/", importer.import_liste, name="importer"),
    path("noegletal/importer/<int:pk>/", importer.import_detalje, name="import"),
    path("noegletal/importer/<int:pk>/gennemfoer/", importer.import_gennemfoer_view, name="import_gennemfoer"),
    path("noegletal/importer/<int:pk>/fortryd/", importer.import_fortryd_view, name="import_fortryd"),
    path("noegletal/importer/<int:pk>/kasser/", importer.import_kasser_view, name="import_kasser"),
    path("noegletal/importer/<int:pk>/fil/", importer.import_fil, name="import_fil"),
    path("noegletal/data/", data.raadata, name="raadata"),
    path("noegletal/egne-tal/", data.indberetninger_til_godkendelse, name="til_godkendelse"),
    path("noegletal/eksport/", data.eksport, name="eksport"),
    path("noegletal/eksport/fil/", data.eksport_fil, name="eksport_fil"),
]
