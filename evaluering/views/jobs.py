"""Background jobs as the user sees them: the list, one job's progress (polled by static/js/baggrundsjob.js),
and trying a failed job again."""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from evaluering.jobs import baggrundsjob_proev_igen
from evaluering.permissions import access_baggrundsjob, baggrundsjob_til_laesning, kan_proeve_igen
from forebyggelse.adgang import kraev


@require_safe
def job_liste(request):
    return render(request, "evaluering/job_liste.html", {"jobs": baggrundsjob_til_laesning(request.user)[:100]})


@require_safe
def job_detalje(request, pk):
    job = access_baggrundsjob(request.user, pk)
    return render(
        request, "evaluering/job_detalje.html", {"job": job, "kan_proeve_igen": kan_proeve_igen(request.user, job)[0]}
    )


@require_safe
def job_status(request, pk):
    job = access_baggrundsjob(request.user, pk)
    return JsonResponse(
        {
            "status": job.status,
            "status_tekst": job.get_status_display(),
            "fremdrift": job.fremdrift,
            "trin": job.trin,
            "fejl": job.fejl,
            "resultat_url": job.resultat_url,
            "resultat_tekst": job.resultat_tekst,
            "faerdig": job.status in {"faerdig", "fejlet"},
        }
    )


@require_POST
def job_proev_igen(request, pk):
    job = access_baggrundsjob(request.user, pk)
    kraev(kan_proeve_igen(request.user, job))
    baggrundsjob_proev_igen(job=job)
    messages.success(request, "Jobbet er sat i kø igen.")
    return redirect("evaluering:job", pk=job.pk)
