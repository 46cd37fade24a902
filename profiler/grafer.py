"""Charts and maps as SVG, made on the server with vl-convert (Vega-Lite), the same SVG in the page and the PDF.

Each chart is built from plain data (`*_data` functions, made from the selectors' figures, suppression already
applied), and cached in the shared cache under the SHA-256 of that data: rendering costs 30–500 ms, and a change
of data is a new key, so nothing is ever stale and nothing needs dropping (docs/decisions/0013-delt-cache-til-
grafer.md). Every chart has a text alternative (`*_alt`); the page and the PDF show its data as a table beside it.
"""

import copy
import hashlib
import json
from decimal import Decimal
from functools import cache as husk
from pathlib import Path

from django.core.cache import cache

from forebyggelse.formatering import tal
from forebyggelse.grafer import CACHE_SEKUNDER, KONFIGURATION, tegn
from profiler.selectors import Noegletal, Sammenligning

GRAFVERSION = 7  # bump when a chart's look changes, so cached SVGs are made again
GEODATA = Path(__file__).resolve().parent / "data" / "kommuner_geo.json"
KORT_KILDE = "Kort: Geodatastyrelsen & Danske Kommuner"
# Det Fælles Designsystem's palette: the municipality dark blue, the country grey, the group orange.
FARVER = {"kommune": "#004993", "land": "#5f6b7a", "gruppe": "#c65d00"}


def _tal(vaerdi: Decimal | None) -> float | None:
    return None if vaerdi is None else float(vaerdi)


def noegle(art: str, data: dict) -> str:
    indhold = json.dumps({"art": art, "data": data, "version": GRAFVERSION}, sort_keys=True, default=str)
    return hashlib.sha256(indhold.encode()).hexdigest()


def svg(art: str, data: dict) -> str:
    """The chart's SVG from the cache, or rendered and cached."""
    cache_noegle = f"profiler:svg:{noegle(art, data)}"
    fundet = cache.get(cache_noegle)
    if fundet is None:
        fundet = tegn(BYGGERE[art](data))
        cache.set(cache_noegle, fundet, CACHE_SEKUNDER)
    return fundet


# The time series of one indicator: the municipality, the country and the comparison group over the years ------


def tidsserie_data(tal_: Noegletal, indikator, aar: list[int]) -> dict:
    gruppe = tal_.sammenligningsgruppe.navn if tal_.sammenligningsgruppe else "Lignende kommuner"
    serier = {"kommune": tal_.kommune.navn, "land": "Landsgennemsnit", "gruppe": f"{gruppe} (de andre)"}
    punkter = []
    for celle in (tal_.celle(indikator, a) for a in aar):
        for serie, vist in (("kommune", celle.egen), ("land", celle.land), ("gruppe", celle.gruppe)):
            if vist.vaerdi is not None:
                punkter.append({"aar": celle.aar, "serie": serier[serie], "vaerdi": _tal(vist.vaerdi)})
    return {
        "punkter": punkter,
        "serier": [serier[s] for s in ("kommune", "land", "gruppe")],
        "aar": aar,
        "enhed": indikator.enhedstekst or "antal",
        "decimaler": indikator.visningsdecimaler,
    }


def _tidsserie_spec(data: dict) -> dict:
    serier = data["serier"]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": 420,
        "height": 200,
        "config": KONFIGURATION,
        "data": {"values": data["punkter"]},
        # Points mark the years while there are few; over many years the line alone reads better (and the PDF
        # draws a third fewer shapes).
        "mark": {
            "type": "line",
            "point": {"size": 50, "filled": True} if len(data["aar"]) <= 8 else False,
            "strokeWidth": 2,
        },
        "encoding": {
            "x": {
                "field": "aar",
                "type": "ordinal",
                "title": "År",
                "scale": {"domain": data["aar"]},
                "axis": {"labelAngle": 0},
            },
            "y": {
                "field": "vaerdi",
                "type": "quantitative",
                "title": data["enhed"],
                "axis": {"format": f",.{data['decimaler']}f"},
                "scale": {"zero": True},
            },
            "color": {
                "field": "serie",
                "type": "nominal",
                "title": None,
                "scale": {"domain": serier, "range": [FARVER["kommune"], FARVER["land"], FARVER["gruppe"]]},
            },
            "strokeDash": {
                "field": "serie",
                "type": "nominal",
                "title": None,
                "scale": {"domain": serier, "range": [[1, 0], [6, 3], [2, 2]]},
            },
            "shape": {
                "field": "serie",
                "type": "nominal",
                "title": None,
                "scale": {"domain": serier, "range": ["circle", "square", "triangle-up"]},
            },
        },
    }


