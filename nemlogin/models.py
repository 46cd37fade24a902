"""Login with MitID Erhverv through NemLog-in (OIOSAML 3, docs/decisions/0060): who may come in (the ministry's
invitations), which person a login is (the persistent professional UUID bound to a user), and the log of every
attempt, accepted or refused."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from forebyggelse.roller import Rolle
from kommuner.models import Kommune


class Invitation(models.Model):
    """The ministry lets a person in: the first NemLog-in login with this e-mail address and this organisation's
    CVR number gets an account with this role (and, for a project lead, this municipality)."""

    email = models.EmailField("e-mail")
    cvr = models.CharField("CVR-nummer", max_length=8)
    rolle = models.CharField("rolle", max_length=20, choices=Rolle.choices)
    kommune = models.ForeignKey(
        Kommune, verbose_name="kommune", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    oprettet = models.DateTimeField("oprettet", default=timezone.now)
    oprettet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="oprettet af"
    )
    udloeber = models.DateTimeField("udløber")
    brugt = models.DateTimeField("brugt", null=True, blank=True)
    bruger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="bruger",
    )
    tilbagekaldt = models.DateTimeField("tilbagekaldt", null=True, blank=True)

    class Meta:
        ordering = ["-oprettet", "-pk"]
        verbose_name = "invitation"
        verbose_name_plural = "invitationer"

    def __str__(self) -> str:
        return f"{self.email} ({self.get_rolle_display()})"

    def aaben(self, nu=None) -> bool:
        return self.brugt is None and self.tilbagekaldt is None and self.udloeber > (nu or timezone.now())


class Identitet(models.Model):
    """A person's persistent professional UUID from NemLog-in, bound to one user at the first login, with the CVR
    number of the organisation it came with: a login from another organisation is refused."""

    bruger = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="nemlogin")
    uuid = models.CharField("persistent UUID", max_length=100, unique=True)
    cvr = models.CharField("CVR-nummer", max_length=8)
    # "invitation" or "privilegie": a role from a privilege follows the privilege at every login.
    kilde = models.CharField("adgang fra", max_length=20, default="invitation")
    oprettet = models.DateTimeField("oprettet", default=timezone.now)

    class Meta:
        verbose_name = "NemLog-in-identitet"
        verbose_name_plural = "NemLog-in-identiteter"

    def __str__(self) -> str:
        return f"{self.bruger} ({self.cvr})"


class Udfald(models.TextChoices):
    GODKENDT = "godkendt", "Logget ind"
    AFVIST = "afvist", "Afvist"
    LOGGET_UD = "logget_ud", "Logget ud"


class Haendelse(models.Model):
    """One NemLog-in login or logout, whatever its outcome; a refusal keeps the reason it was given."""

    tidspunkt = models.DateTimeField("tidspunkt", default=timezone.now, db_index=True)
    udfald = models.CharField("udfald", max_length=20, choices=Udfald.choices)
    aarsag = models.CharField("årsag", max_length=300, blank=True)
    uuid = models.CharField("persistent UUID", max_length=100, blank=True)
    cvr = models.CharField("CVR-nummer", max_length=8, blank=True)
    email = models.CharField("e-mail", max_length=254, blank=True)
    niveau = models.CharField("sikringsniveau", max_length=20, blank=True)
    bruger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="bruger",
    )
    ip = models.GenericIPAddressField("IP-adresse", null=True, blank=True)

    class Meta:
        ordering = ["-tidspunkt", "-pk"]
        verbose_name = "NemLog-in-hændelse"
        verbose_name_plural = "NemLog-in-hændelser"

    def __str__(self) -> str:
        return f"{self.get_udfald_display()} {self.tidspunkt:%Y-%m-%d %H:%M}"
