"""The front page. It gathers from every app, so it lives in the top layer (docs/decisions/0053)."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from forebyggelse import tid
from forebyggelse.opgaver import opgaveliste
from forebyggelse.roller import Rolle, rolle
from kommuner.permissions import ansoegninger_til_laesning, programmer_til_laesning
from kommuner.roller import kommuner_til_skrivning
from kommuner.selectors import kommuner_for_oversigt
from portal.opgaver import opgaver_til, programstatus_i_en_linje
from strategi.selectors import mine_deltagelser


@require_safe
def forside(request):
    """Each role's overview after login: what is due for the user (Mine opgaver), the programmes, and the
    municipalities the user works with."""
    brugerrolle = rolle(request.user)
    if not brugerrolle:
        return render(request, "forside/uden_rolle.html")
    opgaver = {
        "opgaver": opgaveliste(
            opgaver_til(request), art=request.GET.get("art", ""), alle=request.GET.get("alle") == "1"
        ),
        "i_dag": tid.i_dag(),
    }
    if brugerrolle == Rolle.STYREGRUPPE:
        opgaver["programstatus"] = programstatus_i_en_linje(request.user)
    programmer = list(programmer_til_laesning(request.user))
    if brugerrolle == Rolle.PROJEKTLEDER:
        ansoegninger = {}
        for ansoegning in (
            ansoegninger_til_laesning(request.user)
            .filter(program__in=programmer)
            .uden_tekst()
            .select_related("afgoerelse")
        ):
            ansoegninger.setdefault(ansoegning.program_id, []).append(ansoegning)
        strategier = {}
        for raekke in mine_deltagelser(request.user):
            strategier.setdefault(raekke.deltagelse.program_id, []).append(raekke)
        for program in programmer:
            program.mine_ansoegninger = ansoegninger.get(program.pk, [])
            program.mine_strategier = strategier.get(program.pk, [])
        return render(
            request,
            "forside/projektleder.html",
            {"kommuner": kommuner_til_skrivning(request.user).med_gruppe(), "programmer": programmer} | opgaver,
        )
    return render(
        request,
        f"forside/{brugerrolle}.html",
        {"kommuner": kommuner_for_oversigt(request.user), "programmer": programmer} | opgaver,
    )
