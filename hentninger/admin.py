from django.contrib import admin

from forebyggelse.admin import KunLaesning
from hentninger.models import Hentning


@admin.register(Hentning)
class HentningAdmin(KunLaesning):
    """Read only: the log is evidence, and the database refuses changes anyway."""

    list_display = ["tidspunkt", "bruger", "art", "objekt_tekst", "filnavn"]
    list_filter = ["art"]
    search_fields = ["bruger__username", "filnavn", "objekt_tekst"]
    list_select_related = ["bruger"]
