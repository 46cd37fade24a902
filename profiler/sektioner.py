"""profiler's sections on other apps' pages (forebyggelse/sektioner.py), registered in profiler/apps.py."""

from django.template.loader import render_to_string

from forebyggelse.roller import er_ministeriet
from kommuner.models import Program
from profiler.models import Programindikator


def programsektion(request, program: Program) -> str:
    """The section on the programme's social profiles on its page and its set-up page, for the ministry: which
    indicators they show and the link to choose them. Nobody else sees it (one query, the ministry's only)."""
    if not er_ministeriet(request.user):
        return ""
    return render_to_string(
        "profiler/_program_noegletal.html",
        {"program": program, "antal": Programindikator.objects.filter(program=program).count()},
        request=request,
    )
