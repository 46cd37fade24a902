"""Who must, and who may, use two-factor login. Every user manages only their own account: there are no
objects of other users to load here."""

from django.conf import settings

from forebyggelse.roller import er_evaluator, er_ministeriet
from konto.selectors import har_tofaktor


def tofaktor_paakraevet(user) -> bool:
    """Where settings.TOFAKTOR_PAAKRAEVET is on, the ministry and the evaluator must confirm logins with a code:
    they read every municipality's data. Everybody else may choose to."""
    if not settings.TOFAKTOR_PAAKRAEVET:
        return False
    return er_ministeriet(user) or er_evaluator(user)


def kan_slaa_tofaktor_fra(user) -> tuple[bool, str]:
    if not har_tofaktor(user):
        return False, "Tofaktor-login er ikke slået til."
    if tofaktor_paakraevet(user):
        return False, "Din rolle kræver tofaktor-login, så det kan ikke slås fra."
    return True, ""
