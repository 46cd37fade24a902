from django.apps import AppConfig


class EvalueringConfig(AppConfig):
    name = "evaluering"
    verbose_name = "Tidsplan og evaluering"
