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


# A programme's set-up: its application form, assessment and money rules (decision record 0056) --------------


@historik()
class Opsaetning(models.Model):
    """One version of a programme's set-up. A version becomes fixed when the first application written in it is
    submitted; a change after that is a new version, so every submitted application keeps the form it answered."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="opsaetninger")
    version = models.PositiveSmallIntegerField("version", default=1)
    oprettet = models.DateTimeField("oprettet", default=timezone.now)
    # The money rules.
    maks_beloeb = models.PositiveBigIntegerField(
        "største beløb pr. kommune (kr.)",
        null=True,
        blank=True,
        help_text="Tomt: intet loft ud over programmets budget.",
    )
    medfinansiering_procent = models.PositiveSmallIntegerField(
        "krævet medfinansiering (%)",
        default=0,
        validators=[MaxValueValidator(100, "Medfinansieringen kan højst være 100 %%.")],
        help_text="Kommunens egen andel af projektets samlede budget. 0: ingen krav.",
    )
    udbetaling = models.TextField(
        "sådan udbetales tilskuddet", blank=True, max_length=2_000, validators=[MaxLengthValidator(2_000)]
    )

    class Meta:
        ordering = ["program", "-version"]
        verbose_name = "programopsætning"
        verbose_name_plural = "programopsætninger"
        constraints = [models.UniqueConstraint(fields=["program", "version"], name="en_opsaetning_pr_version")]

    def __str__(self) -> str:
        return f"{self.program} – opsætning version {self.version}"


@historik()
class Afsnit(models.Model):
    """A section of the programme's application form, answered in free text."""

    opsaetning = models.ForeignKey(Opsaetning, on_delete=models.CASCADE, related_name="afsnit")
    nr = models.PositiveSmallIntegerField("rækkefølge")
    overskrift = models.CharField("overskrift", max_length=200)
    hjaelp = models.TextField("hjælpetekst", blank=True, max_length=2_000, validators=[MaxLengthValidator(2_000)])
    tegngraense = models.PositiveIntegerField(
        "højst antal tegn",
        default=4_000,
        validators=[
            MinValueValidator(100, "Grænsen skal være mindst 100 tegn."),
            MaxValueValidator(40_000, "Grænsen kan højst være 40.000 tegn."),
        ],
    )
    paakraevet = models.BooleanField("skal udfyldes før indsendelse", default=True)

    class Meta:
        ordering = ["opsaetning", "nr"]
        verbose_name = "afsnit"
        verbose_name_plural = "afsnit"
        constraints = [models.UniqueConstraint(fields=["opsaetning", "nr"], name="et_afsnit_pr_nr")]

    def __str__(self) -> str:
        return self.overskrift


@historik()
class Forudsaetning(models.Model):
    """A precondition of the assessment, answered yes or no by each assessor."""

    opsaetning = models.ForeignKey(Opsaetning, on_delete=models.CASCADE, related_name="forudsaetninger")
    nr = models.PositiveSmallIntegerField("nummer")
    tekst = models.CharField("forudsætning", max_length=300)
    vejledning = models.TextField("vejledning", blank=True, max_length=2_000, validators=[MaxLengthValidator(2_000)])

    class Meta:
        ordering = ["opsaetning", "nr"]
        verbose_name = "forudsætning"
        verbose_name_plural = "forudsætninger"
        constraints = [models.UniqueConstraint(fields=["opsaetning", "nr"], name="en_forudsaetning_pr_nr")]

    def __str__(self) -> str:
        return f"Forudsætning {self.nr}: {self.tekst}"


