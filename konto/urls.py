from django.urls import path

from konto import views

app_name = "konto"

urlpatterns = [
    path("", views.konto_side, name="side"),
    path("ugentlig-oversigt/", views.ugentlig_oversigt, name="ugentlig_oversigt"),
    path("login/kode/", views.login_kode, name="login_kode"),
    path("tofaktor/", views.tofaktor_opsaet, name="tofaktor"),
    path("tofaktor/backupkoder/", views.backupkoder_side, name="backupkoder"),
    path("tofaktor/slaa-fra/", views.tofaktor_slaa_fra, name="tofaktor_fra"),
    path("session/forlaeng/", views.session_forlaeng, name="session_forlaeng"),
    path("session/udloebet/", views.session_udloebet, name="session_udloebet"),
]
