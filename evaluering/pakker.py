"""A programme's current reports (and, for everything, its data exports and delivered snapshots) as one ZIP with a
manifest: every file's name, SHA-256, when it was generated and the delivery it comes from. Built by a background job
(evaluering/tasks.py), from the same report, export and snapshot functions as the downloads on the reports page.
A data dictionary (`dataordbog.csv`) gives every CSV column in the ZIP its Danish heading and meaning, since a CSV's
first row holds only machine names (the XLSX files carry their own "Dataordbog" sheet); `datapackage.json` says the
same and more for programs (each column's type and unit, the files' dialect, sources and suppression texts), so
`frictionless validate datapackage.json` checks every cell of every CSV in the unpacked ZIP.

The ZIP is reproducible: its files are stamped with the data's state (`datastand`), its entries carry that time and
are sorted, so two packages of unchanged data differ only in the manifest's "dannet" column (docs/decisions/0045).
"""

import hashlib
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from functools import cache, partial

from django.utils import timezone
from django.utils.text import slugify

from evaluering.eksporter import DATAEKSPORTER, DATAPAKKE, FORMATER, Dataeksport, eksport_bytes, programmets_datapakke
from evaluering.models import Pakkeart
from evaluering.rapporter import (
    DATA_PR,
    Programtal,
    kommunestatus,
    kommunestatus_pdf,
    programstatus,
    programstatus_pdf,
    programtal,
    snapshot_pdf,
)
from evaluering.selectors import seneste_indsendelser
from evaluering.snapshot import kanonisk
from forebyggelse.dannede import fingeraftryk, kodeversion
from forebyggelse.datapakke import Ressource, som_json
from forebyggelse.eksport import ORDBOG_KOLONNER, Kolonne, csv_bytes, ordbog_raekker
from forebyggelse.formatering import dansk_tid, tidspunkt
from kommuner.models import Bruger, Deltagelse, Program
from profiler.permissions import kan_se_fund
from profiler.rapporter import profil_pdf
from profiler.selectors import datastand, profilernes_seneste_aar
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
    Kolonne("dannet", "Dannet", "Tidspunktet (dansk tid), filen blev dannet til pakken.", type="datetime"),
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

    @property
    def linje(self) -> dict:
        """The file's line in the manifest."""
        return {"fil": self.navn, "sha256": self.sha256, "dannet": self.dannet.isoformat(), "kilde": self.kilde}


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


def _kommunestatus(deltagelse: Deltagelse, bruger: Bruger, i_dag: date, tal: Callable[[], Programtal]) -> bytes:
    status = kommunestatus(deltagelse=deltagelse, bruger=bruger, i_dag=i_dag, tal=tal())
    return kommunestatus_pdf(status, bruger=bruger)


