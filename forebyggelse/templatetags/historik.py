"""`{% historik side %}`: the one way a template shows history (decision record 0050)."""

from django import template

from forebyggelse.historik import er_fra_reglen

register = template.Library()


@register.inclusion_tag("includes/historik.html", takes_context=True)
def historik(context, side):
    """Shows a page of history that forebyggelse.historik.historik_til made for this user, and nothing for None
    (the user may not see it). Anything else is a programming error: a history read around the rule."""
    if side is None:
        return {"vis": False}
    if not er_fra_reglen(side):
        raise TypeError("Historik vises kun gennem forebyggelse.historik.historik_til, der anvender historikreglen.")
    return {"vis": True, "historik": side, "request": context.get("request")}
