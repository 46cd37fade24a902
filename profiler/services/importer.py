"""Importing key figures: preview a file (nothing changes yet), confirm it, undo it, or discard the preview.

The same services serve the upload page, "Hent fra Danmarks Statistik", the `import_statbank` command, the demo
loader and the tests. A file with one error is refused whole (ImportFejl lists every error) and writes nothing;
the upload page then logs the refused attempt with its file (import_afvis).
Who may call them is the views' business (profiler/permissions.py); the services guard the run's state.
"""

import hashlib
from collections.abc import Iterable
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kommuner.models import Bruger, Kommune
from profiler.importering import dst_api, skrivning
from profiler.importering.kontrol import Omraader, normaliser
from profiler.importering.laesning import MAKS_FILSTOERRELSE, laes_fil
from profiler.importering.raamme import Indlaest
from profiler.models import (
    Datastatus,
    Enhed,
    Importformat,
    ImportKoersel,
    ImportRaekke,
    Indikator,
    Koerselstilstand,
    Talfelt,
)

FORAELDET = (
    "Nøgletallene er ændret, siden forhåndsvisningen blev lavet, så den viser ikke længere, hvad importen vil "
    "ændre. Lav forhåndsvisningen igen."
)
# A preview nobody confirmed is discarded after this long (its staged rows take room).
FORHAANDSVISNING_GAELDER = timedelta(hours=24)


def _format(raamme_format: str, indlaest: Indlaest, hentet: bool) -> str:
    if hentet:
        return Importformat.DST_API
    if indlaest.format == "skabelon":
        return Importformat.SKABELON
    return Importformat.DST_XLSX if raamme_format.startswith("xlsx") else Importformat.DST_CSV


def _saetter_alt(indlaest: Indlaest, indikator: Indikator | None) -> bool:
    if indlaest.format == "skabelon":
        return True
    if indikator is None:
        return False
    dele = {"naevner"} if indikator.har_naevner else set()
    dele.add("vaerdi" if indikator.kun_rate else "taeller")
    return dele <= indlaest.saetter


@transaction.atomic
def import_forhaandsvis(
    *,
    filnavn: str,
    indhold: bytes,
    bruger: Bruger | None,
    datastatus: str = Datastatus.ENDELIG,
    indikator: Indikator | None = None,
    talfelt: str = "",
    eksempeldata: bool = False,
    forespoergsel: dict | None = None,
    summer: Iterable[str] = (),
) -> ImportKoersel:
    """Read and check the file and stage what it would change. Raises ImportFejl (nothing written) for a bad file.

    `indikator` and `talfelt` (tæller, nævner or værdi) say what a StatBank file holds; the template names its
    indicators itself. `forespoergsel` is the API request a fetched file answered; `summer` the variables whose
    values are added up (e.g. the ages 0–17 of a fetched FOLK1A)."""
    raamme = laes_fil(filnavn, indhold)
    indlaest = normaliser(
        raamme,
        omraader=Omraader.fra_databasen(),
        indikatorer={i.kode: i for i in Indikator.objects.all()},
        indikator=indikator,
        talfelt=talfelt,
        summer=summer,
    )
    _kasser_gamle()
    dataversion = skrivning.laas_dataversion(skriv=False)
    skabelon = indlaest.format == "skabelon"
    koersel = ImportKoersel(
        filnavn=filnavn[:255],
        sha256=hashlib.sha256(indhold).hexdigest(),
        fil=indhold,
        format=_format(raamme.format, indlaest, forespoergsel is not None),
        indikator=None if skabelon else indikator,
        talfelt="" if skabelon else talfelt,
        datastatus=datastatus,
        eksempeldata=eksempeldata,
        forespoergsel=forespoergsel,
        dataversion=dataversion,
        antal_raekker=len(indlaest.vaerdier),
        bemaerkninger=indlaest.bemaerkninger,
        oprettet_af=bruger,
    )
    koersel.full_clean()
    koersel.save()
    nye, aendrede = skrivning.forbered(koersel, indlaest, saetter_alt=_saetter_alt(indlaest, indikator))
    koersel.antal_nye = nye
    koersel.antal_aendrede = aendrede
    koersel.antal_uaendrede = len(indlaest.vaerdier) - nye - aendrede
    koersel.save(update_fields=["antal_nye", "antal_aendrede", "antal_uaendrede"])
    return koersel


@transaction.atomic
def import_afvis(
    *,
    filnavn: str,
    indhold: bytes,
    bruger: Bruger | None,
    fejl: list[str],
    datastatus: str = Datastatus.ENDELIG,
    indikator: Indikator | None = None,
    talfelt: str = "",
) -> ImportKoersel:
    """Log an upload the checks refused, with every error, and keep its file so the uploader can try again with
    other choices without choosing it again. Writes no key figures. Its format is left blank (an unreadable file
    has none). A file over the size limit is not kept: it can never be imported."""
    koersel = ImportKoersel(
        filnavn=filnavn[:255],
        sha256=hashlib.sha256(indhold).hexdigest(),
        fil=indhold if len(indhold) <= MAKS_FILSTOERRELSE else b"",
        indikator=indikator,
        talfelt=talfelt,
        datastatus=datastatus,
        tilstand=Koerselstilstand.AFVIST,
        fejl=list(fejl),
        oprettet_af=bruger,
    )
    koersel.full_clean()
    koersel.save()
    return koersel


