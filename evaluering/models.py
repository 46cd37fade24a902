"""Timeline, meetings, deliveries to the evaluator, and the background jobs that send and build things."""

import secrets
import uuid
from datetime import datetime

import pgtrigger
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models

from evaluering.tidsangivelse import Praecision, vis
from forebyggelse.bilag import Bilagsfil
from forebyggelse.formatering import kort_tidspunkt
from forebyggelse.historik import historik
from kommuner.models import Deltagelse, Kommune, Program

# ---------------------------------------------------------------------------------------------------
# Timeline
# ---------------------------------------------------------------------------------------------------


class Punktart(models.TextChoices):
    FASE = "fase", "Fase"
    FRIST = "frist", "Frist"
    MOEDE = "moede", "Møde"


@historik()
class Tidsplanpunkt(models.Model):
    """A phase, deadline or planned meeting on a programme's timeline, at a date, a week, a month or a period.

    A planned meeting is fulfilled by a `Moede` pointing here; the timeline then shows the meeting's own time."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="tidsplanpunkter")
    art = models.CharField("art", max_length=10, choices=Punktart.choices)
    titel = models.CharField("titel", max_length=200)
    start = models.DateField("første dag")
    slut = models.DateField("sidste dag")
    praecision = models.CharField("angivet som", max_length=10, choices=Praecision.choices)
    beskrivelse = models.TextField("beskrivelse", blank=True, max_length=2_000)
    henvisning = models.CharField(
        "henvisning",
        max_length=300,
        blank=True,
        help_text="En side i portalen, punktet handler om, fx /programmer/1/ (valgfri).",
    )

    class Meta:
        ordering = ["program", "start", "slut", "pk"]
        verbose_name = "tidsplanpunkt"
        verbose_name_plural = "tidsplanpunkter"
        constraints = [
            models.CheckConstraint(condition=models.Q(slut__gte=models.F("start")), name="tidsplanpunkt_periode"),
        ]

    def __str__(self) -> str:
        return f"{self.titel} ({self.tidsangivelse})"

    @property
    def tidsangivelse(self) -> str:
        return vis(self.start, self.slut, self.praecision)

    def clean(self):
        if self.start and self.slut and self.slut < self.start:
            raise ValidationError({"tidspunkt": "Perioden slutter, før den begynder."})
        if self.henvisning and not self.henvisning.startswith("/"):
            raise ValidationError({"henvisning": "Henvisningen skal være en side i portalen og begynde med /."})


# ---------------------------------------------------------------------------------------------------
# Meetings
# ---------------------------------------------------------------------------------------------------


class Moedeart(models.TextChoices):
    OPSTART = "opstartsmoede", "Opstartsmøde"
    NETVAERK = "netvaerksmoede", "Netværksmøde"
    STYREGRUPPE = "styregruppemoede", "Styregruppemøde"
    SEMINAR = "formidlingsseminar", "Formidlingsseminar"
    KONFERENCE = "konference", "Konference"
    WORKSHOP = "workshop", "Workshop"


# Meetings the participating municipalities must attend: missing one is flagged.
OBLIGATORISKE = {Moedeart.OPSTART, Moedeart.NETVAERK}


class Moedestatus(models.TextChoices):
    PLANLAGT = "planlagt", "Planlagt"
    AFHOLDT = "afholdt", "Afholdt"
    GODKENDT = "referat_godkendt", "Referat godkendt"


@historik()
class Moede(models.Model):
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="moeder")
    art = models.CharField("mødetype", max_length=20, choices=Moedeart.choices)
    nummer = models.PositiveSmallIntegerField(
        "nummer", null=True, blank=True, help_text="Fx 2 for 2. netværksmøde (valgfrit)."
    )
    start = models.DateTimeField("begynder")
    slut = models.DateTimeField("slutter")
    sted = models.CharField("sted", max_length=300)
    fokus = models.CharField("fokus", max_length=300, blank=True, help_text="Fx opfølgning og dokumentation.")
    tidsplanpunkt = models.ForeignKey(
        Tidsplanpunkt,
        verbose_name="punkt i tidsplanen",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moeder",
        help_text="Det planlagte møde i tidsplanen, som dette møde er.",
    )
    status = models.CharField("status", max_length=20, choices=Moedestatus.choices, default=Moedestatus.PLANLAGT)
    # The minutes are written under each agenda item; this is what belongs to none of them (before the minutes were
    # kept per item, the whole text: kept here as it was).
    referat = models.TextField("generelle noter", blank=True, max_length=50_000)
    referat_godkendt = models.DateTimeField("referat godkendt", null=True, blank=True)
    referat_godkendt_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    invitation_sendt = models.DateTimeField("invitation sendt", null=True, blank=True)
    uid = models.UUIDField("kalender-id", default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    aendret = models.DateTimeField("ændret", auto_now=True)

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = "møde"
        verbose_name_plural = "møder"
        constraints = [
            models.CheckConstraint(condition=models.Q(slut__gt=models.F("start")), name="moede_slut_efter_start"),
        ]

    def __str__(self) -> str:
        return self.titel

    @property
    def titel(self) -> str:
        navn = self.get_art_display()
        return f"{self.nummer}. {navn.lower()}" if self.nummer else navn

    @property
    def er_laast(self) -> bool:
        return self.status == Moedestatus.GODKENDT

    @property
    def er_obligatorisk(self) -> bool:
        return self.art in OBLIGATORISKE

    def har_referat(self) -> bool:
        """Whether any of the minutes is written: the general notes, an item's minutes, a decision or a follow-up
        point. Uses the agenda and the points when they are prefetched (the meeting page, the PDF)."""
        return (
            bool(self.referat.strip())
            or any(punkt.referat.strip() for punkt in self.dagsorden.all())
            or bool(self.opfoelgningspunkter.all())
        )

    def clean(self):
        if self.start and self.slut and self.slut <= self.start:
            raise ValidationError({"slut": "Mødet skal slutte efter, at det begynder."})
        if self.tidsplanpunkt_id and self.program_id and self.tidsplanpunkt.program_id != self.program_id:
            raise ValidationError({"tidsplanpunkt": "Punktet hører til et andet program."})


@historik()
class Dagsordenspunkt(models.Model):
    moede = models.ForeignKey(Moede, on_delete=models.CASCADE, related_name="dagsorden")
    nummer = models.PositiveSmallIntegerField("nummer")
    titel = models.CharField("punkt", max_length=300)
    oplaegsholder = models.CharField("oplægsholder", max_length=200, blank=True)
    varighed = models.PositiveSmallIntegerField("varighed (minutter)", null=True, blank=True)
    noter = models.TextField("noter", blank=True, max_length=5_000)
    referat = models.TextField(
        "referat", blank=True, max_length=20_000, help_text="Hvad der blev drøftet under punktet."
    )
    version = models.PositiveIntegerField(default=1)
    aendret = models.DateTimeField("ændret", auto_now=True)

    class Meta:
        ordering = ["moede", "nummer", "pk"]
        verbose_name = "dagsordenspunkt"
        verbose_name_plural = "dagsordenspunkter"

    def __str__(self) -> str:
        return f"{self.nummer}. {self.titel}"


@historik()
class Moedemateriale(Bilagsfil):
    moede = models.ForeignKey(Moede, on_delete=models.CASCADE, related_name="materialer")

    class Meta(Bilagsfil.Meta):
        verbose_name = "mødemateriale"
        verbose_name_plural = "mødematerialer"

    def mappe(self) -> str:
        return f"moedemateriale/{self.moede.program_id}/{self.moede_id}"


class Punkttype(models.TextChoices):
    BESLUTNING = "beslutning", "Beslutning"
    OPFOELGNING = "opfoelgning", "Opfølgningspunkt"


@historik()
class Opfoelgningspunkt(models.Model):
    """A decision or follow-up point from a meeting, under the agenda item it came from (or under none). A decision
    is recorded as it was made; a follow-up point has someone responsible and a deadline (shown on the timeline)."""

    moede = models.ForeignKey(Moede, on_delete=models.CASCADE, related_name="opfoelgningspunkter")
    dagsordenspunkt = models.ForeignKey(
        Dagsordenspunkt,
        verbose_name="dagsordenspunkt",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="opfoelgningspunkter",
    )
    art = models.CharField("art", max_length=12, choices=Punkttype.choices)
    tekst = models.TextField("tekst", max_length=2_000)
    ansvarlig = models.CharField(
        "ansvarlig", max_length=200, blank=True, help_text="Fx Ministeriet, evaluator eller kommunerne."
    )
    frist = models.DateField("frist", null=True, blank=True)

    class Meta:
        ordering = ["moede", "pk"]
        verbose_name = "beslutning eller opfølgningspunkt"
        verbose_name_plural = "beslutninger og opfølgningspunkter"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(art="opfoelgning") | (models.Q(frist__isnull=False) & ~models.Q(ansvarlig="")),
                name="opfoelgningspunkt_har_ansvarlig_og_frist",
            ),
        ]

    def __str__(self) -> str:
        return self.tekst[:60]

    def clean(self):
        fejl = {}
        if self.dagsordenspunkt_id and self.moede_id and self.dagsordenspunkt.moede_id != self.moede_id:
            fejl["dagsordenspunkt"] = "Dagsordenspunktet hører til et andet møde."
        if self.art == Punkttype.OPFOELGNING and not self.ansvarlig.strip():
            fejl["ansvarlig"] = "Et opfølgningspunkt skal have en ansvarlig."
        if self.art == Punkttype.OPFOELGNING and self.frist is None:
            fejl["frist"] = "Et opfølgningspunkt skal have en frist."
        if fejl:
            raise ValidationError(fejl)


class Fremmoedestatus(models.TextChoices):
    TIL_STEDE = "til_stede", "Til stede"
    AFBUD = "afbud", "Meldt afbud"
    FRAVAERENDE = "fravaerende", "Fraværende"


@historik()
class Fremmoede(models.Model):
    """Whether one participating municipality was present at one meeting, sent apologies (and why), or was absent."""

    moede = models.ForeignKey(Moede, on_delete=models.CASCADE, related_name="fremmoede")
    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    status = models.CharField("fremmøde", max_length=12, choices=Fremmoedestatus.choices)
    deltagere = models.CharField("deltagere", max_length=500, blank=True, help_text="Navne eller funktioner.")
    afbudsgrund = models.CharField("grund til afbud", max_length=500, blank=True)
    bemaerkning = models.CharField("bemærkning", max_length=500, blank=True)
    registreret = models.DateTimeField("registreret", auto_now=True)
    registreret_af = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["moede", "kommune__kode"]
        verbose_name = "fremmøde"
        verbose_name_plural = "fremmøder"
        constraints = [models.UniqueConstraint(fields=["moede", "kommune"], name="et_fremmoede_pr_kommune")]

    def __str__(self) -> str:
        return f"{self.kommune.navn}: {self.get_status_display().lower()}"

    @property
    def deltog(self) -> bool:
        return self.status == Fremmoedestatus.TIL_STEDE

    def clean(self):
        if self.status == Fremmoedestatus.TIL_STEDE and not self.deltagere.strip():
            raise ValidationError({"deltagere": "Skriv, hvem der deltog fra kommunen."})
        if self.status == Fremmoedestatus.AFBUD and not self.afbudsgrund.strip():
            raise ValidationError({"afbudsgrund": "Skriv, hvorfor kommunen meldte afbud."})


class Invitationsmodtager(models.Model):
    """One person the meeting's invitation was for, as the latest sending left it: sent to their address, or not
    sent because the portal has no e-mail address for them."""

    moede = models.ForeignKey(Moede, on_delete=models.CASCADE, related_name="invitationsmodtagere")
    bruger = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    navn = models.CharField("navn", max_length=300)
    kommuner = models.CharField("kommune", max_length=300, blank=True)
    email = models.EmailField("e-mailadresse", blank=True)
    sendt = models.DateTimeField("sendt", null=True, blank=True)

    class Meta:
        ordering = ["moede", "sendt", "navn", "pk"]
        verbose_name = "modtager af invitation"
        verbose_name_plural = "modtagere af invitation"

    def __str__(self) -> str:
        return self.navn


def ny_kalendernoegle() -> str:
    return secrets.token_urlsafe(32)


class Kalenderabonnement(models.Model):
    """A user's personal calendar feed: the secret in the URL is the only key, and renewing it kills the old URL."""

    bruger = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kalender")
    noegle = models.CharField("nøgle", max_length=64, unique=True, default=ny_kalendernoegle)
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    fornyet = models.DateTimeField("fornyet", null=True, blank=True)

    class Meta:
        verbose_name = "kalenderabonnement"
        verbose_name_plural = "kalenderabonnementer"

    def __str__(self) -> str:
        return f"Kalender for {self.bruger}"


