"""The strategy's pictures, made on the server as SVG, the same in page and PDF, each with a text alternative and its
data beside it:

- a goal's progress chart (baseline → follow-ups → target, with the expected straight line), Vega-Lite through
  vl-convert-python through forebyggelse/grafer.py, cached under the hash of its specification;
- the theory of change (action → short-term result → longer-term result → effect goal), drawn directly as SVG:
  boxes and arrows are not a chart. Both are readable without colour: lines differ by dash, points by shape, boxes
  by border and column heading, and every box carries its label (H1, K1, L1, E1).
"""

import textwrap
from dataclasses import dataclass, field
from html import escape

from django.utils.safestring import SafeString, mark_safe

from forebyggelse.formatering import dato
from forebyggelse.grafer import med_navn, tegn_mange
from strategi.maalstatus import Kilde, punkt
from strategi.models import MaalArt
from strategi.selectors import MaalVist, nummerer_handlinger, vis_vaerdi

BASELINE, EGEN, PROFIL, MAALVAERDI = "Baseline", "Egen opfølgning", "Den sociale profil", "Målværdi"
MAALT, FORVENTET = "Målt forløb", "Forventet forløb (ret linje)"
SKALERER = 'preserveAspectRatio="xMinYMin meet"'  # scales to the width it is given
FORM = {BASELINE: "square", EGEN: "circle", PROFIL: "triangle-up", MAALVAERDI: "diamond"}


@dataclass
class Graf:
    svg: SafeString
    alt: str
    raekker: list[tuple[str, str, str]] = field(default_factory=list)  # (dato, værdi, hvad)


def _maalte_punkter(m: MaalVist) -> list[dict]:
    """The baseline, then each follow-up, marked by whether it came from the social profile or the municipality."""
    maal = m.maal
    punkter = [{"dato": punkt(maal.baseline_aar).isoformat(), "vaerdi": float(maal.baseline_vaerdi), "hvad": BASELINE}]
    for maaling in m.maalinger:
        hvad = PROFIL if maaling.kilde == Kilde.NOEGLETAL else EGEN
        punkter.append({"dato": maaling.dato.isoformat(), "vaerdi": float(maaling.vaerdi), "hvad": hvad})
    return punkter


def _spec(m: MaalVist) -> dict:
    maal = m.maal
    punkter = _maalte_punkter(m)
    maalpunkt = {"dato": punkt(maal.maal_aar).isoformat(), "vaerdi": float(maal.maalvaerdi), "hvad": MAALVAERDI}
    linjer = [{**p, "serie": MAALT, "orden": n} for n, p in enumerate(punkter)]
    linjer += [{**punkter[0], "serie": FORVENTET, "orden": 0}, {**maalpunkt, "serie": FORVENTET, "orden": 1}]
    # Ticks at 31 December, where the rule places a year's figure, the baseline and the target.
    flueben = [punkt(aar).isoformat() for aar in range(maal.baseline_aar, maal.maal_aar + 1)]
    x = {
        "field": "dato",
        "type": "temporal",
        "title": "Dato (et års tal står ved årets udgang)",
        "axis": {"format": "%d.%m.%Y", "values": flueben, "grid": False, "labelAngle": 0},
    }
    y = {"field": "vaerdi", "type": "quantitative", "title": maal.enhed or "Værdi", "scale": {"zero": False}}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "description": fremdrift_alt(m),
        "width": 440,
        "height": 210,
        "background": "white",
        "config": {"font": "IBM Plex Sans, Arial, sans-serif", "view": {"stroke": None}},
        "layer": [
            {
                "data": {"values": linjer},
                "mark": {"type": "line", "color": "#1a1a1a"},
                "encoding": {
                    "x": x,
                    "y": y,
                    "detail": {"field": "serie"},
                    "order": {"field": "orden"},
                    "strokeDash": {
                        "field": "serie",
                        "type": "nominal",
                        "title": "Linje",
                        "scale": {"domain": [MAALT, FORVENTET], "range": [[1, 0], [6, 4]]},
                        "legend": {"orient": "bottom", "direction": "vertical"},
                    },
                },
            },
            {
                "data": {"values": [*punkter, maalpunkt]},
                "mark": {"type": "point", "filled": True, "size": 90, "color": "#0059b3"},
                "encoding": {
                    "x": x,
                    "y": y,
                    "shape": {
                        "field": "hvad",
                        "type": "nominal",
                        "title": "Punkt",
                        "scale": {"domain": list(FORM), "range": list(FORM.values())},
                        "legend": {"orient": "bottom", "direction": "vertical"},
                    },
                },
            },
        ],
        "resolve": {"legend": {"strokeDash": "independent", "shape": "independent"}},
    }


