"""A municipality's social profile: its comparison group, its selection of indicators, and findings per section.

Every municipality has a profile; the row is created the first time something about it is saved.
"""

import pghistory
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from forebyggelse.samtidighed import Konflikt, opdater_hvis_version
from kommuner.models import Bruger, Kommune, Kommunegruppe
from profiler.models import Fund, Indikator, Kategori, Profil, ProfilIndikator


def _profil_laast(kommune: Kommune) -> Profil:
    """The municipality's profile row, created if missing, locked for this transaction."""
    Profil.objects.get_or_create(kommune=kommune)
    return Profil.objects.select_for_update().get(kommune=kommune)


@transaction.atomic
def profil_saet_gruppe(*, kommune: Kommune, sammenligningsgruppe: Kommunegruppe | None, bruger: Bruger) -> Profil:
    """Compare the municipality with another group (None: its own Kommunegruppe again)."""
    with pghistory.context(user=bruger.pk):
        profil = _profil_laast(kommune)
        profil.sammenligningsgruppe = sammenligningsgruppe
        profil.full_clean()
        profil.save(update_fields=["sammenligningsgruppe", "aendret"])
    return profil


class ValgKonflikt(Konflikt):
    hvad = "Profilens nøgletal"
    raad = "se profilen, og gem igen."


@transaction.atomic
def profil_vaelg_indikatorer(
    *, kommune: Kommune, indikatorer: list[Indikator], bruger: Bruger, version: int | None = None
) -> Profil:
    """The indicators the profile shows; an empty list means the catalogue's default set. `version` is the
    profile's version the user loaded (0 when it had none): if someone changed the choice since, ValgKonflikt
    and nothing is written."""
    with pghistory.context(user=bruger.pk):
        profil = _profil_laast(kommune)  # the lock keeps two choices from mixing their rows
        # Version 0: the user saw the default set; that still holds while nobody has chosen indicators.
        if version == 0 and not profil.valg.exists():
            version = profil.version
        if version is not None:
            profil = opdater_hvis_version(Profil, pk=profil.pk, version=version, felter={}, konflikt=ValgKonflikt)
        valgte = {i.pk for i in indikatorer}
        nuvaerende = set(profil.valg.values_list("indikator_id", flat=True))
        profil.valg.filter(indikator_id__in=nuvaerende - valgte).delete()
        for indikator_id in sorted(valgte - nuvaerende):
            valg = ProfilIndikator(profil=profil, indikator_id=indikator_id)
            valg.full_clean(validate_constraints=False)
            valg.save()
        if version is None:
            Profil.objects.filter(pk=profil.pk).update(version=F("version") + 1, aendret=timezone.now())
    profil.refresh_from_db()
    return profil


class FundKonflikt(Konflikt):
    hvad = "Fundene til afsnittet"


@transaction.atomic
def fund_gem(*, kommune: Kommune, kategori: str, tekst: str, version: int, bruger: Bruger) -> Fund:
    """Save the findings of one section. `version` is the one the user loaded (0 when there were none); if
    someone saved since (UPDATE … WHERE version = loaded), FundKonflikt is raised and nothing is written."""
    if kategori not in Kategori.values:
        raise ValidationError({"kategori": "Ukendt afsnit."})
    with pghistory.context(user=bruger.pk):
        profil, _ = Profil.objects.get_or_create(kommune=kommune)
        tekst = tekst.strip()
        kandidat = Fund(profil=profil, kategori=kategori, tekst=tekst, aendret_af=bruger, version=max(version, 1))
        kandidat.full_clean(validate_unique=False, validate_constraints=False)
        if version == 0:
            try:
                with transaction.atomic():
                    kandidat.version = 1
                    kandidat.save()
            except IntegrityError:
                raise FundKonflikt(Fund.objects.get(profil=profil, kategori=kategori)) from None
            return kandidat
        fund = Fund.objects.filter(profil=profil, kategori=kategori).first()
        if fund is None:
            raise ValidationError("Fundene er slettet, mens du skrev. Hent siden igen.")
        opdater_hvis_version(
            Fund, pk=fund.pk, version=version, felter={"tekst": tekst, "aendret_af": bruger}, konflikt=FundKonflikt
        )
    return Fund.objects.select_related("aendret_af").get(profil=profil, kategori=kategori)