# ---------------------------------------------------------------------------------------------------
# Deliveries to the evaluator
# ---------------------------------------------------------------------------------------------------


class Indholdsart(models.TextChoices):
    """What a delivery may contain. Each kind is built into the snapshot by one function (evaluering/snapshot.py)."""

    ANSOEGNING = "ansoegning", "Interessetilkendegivelse"
    OEKONOMI = "oekonomi", "Bevilling og forbrug"
    MOEDEDELTAGELSE = "moededeltagelse", "Deltagelse i møder"
    SOCIAL_PROFIL = "social_profil", "Social profil"
    STRATEGI = "strategi", "Strategi med mål og handleplan"
    OPFOELGNING = "opfoelgning", "Opfølgning på mål og handlinger"


@historik()
class Dataleverance(models.Model):
    """What the ministry asks every participating municipality to deliver to the evaluator, and by when."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="dataleverancer")
    titel = models.CharField("titel", max_length=200)
    beskrivelse = models.TextField("beskrivelse", blank=True, max_length=4_000)
    aar = models.PositiveSmallIntegerField("år", null=True, blank=True, help_text="Året, leverancen gælder (valgfrit).")
    indhold = ArrayField(
        models.CharField(max_length=20, choices=Indholdsart.choices), verbose_name="indhold", size=len(Indholdsart)
    )
    frist = models.DateTimeField("frist", help_text="Dansk tid.")
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    oprettet_af = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["program", "frist", "pk"]
        verbose_name = "dataleverance"
        verbose_name_plural = "dataleverancer"
        constraints = [models.UniqueConstraint(fields=["program", "titel"], name="en_leverancetitel_pr_program")]

    def __str__(self) -> str:
        return self.titel

    @property
    def indhold_tekst(self) -> list[str]:
        return [Indholdsart(art).label for art in self.indhold]


class Leverancestatus(models.TextChoices):
    AFVENTER = "afventer", "Afventer"
    INDSENDT = "indsendt", "Indsendt"
    GODKENDT = "godkendt", "Godkendt"
    SENDT_TILBAGE = "sendt_tilbage", "Sendt tilbage med kommentar"


# Statuses in which the municipality still owes the delivery (and is late after the deadline).
UDESTAAENDE = {Leverancestatus.AFVENTER, Leverancestatus.SENDT_TILBAGE}


def er_forsinket(status: str, frist: datetime, nu: datetime) -> bool:
    """Late: still owed after the deadline. Never stored; every page and the API ask here."""
    return status in UDESTAAENDE and nu > frist


@historik()
class Kommuneleverance(models.Model):
    """One participating municipality's part of a delivery. Late is not stored: it is "still owed after the
    deadline", computed where it is shown (`Leveranceoverblik`)."""

    dataleverance = models.ForeignKey(Dataleverance, on_delete=models.CASCADE, related_name="kommuneleverancer")
    deltagelse = models.ForeignKey(Deltagelse, on_delete=models.PROTECT, related_name="leverancer")
    status = models.CharField(
        "status", max_length=13, choices=Leverancestatus.choices, default=Leverancestatus.AFVENTER
    )
    kommentar = models.TextField("ministeriets kommentar", blank=True, max_length=4_000)
    aendret = models.DateTimeField("ændret", auto_now=True)

    class Meta:
        ordering = ["dataleverance", "deltagelse__kommune__kode"]
        verbose_name = "kommunens leverance"
        verbose_name_plural = "kommunernes leverancer"
        constraints = [
            models.UniqueConstraint(fields=["dataleverance", "deltagelse"], name="en_leverance_pr_deltager"),
        ]

    def __str__(self) -> str:
        return f"{self.dataleverance}: {self.deltagelse.kommune.navn}"


