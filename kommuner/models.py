from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models


class Region(models.TextChoices):
    HOVEDSTADEN = "Region Hovedstaden", "Region Hovedstaden"
    SJAELLAND = "Region Sjælland", "Region Sjælland"
    SYDDANMARK = "Region Syddanmark", "Region Syddanmark"
    MIDTJYLLAND = "Region Midtjylland", "Region Midtjylland"
    NORDJYLLAND = "Region Nordjylland", "Region Nordjylland"


class Kommunegruppe(models.Model):
    """A group of similar municipalities ("lignende kommuner") that profiles compare against."""

    kode = models.PositiveSmallIntegerField("kode", unique=True)
    navn = models.CharField("navn", max_length=100, unique=True)
    kilde = models.CharField("kilde", max_length=200, blank=True)

    class Meta:
        ordering = ["kode"]
        verbose_name = "kommunegruppe"
        verbose_name_plural = "kommunegrupper"

    def __str__(self) -> str:
        return self.navn


# DST's short names take "Kommune" after them, except these two.
OFFICIELLE_NAVNE = {"101": "Københavns Kommune", "400": "Bornholms Regionskommune"}


class KommuneQuerySet(models.QuerySet):
    def with_gruppe(self):
        return self.select_related("kommunegruppe")


class Kommune(models.Model):
    kode = models.CharField(
        "kommunekode",
        max_length=3,
        unique=True,
        validators=[RegexValidator(r"^\d{3}$", "Kommunekoden skal være tre cifre.")],
    )
    navn = models.CharField("navn", max_length=100)
    region = models.CharField("region", max_length=40, choices=Region.choices)
    kommunegruppe = models.ForeignKey(
        Kommunegruppe,
        verbose_name="kommunegruppe",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kommuner",
    )

    objects = KommuneQuerySet.as_manager()

    class Meta:
        ordering = ["kode"]
        verbose_name = "kommune"
        verbose_name_plural = "kommuner"

    def __str__(self) -> str:
        return f"{self.navn} ({self.kode})"

    @property
    def officielt_navn(self) -> str:
        """The name as the municipality writes it: 'Københavns Kommune', 'Aarhus Kommune'."""
        return OFFICIELLE_NAVNE.get(self.kode, f"{self.navn} Kommune")


class Rolle(models.TextChoices):
    MINISTERIET = "ministeriet", "Ministeriet"
    PROJEKTLEDER = "projektleder", "Kommunal projektleder"
    EVALUATOR = "evaluator", "Evaluator"
    STYREGRUPPE = "styregruppe", "Styregruppe"


class Bruger(AbstractUser):
    """A person who logs in. What they may do follows from `rolle` (see kommuner/roller.py)."""

    rolle = models.CharField("rolle", max_length=20, choices=Rolle.choices, blank=True)
    kommuner = models.ManyToManyField(
        Kommune,
        verbose_name="kommuner",
        blank=True,
        related_name="projektledere",
        help_text="De kommuner, en kommunal projektleder arbejder for.",
    )

    class Meta:
        verbose_name = "bruger"
        verbose_name_plural = "brugere"
