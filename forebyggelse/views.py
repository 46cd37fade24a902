from django.shortcuts import render

from kommuner.models import Rolle
from kommuner.permissions import ansoegninger_til_laesning, programmer_til_laesning
from kommuner.roller import kommuner_til_skrivning, rolle
from kommuner.selectors import kommuner_for_oversigt


def forside(request):
    """Each role's overview after login: the programmes, and the municipalities the user works with."""
    brugerrolle = rolle(request.user)
    if not brugerrolle:
        return render(request, "forside/uden_rolle.html")
    programmer = list(programmer_til_laesning(request.user))
    if brugerrolle == Rolle.PROJEKTLEDER:
        ansoegninger = {}
        for ansoegning in ansoegninger_til_laesning(request.user).filter(program__in=programmer).uden_tekst():
            ansoegninger.setdefault(ansoegning.program_id, []).append(ansoegning)
        for program in programmer:
            program.mine_ansoegninger = ansoegninger.get(program.pk, [])
        return render(
            request,
            "forside/projektleder.html",
            {"kommuner": kommuner_til_skrivning(request.user).with_gruppe(), "programmer": programmer},
        )
    return render(
        request,
        f"forside/{brugerrolle}.html",
        {"kommuner": kommuner_for_oversigt(request.user), "programmer": programmer},
    )
