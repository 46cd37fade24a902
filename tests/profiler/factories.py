"""Test data for key figures, made through the services like everywhere else: imports of the project's template
(or StatBank CSV) previewed and confirmed, indicators through indikator_opret."""

from decimal import Decimal

import factory

from profiler.models import Datastatus, Enhed, ImportKoersel, Indikator, Kategori, Talfelt
from profiler.services.importer import import_forhaandsvis, import_gennemfoer
from profiler.services.indikatorer import indikator_opret


def _celle(tal) -> str:
    if tal is None:
        return ""
    return str(tal).replace(".", ",")


def skabelon(raekker, *, vaerdi: bool = False) -> bytes:
    """The template as CSV from (kommunekode, indikator, år, tæller, nævner[, værdi]) rows."""
    kolonner = ["kommunekode", "indikator", "aar", "taeller", "naevner"] + (["vaerdi"] if vaerdi else [])
    linjer = [";".join(kolonner)]
    for raekke in raekker:
        kode, indikator, aar, *tal = raekke
        linjer.append(";".join([str(kode), str(indikator), str(aar), *(_celle(t) for t in tal)]))
    return ("\n".join(linjer) + "\n").encode()


def dst_csv(raekker, *, overskrift: str = "OMRÅDE;TID;INDHOLD", kodning: str = "utf-8") -> bytes:
    """A StatBank CSV from (område, tid, indhold) rows."""
    linjer = [overskrift] + [";".join(_celle(c) for c in raekke) for raekke in raekker]
    return ("\n".join(linjer) + "\n").encode(kodning)


def importer(
    raekker,
    *,
    bruger=None,
    eksempeldata: bool = False,
    datastatus: str = Datastatus.ENDELIG,
    vaerdi: bool = False,
) -> ImportKoersel:
    """Preview and confirm a template import of the rows."""
    koersel = import_forhaandsvis(
        filnavn="test.csv",
        indhold=skabelon(raekker, vaerdi=vaerdi),
        bruger=bruger,
        datastatus=datastatus,
        eksempeldata=eksempeldata,
    )
    return import_gennemfoer(koersel=koersel, bruger=bruger)


def importer_dst(
    raekker, *, indikator: Indikator, talfelt: str = Talfelt.TAELLER, bruger=None, **kwargs
) -> ImportKoersel:
    koersel = import_forhaandsvis(
        filnavn="statbank.csv", indhold=dst_csv(raekker, **kwargs), bruger=bruger, indikator=indikator, talfelt=talfelt
    )
    return import_gennemfoer(koersel=koersel, bruger=bruger)


class IndikatorFactory(factory.django.DjangoModelFactory):
    """A rate per 1.000 from StatBank with suppression, created through indikator_opret."""

    class Meta:
        model = Indikator

    kode = factory.Sequence(lambda n: f"test_{n}")
    navn = factory.Sequence(lambda n: f"Testindikator {n}")
    definition = "En indikator til test."
    kategori = Kategori.ANBRINGELSER
    enhed = Enhed.PR_1000
    faktor = Decimal(1000)
    taeller_definition = "Tælleren."
    taeller_kilde = "TEST1"
    naevner_definition = "Nævneren."
    naevner_kilde = "FOLK1A"
    bedre = "lavere"
    undertrykkes = True
    undertrykkelsesgraense = 5
    del_af = None
    kun_rate = False
    standard = False

    @classmethod
    def _create(cls, model_class, **kwargs):
        return indikator_opret(bruger=None, **kwargs)
