"""Prevention strategies (forebyggelsesstrategier): one per participation, with focus areas and sub-strategies,
target groups, actors, goals with baseline and target, follow-ups, the action plan, the offers on the
indsatstrappe, the ministry's comments, the annual reviews and the frozen earlier versions.

How a goal's status and an action's lateness are worked out lives in `strategi/maalstatus.py` and
`HandlingQuerySet.med_forsinkelse`, never in templates. Every child row carries its strategy (`strategi`) so the
access loaders filter in one join and the strategy's whole history is one query (forebyggelse/historik.py).
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, URLValidator
from django.db import models
from django.db.models import Q

from forebyggelse import tid
from forebyggelse.bilag import Bilagsfil
from forebyggelse.formatering import tal
from forebyggelse.historik import historik
from kommuner.models import Deltagelse
from profiler.models import Indikator, Retning


class StrategiStatus(models.TextChoices):
    KLADDE = "kladde", "Kladde"
    INDSENDT = "indsendt", "Indsendt til ministeriet"
    SENDT_TILBAGE = "sendt_tilbage", "Sendt tilbage til ændring"
    GODKENDT = "godkendt", "Godkendt af ministeriet"
    VEDTAGET = "vedtaget", "Politisk vedtaget"
    REVIDERET = "revideret", "Revideret"


# The municipality works on the strategy in these states; the ministry has approved it in the others.
REDIGERBARE = (StrategiStatus.KLADDE, StrategiStatus.SENDT_TILBAGE)
GODKENDTE = (StrategiStatus.GODKENDT, StrategiStatus.VEDTAGET, StrategiStatus.REVIDERET)


def _tekst(label: str, maks: int, hjaelp: str = "", *, blank: bool = True) -> models.TextField:
    return models.TextField(
        label, blank=blank, max_length=maks, validators=[MaxLengthValidator(maks)], help_text=hjaelp
    )


class StrategiQuerySet(models.QuerySet):
    def med_kommune(self):
        return self.select_related("deltagelse__program", "deltagelse__kommune")


@historik()
class Strategi(models.Model):
    """A municipality's prevention strategy in one programme. `versionsnummer` counts the annual reviews (each
    freezes the version before it in `Strategiversion`); `version` guards the header against lost updates."""

    deltagelse = models.OneToOneField(Deltagelse, on_delete=models.PROTECT, related_name="strategi")
    titel = models.CharField("titel", max_length=200)
    vision = _tekst("vision", 4_000, "Hvad kommunen vil opnå for udsatte børn, unge og familier.")
    boernepolitik = _tekst(
        "sammenhæng med børnepolitikken", 4_000, "Hvordan strategien hænger sammen med kommunens børnepolitik."
    )
    boernepolitik_url = models.URLField(
        "link til børnepolitikken",
        blank=True,
        max_length=500,
        validators=[URLValidator(schemes=["http", "https"])],
    )
    status = models.CharField("status", max_length=20, choices=StrategiStatus.choices, default=StrategiStatus.KLADDE)
    versionsnummer = models.PositiveIntegerField("version", default=1)
    eksempeldata = models.BooleanField("eksempeldata", default=False)
    foerst_indsendt = models.DateTimeField("første gang indsendt", null=True, blank=True)
    indsendt = models.DateTimeField("indsendt", null=True, blank=True)
    indsendt_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    godkendt = models.DateTimeField("godkendt", null=True, blank=True)
    godkendt_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    vedtaget_dato = models.DateField("politisk vedtaget", null=True, blank=True)
    vedtaget_af = models.CharField(
        "vedtaget af", max_length=200, blank=True, help_text="Det politiske organ, fx Socialudvalget."
    )
    version = models.PositiveIntegerField(default=1)
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    aendret = models.DateTimeField("ændret", auto_now=True)

    objects = StrategiQuerySet.as_manager()

    class Meta:
        ordering = ["deltagelse__program__startdato", "deltagelse__kommune__kode"]
        verbose_name = "forebyggelsesstrategi"
        verbose_name_plural = "forebyggelsesstrategier"

    def __str__(self) -> str:
        return self.titel

    @property
    def kommune(self):
        return self.deltagelse.kommune

    @property
    def program(self):
        return self.deltagelse.program

    def forfaldent_gennemgangsaar(self) -> int | None:
        """The year the annual review is for now (forfaldent_gennemgangsaar below), as of the portal's today."""
        gennemgaaede = set(self.gennemgange.values_list("aar", flat=True))
        return forfaldent_gennemgangsaar(self.program.aar, gennemgaaede, tid.i_dag().year)


class Bilagsart(models.TextChoices):
    BOERNEPOLITIK = "boernepolitik", "Børnepolitik"
    DOKUMENTATION = "dokumentation", "Dokumentation for en opfølgning"
    FREMSKRIDT = "fremskridt", "Dokumentation for fremskridt på en handling"


