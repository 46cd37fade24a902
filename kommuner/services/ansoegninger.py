"""Writes to an expression of interest: create, save a draft, annexes, submit, send back, reopen.

Writes that take `bruger` record that user in the change history, also outside a web request
(demo loader, shell), as the assessment and grant services do."""

import zipfile
from datetime import datetime

import pghistory
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst

from forebyggelse.formatering import tidspunkt
from forebyggelse.pdf import render_pdf
from kommuner.models import (
    Ansoegning,
    Ansoegningsbeloeb,
    AnsoegningStatus,
    Bilag,
    Bilagstype,
    Genaabning,
    Kommune,
    Kvittering,
    Program,
    ProgramStatus,
)
from kommuner.notifikationer import send_til_projektledere
from kommuner.permissions import gaeldende_frist, inden_fristen, redigerbar_tilstand

MAKS_BILAG_BYTES = 20 * 1024 * 1024

# Section A of the form: the municipality and its contact person.
SEKTION_A = [
    "kommune_navn",
    "cvr",
    "adresse",
    "postnr_by",
    "telefon",
    "email",
    "kontakt_navn",
    "kontakt_titel",
    "kontakt_telefon",
    "kontakt_email",
]
# Fields of sections A–G that must be filled in before an application can be submitted.
PAAKRAEVET_VED_INDSENDELSE = [
    *(felt for felt in SEKTION_A if felt not in {"kontakt_titel", "kontakt_telefon"}),
    "beslutningsniveau",
    "baggrund",
    "opstart",
    "projektdesign",
    "bemanding",
    "tidsplan",
]
REDIGERBARE_FELTER = [*PAAKRAEVET_VED_INDSENDELSE, "kontakt_titel", "kontakt_telefon", "afventer_politisk_godkendelse"]


@transaction.atomic
def ansoegning_opret(*, program: Program, kommune: Kommune) -> Ansoegning:
    """The municipality's application for the programme, created on first use with section A prefilled."""
    eksisterende = Ansoegning.objects.filter(program=program, kommune=kommune).first()
    if eksisterende:
        return eksisterende
    if program.status != ProgramStatus.AABEN:
        raise ValidationError("Programmet er ikke åbent for interessetilkendegivelser.")
    kontakt = kommune.kontaktpersoner.first()
    ansoegning = Ansoegning(
        program=program,
        kommune=kommune,
        kommune_navn=kommune.officielt_navn,
        cvr=kommune.cvr,
        adresse=kommune.adresse,
        postnr_by=kommune.postnr_by,
        telefon=kommune.telefon,
        email=kommune.email,
    )
    if kontakt:
        ansoegning.kontakt_navn = kontakt.navn
        ansoegning.kontakt_titel = ", ".join(filter(None, [kontakt.titel, kontakt.enhed]))
        ansoegning.kontakt_telefon = kontakt.telefon
        ansoegning.kontakt_email = kontakt.email
    ansoegning.full_clean()
    ansoegning.save()
    return ansoegning


# Services guard the application's state; who may call them is the views' check (kommuner/permissions.py).


def _kraev_redigerbar(ansoegning: Ansoegning) -> None:
    ok, grund = redigerbar_tilstand(ansoegning)
    if not ok:
        raise ValidationError(grund)


@transaction.atomic
def ansoegning_gem(*, ansoegning: Ansoegning, felter: dict, beloeb: dict[int, int | None]) -> Ansoegning:
    """Save a draft: any subset of the sections, incomplete is fine. `beloeb` maps year → amount applied for."""
    ansoegning = Ansoegning.objects.select_for_update().get(pk=ansoegning.pk)
    _kraev_redigerbar(ansoegning)
    for felt, vaerdi in felter.items():
        if felt not in REDIGERBARE_FELTER:
            raise ValueError(f"{felt} kan ikke ændres her")
        setattr(ansoegning, felt, vaerdi)
    ukendte_aar = set(beloeb) - set(ansoegning.program.aar)
    if ukendte_aar:
        raise ValidationError(f"Programmet løber ikke i {', '.join(map(str, sorted(ukendte_aar)))}.")
    ansoegning.full_clean()
    ansoegning.save()
    for aar, beloeb_i_aar in beloeb.items():
        if beloeb_i_aar is None:
            Ansoegningsbeloeb.objects.filter(ansoegning=ansoegning, aar=aar).delete()
        else:
            Ansoegningsbeloeb.objects.update_or_create(
                ansoegning=ansoegning, aar=aar, defaults={"beloeb": beloeb_i_aar}
            )
    return ansoegning


