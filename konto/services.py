"""Writes to a user's two-factor devices and to the list of sessions they are logged in with. django-otp's models
hold the secrets; these services decide how they are made, confirmed, checked and removed.

Every change to a user's two-factor login (switched on, a new app, new backup codes, switched off) ends the user's
other sessions and e-mails the user (docs/decisions/0037). It locks the user's row first, and so does a new login
before it notes its session (loginsession_opret): a login in the middle of a change is either on the list the change
ends, or reads the user's devices after the change and is asked for a code.

A code is checked inside a transaction block that is left before the ValidationError is raised: django-otp
counts a wrong code on the device (and makes the next attempt wait), and raising inside the block would roll
that count back.
"""

import secrets
from datetime import date, datetime, timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from konto import notifikationer
from konto.models import ApiNoegle, Brugervalg, Loginsession
from konto.selectors import antal_gyldige_api_noegler, api_noegle_hash, har_tofaktor

ANTAL_BACKUPKODER = 10

FORKERT_KODE = "Koden er forkert eller udløbet. Skriv den kode, appen viser nu, eller en af dine backupkoder."
FOR_MANGE = "Der er skrevet forkerte koder for mange gange. Vent et minut, og prøv igen."
SKIFT_KRAEVER_KODE = (
    "Du har allerede tofaktor-login. Skriv en kode fra din nuværende app eller en backupkode for at skifte app."
)


def normaliser_kode(kode: str) -> str:
    """'123 456' → '123456'; 'ABCD-EFGH' → 'abcdefgh': people copy codes with spaces and dashes."""
    return "".join(tegn for tegn in kode if tegn not in " -\t").lower()


def _er_appkode(kode: str) -> bool:
    return len(kode) == 6 and kode.isdigit()


def _laas(bruger: AbstractUser) -> None:
    """Changes to the user's two-factor login and the user's new logins take turns."""
    get_user_model().objects.select_for_update().values_list("pk", flat=True).get(pk=bruger.pk)


def _andre_sessioner_afslut(bruger: AbstractUser, behold_session: str | None) -> None:
    """Log the user out everywhere but in the session making the change (None: everywhere), by deleting the
    sessions from the session store: their cookies then lead to the login page."""
    andre = Loginsession.objects.filter(bruger=bruger)
    if behold_session:
        andre = andre.exclude(session_noegle=behold_session)
    session_store = import_module(settings.SESSION_ENGINE).SessionStore
    for noegle in andre.values_list("session_noegle", flat=True):
        session_store(session_key=noegle).delete()
    andre.delete()


def totp_opret(*, bruger: AbstractUser, nuvaerende_kode: str | None = None) -> TOTPDevice:
    """A new, not yet confirmed authenticator for the user; an earlier unconfirmed one is dropped.

    A user who has two-factor login already must give a code from it or a backup code (`nuvaerende_kode`) first:
    otherwise a session that came in with the password alone could put its own app in place of the user's. This is
    the only way an unconfirmed authenticator is made, so one that exists for a user with two-factor login was
    made with a code, and totp_bekraeft need not ask again."""
    fejl = None
    with transaction.atomic():
        _laas(bruger)
        try:
            if har_tofaktor(bruger):
                if nuvaerende_kode is None:
                    raise ValidationError(SKIFT_KRAEVER_KODE)
                tofaktor_kode_tjek(bruger=bruger, kode=nuvaerende_kode)
        except ValidationError as exc:
            fejl = exc  # raised after the block, so django-otp's count of the wrong code is kept
        else:
            TOTPDevice.objects.filter(user=bruger, confirmed=False).delete()
            enhed = TOTPDevice(user=bruger, name="Godkendelses-app", confirmed=False)
            enhed.full_clean()
            enhed.save()
    if fejl is not None:
        raise fejl
    return enhed


def _bekraeftelsesfejl(enhed: TOTPDevice | None, kode: str) -> ValidationError | None:
    if enhed is None:
        return ValidationError("Start opsætningen forfra: der er ingen ny godkendelses-app at bekræfte.")
    if not enhed.verify_is_allowed()[0]:
        return ValidationError({"kode": FOR_MANGE})
    if not _er_appkode(kode):
        return ValidationError({"kode": "Skriv de 6 cifre, appen viser – uden bogstaver."})
    if not enhed.verify_token(kode):
        return ValidationError(
            {
                "kode": "Koden passer ikke. Tjek, at du har skannet den nyeste QR-kode, og skriv "
                "den kode, appen viser nu."
            }
        )
    return None


