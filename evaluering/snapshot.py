"""What a municipality delivers to the evaluator, frozen at the moment it is submitted.

A snapshot is plain JSON: the delivery, the municipality, and one section (afsnit) per content kind of the
delivery. Each content kind has exactly one builder function in BYGGERE. A section says what it shows in
blocks a generic viewer renders (fields, tables, texts, all already in Danish form as they were shown at
submission) and keeps the raw figures in `data` for exports. Adding a content kind is one builder function
and one line in BYGGERE; the viewer, the PDF and the exports need nothing new.

    {"format": 1, "dannet": "...", "program": {...}, "kommune": {...}, "dataleverance": {...},
     "afsnit": [{"art": "oekonomi", "titel": "Bevilling og forbrug",
                 "blokke": [{"type": "felter", "felter": [["Bevilget i alt", "1.380.000 kr."]]},
                            {"type": "tabel", "titel": "...", "kolonner": [...], "tal": [1, 2],
                             "raekker": [["2011", "200.000 kr.", ...]]},
                            {"type": "tekst", "overskrift": "C. Baggrund", "tekst": "..."}],
                 "data": {...}}]}
"""

import hashlib
import json
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal

from evaluering.models import Dataleverance, Indholdsart
from evaluering.selectors import fremmoede_for_kommune
from forebyggelse.blokke import felter, tabel, tekst
from forebyggelse.formatering import dato, kr, tal, tidspunkt
from kommuner.models import Ansoegning, Bruger, Deltagelse, Kommune
from kommuner.selectors import besvarelse, budget_for
from profiler.models import Fund
from profiler.profilside import alle_aar, valgte_indikatorer
from profiler.selectors import (
    Sammenligning,
    katalog,
    noegletal,
    profil_for,
    profilens_seneste_aar,
    sammenligningsgruppe_for,
)
from strategi.leverance import opfoelgning_afsnit, strategi_afsnit

FORMAT = 1

Afsnit = dict
Bygger = Callable[[Deltagelse, Dataleverance, Bruger], Afsnit]


# One builder per content kind ----------------------------------------------------------------------


def ansoegning(deltagelse: Deltagelse, dataleverance: Dataleverance, bruger: Bruger) -> Afsnit:
    """The expression of interest the municipality was selected on: the answer to each section of its programme's
    form, and the amounts applied for."""
    a: Ansoegning | None = deltagelse.ansoegning
    if a is None:
        return {
            "blokke": [
                tekst(
                    "Ingen interessetilkendegivelse", "Kommunen deltager uden en registreret interessetilkendegivelse."
                )
            ],
            "data": {},
        }
    a = Ansoegning.objects.med_totaler().get(pk=a.pk)  # "ansøgt i alt" from the one annotation that computes it
    beloeb = {b.aar: b.beloeb for b in a.beloeb.all()}
    svar = besvarelse(a)
    return {
        "blokke": [
            felter(
                ("Indsendt", tidspunkt(a.indsendt)),
                ("Kontaktperson", ", ".join(filter(None, [a.kontakt_navn, a.kontakt_titel]))),
                ("Afventer politisk godkendelse", "Ja" if a.afventer_politisk_godkendelse else "Nej"),
            ),
            *[tekst(b.afsnit.overskrift, b.tekst) for b in svar],
            tabel(
                "Ansøgt beløb",
                ["År", "Ansøgt"],
                [[str(aar), kr(b)] for aar, b in sorted(beloeb.items())] + [["I alt", kr(a.ansoegt_i_alt or 0)]],
                tal=[1],
            ),
        ],
        "data": {
            "indsendt": a.indsendt.isoformat() if a.indsendt else None,
            "svar": {b.afsnit.overskrift: b.tekst for b in svar},
            "ansoegt": {str(aar): b for aar, b in sorted(beloeb.items())},
        },
    }


