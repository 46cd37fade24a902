"""Every write of a NemLog-in login: who the person is here (bind, invite, refuse) and the log. The rules
(docs/decisions/0060):

- A person is their persistent professional UUID. At the first login it binds to a user; later logins with it must
  come from the same organisation (CVR number), or they are refused: a lead who moves to another municipality
  does not take the old municipality's data along.
- The first login needs an open invitation from the ministry with the same e-mail address and CVR number, or,
  where settings.NEMLOGIN_PRIVILEGIER is set, a privilege for the portal given in that organisation. It decides
  the role and, for a project lead, the municipality (the one whose CVR number it is).
- The assertion's NSIS assurance level must be at least settings.NEMLOGIN_NIVEAU; it stands in for the second
  factor, so a NemLog-in login never asks for a code.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from forebyggelse.roller import Rolle
from kommuner.models import Kommune, valider_cvr
from nemlogin.attributter import NIVEAU_NAVNE, Afvist, Paastand
from nemlogin.models import Haendelse, Identitet, Invitation

INVITATION_GYLDIG = timedelta(days=30)
INGEN_ADGANG = (
    "Du har ikke adgang til Forebyggelsesportalen endnu. Adgang gives af ministeriets sekretariat: bed dem om en "
    "invitation til den e-mailadresse, du bruger med MitID Erhverv ({email}), og din organisation (CVR {cvr})."
)


def _ministeriets_cvr() -> str:
    return settings.MINISTERIETS_CVR or ""


def _kommune_med_cvr(cvr: str) -> Kommune | None:
    return Kommune.objects.filter(cvr=cvr).order_by("pk").first() if cvr else None


def _rolle_passer_til_organisation(rolle: str, cvr: str) -> Kommune | None:
    """A project lead's organisation is a municipality, whose CVR number decides which; the ministry's own staff
    come with the ministry's. Raises Afvist when the two do not fit."""
    if rolle == Rolle.PROJEKTLEDER:
        kommune = _kommune_med_cvr(cvr)
        if kommune is None:
            raise Afvist(f"CVR-nummeret {cvr} er ikke en kommunes i portalen, så du kan ikke være projektleder her.")
        return kommune
    if rolle == Rolle.MINISTERIET and cvr != _ministeriets_cvr():
        raise Afvist(f"Ministeriets medarbejdere logger ind for ministeriet, ikke for CVR-nummer {cvr}.")
    return None


def _kendt_cvr(cvr: str) -> bool:
    return bool(
        cvr == _ministeriets_cvr()
        or _kommune_med_cvr(cvr)
        or Invitation.objects.filter(cvr=cvr).exists()
        or Identitet.objects.filter(cvr=cvr).exists()
    )


def _rolle_fra_privilegier(paastand: Paastand) -> str:
    praefiks = settings.NEMLOGIN_PRIVILEGIER
    if not praefiks:
        return ""
    roller = {p.removeprefix(praefiks) for p in paastand.privilegier.get(paastand.cvr, set()) if p.startswith(praefiks)}
    # More than one portal privilege: the one with least access wins, so a mistake never widens access.
    for rolle in (Rolle.STYREGRUPPE, Rolle.PROJEKTLEDER, Rolle.EVALUATOR, Rolle.MINISTERIET):
        if rolle in roller:
            return rolle
    return ""


def _brugernavn(email: str, uuid: str) -> str:
    Bruger = get_user_model()
    grundlag = (email or f"nemlogin-{uuid.removeprefix('urn:uuid:')[:8]}")[:140]
    navn, nummer = grundlag, 1
    while Bruger.objects.filter(username__iexact=navn).exists():
        nummer += 1
        navn = f"{grundlag}-{nummer}"
    return navn


def _ny_bruger(paastand: Paastand, rolle: str, kommune: Kommune | None) -> AbstractUser:
    Bruger = get_user_model()
    bruger = Bruger(
        username=_brugernavn(paastand.email, paastand.uuid),
        email=paastand.email,
        first_name=paastand.fornavn[:150],
        last_name=paastand.efternavn[:150],
        rolle=rolle,
    )
    # No password: this person logs in with MitID Erhverv only.
    bruger.set_unusable_password()
    bruger.save()
    if kommune is not None:
        bruger.kommuner.add(kommune)
    return bruger


