"""Fetching a catalogue indicator's numerator or denominator from Statistics Denmark's StatBank API.

The request is the API's `data` call (POST {DST_API_URL}/data, see shared STATBANK.md) for the 98 municipalities
and the periods the years need, with the variable selection stored on the indicator (`taeller_dst` /
`naevner_dst`: area variable, time division, fixed values, and the variables to sum over). The answer is a
StatBank CSV and goes through the same preview → confirm pipeline as an uploaded file.
"""

import json
import urllib.error
import urllib.request

from django.conf import settings

from kommuner.models import Kommune
from profiler.importering.laesning import MAKS_FILSTOERRELSE
from profiler.models import EGNE_DATA, Aarsdannelse, Indikator, Talfelt

TIDSINDDELINGER = {"aar", "kvartal", "maaned"}


class DstFejl(Exception):
    """The fetch failed; the message says why in Danish. Nothing has been written."""


def del_af_indikator(indikator: Indikator, talfelt: str) -> tuple[str, dict, str]:
    """(table code, query details, year formation) for the numerator or the denominator."""
    if talfelt == Talfelt.NAEVNER:
        return indikator.naevner_kilde, indikator.naevner_dst, indikator.naevner_aarsdannelse
    return indikator.taeller_kilde, indikator.taeller_dst, indikator.taeller_aarsdannelse


def kan_hentes(indikator: Indikator, talfelt: str) -> tuple[bool, str]:
    tabel, detaljer, _ = del_af_indikator(indikator, talfelt)
    hvad = "nævneren" if talfelt == Talfelt.NAEVNER else "tælleren"
    if not tabel or tabel == EGNE_DATA:
        return False, f"{hvad.capitalize()} kommer ikke fra Statistikbanken."
    if not detaljer or detaljer.get("tid") not in TIDSINDDELINGER:
        return False, f"Indikatoren har ingen forespørgsel til Statistikbanken for {hvad}."
    return True, ""


def perioder(tid: str, aarsdannelse: str, aar: list[int]) -> list[str]:
    if tid == "aar":
        return [str(a) for a in aar]
    primo = aarsdannelse == Aarsdannelse.PRIMO
    if tid == "kvartal":
        return [f"{a}K{k}" for a in aar for k in ([1] if primo else range(1, 5))]
    return [f"{a}M{m:02d}" for a in aar for m in ([1] if primo else range(1, 13))]


def forespoergsel(indikator: Indikator, talfelt: str, aar: list[int], kommuner: list[Kommune]) -> dict:
    """The body of the API's data call."""
    ok, grund = kan_hentes(indikator, talfelt)
    if not ok:
        raise DstFejl(grund)
    tabel, detaljer, aarsdannelse = del_af_indikator(indikator, talfelt)
    variabler = [
        {"code": detaljer.get("omraade", "OMRÅDE"), "values": [k.kode for k in kommuner]},
        {"code": "Tid", "values": perioder(detaljer["tid"], aarsdannelse, aar)},
    ]
    variabler += [{"code": kode, "values": list(vaerdier)} for kode, vaerdier in detaljer.get("variabler", {}).items()]
    return {"table": tabel, "format": "CSV", "valuePresentation": "Code", "lang": "da", "variables": variabler}


def summeres(indikator: Indikator, talfelt: str) -> list[str]:
    return list(del_af_indikator(indikator, talfelt)[1].get("summer", []))


def hent(foresp: dict) -> bytes:
    """POST the request; the CSV Statistics Denmark answers, or DstFejl."""
    url = settings.DST_API_URL.rstrip("/") + "/data"
    anmodning = urllib.request.Request(
        url,
        data=json.dumps(foresp).encode("utf-8"),
        headers={"Content-Type": "application/json", "Accept": "text/csv"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(anmodning, timeout=settings.DST_API_TIMEOUT) as svar:
            indhold = svar.read(MAKS_FILSTOERRELSE + 1)
    except urllib.error.HTTPError as exc:
        raise DstFejl(
            f"Danmarks Statistik svarede med en fejl ({exc.code}): {_dst_besked(exc)}. Intet er ændret."
        ) from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        grund = getattr(exc, "reason", exc)
        raise DstFejl(f"Danmarks Statistiks API kunne ikke nås ({grund}). Prøv igen senere; intet er ændret.") from None
    if len(indhold) > MAKS_FILSTOERRELSE:
        raise DstFejl("Svaret fra Danmarks Statistik er større end 20 MB. Hent færre år ad gangen.")
    return indhold


def _dst_besked(exc: urllib.error.HTTPError) -> str:
    """DST answers errors with JSON such as {"errorTypeCode": "...", "message": "..."}."""
    try:
        return str(json.loads(exc.read(4000).decode("utf-8", errors="replace")).get("message", "ukendt fejl"))[:300]
    except (ValueError, AttributeError, OSError):
        return "ukendt fejl"
