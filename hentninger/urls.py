from django.urls import path

from hentninger import views

app_name = "hentninger"

urlpatterns = [
    path("", views.hentningslog, name="log"),
]
