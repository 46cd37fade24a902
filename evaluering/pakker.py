"""A programme's current reports (and, for everything, its data exports and delivered snapshots) as one ZIP with a
manifest: every file's name, SHA-256, when it was generated and the delivery it comes from. Built by a background job
(evaluering/tasks.py), from the same report, export and snapshot functions as the downloads on the reports page.
A data dictionary (`dataordbog.csv`) gives every CSV column in the ZIP its Danish heading and meaning, since a CSV's
first row holds only machine names (the XLSX files carry their own "Dataordbog" sheet).

The ZIP is reproducible: its files are stamped with the data's state (`datastand`), its entries carry that time and
are sorted, so two packages of unchanged data differ only in the manifest's "dannet" column (docs/decisions/0045).
"""

import hashlib
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial

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
from forebyggelse.eksport import ORDBOG_KOLONNER, Kolonne, csv_bytes, ordbog_raekker
from forebyggelse.formatering import dansk_tid, tidspunkt
from kommuner.models import Bruger, Deltagelse, Program
from profiler.permissions import kan_se_fund
from profiler.rapporter import profil_pdf
from profiler.selectors import profilernes_seneste_aar
from strategi.permissions import strategier_til_laesning
from strategi.rapporter import strategi_pdf

MANIFEST = "manifest.csv"
ORDBOG = "dataordbog.csv"
AKTUELLE_DATA = "Portalens aktuelle data (ikke en leverance)"
ORDBOG_KILDE = "Portalens beskrivelse af CSV-filernes kolonner (ikke en leverance)"
MANIFEST_KOLONNER = [
    Kolonne("fil", "Fil", "Filens sti i ZIP-filen."),
    Kolonne(
        "sha256",
        "SHA-256",
        "Filens SHA-256-kontrolsum (hex); for en leverances JSON-fil den, der blev gemt ved indsendelsen.",
    ),
    Kolonne("dannet", "Dannet", "Tidspunktet (dansk tid), filen blev dannet til pakken."),
    Kolonne("kilde", "Kilde", f"Den indsendelse af en dataleverance, filen kommer fra, eller “{AKTUELLE_DATA}”."),
]

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


@dataclass(frozen=True)
class Trin:
    """One file of the package, made when its turn comes; all steps are known first, so the progress is exact."""

    tekst: str  # what the progress bar says meanwhile
    navn: str  # the path inside the ZIP
    kilde: str
    lav: Callable[[], bytes]
    kolonner: list[Kolonne] | None = None  # a CSV's columns, for the data dictionary


def _programstatus(program: Program, bruger: Bruger, i_dag: date) -> bytes:
    return programstatus_pdf(programstatus(program=program, bruger=bruger, i_dag=i_dag), bruger=bruger)


def _kommunestatus(deltagelse: Deltagelse, bruger: Bruger, i_dag: date) -> bytes:
    return kommunestatus_pdf(kommunestatus(deltagelse=deltagelse, bruger=bruger, i_dag=i_dag), bruger=bruger)


def _rapporttrin(program: Program, bruger: Bruger, i_dag: date, stand: datetime) -> list[Trin]:
    deltagelser = sorted(
        Deltagelse.objects.filter(program=program).select_related("kommune", "program"), key=lambda d: d.kommune.kode
    )
    aar = profilernes_seneste_aar([d.kommune for d in deltagelser])
    strategier = {s.deltagelse_id: s for s in strategier_til_laesning(bruger).filter(deltagelse__program=program)}
    trin = [
        Trin(
            "Programmets statusrapport",
            "rapporter/programstatus.pdf",
            AKTUELLE_DATA,
            partial(_programstatus, program, bruger, i_dag),
        )
    ]
    for d in deltagelser:
        mappe, navn, profilaar = f"rapporter/{_mappe(d)}", d.kommune.navn, aar[d.kommune.pk]
        trin += [
            Trin(
                f"Statusrapport for {navn}",
                f"{mappe}/statusrapport.pdf",
                AKTUELLE_DATA,
                partial(_kommunestatus, d, bruger, i_dag),
            ),
            Trin(
                f"Social profil for {navn}",
                f"{mappe}/social-profil-{profilaar}.pdf",
                AKTUELLE_DATA,
                partial(
                    profil_pdf,
                    kommune=d.kommune,
                    aar=profilaar,
                    program=program,
                    bruger=bruger,
                    med_fund=kan_se_fund(bruger, d.kommune)[0],
                    tidspunkt=stand,
                    stempel=DATA_PR,
                ),
            ),
        ]
        if d.pk in strategier:
            trin.append(
                Trin(
                    f"Forebyggelsesstrategi for {navn}",
                    f"{mappe}/forebyggelsesstrategi.pdf",
                    AKTUELLE_DATA,
                    partial(
                        strategi_pdf,
                        strategi=strategier[d.pk],
                        bruger=bruger,
                        i_dag=i_dag,
                        tidspunkt=stand,
                        stempel=DATA_PR,
                    ),
                )
            )
    return trin


