from django.apps import AppConfig


class StrategiConfig(AppConfig):
    name = "strategi"
    verbose_name = "Forebyggelsesstrategier"
