"""The overviews across a programme's participants, for the ministry, the steering group and the evaluator: goals
on track / behind / achieved and late actions per participant, and the offers per step of the indsatstrappe."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from forebyggelse.adgang import kraev
from kommuner.permissions import access_program
from strategi.maalstatus import Maalstatus
from strategi.models import Farve
from strategi.permissions import kan_se_oversigt
from strategi.selectors import indsatstrappe_for_program, oversigt_for_program
from strategi.views.faelles import i_dag


@require_safe
def program_oversigt(request, pk):
    program = access_program(request.user, pk)
    kraev(kan_se_oversigt(request.user, program))
    context = {
        "program": program,
        "oversigt": oversigt_for_program(program, request.user, i_dag=i_dag()),
        "statusser": list(Maalstatus),
        "farver": list(Farve),
        "tomme_kolonner": len(Maalstatus) + len(Farve) + 4,
    }
    return render(request, "strategi/program_oversigt.html", context)


@require_safe
def program_indsatstrappe(request, pk):
    program = access_program(request.user, pk)
    kraev(kan_se_oversigt(request.user, program))
    context = {"program": program, "oversigt": indsatstrappe_for_program(program, request.user)}
    return render(request, "strategi/program_indsatstrappe.html", context)
