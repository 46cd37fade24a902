"""Template helpers for strategies: a goal's status and an action's colour as words with a sign (readable without
colour), a goal's value with its unit, and the strategies section of the programme page."""

from django import template
from django.utils.html import format_html

from kommuner.roller import er_projektleder, skriver_for
from strategi.maalstatus import TEGN, Maalstatus
from strategi.models import Farve, Maal
from strategi.permissions import kan_oprette_strategi, kan_se_oversigt
from strategi.selectors import strategier_i_program, vis_vaerdi

register = template.Library()

BADGE = {
    Maalstatus.NAAET: "badge-success",
    Maalstatus.PAA_VEJ: "badge-info",
    Maalstatus.BAGUD: "badge-warning",
    Maalstatus.INGEN_DATA: "",
}
FARVEKLASSE = {Farve.GROEN: "farve-groen", Farve.GUL: "farve-gul", Farve.ROED: "farve-roed"}


@register.simple_tag
def maalstatus(status: str):
    status = Maalstatus(status)
    return format_html(
        '<span class="badge {} maalstatus"><span aria-hidden="true">{} </span>{}</span>',
        BADGE[status],
        TEGN[status],
        status.label,
    )


@register.simple_tag
def farve(vaerdi: str):
    farve_ = Farve(vaerdi)
    return format_html(
        '<span class="farve {}"><span class="farveprik" aria-hidden="true"></span>{}</span>',
        FARVEKLASSE[farve_],
        farve_.label,
    )


@register.filter
def vaerdi(tal, maal: Maal) -> str:
    return vis_vaerdi(maal, tal)


@register.filter
def opslag(ordbog: dict, noegle):
    return ordbog.get(noegle, "") if ordbog else ""


@register.inclusion_tag("strategi/_program_strategier.html", takes_context=True)
def deltagerstrategier(context, program):
    """The programme page's section on strategies: each participant with the strategy the user may read, the button
    for a lead to create their own, and the overviews for the roles that have them. A lead sees their own
    participations and the approved strategies of the others, nothing about the rest (one query, plus one per own
    participation without a strategy)."""
    user = context["request"].user
    leder = er_projektleder(user)
    raekker = []
    # The programme page may have read them already, with its own list of participants (one query for both).
    i_program = context.get("deltagerstrategier")
    for deltagelse, strategi in strategier_i_program(program, user) if i_program is None else i_program:
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
    return {
        "program": program,
        "raekker": raekker,
        "oversigt": kan_se_oversigt(user, program)[0],
        "request": context["request"],
    }
