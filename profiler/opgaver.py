"""What in profiler's data is a task, and for whom (forebyggelse/opgaver.py; gathered per role in portal/opgaver.py).
Each function is one query, whatever the number of participants."""

from django.urls import reverse

from forebyggelse.formatering import ejefald
from forebyggelse.opgaver import Opgave
from kommuner.roller import kommuner_til_skrivning
from profiler.models import Indberetning, IndberetningStatus
from profiler.permissions import indberetninger_til_laesning

GODKEND = "Egne tal til godkendelse"
INDBERET = "Egne tal"


def til_ministeriet(user) -> list[Opgave]:
    indberetninger = (
        indberetninger_til_laesning(user)
        .filter(status=IndberetningStatus.INDSENDT)
        .select_related("kommune")
        .order_by("indsendt", "kommune__kode", "aar")
    )
    return [
        Opgave(
            GODKEND,
            f"Godkend {ejefald(i.kommune.navn)} egne tal for {i.aar}, eller send dem tilbage",
            reverse("profiler:indberetning", args=[i.kommune.kode, i.aar]),
            kommune=i.kommune.navn,
        )
        for i in indberetninger
    ]


def til_projektleder(user) -> list[Opgave]:
    """Own figures begun but not submitted, or sent back with the ministry's comment."""
    indberetninger = (
        Indberetning.objects.filter(
            kommune__in=kommuner_til_skrivning(user),
            status__in=(IndberetningStatus.KLADDE, IndberetningStatus.SENDT_TILBAGE),
        )
        .select_related("kommune")
        .order_by("kommune__kode", "aar")
    )
    opgaver = []
    for i in indberetninger:
        tilbage = i.status == IndberetningStatus.SENDT_TILBAGE
        opgaver.append(
            Opgave(
                INDBERET,
                f"{'Ret og indsend' if tilbage else 'Gør færdig og indsend'} {ejefald(i.kommune.navn)} egne tal "
                f"for {i.aar}",
                reverse("profiler:indberetning", args=[i.kommune.kode, i.aar]),
                kommune=i.kommune.navn,
                bemaerkning=i.kommentar if tilbage else "",
            )
        )
    return opgaver
