"""Report packages: ordered by the ministry or the evaluator, made in parts by all the background workers there are,
kept as a ZIP file.

The ordered job plans the package: it splits it into parts (evaluering/pakker.py) and queues one job per part, in one
transaction. Any worker on any machine takes a part (claimed by one conditional UPDATE, so a part is made once); a
part that fails is tried again up to MAKS_FORSOEG times, then the package fails with the reason. The part that
finishes last, holding the package job's row lock, puts the parts' files together with the manifest: of two parts
finishing at once, the second waits for the first's commit and sees it, so exactly one assembles (docs/decisions/0058).
"""

import hashlib
import logging
import time
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Sum
from django.urls import reverse
from django.utils import timezone
from procrastinate.contrib.django import app

from evaluering.jobs import (
    Fremdrift,
    JobFejl,
    Resultat,
    baggrundsjob_afslut,
    baggrundsjob_start,
    fejltekst,
    koe_i_transaktionen,
)
from evaluering.models import Baggrundsjob, Jobstatus, Pakkeart, Pakkedel, Rapportpakke
from evaluering.pakker import (
    Pakkefil,
    delens_filer,
    delens_trin,
    pakkens_dele,
    pakkens_fingeraftryk,
    saml_pakke,
    zip_bytes,
    zip_filer,
)
from evaluering.permissions import kan_bestille_pakke
from forebyggelse.formatering import filnavn_tid, kort_tidspunkt, tal
from kommuner.models import Bruger, Program
from profiler.selectors import datastand

logger = logging.getLogger(__name__)
MAKS_FORSOEG = 3
FREMDRIFT_SEKUNDER = 0.5

OPGAVE = "evaluering.rapportpakke"


@transaction.atomic
def rapportpakke_bestil(*, program: Program, art: str, bruger: Bruger) -> Baggrundsjob:
    """Queue the job that builds the package; it runs only if this transaction commits."""
    if art not in Pakkeart.values:
        raise ValidationError({"art": "Vælg, hvad pakken skal indeholde."})
    return baggrundsjob_start(
        opgave=OPGAVE,
        titel=f"{Pakkeart(art).label} som ZIP: {program.navn}",
        argumenter={"program_id": program.pk, "art": art},
        bruger=bruger,
    )


@transaction.atomic
def rapportpakke_gem(
    *,
    program: Program,
    art: str,
    indhold: bytes,
    manifest: list[dict],
    datastand: datetime,
    bruger: Bruger,
    fingeraftryk: str = "",
    nu: datetime | None = None,
) -> Rapportpakke:
    nu = nu or timezone.now()
    pakke = Rapportpakke(
        program=program,
        art=art,
        filnavn=f"forebyggelsesportalen-program-{program.pk}-{art}-{filnavn_tid(nu)}.zip",
        stoerrelse=len(indhold),
        sha256=hashlib.sha256(indhold).hexdigest(),
        manifest=manifest,
        datastand=datastand,
        dannet=nu,
        dannet_af=bruger,
        fingeraftryk=fingeraftryk,
    )
    pakke.fil.save(pakke.filnavn, ContentFile(indhold), save=False)
    pakke.full_clean()
    pakke.save()
    return pakke


@app.task(name="evaluering.pakkedel", queue="baggrundsjob")
def koer_pakkedel(pakkedel_id: int) -> None:
    pakkedel_koer(pakkedel_id=pakkedel_id)


def pakkens_program(job: Baggrundsjob) -> Program:
    """The package's programme, if the user who ordered it may still have it; else why not, as the job's failure."""
    program = Program.objects.filter(pk=job.argumenter["program_id"]).first()
    if program is None:
        raise JobFejl("Programmet findes ikke længere.")
    ok, grund = kan_bestille_pakke(job.bruger, program) if job.bruger else (False, "Jobbet har ingen bruger.")
    if not ok:
        raise JobFejl(grund)
    return program


@transaction.atomic
def rapportpakke_planlaeg(*, job: Baggrundsjob, program: Program, art: str, i_dag: date) -> Rapportpakke | None:
    """Split the package into parts and queue a job for each. A job tried again starts over: its old parts go. If
    this user's package of the same data was made before, that is the package: it is returned and nothing is
    queued."""
    Pakkedel.objects.filter(job=job).delete()
    stand = datastand()
    noegle = pakkens_fingeraftryk(program=program, art=art, bruger=job.bruger, i_dag=i_dag, stand=stand)
    if tidligere := Rapportpakke.objects.filter(fingeraftryk=noegle, dannet_af=job.bruger).first():
        return tidligere
    dele = [
        Pakkedel(
            job=job,
            nummer=nr,
            titel=d.titel,
            slags=d.slags,
            deltagelser=d.deltagelser,
            i_dag=i_dag,
            datastand=stand,
            antal_filer=len(
                delens_trin(
                    program=program,
                    art=art,
                    bruger=job.bruger,
                    i_dag=i_dag,
                    stand=stand,
                    slags=d.slags,
                    deltagelser=d.deltagelser,
                )
            ),
        )
        for nr, d in enumerate(pakkens_dele(program=program, art=art))
    ]
    Pakkedel.objects.bulk_create(dele)
    for del_ in dele:
        koe_i_transaktionen(koer_pakkedel, pakkedel_id=del_.pk)
    i_alt = sum(d.antal_filer for d in dele)
    Fremdrift(job.pk)(0, i_alt, f"0 af {i_alt} filer er dannet")
    return None