class Maalgruppetype(models.TextChoices):
    """The programme's suggested target groups, or the municipality's own."""

    SMAA_BOERN = "smaa_boern", "Små børn"
    TEENAGERE = "teenagere", "Teenagere"
    ADFAERD = "adfaerd", "Unge med adfærdsproblemer eller kriminalitet"
    UNGE_MOEDRE = "unge_moedre", "Unge mødre"
    INKLUSION = "inklusion", "Inklusion af udsatte børn i almene tilbud"
    EGEN = "egen", "Kommunens egen målgruppe"


@historik()
class Maalgruppe(models.Model):
    strategi = models.ForeignKey(Strategi, on_delete=models.CASCADE, related_name="maalgrupper")
    type = models.CharField("målgruppe", max_length=20, choices=Maalgruppetype.choices)
    navn = models.CharField("navn", max_length=200, blank=True, help_text="Kun for kommunens egen målgruppe.")
    antal_boern = models.PositiveIntegerField(
        "forventet antal børn og unge", null=True, blank=True, help_text="Et skøn over, hvor mange der får gavn."
    )
    beskrivelse = _tekst("beskrivelse", 2_000)

    class Meta:
        ordering = ["strategi_id", "pk"]
        verbose_name = "målgruppe"
        verbose_name_plural = "målgrupper"
        constraints = [
            models.UniqueConstraint(
                fields=["strategi", "type"],
                condition=~Q(type="egen"),
                name="programmets_maalgrupper_en_gang",
                violation_error_message="Målgruppen er allerede med i strategien.",
            ),
        ]

    def __str__(self) -> str:
        return self.navn if self.type == Maalgruppetype.EGEN else self.get_type_display()

    def clean(self):
        if self.type == Maalgruppetype.EGEN and not self.navn.strip():
            raise ValidationError({"navn": "Skriv navnet på kommunens egen målgruppe."})
        if self.type != Maalgruppetype.EGEN:
            self.navn = ""


class Aktoertype(models.TextChoices):
    SUNDHEDSPLEJE = "sundhedspleje", "Sundhedsplejen"
    DAGTILBUD = "dagtilbud", "Dagtilbud"
    SKOLE = "skole", "Skolen"
    PPR = "ppr", "PPR (pædagogisk-psykologisk rådgivning)"
    TANDPLEJE = "tandpleje", "Tandplejen"
    SOCIALFORVALTNING = "socialforvaltning", "Socialforvaltningen"
    KLUBBER = "klubber", "Fritids- og ungdomsklubber"
    ANDEN = "anden", "Anden aktør"


@historik()
class Aktoer(models.Model):
    strategi = models.ForeignKey(Strategi, on_delete=models.CASCADE, related_name="aktoerer")
    type = models.CharField("aktør", max_length=20, choices=Aktoertype.choices)
    navn = models.CharField("navn", max_length=200, blank=True, help_text="Kun for en anden aktør.")
    rolle = _tekst("rolle i strategien", 2_000)

    class Meta:
        ordering = ["strategi_id", "pk"]
        verbose_name = "aktør"
        verbose_name_plural = "aktører"
        constraints = [
            models.UniqueConstraint(
                fields=["strategi", "type"],
                condition=~Q(type="anden"),
                name="kendte_aktoerer_en_gang",
                violation_error_message="Aktøren er allerede med i strategien.",
            ),
        ]

    def __str__(self) -> str:
        return self.navn if self.type == Aktoertype.ANDEN else self.get_type_display()

    def clean(self):
        if self.type == Aktoertype.ANDEN and not self.navn.strip():
            raise ValidationError({"navn": "Skriv aktørens navn."})
        if self.type != Aktoertype.ANDEN:
            self.navn = ""


@historik()
class Indsatsomraade(models.Model):
    strategi = models.ForeignKey(Strategi, on_delete=models.CASCADE, related_name="indsatsomraader")
    navn = models.CharField("navn", max_length=200)
    beskrivelse = _tekst("beskrivelse", 4_000)
    maalgrupper = models.ManyToManyField(
        Maalgruppe, verbose_name="målgrupper", through="IndsatsomraadeMaalgruppe", blank=True, related_name="+"
    )
    aktoerer = models.ManyToManyField(
        Aktoer, verbose_name="aktører", through="IndsatsomraadeAktoer", blank=True, related_name="indsatsomraader"
    )

    class Meta:
        ordering = ["strategi_id", "pk"]
        verbose_name = "indsatsområde"
        verbose_name_plural = "indsatsområder"

    def __str__(self) -> str:
        return self.navn