def totp_bekraeft(*, bruger: AbstractUser, kode: str, behold_session: str | None) -> TOTPDevice:
    """Confirm the user's new authenticator with a code it shows. It replaces any earlier one, the user gets
    fresh backup codes (read them with konto.selectors.backupkoder), the user's sessions but `behold_session`
    end, and the user is told by e-mail."""
    kode = normaliser_kode(kode)
    with transaction.atomic():
        _laas(bruger)
        enhed = TOTPDevice.objects.select_for_update().filter(user=bruger, confirmed=False).order_by("-pk").first()
        fejl = _bekraeftelsesfejl(enhed, kode)
        if fejl is None:
            udskiftet = har_tofaktor(bruger)
            TOTPDevice.objects.filter(user=bruger, confirmed=True).delete()
            enhed.confirmed = True
            enhed.full_clean()
            enhed.save(update_fields=["confirmed"])
            _backupkoder_lav(bruger)
            _andre_sessioner_afslut(bruger, behold_session)
            notifikationer.tofaktor_aendret(bruger, notifikationer.NY_APP if udskiftet else notifikationer.SLAAET_TIL)
    if fejl is not None:
        raise fejl
    return enhed


def _backupkoder_lav(bruger: AbstractUser) -> StaticDevice:
    """Ten new one-time backup codes; the user's earlier ones stop working."""
    enhed, _ = StaticDevice.objects.select_for_update().get_or_create(
        user=bruger, defaults={"name": "Backupkoder", "confirmed": True}
    )
    enhed.token_set.all().delete()
    StaticToken.objects.bulk_create(
        [StaticToken(device=enhed, token=StaticToken.random_token()) for _ in range(ANTAL_BACKUPKODER)]
    )
    return enhed


@transaction.atomic
def backupkoder_forny(*, bruger: AbstractUser, behold_session: str | None) -> StaticDevice:
    """Ten new backup codes in place of the old ones; the user's sessions but `behold_session` end, and the user is
    told by e-mail. Only for a user with an authenticator: backup codes alone would switch two-factor login on
    with codes that only this session has seen."""
    _laas(bruger)
    if not TOTPDevice.objects.filter(user=bruger, confirmed=True).exists():
        raise ValidationError("Slå tofaktor-login til først; så får du backupkoder med.")
    enhed = _backupkoder_lav(bruger)
    _andre_sessioner_afslut(bruger, behold_session)
    notifikationer.tofaktor_aendret(bruger, notifikationer.NYE_BACKUPKODER)
    return enhed


def tofaktor_kode_tjek(*, bruger: AbstractUser, kode: str) -> Device:
    """The device that accepts the code: six digits are checked against the authenticator, anything else
    against the backup codes (each works once). A wrong code raises a Danish ValidationError on `kode`."""
    kode = normaliser_kode(kode)
    with transaction.atomic():
        _laas(bruger)  # before the devices, in the same order as every change
        model = TOTPDevice if _er_appkode(kode) else StaticDevice
        enheder = list(model.objects.select_for_update().filter(user=bruger, confirmed=True))
        tilladt = [enhed for enhed in enheder if enhed.verify_is_allowed()[0]]
        godkendt = next((enhed for enhed in tilladt if enhed.verify_token(kode)), None)
    if godkendt is not None:
        return godkendt
    raise ValidationError({"kode": FOR_MANGE if enheder and not tilladt else FORKERT_KODE})


@transaction.atomic
def tofaktor_slaa_fra(*, bruger: AbstractUser, behold_session: str | None) -> AbstractUser:
    """Remove the user's authenticator and backup codes: from now on the password alone logs in. The user's
    sessions but `behold_session` end, and the user is told by e-mail."""
    _laas(bruger)
    TOTPDevice.objects.filter(user=bruger).delete()
    StaticDevice.objects.filter(user=bruger).delete()
    _andre_sessioner_afslut(bruger, behold_session)
    notifikationer.tofaktor_aendret(bruger, notifikationer.SLAAET_FRA)
    return bruger


# The list of sessions -----------------------------------------------------------------------------------------


@transaction.atomic
def loginsession_opret(*, bruger: AbstractUser, session_noegle: str) -> Loginsession:
    """Note a new login's session, so a later change to the user's two-factor login can end it. Rows of logins
    older than the 12-hour limit go: those sessions are over anyway (konto/middleware.py)."""
    _laas(bruger)
    graense = timezone.now() - timedelta(seconds=settings.SESSION_ABSOLUT_SEKUNDER)
    Loginsession.objects.filter(bruger=bruger, oprettet__lt=graense).delete()
    loginsession, _ = Loginsession.objects.update_or_create(
        session_noegle=session_noegle, defaults={"bruger": bruger, "oprettet": timezone.now()}
    )
    return loginsession


