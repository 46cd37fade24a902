"""E-mails to a municipality's project leads."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction

from kommuner.models import Kommune


def send_til_projektledere(kommune: Kommune, *, emne: str, tekst: str) -> None:
    """Sent only when the surrounding transaction commits, so a rolled-back change sends nothing."""
    modtagere = [b.email for b in kommune.projektledere.filter(is_active=True) if b.email]
    if not modtagere:
        return
    beskeder = [
        (emne, f"{tekst}\n\nVenlig hilsen\nForebyggelsesportalen", settings.DEFAULT_FROM_EMAIL, [m]) for m in modtagere
    ]
    transaction.on_commit(lambda: send_mass_mail(beskeder, fail_silently=False))