def oekonomi(deltagelse: Deltagelse, dataleverance: Dataleverance, bruger: Bruger) -> Afsnit:
    """Granted, spent and remaining per year, from the same budget selector as the budget page."""
    budget = budget_for(deltagelse.program, bruger)
    raekke = next((r for r in budget.deltagere if r.deltagelse.pk == deltagelse.pk), None)
    aar = raekke.aar if raekke else []
    return {
        "blokke": [
            tabel(
                "Bevilling og forbrug pr. år",
                ["År", "Ansøgt", "Bevilget", "Forbrugt", "Rest", "Bemærkning"],
                [
                    [str(a.aar), kr(a.ansoegt), kr(a.bevilget), kr(a.forbrugt), kr(a.rest), a.bemaerkning or "–"]
                    for a in aar
                ]
                + (
                    [
                        [
                            "I alt",
                            kr(raekke.ansoegt),
                            kr(raekke.bevilget),
                            kr(raekke.forbrugt),
                            kr(raekke.rest),
                            raekke.bemaerkning or "–",
                        ]
                    ]
                    if raekke
                    else []
                ),
                tal=[1, 2, 3, 4],
            )
        ],
        "data": {
            "aar": [
                {
                    "aar": a.aar,
                    "ansoegt": a.ansoegt,
                    "bevilget": a.bevilget,
                    "forbrugt": a.forbrugt,
                    "rest": a.rest,
                    "bemaerkning": a.bemaerkning,
                }
                for a in aar
            ]
        },
    }


def moededeltagelse(deltagelse: Deltagelse, dataleverance: Dataleverance, bruger: Bruger) -> Afsnit:
    """The municipality's attendance at every held meeting of the programme."""
    liste = fremmoede_for_kommune(deltagelse.program, deltagelse.kommune)
    return {
        "blokke": [
            tabel(
                "Fremmøde",
                ["Møde", "Dato", "Fremmøde", "Deltagere"],
                [
                    [
                        m.titel,
                        dato(m.start),
                        r.tekst + (" (obligatorisk)" if r.mangler else ""),
                        (r.fremmoede.deltagere if r.fremmoede else "") or "–",
                    ]
                    for m, r in liste
                ],
            )
        ],
        "data": {
            "moeder": [
                {
                    "moede": m.titel,
                    "art": m.art,
                    "start": m.start.isoformat(),
                    "deltog": r.fremmoede.deltog if r.fremmoede else None,
                    "mangler": r.mangler,
                }
                for m, r in liste
            ]
        },
    }


def _json_tal(vaerdi: Decimal | int | None) -> str | int | None:
    """A figure for the snapshot's `data`: whole numbers as numbers, decimals as exact text (JSON has no decimal)."""
    if vaerdi is None or isinstance(vaerdi, int):
        return vaerdi
    return int(vaerdi) if vaerdi == vaerdi.to_integral_value() else str(vaerdi.normalize())


def _noegletal_data(c: Sammenligning) -> dict:
    """One figure as delivered, suppression applied: what is hidden on the profile is not in the delivery either."""
    return {
        "indikator": c.indikator.kode,
        "aar": c.aar,
        "antal": _json_tal(c.egen.antal),
        "naevner": _json_tal(c.egen.naevner),
        "vaerdi": _json_tal(c.egen.vaerdi),
        "skjult": c.egen.skjult,
        "landsgennemsnit": _json_tal(c.land.vaerdi),
        "gruppegennemsnit": _json_tal(c.gruppe.vaerdi),
        "afvigelse_land_procent": _json_tal(c.afvigelse_land),
        "rang": c.rang,
        "rangerede": c.rangerede,
        "status": c.status,
        "eksempeldata": c.eksempeldata,
    }


def _afvigelse_tekst(c: Sammenligning) -> str:
    return f"{tal(c.afvigelse_land, 1)} %" if c.afvigelse_land is not None else "–"


def _rang_tekst(c: Sammenligning) -> str:
    return f"{c.rang} af {c.rangerede}" if c.rang else "–"


def _bemaerkning(c: Sammenligning) -> str:
    return "; ".join(filter(None, [c.markeringstekst, c.status_tekst])) or "–"


def _aarets_noegletal(kommune: Kommune, aar: int, aarets: list[Sammenligning]) -> dict:
    return tabel(
        f"Nøgletal {aar}",
        ["Nøgletal", "Antal", kommune.navn, "Landet", "Gruppen", "Afvigelse fra landet", "Rang", "Bemærkning"],
        [
            [
                c.indikator.navn,
                c.egen.antal_tekst,
                c.egen.vaerdi_tekst,
                c.land.vaerdi_tekst,
                c.gruppe.vaerdi_tekst,
                _afvigelse_tekst(c),
                _rang_tekst(c),
                _bemaerkning(c),
            ]
            for c in aarets
        ],
        tal=[1, 2, 3, 4, 5],
    )


