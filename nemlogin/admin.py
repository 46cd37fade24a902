from django.contrib import admin

from forebyggelse.admin import KunLaesning
from nemlogin.models import Haendelse, Identitet, Invitation


@admin.register(Haendelse)
class HaendelseAdmin(KunLaesning):
    list_display = ["tidspunkt", "udfald", "aarsag", "email", "cvr", "niveau", "bruger", "ip"]
    list_filter = ["udfald"]
    search_fields = ["email", "cvr", "uuid"]


@admin.register(Identitet)
class IdentitetAdmin(KunLaesning):
    list_display = ["bruger", "cvr", "kilde", "oprettet"]
    search_fields = ["cvr", "uuid", "bruger__username"]


@admin.register(Invitation)
class InvitationAdmin(KunLaesning):
    list_display = ["email", "rolle", "kommune", "cvr", "oprettet", "udloeber", "brugt", "tilbagekaldt"]
    search_fields = ["email", "cvr"]