class Indsendelse(models.Model):
    """One submission of a municipality's delivery: the frozen snapshot of exactly what was delivered.

    The snapshot, its checksum and who sent it when can never change; the database refuses (triggers), so no
    code path, admin or shell can rewrite a delivery after the fact. Only the ministry's review is added later."""

    kommuneleverance = models.ForeignKey(Kommuneleverance, on_delete=models.PROTECT, related_name="indsendelser")
    nummer = models.PositiveSmallIntegerField("nummer")
    indsendt = models.DateTimeField("indsendt")
    indsendt_af = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    snapshot = models.JSONField("indhold")
    sha256 = models.CharField("SHA-256", max_length=64)
    vurderet = models.DateTimeField("vurderet", null=True, blank=True)
    vurderet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resultat = models.CharField("resultat", max_length=13, choices=Leverancestatus.choices, blank=True)
    kommentar = models.TextField("kommentar", blank=True, max_length=4_000)

    class Meta:
        ordering = ["kommuneleverance", "-nummer"]
        verbose_name = "indsendelse"
        verbose_name_plural = "indsendelser"
        constraints = [
            models.UniqueConstraint(fields=["kommuneleverance", "nummer"], name="et_nummer_pr_indsendelse"),
        ]
        triggers = [
            pgtrigger.ReadOnly(
                name="snapshot_kan_ikke_aendres",
                fields=["kommuneleverance", "nummer", "indsendt", "indsendt_af", "snapshot", "sha256"],
            ),
            pgtrigger.Protect(name="indsendelse_kan_ikke_slettes", operation=pgtrigger.Delete),
        ]

    def __str__(self) -> str:
        return f"Indsendelse {self.nummer} ({kort_tidspunkt(self.indsendt)})"