@historik()
class Delstrategi(models.Model):
    strategi = models.ForeignKey(Strategi, on_delete=models.CASCADE, related_name="+")
    indsatsomraade = models.ForeignKey(Indsatsomraade, on_delete=models.CASCADE, related_name="delstrategier")
    navn = models.CharField("navn", max_length=200)
    beskrivelse = _tekst("beskrivelse", 4_000)

    class Meta:
        ordering = ["indsatsomraade_id", "pk"]
        verbose_name = "delstrategi"
        verbose_name_plural = "delstrategier"

    def __str__(self) -> str:
        return self.navn

    def clean(self):
        if self.indsatsomraade_id and self.indsatsomraade.strategi_id != self.strategi_id:
            raise ValidationError({"indsatsomraade": "Indsatsområdet hører til en anden strategi."})


class MaalArt(models.TextChoices):
    KORT = "kort", "Resultat på kort sigt"
    LANG = "lang", "Resultat på længere sigt"
    EFFEKT = "effekt", "Effektmål"


# The chain of the theory of change: a goal may lead to a goal of a later kind.
KAEDE = [MaalArt.KORT, MaalArt.LANG, MaalArt.EFFEKT]
RETNINGER = [(Retning.HOEJERE, Retning.HOEJERE.label), (Retning.LAVERE, Retning.LAVERE.label)]
VAERDI = {"max_digits": 14, "decimal_places": 4}


class MaalQuerySet(models.QuerySet):
    def til_visning(self):
        return self.select_related("indikator", "indsatsomraade", "delstrategi", "bidrager_til")


