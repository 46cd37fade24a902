from django.apps import AppConfig


class StrategiConfig(AppConfig):
    name = "strategi"
    verbose_name = "Forebyggelsesstrategier"

    def ready(self):
        from forebyggelse import sektioner
        from strategi.sektioner import programsektion

        sektioner.registrer("program", programsektion)
