"""Key figures (nøgletal): the indicator catalogue, observations for all 98 municipalities, the import runs that
wrote them, the municipalities' own figures, and the social profile with its comparison group and findings.

How a figure is computed (rates, national and group figures, ranks, suppression) lives in `profiler/selectors.py`
and `profiler/undertrykkelse.py`, never here: a model holds raw numbers, a selector turns them into what is shown.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models

from forebyggelse.formatering import decimaler_for
from forebyggelse.historik import historik
from kommuner.models import Kommune, Kommunegruppe, Program

# The source of a figure that Statistics Denmark does not publish: the municipality enters it itself.
EGNE_DATA = "EGNE"

TAL = {"max_digits": 18, "decimal_places": 4, "null": True, "blank": True}
ikke_negativ = MinValueValidator(0, "Tallet kan ikke være negativt.")


class Kategori(models.TextChoices):
    """The profile's sections; findings are written per section."""

    ANBRINGELSER = "anbringelser", "Anbringelser"
    FOREBYGGELSE = "forebyggelse", "Forebyggelse og underretninger"
    SKOLE = "skole", "Skole og specialundervisning"
    OEKONOMI = "oekonomi", "Økonomi"
    KRIMINALITET = "kriminalitet", "Kriminalitet"
    FAMILIE = "familie", "Familier"


class Enhed(models.TextChoices):
    ANTAL = "antal", "antal"
    PCT = "pct", "pct."
    KR = "kr", "kr."
    PR_1000 = "pr_1000", "pr. 1.000"


class Retning(models.TextChoices):
    HOEJERE = "hoejere", "Højere er bedre"
    LAVERE = "lavere", "Lavere er bedre"
    INGEN = "ingen", "Hverken højere eller lavere er bedre"


class Aarsdannelse(models.TextChoices):
    """How a year's figure is formed when the source gives quarters or months. Annual sources are taken as is."""

    SUM = "sum", "Summen af årets kvartaler eller måneder (strømme, fx anmeldte forbrydelser)"
    PRIMO = "primo", "Årets første kvartal eller måned: 1. januar (bestande, fx befolkningen)"


kode_validator = RegexValidator(
    r"^[a-z][a-z0-9_]{1,39}$", "Koden skal bestå af små bogstaver a–z, cifre og understreger, fx anbragte_0_17."
)
kilde_validator = RegexValidator(
    r"^([A-ZÆØÅ][A-ZÆØÅ0-9]{1,19}|EGNE)$",
    "Skriv Statistikbankens tabelkode med store bogstaver (fx STRAF11) eller EGNE for kommunens egne data.",
)


