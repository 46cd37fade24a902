from django.urls import path

from kommuner import views

app_name = "kommuner"

urlpatterns = [
    path("", views.kommune_liste, name="liste"),
    path("<str:kode>/", views.kommune_detalje, name="detalje"),
    path("<str:kode>/kommunegruppe/", views.kommune_skift_gruppe, name="skift_gruppe"),
]