@historik()
class Kriterie(models.Model):
    """A selection criterion, scored on its scale by each assessor; the weight counts in the weighted total."""

    opsaetning = models.ForeignKey(Opsaetning, on_delete=models.CASCADE, related_name="kriterier")
    nr = models.PositiveSmallIntegerField("nummer")
    tekst = models.CharField("kriterie", max_length=300)
    vejledning = models.TextField("vejledning", blank=True, max_length=2_000, validators=[MaxLengthValidator(2_000)])
    skala_fra = models.PositiveSmallIntegerField("laveste score", default=1)
    skala_til = models.PositiveSmallIntegerField(
        "højeste score", default=5, validators=[MaxValueValidator(10, "Skalaen kan højst gå til 10.")]
    )
    vaegt = models.PositiveSmallIntegerField(
        "vægt",
        default=1,
        validators=[
            MinValueValidator(1, "Vægten skal være mindst 1."),
            MaxValueValidator(10, "Vægten kan højst være 10."),
        ],
    )

    class Meta:
        ordering = ["opsaetning", "nr"]
        verbose_name = "kriterie"
        verbose_name_plural = "kriterier"
        constraints = [
            models.UniqueConstraint(fields=["opsaetning", "nr"], name="et_kriterie_pr_nr"),
            models.CheckConstraint(condition=models.Q(skala_til__gt=models.F("skala_fra")), name="kriterie_skala"),
        ]

    def __str__(self) -> str:
        return f"{self.nr}. {self.tekst}"

    def clean(self):
        if self.skala_fra is not None and self.skala_til is not None and self.skala_til <= self.skala_fra:
            raise ValidationError({"skala_til": "Den højeste score skal være større end den laveste."})

    @property
    def skala(self) -> range:
        return range(self.skala_fra, self.skala_til + 1)


class AnsoegningStatus(models.TextChoices):
    KLADDE = "kladde", "Kladde"
    INDSENDT = "indsendt", "Indsendt"
    SENDT_TILBAGE = "sendt_tilbage", "Sendt tilbage til ændring"


# The application's free-text answers: pages that list applications never load them.
TEKSTFELTER = ["tilbagesendt_kommentar"]


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
    """A municipality's expression of interest in a programme: the municipality's details (fixed), its answers to
    the sections of the programme's form (Svar) and the amount per year."""

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
    # B's fixed question; the sections' texts are answers (Svar) to the programme's form.
    afventer_politisk_godkendelse = models.BooleanField(
        "Interessetilkendegivelsen afventer politisk godkendelse", default=False
    )
    opsaetning = models.ForeignKey(
        Opsaetning, on_delete=models.PROTECT, related_name="ansoegninger", verbose_name="opsætning"
    )

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
    egenfinansiering = models.PositiveBigIntegerField("kommunens egenfinansiering (kr.)", default=0)

    class Meta:
        ordering = ["aar"]
        verbose_name = "ansøgt beløb"
        verbose_name_plural = "ansøgte beløb"
        constraints = [models.UniqueConstraint(fields=["ansoegning", "aar"], name="et_ansoegt_beloeb_pr_aar")]

    def __str__(self) -> str:
        return f"{self.aar}: {self.beloeb} kr."


@historik()
class Svar(models.Model):
    """The application's answer to one section of the form it was written in."""

    ansoegning = models.ForeignKey(Ansoegning, on_delete=models.CASCADE, related_name="svar")
    afsnit = models.ForeignKey(Afsnit, on_delete=models.PROTECT, related_name="svar")
    tekst = models.TextField("svar", blank=True)

    class Meta:
        ordering = ["ansoegning", "afsnit__nr"]
        verbose_name = "svar"
        verbose_name_plural = "svar"
        constraints = [models.UniqueConstraint(fields=["ansoegning", "afsnit"], name="et_svar_pr_afsnit")]

    def __str__(self) -> str:
        return f"Svar på {self.afsnit_id}"

    historik_titel_felt = "afsnit_id"

    @classmethod
    def historik_titler(cls, pgh_data: list[dict]) -> dict[int, str]:
        """The heading of each answered section, for the history: an answer's change is named by its section."""
        ids = {d.get("afsnit_id") for d in pgh_data}
        return dict(Afsnit.objects.filter(pk__in=[i for i in ids if i]).values_list("pk", "overskrift"))


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


class Anbefaling(models.TextChoices):
    UDVAELG = "udvaelg", "Anbefales udvalgt"
    TVIVL = "tvivl", "I tvivl"
    IKKE = "ikke", "Anbefales ikke udvalgt"


