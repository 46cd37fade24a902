import calendar
from datetime import date

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone

from forebyggelse.bilag import Bilagsfil
from forebyggelse.formatering import kort_tidspunkt
from forebyggelse.historik import historik
from forebyggelse.roller import Rolle


def valider_cvr(value: str) -> None:
    """A CVR number is 8 digits whose weighted sum (weights 2,7,6,5,4,3,2,1) is divisible by 11."""
    if not (len(value) == 8 and value.isdigit()):
        raise ValidationError("CVR-nummeret skal være 8 cifre.", code="cvr_format")
    if sum(int(c) * w for c, w in zip(value, (2, 7, 6, 5, 4, 3, 2, 1), strict=True)) % 11:
        raise ValidationError("CVR-nummeret er ikke gyldigt: kontrolcifferet passer ikke.", code="cvr_kontrol")


telefon_validator = RegexValidator(r"^\+?[0-9 ]{8,16}$", "Skriv telefonnummeret med 8 cifre, fx 33 66 33 66.")


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
    def med_gruppe(self):
        return self.select_related("kommunegruppe")


@historik()
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
    # The municipality's own details, kept current by its project leads (section A of an application).
    cvr = models.CharField("CVR-nummer", max_length=8, blank=True, validators=[valider_cvr])
    adresse = models.CharField("adresse", max_length=200, blank=True, help_text="Gade og nummer.")
    postnr_by = models.CharField("postnummer og by", max_length=100, blank=True)
    telefon = models.CharField("telefon", max_length=20, blank=True, validators=[telefon_validator])
    email = models.EmailField("e-mail", blank=True)

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

    def historikadgang(self, kommune_id: int | None):
        """The history rule of kommuner.roller, asked by forebyggelse.historik without importing this app."""
        from kommuner.roller import historikadgang  # roller imports this module

        return historikadgang(self, kommune_id)


# ---------------------------------------------------------------------------------------------------
# Programmes, municipality details, expressions of interest, assessment, decision and grant (issue 3)
# ---------------------------------------------------------------------------------------------------


@historik()
class Kontaktperson(models.Model):
    kommune = models.ForeignKey(Kommune, on_delete=models.CASCADE, related_name="kontaktpersoner")
    navn = models.CharField("navn", max_length=200)
    titel = models.CharField("stilling", max_length=200, blank=True)
    enhed = models.CharField("enhed", max_length=200, blank=True, help_text="Forvaltning, afdeling eller kontor.")
    telefon = models.CharField("telefon", max_length=20, blank=True, validators=[telefon_validator])
    email = models.EmailField("e-mail", blank=True)

    class Meta:
        ordering = ["navn", "pk"]
        verbose_name = "kontaktperson"
        verbose_name_plural = "kontaktpersoner"

    def __str__(self) -> str:
        return self.navn


class ProgramStatus(models.TextChoices):
    PLANLAGT = "planlagt", "Planlagt"
    AABEN = "aaben", "Åben for interessetilkendegivelser"
    I_GANG = "i_gang", "I gang"
    AFSLUTTET = "afsluttet", "Afsluttet"


@historik()
class Program(models.Model):
    navn = models.CharField("navn", max_length=200, unique=True)
    beskrivelse = models.TextField("beskrivelse", blank=True)
    startdato = models.DateField("start")
    slutdato = models.DateField("slut")
    samlet_budget = models.PositiveBigIntegerField("samlet budget (kr.)")
    ansoegningsfrist = models.DateTimeField(
        "frist for interessetilkendegivelse", help_text="Dansk tid. Efter fristen kan der ikke indsendes."
    )
    status = models.CharField("status", max_length=20, choices=ProgramStatus.choices, default=ProgramStatus.PLANLAGT)

    class Meta:
        ordering = ["-startdato", "navn"]
        verbose_name = "program"
        verbose_name_plural = "programmer"
        constraints = [
            models.CheckConstraint(condition=models.Q(slutdato__gte=models.F("startdato")), name="program_periode"),
        ]

    def __str__(self) -> str:
        return self.navn

    def clean(self):
        if self.startdato and self.slutdato and self.slutdato < self.startdato:
            raise ValidationError({"slutdato": "Slutdatoen skal ligge efter startdatoen."})

    @property
    def aar(self) -> list[int]:
        return list(range(self.startdato.year, self.slutdato.year + 1))