def fremdrift_alt(m: MaalVist) -> str:
    maal = m.maal
    tekst = (
        f"Fremdrift for {m.nummer}: baseline {vis_vaerdi(maal, maal.baseline_vaerdi)} i {maal.baseline_aar}, "
        f"målværdi {vis_vaerdi(maal, maal.maalvaerdi)} i {maal.maal_aar}."
    )
    if m.vurdering.seneste is not None:
        tekst += (
            f" Seneste opfølgning {vis_vaerdi(maal, m.vurdering.seneste.vaerdi)} den {dato(m.vurdering.seneste.dato)},"
            f" forventet {vis_vaerdi(maal, m.vurdering.forventet)}."
        )
    return f"{tekst} Status: {m.vurdering.label.lower()}."


def fremdriftsgrafer(maal: list[MaalVist]) -> dict[int, Graf]:
    """A progress chart per goal, keyed by the goal's id."""
    svgs = tegn_mange([_spec(m) for m in maal], navnerum="strategi:graf")
    grafer = {}
    for m, svg in zip(maal, svgs, strict=True):
        raekker = [(str(m.maal.baseline_aar), vis_vaerdi(m.maal, m.maal.baseline_vaerdi), BASELINE)]
        for maaling in m.maalinger:
            hvad = PROFIL if maaling.kilde == Kilde.NOEGLETAL else EGEN
            naar = maaling.periode if maaling.kilde == Kilde.NOEGLETAL else dato(maaling.dato)
            raekker.append((naar, vis_vaerdi(m.maal, maaling.vaerdi), hvad))
        raekker.append((str(m.maal.maal_aar), vis_vaerdi(m.maal, m.maal.maalvaerdi), MAALVAERDI))
        grafer[m.maal.pk] = Graf(
            svg=mark_safe(med_navn(svg, fremdrift_alt(m), attributter=SKALERER)),
            alt=fremdrift_alt(m),
            raekker=raekker,
        )
    return grafer


# The theory of change ----------------------------------------------------------------------------------

KOLONNER = [("Handlinger", "H"), (MaalArt.KORT.label, "K"), (MaalArt.LANG.label, "L"), (MaalArt.EFFEKT.label, "E")]
BOKS_BREDDE, MELLEMRUM, MARGEN, LINJEHOEJDE, TEGN_PR_LINJE, MAKS_LINJER = 190, 56, 10, 15, 29, 4
OVERSKRIFT = 34


@dataclass
class Boks:
    nummer: str
    tekst: str
    kolonne: int
    fremmed: bool = False  # a goal of another focus area that this one's items lead to
    x: float = 0
    y: float = 0
    hoejde: float = 0
    linjer: list[str] = field(default_factory=list)


@dataclass
class Forandringsteori:
    svg: SafeString
    alt: str
    kaeder: list[tuple[str, str, list[str]]]  # the text version: (label, text, leads to: labels with text)


def _ombryd(tekst: str) -> list[str]:
    linjer = textwrap.wrap(tekst, TEGN_PR_LINJE, break_long_words=True) or [""]
    if len(linjer) > MAKS_LINJER:
        linjer = linjer[:MAKS_LINJER]
        linjer[-1] = linjer[-1][: TEGN_PR_LINJE - 1].rstrip() + "…"
    return linjer


