import logging
import sys

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, InterfaceError, OperationalError, connection, transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

log = logging.getLogger(__name__)


@login_not_required
@never_cache
@transaction.non_atomic_requests
@require_safe
def healthz(request):
    """For the load balancer and monitoring: 200 when the database answers, 503 when it does not. The answer
    says nothing else; the reason goes to the log."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        log.exception("Sundhedstjek: databasen svarer ikke")
        return HttpResponse("fejl\n", status=503, content_type="text/plain; charset=utf-8")
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


@login_not_required
@require_safe
def tilgaengelighedserklaering(request):
    return render(request, "tilgaengelighedserklaering.html", {"kontakt_email": settings.KONTAKT_EMAIL})


def serverfejl(request):
    """The 500 page, except when the database cannot be reached (restarted, failing over): then 503 with
    Retry-After and a page saying to try again in a moment. Django calls this while handling the exception, so
    sys.exc_info() is the error; the request's transaction (ATOMIC_REQUESTS) is already rolled back."""
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        svar = HttpResponse(loader.render_to_string("503.html"), status=503)
        svar["Retry-After"] = "5"
        return svar
    return defaults.server_error(request)