class AnsoegningStatus(models.TextChoices):
    KLADDE = "kladde", "Kladde"
    INDSENDT = "indsendt", "Indsendt"
    SENDT_TILBAGE = "sendt_tilbage", "Sendt tilbage til ændring"


# Section length limits in characters, matching the official form's page limits (one page ≈ 4.000 tegn).
TEGNGRAENSER = {
    "beslutningsniveau": 1_500,
    "baggrund": 4_000,
    "opstart": 2_000,
    "projektdesign": 4_000,
    "bemanding": 2_000,
    "tidsplan": 2_000,
}


def _afsnit(label: str, felt: str, hjaelp: str) -> models.TextField:
    return models.TextField(
        label,
        blank=True,
        max_length=TEGNGRAENSER[felt],
        validators=[MaxLengthValidator(TEGNGRAENSER[felt])],
        help_text=hjaelp,
    )


# The long answers of sections B–G: pages that list applications never load them.
TEKSTFELTER = [*TEGNGRAENSER, "tilbagesendt_kommentar"]


def _sum_subquery(model: type[models.Model], felt: str, **filtre) -> models.Subquery:
    """Σ felt over the rows of model matching filtre (OuterRef allowed), as a subquery."""
    return models.Subquery(
        model.objects.filter(**filtre).order_by().values(*filtre).annotate(i_alt=models.Sum(felt)).values("i_alt")[:1]
    )


class AnsoegningQuerySet(models.QuerySet):
    def med_totaler(self):
        """The one place "ansøgt i alt" and "bevilget i alt" of an application are computed (None: none yet)."""
        return self.annotate(
            ansoegt_i_alt=_sum_subquery(Ansoegningsbeloeb, "beloeb", ansoegning=models.OuterRef("pk")),
            bevilget_i_alt=_sum_subquery(Bevilling, "bevilget", deltagelse__ansoegning=models.OuterRef("pk")),
        )

    def uden_tekst(self):
        return self.defer(*TEKSTFELTER)


@historik()
class Ansoegning(models.Model):
    """A municipality's expression of interest in a programme: the official form's sections A–G."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="ansoegninger")
    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="ansoegninger")
    status = models.CharField(
        "status", max_length=20, choices=AnsoegningStatus.choices, default=AnsoegningStatus.KLADDE
    )
    # A. The municipality and its contact person, prefilled from the municipality's details.
    kommune_navn = models.CharField("kommunens navn", max_length=200, blank=True)
    cvr = models.CharField("CVR-nummer", max_length=8, blank=True, validators=[valider_cvr])
    adresse = models.CharField("adresse", max_length=200, blank=True)
    postnr_by = models.CharField("postnummer og by", max_length=100, blank=True)
    telefon = models.CharField("telefon", max_length=20, blank=True, validators=[telefon_validator])
    email = models.EmailField("e-mail", blank=True)
    kontakt_navn = models.CharField("kontaktpersonens navn", max_length=200, blank=True)
    kontakt_titel = models.CharField("kontaktpersonens stilling og enhed", max_length=200, blank=True)
    kontakt_telefon = models.CharField(
        "kontaktpersonens telefon", max_length=20, blank=True, validators=[telefon_validator]
    )
    kontakt_email = models.EmailField("kontaktpersonens e-mail", blank=True)
    # B. Who decided to apply.
    beslutningsniveau = _afsnit(
        "Beslutningsniveau",
        "beslutningsniveau",
        "På hvilket niveau i kommunens organisation er det besluttet at søge?",
    )
    afventer_politisk_godkendelse = models.BooleanField(
        "Interessetilkendegivelsen afventer politisk godkendelse", default=False
    )
    # C–G.
    baggrund = _afsnit(
        "C. Baggrund",
        "baggrund",
        "Hvorfor kommunen vil deltage: formål, foreløbige mål og forventede resultater; hvad kommunen "
        "allerede gør, og hvilke gode erfaringer der skal føres videre.",
    )
    opstart = _afsnit(
        "D. Opstart og fremdrift",
        "opstart",
        "Hvordan kommunen kan gå i gang straks og holde fremdrift i projektet.",
    )
    projektdesign = _afsnit(
        "E. Projektdesign",
        "projektdesign",
        "De planlagte aktiviteter, og hvad der er nyt eller særligt i projektet.",
    )
    bemanding = _afsnit(
        "F. Bemanding og organisatorisk placering",
        "bemanding",
        "Hvem der bemander projektet, og hvor det er placeret i organisationen.",
    )
    tidsplan = _afsnit("G. Lokal tidsplan", "tidsplan", "Kommunens egen tidsplan for projektet.")

    tilbagesendt_kommentar = models.TextField("ministeriets kommentar", blank=True)
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    aendret = models.DateTimeField("ændret", auto_now=True)
    indsendt = models.DateTimeField("indsendt", null=True, blank=True)
    indsendt_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = AnsoegningQuerySet.as_manager()

    class Meta:
        ordering = ["program", "kommune__kode"]
        verbose_name = "interessetilkendegivelse"
        verbose_name_plural = "interessetilkendegivelser"
        constraints = [
            models.UniqueConstraint(fields=["program", "kommune"], name="en_ansoegning_pr_kommune_pr_program"),
        ]

    def __str__(self) -> str:
        return f"{self.kommune.navn}: {self.program.navn}"

    @property
    def tilstand(self) -> str:
        """Where the application stands for the municipality: once decided, the decision ("Udvalgt"), not the
        status it had when the ministry received it. A draft or one sent back is still the municipality's to finish,
        whatever was decided before. Load with select_related("afgoerelse") for a list."""
        if self.status != AnsoegningStatus.INDSENDT:
            return self.get_status_display()
        try:
            return str(self.afgoerelse)
        except Afgoerelse.DoesNotExist:
            return self.get_status_display()


@historik()
class Ansoegningsbeloeb(models.Model):
    """Section E's budget: the amount applied for in one year of the programme."""

    ansoegning = models.ForeignKey(Ansoegning, on_delete=models.CASCADE, related_name="beloeb")
    aar = models.PositiveSmallIntegerField("år")
    beloeb = models.PositiveBigIntegerField("ansøgt beløb (kr.)")

    class Meta:
        ordering = ["aar"]
        verbose_name = "ansøgt beløb"
        verbose_name_plural = "ansøgte beløb"
        constraints = [models.UniqueConstraint(fields=["ansoegning", "aar"], name="et_ansoegt_beloeb_pr_aar")]

    def __str__(self) -> str:
        return f"{self.aar}: {self.beloeb} kr."


