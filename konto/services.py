"""Writes to a user's two-factor devices. django-otp's models hold the secrets; these services decide how they
are made, confirmed, checked and removed.

A code is checked inside a transaction block that is left before the ValidationError is raised: django-otp
counts a wrong code on the device (and makes the next attempt wait), and raising inside the block would roll
that count back.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kommuner.models import Bruger

ANTAL_BACKUPKODER = 10

FORKERT_KODE = "Koden er forkert eller udløbet. Skriv den kode, appen viser nu, eller en af dine backupkoder."
FOR_MANGE = "Der er skrevet forkerte koder for mange gange. Vent et minut, og prøv igen."


def normaliser_kode(kode: str) -> str:
    """'123 456' → '123456'; 'ABCD-EFGH' → 'abcdefgh': people copy codes with spaces and dashes."""
    return "".join(tegn for tegn in kode if tegn not in " -\t").lower()


def _er_appkode(kode: str) -> bool:
    return len(kode) == 6 and kode.isdigit()


@transaction.atomic
def totp_opret(*, bruger: Bruger) -> TOTPDevice:
    """A new, not yet confirmed authenticator for the user; an earlier unconfirmed one is dropped."""
    TOTPDevice.objects.filter(user=bruger, confirmed=False).delete()
    enhed = TOTPDevice(user=bruger, name="Godkendelses-app", confirmed=False)
    enhed.full_clean()
    enhed.save()
    return enhed


def totp_bekraeft(*, bruger: Bruger, kode: str) -> TOTPDevice:
    """Confirm the user's new authenticator with a code it shows. It replaces any earlier one, and the user gets
    fresh backup codes (read them with konto.selectors.backupkoder)."""
    kode = normaliser_kode(kode)
    with transaction.atomic():
        enhed = TOTPDevice.objects.select_for_update().filter(user=bruger, confirmed=False).order_by("-pk").first()
        if enhed is None:
            raise ValidationError("Start opsætningen forfra: der er ingen ny godkendelses-app at bekræfte.")
        tilladt = enhed.verify_is_allowed()[0]
        godkendt = tilladt and _er_appkode(kode) and enhed.verify_token(kode)
    if not tilladt:
        raise ValidationError({"kode": FOR_MANGE})
    if not _er_appkode(kode):
        raise ValidationError({"kode": "Skriv de 6 cifre, appen viser – uden bogstaver."})
    if not godkendt:
        raise ValidationError(
            {
                "kode": "Koden passer ikke. Tjek, at du har skannet den nyeste QR-kode, og skriv "
                "den kode, appen viser nu."
            }
        )
    with transaction.atomic():
        TOTPDevice.objects.filter(user=bruger, confirmed=True).delete()
        enhed.confirmed = True
        enhed.full_clean()
        enhed.save(update_fields=["confirmed"])
        backupkoder_opret(bruger=bruger)
    return enhed


@transaction.atomic
def backupkoder_opret(*, bruger: Bruger) -> StaticDevice:
    """Ten new one-time backup codes; the user's earlier ones stop working."""
    enhed, _ = StaticDevice.objects.select_for_update().get_or_create(
        user=bruger, defaults={"name": "Backupkoder", "confirmed": True}
    )
    enhed.token_set.all().delete()
    StaticToken.objects.bulk_create(
        [StaticToken(device=enhed, token=StaticToken.random_token()) for _ in range(ANTAL_BACKUPKODER)]
    )
    return enhed


def tofaktor_kode_tjek(*, bruger: Bruger, kode: str) -> Device:
    """The device that accepts the code: six digits are checked against the authenticator, anything else
    against the backup codes (each works once). A wrong code raises a Danish ValidationError on `kode`."""
    kode = normaliser_kode(kode)
    with transaction.atomic():
        model = TOTPDevice if _er_appkode(kode) else StaticDevice
        enheder = list(model.objects.select_for_update().filter(user=bruger, confirmed=True))
        tilladt = [enhed for enhed in enheder if enhed.verify_is_allowed()[0]]
        godkendt = next((enhed for enhed in tilladt if enhed.verify_token(kode)), None)
    if godkendt is not None:
        return godkendt
    raise ValidationError({"kode": FOR_MANGE if enheder and not tilladt else FORKERT_KODE})


@transaction.atomic
def tofaktor_slaa_fra(*, bruger: Bruger) -> Bruger:
    """Remove the user's authenticator and backup codes: from now on the password alone logs in."""
    TOTPDevice.objects.filter(user=bruger).delete()
    StaticDevice.objects.filter(user=bruger).delete()
    return bruger
