"""The ministry's page of invitations (who may log in with MitID Erhverv, docs/decisions/0060) and the log of the
latest NemLog-in logins."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from forebyggelse.adgang import kraev
from forebyggelse.formatering import dato
from forebyggelse.forms import service_fejl_paa_form
from forebyggelse.http import require_safe_or_POST
from nemlogin import services
from nemlogin.forms import InvitationForm
from nemlogin.permissions import access_invitation, kan_invitere
from nemlogin.selectors import SENESTE_HAENDELSER, alle_invitationer, seneste_haendelser

PR_SIDE = 50


@require_safe_or_POST
def invitationer(request):
    """GET: the invitations, the form for a new one and the latest logins. POST: invite, and back to the page (a
    refused invitation shows the page again with the form's errors and what was typed)."""
    kraev(kan_invitere(request.user))
    form = InvitationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            data = form.cleaned_data
            invitation = services.invitation_opret(
                af=request.user, email=data["email"], rolle=data["rolle"], kommune=data["kommune"], cvr=data["cvr"]
            )
        except ValidationError as exc:
            service_fejl_paa_form(form, exc)
        else:
            messages.success(
                request,
                f"Invitationen er sendt til {invitation.email}. Den gælder til {dato(invitation.udloeber)}.",
            )
            return redirect("nemlogin:invitationer")
    side = Paginator(alle_invitationer(), PR_SIDE).get_page(request.GET.get("side"))
    context = {
        "form": form,
        "side": side,
        "sider": side.paginator.get_elided_page_range(side.number),
        "haendelser": seneste_haendelser(),
        "antal_haendelser": SENESTE_HAENDELSER,
    }
    return render(request, "nemlogin/invitationer.html", context, status=400 if form.errors else 200)


@require_POST
def invitation_tilbagekald(request, pk):
    """Revoke an open invitation. One already used, revoked or expired is left as it is: a second click (or two
    people at once) changes nothing."""
    kraev(kan_invitere(request.user))
    invitation = access_invitation(request.user, pk)
    if invitation.aaben():
        services.invitation_tilbagekald(invitation=invitation)
        messages.success(request, f"Invitationen til {invitation.email} er tilbagekaldt og kan ikke bruges mere.")
    else:
        messages.info(request, f"Invitationen til {invitation.email} var ikke åben, så der var intet at tilbagekalde.")
    return redirect("nemlogin:invitationer")