class Paamindelse(models.Model):
    """A reminder e-mail sent about a delivery: at most one of each kind per municipality, however often the
    daily job runs."""

    class Art(models.TextChoices):
        UGE_FOER = "uge_foer", "En uge før fristen"
        PAA_DAGEN = "paa_dagen", "På dagen"

    kommuneleverance = models.ForeignKey(Kommuneleverance, on_delete=models.CASCADE, related_name="paamindelser")
    art = models.CharField("art", max_length=10, choices=Art.choices)
    sendt = models.DateTimeField("sendt", auto_now_add=True)
    modtagere = models.PositiveSmallIntegerField("antal modtagere")

    class Meta:
        verbose_name = "påmindelse"
        verbose_name_plural = "påmindelser"
        constraints = [models.UniqueConstraint(fields=["kommuneleverance", "art"], name="en_paamindelse_pr_art")]

    def __str__(self) -> str:
        return self.get_art_display()


# ---------------------------------------------------------------------------------------------------
# Background jobs (procrastinate), as the user sees them
# ---------------------------------------------------------------------------------------------------


class Jobstatus(models.TextChoices):
    VENTER = "venter", "Venter"
    KOERER = "koerer", "I gang"
    FAERDIG = "faerdig", "Klar"
    FEJLET = "fejlet", "Fejlet"