def forandringsteori(*, navn: str, bokse: list[Boks], pile: list[tuple[str, str]]) -> Forandringsteori:
    """Draw one focus area's chain. `bokse` are its actions (column 0) and goals (columns 1–3 by kind), `pile` the
    arrows (from label, to label)."""
    kolonner: list[list[Boks]] = [[] for _ in KOLONNER]
    for boks in bokse:
        kolonner[boks.kolonne].append(boks)
    hoejde = OVERSKRIFT
    for nr, kolonne in enumerate(kolonner):
        y = OVERSKRIFT + 6
        for boks in kolonne:
            boks.linjer = _ombryd(boks.tekst)
            boks.x = MARGEN + nr * (BOKS_BREDDE + MELLEMRUM)
            boks.y = y
            boks.hoejde = 26 + LINJEHOEJDE * len(boks.linjer)
            y += boks.hoejde + 12
        hoejde = max(hoejde, y)
    bredde = 2 * MARGEN + len(KOLONNER) * BOKS_BREDDE + (len(KOLONNER) - 1) * MELLEMRUM
    efter_nummer = {b.nummer: b for b in bokse}
    # An arrow that skips a column (an action straight to a longer-term result) runs in a lane of its own below
    # the boxes it passes, so it is never hidden behind them.
    spring = [(efter_nummer[f], efter_nummer[t]) for f, t in pile if f in efter_nummer and t in efter_nummer]
    spring = [(a, b) for a, b in spring if b.kolonne - a.kolonne > 1]
    baner = {}
    for nr, (a, b) in enumerate(spring):
        under = max((x.y + x.hoejde for x in bokse if a.kolonne < x.kolonne < b.kolonne), default=OVERSKRIFT)
        baner[(a.nummer, b.nummer)] = under + 14 + 8 * nr
    if baner:
        hoejde = max(hoejde, max(baner.values()) + 12)
    dele = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {bredde} {hoejde}" width="{bredde}" '
        f'height="{hoejde}" role="img" aria-label="{escape(_alt(navn))}" class="forandringsteori" '
        'font-family="IBM Plex Sans, Arial, sans-serif" preserveAspectRatio="xMinYMin meet">',
        f'<rect width="{bredde}" height="{hoejde}" fill="white"/>',
    ]
    for nr, (titel, _) in enumerate(KOLONNER):
        x = MARGEN + nr * (BOKS_BREDDE + MELLEMRUM)
        dele.append(f'<text x="{x}" y="18" font-size="13" font-weight="700" fill="#1a1a1a">{escape(titel)}</text>')
        dele.append(f'<line x1="{x}" y1="26" x2="{x + BOKS_BREDDE}" y2="26" stroke="#1a1a1a" stroke-width="1"/>')
    for fra, til in pile:
        a, b = efter_nummer.get(fra), efter_nummer.get(til)
        if a is None or b is None:
            continue
        dele.append(_pil(a, b, bane=baner.get((fra, til))))
    for boks in bokse:
        dele.append(_boks(boks))
    dele.append("</svg>")
    kaeder = []
    for boks in bokse:
        if boks.fremmed:
            continue
        videre = [f"{t} {efter_nummer[t].tekst}" for f, t in pile if f == boks.nummer and t in efter_nummer]
        kaeder.append((boks.nummer, boks.tekst, videre))
    return Forandringsteori(svg=mark_safe("".join(dele)), alt=_alt(navn), kaeder=kaeder)


def _alt(navn: str) -> str:
    return f"Forandringsteori for {navn}: handlinger fører til resultater på kort og længere sigt og til effektmål."


def _pil(a: Boks, b: Boks, *, bane: float | None = None) -> str:
    x1, y1 = a.x + BOKS_BREDDE, a.y + a.hoejde / 2
    x2, y2 = b.x - 2, b.y + b.hoejde / 2
    if bane is None:
        midt = (x1 + x2) / 2
        d = f"M{x1:.1f},{y1:.1f} C{midt:.1f},{y1:.1f} {midt:.1f},{y2:.1f} {x2 - 8:.1f},{y2:.1f}"
    else:
        ind, ud = x1 + MELLEMRUM / 2, x2 - MELLEMRUM / 2
        d = (
            f"M{x1:.1f},{y1:.1f} C{ind:.1f},{y1:.1f} {ind:.1f},{bane:.1f} {ind + 12:.1f},{bane:.1f} "
            f"L{ud - 12:.1f},{bane:.1f} C{ud:.1f},{bane:.1f} {ud:.1f},{y2:.1f} {x2 - 8:.1f},{y2:.1f}"
        )
    return (
        f'<path d="{d}" fill="none" stroke="#404040" stroke-width="1.4"/>'
        f'<polygon points="{x2:.1f},{y2:.1f} {x2 - 9:.1f},{y2 - 4.5:.1f} {x2 - 9:.1f},{y2 + 4.5:.1f}" fill="#404040"/>'
    )


