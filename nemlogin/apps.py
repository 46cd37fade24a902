from django.apps import AppConfig


class NemloginConfig(AppConfig):
    name = "nemlogin"
    verbose_name = "NemLog-in"
