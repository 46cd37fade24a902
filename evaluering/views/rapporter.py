"""Reports and data: the page listing what the user may download (the evaluator's area), the status reports as page
and PDF, the data exports, the delivered snapshots as JSON and PDF, and the report packages (ordered as a background
job, then downloaded). Every download is written to the download log."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST, require_safe

from evaluering.eksporter import DATAEKSPORTER, DATAPAKKE, FORMATER, eksporternes_datapakke
from evaluering.models import Pakkeart
from evaluering.permissions import (
    access_deltagelse_i_rapport,
    access_indsendelse,
    access_rapportpakke,
    kan_bestille_pakke,
    kan_hente_data,
    kan_se_programstatus,
)
from evaluering.rapporter import (
    kommunestatus,
    kommunestatus_pdf,
    programstatus,
    programstatus_pdf,
    rapportoversigt,
    snapshot_pdf,
)
from evaluering.services.laest import laest_registrer
from evaluering.services.rapporter import rapportpakke_bestil
from evaluering.snapshot import kanonisk
from forebyggelse import tid
from forebyggelse.adgang import kraev
from forebyggelse.datapakke import som_json
from forebyggelse.eksport import csv_svar, xlsx_svar
from forebyggelse.formatering import filnavn_tid
from forebyggelse.roller import er_evaluator
from hentninger.services import logget_hentning
from kommuner.permissions import access_program
from profiler.selectors import datastand


def _fil(indhold: bytes, filnavn: str, indholdstype: str) -> HttpResponse:
    svar = HttpResponse(indhold, content_type=indholdstype)
    svar["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filnavn)
    return svar


@require_safe
def rapporter(request, pk):
    program = access_program(request.user, pk)
    return render(
        request,
        "evaluering/rapporter.html",
        {"program": program, "o": rapportoversigt(program, request.user), "formater": FORMATER, "arter": Pakkeart},
    )


@require_safe
def programstatus_side(request, pk):
    program = access_program(request.user, pk)
    kraev(kan_se_programstatus(request.user, program))
    status = programstatus(program=program, bruger=request.user, i_dag=tid.i_dag())
    return render(request, "evaluering/programstatus.html", {"program": program, "r": status})


@require_safe
def programstatus_hent(request, pk):
    program = access_program(request.user, pk)
    kraev(kan_se_programstatus(request.user, program))
    status = programstatus(program=program, bruger=request.user, i_dag=tid.i_dag())
    svar = _fil(
        programstatus_pdf(status, bruger=request.user),
        f"programstatus-{program.pk}-{filnavn_tid(status.datastand)}.pdf",
        "application/pdf",
    )
    return logget_hentning(svar, bruger=request.user, objekt=program, art="Programmets statusrapport (PDF)")


@require_safe
def kommunestatus_side(request, pk, kode):
    program = access_program(request.user, pk)
    deltagelse = access_deltagelse_i_rapport(request.user, program, kode)
    status = kommunestatus(deltagelse=deltagelse, bruger=request.user, i_dag=tid.i_dag())
    return render(request, "evaluering/kommunestatus.html", {"program": program, "r": status})


@require_safe
def kommunestatus_hent(request, pk, kode):
    program = access_program(request.user, pk)
    deltagelse = access_deltagelse_i_rapport(request.user, program, kode)
    status = kommunestatus(deltagelse=deltagelse, bruger=request.user, i_dag=tid.i_dag())
    svar = _fil(
        kommunestatus_pdf(status, bruger=request.user),
        f"statusrapport-{kode}-program-{program.pk}-{filnavn_tid(status.datastand)}.pdf",
        "application/pdf",
    )
    return logget_hentning(svar, bruger=request.user, objekt=deltagelse, art="Statusrapport (PDF)")


@require_safe
def dataeksport(request, pk, navn, endelse):
    program = access_program(request.user, pk)
    eksport = DATAEKSPORTER.get(navn)
    if eksport is None or endelse not in FORMATER:
        raise Http404("Siden findes ikke.")
    kraev(kan_hente_data(request.user, program))
    kolonner, raekker = eksport.tabel(program, request.user, tid.i_dag())
    filnavn = eksport.filnavn(program, endelse)
    if endelse == "xlsx":
        svar = xlsx_svar(filnavn, kolonner, raekker, arknavn=eksport.titel)
    else:
        svar = csv_svar(filnavn, kolonner, raekker)
    return logget_hentning(
        svar, bruger=request.user, objekt=program, art=f"Dataeksport: {eksport.titel} ({FORMATER[endelse]})"
    )


@require_safe
def datapakke_hent(request, pk):
    """The exports' data package: every CSV export's columns with type, unit and meaning, its paths the exports' URLs
    beside it. Stamped with the data's state, so unchanged data give the same bytes."""
    program = access_program(request.user, pk)
    kraev(kan_hente_data(request.user, program))
    svar = _fil(som_json(eksporternes_datapakke(program, stand=datastand())), DATAPAKKE, "application/json")
    return logget_hentning(svar, bruger=request.user, objekt=program, art="Datapakke (datapackage.json)")


def _snapshot_filnavn(indsendelse, endelse: str) -> str:
    kl = indsendelse.kommuneleverance
    kode = kl.deltagelse.kommune.kode
    return f"dataleverance-{kl.dataleverance.pk}-{kode}-indsendelse-{indsendelse.nummer}.{endelse}"


@require_safe
def snapshot_json(request, pk):
    """The snapshot's canonical bytes: their SHA-256 is the checksum stored when it was submitted."""
    indsendelse = access_indsendelse(request.user, pk)
    svar = _fil(kanonisk(indsendelse.snapshot), _snapshot_filnavn(indsendelse, "json"), "application/json")
    return logget_hentning(svar, bruger=request.user, objekt=indsendelse, art="Dataleverance (JSON)")


@require_safe
def snapshot_hent(request, pk):
    indsendelse = access_indsendelse(request.user, pk)
    pdf = snapshot_pdf(indsendelse, bruger=request.user)
    svar = _fil(pdf, _snapshot_filnavn(indsendelse, "pdf"), "application/pdf")
    return logget_hentning(svar, bruger=request.user, objekt=indsendelse, art="Dataleverance (PDF)")


@require_POST
def rapportpakke_bestil_view(request, pk):
    program = access_program(request.user, pk)
    kraev(kan_bestille_pakke(request.user, program))
    art = request.POST.get("art", "")
    if art not in Pakkeart.values:
        messages.error(request, "Vælg, hvad pakken skal indeholde.")
        return redirect("evaluering:rapporter", pk=program.pk)
    job = rapportpakke_bestil(program=program, art=art, bruger=request.user)
    messages.success(request, "ZIP-filen bliver lavet nu. Du kan følge det her og hente den, når den er klar.")
    return redirect("evaluering:job", pk=job.pk)


@require_safe
def rapportpakke_hent(request, pk):
    pakke = access_rapportpakke(request.user, pk)
    if er_evaluator(request.user):  # fetched: no longer new on the evaluator's list
        laest_registrer(bruger=request.user, rapportpakke=pakke)
    svar = FileResponse(
        pakke.fil.open("rb"), as_attachment=True, filename=pakke.filnavn, content_type="application/zip"
    )
    return logget_hentning(svar, bruger=request.user, objekt=pakke, art="Rapportpakke (ZIP)")