def _udviklingen(kommune: Kommune, udvikling: list[Sammenligning]) -> dict:
    return tabel(
        "Udviklingen over årene",
        ["Nøgletal", "År", "Antal", kommune.navn, "Landet", "Gruppen"],
        [
            [
                c.indikator.navn,
                str(c.aar),
                c.egen.antal_tekst,
                c.egen.vaerdi_tekst,
                c.land.vaerdi_tekst,
                c.gruppe.vaerdi_tekst,
            ]
            for c in udvikling
        ],
        tal=[2, 3, 4, 5],
    )


def social_profil(deltagelse: Deltagelse, dataleverance: Dataleverance, bruger: Bruger) -> Afsnit:
    """The municipality's social profile as the profile page shows it: the chosen key figures for the delivery's
    year (else the newest with figures) against the country and the comparison group, their development over the
    years, and the municipality's findings. Every figure comes from the benchmark selector with small numbers
    suppressed, exactly as the page shows it."""
    kommune = deltagelse.kommune
    aar = dataleverance.aar or profilens_seneste_aar(kommune)
    profil = profil_for(kommune)
    gruppe = sammenligningsgruppe_for(kommune, profil)
    indikatorer, standard = valgte_indikatorer(profil, katalog())
    noegle = noegletal(kommune=kommune, indikatorer=indikatorer, aar=alle_aar(), gruppe=gruppe)
    # Only years the country has figures for: a year no municipality reported is not part of the development.
    udvikling = [c for i in indikatorer for c in noegle.tidsserie(i) if c.land.kommuner]
    fund = Fund.objects.filter(profil=profil).order_by("kategori") if profil else Fund.objects.none()
    return {
        "blokke": [
            felter(
                ("År", str(aar)),
                ("Sammenlignet med", f"{gruppe.navn} (de andre kommuner i gruppen)" if gruppe else "Ingen gruppe"),
                ("Nøgletal", f"{len(indikatorer)} ({'standardudvalget' if standard else 'kommunens eget udvalg'})"),
                ("Små tal", "Antal fra 1 til 4 vises som “under 5”, og tal, der bygger på dem, er skjult."),
            ),
            _aarets_noegletal(kommune, aar, noegle.for_aar(aar)),
            _udviklingen(kommune, udvikling),
            *[tekst(f"Fund: {f.get_kategori_display()}", f.tekst) for f in fund],
        ],
        "data": {
            "aar": aar,
            "sammenligningsgruppe": gruppe.navn if gruppe else None,
            "noegletal": [_noegletal_data(c) for c in udvikling],
            "fund": {f.kategori: f.tekst for f in fund},
        },
    }


BYGGERE: dict[str, Bygger] = {
    Indholdsart.ANSOEGNING: ansoegning,
    Indholdsart.OEKONOMI: oekonomi,
    Indholdsart.MOEDEDELTAGELSE: moededeltagelse,
    Indholdsart.SOCIAL_PROFIL: social_profil,
    Indholdsart.STRATEGI: strategi_afsnit,
    Indholdsart.OPFOELGNING: opfoelgning_afsnit,
}


def valgbare_indholdsarter() -> list[tuple[str, str]]:
    """The content kinds the ministry can order: those with a builder (every kind today)."""
    return [(art.value, art.label) for art in Indholdsart if art.value in BYGGERE]


def byg_snapshot(*, deltagelse: Deltagelse, dataleverance: Dataleverance, bruger: Bruger, nu: datetime) -> dict:
    afsnit = []
    for art in dataleverance.indhold:
        bygger = BYGGERE.get(art)
        if bygger is None:
            raise ValueError(f"Indholdet {art} kan ikke leveres")
        afsnit.append({"art": art, "titel": Indholdsart(art).label, **bygger(deltagelse, dataleverance, bruger)})
    return {
        "format": FORMAT,
        "dannet": nu.isoformat(),
        "program": {"id": deltagelse.program_id, "navn": deltagelse.program.navn},
        "kommune": {"kode": deltagelse.kommune.kode, "navn": deltagelse.kommune.officielt_navn},
        "dataleverance": {
            "id": dataleverance.pk,
            "titel": dataleverance.titel,
            "aar": dataleverance.aar,
            "frist": dataleverance.frist.isoformat(),
        },
        "afsnit": afsnit,
    }


def kanonisk(snapshot: dict) -> bytes:
    """The snapshot's bytes as checksummed and exported: sorted keys, no spaces, UTF-8."""
    return json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sha256(snapshot: dict) -> str:
    return hashlib.sha256(kanonisk(snapshot)).hexdigest()
