"""The social profile as PDF, through the one PDF helper (forebyggelse/pdf.py): the same content and the same SVG
charts and map as the profile page. The profile page's PDF link and the evaluator's report packages both use it,
each for the profile of a participation in `program` (its choice of indicators, profilside.valgte_indikatorer)."""

from datetime import datetime

from forebyggelse.pdf import render_pdf
from kommuner.models import Bruger, Kommune, Program
from profiler import grafer
from profiler.profilside import profilside


def profil_pdf(
    *,
    kommune: Kommune,
    aar: int,
    program: Program | None,
    bruger: Bruger,
    med_fund: bool,
    kort_indikator: str = "",
    tidspunkt: datetime | None = None,
    stempel: str = "udskrevet",
    faelles: dict | None = None,
) -> bytes:
    side = profilside(
        kommune=kommune, aar=aar, program=program, kort_indikator=kort_indikator, med_fund=med_fund, faelles=faelles
    )
    # The same SVGs as the page (cached by their data), handed to the PDF as images.
    billeder = {
        f"{v.indikator.kode}.svg": grafer.svg("tidsserie", v.graf_data) for a in side.afsnit for v in a.indikatorer
    }
    billeder["afvigelser.svg"] = grafer.svg("afvigelser", side.afvigelser_data)
    if side.kort:
        billeder["kort.svg"] = grafer.svg("kort", side.kort.data)
    return render_pdf(
        "profiler/pdf/profil.html",
        {"side": side, "kan_se_fund": med_fund},
        bruger=bruger,
        tidspunkt=tidspunkt,
        stempel=stempel,
        billeder={navn: svg.encode() for navn, svg in billeder.items()},
    )
