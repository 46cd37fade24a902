from decimal import Decimal

from django import template

from forebyggelse.formatering import tal

register = template.Library()


@register.filter
def raatal(vaerdi: Decimal | None) -> str:
    """A raw stored number the Danish way, with only the decimals it has: 99.787, 1.234.567,5."""
    if vaerdi is None:
        return "–"
    vaerdi = Decimal(vaerdi).normalize()
    decimaler = max(0, -vaerdi.as_tuple().exponent)
    return tal(vaerdi, decimaler)


@register.filter
def get_item(ordbog: dict, noegle):
    """ordbog[noegle] in a template (the PDF's SVG per indicator)."""
    return ordbog.get(noegle, "")


@register.filter
def navn(bruger) -> str:
    """A user's full name, else the username; an import made from the command line has no user."""
    if bruger is None:
        return "kommandolinjen"
    return bruger.get_full_name() or bruger.username