@historik()
class Bilag(Bilagsfil):
    ansoegning = models.ForeignKey(Ansoegning, on_delete=models.CASCADE, related_name="bilag")

    class Meta(Bilagsfil.Meta):
        verbose_name = "bilag"
        verbose_name_plural = "bilag"

    def mappe(self) -> str:
        return f"bilag/{self.ansoegning.program_id}/{self.ansoegning.kommune.kode}"


@historik()
class Genaabning(models.Model):
    """The ministry lets one municipality submit after the programme's deadline."""

    ansoegning = models.ForeignKey(Ansoegning, on_delete=models.CASCADE, related_name="genaabninger")
    aaben_til = models.DateTimeField("åben til", help_text="Dansk tid.")
    begrundelse = models.TextField("begrundelse")
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    oprettet_af = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-oprettet"]
        verbose_name = "genåbning"
        verbose_name_plural = "genåbninger"

    def __str__(self) -> str:
        return f"Genåbnet til {kort_tidspunkt(self.aaben_til)}"


class Udfald(models.TextChoices):
    GENAABNET = "genaabnet", "Genåbnet"
    AFVIST = "afvist", "Afvist"


# A request stays short: the ministry reads it in its task list.
ANMODNING_MAKS = 1_000


@historik()
class Genaabningsanmodning(models.Model):
    """A municipality's lead asks the ministry to reopen its application after the deadline; the ministry answers
    by reopening (Genaabning) or by declining with a reason. At most one request is open at a time."""

    ansoegning = models.ForeignKey(Ansoegning, on_delete=models.CASCADE, related_name="genaabningsanmodninger")
    begrundelse = models.TextField(
        "begrundelse", max_length=ANMODNING_MAKS, validators=[MaxLengthValidator(ANMODNING_MAKS)]
    )
    oprettet = models.DateTimeField("sendt", default=timezone.now)  # the portal's clock when set (tid.nu)
    oprettet_af = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    besvaret = models.DateTimeField("besvaret", null=True, blank=True)
    besvaret_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    udfald = models.CharField("udfald", max_length=10, choices=Udfald.choices, blank=True)
    svar = models.TextField("ministeriets svar", blank=True, max_length=2_000, validators=[MaxLengthValidator(2_000)])

    class Meta:
        ordering = ["-oprettet", "-pk"]
        verbose_name = "anmodning om genåbning"
        verbose_name_plural = "anmodninger om genåbning"
        constraints = [
            models.UniqueConstraint(
                fields=["ansoegning"],
                condition=models.Q(besvaret__isnull=True),
                name="en_aaben_genaabningsanmodning",
                violation_error_message="Kommunen har allerede en anmodning om genåbning, som ministeriet ikke har "
                "svaret på.",
            ),
            # Answered means an outcome, and a decline always says why.
            models.CheckConstraint(
                condition=models.Q(besvaret__isnull=True, udfald="")
                | models.Q(besvaret__isnull=False, udfald=Udfald.GENAABNET)
                | (models.Q(besvaret__isnull=False, udfald=Udfald.AFVIST) & ~models.Q(svar="")),
                name="genaabningsanmodning_svar",
            ),
        ]

    def __str__(self) -> str:
        return f"Anmodning om genåbning sendt {kort_tidspunkt(self.oprettet)}" if self.oprettet else "Anmodning"

    @property
    def aaben(self) -> bool:
        return self.besvaret is None

    def clean(self):
        if self.udfald == Udfald.AFVIST and not self.svar.strip():
            raise ValidationError({"svar": "Skriv, hvorfor ministeriet ikke genåbner. Kommunen får svaret."})


