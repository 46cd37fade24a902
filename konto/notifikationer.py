"""E-mails to a user about their own account: every change to their two-factor login is told to them, so a change
they did not make does not go unnoticed."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from forebyggelse.formatering import tidspunkt

# What changed: (subject, what the e-mail says happened).
SLAAET_TIL = ("Tofaktor-login er slået til på din bruger", "Tofaktor-login er blevet slået til på din bruger")
NY_APP = (
    "Din bruger har fået en ny godkendelses-app",
    "Din bruger har fået en ny godkendelses-app. Koder fra den gamle virker ikke længere",
)
NYE_BACKUPKODER = ("Du har fået nye backupkoder", "Din bruger har fået nye backupkoder. De gamle virker ikke længere")
SLAAET_FRA = (
    "Tofaktor-login er slået fra på din bruger",
    "Tofaktor-login er blevet slået fra på din bruger. Nu kan man logge ind med adgangskoden alene",
)


def tofaktor_aendret(bruger: AbstractUser, aendring: tuple[str, str]) -> None:
    """Sent only when the surrounding transaction commits, so a change that is rolled back tells nobody."""
    if not bruger.email:
        return
    emne, hvad = aendring
    kontakt = f" på {settings.KONTAKT_EMAIL}" if settings.KONTAKT_EMAIL else ""
    tekst = (
        f"Hej {bruger.get_full_name() or bruger.get_username()}\n\n"
        f"{hvad}. Det skete {tidspunkt(timezone.now())} for brugeren {bruger.get_username()} i "
        "Forebyggelsesportalen.\n\n"
        "Af sikkerhedshensyn er du logget ud alle andre steder, hvor du var logget ind. Du er kun stadig logget "
        "ind der, hvor ændringen blev lavet.\n\n"
        "Var det ikke dig, så vælg straks en ny adgangskode via “Har du glemt din adgangskode?” på "
        f"{settings.PORTAL_URL}{reverse('login')}, og giv sekretariatet besked{kontakt}.\n\n"
        "Venlig hilsen\nForebyggelsesportalen"
    )
    transaction.on_commit(lambda: send_mail(emne, tekst, settings.DEFAULT_FROM_EMAIL, [bruger.email]))
