"""The reads of the ministry's page of invitations and NemLog-in logins, each with the rows it shows beside it, so
the page asks the database the same number of times for 5 invitations as for 500."""

from django.db.models import QuerySet

from nemlogin.models import Haendelse, Invitation

SENESTE_HAENDELSER = 50


def alle_invitationer() -> QuerySet[Invitation]:
    """Every invitation, newest first, open, used, expired and revoked: who made it, for which municipality, and
    who came in with it."""
    return Invitation.objects.select_related("oprettet_af", "bruger", "kommune")


def seneste_haendelser(antal: int = SENESTE_HAENDELSER) -> list[Haendelse]:
    """The latest NemLog-in logins and logouts, accepted or refused, newest first, with the user each was."""
    return list(Haendelse.objects.select_related("bruger")[:antal])
