"""Vega-Lite charts drawn to SVG on the server with vl-convert, for every app: the design system's font (so text is
measured as the PDF shows it), Danish numbers and dates, no data fetched from elsewhere, and the shared cache keyed
by what is drawn (a change of input is a new key: nothing goes stale; docs/decisions/0013)."""

import hashlib
import json
from functools import cache
from pathlib import Path

import vl_convert
from django.conf import settings
from django.core.cache import cache as delt_cache
from django.utils.html import escape

SKRIFT = Path(settings.BASE_DIR) / "static" / "dkfds" / "fonts" / "IBMPlexSans" / "complete" / "ttf"
CACHE_SEKUNDER = 60 * 60 * 24 * 30
# The look every chart shares: the design system's font and dark text.
KONFIGURATION = {
    "font": "IBM Plex Sans, Arial, Helvetica, sans-serif",
    "view": {"stroke": None},
    "axis": {"labelFontSize": 11, "titleFontSize": 11, "labelColor": "#1a1a1a", "titleColor": "#1a1a1a"},
    "legend": {"labelFontSize": 11, "titleFontSize": 11, "orient": "bottom", "labelLimit": 260},
}


@cache
def _skrift() -> None:
    vl_convert.register_font_directory(str(SKRIFT))


def tegn(spec: dict) -> str:
    """The specification's SVG, drawn now."""
    _skrift()
    return vl_convert.vegalite_to_svg(spec, format_locale="da-DK", time_format_locale="da-DK", allowed_base_urls=[])


def noegle(navnerum: str, indhold) -> str:
    """A cache key for what a chart is drawn from (its specification, or the data it is built from)."""
    return f"{navnerum}:{hashlib.sha256(json.dumps(indhold, sort_keys=True, default=str).encode()).hexdigest()}"


def tegn_mange(specs: list[dict], *, navnerum: str) -> list[str]:
    """The specifications' SVGs from the shared cache, drawing only those not drawn before (one cache read)."""
    noegler = [noegle(navnerum, spec) for spec in specs]
    fundne = delt_cache.get_many(noegler)
    nye = {n: tegn(spec) for n, spec in zip(noegler, specs, strict=True) if n not in fundne}
    if nye:
        delt_cache.set_many(nye, CACHE_SEKUNDER)
    return [fundne.get(n) or nye[n] for n in noegler]


def med_navn(svg: str, alt: str, *, attributter: str = "") -> str:
    """The SVG as one image with a name for screen readers (the page shows the same data as a table beside it);
    `attributter` are more attributes for the <svg> element, written as they stand."""
    ekstra = f"{attributter} " if attributter else ""
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(alt)}" {ekstra}', 1)