@historik()
class Indikator(models.Model):
    """One key figure in the catalogue: what it measures, where its numerator and denominator come from and
    how a year is formed, which direction is better, and whether small numbers are hidden.

    value = numerator / denominator × `faktor` (pr. 1.000: 1000; pct.: 100; kr. per person with the numerator in
    1.000 kr.: 1000). A count (`enhed` antal) has no denominator: its value is the numerator.
    """

    kode = models.CharField(
        "kode",
        max_length=40,
        unique=True,
        validators=[kode_validator],
        error_messages={"unique": "Der findes allerede en indikator med den kode."},
    )
    navn = models.CharField(
        "navn", max_length=200, unique=True, error_messages={"unique": "Der findes allerede en indikator med det navn."}
    )
    definition = models.TextField("definition")
    kategori = models.CharField("kategori", max_length=20, choices=Kategori.choices)
    enhed = models.CharField("enhed", max_length=10, choices=Enhed.choices)
    faktor = models.DecimalField(
        "faktor",
        max_digits=12,
        decimal_places=4,
        default=1000,
        validators=[MinValueValidator(0.0001, "Faktoren skal være større end 0.")],
        help_text="Værdien er tæller / nævner × faktor: 1000 for pr. 1.000, 100 for pct., 1000 for kr. pr. person, "
        "når tælleren er i 1.000 kr.",
    )
    decimaler = models.PositiveSmallIntegerField(
        "decimaler", default=1, help_text="Antal decimaler, værdien vises med."
    )
    taeller_definition = models.TextField("tællerens definition")
    naevner_definition = models.TextField("nævnerens definition", blank=True)
    taeller_kilde = models.CharField(
        "tællerens kilde",
        max_length=20,
        validators=[kilde_validator],
        help_text="Statistikbankens tabelkode, fx STRAF11, eller EGNE for kommunens egne data.",
    )
    naevner_kilde = models.CharField(
        "nævnerens kilde",
        max_length=20,
        blank=True,
        validators=[kilde_validator],
        help_text="Tabelkode, EGNE, eller tom for et antal uden nævner.",
    )
    taeller_dst = models.JSONField(
        "tællerens forespørgsel til Statistikbanken",
        default=dict,
        blank=True,
        help_text='Til "Hent fra Danmarks Statistik": områdevariabel, tidsinddeling og variabelvalg.',
    )
    naevner_dst = models.JSONField("nævnerens forespørgsel til Statistikbanken", default=dict, blank=True)
    taeller_aarsdannelse = models.CharField(
        "tællerens årsdannelse", max_length=10, choices=Aarsdannelse.choices, default=Aarsdannelse.SUM
    )
    naevner_aarsdannelse = models.CharField(
        "nævnerens årsdannelse", max_length=10, choices=Aarsdannelse.choices, default=Aarsdannelse.PRIMO
    )
    kun_rate = models.BooleanField(
        "kilden giver kun en rate",
        default=False,
        help_text="Kilden udgiver kun værdien (fx en andel i pct.); nævneren er da værdiens vægt.",
    )
    bedre = models.CharField("bedre retning", max_length=10, choices=Retning.choices, default=Retning.INGEN)
    undertrykkes = models.BooleanField(
        "små tal skjules", default=True, help_text="Antal fra 1 op til grænsen vises som 'under grænsen'."
    )
    undertrykkelsesgraense = models.PositiveSmallIntegerField(
        "grænse for små tal",
        default=5,
        validators=[MinValueValidator(2, "Grænsen skal være mindst 2.")],
        help_text="Antal fra 1 til grænsen minus 1 skjules.",
    )
    del_af = models.ForeignKey(
        "self",
        verbose_name="del af",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dele",
        help_text="Den indikator, denne er en del af (fx anbringelser efter type af anbringelser i alt). "
        "Skjules én del, skjules en del mere, så den ikke kan regnes ud fra totalen.",
    )
    standard = models.BooleanField("med i standardprofilen", default=False)
    raekkefoelge = models.PositiveSmallIntegerField(
        "rækkefølge", default=100, help_text="Indikatorerne vises i denne rækkefølge inden for hvert afsnit."
    )
    version = models.PositiveIntegerField(default=1)
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    aendret = models.DateTimeField("ændret", auto_now=True)

    class Meta:
        ordering = ["raekkefoelge", "kode"]
        verbose_name = "indikator"
        verbose_name_plural = "indikatorer"

    def __str__(self) -> str:
        return self.navn

    def clean(self):
        fejl = {}
        if self.enhed == Enhed.ANTAL and self.naevner_kilde:
            fejl["naevner_kilde"] = "Et antal har ingen nævner. Vælg en anden enhed, eller fjern nævnerens kilde."
        if self.enhed != Enhed.ANTAL and not self.naevner_kilde:
            fejl["naevner_kilde"] = "Skriv nævnerens kilde: en tabelkode eller EGNE."
        if self.kun_rate and self.undertrykkes:
            fejl["undertrykkes"] = "En kilde, der kun giver en rate, har intet antal at skjule."
        if self.del_af_id is not None and self.pk is not None and self.del_af_id == self.pk:
            fejl["del_af"] = "En indikator kan ikke være en del af sig selv."
        if self.del_af is not None and self.del_af.del_af_id is not None:
            fejl["del_af"] = "Vælg totalen, ikke en anden del."
        if fejl:
            raise ValidationError(fejl)

    @property
    def sortering(self) -> tuple:
        """The catalogue's order: by section (Kategori's order), then `raekkefoelge`."""
        afsnit = list(Kategori.values)
        return (afsnit.index(self.kategori) if self.kategori in afsnit else len(afsnit), self.raekkefoelge, self.kode)

    @property
    def er_egne_data(self) -> bool:
        return self.taeller_kilde == EGNE_DATA

    @property
    def naevner_er_egne_data(self) -> bool:
        return self.naevner_kilde == EGNE_DATA

    @property
    def har_naevner(self) -> bool:
        return self.enhed != Enhed.ANTAL

    @property
    def visningsdecimaler(self) -> int:
        """The decimals every value of the indicator is shown and rounded with: none for a count."""
        return decimaler_for(Enhed(self.enhed).label, self.decimaler)

    @property
    def enhedstekst(self) -> str:
        """The unit as a reader says it after a number: 'pr. 1.000', 'pct.', 'kr.', ''."""
        return "" if self.enhed == Enhed.ANTAL else Enhed(self.enhed).label


