from django.apps import AppConfig


class KontoConfig(AppConfig):
    name = "konto"
    verbose_name = "Konto og login"

    def ready(self):
        from konto import signals  # noqa: F401  (connects the login signal)
