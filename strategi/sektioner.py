"""strategi's sections on other apps' pages (forebyggelse/sektioner.py), registered in strategi/apps.py."""

from django.template.loader import render_to_string

from forebyggelse.roller import er_projektleder
from kommuner.models import Program
from kommuner.permissions import deltagelser_til_laesning
from kommuner.roller import skriver_for
from strategi.permissions import kan_oprette_strategi, kan_se_oversigt
from strategi.selectors import strategier_i_program


def programsektion(request, program: Program) -> str:
    """The programme page's section on strategies: each participant the user may read with the strategy the user
    may read, the button for a lead to create their own, and the overviews for the roles that have them. A lead
    sees their own participations and the approved strategies of the others, nothing about the rest (one query,
    plus one per own participation without a strategy)."""
    user = request.user
    leder = er_projektleder(user)
    raekker = []
    for deltagelse, strategi in strategier_i_program(program, user, deltagelser=deltagelser_til_laesning(user)):
        egen = leder and skriver_for(user, deltagelse.kommune_id)
        if leder and strategi is None and not egen:
            continue
        raekker.append(
            {
                "deltagelse": deltagelse,
                "strategi": strategi,
                "kan_oprette": egen and strategi is None and kan_oprette_strategi(user, deltagelse)[0],
            }
        )
    return render_to_string(
        "strategi/_program_strategier.html",
        {"program": program, "raekker": raekker, "oversigt": kan_se_oversigt(user, program)[0]},
        request=request,
    )