def _datatrin(program: Program, bruger: Bruger, i_dag: date, stand: datetime) -> list[Trin]:
    return [
        Trin(
            f"Data: {eksport.titel} ({FORMATER[endelse]})",
            f"data/{eksport.filnavn(program, endelse)}",
            AKTUELLE_DATA,
            partial(eksport_bytes, eksport, endelse, program=program, bruger=bruger, i_dag=i_dag, tidspunkt=stand),
            eksport.kolonner if endelse == "csv" else None,
        )
        for eksport in DATAEKSPORTER.values()
        for endelse in FORMATER
    ]


def _leverancetrin(program: Program, bruger: Bruger) -> list[Trin]:
    """Each municipality's latest submission of each delivery: its JSON (the checksummed bytes) and its PDF."""
    trin = []
    for indsendelse in seneste_indsendelser(program, bruger):
        kl = indsendelse.kommuneleverance
        sti = f"leverancer/{kl.dataleverance.pk}-{_navn(kl.dataleverance.titel)}/{_mappe(kl.deltagelse)}"
        sti += f"-indsendelse-{indsendelse.nummer}"
        status = indsendelse.get_resultat_display().lower() if indsendelse.resultat else "afventer gennemgang"
        kilde = (
            f"Dataleverance “{kl.dataleverance.titel}”: {kl.deltagelse.kommune.navn}, indsendelse "
            f"{indsendelse.nummer}, indsendt {tidspunkt(indsendelse.indsendt)} ({status})"
        )
        tekst = f"{kl.dataleverance.titel}, {kl.deltagelse.kommune.navn}"
        trin += [
            Trin(f"Leverance: {tekst}", f"{sti}.json", kilde, partial(kanonisk, indsendelse.snapshot)),
            Trin(f"Leverance som PDF: {tekst}", f"{sti}.pdf", kilde, partial(snapshot_pdf, indsendelse, bruger=bruger)),
        ]
    return trin


def _ordbogstrin(trin: list[Trin]) -> Trin:
    """The data dictionary of every CSV in the ZIP: the manifest, the dictionary itself and the data files."""
    filer = [(MANIFEST, MANIFEST_KOLONNER), (ORDBOG, ORDBOG_KOLONNER)]
    filer += sorted(((t.navn, t.kolonner) for t in trin if t.kolonner), key=lambda f: f[0])
    raekker = [raekke for navn, kolonner in filer for raekke in ordbog_raekker(navn, kolonner)]
    return Trin("Dataordbog for CSV-filerne", ORDBOG, ORDBOG_KILDE, partial(csv_bytes, ORDBOG_KOLONNER, raekker))


def pakkens_filer(
    *, program: Program, art: str, bruger: Bruger, i_dag: date, stand: datetime, fremdrift: Fremdrift | None = None
) -> Iterator[Pakkefil]:
    trin = _rapporttrin(program, bruger, i_dag, stand)
    if art == Pakkeart.ALT:
        trin += _datatrin(program, bruger, i_dag, stand) + _leverancetrin(program, bruger)
    trin.append(_ordbogstrin(trin))
    for nr, t in enumerate(trin):
        if fremdrift:
            fremdrift(nr, len(trin), t.tekst)
        yield Pakkefil(t.navn, t.lav(), timezone.now(), t.kilde)
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
