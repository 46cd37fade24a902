"""The strategy in a delivery to the evaluator (evaluering/snapshot.py's builders for the content kinds "Strategi med
mål og handleplan" and "Opfølgning på mål og handlinger"): frozen at submission in the snapshot's blocks (fields,
tables, texts in the words the pages show) and with the raw figures in `data` for exports. Both read through the
same selectors as the strategy's pages."""

from forebyggelse import tid
from forebyggelse.blokke import felter, tabel
from forebyggelse.formatering import dato, kr
from kommuner.models import Bruger, Deltagelse
from strategi.maalstatus import Maalstatus
from strategi.models import Handling, Strategi
from strategi.selectors import (
    MaalVist,
    handlinger_for_strategi,
    handlingstal,
    indhold_for,
    maal_for_strategi,
    maalstatustal,
    nummerer_handlinger,
    vis_vaerdi,
)


def _ingen(deltagelse: Deltagelse) -> dict:
    return {
        "blokke": [
            {
                "type": "tekst",
                "overskrift": "Ingen strategi",
                "tekst": f"{deltagelse.kommune.officielt_navn} har ikke oprettet en forebyggelsesstrategi i "
                "programmet.",
            }
        ],
        "data": {"strategi": None},
    }


def _strategien(deltagelse: Deltagelse) -> Strategi | None:
    return Strategi.objects.med_kommune().filter(deltagelse=deltagelse).first()


def strategi_afsnit(deltagelse: Deltagelse, dataleverance, bruger: Bruger) -> dict:
    """The strategy as its pages read it: the same content an annual review freezes (decision record 0020)."""
    strategi = _strategien(deltagelse)
    if strategi is None:
        return _ingen(deltagelse)
    indhold = indhold_for(strategi)
    blokke = [
        felter(
            ("Titel", strategi.titel),
            ("Status", strategi.get_status_display()),
            ("Version", str(strategi.versionsnummer)),
            ("Godkendt af ministeriet", dato(strategi.godkendt) if strategi.godkendt else "–"),
        )
    ]
    for afsnit in indhold["afsnit"]:
        if afsnit["navn"] == "Strategien":
            blokke.append(felter(*[tuple(felt) for felt in afsnit["punkter"][0]["felter"]]))
            continue
        if not afsnit["punkter"]:
            continue
        kolonner = ["Navn", *[label for label, _ in afsnit["punkter"][0]["felter"]]]
        raekker = [[p["titel"], *[vaerdi for _, vaerdi in p["felter"]]] for p in afsnit["punkter"]]
        blokke.append(tabel(afsnit["navn"], kolonner, raekker))
    return {"blokke": blokke, "data": {"strategi": indhold}}


def _maaltabel(maal: list[MaalVist]) -> dict:
    return tabel(
        "Mål",
        ["Mål", "Måles ved", "Baseline", "Seneste", "Forventet da", "Målværdi", "Status"],
        [
            [
                f"{m.nummer}: {m.maal.tekst}",
                m.maal.maaling,
                m.baseline_tekst,
                m.seneste_tekst,
                m.forventet_tekst if m.vurdering.forventet is not None else "–",
                m.maal_tekst,
                m.vurdering.label,
            ]
            for m in maal
        ],
    )


def _opfoelgningstabel(maal: list[MaalVist]) -> dict:
    return tabel(
        "Opfølgninger",
        ["Mål", "Dato", "Periode", "Værdi", "Kilde", "Kommentar"],
        [
            [
                m.nummer,
                dato(x.dato),
                x.periode or "–",
                vis_vaerdi(m.maal, x.vaerdi),
                x.kildetekst,
                x.kommentar or "–",
            ]
            for m in maal
            for x in m.maalinger
        ],
    )


def _handlingstabel(handlinger: list[Handling], hnumre: dict[int, str]) -> dict:
    return tabel(
        "Handlinger",
        ["Handling", "Ansvarlig", "Periode", "Forventet udgift", "Status", "Forudsætninger", "Forsinket"],
        [
            [
                f"{hnumre[h.pk]}: {h.titel}",
                h.ansvarlig,
                f"{dato(h.start)} – {dato(h.slut)}",
                kr(h.forventet_udgift),
                h.get_status_display(),
                h.get_farve_display(),
                "Ja" if h.forsinket else "Nej",
            ]
            for h in handlinger
        ],
        tal=[3],
    )


def _maal_data(m: MaalVist) -> dict:
    return {
        "nummer": m.nummer,
        "tekst": m.maal.tekst,
        "indikator": m.maal.indikator.kode if m.maal.indikator_id else None,
        "egen_maaling": m.maal.egen_maaling,
        "baseline": str(m.maal.baseline_vaerdi),
        "baseline_aar": m.maal.baseline_aar,
        "maalvaerdi": str(m.maal.maalvaerdi),
        "maal_aar": m.maal.maal_aar,
        "retning": m.maal.retning,
        "status": m.status,
        "opfoelgninger": [{"dato": x.dato.isoformat(), "vaerdi": str(x.vaerdi), "kilde": x.kilde} for x in m.maalinger],
    }


def _handling_data(h: Handling, nummer: str) -> dict:
    return {
        "nummer": nummer,
        "titel": h.titel,
        "start": h.start.isoformat(),
        "slut": h.slut.isoformat(),
        "forventet_udgift": h.forventet_udgift,
        "status": h.status,
        "farve": h.farve,
        "forsinket": h.forsinket,
    }


def opfoelgning_afsnit(deltagelse: Deltagelse, dataleverance, bruger: Bruger) -> dict:
    """The goals with their status and every follow-up, and the actions with status, colour and lateness."""
    strategi = _strategien(deltagelse)
    if strategi is None:
        return _ingen(deltagelse)
    i_dag = tid.i_dag()
    maal = maal_for_strategi(strategi)
    handlinger = handlinger_for_strategi(strategi, i_dag=i_dag)
    statustal = maalstatustal(maal)
    hnumre = nummerer_handlinger(handlinger)
    return {
        "blokke": [
            felter(
                ("Strategi", f"{strategi.titel} (version {strategi.versionsnummer})"),
                ("Målenes status", "; ".join(f"{s.label}: {statustal[s]}" for s in Maalstatus)),
                ("Forsinkede handlinger", f"{handlingstal(handlinger).forsinkede} pr. {dato(i_dag)}"),
            ),
            _maaltabel(maal),
            _opfoelgningstabel(maal),
            _handlingstabel(handlinger, hnumre),
        ],
        "data": {
            "maal": [_maal_data(m) for m in maal],
            "handlinger": [_handling_data(h, hnumre[h.pk]) for h in handlinger],
        },
    }
