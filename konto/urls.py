from django.urls import path

from konto import views, views_api_noegler

app_name = "konto"

urlpatterns = [
    path("", views.konto_side, name="side"),
    path("ugentlig-oversigt/", views.ugentlig_oversigt, name="ugentlig_oversigt"),
    path("login/kode/", views.login_kode, name="login_kode"),
    path("tofaktor/", views.tofaktor_opsaet, name="tofaktor"),
    path("tofaktor/backupkoder/", views.backupkoder_side, name="backupkoder"),
    path("tofaktor/slaa-fra/", views.tofaktor_slaa_fra, name="tofaktor_fra"),
    path("api-noegler/", views_api_noegler.api_noegler_alle, name="api_noegler"),
    path("api-noegler/ny/", views_api_noegler.api_noegle_opret, name="api_noegle_opret"),
    path("api-noegler/<int:pk>/tilbagekald/", views_api_noegler.api_noegle_tilbagekald, name="api_noegle_tilbagekald"),
    path("session/forlaeng/", views.session_forlaeng, name="session_forlaeng"),
    path("session/udloebet/", views.session_udloebet, name="session_udloebet"),
]