def _boks(boks: Boks) -> str:
    # Border by column, so the kinds differ without colour: square actions, rounded results, doubled effect goals.
    hjoerne = {0: 0, 1: 6, 2: 14, 3: 6}[boks.kolonne]
    streg = ' stroke-dasharray="5 3"' if boks.fremmed else ""
    dele = [
        f"<g><title>{escape(boks.nummer)}: {escape(boks.tekst)}</title>",
        f'<rect x="{boks.x}" y="{boks.y}" width="{BOKS_BREDDE}" height="{boks.hoejde}" rx="{hjoerne}" '
        f'fill="white" stroke="#1a1a1a" stroke-width="1.5"{streg}/>',
    ]
    if boks.kolonne == 3:
        dele.append(
            f'<rect x="{boks.x + 3}" y="{boks.y + 3}" width="{BOKS_BREDDE - 6}" height="{boks.hoejde - 6}" rx="4" '
            f'fill="none" stroke="#1a1a1a" stroke-width="0.8"{streg}/>'
        )
    etiket = boks.nummer + (" (andet indsatsområde)" if boks.fremmed else "")
    dele.append(
        f'<text x="{boks.x + 9}" y="{boks.y + 18}" font-size="12" font-weight="700" fill="#1a1a1a">'
        f"{escape(etiket)}</text>"
    )
    for n, linje in enumerate(boks.linjer):
        dele.append(
            f'<text x="{boks.x + 9}" y="{boks.y + 34 + n * LINJEHOEJDE}" font-size="11.5" fill="#1a1a1a">'
            f"{escape(linje)}</text>"
        )
    dele.append("</g>")
    return "".join(dele)


KOLONNE = {MaalArt.KORT: 1, MaalArt.LANG: 2, MaalArt.EFFEKT: 3}


def forandringsteorier(omraader: list, maal: list[MaalVist], handlinger: list) -> list[tuple[object, Forandringsteori]]:
    """One diagram per focus area: its actions and goals, the arrows between them, and the goals of other focus
    areas its arrows lead to (dashed). `handlinger` need their goals prefetched."""
    hnumre = nummerer_handlinger(handlinger)
    mnumre = {m.maal.pk: m.nummer for m in maal}
    efter_pk = {m.maal.pk: m.maal for m in maal}
    ud = []
    for omraade in omraader:
        egne_h = [h for h in handlinger if h.indsatsomraade_id == omraade.pk]
        egne_m = [m.maal for m in maal if m.maal.indsatsomraade_id == omraade.pk]
        pile = [(hnumre[h.pk], mnumre[g.pk]) for h in egne_h for g in h.maal.all() if g.pk in mnumre]
        pile += [(mnumre[g.pk], mnumre[g.bidrager_til_id]) for g in egne_m if g.bidrager_til_id in mnumre]
        egne_pk = {g.pk for g in egne_m}
        fremmede = sorted(
            {pk for pk, nr in mnumre.items() if nr in {t for _, t in pile} and pk not in egne_pk}, key=lambda pk: pk
        )
        bokse = [Boks(hnumre[h.pk], h.titel, 0) for h in egne_h]
        bokse += [
            Boks(mnumre[g.pk], g.tekst, KOLONNE[MaalArt(g.art)])
            for g in sorted(egne_m, key=lambda g: (KOLONNE[MaalArt(g.art)], g.pk))
        ]
        bokse += [
            Boks(mnumre[pk], efter_pk[pk].tekst, KOLONNE[MaalArt(efter_pk[pk].art)], fremmed=True) for pk in fremmede
        ]
        ud.append((omraade, forandringsteori(navn=omraade.navn, bokse=bokse, pile=pile)))
    return ud
