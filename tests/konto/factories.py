import time

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from kommuner.models import Bruger
from konto.selectors import backupkoder
from konto.services import totp_bekraeft, totp_opret


def kode(enhed: TOTPDevice, skridt: int = 0) -> str:
    """The code the user's app shows now (skridt=0) or in the next 30-second step (skridt=1)."""
    totp = TOTP(enhed.bin_key, enhed.step, enhed.t0, enhed.digits, enhed.drift)
    totp.time = time.time() + skridt * enhed.step
    return f"{totp.token():0{enhed.digits}d}"


def tofaktor_for(bruger: Bruger) -> tuple[TOTPDevice, list[str]]:
    """Two-factor login set up through the services; returns the authenticator and the ten backup codes."""
    enhed = totp_opret(bruger=bruger)
    totp_bekraeft(bruger=bruger, kode=kode(enhed), behold_session=None)
    # A code is accepted once per 30-second step; let the test use the current step again.
    TOTPDevice.objects.filter(pk=enhed.pk).update(last_t=-1)
    enhed.refresh_from_db()
    return enhed, list(backupkoder(bruger).token_set.values_list("token", flat=True))