class Datastatus(models.TextChoices):
    FORELOEBIG = "foreloebig", "Foreløbig"
    ENDELIG = "endelig", "Endelig"


class Importformat(models.TextChoices):
    DST_CSV = "dst_csv", "Statistikbankens CSV"
    DST_XLSX = "dst_xlsx", "Statistikbankens XLSX"
    SKABELON = "skabelon", "Projektets skabelon"
    DST_API = "dst_api", "Hentet fra Danmarks Statistiks API"


class Talfelt(models.TextChoices):
    """Which field of the observations a StatBank file fills in (not a strategy's `Maal`)."""

    TAELLER = "taeller", "Tæller"
    NAEVNER = "naevner", "Nævner"
    VAERDI = "vaerdi", "Værdi (kilden giver kun en rate)"


class Koerselstilstand(models.TextChoices):
    FORHAANDSVIST = "forhaandsvist", "Forhåndsvist, ikke gennemført"
    GENNEMFOERT = "gennemfoert", "Gennemført"
    FORTRUDT = "fortrudt", "Fortrudt"
    KASSERET = "kasseret", "Kasseret"
    # An upload whose file could not be imported: logged with its errors, its file kept for another try.
    AFVIST = "afvist", "Afvist: fejl i filen"


class ImportKoersel(models.Model):
    """One import of a file (or an answer from Statistics Denmark's API): who, when, which file, what it changed.

    Its rows (`ImportRaekke`) hold every value it changes with the value it replaced: that log is the history
    of imported values and what undo restores. The observations table itself has no history triggers (see
    docs/decisions/0011-nogletal-import-og-historik.md)."""

    filnavn = models.CharField("filnavn", max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64)
    fil = models.BinaryField("fil")
    format = models.CharField("format", max_length=10, choices=Importformat.choices, blank=True)
    indikator = models.ForeignKey(
        Indikator, verbose_name="indikator", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    talfelt = models.CharField("udfylder", max_length=10, choices=Talfelt.choices, blank=True)
    datastatus = models.CharField("status for tallene", max_length=12, choices=Datastatus.choices)
    eksempeldata = models.BooleanField("eksempeldata", default=False)
    forespoergsel = models.JSONField("forespørgsel til Statistikbanken", null=True, blank=True)
    tilstand = models.CharField(
        "tilstand", max_length=15, choices=Koerselstilstand.choices, default=Koerselstilstand.FORHAANDSVIST
    )
    # None for a rejected upload: it previewed nothing, so there is nothing to confirm against.
    dataversion = models.UUIDField("dataversion ved forhåndsvisning", null=True, blank=True)
    antal_raekker = models.PositiveIntegerField("værdier i filen", default=0)
    antal_nye = models.PositiveIntegerField("nye", default=0)
    antal_aendrede = models.PositiveIntegerField("ændrede", default=0)
    antal_uaendrede = models.PositiveIntegerField("uændrede", default=0)
    bemaerkninger = models.JSONField("bemærkninger", default=list, blank=True)
    fejl = models.JSONField("fejl i filen", default=list, blank=True)
    oprettet = models.DateTimeField("forhåndsvist", auto_now_add=True)
    oprettet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    gennemfoert = models.DateTimeField("gennemført", null=True, blank=True)
    gennemfoert_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    fortrudt = models.DateTimeField("fortrudt", null=True, blank=True)
    fortrudt_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-oprettet", "-pk"]
        verbose_name = "import"
        verbose_name_plural = "importer"

    def __str__(self) -> str:
        return f"Import {self.pk}: {self.filnavn}"

    @property
    def antal_aendringer(self) -> int:
        return self.antal_nye + self.antal_aendrede


class ImportRaekke(models.Model):
    """One observation an import run creates or changes: its values before (`gl_*`) and after (`ny_*`).

    Written and read set-based (COPY, INSERT … SELECT) by profiler/importering/skrivning.py. A log written in one
    statement from values just checked against the municipalities and the catalogue: its references are not
    checked again row by row in the database (db_constraint=False), which would cost more than the COPY of the
    whole file (docs/decisions/0011-nogletal-import-og-historik.md). Nothing deletes runs, municipalities or
    indicators; the ORM still protects and cascades."""

    koersel = models.ForeignKey(ImportKoersel, on_delete=models.CASCADE, related_name="raekker", db_constraint=False)
    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+", db_constraint=False)
    indikator = models.ForeignKey(Indikator, on_delete=models.PROTECT, related_name="+", db_constraint=False)
    aar = models.PositiveSmallIntegerField("år")
    fandtes = models.BooleanField("fandtes før")
    gl_taeller = models.DecimalField(**TAL)
    gl_naevner = models.DecimalField(**TAL)
    gl_vaerdi = models.DecimalField(**TAL)
    gl_status = models.CharField(max_length=12, blank=True)
    gl_eksempeldata = models.BooleanField(null=True)
    gl_taeller_import_id = models.BigIntegerField(null=True)
    gl_naevner_import_id = models.BigIntegerField(null=True)
    gl_indberetning_id = models.BigIntegerField(null=True)
    ny_taeller = models.DecimalField(**TAL)
    ny_naevner = models.DecimalField(**TAL)
    ny_vaerdi = models.DecimalField(**TAL)
    ny_status = models.CharField(max_length=12)
    ny_eksempeldata = models.BooleanField()
    ny_taeller_import_id = models.BigIntegerField(null=True)
    ny_naevner_import_id = models.BigIntegerField(null=True)
    ny_indberetning_id = models.BigIntegerField(null=True)

    class Meta:
        ordering = ["koersel", "indikator", "aar", "kommune__kode"]
        verbose_name = "importeret ændring"
        verbose_name_plural = "importerede ændringer"
        constraints = [
            models.UniqueConstraint(fields=["koersel", "indikator", "aar", "kommune"], name="en_aendring_pr_vaerdi"),
        ]

    def __str__(self) -> str:
        return f"{self.kommune_id}/{self.indikator_id}/{self.aar} i import {self.koersel_id}"


class IndberetningStatus(models.TextChoices):
    KLADDE = "kladde", "Kladde"
    INDSENDT = "indsendt", "Indsendt til godkendelse"
    GODKENDT = "godkendt", "Godkendt"
    SENDT_TILBAGE = "sendt_tilbage", "Sendt tilbage til rettelse"


@historik()
class Indberetning(models.Model):
    """A municipality's own figures for one year (the catalogue's indicators sourced 'kommunens egne data'):
    entered and submitted by its leads, approved (the values lock and become observations) or returned with a
    comment by the ministry. `version` guards against two people overwriting each other."""

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="indberetninger")
    aar = models.PositiveSmallIntegerField("år")
    status = models.CharField(
        "status", max_length=15, choices=IndberetningStatus.choices, default=IndberetningStatus.KLADDE
    )
    kommentar = models.TextField("ministeriets kommentar", blank=True)
    eksempeldata = models.BooleanField("eksempeldata", default=False)
    version = models.PositiveIntegerField(default=1)
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    aendret = models.DateTimeField("ændret", auto_now=True)
    indsendt = models.DateTimeField("indsendt", null=True, blank=True)
    indsendt_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    behandlet = models.DateTimeField("godkendt eller sendt tilbage", null=True, blank=True)
    behandlet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="godkendt eller sendt tilbage af",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["kommune__kode", "-aar"]
        verbose_name = "indberetning af egne tal"
        verbose_name_plural = "indberetninger af egne tal"
        constraints = [models.UniqueConstraint(fields=["kommune", "aar"], name="en_indberetning_pr_kommune_pr_aar")]

    def __str__(self) -> str:
        return f"{self.kommune.navn}s egne tal for {self.aar}"

    @property
    def er_redigerbar(self) -> bool:
        return self.status in {IndberetningStatus.KLADDE, IndberetningStatus.SENDT_TILBAGE}


