"""Files the portal makes from its data (report PDFs), kept by a fingerprint of what they show and reused while that
has not changed: the same fingerprint always gives the same bytes, so a reused file is the file that would be made
now. Kept in the database's cache, so every web process and every worker on every machine shares them; the cache
drops the least recently stored when it is full and anything not stored again within its timeout
(settings.CACHES). See docs/decisions/0058."""

import hashlib
from collections.abc import Callable
from functools import cache as en_gang
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

NAVNERUM = "dannet"


def fingeraftryk(*dele: str | bytes | tuple) -> str:
    """A SHA-256 of the parts, each length-prefixed, so no two different lists of parts run together the same."""
    h = hashlib.sha256()
    for del_ in dele:
        if isinstance(del_, tuple):
            del_ = fingeraftryk(*del_)
        data = del_.encode() if isinstance(del_, str) else del_
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def genbrug_eller_dan(noegle: str, dan: Callable[[], bytes]) -> bytes:
    """The file kept under this fingerprint, or a new one made by `dan` and kept."""
    indhold = cache.get(f"{NAVNERUM}:{noegle}")
    if indhold is None:
        indhold = dan()
        cache.set(f"{NAVNERUM}:{noegle}", indhold)
    return indhold


@en_gang
def kodeversion() -> str:
    """A fingerprint of the portal's own code, templates and print stylesheets: what made a file, besides its data.
    Read once per process; a new version of the portal makes its files anew."""
    rod = Path(settings.BASE_DIR)
    mapper = [app.parent for app in rod.glob("*/apps.py")] + [rod / "templates", rod / "static" / "pdf"]
    filer = sorted(f for m in mapper for f in m.rglob("*") if f.suffix in {".py", ".html", ".css"} and f.is_file())
    return fingeraftryk(*((f.relative_to(rod).as_posix(), f.read_bytes()) for f in filer))
