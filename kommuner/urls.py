from django.urls import path

from kommuner.views import ansoegninger, bevillinger, kommuner, opsaetninger, organisation, programmer, vurderinger

app_name = "kommuner"

urlpatterns = [
    # Municipalities and their details
    path("kommuner/", kommuner.kommune_liste, name="liste"),
    path("kommuner/<str:kode>/", kommuner.kommune_detalje, name="detalje"),
    path("kommuner/<str:kode>/kommunegruppe/", kommuner.kommune_skift_gruppe, name="skift_gruppe"),
    path("kommuner/<str:kode>/oplysninger/", kommuner.kommune_oplysninger, name="oplysninger"),
    # Programmes
    path("programmer/", programmer.program_liste, name="programmer"),
    path("programmer/nyt/", programmer.program_opret, name="program_opret"),
    path("programmer/<int:pk>/", programmer.program_detalje, name="program"),
    path("programmer/<int:pk>/rediger/", programmer.program_rediger, name="program_rediger"),
    # A programme's set-up: the application form, the assessment and the money rules (ministry only)
    path("programmer/<int:pk>/opsaetning/", opsaetninger.opsaetning, name="opsaetning"),
    path(
        "programmer/<int:pk>/opsaetning/forhaandsvisning/",
        opsaetninger.forhaandsvisning,
        name="opsaetning_forhaandsvisning",
    ),
    path("programmer/<int:pk>/opsaetning/pengeregler/", opsaetninger.pengeregler, name="pengeregler"),
    path("programmer/<int:pk>/opsaetning/afsnit/nyt/", opsaetninger.afsnit_opret, name="afsnit_opret"),
    path("opsaetning/afsnit/<int:pk>/", opsaetninger.afsnit_rediger, name="afsnit_rediger"),
    path("opsaetning/afsnit/<int:pk>/slet/", opsaetninger.afsnit_slet, name="afsnit_slet"),
    path("opsaetning/afsnit/<int:pk>/op/", opsaetninger.afsnit_op, name="afsnit_op"),
    path("opsaetning/afsnit/<int:pk>/ned/", opsaetninger.afsnit_ned, name="afsnit_ned"),
    path(
        "programmer/<int:pk>/opsaetning/forudsaetninger/ny/",
        opsaetninger.forudsaetning_opret,
        name="forudsaetning_opret",
    ),
    path("opsaetning/forudsaetninger/<int:pk>/", opsaetninger.forudsaetning_rediger, name="forudsaetning_rediger"),
    path("opsaetning/forudsaetninger/<int:pk>/slet/", opsaetninger.forudsaetning_slet, name="forudsaetning_slet"),
    path("programmer/<int:pk>/opsaetning/kriterier/nyt/", opsaetninger.kriterie_opret, name="kriterie_opret"),
    path("opsaetning/kriterier/<int:pk>/", opsaetninger.kriterie_rediger, name="kriterie_rediger"),
    path("opsaetning/kriterier/<int:pk>/slet/", opsaetninger.kriterie_slet, name="kriterie_slet"),
    # Expressions of interest
    path("programmer/<int:pk>/ansoeg/", ansoegninger.ansoegning_opret, name="ansoegning_opret"),
    path("ansoegninger/<int:pk>/", ansoegninger.ansoegning_detalje, name="ansoegning"),
    path("ansoegninger/<int:pk>/rediger/", ansoegninger.ansoegning_rediger, name="ansoegning_rediger"),
    path("ansoegninger/<int:pk>/bilag/", ansoegninger.bilag_upload, name="bilag_upload"),
    path("ansoegninger/<int:pk>/indsend/", ansoegninger.ansoegning_indsend, name="ansoegning_indsend"),
    path("ansoegninger/<int:pk>/send-tilbage/", ansoegninger.ansoegning_send_tilbage, name="ansoegning_send_tilbage"),
    path("ansoegninger/<int:pk>/genaabn/", ansoegninger.ansoegning_genaabn, name="ansoegning_genaabn"),
    path(
        "ansoegninger/<int:pk>/anmod-om-genaabning/",
        ansoegninger.genaabningsanmodning_opret,
        name="genaabningsanmodning_opret",
    ),
    path(
        "genaabningsanmodninger/<int:pk>/afvis/",
        ansoegninger.genaabningsanmodning_afvis,
        name="genaabningsanmodning_afvis",
    ),
    path("bilag/<int:pk>/", ansoegninger.bilag_hent, name="bilag_hent"),
    path("bilag/<int:pk>/slet/", ansoegninger.bilag_slet, name="bilag_slet"),
    path("kvitteringer/<int:pk>/", ansoegninger.kvittering_hent, name="kvittering_hent"),
    # Assessment (ministry only)
    path("ansoegninger/<int:pk>/vurdering/", vurderinger.vurdering_min, name="vurdering"),
    path("vurderinger/<int:pk>/", vurderinger.vurdering_rediger, name="vurdering_rediger"),
    path("programmer/<int:pk>/sammenligning/", vurderinger.sammenligning, name="sammenligning"),
    # Decision, grant and spending
    path("ansoegninger/<int:pk>/afgoerelse/", bevillinger.afgoerelse, name="afgoerelse"),
    path("programmer/<int:pk>/budget/", bevillinger.budget, name="budget"),
    path("deltagelser/<int:pk>/forbrug/", bevillinger.forbrug_rediger, name="forbrug"),
    # The municipality's own project organisation and milestone plan
    path("deltagelser/<int:pk>/organisation/", organisation.organisation, name="organisation"),
    path("deltagelser/<int:pk>/organisation/ny/", organisation.projektdeltager_opret, name="projektdeltager_opret"),
    path("projektdeltagere/<int:pk>/", organisation.projektdeltager_rediger, name="projektdeltager_rediger"),
    path("projektdeltagere/<int:pk>/slet/", organisation.projektdeltager_slet, name="projektdeltager_slet"),
    path("deltagelser/<int:pk>/milepaele/ny/", organisation.milepael_opret, name="milepael_opret"),
    path("milepaele/<int:pk>/", organisation.milepael_rediger, name="milepael_rediger"),
    path("milepaele/<int:pk>/slet/", organisation.milepael_slet, name="milepael_slet"),
    path("milepaele/<int:pk>/udfoert/", organisation.milepael_udfoert, name="milepael_udfoert"),
]
