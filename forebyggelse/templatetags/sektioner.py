from django import template

from forebyggelse import sektioner as sektionskit

register = template.Library()


@register.simple_tag(takes_context=True)
def sektioner(context, side: str, objekt):
    """The sections other apps add to this page (forebyggelse/sektioner.py)."""
    return sektionskit.sektioner(side, context["request"], objekt)
