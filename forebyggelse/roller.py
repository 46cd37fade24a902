"""Who a user is: the four roles and one predicate each. Every layer asks here; what each role may do with
municipal data is kommuner/roller.py, which builds on these."""

from django.db import models


class Rolle(models.TextChoices):
    MINISTERIET = "ministeriet", "Ministeriet"
    PROJEKTLEDER = "projektleder", "Kommunal projektleder"
    EVALUATOR = "evaluator", "Evaluator"
    STYREGRUPPE = "styregruppe", "Styregruppe"


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


def ser_alle_kommuner(user) -> bool:
    """The ministry, the evaluator and the steering group work across all municipalities."""
    return rolle(user) in {Rolle.MINISTERIET, Rolle.EVALUATOR, Rolle.STYREGRUPPE}