def mangler_for_indsendelse(ansoegning: Ansoegning) -> list[str]:
    """What is missing before the application can be submitted, in the user's words."""
    mangler = [
        f"{capfirst(Ansoegning._meta.get_field(felt).verbose_name)} mangler."
        for felt in PAAKRAEVET_VED_INDSENDELSE
        if not getattr(ansoegning, felt).strip()
    ]
    beloeb = {b.aar: b.beloeb for b in ansoegning.beloeb.all()}
    for aar in ansoegning.program.aar:
        if aar not in beloeb:
            mangler.append(f"Det ansøgte beløb for {aar} mangler (skriv 0, hvis I ikke søger for året).")
    if beloeb and not sum(beloeb.values()):
        mangler.append("Der er ikke søgt om noget beløb.")
    return mangler


@transaction.atomic
def ansoegning_indsend(*, ansoegning: Ansoegning, bruger, nu: datetime | None = None) -> Kvittering:
    """Submit and lock the application, and freeze a PDF receipt of exactly what was submitted."""
    nu = nu or timezone.now()
    ansoegning = Ansoegning.objects.select_for_update().select_related("program", "kommune").get(pk=ansoegning.pk)
    for ok, grund in (redigerbar_tilstand(ansoegning), inden_fristen(ansoegning, nu)):
        if not ok:
            raise ValidationError(grund)
    mangler = mangler_for_indsendelse(ansoegning)
    if mangler:
        raise ValidationError(mangler)
    ansoegning.status = AnsoegningStatus.INDSENDT
    ansoegning.indsendt = nu
    ansoegning.indsendt_af = bruger
    ansoegning.tilbagesendt_kommentar = ""
    ansoegning.full_clean()
    with pghistory.context(user=bruger.pk):
        ansoegning.save()
    beloeb = list(ansoegning.beloeb.all())
    pdf = render_pdf(
        "kommuner/pdf/kvittering.html",
        {
            "ansoegning": ansoegning,
            "beloeb": beloeb,
            "ansoegt_i_alt": sum(b.beloeb for b in beloeb),
            "bilag": list(ansoegning.bilag.all()),
        },
        bruger=bruger,
    )
    return Kvittering.objects.create(ansoegning=ansoegning, indsendt=nu, indsendt_af=bruger, pdf=pdf)


@transaction.atomic
def ansoegning_send_tilbage(*, ansoegning: Ansoegning, kommentar: str, bruger) -> Ansoegning:
    """The ministry returns a submitted application for changes; the leads see the comment and can resubmit."""
    ansoegning = Ansoegning.objects.select_for_update().get(pk=ansoegning.pk)
    if ansoegning.status != AnsoegningStatus.INDSENDT:
        raise ValidationError("Kun en indsendt interessetilkendegivelse kan sendes tilbage.")
    if not kommentar.strip():
        raise ValidationError({"kommentar": "Skriv, hvad kommunen skal ændre."})
    ansoegning.status = AnsoegningStatus.SENDT_TILBAGE
    ansoegning.tilbagesendt_kommentar = kommentar.strip()
    ansoegning.full_clean()
    with pghistory.context(user=bruger.pk):
        ansoegning.save()
    send_til_projektledere(
        ansoegning.kommune,
        emne=f"Interessetilkendegivelsen til {ansoegning.program} er sendt tilbage til ændring",
        tekst=f"Ministeriet har sendt jeres interessetilkendegivelse tilbage med denne kommentar:\n\n{kommentar}\n\n"
        "Ret den til i Forebyggelsesportalen, og indsend den igen.",
    )
    return ansoegning


