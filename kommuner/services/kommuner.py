from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from forebyggelse.roller import Rolle
from kommuner.models import Bruger, Kommune, Kommunegruppe


def valider_rolle_og_kommuner(rolle: str, kommuner: Iterable[Kommune]) -> None:
    """The role rules (decision record 0001): a project lead works for at least one municipality; nobody else
    is bound to one."""
    kommuner = list(kommuner)
    if rolle == Rolle.PROJEKTLEDER and not kommuner:
        raise ValidationError({"kommuner": "En kommunal projektleder skal være knyttet til mindst én kommune."})
    if rolle != Rolle.PROJEKTLEDER and kommuner:
        raise ValidationError({"kommuner": "Kun kommunale projektledere knyttes til kommuner."})


@transaction.atomic
def bruger_opret(
    *,
    brugernavn: str,
    rolle: str,
    kommuner: Iterable[Kommune] = (),
    password: str | None = None,
    fornavn: str = "",
    efternavn: str = "",
    email: str = "",
) -> Bruger:
    """Create a user with a role, or bring an existing user of that name up to date (idempotent)."""
    kommuner = list(kommuner)
    valider_rolle_og_kommuner(rolle, kommuner)
    bruger = Bruger.objects.filter(username=brugernavn).first() or Bruger(username=brugernavn)
    bruger.rolle = rolle
    bruger.first_name = fornavn
    bruger.last_name = efternavn
    bruger.email = email
    if password is not None:
        bruger.set_password(password)
    elif not bruger.pk:
        bruger.set_unusable_password()
    bruger.full_clean()
    bruger.save()
    bruger.kommuner.set(kommuner)
    return bruger


@transaction.atomic
def bruger_saet_rolle(*, bruger: Bruger, rolle: str, kommuner: Iterable[Kommune]) -> Bruger:
    """Give an existing user a role and the municipalities that go with it (the admin's user form)."""
    kommuner = list(kommuner)
    valider_rolle_og_kommuner(rolle, kommuner)
    bruger = Bruger.objects.select_for_update().get(pk=bruger.pk)
    bruger.rolle = rolle
    bruger.full_clean()
    bruger.save(update_fields=["rolle"])
    bruger.kommuner.set(kommuner)
    return bruger


@transaction.atomic
def kommune_saet_gruppe(*, kommune: Kommune, kommunegruppe: Kommunegruppe | None) -> Kommune:
    kommune.kommunegruppe = kommunegruppe
    kommune.full_clean()
    kommune.save(update_fields=["kommunegruppe"])
    return kommune
