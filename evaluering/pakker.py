"""A programme's current reports (and, for everything, its data exports and delivered snapshots) as one ZIP with a
manifest: every file's name, SHA-256, when it was generated and the delivery it comes from. Built by a background job
(evaluering/tasks.py), from the same report, export and snapshot functions as the downloads on the reports page.

The ZIP is reproducible: its files are stamped with the data's state (`datastand`), its entries carry that time and
are sorted, so two packages of unchanged data differ only in the manifest's "dannet" column (docs/decisions/0045).
"""

import hashlib
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone
from django.utils.text import slugify

from evaluering.eksporter import DATAEKSPORTER, FORMATER, eksport_bytes
from evaluering.models import Pakkeart
from evaluering.rapporter import (
    DATA_PR,
    kommunestatus,
    kommunestatus_pdf,
    programstatus,
    programstatus_pdf,
    snapshot_pdf,
)
from evaluering.selectors import datastand, seneste_indsendelser
from evaluering.snapshot import kanonisk
from forebyggelse.eksport import csv_bytes
from forebyggelse.formatering import dansk_tid, tidspunkt
from kommuner.models import Bruger, Deltagelse, Program
from profiler.permissions import kan_se_fund
from profiler.rapporter import profil_pdf
from profiler.selectors import profilernes_seneste_aar
from strategi.permissions import strategier_til_laesning
from strategi.rapporter import strategi_pdf

MANIFEST = "manifest.csv"
MANIFEST_KOLONNER = ["fil", "sha256", "dannet", "kilde"]
AKTUELLE_DATA = "Portalens aktuelle data (ikke en leverance)"

Fremdrift = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Pakkefil:
    navn: str  # the path inside the ZIP
    indhold: bytes
    dannet: datetime
    kilde: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.indhold).hexdigest()


def _navn(tekst: str) -> str:
    """A readable ASCII file name part: København → koebenhavn."""
    for dansk, ascii_ in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("Æ", "Ae"), ("Ø", "Oe"), ("Å", "Aa")):
        tekst = tekst.replace(dansk, ascii_)
    return slugify(tekst)


def _mappe(deltagelse: Deltagelse) -> str:
    return f"{deltagelse.kommune.kode}-{_navn(deltagelse.kommune.navn)}"


# Each step makes one file; the list of steps is known before the first runs, so progress is exact.
Trin = tuple[str, Callable[[], tuple[str, bytes, str]]]


def _rapporttrin(program: Program, bruger: Bruger, i_dag: date, stand: datetime) -> list[Trin]:
    deltagelser = list(Deltagelse.objects.filter(program=program).select_related("kommune", "program"))
    deltagelser.sort(key=lambda d: d.kommune.kode)
    aar = profilernes_seneste_aar([d.kommune for d in deltagelser])
    strategier = {s.deltagelse_id: s for s in strategier_til_laesning(bruger).filter(deltagelse__program=program)}
    trin: list[Trin] = [
        (
            "Programmets statusrapport",
            lambda: (
                "rapporter/programstatus.pdf",
                programstatus_pdf(programstatus(program=program, bruger=bruger, i_dag=i_dag), bruger=bruger),
                AKTUELLE_DATA,
            ),
        )
    ]
    for d in deltagelser:
        mappe = f"rapporter/{_mappe(d)}"
        trin.append(
            (
                f"Statusrapport for {d.kommune.navn}",
                lambda d=d, mappe=mappe: (
                    f"{mappe}/statusrapport.pdf",
                    kommunestatus_pdf(kommunestatus(deltagelse=d, bruger=bruger, i_dag=i_dag), bruger=bruger),
                    AKTUELLE_DATA,
                ),
            )
        )
        trin.append(
            (
                f"Social profil for {d.kommune.navn}",
                lambda d=d, mappe=mappe: (
                    f"{mappe}/social-profil-{aar[d.kommune.pk]}.pdf",
                    profil_pdf(
                        kommune=d.kommune,
                        aar=aar[d.kommune.pk],
                        bruger=bruger,
                        med_fund=kan_se_fund(bruger, d.kommune)[0],
                        tidspunkt=stand,
                        stempel=DATA_PR,
                    ),
                    AKTUELLE_DATA,
                ),
            )
        )
        if d.pk in strategier:
            trin.append(
                (
                    f"Forebyggelsesstrategi for {d.kommune.navn}",
                    lambda d=d, mappe=mappe: (
                        f"{mappe}/forebyggelsesstrategi.pdf",
                        strategi_pdf(
                            strategi=strategier[d.pk], bruger=bruger, i_dag=i_dag, tidspunkt=stand, stempel=DATA_PR
                        ),
                        AKTUELLE_DATA,
                    ),
                )
            )
    return trin