@historik()
class Maal(models.Model):
    """A goal measured by a social-profile indicator or by the municipality's own measure, from a baseline to a
    target. Its status (på vej / bagud / nået / ingen data) is computed by strategi/maalstatus.py."""

    strategi = models.ForeignKey(Strategi, on_delete=models.CASCADE, related_name="maal")
    indsatsomraade = models.ForeignKey(
        Indsatsomraade, verbose_name="indsatsområde", on_delete=models.PROTECT, related_name="maal"
    )
    delstrategi = models.ForeignKey(
        Delstrategi, verbose_name="delstrategi", on_delete=models.SET_NULL, null=True, blank=True, related_name="maal"
    )
    tekst = models.CharField("mål", max_length=500)
    art = models.CharField("art", max_length=10, choices=MaalArt.choices)
    bidrager_til = models.ForeignKey(
        "self",
        verbose_name="fører til",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bidrag",
        help_text="Det mål længere fremme i forandringsteorien, som dette mål bidrager til.",
    )
    indikator = models.ForeignKey(
        Indikator, verbose_name="indikator", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    egen_maaling = models.CharField("egen måling", max_length=200, blank=True)
    egen_enhed = models.CharField("enhed", max_length=50, blank=True, help_text="Fx pct., antal børn, dage.")
    baseline_vaerdi = models.DecimalField("baseline", **VAERDI)
    baseline_aar = models.PositiveSmallIntegerField("baselineår")
    maalvaerdi = models.DecimalField("målværdi", **VAERDI)
    maal_aar = models.PositiveSmallIntegerField("målår")
    retning = models.CharField("bedre retning", max_length=10, choices=RETNINGER)
    retning_bekraeftet = models.BooleanField(
        "går bevidst mod indikatorens bedre retning",
        default=False,
        help_text="Kommunen har bekræftet, at målværdien skal ligge på den side af baseline, som indikatoren "
        "kalder dårligere.",
    )
    version = models.PositiveIntegerField(default=1)
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    aendret = models.DateTimeField("ændret", auto_now=True)

    objects = MaalQuerySet.as_manager()

    class Meta:
        ordering = ["strategi_id", "indsatsomraade_id", "pk"]
        verbose_name = "mål"
        verbose_name_plural = "mål"
        constraints = [
            models.CheckConstraint(
                condition=(Q(indikator__isnull=False) & Q(egen_maaling=""))
                | (Q(indikator__isnull=True) & ~Q(egen_maaling="")),
                name="maal_maales_paa_en_maade",
            ),
            models.CheckConstraint(condition=Q(maal_aar__gt=models.F("baseline_aar")), name="maalaar_efter_baseline"),
        ]

    def __str__(self) -> str:
        return self.tekst

    @property
    def maaling(self) -> str:
        return self.indikator.navn if self.indikator_id else self.egen_maaling

    @property
    def enhed(self) -> str:
        return self.indikator.enhedstekst if self.indikator_id else self.egen_enhed

    @property
    def decimaler(self) -> int:
        if self.indikator_id:
            return self.indikator.decimaler
        vaerdier = [v for v in (self.baseline_vaerdi, self.maalvaerdi) if v is not None]
        return min(2, max((max(0, -v.normalize().as_tuple().exponent) for v in vaerdier), default=0))

    def clean(self):
        fejl = {}
        if self.indikator_id is None and not self.egen_maaling.strip():
            fejl["egen_maaling"] = "Vælg en indikator fra den sociale profil, eller skriv navnet på jeres egen måling."
        if self.indikator_id is not None:
            self.egen_maaling, self.egen_enhed = "", ""
        if self.baseline_aar and self.maal_aar and self.maal_aar <= self.baseline_aar:
            fejl["maal_aar"] = "Målåret skal ligge efter baselineåret."
        if (
            self.delstrategi_id
            and self.indsatsomraade_id
            and self.delstrategi.indsatsomraade_id != self.indsatsomraade_id
        ):
            fejl["delstrategi"] = "Delstrategien hører til et andet indsatsområde."
        if self.indsatsomraade_id and self.indsatsomraade.strategi_id != self.strategi_id:
            fejl["indsatsomraade"] = "Indsatsområdet hører til en anden strategi."
        if self.bidrager_til_id:
            fejl.update(self._tjek_kaede())
        if self.baseline_vaerdi is not None and self.maalvaerdi is not None and self.retning:
            fejl.update(self._tjek_retning())
        if fejl:
            raise ValidationError(fejl)

    def _tjek_kaede(self) -> dict:
        maal = self.bidrager_til
        if maal.pk == self.pk:
            return {"bidrager_til": "Et mål kan ikke føre til sig selv."}
        if maal.strategi_id != self.strategi_id:
            return {"bidrager_til": "Målet hører til en anden strategi."}
        if KAEDE.index(maal.art) <= KAEDE.index(self.art):
            return {
                "bidrager_til": f"Et {self.get_art_display().lower()} kan kun føre til et mål længere fremme i "
                "kæden (kort sigt → længere sigt → effektmål)."
            }
        return {}

    def _tjek_retning(self) -> dict:
        """The target must lie on the better side of the baseline (or equal it). For an indicator with a better
        direction the goal's direction is the indicator's, unless the municipality has confirmed going the
        other way (then the target's side decides)."""
        forskel = self.maalvaerdi - self.baseline_vaerdi
        indikatorens = self.indikator.bedre if self.indikator_id else Retning.INGEN
        if indikatorens != Retning.INGEN:
            mod = (forskel < 0) if indikatorens == Retning.HOEJERE else (forskel > 0)
            if mod and not self.retning_bekraeftet:
                return {"maalvaerdi": ValidationError(retningsadvarsel(self.indikator), code="retningsadvarsel")}
            forventet = (
                (Retning.LAVERE if indikatorens == Retning.HOEJERE else Retning.HOEJERE) if mod else indikatorens
            )
            if self.retning != forventet:
                return {"retning": f"Retningen følger indikatoren: {Retning(forventet).label.lower()}."}
            return {}
        if (self.retning == Retning.HOEJERE and forskel < 0) or (self.retning == Retning.LAVERE and forskel > 0):
            side = "over" if self.retning == Retning.HOEJERE else "under"
            return {
                "maalvaerdi": f"Når {Retning(self.retning).label.lower()}, skal målværdien ligge {side} baseline "
                "eller være lig med den. Ret målværdien eller retningen."
            }
        return {}


def retningsadvarsel(indikator: Indikator) -> str:
    godt = "lavere" if indikator.bedre == Retning.LAVERE else "højere"
    skidt = "højere" if indikator.bedre == Retning.LAVERE else "lavere"
    return (
        f"For indikatoren er {godt} bedre, men målværdien er {skidt} end baseline. Sæt kryds i bekræftelsen, hvis "
        f"målet med vilje skal gå mod en {skidt} værdi."
    )


@historik()
class Opfoelgning(models.Model):
    """One measurement of a goal recorded by the municipality. New social-profile figures for an indicator goal
    count as follow-ups without a row here (strategi/selectors.py reads them from the profile)."""

    strategi = models.ForeignKey(Strategi, on_delete=models.CASCADE, related_name="+")
    maal = models.ForeignKey(Maal, on_delete=models.CASCADE, related_name="opfoelgninger")
    dato = models.DateField("dato", help_text="Målt den, eller sidste dag i den periode, målingen dækker.")
    periode = models.CharField("periode", max_length=100, blank=True, help_text="Fx 1. halvår 2012.")
    vaerdi = models.DecimalField("værdi", **VAERDI)
    kommentar = _tekst("kommentar", 2_000)
    registreret = models.DateTimeField("registreret", auto_now_add=True)
    registreret_af = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["maal_id", "dato", "pk"]
        verbose_name = "opfølgning"
        verbose_name_plural = "opfølgninger"

    def __str__(self) -> str:
        return f"Opfølgning {self.dato}"


@historik()
class StrategiBilag(Bilagsfil):
    strategi = models.ForeignKey(Strategi, on_delete=models.CASCADE, related_name="bilag")
    opfoelgning = models.ForeignKey(Opfoelgning, on_delete=models.CASCADE, null=True, blank=True, related_name="bilag")
    fremskridt = models.ForeignKey("Fremskridt", on_delete=models.CASCADE, null=True, blank=True, related_name="bilag")
    art = models.CharField("art", max_length=20, choices=Bilagsart.choices)

    class Meta(Bilagsfil.Meta):
        verbose_name = "bilag til strategien"
        verbose_name_plural = "bilag til strategien"

    def mappe(self) -> str:
        return f"strategibilag/{self.strategi_id}"


class HandlingStatus(models.TextChoices):
    IKKE_STARTET = "ikke_startet", "Ikke startet"
    I_GANG = "i_gang", "I gang"
    GENNEMFOERT = "gennemfoert", "Gennemført"
    FORSINKET = "forsinket", "Forsinket"
    OPGIVET = "opgivet", "Opgivet"


AFSLUTTEDE = (HandlingStatus.GENNEMFOERT, HandlingStatus.OPGIVET)


class Farve(models.TextChoices):
    """The prerequisite colour of Copenhagen's strategy: what it takes to carry an action out."""

    GROEN = "groen", "Grøn"
    GUL = "gul", "Gul"
    ROED = "roed", "Rød"


FARVEFORKLARING = {
    Farve.GROEN: "kan gå i gang nu inden for det eksisterende budget",
    Farve.GUL: "kræver forberedelse, aftale med andre forvaltninger eller en politisk beslutning",
    Farve.ROED: "kræver nyt budget eller en større organisatorisk ændring",
}


def forsinket_q(i_dag: date) -> Q:
    """The one definition of a late action: marked late, or its end date has passed and it is neither done nor
    given up. Every page, count, PDF and overview uses it through `HandlingQuerySet.med_forsinkelse`."""
    return Q(status=HandlingStatus.FORSINKET) | (Q(slut__lt=i_dag) & ~Q(status__in=AFSLUTTEDE))


class HandlingQuerySet(models.QuerySet):
    def med_forsinkelse(self, i_dag: date):
        return self.annotate(
            forsinket=models.Case(
                models.When(forsinket_q(i_dag), then=models.Value(True)),
                default=models.Value(False),
                output_field=models.BooleanField(),
            ),
            slutdato_overskredet=models.Case(
                models.When(Q(slut__lt=i_dag) & ~Q(status__in=AFSLUTTEDE), then=models.Value(True)),
                default=models.Value(False),
                output_field=models.BooleanField(),
            ),
        )


@historik()
class Handling(models.Model):
    """One action of the action plan, with its owner, dates, expected cost, status and prerequisite colour."""

    strategi = models.ForeignKey(Strategi, on_delete=models.CASCADE, related_name="handlinger")
    indsatsomraade = models.ForeignKey(
        Indsatsomraade, verbose_name="indsatsområde", on_delete=models.PROTECT, related_name="handlinger"
    )
    delstrategi = models.ForeignKey(
        Delstrategi,
        verbose_name="delstrategi",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="handlinger",
    )
    titel = models.CharField("handling", max_length=300)
    beskrivelse = _tekst("beskrivelse", 4_000)
    maal = models.ManyToManyField(
        Maal, verbose_name="mål", through="HandlingMaal", blank=True, related_name="handlinger"
    )
    ansvarlig = models.CharField("ansvarlig", max_length=200, help_text="En person eller en enhed.")
    aktoerer = models.ManyToManyField(
        Aktoer, verbose_name="aktører", through="HandlingAktoer", blank=True, related_name="handlinger"
    )
    start = models.DateField("start")
    slut = models.DateField("slut")
    forventet_udgift = models.PositiveBigIntegerField("forventet udgift (kr.)", null=True, blank=True)
    status = models.CharField(
        "status", max_length=20, choices=HandlingStatus.choices, default=HandlingStatus.IKKE_STARTET
    )
    farve = models.CharField("forudsætninger", max_length=10, choices=Farve.choices)
    version = models.PositiveIntegerField(default=1)
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    aendret = models.DateTimeField("ændret", auto_now=True)

    objects = HandlingQuerySet.as_manager()

    class Meta:
        ordering = ["strategi_id", "indsatsomraade_id", "start", "pk"]
        verbose_name = "handling"
        verbose_name_plural = "handlinger"
        constraints = [
            models.CheckConstraint(
                condition=Q(slut__gte=models.F("start")),
                name="handling_slutter_efter_start",
                violation_error_message="Slutdatoen kan ikke ligge før startdatoen.",
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    def clean(self):
        fejl = {}
        if self.start and self.slut and self.slut < self.start:
            fejl["slut"] = "Slutdatoen kan ikke ligge før startdatoen."
        if (
            self.delstrategi_id
            and self.indsatsomraade_id
            and self.delstrategi.indsatsomraade_id != self.indsatsomraade_id
        ):
            fejl["delstrategi"] = "Delstrategien hører til et andet indsatsområde."
        if self.indsatsomraade_id and self.indsatsomraade.strategi_id != self.strategi_id:
            fejl["indsatsomraade"] = "Indsatsområdet hører til en anden strategi."
        if fejl:
            raise ValidationError(fejl)

    @property
    def farveforklaring(self) -> str:
        return FARVEFORKLARING[Farve(self.farve)]


@historik()
class Fremskridt(models.Model):
    """Progress on an action of an approved plan, recorded by the municipality's lead at any time between the annual
    reviews: the action's status (the latest standing update sets it, so a finished action stops being late), how
    far it has come and a short note. The ministry may comment on it or send it back; `status_foer` is what the
    action goes back to when the latest update is sent back."""

    strategi = models.ForeignKey(Strategi, on_delete=models.CASCADE, related_name="+")
    handling = models.ForeignKey(Handling, on_delete=models.CASCADE, related_name="fremskridt")
    dato = models.DateField("dato", help_text="Den dag, fremskridtet gælder.")
    status = models.CharField("status", max_length=20, choices=HandlingStatus.choices)
    procent = models.PositiveSmallIntegerField(
        "færdig (pct.)", null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    milepael = models.CharField("milepæl nået", max_length=200, blank=True)
    notat = _tekst("notat", 1_000, blank=False)
    status_foer = models.CharField("handlingens status før", max_length=20, choices=HandlingStatus.choices)
    sendt_tilbage = models.BooleanField("sendt tilbage", default=False)
    indsendt = models.DateTimeField("indsendt", help_text="Registreret eller senest rettet af kommunen.")
    registreret_af = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    aendret = models.DateTimeField("ændret", auto_now=True)

    class Meta:
        ordering = ["handling_id", "-pk"]
        verbose_name = "fremskridt"
        verbose_name_plural = "fremskridt"

    def __str__(self) -> str:
        return f"Fremskridt {self.dato}: {self.get_status_display()}"


@historik()
class Fremskridtskommentar(models.Model):
    """The ministry's word on a progress update: a comment, or why it is sent back."""

    strategi = models.ForeignKey(Strategi, on_delete=models.CASCADE, related_name="+")
    fremskridt = models.ForeignKey(Fremskridt, on_delete=models.CASCADE, related_name="kommentarer")
    sendt_tilbage = models.BooleanField("sendte fremskridtet tilbage", default=False)
    tekst = _tekst("kommentar", 2_000, blank=False)
    skrevet = models.DateTimeField("skrevet")
    skrevet_af = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["fremskridt_id", "skrevet", "pk"]
        verbose_name = "ministeriets kommentar til fremskridt"
        verbose_name_plural = "ministeriets kommentarer til fremskridt"

    def __str__(self) -> str:
        return "Sendt tilbage" if self.sendt_tilbage else "Kommentar"


class Fremskridtsbesoeg(models.Model):
    """When a ministry user last looked at a strategy's progress: what is newer is new to them. A visit changes no
    data, so it has no history."""

    bruger = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    strategi = models.ForeignKey(Strategi, on_delete=models.CASCADE, related_name="+")
    set = models.DateTimeField("sidst set")

    class Meta:
        verbose_name = "besøg på fremskridt"
        verbose_name_plural = "besøg på fremskridt"
        constraints = [models.UniqueConstraint(fields=["bruger", "strategi"], name="et_besoeg_pr_bruger_og_strategi")]

    def __str__(self) -> str:
        return f"Sidst set {self.set}"


class Forbindelse(models.Model):
    """A tracked link between two parts of a strategy, with the words the history shows for it (the link rows
    themselves hold only ids)."""

    strategi = models.ForeignKey(Strategi, on_delete=models.CASCADE, related_name="+")
    forbindelse = models.CharField("forbindelse", max_length=500)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.forbindelse


@historik()
class IndsatsomraadeMaalgruppe(Forbindelse):
    indsatsomraade = models.ForeignKey(Indsatsomraade, on_delete=models.CASCADE, related_name="+")
    maalgruppe = models.ForeignKey(Maalgruppe, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = "målgruppe i indsatsområdet"
        verbose_name_plural = "målgrupper i indsatsområder"
        constraints = [
            models.UniqueConstraint(fields=["indsatsomraade", "maalgruppe"], name="omraade_maalgruppe_en_gang")
        ]


@historik()
class IndsatsomraadeAktoer(Forbindelse):
    indsatsomraade = models.ForeignKey(Indsatsomraade, on_delete=models.CASCADE, related_name="+")
    aktoer = models.ForeignKey(Aktoer, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = "aktør i indsatsområdet"
        verbose_name_plural = "aktører i indsatsområder"
        constraints = [models.UniqueConstraint(fields=["indsatsomraade", "aktoer"], name="omraade_aktoer_en_gang")]


@historik()
class HandlingAktoer(Forbindelse):
    handling = models.ForeignKey(Handling, on_delete=models.CASCADE, related_name="+")
    aktoer = models.ForeignKey(Aktoer, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = "aktør i handlingen"
        verbose_name_plural = "aktører i handlinger"
        constraints = [models.UniqueConstraint(fields=["handling", "aktoer"], name="handling_aktoer_en_gang")]


@historik()
class HandlingMaal(Forbindelse):
    """That an action serves a goal: an arrow in the theory of change. A restored goal gets its actions back."""

    handling = models.ForeignKey(Handling, on_delete=models.CASCADE, related_name="+")
    maal = models.ForeignKey(Maal, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = "handlingens mål"
        verbose_name_plural = "handlingers mål"
        constraints = [models.UniqueConstraint(fields=["handling", "maal"], name="handling_maal_en_gang")]


class Trin(models.IntegerChoices):
    """The indsatstrappe, from the least to the most intrusive measure. The aim is movement down the stairs."""

    TIDLIG = 1, "Tidlige indsatser i almene tilbud"
    SPECIALISERET = 2, "Specialiserede indsatser i almene tilbud"
    FOREBYGGENDE = 3, "Forebyggende foranstaltninger"
    HJEMMEBASERET = 4, "Hjemmebaserede foranstaltninger"
    NETVAERK = 5, "Anbringelse i slægt eller netværk"
    PLEJEFAMILIE = 6, "Anbringelse i plejefamilie"
    INSTITUTION = 7, "Anbringelse på døgninstitution"


class Evidensprogram(models.TextChoices):
    DE_UTROLIGE_AAR = "dua", "De Utrolige År"
    MST = "mst", "MST (multisystemisk terapi)"
    MTFC = "mtfc", "MTFC (behandlingsplejefamilier)"
    MULTIFUNC = "multifunc", "MultifunC"
    PMTO = "pmto", "PMTO (forældretræning)"
    FFT = "fft", "FFT (funktionel familieterapi)"
    ANDET = "andet", "Andet evidensbaseret program"


class Kapacitetsenhed(models.TextChoices):
    """What an offer's capacity counts. Places and courses are different units, so they are never added together."""

    PLADSER = "pladser", "pladser"
    FORLOEB = "forloeb", "forløb"


@historik()
class Tilbud(models.Model):
    """One of the municipality's offers, placed on a step of the indsatstrappe."""

    strategi = models.ForeignKey(Strategi, on_delete=models.CASCADE, related_name="tilbud")
    navn = models.CharField("navn", max_length=200)
    art = models.CharField("art", max_length=200, help_text="Fx åben rådgivning, gruppeforløb, familiebehandling.")
    trin = models.PositiveSmallIntegerField("trin på indsatstrappen", choices=Trin.choices)
    maalgruppe = models.ForeignKey(
        Maalgruppe, verbose_name="målgruppe", on_delete=models.SET_NULL, null=True, blank=True, related_name="tilbud"
    )
    aktoer = models.ForeignKey(
        Aktoer, verbose_name="aktør", on_delete=models.SET_NULL, null=True, blank=True, related_name="tilbud"
    )
    kapacitet = models.PositiveIntegerField(
        "kapacitet", null=True, blank=True, help_text="Pladser eller forløb om året."
    )
    kapacitetsenhed = models.CharField("kapacitetens enhed", max_length=10, choices=Kapacitetsenhed.choices, blank=True)
    boern = models.PositiveIntegerField("børn og unge om året", null=True, blank=True)
    udgift = models.PositiveIntegerField("udgift om året (kr.)", null=True, blank=True)
    evidensprogram = models.CharField(
        "evidensbaseret program", max_length=20, choices=Evidensprogram.choices, blank=True
    )
    beskrivelse = _tekst("beskrivelse", 2_000)

    class Meta:
        ordering = ["strategi_id", "trin", "navn", "pk"]
        verbose_name = "tilbud"
        verbose_name_plural = "tilbud"

    def __str__(self) -> str:
        return self.navn

    @property
    def kapacitet_tekst(self) -> str:
        """'40 pladser'; an older offer whose unit was never given says so rather than guess."""
        if self.kapacitet is None:
            return ""
        return f"{tal(self.kapacitet)} {self.get_kapacitetsenhed_display() or 'pladser eller forløb'}"


class Kommentarart(models.TextChoices):
    KOMMENTAR = "kommentar", "Kommentar"
    SENDT_TILBAGE = "sendt_tilbage", "Sendt tilbage til ændring"
    GODKENDT = "godkendt", "Godkendt"


@historik()
class Kommentar(models.Model):
    """The ministry's word on a submitted strategy: a comment, or the reason for approving or sending it back."""

    strategi = models.ForeignKey(Strategi, on_delete=models.CASCADE, related_name="kommentarer")
    art = models.CharField("art", max_length=20, choices=Kommentarart.choices)
    tekst = _tekst("kommentar", 4_000, blank=False)
    versionsnummer = models.PositiveIntegerField("til version")
    skrevet = models.DateTimeField("skrevet")
    skrevet_af = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["strategi_id", "-skrevet", "-pk"]
        verbose_name = "ministeriets kommentar"
        verbose_name_plural = "ministeriets kommentarer"

    def __str__(self) -> str:
        return f"{self.get_art_display()} til version {self.versionsnummer}"


class Strategiversion(models.Model):
    """An earlier version of a strategy, frozen by an annual review as it was read then (what every page showed:
    labels, values, statuses). The current version is the live rows."""

    strategi = models.ForeignKey(Strategi, on_delete=models.CASCADE, related_name="versioner")
    nummer = models.PositiveIntegerField("version")
    indhold = models.JSONField("indhold")
    afsluttet = models.DateTimeField("afløst")
    afsluttet_af = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["strategi_id", "-nummer"]
        verbose_name = "tidligere version"
        verbose_name_plural = "tidligere versioner"
        constraints = [models.UniqueConstraint(fields=["strategi", "nummer"], name="et_versionsnummer_en_gang")]

    def __str__(self) -> str:
        return f"Version {self.nummer}"


def forfaldent_gennemgangsaar(programmets_aar: list[int], gennemgaaede: set[int], i_aar: int) -> int | None:
    """The one programme year the annual review is for now: this year (the programme's last once it is over). None
    before the programme begins, or when that year, or a later one, is reviewed: never an earlier year after a later."""
    begyndte = [a for a in programmets_aar if a <= i_aar]
    if not begyndte:
        return None
    aar = begyndte[-1]
    if aar <= max(gennemgaaede, default=0):
        return None
    return aar


@historik()
class Aarsgennemgang(models.Model):
    """The annual review: the lead re-colours the actions and sets their statuses; the version before it is frozen
    in `version_foer`, and the strategy continues as the next version."""

    strategi = models.ForeignKey(Strategi, on_delete=models.CASCADE, related_name="gennemgange")
    aar = models.PositiveSmallIntegerField("år")
    konklusion = _tekst("konklusion", 4_000, "Hvad gennemgangen viste, og hvad der ændres.", blank=False)
    version_foer = models.OneToOneField(
        Strategiversion, verbose_name="version før gennemgangen", on_delete=models.PROTECT, related_name="gennemgang"
    )
    gennemfoert = models.DateTimeField("gennemført")
    gennemfoert_af = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["strategi_id", "-aar"]
        verbose_name = "årlig gennemgang"
        verbose_name_plural = "årlige gennemgange"
        constraints = [models.UniqueConstraint(fields=["strategi", "aar"], name="en_gennemgang_pr_aar")]

    def __str__(self) -> str:
        return f"Årlig gennemgang {self.aar}"


@historik()
class Gennemgangslinje(models.Model):
    """One action as the review found and left it."""

    strategi = models.ForeignKey(Strategi, on_delete=models.CASCADE, related_name="+")
    gennemgang = models.ForeignKey(Aarsgennemgang, on_delete=models.CASCADE, related_name="linjer")
    handling = models.ForeignKey(Handling, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    handling_titel = models.CharField("handling", max_length=300)
    farve_foer = models.CharField("forudsætninger før", max_length=10, choices=Farve.choices)
    farve_efter = models.CharField("forudsætninger efter", max_length=10, choices=Farve.choices)
    status_foer = models.CharField("status før", max_length=20, choices=HandlingStatus.choices)
    status_efter = models.CharField("status efter", max_length=20, choices=HandlingStatus.choices)
    slut_foer = models.DateField("slut før")
    slut_efter = models.DateField("slut efter")
    bemaerkning = _tekst("bemærkning", 1_000)

    class Meta:
        ordering = ["gennemgang_id", "pk"]
        verbose_name = "handling i gennemgangen"
        verbose_name_plural = "handlinger i gennemgangen"

    def __str__(self) -> str:
        return self.handling_titel

    @property
    def er_aendret(self) -> bool:
        return (self.farve_foer, self.status_foer, self.slut_foer) != (
            self.farve_efter,
            self.status_efter,
            self.slut_efter,
        )
