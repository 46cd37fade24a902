"""Report packages: ordered by the ministry or the evaluator, built by a background job, kept as a ZIP file."""

import hashlib
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from evaluering.jobs import baggrundsjob_start
from evaluering.models import Baggrundsjob, Pakkeart, Rapportpakke
from forebyggelse.formatering import filnavn_tid
from kommuner.models import Bruger, Program

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
    )
    pakke.fil.save(pakke.filnavn, ContentFile(indhold), save=False)
    pakke.full_clean()
    pakke.save()
    return pakke