def _deltagertrin(
    program: Program, bruger: Bruger, i_dag: date, stand: datetime, deltagelser: list[Deltagelse]
) -> list[Trin]:
    """Each participant's reports: its status report, its social profile and (if the user may read it) its strategy."""
    aar = profilernes_seneste_aar([d.kommune for d in deltagelser])
    strategier = {
        s.deltagelse_id: s for s in strategier_til_laesning(bruger).filter(deltagelse__in=[d.pk for d in deltagelser])
    }
    # The programme-wide figures, read the first time one of the part's reports needs them.
    tal = cache(partial(programtal, program=program, bruger=bruger, i_dag=i_dag))
    faelles: dict = {}  # the profiles' shared figures (the map's), read once for the part
    trin = []
    for d in deltagelser:
        mappe, navn, profilaar = f"rapporter/{_mappe(d)}", d.kommune.navn, aar[d.kommune.pk]
        trin += [
            Trin(
                f"Statusrapport for {navn}",
                f"{mappe}/statusrapport.pdf",
                AKTUELLE_DATA,
                partial(_kommunestatus, d, bruger, i_dag, tal),
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
                    faelles=faelles,
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


def _datasti(program: Program, eksport: Dataeksport, endelse: str) -> str:
    return f"data/{eksport.filnavn(program, endelse)}"


def _datatrin(program: Program, bruger: Bruger, i_dag: date, stand: datetime) -> list[Trin]:
    raekker: dict[str, list] = {}  # each export's rows, read once for its CSV and its XLSX

    def lav(eksport: Dataeksport, endelse: str) -> bytes:
        if eksport.navn not in raekker:
            raekker[eksport.navn] = list(eksport.tabel(program, bruger, i_dag)[1])
        return eksport_bytes(
            eksport,
            endelse,
            program=program,
            bruger=bruger,
            i_dag=i_dag,
            tidspunkt=stand,
            raekker=raekker[eksport.navn],
        )

    return [
        Trin(
            f"Data: {eksport.titel} ({FORMATER[endelse]})",
            _datasti(program, eksport, endelse),
            AKTUELLE_DATA,
            partial(lav, eksport, endelse),
            eksport.kolonner if endelse == "csv" else None,
        )
        for eksport in DATAEKSPORTER.values()
        for endelse in FORMATER
    ]


def _leverancetrin(program: Program, bruger: Bruger, deltagelser: list[Deltagelse]) -> list[Trin]:
    """Each municipality's latest submission of each delivery: its JSON (the checksummed bytes) and its PDF."""
    trin = []
    mine = {d.pk for d in deltagelser}
    for indsendelse in seneste_indsendelser(program, bruger):
        if indsendelse.kommuneleverance.deltagelse_id not in mine:
            continue
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


def _datapakke(program: Program, stand: datetime, med_data: bool) -> bytes:
    ressourcer = [
        Ressource(
            MANIFEST,
            "manifest",
            "Manifest",
            "Hver fil i ZIP-filen med kontrolsum, tidspunkt og kilde.",
            MANIFEST_KOLONNER,
        ),
        Ressource(
            ORDBOG,
            "dataordbog",
            "Dataordbog",
            "Hver kolonne i ZIP-filens CSV-filer med overskrift og betydning.",
            ORDBOG_KOLONNER,
        ),
    ]
    if med_data:
        ressourcer += [e.ressource(_datasti(program, e, "csv")) for e in DATAEKSPORTER.values()]
    return som_json(programmets_datapakke(program, stand=stand, ressourcer=ressourcer))


# A package is made in parts, each run by whichever worker takes it (evaluering/services/rapporter.py): the
# programme's own files, then the participants in groups. A group reads the programme-wide figures once for all its
# participants, so a part per participant would read them as often as there are participants.
DELTAGERE_PR_DEL = 8


class Delslags(StrEnum):
    PROGRAM = "program"  # the programme's status report, the data dictionary and the data package
    DATA = "data"  # the data exports
    KOMMUNER = "kommuner"  # a group of participants' reports (and deliveries)


@dataclass(frozen=True)
class Del:
    slags: Delslags
    titel: str
    deltagelser: list[int] = field(default_factory=list)


def pakkens_dele(*, program: Program, art: str) -> list[Del]:
    deltagelser = list(
        Deltagelse.objects.filter(program=program).order_by("kommune__kode").values_list("pk", "kommune__navn")
    )
    dele = [Del(Delslags.PROGRAM, "Programmets statusrapport og dataordbog")]
    if art == Pakkeart.ALT:
        dele.append(Del(Delslags.DATA, "Dataeksporter"))
    stoerrelse = max(1, min(DELTAGERE_PR_DEL, -(-len(deltagelser) // 4)))
    for start in range(0, len(deltagelser), stoerrelse):
        gruppe = deltagelser[start : start + stoerrelse]
        navne = gruppe[0][1] if len(gruppe) == 1 else f"{gruppe[0][1]} – {gruppe[-1][1]}"
        dele.append(Del(Delslags.KOMMUNER, f"Kommunernes filer: {navne}", [pk for pk, _ in gruppe]))
    return dele


def delens_trin(
    *, program: Program, art: str, bruger: Bruger, i_dag: date, stand: datetime, slags: str, deltagelser: list[int]
) -> list[Trin]:
    """The files of one part of the package; all are known before any is made, so the progress is exact."""
    if slags == Delslags.DATA:
        return _datatrin(program, bruger, i_dag, stand)
    if slags == Delslags.PROGRAM:
        status = Trin(
            "Programmets statusrapport",
            "rapporter/programstatus.pdf",
            AKTUELLE_DATA,
            partial(_programstatus, program, bruger, i_dag),
        )
        data = _datatrin(program, bruger, i_dag, stand) if art == Pakkeart.ALT else []
        # The dictionary and the data package name the data part's files; they make none of them.
        pakke = Trin(
            "Datapakke for CSV-filerne",
            DATAPAKKE,
            ORDBOG_KILDE,
            partial(_datapakke, program, stand, art == Pakkeart.ALT),
        )
        return [status, _ordbogstrin(data), pakke]
    dele = sorted(
        Deltagelse.objects.filter(program=program, pk__in=deltagelser).select_related("kommune", "program"),
        key=lambda d: d.kommune.kode,
    )
    trin = _deltagertrin(program, bruger, i_dag, stand, dele)
    if art == Pakkeart.ALT:
        trin += _leverancetrin(program, bruger, dele)
    return trin


def delens_filer(trin: list[Trin], *, fremdrift: Fremdrift | None = None) -> Iterator[Pakkefil]:
    for nr, t in enumerate(trin):
        if fremdrift:
            fremdrift(nr, len(trin), t.tekst)
        yield Pakkefil(t.navn, t.lav(), timezone.now(), t.kilde)


def manifest_bytes(filer: list[Pakkefil]) -> bytes:
    return csv_bytes(MANIFEST_KOLONNER, [[f.navn, f.sha256, f.dannet, f.kilde] for f in filer])


# Already compressed: deflating them again costs time and saves nothing.
KOMPRIMEREDE = (".pdf", ".xlsx", ".zip")


def zip_bytes(filer: list[Pakkefil], *, stand: datetime, manifest: bool = True) -> bytes:
    """The files (and their manifest) in a ZIP whose entries are sorted and dated with the data's state."""
    tid = dansk_tid(stand).timetuple()[:6]
    indhold = sorted((f.navn, f.indhold) for f in filer)
    if manifest:
        indhold.insert(0, (MANIFEST, manifest_bytes(filer)))
    ud = io.BytesIO()
    with zipfile.ZipFile(ud, "w") as arkiv:
        for navn, data in indhold:
            info = zipfile.ZipInfo(navn, date_time=tid)
            info.compress_type = zipfile.ZIP_STORED if navn.endswith(KOMPRIMEREDE) else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            arkiv.writestr(info, data)
    return ud.getvalue()


def zip_filer(indhold: bytes, linjer: list[dict]) -> list[Pakkefil]:
    """A part's files back from its ZIP and manifest lines (`Pakkefil.linje`)."""
    with zipfile.ZipFile(io.BytesIO(indhold)) as arkiv:
        return [
            Pakkefil(f["fil"], arkiv.read(f["fil"]), datetime.fromisoformat(f["dannet"]), f["kilde"]) for f in linjer
        ]


@dataclass(frozen=True)
class Pakke:
    indhold: bytes
    manifest: list[dict]
    datastand: datetime


def pakkens_fingeraftryk(*, program: Program, art: str, bruger: Bruger, i_dag: date, stand: datetime) -> str:
    """What a package is made from: the programme, what it holds, for whom, which day, the data's state and the
    portal's code. The data's state moves with every recorded change (datastand), so a package with the same
    fingerprint holds the same files, byte for byte (docs/decisions/0058)."""
    return fingeraftryk(
        "rapportpakke", str(program.pk), art, str(bruger.pk), i_dag.isoformat(), stand.isoformat(), kodeversion()
    )


def saml_pakke(filer: list[Pakkefil], *, stand: datetime) -> Pakke:
    filer = sorted(filer, key=lambda f: f.navn)
    return Pakke(zip_bytes(filer, stand=stand), [f.linje for f in filer], stand)


def byg_pakke(*, program: Program, art: str, bruger: Bruger, i_dag: date, fremdrift: Fremdrift | None = None) -> Pakke:
    """The whole package in this process, part after part (the workers make the parts side by side instead)."""
    stand = datastand()
    alle = [
        delens_trin(
            program=program, art=art, bruger=bruger, i_dag=i_dag, stand=stand, slags=d.slags, deltagelser=d.deltagelser
        )
        for d in pakkens_dele(program=program, art=art)
    ]
    i_alt, gjort, filer = sum(len(t) for t in alle), 0, []
    for trin in alle:
        for fil in delens_filer(trin):
            filer.append(fil)
            gjort += 1
            if fremdrift:
                fremdrift(gjort, i_alt, fil.navn)
    return saml_pakke(filer, stand=stand)
