from django.apps import AppConfig


class ProfilerConfig(AppConfig):
    name = "profiler"
    verbose_name = "Sociale profiler"

    def ready(self):
        from forebyggelse import sektioner
        from profiler.sektioner import programsektion

        sektioner.registrer("program", programsektion)
