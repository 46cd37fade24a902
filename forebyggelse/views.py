from django.shortcuts import render

from kommuner.models import Rolle
from kommuner.roller import kommuner_til_skrivning, rolle
from kommuner.selectors import kommuner_for_oversigt


def forside(request):
    """Each role's overview after login."""
    brugerrolle = rolle(request.user)
    if brugerrolle == Rolle.PROJEKTLEDER:
        kommuner = kommuner_til_skrivning(request.user).with_gruppe()
        return render(request, "forside/projektleder.html", {"kommuner": kommuner})
    if brugerrolle in {Rolle.MINISTERIET, Rolle.EVALUATOR, Rolle.STYREGRUPPE}:
        return render(
            request,
            f"forside/{brugerrolle}.html",
            {"kommuner": kommuner_for_oversigt(request.user)},
        )
    return render(request, "forside/uden_rolle.html")