@historik()
class IndberetningVaerdi(models.Model):
    indberetning = models.ForeignKey(Indberetning, on_delete=models.CASCADE, related_name="vaerdier")
    indikator = models.ForeignKey(Indikator, verbose_name="indikator", on_delete=models.PROTECT, related_name="+")
    taeller = models.DecimalField("tæller", validators=[ikke_negativ], **TAL)
    naevner = models.DecimalField("nævner", validators=[ikke_negativ], **TAL)
    vaerdi = models.DecimalField("værdi", validators=[ikke_negativ], **TAL)
    # The observation's values the approval replaced, so the change is traceable old → new.
    erstattet_taeller = models.DecimalField("erstattet tæller", **TAL)
    erstattet_naevner = models.DecimalField("erstattet nævner", **TAL)

    class Meta:
        ordering = ["indikator__raekkefoelge", "indikator__kode"]
        verbose_name = "egen værdi"
        verbose_name_plural = "egne værdier"
        constraints = [
            models.UniqueConstraint(fields=["indberetning", "indikator"], name="en_vaerdi_pr_indikator"),
        ]

    def __str__(self) -> str:
        return f"{self.indikator}: {self.taeller}/{self.naevner}"


class Observation(models.Model):
    """One municipality's raw figures for one indicator and year, whichever municipality: all 98 have them.

    Raw counts stay here unsuppressed; only the data administration shows them. Where they came from:
    the import runs that wrote the numerator and the denominator, or the approved own figures."""

    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="observationer")
    indikator = models.ForeignKey(Indikator, on_delete=models.PROTECT, related_name="observationer")
    aar = models.PositiveSmallIntegerField("år")
    taeller = models.DecimalField("tæller", **TAL)
    naevner = models.DecimalField("nævner", **TAL)
    vaerdi = models.DecimalField("værdi", **TAL, help_text="Kun hvor kilden udgiver en rate i stedet for et antal.")
    # The status the latest import or approval that wrote the observation gave it.
    status = models.CharField("status", max_length=12, choices=Datastatus.choices, default=Datastatus.ENDELIG)
    # Set when any part was written by an example-data run, and kept until a run replaces every part.
    eksempeldata = models.BooleanField("eksempeldata", default=False)
    # Where the figure came from. Written set-based with every import, these references are not checked row by row
    # in the database (see ImportRaekke): runs and reports are never deleted, and the ORM protects them.
    taeller_import = models.ForeignKey(
        ImportKoersel, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_constraint=False
    )
    naevner_import = models.ForeignKey(
        ImportKoersel, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_constraint=False
    )
    indberetning = models.ForeignKey(
        Indberetning, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_constraint=False
    )
    aendret = models.DateTimeField("ændret", auto_now=True)

    class Meta:
        ordering = ["indikator", "aar", "kommune__kode"]
        verbose_name = "observation"
        verbose_name_plural = "observationer"
        constraints = [
            models.UniqueConstraint(fields=["indikator", "aar", "kommune"], name="en_observation_pr_kommune_aar"),
        ]

    def __str__(self) -> str:
        return f"{self.kommune_id}/{self.indikator_id}/{self.aar}"


