"""Charts drawn on the server with Vega-Lite (vl-convert), the same SVG in page and PDF, each with its data as a table
beside it: the timeline (months across, phases and periods as bars, deadlines and meetings as marks, today as a
line) and the reports' charts of grant and spending and of the goals' status."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils.safestring import SafeString, mark_safe

from evaluering.selectors import Tidsplan
from forebyggelse.formatering import kr
from forebyggelse.grafer import KONFIGURATION, med_navn, tegn, tegn_mange
from strategi.maalstatus import Maalstatus

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


def _tidsplanraekker(plan: Tidsplan) -> list[dict]:
    return [
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


def _arter(plan: Tidsplan) -> list[str]:
    """The kinds on the plan, in the fixed order of the colours, so a kind keeps its colour and place in the key."""
    return sorted({post.art for post in plan.poster}, key=list(FARVER).index)


def _farveskala(plan: Tidsplan) -> dict:
    arter = _arter(plan)
    return {
        "field": "art",
        "type": "nominal",
        "title": "Art",
        "scale": {"domain": [dict(_artnavne(plan))[a] for a in arter], "range": [FARVER[a] for a in arter]},
        "legend": {"orient": "top", "direction": "horizontal"},
    }


def _formskala(plan: Tidsplan) -> dict:
    arter = _arter(plan)
    return {
        "field": "art",
        "type": "nominal",
        "scale": {"domain": [dict(_artnavne(plan))[a] for a in arter], "range": [FORM[a] for a in arter]},
        "legend": None,
    }


Y_AKSE = {
    "field": "etiket",
    "type": "nominal",
    "sort": {"field": "orden"},
    "title": None,
    "axis": {"labelLimit": 330, "labelFontSize": 11},
}
X_AKSE = {
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
TIDSPLAN_VAERKTOEJSTIP = [{"field": "etiket", "title": "Punkt"}, {"field": "tid", "title": "Tid"}]


def _perioder_og_maerker(plan: Tidsplan, domaene: list[str]) -> list[dict]:
    """Periods as bars from start to end, everything else as a mark at its middle, shaped by its kind. A layer with
    nothing in it is left out: Vega would still draw its empty group as an unlabelled graphic, which screen readers
    announce and axe refuses."""
    perioder = any(post.periode for post in plan.poster)
    maerker = any(not post.periode for post in plan.poster)
    lag = [
        {
            "transform": [{"filter": "datum.periode"}],
            "mark": {"type": "bar", "cornerRadius": 2, "height": 12},
            "encoding": {
                "x": {"field": "start", "type": "temporal", "scale": {"domain": domaene}, "axis": X_AKSE},
                "x2": {"field": "slut"},
                "y": Y_AKSE,
                "color": _farveskala(plan),
                "tooltip": TIDSPLAN_VAERKTOEJSTIP,
            },
        },
        {
            "transform": [{"filter": "!datum.periode"}],
            "mark": {"type": "point", "filled": True, "size": 110, "opacity": 1},
            "encoding": {
                "x": {"field": "midt", "type": "temporal", "scale": {"domain": domaene}, "axis": X_AKSE},
                "y": Y_AKSE,
                "color": _farveskala(plan),
                "shape": _formskala(plan),
                "tooltip": TIDSPLAN_VAERKTOEJSTIP,
            },
        },
    ]
    return [lag[0]] * perioder + [lag[1]] * maerker


def _i_dag_lag(plan: Tidsplan, domaene: list[str]) -> dict:
    return {
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


def tidsplan_svg(plan: Tidsplan) -> SafeString:
    domaene = [plan.fra.isoformat(), (plan.til + timedelta(days=1)).isoformat()]
    lag = _perioder_og_maerker(plan, domaene)
    if plan.i_dag_vises:
        lag.append(_i_dag_lag(plan, domaene))
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": BREDDE,
        "height": {"step": 22},
        "data": {"values": _tidsplanraekker(plan)},
        "layer": lag,
        "config": {"font": "IBM Plex Sans, Arial, sans-serif", "view": {"stroke": "#bbb"}},
    }
    # The chart is one image for assistive technology; the table beside it carries the same facts as text.
    return mark_safe(
        med_navn(
            tegn(spec),
            f"Tidsplan for {plan.program.navn}. Samme indhold står i tabellen under diagrammet.",
            # No class: the drawing already has one (the stylesheet reaches it through the figure).
            attributter='preserveAspectRatio="xMinYMin meet"',
        )
    )


def _artnavne(plan: Tidsplan) -> list[tuple[str, str]]:
    return [(post.art, post.artnavn) for post in plan.poster]


# The reports' charts: grant and spending, and the goals' status, per municipality ---------------------------

# Det Fælles Designsystem's colours, as the social profile uses them; each series also differs by pattern of its
# position and by the table beside the chart, so nothing rests on colour alone.
GRANT_FARVER = {"Bevilget": "#004993", "Forbrugt": "#c65d00"}
STATUS_FARVER = {
    Maalstatus.NAAET: "#004993",
    Maalstatus.PAA_VEJ: "#358000",
    Maalstatus.BAGUD: "#b51d09",
    Maalstatus.INGEN_DATA: "#8a8f98",
}


@dataclass(frozen=True)
class Graf:
    """A chart for a report: the SVG (the same in page and PDF) and its text alternative."""

    svg: SafeString
    alt: str

    @property
    def svg_bytes(self) -> bytes:
        return str(self.svg).encode()


def _tegn(spec: dict, alt: str) -> Graf:
    """The chart as SVG, from the shared cache (keyed by its specification) or drawn now."""
    (svg,) = tegn_mange([spec], navnerum="evaluering:graf")
    return Graf(mark_safe(med_navn(svg, alt)), alt)  # vl-convert's own SVG, the alternative escaped by med_navn


def bevilling_graf(raekker: list[tuple[str, int, int | None]], *, titel: str) -> Graf | None:
    """Granted and spent (kr.) side by side for each (label, granted, spent), e.g. per municipality or per year.
    Spending not reported (None) gets no bar and says so, rather than a bar of 0 kr."""
    if not raekker:
        return None
    punkter = [
        {"etiket": etiket, "serie": serie, "kr": beloeb}
        for etiket, bevilget, forbrugt in raekker
        for serie, beloeb in (("Bevilget", bevilget), ("Forbrugt", forbrugt))
    ]
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": 380,
        "height": {"step": 11, "for": "offset"},
        "config": KONFIGURATION,
        "data": {"values": punkter},
        "mark": {"type": "bar"},
        "encoding": {
            "y": {"field": "etiket", "type": "nominal", "title": None, "sort": None, "axis": {"labelLimit": 200}},
            "yOffset": {"field": "serie", "sort": list(GRANT_FARVER)},
            "x": {"field": "kr", "type": "quantitative", "title": "Kroner", "axis": {"format": ",.0f"}},
            "color": {
                "field": "serie",
                "type": "nominal",
                "title": None,
                "scale": {"domain": list(GRANT_FARVER), "range": list(GRANT_FARVER.values())},
            },
        },
    }
    dele = [
        f"{etiket}: bevilget {kr(b)}, " + ("forbrug ikke indberettet" if f is None else f"forbrugt {kr(f)}")
        for etiket, b, f in raekker
    ]
    return _tegn(spec, f"{titel}. " + "; ".join(dele) + ".")


def maalstatus_graf(raekker: list[tuple[str, dict[str, int]]], *, titel: str) -> Graf | None:
    """The goals by status (på vej, bagud, nået, ingen data) as stacked bars, one per (label, counts)."""
    if not any(sum(antal.values()) for _, antal in raekker):
        return None
    punkter = [
        {"etiket": etiket, "status": Maalstatus(status).label, "orden": nr, "antal": antal.get(status, 0)}
        for etiket, antal in raekker
        for nr, status in enumerate(STATUS_FARVER)
    ]
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": 380,
        "height": {"step": 22},
        "config": KONFIGURATION,
        "data": {"values": punkter},
        "mark": {"type": "bar", "stroke": "#ffffff", "strokeWidth": 1},
        "encoding": {
            "y": {"field": "etiket", "type": "nominal", "title": None, "sort": None, "axis": {"labelLimit": 200}},
            "x": {"field": "antal", "type": "quantitative", "title": "Antal mål", "axis": {"tickMinStep": 1}},
            "order": {"field": "orden"},
            "color": {
                "field": "status",
                "type": "nominal",
                "title": None,
                "scale": {
                    "domain": [Maalstatus(s).label for s in STATUS_FARVER],
                    "range": list(STATUS_FARVER.values()),
                },
            },
        },
    }
    dele = [
        f"{etiket}: " + ", ".join(f"{Maalstatus(s).label.lower()} {antal.get(s, 0)}" for s in STATUS_FARVER)
        for etiket, antal in raekker
    ]
    return _tegn(spec, f"{titel}. " + "; ".join(dele) + ".")
