from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from kommuner.models import Bruger, Kommune, Kommunegruppe


@admin.register(Bruger)
class BrugerAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "email", "rolle", "is_active"]
    list_filter = ["rolle", "is_active"]
    filter_horizontal = ["kommuner"]
    fieldsets = [
        *UserAdmin.fieldsets,
        ("Rolle i Forebyggelsesportalen", {"fields": ["rolle", "kommuner"]}),
    ]


@admin.register(Kommune)
class KommuneAdmin(admin.ModelAdmin):
    list_display = ["kode", "navn", "region", "kommunegruppe"]
    list_filter = ["region", "kommunegruppe"]
    search_fields = ["kode", "navn"]


@admin.register(Kommunegruppe)
class KommunegruppeAdmin(admin.ModelAdmin):
    list_display = ["kode", "navn", "kilde"]
