"""Read-only admin views for superusers: every change to key figures goes through the services (imports with
undo, the ministry's catalogue pages, approvals), so nothing here can change them."""

from django.contrib import admin

from forebyggelse.admin import KunLaesning
from profiler.models import ImportKoersel, Indberetning, Indikator, Observation, Profil


@admin.register(Indikator)
class IndikatorAdmin(KunLaesning):
    list_display = ["kode", "navn", "kategori", "enhed", "taeller_kilde", "naevner_kilde", "standard"]
    list_filter = ["kategori", "enhed", "standard"]
    search_fields = ["kode", "navn"]


@admin.register(Observation)
class ObservationAdmin(KunLaesning):
    list_display = ["kommune", "indikator", "aar", "taeller", "naevner", "vaerdi", "status", "eksempeldata"]
    list_filter = ["indikator", "aar", "status"]
    list_select_related = ["kommune", "indikator"]


@admin.register(ImportKoersel)
class ImportKoerselAdmin(KunLaesning):
    list_display = ["pk", "filnavn", "format", "tilstand", "oprettet", "antal_nye", "antal_aendrede"]
    list_filter = ["tilstand", "format"]
    exclude = ["fil"]


@admin.register(Indberetning)
class IndberetningAdmin(KunLaesning):
    list_display = ["kommune", "aar", "status", "indsendt", "behandlet"]
    list_filter = ["status", "aar"]


@admin.register(Profil)
class ProfilAdmin(KunLaesning):
    list_display = ["kommune", "sammenligningsgruppe"]