class Dataversion(models.Model):
    """One row whose key changes with every write to the observations, in the same transaction.

    Writers lock it (so imports, undo and approvals happen one at a time), previews remember it (a confirm
    refuses if anything changed since), and cached benchmarks are keyed by it (a change is a new key)."""

    noegle = models.UUIDField(default=uuid.uuid4)
    aendret = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "dataversion"
        verbose_name_plural = "dataversion"

    def __str__(self) -> str:
        return str(self.noegle)


@historik()
class Profil(models.Model):
    """A municipality's social profile settings: its comparison group and its selection of indicators.

    Every municipality has a profile whether or not this row exists: without it, the group is the
    municipality's `Kommunegruppe` and the indicators are the catalogue's default set."""

    kommune = models.OneToOneField(Kommune, on_delete=models.PROTECT, related_name="profil")
    sammenligningsgruppe = models.ForeignKey(
        Kommunegruppe,
        verbose_name="sammenligningsgruppe",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Tom: kommunens egen kommunegruppe.",
    )
    indikatorer = models.ManyToManyField(
        Indikator,
        verbose_name="indikatorer",
        blank=True,
        through="ProfilIndikator",
        related_name="+",
        help_text="Tom: standardprofilen.",
    )
    version = models.PositiveIntegerField(default=1)
    aendret = models.DateTimeField("ændret", auto_now=True)

    class Meta:
        verbose_name = "social profil"
        verbose_name_plural = "sociale profiler"

    def __str__(self) -> str:
        return f"Social profil for {self.kommune.navn}"


