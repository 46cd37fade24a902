"""The record of who downloaded what. Every download view ends with one line:

    return logget_hentning(response, bruger=request.user, objekt=bilag)

`art` defaults to the object's Danish name ("Bilag", "Kvittering"); pass `art="Dataeksport (CSV)"` for a file
that is not one object, and `beskrivelse` when the object's own name does not say whose it is.
"""

from email.message import Message

from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.http import FileResponse, HttpResponse
from django.utils.text import capfirst

from forebyggelse.bilag import Bilagsfil
from hentninger.models import Hentning


@transaction.atomic
def hentning_registrer(
    *, bruger: AbstractUser, filnavn: str, objekt: models.Model | None = None, art: str = "", beskrivelse: str = ""
) -> Hentning:
    if not art and objekt is None:
        raise ValueError("En hentning skal have en art eller et objekt.")
    hentning = Hentning(
        bruger=bruger,
        filnavn=filnavn[:255],
        art=(art or capfirst(objekt._meta.verbose_name))[:100],
        objekt_type=ContentType.objects.get_for_model(objekt) if objekt is not None else None,
        objekt_id=str(objekt.pk) if objekt is not None else "",
        objekt_tekst=(beskrivelse or str(objekt or ""))[:300],
    )
    hentning.full_clean()
    hentning.save()
    return hentning


def filnavn_i(response: HttpResponse) -> str:
    """The file name a response's Content-Disposition gives (filename*=UTF-8'' … included)."""
    besked = Message()
    besked["Content-Disposition"] = response.get("Content-Disposition", "")
    filnavn = besked.get_filename()
    if not filnavn:
        raise ValueError("En hentning skal have et filnavn i Content-Disposition.")
    return filnavn


def logget_hentning(
    response: HttpResponse,
    *,
    bruger: AbstractUser,
    objekt: models.Model | None = None,
    art: str = "",
    beskrivelse: str = "",
) -> HttpResponse:
    """Record the download the response carries, and return the response."""
    hentning_registrer(bruger=bruger, filnavn=filnavn_i(response), objekt=objekt, art=art, beskrivelse=beskrivelse)
    return response


def bilag_hent(*, bilag: Bilagsfil, bruger: AbstractUser, beskrivelse: str) -> HttpResponse:
    """An annex of the annex kit (forebyggelse/bilag.py) as a download, logged. It lives here, beside the log, as the
    base may not import the log (docs/opbygning.md). The caller has loaded the annex with its access_* loader."""
    response = FileResponse(
        bilag.fil.open("rb"), as_attachment=True, filename=bilag.filnavn, content_type=bilag.indholdstype
    )
    return logget_hentning(response, bruger=bruger, objekt=bilag, beskrivelse=beskrivelse)