class Baggrundsjob(models.Model):
    """One piece of work run by a worker: what it is, how far it has come, and where the result is."""

    opgave = models.CharField("opgave", max_length=100)
    titel = models.CharField("titel", max_length=300)
    argumenter = models.JSONField("argumenter", default=dict)
    bruger = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="baggrundsjob"
    )
    status = models.CharField("status", max_length=10, choices=Jobstatus.choices, default=Jobstatus.VENTER)
    fremdrift = models.PositiveSmallIntegerField("fremdrift (%)", default=0)
    trin = models.CharField("trin", max_length=300, blank=True)
    fejl = models.TextField("fejl", blank=True)
    resultat_url = models.CharField("resultat", max_length=300, blank=True)
    resultat_tekst = models.CharField("resultatets tekst", max_length=200, blank=True)
    procrastinate_id = models.BigIntegerField("procrastinate-job", null=True, blank=True)
    forsoeg = models.PositiveSmallIntegerField("forsøg", default=1)
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    startet = models.DateTimeField("startet", null=True, blank=True)
    afsluttet = models.DateTimeField("afsluttet", null=True, blank=True)

    class Meta:
        ordering = ["-oprettet", "-pk"]
        verbose_name = "baggrundsjob"
        verbose_name_plural = "baggrundsjob"
        constraints = [
            models.CheckConstraint(condition=models.Q(fremdrift__lte=100), name="fremdrift_hoejst_100"),
        ]

    def __str__(self) -> str:
        return self.titel


# ---------------------------------------------------------------------------------------------------
# Report packages: a programme's reports (and data) as one ZIP, made by a background job
# ---------------------------------------------------------------------------------------------------


class Pakkeart(models.TextChoices):
    RAPPORTER = "rapporter", "Programmets rapporter"
    ALT = "alt", "Rapporter, data og leverancer"


def pakke_sti(instance, filename: str) -> str:
    # Private like the meeting materials: no URL, served by an access-checked view; a random file name.
    return f"rapportpakker/{instance.program_id}/{uuid.uuid4().hex}"