@historik()
class ProfilIndikator(models.Model):
    """An indicator chosen for a profile (the profile is shaped by local wishes)."""

    profil = models.ForeignKey(Profil, on_delete=models.CASCADE, related_name="valg")
    indikator = models.ForeignKey(Indikator, verbose_name="indikator", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "valgt indikator"
        verbose_name_plural = "valgte indikatorer"
        constraints = [models.UniqueConstraint(fields=["profil", "indikator"], name="en_indikator_en_gang_pr_profil")]

    def __str__(self) -> str:
        return str(self.indikator)


@historik()
class Programindikator(models.Model):
    """An indicator a programme chose for its participants' social profiles (part of the programme's set-up, kept
    here because kommuner never knows the catalogue). A programme without rows leaves each profile as it was: the
    municipality's own choice, else the catalogue's default set. The profile shows its indicators by section in the
    catalogue's order, so a programme has no order of its own."""

    program = models.ForeignKey(Program, verbose_name="program", on_delete=models.CASCADE, related_name="+")
    indikator = models.ForeignKey(Indikator, verbose_name="indikator", on_delete=models.PROTECT, related_name="+")

    historik_titel_felt = "indikator_id"

    class Meta:
        ordering = ["program", "indikator__raekkefoelge", "indikator__kode"]
        verbose_name = "nøgletal i programmets profiler"
        verbose_name_plural = "nøgletal i programmets profiler"
        constraints = [
            models.UniqueConstraint(fields=["program", "indikator"], name="en_indikator_en_gang_pr_program"),
        ]

    def __str__(self) -> str:
        return str(self.indikator)

    @classmethod
    def historik_titler(cls, pgh_data: list[dict]) -> dict[int, str]:
        """A change to the selection is named by the indicator added or removed."""
        ids = {d.get("indikator_id") for d in pgh_data}
        return dict(Indikator.objects.filter(pk__in=[i for i in ids if i]).values_list("pk", "navn"))


@historik()
class Fund(models.Model):
    """Free-text findings for one section of a profile (e.g. from focus-group interviews), written by the
    ministry or the municipality. `version` guards against lost updates."""

    profil = models.ForeignKey(Profil, on_delete=models.CASCADE, related_name="fund")
    kategori = models.CharField("afsnit", max_length=20, choices=Kategori.choices)
    tekst = models.TextField("fund", max_length=6_000)
    version = models.PositiveIntegerField(default=1)
    aendret = models.DateTimeField("ændret", auto_now=True)
    aendret_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="skrevet af", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["profil", "kategori"]
        verbose_name = "fund"
        verbose_name_plural = "fund"
        constraints = [models.UniqueConstraint(fields=["profil", "kategori"], name="et_fund_pr_afsnit")]

    def __str__(self) -> str:
        return f"Fund: {self.get_kategori_display()}"
