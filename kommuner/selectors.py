from django.db.models import QuerySet

from kommuner.models import Kommune
from kommuner.roller import kommuner_til_laesning


def kommuner_for_oversigt(user) -> QuerySet[Kommune]:
    return kommuner_til_laesning(user).with_gruppe().order_by("kode")


def lignende_kommuner(kommune: Kommune) -> QuerySet[Kommune]:
    if kommune.kommunegruppe_id is None:
        return Kommune.objects.none()
    return Kommune.objects.filter(kommunegruppe_id=kommune.kommunegruppe_id).exclude(pk=kommune.pk)