def _foerste_login(paastand: Paastand) -> tuple[AbstractUser, str]:
    invitation = (
        Invitation.objects.select_for_update()
        .filter(
            email__iexact=paastand.email,
            cvr=paastand.cvr,
            brugt__isnull=True,
            tilbagekaldt__isnull=True,
            udloeber__gt=timezone.now(),
        )
        .order_by("-oprettet", "-pk")
        .first()
        if paastand.email
        else None
    )
    if invitation is not None:
        kommune = _rolle_passer_til_organisation(invitation.rolle, paastand.cvr)
        bruger = _ny_bruger(paastand, invitation.rolle, kommune or invitation.kommune)
        invitation.brugt = timezone.now()
        invitation.bruger = bruger
        invitation.save(update_fields=["brugt", "bruger"])
        return bruger, "invitation"
    rolle = _rolle_fra_privilegier(paastand)
    if rolle:
        kommune = _rolle_passer_til_organisation(rolle, paastand.cvr)
        if rolle != Rolle.PROJEKTLEDER and paastand.cvr != _ministeriets_cvr():
            raise Afvist(f"Rollen kan kun gives af ministeriet, ikke af organisationen med CVR-nummer {paastand.cvr}.")
        return _ny_bruger(paastand, rolle, kommune), "privilegie"
    if not _kendt_cvr(paastand.cvr):
        raise Afvist(
            f"Du loggede ind for en organisation med CVR-nummer {paastand.cvr}"
            f"{f' ({paastand.organisation})' if paastand.organisation else ''}, som hverken er en kommune eller "
            "ministeriet i portalen. Log ind for din kommune, eller bed ministeriets sekretariat om adgang."
        )
    raise Afvist(INGEN_ADGANG.format(email=paastand.email or "ingen e-mail i dit MitID Erhverv", cvr=paastand.cvr))


