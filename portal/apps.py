from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The top layer (URLs, front page, menu, the weekly e-mail of tasks): an app so its tasks.py is found."""

    name = "portal"
    verbose_name = "Portalen"
