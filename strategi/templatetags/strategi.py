"""Template helpers for strategies: a goal's status and an action's colour as words with a sign (readable without
colour), a goal's value with its unit."""

from django import template
from django.utils.html import format_html

from strategi.maalstatus import TEGN, Maalstatus
from strategi.models import Farve, Maal
from strategi.selectors import vis_vaerdi

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