def tidsserie_alt(tal_: Noegletal, indikator, aar: list[int]) -> str:
    dele = []
    for celle in (tal_.celle(indikator, a) for a in aar):
        if celle.land.kommuner:  # there are figures that year, shown or hidden
            dele.append(
                f"{celle.aar}: {tal_.kommune.navn} {celle.egen.vaerdi_tekst}, landsgennemsnit "
                f"{celle.land.vaerdi_tekst}, lignende kommuner {celle.gruppe.vaerdi_tekst}"
            )
    if not dele:
        return f"Graf over {indikator.navn}: ingen tal endnu."
    return f"Graf over {indikator.navn} ({indikator.enhedstekst or 'antal'}) år for år. " + "; ".join(dele) + "."


# Deviations: the municipality's index against the country (= 100) for every indicator of one year ------------


def afvigelser_data(celler: list[Sammenligning]) -> dict:
    return {
        "bjaelker": [
            {
                "indikator": c.indikator.navn,
                "indeks": _tal(c.indeks_land),
                "vurdering": c.vurdering or "neutral",
            }
            for c in celler
            if c.indeks_land is not None
        ]
    }


def _afvigelser_spec(data: dict) -> dict:
    hoejde = max(60, 26 * len(data["bjaelker"]))
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": 360,
        "height": hoejde,
        "padding": {"left": 60, "top": 5, "right": 5, "bottom": 5},
        "config": KONFIGURATION,
        "data": {"values": data["bjaelker"]},
        "layer": [
            {
                "mark": {"type": "bar", "height": 16},
                "encoding": {
                    "y": {
                        "field": "indikator",
                        "type": "nominal",
                        "title": None,
                        "sort": None,
                        "axis": {"labelLimit": 300},
                    },
                    "x": {
                        "field": "indeks",
                        "type": "quantitative",
                        "title": "Indeks (landsgennemsnit = 100)",
                        "scale": {"zero": True},
                    },
                    "color": {
                        "field": "vurdering",
                        "type": "nominal",
                        "title": "Forskel fra landsgennemsnittet",
                        "scale": {
                            "domain": ["bedre", "dårligere", "neutral"],
                            "range": ["#358000", "#b51d09", FARVER["kommune"]],
                        },
                        "legend": {
                            "columns": 1,
                            "labelExpr": "{'bedre': 'Markant bedre', 'dårligere': 'Markant dårligere', "
                            "'neutral': 'Ingen retning eller under 10 %'}[datum.label]",
                        },
                    },
                },
            },
            {"mark": {"type": "rule", "color": "#1a1a1a", "strokeDash": [4, 3]}, "encoding": {"x": {"datum": 100}}},
        ],
    }


def afvigelser_alt(celler: list[Sammenligning], kommune_navn: str, aar: int) -> str:
    dele = [f"{c.indikator.navn} {tal(c.indeks_land, 1)}" for c in celler if c.indeks_land is not None]
    if not dele:
        return f"Afvigelser fra landsgennemsnittet i {aar}: ingen tal."
    return f"{kommune_navn}s indeks i {aar} med landsgennemsnittet som 100: " + "; ".join(dele) + "."


# The map: every municipality coloured by its value, the profile's municipality and its group outlined ----------


KORTKLASSER = 5


def kort_data(celler: list[Sammenligning], *, kommune_kode: str, gruppe_koder: list[str]) -> dict:
    foerste = celler[0] if celler else None
    return {
        "vaerdier": {c.kommune.kode: _tal(c.egen.vaerdi) for c in celler},
        "kommune": kommune_kode,
        "gruppe": sorted(gruppe_koder),
        "enhed": foerste.indikator.enhedstekst if foerste else "",
        "decimaler": foerste.indikator.visningsdecimaler if foerste else 1,
    }


