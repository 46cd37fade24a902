"""Reads about a user's two-factor devices (django-otp's TOTPDevice and StaticDevice)."""

from django.contrib.auth.models import AbstractUser
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice


def har_tofaktor(bruger: AbstractUser) -> bool:
    """Whether logins must be confirmed with a code: the user has a confirmed authenticator or backup codes."""
    return user_has_device(bruger, confirmed=True)


def totp_enhed(bruger: AbstractUser, *, bekraeftet: bool = True) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=bruger, confirmed=bekraeftet).order_by("-pk").first()


def backupkoder(bruger: AbstractUser) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=bruger, confirmed=True).first()


def antal_ubrugte_backupkoder(bruger: AbstractUser) -> int:
    return StaticToken.objects.filter(device__user=bruger, device__confirmed=True).count()