class Kvittering(models.Model):
    """The PDF receipt made at the moment of submission: a frozen copy of exactly what was submitted."""

    ansoegning = models.ForeignKey(Ansoegning, on_delete=models.CASCADE, related_name="kvitteringer")
    indsendt = models.DateTimeField("indsendt")
    indsendt_af = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    pdf = models.BinaryField("PDF")

    class Meta:
        ordering = ["-indsendt"]
        verbose_name = "kvittering"
        verbose_name_plural = "kvitteringer"

    def __str__(self) -> str:
        return f"Kvittering {kort_tidspunkt(self.indsendt)}"


# The programme's two preconditions and eight selection criteria, in the order of the call.
FORUDSAETNINGER = {
    1: "Projektet ligger inden for programmets formål",
    2: "Projektet bygger på kvalificerede overvejelser om en samlet forebyggelsesstrategi med realistiske, "
    "men ambitiøse mål",
}
KRITERIER = {
    1: "Gode erfaringer fra den nuværende forebyggende indsats, der føres videre",
    2: "Formål og forventede resultater",
    3: "Forankring af resultaterne bagefter",
    4: "Det nytænkende, unikke eller særlige",
    5: "Målgruppen og hvor mange børn og unge, der får gavn af indsatsen",
    6: "Et realistisk projektdesign, hvor metoder og resultater hænger sammen",
    7: "Tidsplan for aktiviteterne",
    8: "Organisering og ledelse",
}


class Anbefaling(models.TextChoices):
    UDVAELG = "udvaelg", "Anbefales udvalgt"
    TVIVL = "tvivl", "I tvivl"
    IKKE = "ikke", "Anbefales ikke udvalgt"


def _score(nr: int) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        f"{nr}. {KRITERIER[nr]}",
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, "Scoren skal være mellem 1 og 5."),
            MaxValueValidator(5, "Scoren skal være mellem 1 og 5."),
        ],
    )


def _kommentar(label: str) -> models.TextField:
    return models.TextField(label, blank=True, max_length=2_000, validators=[MaxLengthValidator(2_000)])