class Rapportpakke(models.Model):
    """A ZIP of a programme's current reports (and, for the evaluator, its data and deliveries) with a manifest of
    every file's SHA-256. Made from the data as it stood (`datastand`), never changed afterwards; not part of the
    change history, because it is a copy of data that is."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="rapportpakker")
    art = models.CharField("indhold", max_length=10, choices=Pakkeart.choices)
    fil = models.FileField("fil", upload_to=pakke_sti, max_length=300)
    filnavn = models.CharField("filnavn", max_length=255)
    stoerrelse = models.PositiveBigIntegerField("størrelse (bytes)")
    sha256 = models.CharField("SHA-256", max_length=64)
    manifest = models.JSONField("manifest", default=list, blank=True)
    datastand = models.DateTimeField("data pr.")
    dannet = models.DateTimeField("dannet")
    dannet_af = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # What the package was made from (evaluering/pakker.py, pakkens_fingeraftryk): the same again is this package.
    fingeraftryk = models.CharField("fingeraftryk", max_length=64, blank=True, db_index=True)

    class Meta:
        ordering = ["-dannet", "-pk"]
        verbose_name = "rapportpakke"
        verbose_name_plural = "rapportpakker"

    def __str__(self) -> str:
        return self.filnavn


class Pakkedel(models.Model):
    """One share of a report package's files, made by whichever worker takes it, so a package is made by all the
    workers there are, on any machine. The part that finishes last puts the package together; a part that fails is
    tried again, and the package fails with a reason when one cannot be made. Deleted when the package is made."""

    job = models.ForeignKey(Baggrundsjob, on_delete=models.CASCADE, related_name="pakkedele")
    nummer = models.PositiveSmallIntegerField("nummer")
    titel = models.CharField("titel", max_length=300)
    slags = models.CharField("slags", max_length=10)  # evaluering/pakker.py, Delslags
    # The participations whose files this part makes (for a part of the participants' files).
    deltagelser = models.JSONField("deltagelser", default=list, blank=True)
    i_dag = models.DateField("dagen, pakken er dannet for")
    datastand = models.DateTimeField("data pr.")
    antal_filer = models.PositiveIntegerField("antal filer")
    faerdige = models.PositiveIntegerField("dannede filer", default=0)
    status = models.CharField("status", max_length=10, choices=Jobstatus.choices, default=Jobstatus.VENTER)
    forsoeg = models.PositiveSmallIntegerField("forsøg", default=0)
    # The files made: their manifest lines, and the files themselves as an uncompressed ZIP.
    filer = models.JSONField("filer", default=list, blank=True)
    indhold = models.BinaryField("indhold", blank=True, default=b"")

    class Meta:
        ordering = ["job", "nummer"]
        verbose_name = "del af en rapportpakke"
        verbose_name_plural = "dele af rapportpakker"
        constraints = [models.UniqueConstraint(fields=["job", "nummer"], name="en_pakkedel_pr_nummer")]

    def __str__(self) -> str:
        return self.titel


# ---------------------------------------------------------------------------------------------------
# Seen marks: what a user has opened, for the "new" tasks on their list (evaluering/opgaver.py)
# ---------------------------------------------------------------------------------------------------


class Laest(models.Model):
    """When a user last opened one data delivery, report package or meeting. The evaluator's and the steering group's
    tasks ("nyt siden dit sidste besøg", a meeting's agenda or minutes to read) end when they open the thing, and come
    back when it changes after that. A read marker changes no data anyone reads, so it has no change history."""

    bruger = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    dataleverance = models.ForeignKey(Dataleverance, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    rapportpakke = models.ForeignKey(Rapportpakke, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    moede = models.ForeignKey(Moede, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    tidspunkt = models.DateTimeField("sidst åbnet")

    class Meta:
        verbose_name = "læst"
        verbose_name_plural = "læst"
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(dataleverance__isnull=False, rapportpakke__isnull=True, moede__isnull=True)
                    | models.Q(dataleverance__isnull=True, rapportpakke__isnull=False, moede__isnull=True)
                    | models.Q(dataleverance__isnull=True, rapportpakke__isnull=True, moede__isnull=False)
                ),
                name="laest_om_netop_en_ting",
            ),
            # Plain (not partial) unique constraints, so the upsert can name them (ON CONFLICT); NULLs never clash.
            models.UniqueConstraint(fields=["bruger", "dataleverance"], name="et_laest_pr_bruger_og_leverance"),
            models.UniqueConstraint(fields=["bruger", "rapportpakke"], name="et_laest_pr_bruger_og_rapportpakke"),
            models.UniqueConstraint(fields=["bruger", "moede"], name="et_laest_pr_bruger_og_moede"),
        ]

    def __str__(self) -> str:
        return f"Sidst åbnet {self.tidspunkt}"

    def clean(self):
        if sum(felt is not None for felt in (self.dataleverance_id, self.rapportpakke_id, self.moede_id)) != 1:
            raise ValidationError("Et læst-mærke gælder netop én dataleverance, rapportpakke eller ét møde.")
