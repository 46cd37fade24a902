from django.contrib import admin

from hentninger.models import Hentning


@admin.register(Hentning)
class HentningAdmin(admin.ModelAdmin):
    """Read only: the log is evidence, and the database refuses changes anyway."""

    list_display = ["tidspunkt", "bruger", "art", "objekt_tekst", "filnavn"]
    list_filter = ["art"]
    search_fields = ["bruger__username", "filnavn", "objekt_tekst"]
    list_select_related = ["bruger"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
