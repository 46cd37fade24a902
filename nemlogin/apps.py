from django.apps import AppConfig


class NemloginConfig(AppConfig):
    name = "nemlogin"
    verbose_name = "NemLog-in"

    def ready(self):
        from forebyggelse import sektioner
        from nemlogin.sektioner import kontosektion

        sektioner.registrer("konto", kontosektion)
