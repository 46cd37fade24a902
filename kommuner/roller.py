"""The one place that says what each role may do with municipal data. Every app asks here.

- Ministeriet reads and writes every municipality's data.
- A kommunal projektleder reads and writes only the municipalities they are bound to.
- The evaluator and the steering group read every municipality's data and write none.
- A user without a role sees nothing.
Which *objects* within a municipality a role may see (drafts, assessments) is each app's
permissions.py; it starts from these sets.
"""

from django.db.models import QuerySet

from kommuner.models import Kommune, Rolle


def rolle(user) -> str:
    if not user.is_authenticated or not user.is_active:
        return ""
    return user.rolle


def er_ministeriet(user) -> bool:
    return rolle(user) == Rolle.MINISTERIET


def er_projektleder(user) -> bool:
    return rolle(user) == Rolle.PROJEKTLEDER


def er_evaluator(user) -> bool:
    return rolle(user) == Rolle.EVALUATOR


def er_styregruppe(user) -> bool:
    return rolle(user) == Rolle.STYREGRUPPE


def kommuner_til_laesning(user) -> QuerySet[Kommune]:
    if rolle(user) in {Rolle.MINISTERIET, Rolle.EVALUATOR, Rolle.STYREGRUPPE}:
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