def loginsession_slet(*, session_noegle: str) -> None:
    """The user logged out of this session."""
    Loginsession.objects.filter(session_noegle=session_noegle).delete()


def _brugervalg(bruger: AbstractUser) -> Brugervalg:
    valg, _ = Brugervalg.objects.select_for_update().get_or_create(bruger=bruger)
    return valg


@transaction.atomic
def login_registrer(*, bruger: AbstractUser) -> datetime | None:
    """Note this login's time and give the one before it (None: the first login), which "new since your last
    visit" counts from for the whole session."""
    valg = _brugervalg(bruger)
    forrige = valg.sidste_login
    valg.sidste_login = timezone.now()
    valg.save(update_fields=["sidste_login"])
    return forrige


@transaction.atomic
def ugentlig_oversigt_saet(*, bruger: AbstractUser, til: bool) -> Brugervalg:
    valg = _brugervalg(bruger)
    valg.ugentlig_oversigt = til
    valg.save(update_fields=["ugentlig_oversigt"])
    return valg


@transaction.atomic
def ugentlig_oversigt_noter(*, bruger: AbstractUser, uge: date) -> None:
    """The weekly e-mail for the week beginning `uge` has gone to the user: a rerun that week skips them."""
    valg = _brugervalg(bruger)
    valg.oversigt_sendt = uge
    valg.save(update_fields=["oversigt_sendt"])


# Personal API keys (docs/decisions/0059) -----------------------------------------------------------------------

API_NOEGLE_PRAEFIKS = "fbp_"
# How often "sidst brugt" is written: a script reading thousands of pages writes it once a minute, not per page.
SIDST_BRUGT_INTERVAL = timedelta(minutes=1)
MAKS_GYLDIGE_API_NOEGLER = 10


def _api_noegle_plads(bruger: AbstractUser) -> None:
    """A user has at most MAKS_GYLDIGE_API_NOEGLER valid keys: each one is a way in as the user, so old ones are
    revoked rather than piled up. Counted under the lock of the user's row, so two requests at once cannot both
    see room for one more."""
    if antal_gyldige_api_noegler(bruger) >= MAKS_GYLDIGE_API_NOEGLER:
        raise ValidationError(
            f"Du har allerede {MAKS_GYLDIGE_API_NOEGLER} gyldige API-nøgler, og det er det højeste antal. "
            "Tilbagekald en, du ikke bruger længere, før du laver en ny."
        )


def api_noegle_opret(*, bruger: AbstractUser, navn: str, gyldig_dage: int) -> tuple[ApiNoegle, str]:
    """A new key and its text, which is shown once and never stored."""
    if not 1 <= gyldig_dage <= 365:
        raise ValidationError({"gyldig_dage": "En API-nøgle kan gælde fra 1 til 365 dage."})
    klartekst = API_NOEGLE_PRAEFIKS + secrets.token_urlsafe(32)
    with transaction.atomic():
        _laas(bruger)
        _api_noegle_plads(bruger)
        nu = timezone.now()
        noegle = ApiNoegle(
            bruger=bruger,
            navn=navn.strip(),
            praefiks=klartekst[:10],
            noegle_hash=api_noegle_hash(klartekst),
            oprettet=nu,
            udloeber=nu + timedelta(days=gyldig_dage),
        )
        noegle.full_clean()
        noegle.save()
    return noegle, klartekst


@transaction.atomic
def api_noegle_tilbagekald(*, noegle: ApiNoegle, af: AbstractUser) -> ApiNoegle:
    """The key stops working at once, by its owner's or the ministry's hand (`af`). A key revoked already keeps
    who revoked it first and when."""
    noegle = ApiNoegle.objects.select_for_update().get(pk=noegle.pk)
    if noegle.tilbagekaldt is None:
        noegle.tilbagekaldt = timezone.now()
        noegle.tilbagekaldt_af = af
        noegle.save(update_fields=["tilbagekaldt", "tilbagekaldt_af"])
    return noegle


def api_noegle_brugt(*, noegle: ApiNoegle, nu: datetime) -> None:
    """Notes when the key was last used, at most once a minute, with one conditional UPDATE (no lock taken)."""
    if noegle.sidst_brugt is not None and nu - noegle.sidst_brugt < SIDST_BRUGT_INTERVAL:
        return
    ApiNoegle.objects.filter(pk=noegle.pk).filter(
        models.Q(sidst_brugt__isnull=True) | models.Q(sidst_brugt__lt=nu - SIDST_BRUGT_INTERVAL)
    ).update(sidst_brugt=nu)
    noegle.sidst_brugt = nu
