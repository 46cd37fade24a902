"""A user's authenticator and backup codes are django-otp's TOTPDevice and StaticDevice (tables
otp_totp_totpdevice, otp_static_staticdevice, otp_static_statictoken), and the login state lives in the session
(konto/session.py). The one model here lists which sessions each user is logged in with, so a change to their
two-factor login can end the others (docs/decisions/0037)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Loginsession(models.Model):
    """One session a user logged in with. Django's session store cannot be searched by user, so every login notes
    its session key here and logout removes it (konto/signals.py)."""

    bruger = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="loginsessioner")
    session_noegle = models.CharField("sessionsnøgle", max_length=40, unique=True)
    oprettet = models.DateTimeField("logget ind", default=timezone.now)

    class Meta:
        verbose_name = "loginsession"
        verbose_name_plural = "loginsessioner"

    def __str__(self) -> str:
        return f"{self.bruger} ({self.oprettet:%Y-%m-%d %H:%M})"


class Brugervalg(models.Model):
    """A user's own choices and when they last logged in: the front page shows what is new since the login before
    this one, and the weekly e-mail of tasks goes to those who have not switched it off."""

    bruger = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="valg")
    ugentlig_oversigt = models.BooleanField(
        "ugentlig e-mail med mine opgaver",
        default=True,
        help_text="Hver mandag morgen en e-mail med det, du skal gøre, hvis der er noget.",
    )
    sidste_login = models.DateTimeField("sidste login", null=True, blank=True)
    oversigt_sendt = models.DateField("ugentlig e-mail sendt for ugen", null=True, blank=True)

    class Meta:
        verbose_name = "brugervalg"
        verbose_name_plural = "brugervalg"

    def __str__(self) -> str:
        return str(self.bruger)


class ApiNoegle(models.Model):
    """A personal key to the read API (docs/decisions/0059). The key itself is shown once, when it is made; only its
    SHA-256 is kept, so a copy of the database lets nobody in. A key reads what its owner may read, until it expires
    or is revoked (by its owner or the ministry); revoked keys stay listed, so the record says who had access when."""

    bruger = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_noegler")
    navn = models.CharField("navn", max_length=100, help_text="Hvad nøglen bruges til, fx R-script til evalueringen.")
    praefiks = models.CharField("begyndelse", max_length=12, help_text="Nøglens første tegn, så den kan kendes igen.")
    noegle_hash = models.CharField("nøglens SHA-256", max_length=64, unique=True)
    oprettet = models.DateTimeField("oprettet", default=timezone.now)
    udloeber = models.DateTimeField("udløber")
    sidst_brugt = models.DateTimeField("sidst brugt", null=True, blank=True)
    tilbagekaldt = models.DateTimeField("tilbagekaldt", null=True, blank=True)
    tilbagekaldt_af = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="tilbagekaldt af",
    )

    class Meta:
        ordering = ["-oprettet", "-pk"]
        verbose_name = "API-nøgle"
        verbose_name_plural = "API-nøgler"

    def __str__(self) -> str:
        return f"{self.navn} ({self.praefiks}…)"

    def gyldig(self, nu=None) -> bool:
        return self.tilbagekaldt is None and self.udloeber > (nu or timezone.now())
