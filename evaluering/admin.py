"""The timeline, meetings, deliveries, jobs and report packages in the admin are read-only: every change goes through
the services (locks, state, e-mails in the same transaction, history), which the admin's forms would bypass; a
submitted snapshot cannot change at all (the database refuses)."""

from django.contrib import admin

from evaluering.models import Baggrundsjob, Dataleverance, Indsendelse, Kommuneleverance, Moede, Rapportpakke
from strategi.admin import KunLaesning


@admin.register(Moede)
class MoedeAdmin(KunLaesning):
    list_display = ["titel", "program", "start", "status"]
    list_filter = ["art", "status"]


@admin.register(Dataleverance)
class DataleveranceAdmin(KunLaesning):
    list_display = ["titel", "program", "frist"]


@admin.register(Kommuneleverance)
class KommuneleveranceAdmin(KunLaesning):
    list_display = ["dataleverance", "deltagelse", "status"]
    list_filter = ["status"]


@admin.register(Indsendelse)
class IndsendelseAdmin(KunLaesning):
    list_display = ["kommuneleverance", "nummer", "indsendt", "resultat", "sha256"]
    exclude = ["snapshot"]


@admin.register(Baggrundsjob)
class BaggrundsjobAdmin(KunLaesning):
    list_display = ["titel", "opgave", "status", "fremdrift", "oprettet", "forsoeg"]
    list_filter = ["status", "opgave"]


@admin.register(Rapportpakke)
class RapportpakkeAdmin(KunLaesning):
    list_display = ["filnavn", "program", "art", "datastand", "dannet", "dannet_af", "stoerrelse"]
    exclude = ["fil", "manifest"]
