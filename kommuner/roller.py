"""The one place that says what each role may do with municipal data. Every app asks here.

- Ministeriet reads and writes every municipality's data.
- A kommunal projektleder reads and writes only the municipalities they are bound to.
- The evaluator and the steering group read every municipality's data and write none.
- A user without a role sees nothing.
Which *objects* within a municipality a role may see (drafts, assessments) is each app's
permissions.py; it starts from these sets.
"""

from django.db.models import QuerySet

from forebyggelse.historik import Historikadgang
from forebyggelse.roller import er_ministeriet, er_projektleder, ser_alle_kommuner
from kommuner.models import Kommune


def kommuner_til_laesning(user) -> QuerySet[Kommune]:
    if ser_alle_kommuner(user):
        return Kommune.objects.all()
    if er_projektleder(user):
        return Kommune.objects.filter(projektledere=user)
    return Kommune.objects.none()


def kommuner_til_skrivning(user) -> QuerySet[Kommune]:
    if er_ministeriet(user):
        return Kommune.objects.all()
    if er_projektleder(user):
        return Kommune.objects.filter(projektledere=user)
    return Kommune.objects.none()


def skriver_for(user, kommune_id: int) -> bool:
    """Whether the user may write a municipality's data. The lead's municipalities are read once per user
    object (once per request), as every page asks this several times."""
    if er_ministeriet(user):
        return True
    if not er_projektleder(user):
        return False
    if not hasattr(user, "_skrivbare_kommuner"):
        user._skrivbare_kommuner = frozenset(user.kommuner.values_list("pk", flat=True))
    return kommune_id in user._skrivbare_kommuner


def historikadgang(user, kommune_id: int | None) -> Historikadgang:
    """Who sees the history of a municipality's data (`kommune_id`) or of the ministry's own work (None): the
    municipality's own leads every revision, the ministry what was submitted, nobody else anything (decision record
    0050). forebyggelse.historik.historik_til applies it; no page reads history around it."""
    if kommune_id is not None and er_projektleder(user) and skriver_for(user, kommune_id):
        return Historikadgang.ALT
    if er_ministeriet(user):
        return Historikadgang.INDSENDT
    return Historikadgang.INGEN