def _datatrin(program: Program, bruger: Bruger, i_dag: date, stand: datetime) -> list[Trin]:
    return [
        (
            f"Data: {eksport.titel} ({FORMATER[endelse]})",
            lambda eksport=eksport, endelse=endelse: (
                f"data/{eksport.filnavn(program, endelse)}",
                eksport_bytes(eksport, endelse, program=program, bruger=bruger, i_dag=i_dag, tidspunkt=stand),
                AKTUELLE_DATA,
            ),
        )
        for eksport in DATAEKSPORTER.values()
        for endelse in FORMATER
    ]


def _leverancetrin(program: Program, bruger: Bruger) -> list[Trin]:
    trin: list[Trin] = []
    for indsendelse in seneste_indsendelser(program, bruger):
        kl = indsendelse.kommuneleverance
        mappe = f"leverancer/{kl.dataleverance.pk}-{_navn(kl.dataleverance.titel)}"
        navn = f"{_mappe(kl.deltagelse)}-indsendelse-{indsendelse.nummer}"
        status = indsendelse.get_resultat_display().lower() if indsendelse.resultat else "afventer gennemgang"
        kilde = (
            f"Dataleverance “{kl.dataleverance.titel}”: {kl.deltagelse.kommune.navn}, indsendelse "
            f"{indsendelse.nummer}, indsendt {tidspunkt(indsendelse.indsendt)} ({status})"
        )
        trin += [
            (
                f"Leverance: {kl.dataleverance.titel}, {kl.deltagelse.kommune.navn}",
                lambda i=indsendelse, navn=navn, mappe=mappe, kilde=kilde: (
                    f"{mappe}/{navn}.json",
                    kanonisk(i.snapshot),
                    kilde,
                ),
            ),
            (
                f"Leverance som PDF: {kl.dataleverance.titel}, {kl.deltagelse.kommune.navn}",
                lambda i=indsendelse, navn=navn, mappe=mappe, kilde=kilde: (
                    f"{mappe}/{navn}.pdf",
                    snapshot_pdf(i, bruger=bruger),
                    kilde,
                ),
            ),
        ]
    return trin


def pakkens_filer(
    *, program: Program, art: str, bruger: Bruger, i_dag: date, stand: datetime, fremdrift: Fremdrift | None = None
) -> Iterator[Pakkefil]:
    trin = _rapporttrin(program, bruger, i_dag, stand)
    if art == Pakkeart.ALT:
        trin += _datatrin(program, bruger, i_dag, stand) + _leverancetrin(program, bruger)
    for nr, (tekst, lav) in enumerate(trin, start=1):
        if fremdrift:
            fremdrift(nr - 1, len(trin), tekst)
        navn, indhold, kilde = lav()
        yield Pakkefil(navn, indhold, timezone.now(), kilde)
    if fremdrift:
        fremdrift(len(trin), len(trin), "ZIP-filen samles")


def manifest_bytes(filer: list[Pakkefil]) -> bytes:
    return csv_bytes(MANIFEST_KOLONNER, [[f.navn, f.sha256, f.dannet, f.kilde] for f in filer])


def zip_bytes(filer: list[Pakkefil], *, stand: datetime) -> bytes:
    """The files and their manifest in a ZIP whose entries are sorted and dated with the data's state."""
    tid = dansk_tid(stand).timetuple()[:6]
    ud = io.BytesIO()
    with zipfile.ZipFile(ud, "w", compression=zipfile.ZIP_DEFLATED) as arkiv:
        for navn, indhold in [(MANIFEST, manifest_bytes(filer)), *sorted((f.navn, f.indhold) for f in filer)]:
            info = zipfile.ZipInfo(navn, date_time=tid)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            arkiv.writestr(info, indhold)
    return ud.getvalue()


@dataclass(frozen=True)
class Pakke:
    indhold: bytes
    manifest: list[dict]
    datastand: datetime


def byg_pakke(*, program: Program, art: str, bruger: Bruger, i_dag: date, fremdrift: Fremdrift | None = None) -> Pakke:
    stand = datastand()
    filer = sorted(
        pakkens_filer(program=program, art=art, bruger=bruger, i_dag=i_dag, stand=stand, fremdrift=fremdrift),
        key=lambda f: f.navn,
    )
    manifest = [{"fil": f.navn, "sha256": f.sha256, "dannet": f.dannet.isoformat(), "kilde": f.kilde} for f in filer]
    return Pakke(zip_bytes(filer, stand=stand), manifest, stand)
