import pgtrigger
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from forebyggelse.formatering import kort_tidspunkt


class Hentning(models.Model):
    """One download of a file: who, when, what. Written by `hentninger.services.logget_hentning`, the line every
    download view ends with. Rows are never changed or deleted: a database trigger refuses both."""

    bruger = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="hentninger", verbose_name="bruger"
    )
    tidspunkt = models.DateTimeField("tidspunkt", default=timezone.now)
    art = models.CharField("art", max_length=100, help_text="Hvad der blev hentet, fx Bilag eller Kvittering.")
    filnavn = models.CharField("filnavn", max_length=255)
    # The object the file came from, if there is one; the text keeps what it was called at the time, so the
    # log reads the same after the object is renamed or deleted.
    objekt_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="objekttype"
    )
    objekt_id = models.CharField("objekt-id", max_length=64, blank=True)
    objekt_tekst = models.CharField("objekt", max_length=300, blank=True)

    class Meta:
        ordering = ["-tidspunkt", "-pk"]
        verbose_name = "hentning"
        verbose_name_plural = "hentninger"
        indexes = [
            models.Index(fields=["-tidspunkt"], name="hentning_tid"),
            models.Index(fields=["bruger", "-tidspunkt"], name="hentning_bruger_tid"),
            models.Index(fields=["art", "-tidspunkt"], name="hentning_art_tid"),
        ]
        triggers = [
            pgtrigger.Protect(name="hentning_kun_tilfoej", operation=pgtrigger.Update | pgtrigger.Delete),
        ]

    def __str__(self) -> str:
        return f"{self.filnavn} ({kort_tidspunkt(self.tidspunkt)})"
