"""What nemlogin adds to pages of lower apps (forebyggelse/sektioner.py, docs/decisions/0053): konto knows nothing
of invitations, so the link to them on Min konto comes from here."""

from django.template.loader import render_to_string

from nemlogin.permissions import kan_invitere


def kontosektion(request, bruger) -> str:
    """Min konto: the ministry's way to its invitations and the log of NemLog-in logins, beside its API keys."""
    if not kan_invitere(request.user)[0]:
        return ""
    return render_to_string("nemlogin/_konto_sektion.html", request=request)