def _kommentar(label: str) -> models.TextField:
    return models.TextField(label, blank=True, max_length=2_000, validators=[MaxLengthValidator(2_000)])


@historik()
class Vurdering(models.Model):
    """One ministry assessor's assessment of one application. `version` guards against lost updates."""

    ansoegning = models.ForeignKey(Ansoegning, on_delete=models.CASCADE, related_name="vurderinger")
    bedoemmer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="vurderinger")
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

    def vaerdier(self) -> dict:
        """The assessment under the form's names (forudsaetning_<nr>, kriterie_<nr>, each with _kommentar, and the
        recommendation), nr being the item's number in the set-up."""
        felter: dict = {"anbefaling": self.anbefaling, "anbefaling_begrundelse": self.anbefaling_begrundelse}
        if self.pk is None:
            return felter
        for f in self.forudsaetningsvurderinger.all():
            felter[f"forudsaetning_{f.forudsaetning.nr}"] = f.opfyldt
            felter[f"forudsaetning_{f.forudsaetning.nr}_kommentar"] = f.kommentar
        for k in self.kriteriescorer.all():
            felter[f"kriterie_{k.kriterie.nr}"] = k.score
            felter[f"kriterie_{k.kriterie.nr}_kommentar"] = k.kommentar
        return felter

    @property
    def scorer(self) -> list[int | None]:
        """The scores in the criteria's order (None: not scored)."""
        return [k.score for k in sorted(self.kriteriescorer.all(), key=lambda k: k.kriterie.nr)]


@historik()
class Forudsaetningsvurdering(models.Model):
    """An assessor's yes or no (or not yet) on one precondition, with a comment."""

    vurdering = models.ForeignKey(Vurdering, on_delete=models.CASCADE, related_name="forudsaetningsvurderinger")
    forudsaetning = models.ForeignKey(Forudsaetning, on_delete=models.PROTECT, related_name="vurderinger")
    opfyldt = models.BooleanField("opfyldt", null=True, blank=True)
    kommentar = _kommentar("kommentar")

    class Meta:
        ordering = ["vurdering", "forudsaetning__nr"]
        verbose_name = "vurdering af forudsætning"
        verbose_name_plural = "vurderinger af forudsætninger"
        constraints = [
            models.UniqueConstraint(fields=["vurdering", "forudsaetning"], name="en_vurdering_pr_forudsaetning")
        ]

    def __str__(self) -> str:
        return f"Forudsætning {self.forudsaetning_id}"

    historik_titel_felt = "forudsaetning_id"

    @classmethod
    def historik_titler(cls, pgh_data: list[dict]) -> dict[int, str]:
        ids = {d.get("forudsaetning_id") for d in pgh_data}
        return {f.pk: str(f) for f in Forudsaetning.objects.filter(pk__in=[i for i in ids if i])}


@historik()
class Kriteriescore(models.Model):
    """An assessor's score (or not yet) on one criterion, with a comment."""

    vurdering = models.ForeignKey(Vurdering, on_delete=models.CASCADE, related_name="kriteriescorer")
    kriterie = models.ForeignKey(Kriterie, on_delete=models.PROTECT, related_name="scorer")
    score = models.PositiveSmallIntegerField("score", null=True, blank=True)
    kommentar = _kommentar("kommentar")

    class Meta:
        ordering = ["vurdering", "kriterie__nr"]
        verbose_name = "score"
        verbose_name_plural = "scorer"
        constraints = [models.UniqueConstraint(fields=["vurdering", "kriterie"], name="en_score_pr_kriterie")]

    def __str__(self) -> str:
        return f"Kriterie {self.kriterie_id}: {self.score}"

    historik_titel_felt = "kriterie_id"

    @classmethod
    def historik_titler(cls, pgh_data: list[dict]) -> dict[int, str]:
        ids = {d.get("kriterie_id") for d in pgh_data}
        return {k.pk: str(k) for k in Kriterie.objects.filter(pk__in=[i for i in ids if i])}


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
