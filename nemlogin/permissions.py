"""Who may let people in: only the ministry invites users to log in with MitID Erhverv, revokes invitations and
reads the log of NemLog-in logins (docs/decisions/0060)."""

from forebyggelse.adgang import get_or_404
from forebyggelse.roller import er_ministeriet
from nemlogin.models import Invitation
from nemlogin.selectors import alle_invitationer


def kan_invitere(user) -> tuple[bool, str]:
    if not er_ministeriet(user):
        return False, "Kun ministeriet kan invitere brugere og se, hvem der har logget ind med MitID Erhverv."
    return True, ""


def access_invitation(user, pk: int) -> Invitation:
    """Any invitation for the ministry, none for anybody else: one 404 for one that does not exist and one the user
    may not see."""
    invitationer = alle_invitationer() if er_ministeriet(user) else Invitation.objects.none()
    return get_or_404(invitationer, pk=pk)