def _kasser_gamle() -> None:
    gamle = ImportKoersel.objects.filter(
        tilstand=Koerselstilstand.FORHAANDSVIST, oprettet__lt=timezone.now() - FORHAANDSVISNING_GAELDER
    )
    ImportRaekke.objects.filter(koersel__in=gamle).delete()
    gamle.update(tilstand=Koerselstilstand.KASSERET)


def _laas(koersel: ImportKoersel, tilstand: str, besked: str) -> ImportKoersel:
    koersel = ImportKoersel.objects.select_for_update().get(pk=koersel.pk)
    if koersel.tilstand != tilstand:
        raise ValidationError(f"{besked} Importen er {koersel.get_tilstand_display().lower()}.")
    return koersel


@transaction.atomic
def import_gennemfoer(*, koersel: ImportKoersel, bruger: Bruger | None) -> ImportKoersel:
    """Write what the preview showed, or nothing if the figures changed since it was made."""
    dataversion = skrivning.laas_dataversion(skriv=True)
    koersel = _laas(koersel, Koerselstilstand.FORHAANDSVIST, "Importen kan ikke gennemføres.")
    if koersel.dataversion != dataversion:
        raise ValidationError(FORAELDET, code="foraeldet")
    if koersel.antal_aendringer:
        skrivning.gennemfoer(koersel)
        skrivning.forny_dataversion()
    koersel.tilstand = Koerselstilstand.GENNEMFOERT
    koersel.gennemfoert = timezone.now()
    koersel.gennemfoert_af = bruger
    koersel.save(update_fields=["tilstand", "gennemfoert", "gennemfoert_af"])
    return koersel


@transaction.atomic
def import_fortryd(*, koersel: ImportKoersel, bruger: Bruger | None) -> ImportKoersel:
    """Restore the values the run replaced, unless something has changed them since."""
    skrivning.laas_dataversion(skriv=True)
    koersel = _laas(koersel, Koerselstilstand.GENNEMFOERT, "Kun en gennemført import kan fortrydes.")
    antal, senere = skrivning.senere_aendringer(koersel)
    if antal:
        hvem = (
            "import " + ", ".join(f"nr. {k.pk} ({k.filnavn})" for k in senere)
            if senere
            else "en senere ændring (fx godkendte egne tal)"
        )
        raise ValidationError(
            f"{antal} af de værdier, importen skrev, er ændret siden af {hvem}. Fortryd de senere ændringer først."
        )
    if koersel.antal_aendringer:
        skrivning.fortryd(koersel)
        skrivning.forny_dataversion()
    koersel.tilstand = Koerselstilstand.FORTRUDT
    koersel.fortrudt = timezone.now()
    koersel.fortrudt_af = bruger
    koersel.save(update_fields=["tilstand", "fortrudt", "fortrudt_af"])
    return koersel


@transaction.atomic
def import_kasser(*, koersel: ImportKoersel, bruger: Bruger | None) -> ImportKoersel:
    """Drop a preview nobody will confirm."""
    koersel = _laas(koersel, Koerselstilstand.FORHAANDSVIST, "Kun en forhåndsvisning kan kasseres.")
    skrivning.kasser(koersel)
    koersel.tilstand = Koerselstilstand.KASSERET
    koersel.save(update_fields=["tilstand"])
    return koersel


def talfelt_for(indikator: Indikator, naevner: bool) -> str:
    """Which part a StatBank file for the indicator fills: its denominator, or its numerator (a rate if the
    source only gives one)."""
    if naevner and indikator.enhed != Enhed.ANTAL:
        return Talfelt.NAEVNER
    return Talfelt.VAERDI if indikator.kun_rate else Talfelt.TAELLER


def import_hent_fra_dst(
    *,
    indikator: Indikator,
    talfelt: str,
    fra_aar: int,
    til_aar: int,
    bruger: Bruger | None,
    datastatus: str = Datastatus.ENDELIG,
) -> ImportKoersel:
    """Ask Statistics Denmark's API for the indicator's numerator or denominator for all 98 municipalities and
    the years, and preview the answer like an uploaded file. If the API cannot be reached or refuses, a
    ValidationError says so in Danish and nothing changes."""
    if fra_aar > til_aar:
        raise ValidationError({"til_aar": "Til-året skal være det samme som eller efter fra-året."})
    aar = list(range(fra_aar, til_aar + 1))
    try:
        forespoergsel = dst_api.forespoergsel(indikator, talfelt, aar, list(Kommune.objects.order_by("kode")))
        svar = dst_api.hent(forespoergsel)
    except dst_api.DstFejl as exc:
        raise ValidationError(str(exc), code="dst") from None
    return import_forhaandsvis(
        filnavn=f"{forespoergsel['table']}-{fra_aar}-{til_aar}.csv",
        indhold=svar,
        bruger=bruger,
        datastatus=datastatus,
        indikator=indikator,
        talfelt=talfelt,
        forespoergsel=forespoergsel,
        summer=dst_api.summeres(indikator, talfelt),
    )
