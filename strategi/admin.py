"""The strategies in the admin are read-only: every change goes through the services (locks, state, version check,
history), which the admin's forms would bypass."""

from django.contrib import admin

from forebyggelse.admin import KunLaesning
from strategi.models import Handling, Maal, Strategi, Tilbud


@admin.register(Strategi)
class StrategiAdmin(KunLaesning):
    list_display = ["titel", "deltagelse", "status", "versionsnummer", "eksempeldata"]
    list_filter = ["status", "eksempeldata"]


@admin.register(Maal)
class MaalAdmin(KunLaesning):
    list_display = ["tekst", "strategi", "art", "indikator", "baseline_vaerdi", "maalvaerdi"]
    list_filter = ["art"]


@admin.register(Handling)
class HandlingAdmin(KunLaesning):
    list_display = ["titel", "strategi", "status", "farve", "start", "slut"]
    list_filter = ["status", "farve"]


@admin.register(Tilbud)
class TilbudAdmin(KunLaesning):
    list_display = ["navn", "strategi", "trin", "evidensprogram"]
    list_filter = ["trin"]
