from django.apps import AppConfig


class ForebyggelseConfig(AppConfig):
    name = "forebyggelse"
    verbose_name = "Forebyggelsesportalen"