@historik()
class Vurdering(models.Model):
    """One ministry assessor's assessment of one application. `version` guards against lost updates."""

    ansoegning = models.ForeignKey(Ansoegning, on_delete=models.CASCADE, related_name="vurderinger")
    bedoemmer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="vurderinger")
    forudsaetning_1 = models.BooleanField(FORUDSAETNINGER[1], null=True, blank=True)
    forudsaetning_1_kommentar = _kommentar("Kommentar til forudsætning 1")
    forudsaetning_2 = models.BooleanField(FORUDSAETNINGER[2], null=True, blank=True)
    forudsaetning_2_kommentar = _kommentar("Kommentar til forudsætning 2")
    kriterie_1 = _score(1)
    kriterie_1_kommentar = _kommentar("Kommentar til kriterie 1")
    kriterie_2 = _score(2)
    kriterie_2_kommentar = _kommentar("Kommentar til kriterie 2")
    kriterie_3 = _score(3)
    kriterie_3_kommentar = _kommentar("Kommentar til kriterie 3")
    kriterie_4 = _score(4)
    kriterie_4_kommentar = _kommentar("Kommentar til kriterie 4")
    kriterie_5 = _score(5)
    kriterie_5_kommentar = _kommentar("Kommentar til kriterie 5")
    kriterie_6 = _score(6)
    kriterie_6_kommentar = _kommentar("Kommentar til kriterie 6")
    kriterie_7 = _score(7)
    kriterie_7_kommentar = _kommentar("Kommentar til kriterie 7")
    kriterie_8 = _score(8)
    kriterie_8_kommentar = _kommentar("Kommentar til kriterie 8")
    anbefaling = models.CharField("anbefaling", max_length=10, choices=Anbefaling.choices, blank=True)
    anbefaling_begrundelse = _kommentar("Begrundelse for anbefalingen")
    version = models.PositiveIntegerField(default=1)
    aendret = models.DateTimeField("ændret", auto_now=True)

    class Meta:
        ordering = ["ansoegning", "bedoemmer__username"]
        verbose_name = "vurdering"
        verbose_name_plural = "vurderinger"
        constraints = [
            models.UniqueConstraint(fields=["ansoegning", "bedoemmer"], name="en_vurdering_pr_bedoemmer"),
        ]

    def __str__(self) -> str:
        return f"Vurdering af {self.ansoegning_id} ved {self.bedoemmer_id}"

    @property
    def scorer(self) -> list[int | None]:
        return [getattr(self, f"kriterie_{nr}") for nr in KRITERIER]


@historik()
class Afgoerelse(models.Model):
    """The ministry's decision on an application: selected or not, with a reason."""

    ansoegning = models.OneToOneField(Ansoegning, on_delete=models.CASCADE, related_name="afgoerelse")
    udvalgt = models.BooleanField("udvalgt")
    begrundelse = models.TextField("begrundelse")
    truffet = models.DateTimeField("truffet")
    truffet_af = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "afgørelse"
        verbose_name_plural = "afgørelser"

    def __str__(self) -> str:
        return "Udvalgt" if self.udvalgt else "Ikke udvalgt"


class DeltagelseQuerySet(models.QuerySet):
    def med_totaler(self):
        """The one place a participant's totals are computed: applied for, granted and spent (None: none yet)."""
        return self.annotate(
            ansoegt_i_alt=_sum_subquery(Ansoegningsbeloeb, "beloeb", ansoegning=models.OuterRef("ansoegning")),
            bevilget_i_alt=_sum_subquery(Bevilling, "bevilget", deltagelse=models.OuterRef("pk")),
            forbrugt_i_alt=_sum_subquery(Bevilling, "forbrugt", deltagelse=models.OuterRef("pk")),
        )


