"""The timeline as SVG, drawn on the server with Vega-Lite (vl-convert): months across, phases and periods as
bars, deadlines and meetings as marks, today as a line. The page puts the same data beside it as a table."""

from datetime import timedelta

import vl_convert
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from evaluering.selectors import Tidsplan

FARVER = {
    "fase": "#2f5f8a",
    "frist": "#b8332e",
    "moede": "#1a7f4b",
    "leverance": "#8a5a00",
    "opfoelgning": "#6b3fa0",
}
FORM = {"frist": "diamond", "moede": "circle", "leverance": "square", "opfoelgning": "triangle-up", "fase": "circle"}
BREDDE = 760


def _etiket(tekst: str, laengde: int = 60) -> str:
    return tekst if len(tekst) <= laengde else tekst[: laengde - 1] + "…"


def tidsplan_svg(plan: Tidsplan) -> SafeString:
    raekker = [
        {
            "orden": nr,
            "etiket": f"{nr + 1:02d}. {_etiket(post.titel)}",
            "art": post.artnavn,
            "noegle": post.art,
            "start": post.start.isoformat(),
            # A bar covers its last day too.
            "slut": (post.slut + timedelta(days=1)).isoformat(),
            "midt": post.midt.isoformat(),
            "tid": post.tekst,
            "periode": post.periode,
        }
        for nr, post in enumerate(plan.poster)
    ]
    arter = sorted({r["noegle"] for r in raekker}, key=list(FARVER).index)
    farve = {
        "field": "art",
        "type": "nominal",
        "title": "Art",
        "scale": {"domain": [dict(_artnavne(plan))[a] for a in arter], "range": [FARVER[a] for a in arter]},
        "legend": {"orient": "top", "direction": "horizontal"},
    }
    y = {
        "field": "etiket",
        "type": "nominal",
        "sort": {"field": "orden"},
        "title": None,
        "axis": {"labelLimit": 330, "labelFontSize": 11},
    }
    x_akse = {
        "title": None,
        "orient": "top",
        "tickCount": {"interval": "month", "step": 1},
        # Every month is labelled, with its year, upright so 24 months fit.
        "labelExpr": "timeFormat(datum.value, '%b %Y')",
        "labelOverlap": False,
        "labelAngle": -90,
        "labelAlign": "left",
        "labelFontSize": 10,
        "grid": True,
    }
    domaene = [plan.fra.isoformat(), (plan.til + timedelta(days=1)).isoformat()]
    lag = [
        {
            "transform": [{"filter": "datum.periode"}],
            "mark": {"type": "bar", "cornerRadius": 2, "height": 12},
            "encoding": {
                "x": {"field": "start", "type": "temporal", "scale": {"domain": domaene}, "axis": x_akse},
                "x2": {"field": "slut"},
                "y": y,
                "color": farve,
                "tooltip": [{"field": "etiket", "title": "Punkt"}, {"field": "tid", "title": "Tid"}],
            },
        },
        {
            "transform": [{"filter": "!datum.periode"}],
            "mark": {"type": "point", "filled": True, "size": 110, "opacity": 1},
            "encoding": {
                "x": {"field": "midt", "type": "temporal", "scale": {"domain": domaene}},
                "y": y,
                "color": farve,
                "shape": {
                    "field": "art",
                    "type": "nominal",
                    "scale": {"domain": [dict(_artnavne(plan))[a] for a in arter], "range": [FORM[a] for a in arter]},
                    "legend": None,
                },
                "tooltip": [{"field": "etiket", "title": "Punkt"}, {"field": "tid", "title": "Tid"}],
            },
        },
    ]
    if plan.i_dag_vises:
        lag.append(
            {
                "data": {"values": [{"dag": plan.i_dag.isoformat(), "tekst": "I dag"}]},
                "layer": [
                    {"mark": {"type": "rule", "color": "#d4351c", "strokeWidth": 2, "strokeDash": [4, 3]}},
                    {
                        "mark": {"type": "text", "color": "#d4351c", "dy": -6, "align": "left", "dx": 4, "y": 0},
                        "encoding": {"text": {"field": "tekst"}},
                    },
                ],
                "encoding": {"x": {"field": "dag", "type": "temporal", "scale": {"domain": domaene}}},
            }
        )
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": BREDDE,
        "height": {"step": 22},
        "data": {"values": raekker},
        "layer": lag,
        "config": {"font": "IBM Plex Sans, Arial, sans-serif", "view": {"stroke": "#bbb"}},
    }
    svg = vl_convert.vegalite_to_svg(spec, time_format_locale="da-DK", format_locale="da-DK")
    titel = escape(f"Tidsplan for {plan.program.navn}")
    # The chart is one image for assistive technology; the table beside it carries the same facts as text.
    svg = svg.replace(
        "<svg ",
        f'<svg role="img" aria-label="{titel}. Samme indhold står i tabellen under diagrammet." '
        'preserveAspectRatio="xMinYMin meet" class="tidsplan-svg" ',
        1,
    )
    return mark_safe(svg)


def _artnavne(plan: Tidsplan) -> list[tuple[str, str]]:
    return [(post.art, post.artnavn) for post in plan.poster]
