"""Reads about a user's two-factor devices (django-otp's TOTPDevice and StaticDevice) and the user's own choices."""

import hashlib
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.db.models import QuerySet
from django.utils import timezone
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from konto.models import ApiNoegle, Brugervalg


def har_tofaktor(bruger: AbstractUser) -> bool:
    """Whether logins must be confirmed with a code: the user has a confirmed authenticator or backup codes."""
    return user_has_device(bruger, confirmed=True)


def totp_enhed(bruger: AbstractUser, *, bekraeftet: bool = True) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=bruger, confirmed=bekraeftet).order_by("-pk").first()


def backupkoder(bruger: AbstractUser) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=bruger, confirmed=True).first()


def antal_ubrugte_backupkoder(bruger: AbstractUser) -> int:
    return StaticToken.objects.filter(device__user=bruger, device__confirmed=True).count()


def faar_ugentlig_oversigt(bruger: AbstractUser) -> bool:
    """On unless the user switched it off (a user who never chose has no row)."""
    valg = Brugervalg.objects.filter(bruger=bruger).values_list("ugentlig_oversigt", flat=True).first()
    return True if valg is None else valg


def modtagere_af_ugentlig_oversigt(uge: date) -> QuerySet:
    """The active users with a role and an e-mail address who have not switched the weekly e-mail off and have not
    had it for the week beginning `uge` (a Monday)."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(rolle="")
        .exclude(email="")
        .exclude(valg__ugentlig_oversigt=False)
        .exclude(valg__oversigt_sendt__gte=uge)
        .order_by("pk")
    )


def api_noegle_hash(klartekst: str) -> str:
    return hashlib.sha256(klartekst.encode()).hexdigest()


def api_noegle_til(klartekst: str) -> ApiNoegle | None:
    """The valid key (not expired, not revoked) with this text, with its owner."""
    return (
        ApiNoegle.objects.select_related("bruger")
        .filter(noegle_hash=api_noegle_hash(klartekst), tilbagekaldt__isnull=True, udloeber__gt=timezone.now())
        .first()
    )


def api_noegler(bruger: AbstractUser) -> QuerySet[ApiNoegle]:
    """The user's keys, newest first, revoked and expired ones too (Min konto lists them all)."""
    return ApiNoegle.objects.filter(bruger=bruger).select_related("tilbagekaldt_af")


def alle_api_noegler() -> QuerySet[ApiNoegle]:
    """Every user's keys, newest first, with their owners and who revoked them: the ministry's overview."""
    return ApiNoegle.objects.select_related("bruger", "tilbagekaldt_af")


def antal_gyldige_api_noegler(bruger: AbstractUser) -> int:
    return ApiNoegle.objects.filter(bruger=bruger, tilbagekaldt__isnull=True, udloeber__gt=timezone.now()).count()
