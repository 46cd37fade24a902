"""The strategy PDF: the structure, the goals with their status and progress charts, the action plan, the theory of
change and the indsatstrappe, through the one PDF helper (forebyggelse/pdf.py). The charts are the pages' SVGs, handed
to the PDF as images so each carries its text alternative (an inline SVG's aria-label does not reach the PDF)."""

from datetime import date, datetime

from forebyggelse.pdf import render_pdf
from kommuner.models import Bruger
from strategi.grafer import forandringsteorier, fremdriftsgrafer
from strategi.maalstatus import FORMEL, REGEL, REGEL_INDLEDNING
from strategi.models import FARVEFORKLARING, Aktoer, Farve, Indsatsomraade, Maalgruppe, Strategi
from strategi.selectors import (
    gennemgange,
    handlinger_for_strategi,
    handlingstal,
    indsatstrappe,
    maal_for_strategi,
    nummerer_handlinger,
)


def strategi_pdf(
    *, strategi: Strategi, bruger: Bruger, i_dag: date, tidspunkt: datetime | None = None, stempel: str = "udskrevet"
) -> bytes:
    """`tidspunkt` and `stempel` as in forebyggelse.pdf: the evaluator's reports stamp it with the data's state."""
    omraader = list(
        Indsatsomraade.objects.filter(strategi=strategi)
        .prefetch_related("delstrategier", "maalgrupper", "aktoerer")
        .order_by("pk")
    )
    maal = maal_for_strategi(strategi)
    handlinger = handlinger_for_strategi(strategi, i_dag=i_dag)
    grafer = fremdriftsgrafer(maal)
    teorier = forandringsteorier(omraader, maal, handlinger)
    billeder = {f"maal-{pk}.svg": str(graf.svg).encode() for pk, graf in grafer.items()}
    billeder |= {f"teori-{omraade.pk}.svg": str(teori.svg).encode() for omraade, teori in teorier}
    context = {
        "strategi": strategi,
        "omraader": omraader,
        "maalgrupper": list(Maalgruppe.objects.filter(strategi=strategi)),
        "aktoerer": list(Aktoer.objects.filter(strategi=strategi)),
        "maal": maal,
        "grafer": grafer,
        "regel": REGEL,
        "regel_indledning": REGEL_INDLEDNING,
        "formel": FORMEL,
        "handlinger": handlinger,
        "hnumre": nummerer_handlinger(handlinger),
        "mnumre": {m.maal.pk: m.nummer for m in maal},
        "handlingstal": handlingstal(handlinger),
        "farver": [(f, FARVEFORKLARING[f]) for f in Farve],
        "teorier": teorier,
        "trin": indsatstrappe(strategi),
        "gennemgange": gennemgange(strategi),
        "i_dag": i_dag,
    }
    return render_pdf(
        "strategi/pdf/strategi.html", context, bruger=bruger, tidspunkt=tidspunkt, stempel=stempel, billeder=billeder
    )
