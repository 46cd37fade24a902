from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db import transaction
from django.dispatch import receiver

from konto import services
from konto.selectors import har_tofaktor
from konto.session import husk_forrige_login, husk_login


@receiver(user_logged_in)
def _husk_login(sender, request, user, **kwargs):
    """Every login, whichever way it happens (the login view, the test client's force_login), goes on the user's
    list of sessions, starts the 12-hour clock, notes whether the user has a device a code must come from and when
    the user logged in before (what is new on the front page counts from then).
    The devices are read after the session is on the list (and under its lock): a change to two-factor login at the
    same moment either ends this session or is seen here."""
    with transaction.atomic():
        services.loginsession_opret(bruger=user, session_noegle=request.session.session_key)
        husk_login(request.session, uden_tofaktor=not har_tofaktor(user))
        husk_forrige_login(request.session, services.login_registrer(bruger=user))


@receiver(user_logged_out)
def _glem_session(sender, request, user, **kwargs):
    if user is not None and request.session.session_key:
        services.loginsession_slet(session_noegle=request.session.session_key)
