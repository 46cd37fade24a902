from django.apps import AppConfig


class ProfilerConfig(AppConfig):
    name = "profiler"
    verbose_name = "Sociale profiler"

    def ready(self):
        from forebyggelse import sektioner
        from profiler.sektioner import programsektion

        # The programme page and its set-up page: which indicators the programme's profiles show is part of the set-up.
        sektioner.registrer("program", programsektion)
        sektioner.registrer("opsaetning", programsektion)
