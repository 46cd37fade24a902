"""The record of who downloaded what. Every download view ends with one line:

    return logget_hentning(response, bruger=request.user, objekt=bilag)

`art` defaults to the object's Danish name ("Bilag", "Kvittering"); pass `art="Dataeksport (CSV)"` for a file
that is not one object, and `beskrivelse` when the object's own name does not say whose it is.
"""

from email.message import Message

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.http import HttpResponse
from django.utils.text import capfirst

from hentninger.models import Hentning
from kommuner.models import Bruger


@transaction.atomic
def hentning_registrer(
    *, bruger: Bruger, filnavn: str, objekt: models.Model | None = None, art: str = "", beskrivelse: str = ""
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
    bruger: Bruger,
    objekt: models.Model | None = None,
    art: str = "",
    beskrivelse: str = "",
) -> HttpResponse:
    """Record the download the response carries, and return the response."""
    hentning_registrer(bruger=bruger, filnavn=filnavn_i(response), objekt=objekt, art=art, beskrivelse=beskrivelse)
    return response