@husk
def _geometri() -> dict:
    """The boundaries with Bornholm moved into a framed inset north-east of Zealand, as Danish maps do."""
    geo = json.loads(GEODATA.read_text(encoding="utf-8"))
    flyt = (-1.75, 1.05)
    for feature in geo["features"]:
        if feature["properties"]["kode"] == "400":
            feature["geometry"]["coordinates"] = _flyt(feature["geometry"]["coordinates"], flyt)
    x0, y0, x1, y1 = 14.65 + flyt[0], 54.97 + flyt[1], 15.2 + flyt[0], 55.32 + flyt[1]
    # Clockwise, as d3-geo wants a small polygon (the other way round it would be the globe minus the box).
    ramme = {"type": "Polygon", "coordinates": [[[x0, y0], [x0, y1], [x1, y1], [x1, y0], [x0, y0]]]}
    return {"features": geo["features"], "ramme": ramme}


def _flyt(koordinater, flyt):
    if isinstance(koordinater[0], int | float):
        return [round(koordinater[0] + flyt[0], 4), round(koordinater[1] + flyt[1], 4)]
    return [_flyt(k, flyt) for k in koordinater]


def _kortets_farver(data: dict) -> dict:
    """Five classes, not a gradient: a reader can match a colour to its range, and the legend is drawn as plain
    squares the PDF renders too (a gradient legend is lost there). Grey is no value shown."""
    return {
        "condition": {"test": "datum.properties.vaerdi === null", "value": "#d9d9d9"},
        "field": "properties.vaerdi",
        "type": "quantitative",
        "title": data["enhed"] or "antal",
        "scale": {"type": "quantize", "scheme": {"name": "blues", "count": KORTKLASSER}, "nice": True},
        "legend": {
            "format": f",.{data['decimaler']}f",
            "orient": "top-right",
            "symbolType": "square",
            "symbolSize": 220,
            "labelFontSize": 12,
            "titleFontSize": 12,
            "fillColor": "#ffffff",
        },
    }


def _kort_spec(data: dict) -> dict:
    geo = _geometri()
    features = copy.deepcopy(geo["features"])
    for feature in features:
        kode = feature["properties"]["kode"]
        feature["properties"]["vaerdi"] = data["vaerdier"].get(kode)
        feature["properties"]["gruppe"] = kode in data["gruppe"]
    projektion = {"type": "transverseMercator", "rotate": [-10.5, -56, 0]}
    gruppe = [f for f in features if f["properties"]["gruppe"]]
    egen = [f for f in features if f["properties"]["kode"] == data["kommune"]]
    lag = [
        {
            "data": {"values": features},
            "mark": {"type": "geoshape", "stroke": "#ffffff", "strokeWidth": 0.4},
            "encoding": {"color": _kortets_farver(data)},
        },
        {
            "data": {"values": [{"type": "Feature", "geometry": geo["ramme"], "properties": {}}]},
            "mark": {"type": "geoshape", "filled": False, "stroke": "#5f6b7a", "strokeWidth": 0.8},
        },
    ]
    if gruppe:
        lag.append(
            {
                "data": {"values": gruppe},
                "mark": {"type": "geoshape", "filled": False, "stroke": FARVER["gruppe"], "strokeWidth": 1.4},
            }
        )
    if egen:
        lag.append(
            {
                "data": {"values": egen},
                "mark": {"type": "geoshape", "filled": False, "stroke": "#1a1a1a", "strokeWidth": 2.6},
            }
        )
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": 720,
        "height": 600,
        "padding": {"left": 5, "top": 5, "right": 5, "bottom": 5},
        "config": KONFIGURATION,
        "projection": projektion,
        "layer": lag,
    }


def kort_alt(celler: list[Sammenligning], *, kommune_navn: str, indikator, aar: int) -> str:
    med = sorted((c for c in celler if c.egen.vaerdi is not None), key=lambda c: c.egen.vaerdi)
    if not med:
        return f"Danmarkskort over {indikator.navn} i {aar}: ingen tal."
    egen = next((c for c in celler if c.kommune.navn == kommune_navn), None)
    tekst = (
        f"Danmarkskort over {indikator.navn} i {aar}, hver kommune farvet efter sin værdi (mørkere er højere). "
        f"Lavest: {med[0].kommune.navn} {med[0].egen.vaerdi_tekst}; højest: {med[-1].kommune.navn} "
        f"{med[-1].egen.vaerdi_tekst}. {len(celler) - len(med)} kommuner uden vist værdi er grå."
    )
    if egen is not None:
        tekst += (
            f" {kommune_navn} ({egen.egen.vaerdi_tekst}) er tegnet med sort kant, sammenligningsgruppen med orange."
        )
    return tekst


BYGGERE = {"tidsserie": _tidsserie_spec, "afvigelser": _afvigelser_spec, "kort": _kort_spec}
