from django.apps import AppConfig


class HentningerConfig(AppConfig):
    name = "hentninger"
    verbose_name = "Hentninger"
