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