@transaction.atomic
def ansoegning_genaabn(
    *, ansoegning: Ansoegning, aaben_til: datetime, begrundelse: str, bruger, nu: datetime | None = None
) -> Genaabning:
    """Let one municipality submit after the deadline, until `aaben_til`."""
    nu = nu or timezone.now()
    if aaben_til <= nu:
        raise ValidationError({"aaben_til": "Den nye frist skal ligge i fremtiden."})
    if aaben_til <= gaeldende_frist(ansoegning):
        raise ValidationError(
            {"aaben_til": f"Den nye frist skal ligge efter {tidspunkt(gaeldende_frist(ansoegning))}."}
        )
    genaabning = Genaabning(
        ansoegning=ansoegning, aaben_til=aaben_til, begrundelse=begrundelse.strip(), oprettet_af=bruger
    )
    genaabning.full_clean()
    with pghistory.context(user=bruger.pk):
        genaabning.save()
    send_til_projektledere(
        ansoegning.kommune,
        emne=f"I kan indsende jeres interessetilkendegivelse til {ansoegning.program} indtil {tidspunkt(aaben_til)}",
        tekst=f"Ministeriet har genåbnet for jeres interessetilkendegivelse indtil {tidspunkt(aaben_til)}.\n\n"
        f"Begrundelse: {genaabning.begrundelse}",
    )
    return genaabning


# Annexes ------------------------------------------------------------------------------------------

ZIP_KENDETEGN = {
    Bilagstype.DOCX: "word/document.xml",
    Bilagstype.XLSX: "xl/workbook.xml",
}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def genkend_filtype(fil) -> str | None:
    """The annex type from the file's content, never from its name: PDF by its header, DOCX/XLSX/ODT by
    what the ZIP container holds."""
    fil.seek(0)
    start = fil.read(8)
    fil.seek(0)
    if start.startswith(b"%PDF-"):
        return Bilagstype.PDF
    if not start.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(fil) as z:
            navne = set(z.namelist())
            if "mimetype" in navne and z.read("mimetype").strip() == ODT_MIMETYPE:
                return Bilagstype.ODT
            for filtype, kendetegn in ZIP_KENDETEGN.items():
                if kendetegn in navne and "[Content_Types].xml" in navne:
                    return filtype
    except zipfile.BadZipFile:
        return None
    finally:
        fil.seek(0)
    return None


def _endelse(filnavn: str) -> str:
    return filnavn.rsplit(".", 1)[-1].lower() if "." in filnavn else ""


@transaction.atomic
def bilag_tilfoej(*, ansoegning: Ansoegning, fil: UploadedFile, bruger, beskrivelse: str = "") -> Bilag:
    _kraev_redigerbar(ansoegning)
    tilladte = ", ".join(t.upper() for t in Bilagstype.values)
    if fil.size > MAKS_BILAG_BYTES:
        raise ValidationError({"fil": f"Filen fylder {fil.size / 1024 / 1024:.1f} MB. Et bilag må højst fylde 20 MB."})
    if _endelse(fil.name) not in Bilagstype.values:
        raise ValidationError({"fil": f"Filtypen er ikke tilladt. Vedhæft en af disse: {tilladte}."})
    filtype = genkend_filtype(fil)
    if filtype is None:
        raise ValidationError(
            {"fil": f"Filens indhold er ikke en {_endelse(fil.name).upper()}-fil. Tilladte: {tilladte}."}
        )
    if filtype != _endelse(fil.name):
        raise ValidationError(
            {
                "fil": f"Filen hedder .{_endelse(fil.name)}, men indholdet er {filtype.upper()}. "
                "Gem den i det rigtige format, og prøv igen."
            }
        )
    bilag = Bilag(
        ansoegning=ansoegning,
        filnavn=fil.name[:255],
        filtype=filtype,
        stoerrelse=fil.size,
        beskrivelse=beskrivelse.strip(),
        uploadet_af=bruger,
    )
    bilag.fil.save(fil.name, fil, save=False)
    try:
        bilag.full_clean()
        bilag.save()
    except Exception:
        bilag.fil.delete(save=False)
        raise
    return bilag


@transaction.atomic
def bilag_slet(*, bilag: Bilag) -> None:
    _kraev_redigerbar(bilag.ansoegning)
    fil = bilag.fil
    bilag.delete()
    transaction.on_commit(lambda: fil.delete(save=False))
