"""Writes to a municipality's own details and its contact persons."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from kommuner.models import Kommune, Kontaktperson

OPLYSNINGSFELTER = ("cvr", "adresse", "postnr_by", "telefon", "email")
KONTAKTFELTER = ("navn", "titel", "enhed", "telefon", "email")


@dataclass(frozen=True)
class Kontakt:
    """One contact person as the form holds it; `pk` None for a new one."""

    navn: str
    titel: str = ""
    enhed: str = ""
    telefon: str = ""
    email: str = ""
    pk: int | None = None


@transaction.atomic
def kommune_oplysninger_gem(
    *,
    kommune: Kommune,
    cvr: str,
    adresse: str,
    postnr_by: str,
    telefon: str,
    email: str,
    kontaktpersoner: Sequence[Kontakt] = (),
    slet: Iterable[int] = (),
) -> Kommune:
    """Save the municipality's CVR number, address, phone and e-mail, and its contact persons in one go.

    `kontaktpersoner` holds the contact persons to save, `slet` the pks of those to remove.
    """
    kommune = Kommune.objects.select_for_update().get(pk=kommune.pk)
    vaerdier = {"cvr": cvr, "adresse": adresse, "postnr_by": postnr_by, "telefon": telefon, "email": email}
    for felt, vaerdi in vaerdier.items():
        setattr(kommune, felt, (vaerdi or "").strip())
    kommune.full_clean()
    kommune.save(update_fields=list(OPLYSNINGSFELTER))

    eksisterende = {k.pk: k for k in kommune.kontaktpersoner.all()}
    slet = set(slet)
    if slet - set(eksisterende):
        raise ValidationError("En af kontaktpersonerne findes ikke længere. Genindlæs siden, og prøv igen.")
    for data in kontaktpersoner:
        if data.pk is not None and data.pk not in eksisterende:
            raise ValidationError("En af kontaktpersonerne findes ikke længere. Genindlæs siden, og prøv igen.")
        if data.pk in slet:
            continue
        kontakt = eksisterende[data.pk] if data.pk is not None else Kontaktperson(kommune=kommune)
        for felt in KONTAKTFELTER:
            setattr(kontakt, felt, (getattr(data, felt) or "").strip())
        kontakt.full_clean()
        kontakt.save()
    Kontaktperson.objects.filter(kommune=kommune, pk__in=slet).delete()
    return kommune
