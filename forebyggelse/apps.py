from django.apps import AppConfig


class ForebyggelseConfig(AppConfig):
    name = "forebyggelse"
    verbose_name = "Forebyggelsesportalen"

    def ready(self):
        from django.apps import apps
        from django.db.models.signals import post_delete

        from forebyggelse.bilag import Bilagsfil, slet_fil

        # Per annex model rather than for every model, so other models keep Django's fast bulk deletes.
        for model in apps.get_models():
            if issubclass(model, Bilagsfil):
                post_delete.connect(slet_fil, sender=model, dispatch_uid=f"slet_fil_{model._meta.label}")