def _fremdrift(del_: Pakkedel, gjort: int, tekst: str) -> None:
    Pakkedel.objects.filter(pk=del_.pk).update(faerdige=gjort)
    alle = Pakkedel.objects.filter(job_id=del_.job_id).aggregate(gjort=Sum("faerdige"), i_alt=Sum("antal_filer"))
    gjort, i_alt = alle["gjort"] or 0, alle["i_alt"] or 0
    Fremdrift(del_.job_id)(gjort, i_alt, f"{gjort} af {i_alt} filer er dannet · {tekst}")


def pakkedel_koer(*, pakkedel_id: int) -> None:
    """Make one part's files; the part that finishes last puts the package together."""
    if not Pakkedel.objects.filter(pk=pakkedel_id, status=Jobstatus.VENTER).update(
        status=Jobstatus.KOERER, forsoeg=F("forsoeg") + 1
    ):
        return  # made, being made, or gone with a package that failed or was ordered again
    del_ = Pakkedel.objects.select_related("job__bruger").get(pk=pakkedel_id)
    job, naa = del_.job, ""
    if job.status != Jobstatus.KOERER:
        return

    sidst = 0.0

    def fremdrift(gjort: int, i_alt: int, tekst: str) -> None:
        nonlocal naa, sidst
        naa = tekst
        if time.monotonic() - sidst >= FREMDRIFT_SEKUNDER:  # often enough for the page, which asks every second
            sidst = time.monotonic()
            _fremdrift(del_, gjort, tekst)

    try:
        program = pakkens_program(job)
        trin = delens_trin(
            program=program,
            art=job.argumenter["art"],
            bruger=job.bruger,
            i_dag=del_.i_dag,
            stand=del_.datastand,
            slags=del_.slags,
            deltagelser=del_.deltagelser,
        )
        filer = list(delens_filer(trin, fremdrift=fremdrift))
    except Exception as exc:
        logger.exception("Del %s af rapportpakken i baggrundsjob %s fejlede", del_.nummer, job.pk)
        _pakkedel_fejlet(del_, exc, naa)
        return
    _pakkedel_faerdig(del_, program, filer)


@transaction.atomic
def _pakkedel_fejlet(del_: Pakkedel, exc: Exception, naa: str) -> None:
    if del_.forsoeg < MAKS_FORSOEG and not isinstance(exc, JobFejl):
        Pakkedel.objects.filter(pk=del_.pk).update(status=Jobstatus.VENTER, faerdige=0)
        koe_i_transaktionen(koer_pakkedel, pakkedel_id=del_.pk)
        return
    Pakkedel.objects.filter(pk=del_.pk).update(status=Jobstatus.FEJLET)
    fejl = fejltekst(exc)
    if not isinstance(exc, JobFejl):
        hvad = f"“{naa}”" if naa else del_.titel
        fejl = f"{hvad} kunne ikke dannes ({del_.forsoeg} forsøg). {fejl}"
    Baggrundsjob.objects.filter(pk=del_.job_id, status=Jobstatus.KOERER).update(
        status=Jobstatus.FEJLET, fejl=fejl, afsluttet=timezone.now()
    )


@transaction.atomic
def _pakkedel_faerdig(del_: Pakkedel, program: Program, filer: list[Pakkefil]) -> None:
    Pakkedel.objects.filter(pk=del_.pk).update(
        status=Jobstatus.FAERDIG,
        faerdige=len(filer),
        filer=[f.linje for f in filer],
        indhold=zip_bytes(filer, stand=del_.datastand, manifest=False),
    )
    job = Baggrundsjob.objects.select_for_update(of=("self",)).select_related("bruger").get(pk=del_.job_id)
    if job.status != Jobstatus.KOERER or Pakkedel.objects.filter(job=job).exclude(status=Jobstatus.FAERDIG).exists():
        return
    Fremdrift(job.pk)(99, 100, "ZIP-filen samles")
    alle = [
        f for d in Pakkedel.objects.filter(job=job).order_by("nummer") for f in zip_filer(bytes(d.indhold), d.filer)
    ]
    pakke = saml_pakke(alle, stand=del_.datastand)
    art = job.argumenter["art"]
    gemt = rapportpakke_gem(
        program=program,
        art=art,
        indhold=pakke.indhold,
        manifest=pakke.manifest,
        datastand=pakke.datastand,
        bruger=job.bruger,
        fingeraftryk=pakkens_fingeraftryk(
            program=program, art=art, bruger=job.bruger, i_dag=del_.i_dag, stand=del_.datastand
        ),
    )
    Pakkedel.objects.filter(job=job).delete()
    baggrundsjob_afslut(job_id=job.pk, resultat=pakkens_resultat(gemt))


def pakkens_resultat(pakke: Rapportpakke, *, uaendret: bool = False) -> Resultat:
    mb = tal(pakke.stoerrelse / 1_000_000, 1)
    tekst = f"Hent {Pakkeart(pakke.art).label.lower()} som ZIP ({len(pakke.manifest)} filer, {mb} MB)"
    if uaendret:
        tekst += f"; data er uændrede siden pakken fra {kort_tidspunkt(pakke.dannet)}"
    return Resultat(reverse("evaluering:rapportpakke", args=[pakke.pk]), tekst[:200])