def _laas_person(uuid: str) -> None:
    """Two first logins of one person at once (two tabs, a double click on "Godkend") would make two users; there is
    no row to lock before the first exists, so the person's UUID is locked for the rest of the transaction
    (a PostgreSQL advisory lock, docs/decisions/0060)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", ["nemlogin:" + uuid])


@transaction.atomic
def nemlogin_login(*, paastand: Paastand) -> AbstractUser:
    """The user this NemLog-in login is, made at the first login from an invitation or a privilege; raises Afvist
    with the reason when the person may not come in. The person (and, the first time, the invitations) is locked,
    so two logins at once cannot make two users for one person or use one invitation twice."""
    if not paastand.niveau_mindst(settings.NEMLOGIN_NIVEAU):
        raise Afvist(
            f"Du loggede ind på sikringsniveau {NIVEAU_NAVNE.get(paastand.niveau, paastand.niveau or 'ukendt')}, "
            f"men portalen kræver mindst niveau {NIVEAU_NAVNE[settings.NEMLOGIN_NIVEAU]}. Log ind igen med MitID "
            "Erhverv på det niveau."
        )
    try:
        valider_cvr(paastand.cvr)
    except ValidationError as exc:
        raise Afvist(f"Svaret fra NemLog-in har ikke et gyldigt CVR-nummer ({paastand.cvr[:20]}).") from exc
    _laas_person(paastand.uuid)
    identitet = Identitet.objects.select_related("bruger").filter(uuid=paastand.uuid).first()
    if identitet is None:
        bruger, kilde = _foerste_login(paastand)
        Identitet.objects.create(bruger=bruger, uuid=paastand.uuid, cvr=paastand.cvr, kilde=kilde)
        return bruger
    bruger = identitet.bruger
    if identitet.cvr != paastand.cvr:
        raise Afvist(
            f"Din adgang til portalen hører til organisationen med CVR-nummer {identitet.cvr}, men du loggede ind for "
            f"CVR-nummer {paastand.cvr}. Bed ministeriets sekretariat om en invitation til den nye organisation."
        )
    if not bruger.is_active:
        raise Afvist(
            "Din bruger i portalen er lukket. Kontakt ministeriets sekretariat, hvis du skal have adgang igen."
        )
    if identitet.kilde == "privilegie" and settings.NEMLOGIN_PRIVILEGIER:
        # The organisation's own user administration gave the role, and can take it back.
        rolle = _rolle_fra_privilegier(paastand)
        if not rolle:
            raise Afvist("Din organisation har ikke længere givet dig adgang til Forebyggelsesportalen.")
        if rolle != bruger.rolle:
            _rolle_passer_til_organisation(rolle, paastand.cvr)
            bruger.rolle = rolle
            bruger.save(update_fields=["rolle"])
    return bruger


def haendelse_noter(
    *,
    udfald: str,
    aarsag: str = "",
    paastand: Paastand | None = None,
    bruger: AbstractUser | None = None,
    ip: str | None = None,
) -> Haendelse:
    return Haendelse.objects.create(
        udfald=udfald,
        aarsag=aarsag[:300],
        uuid=(paastand.uuid if paastand else "")[:100],
        cvr=(paastand.cvr if paastand else "")[:8],
        email=(paastand.email if paastand else getattr(bruger, "email", ""))[:254],
        niveau=(paastand.niveau if paastand else "")[:20],
        bruger=bruger,
        ip=ip,
    )


# Invitations ----------------------------------------------------------------------------------------------


def invitation_opret(
    *, af: AbstractUser, email: str, rolle: str, kommune: Kommune | None = None, cvr: str = ""
) -> Invitation:
    """An invitation for a project lead names the municipality, whose CVR number it takes; the other roles come from
    the ministry (its CVR number) or, for an evaluator or a steering-group member, the organisation given. An
    earlier open invitation to the same address is revoked: the newest one counts."""
    email = email.strip().lower()
    if rolle == Rolle.PROJEKTLEDER:
        if kommune is None:
            raise ValidationError({"kommune": "Vælg den kommune, projektlederen arbejder for."})
        if not kommune.cvr:
            raise ValidationError(
                {"kommune": f"{kommune.navn} har ikke noget CVR-nummer i portalen endnu. Skriv det på kommunens side."}
            )
        cvr = kommune.cvr
    else:
        kommune = None
        cvr = (cvr or _ministeriets_cvr()).strip()
        if not cvr:
            raise ValidationError({"cvr": "Skriv CVR-nummeret på den organisation, personen logger ind for."})
        if rolle == Rolle.MINISTERIET and cvr != _ministeriets_cvr():
            raise ValidationError({"cvr": "Ministeriets medarbejdere inviteres med ministeriets CVR-nummer."})
        try:
            valider_cvr(cvr)
        except ValidationError as exc:
            raise ValidationError({"cvr": exc.messages}) from exc
    nu = timezone.now()
    with transaction.atomic():
        Invitation.objects.select_for_update().filter(
            email__iexact=email, brugt__isnull=True, tilbagekaldt__isnull=True
        ).update(tilbagekaldt=nu)
        invitation = Invitation(
            email=email,
            cvr=cvr,
            rolle=rolle,
            kommune=kommune,
            oprettet=nu,
            oprettet_af=af,
            udloeber=nu + INVITATION_GYLDIG,
        )
        invitation.full_clean()
        invitation.save()
        transaction.on_commit(lambda: _send_invitation(invitation))
    return invitation


def _send_invitation(invitation: Invitation) -> None:
    hvor = f" for {invitation.kommune.officielt_navn}" if invitation.kommune else ""
    send_mail(
        "Du er inviteret til Forebyggelsesportalen",
        f"Ministeriets sekretariat har givet dig adgang til Forebyggelsesportalen som "
        f"{invitation.get_rolle_display().lower()}{hvor}.\n\n"
        f"Log ind med MitID Erhverv på {settings.PORTAL_URL}{reverse('login')} senest "
        f"{timezone.localtime(invitation.udloeber):%d.%m.%Y}. Brug den e-mailadresse, invitationen er sendt til, "
        "og log ind for din organisation (CVR-nummer " + invitation.cvr + ").\n",
        None,
        [invitation.email],
    )


@transaction.atomic
def invitation_tilbagekald(*, invitation: Invitation) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.brugt is None and invitation.tilbagekaldt is None:
        invitation.tilbagekaldt = timezone.now()
        invitation.save(update_fields=["tilbagekaldt"])
    return invitation
