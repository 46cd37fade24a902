from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from konto.selectors import har_tofaktor
from konto.session import husk_login


@receiver(user_logged_in)
def _husk_login(sender, request, user, **kwargs):
    """Every login, whichever way it happens (the login view, the test client's force_login), starts the
    12-hour clock and notes whether the user has a device a code must come from."""
    husk_login(request.session, uden_tofaktor=not har_tofaktor(user))