@historik()
class Deltagelse(models.Model):
    """A municipality's participation in a programme: profiles, strategies and deliveries hang on it."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="deltagelser")
    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="deltagelser")
    ansoegning = models.OneToOneField(
        Ansoegning, on_delete=models.PROTECT, null=True, blank=True, related_name="deltagelse"
    )
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)

    objects = DeltagelseQuerySet.as_manager()

    class Meta:
        ordering = ["program", "kommune__kode"]
        verbose_name = "deltagelse"
        verbose_name_plural = "deltagelser"
        constraints = [models.UniqueConstraint(fields=["program", "kommune"], name="en_deltagelse_pr_kommune")]

    def __str__(self) -> str:
        return f"{self.kommune.navn} i {self.program.navn}"


@historik()
class Bevilling(models.Model):
    """The grant for one year: granted by the ministry, spent as reported by the municipality."""

    deltagelse = models.ForeignKey(Deltagelse, on_delete=models.CASCADE, related_name="bevillinger")
    aar = models.PositiveSmallIntegerField("år")
    bevilget = models.PositiveBigIntegerField("bevilget (kr.)")
    forbrugt = models.PositiveBigIntegerField("forbrugt (kr.)", null=True, blank=True)
    forbrug_bemaerkning = models.CharField("bemærkning til forbruget", max_length=500, blank=True)

    class Meta:
        ordering = ["deltagelse", "aar"]
        verbose_name = "bevilling"
        verbose_name_plural = "bevillinger"
        constraints = [
            models.UniqueConstraint(fields=["deltagelse", "aar"], name="en_bevilling_pr_aar"),
            # The database refuses spending above the grant, whichever code path writes it.
            models.CheckConstraint(
                condition=models.Q(forbrugt__isnull=True) | models.Q(forbrugt__lte=models.F("bevilget")),
                name="forbrug_hoejst_bevillingen",
                violation_error_message="Forbruget kan ikke være større end bevillingen.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.aar}: {self.bevilget} kr."

    @property
    def beloeb(self) -> int:
        """The granted amount, under the name amount tables share with the amounts applied for."""
        return self.bevilget

    @property
    def rest(self) -> int:
        return self.bevilget - (self.forbrugt or 0)


# The municipality's own project organisation and milestone plan -------------------------------------------------


class Projektrolle(models.TextChoices):
    STYREGRUPPE = "styregruppe", "Styregruppe"
    PROJEKTEJER = "projektejer", "Projektejer"
    PROJEKTGRUPPE = "projektgruppe", "Projektgruppe"
    PROJEKTLEDER = "projektleder", "Projektleder"


@historik()
class Projektdeltager(models.Model):
    """A named person in the municipality's own project organisation for one participation: who steers, owns,
    works in and leads the project locally. Working data of the municipality, read like the participation."""

    # PROTECT: the municipality's own data stops a decision from removing the participation (_fjern_deltagelse).
    deltagelse = models.ForeignKey(Deltagelse, on_delete=models.PROTECT, related_name="projektdeltagere")
    navn = models.CharField("navn", max_length=200)
    rolle = models.CharField("rolle", max_length=20, choices=Projektrolle.choices)
    titel = models.CharField("titel eller funktion", max_length=200, blank=True)
    email = models.EmailField("e-mail", blank=True)
    raekkefoelge = models.PositiveSmallIntegerField("rækkefølge", default=0)

    class Meta:
        ordering = ["deltagelse", "rolle", "raekkefoelge", "navn", "pk"]
        verbose_name = "projektdeltager"
        verbose_name_plural = "projektdeltagere"

    def __str__(self) -> str:
        return f"{self.navn} ({self.get_rolle_display().lower()})"


def foerste_i_maaneden(dag: date) -> date:
    return dag.replace(day=1)


def sidste_i_maaneden(dag: date) -> date:
    return date(dag.year, dag.month, calendar.monthrange(dag.year, dag.month)[1])


def milepael_forsinket_q(i_dag: date) -> models.Q:
    """The one definition of a late milestone: its month has ended and it is not done. Pages, tasks and reports
    use it through `MilepaelQuerySet.med_forsinkelse`."""
    return models.Q(udfoert__isnull=True, maaned__lt=foerste_i_maaneden(i_dag))


class MilepaelQuerySet(models.QuerySet):
    def med_forsinkelse(self, i_dag: date):
        return self.annotate(
            forsinket=models.Case(
                models.When(milepael_forsinket_q(i_dag), then=models.Value(True)),
                default=models.Value(False),
                output_field=models.BooleanField(),
            )
        )

    def forsinkede_eller_i_maaneden(self, i_dag: date):
        """Not done, and late or due this month: what the lead should report on now."""
        return self.filter(udfoert__isnull=True, maaned__lte=foerste_i_maaneden(i_dag))


@historik()
class Milepael(models.Model):
    """One milestone of the participation's milestone plan (milepælsplan): what, who answers for it, the month it
    is due (stored as the month's first day) and the day it was done."""

    deltagelse = models.ForeignKey(Deltagelse, on_delete=models.PROTECT, related_name="milepaele")
    titel = models.CharField("milepæl", max_length=300)
    ansvarlig = models.CharField("ansvarlig", max_length=200)
    maaned = models.DateField("måned")
    udfoert = models.DateField("udført", null=True, blank=True)
    note = models.TextField("note", blank=True, max_length=2_000, validators=[MaxLengthValidator(2_000)])

    objects = MilepaelQuerySet.as_manager()

    class Meta:
        ordering = ["deltagelse", "maaned", "pk"]
        verbose_name = "milepæl"
        verbose_name_plural = "milepæle"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(maaned__day=1),
                name="milepael_maaned_er_den_foerste",
                violation_error_message=("Måneden gemmes som den første dag i måneden."),
            )
        ]

    def __str__(self) -> str:
        return self.titel

    def clean(self):
        if self.maaned and self.maaned.day != 1:
            raise ValidationError({"maaned": "Måneden gemmes som den første dag i måneden."})
