from django.urls import path

from strategi.views import fremskridt, handlinger, maal, oversigter, strategier, struktur, versioner

app_name = "strategi"

urlpatterns = [
    # The strategies and each strategy's workflow
    path("strategier/", strategier.liste, name="liste"),
    path("deltagelser/<int:pk>/strategi/", strategier.opret, name="opret"),
    path("strategier/<int:pk>/", strategier.strategi_side, name="strategi"),
    path("strategier/<int:pk>/rediger/", strategier.rediger, name="rediger"),
    path("strategier/<int:pk>/boernepolitik/", strategier.boernepolitik_upload, name="boernepolitik"),
    path("strategibilag/<int:pk>/", strategier.bilag_hent, name="bilag_hent"),
    path("strategibilag/<int:pk>/slet/", strategier.bilag_slet, name="bilag_slet"),
    path("strategier/<int:pk>/indsend/", strategier.indsend, name="indsend"),
    path("strategier/<int:pk>/kommentar/", strategier.kommenter, name="kommenter"),
    path("strategier/<int:pk>/godkend/", strategier.godkend, name="godkend"),
    path("strategier/<int:pk>/send-tilbage/", strategier.send_tilbage, name="send_tilbage"),
    path("strategier/<int:pk>/vedtagelse/", strategier.vedtagelse, name="vedtagelse"),
    path("strategier/<int:pk>/historik/", strategier.historik, name="historik"),
    path("strategier/<int:pk>/pdf/", strategier.pdf, name="pdf"),
    # Structure
    path("strategier/<int:pk>/struktur/", struktur.struktur, name="struktur"),
    path("strategier/<int:pk>/indsatsomraader/nyt/", struktur.indsatsomraade_opret, name="indsatsomraade_opret"),
    path("indsatsomraader/<int:pk>/rediger/", struktur.indsatsomraade_rediger, name="indsatsomraade_rediger"),
    path("indsatsomraader/<int:pk>/slet/", struktur.indsatsomraade_slet, name="indsatsomraade_slet"),
    path("indsatsomraader/<int:pk>/delstrategier/ny/", struktur.delstrategi_opret, name="delstrategi_opret"),
    path("delstrategier/<int:pk>/rediger/", struktur.delstrategi_rediger, name="delstrategi_rediger"),
    path("delstrategier/<int:pk>/slet/", struktur.delstrategi_slet, name="delstrategi_slet"),
    path("strategier/<int:pk>/maalgrupper/ny/", struktur.maalgruppe_opret, name="maalgruppe_opret"),
    path("maalgrupper/<int:pk>/rediger/", struktur.maalgruppe_rediger, name="maalgruppe_rediger"),
    path("maalgrupper/<int:pk>/slet/", struktur.maalgruppe_slet, name="maalgruppe_slet"),
    path("strategier/<int:pk>/aktoerer/ny/", struktur.aktoer_opret, name="aktoer_opret"),
    path("aktoerer/<int:pk>/rediger/", struktur.aktoer_rediger, name="aktoer_rediger"),
    path("aktoerer/<int:pk>/slet/", struktur.aktoer_slet, name="aktoer_slet"),
    # Goals and follow-ups
    path("strategier/<int:pk>/maal/", maal.maal_liste, name="maal_liste"),
    path("strategier/<int:pk>/maal/nyt/", maal.maal_opret, name="maal_opret"),
    path("strategier/<int:pk>/maal/slettede/", maal.slettede, name="slettede_maal"),
    path("strategier/<int:pk>/maal/gendan/<int:haendelse>/", maal.maal_gendan, name="maal_gendan"),
    path("maal/<int:pk>/", maal.maal_side, name="maal"),
    path("maal/<int:pk>/rediger/", maal.maal_rediger, name="maal_rediger"),
    path("maal/<int:pk>/slet/", maal.maal_slet, name="maal_slet"),
    path("maal/<int:pk>/opfoelgninger/ny/", maal.opfoelgning_opret, name="opfoelgning_opret"),
    path("opfoelgninger/<int:pk>/slet/", maal.opfoelgning_slet, name="opfoelgning_slet"),
    # The action plan and the theory of change
    path("strategier/<int:pk>/handleplan/", handlinger.handleplan, name="handleplan"),
    path("strategier/<int:pk>/handlinger/ny/", handlinger.handling_opret, name="handling_opret"),
    path("handlinger/<int:pk>/rediger/", handlinger.handling_rediger, name="handling_rediger"),
    path("handlinger/<int:pk>/slet/", handlinger.handling_slet, name="handling_slet"),
    # Progress during the year
    path("strategier/<int:pk>/fremskridt/", fremskridt.fremskridt_side, name="fremskridt"),
    path("handlinger/<int:pk>/fremskridt/nyt/", fremskridt.fremskridt_opret, name="fremskridt_opret"),
    path("fremskridt/<int:pk>/ret/", fremskridt.fremskridt_rediger, name="fremskridt_rediger"),
    path("fremskridt/<int:pk>/kommentar/", fremskridt.fremskridt_kommenter, name="fremskridt_kommenter"),
    path("strategier/<int:pk>/forandringsteori/", handlinger.forandringsteori, name="forandringsteori"),
    # The indsatstrappe
    path("strategier/<int:pk>/indsatstrappe/", struktur.indsatstrappe, name="indsatstrappe"),
    path("strategier/<int:pk>/tilbud/nyt/", struktur.tilbud_opret, name="tilbud_opret"),
    path("tilbud/<int:pk>/rediger/", struktur.tilbud_rediger, name="tilbud_rediger"),
    path("tilbud/<int:pk>/slet/", struktur.tilbud_slet, name="tilbud_slet"),
    # Annual review and versions
    path("strategier/<int:pk>/gennemgang/", versioner.gennemgang_ny, name="gennemgang_ny"),
    path("gennemgange/<int:pk>/", versioner.gennemgang_side, name="gennemgang"),
    path("strategier/<int:pk>/versioner/", versioner.versioner, name="versioner"),
    path("strategier/<int:pk>/versioner/<int:nummer>/", versioner.version_side, name="version"),
    path("strategier/<int:pk>/versioner/<int:nummer>/sammenlign/", versioner.version_sammenlign, name="sammenlign"),
    # Across the participants of a programme
    path("programmer/<int:pk>/strategier/", oversigter.program_oversigt, name="program_oversigt"),
    path("programmer/<int:pk>/indsatstrappe/", oversigter.program_indsatstrappe, name="program_indsatstrappe"),
]
