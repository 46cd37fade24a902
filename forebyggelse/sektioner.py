"""Sections an upper app adds to a page of a lower app, so the lower app shows the upper app's data without
importing it (docs/decisions/0053). The programme page (kommuner) shows each participant's strategy (strategi):

    # strategi/apps.py, in ready():
    sektioner.registrer("program", programsektion)   # programsektion(request, program) -> HTML

    {# kommuner's template #}
    {% load sektioner %}{% sektioner "program" program %}

A section loads what it shows through its own app's access rules; the page passes only the request and the object.
Sections appear in the order the apps are in INSTALLED_APPS (the order their ready() runs).
"""

from collections.abc import Callable

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

Sektion = Callable[[HttpRequest, object], str]

_sektioner: dict[str, list[Sektion]] = {}


def registrer(side: str, sektion: Sektion) -> None:
    """Add `sektion` to the page `side`. Registering the same function twice (a reloaded app) adds it once."""
    paa_siden = _sektioner.setdefault(side, [])
    if sektion not in paa_siden:
        paa_siden.append(sektion)


def sektioner(side: str, request: HttpRequest, objekt: object) -> SafeString:
    """The page's sections, rendered in order. Each section returns rendered HTML (render_to_string)."""
    return mark_safe("".join(sektion(request, objekt) for sektion in _sektioner.get(side, [])))
