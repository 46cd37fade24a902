from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm, UserCreationForm
from django.core.exceptions import ValidationError

from forebyggelse.forms import service_fejl_paa_form
from kommuner.models import Bruger, Kommune, Kommunegruppe
from kommuner.services.kommuner import bruger_saet_rolle, valider_rolle_og_kommuner


class RolleFormMixin:
    """The role rules of `bruger_opret` checked in the admin's forms, so a broken combination is a field error."""

    def clean(self):
        data = super().clean()
        if "rolle" in self.fields:
            try:
                valider_rolle_og_kommuner(data.get("rolle") or "", data.get("kommuner") or [])
            except ValidationError as exc:
                service_fejl_paa_form(self, exc)
        return data


class BrugerOpretForm(RolleFormMixin, UserCreationForm):
    rolle = forms.ChoiceField(label="Rolle", choices=Bruger._meta.get_field("rolle").choices)
    kommuner = forms.ModelMultipleChoiceField(Kommune.objects.all(), label="Kommuner", required=False)

    class Meta(UserCreationForm.Meta):
        model = Bruger
        fields = ("username",)


class BrugerRetForm(RolleFormMixin, UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = Bruger


@admin.register(Bruger)
class BrugerAdmin(UserAdmin):
    form = BrugerRetForm
    add_form = BrugerOpretForm
    list_display = ["username", "first_name", "last_name", "email", "rolle", "is_active"]
    list_filter = ["rolle", "is_active"]
    filter_horizontal = ["kommuner"]
    fieldsets = [
        *UserAdmin.fieldsets,
        ("Rolle i Forebyggelsesportalen", {"fields": ["rolle", "kommuner"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["username", "password1", "password2", "rolle", "kommuner"]}),
    ]

    def save_related(self, request, form, formsets, change):
        """Role and municipalities go through the same service as everywhere else (bruger_saet_rolle)."""
        kommuner = form.cleaned_data.pop("kommuner", [])
        super().save_related(request, form, formsets, change)
        bruger_saet_rolle(bruger=form.instance, rolle=form.cleaned_data["rolle"], kommuner=kommuner)


@admin.register(Kommune)
class KommuneAdmin(admin.ModelAdmin):
    list_display = ["kode", "navn", "region", "kommunegruppe"]
    list_filter = ["region", "kommunegruppe"]
    search_fields = ["kode", "navn"]


@admin.register(Kommunegruppe)
class KommunegruppeAdmin(admin.ModelAdmin):
    list_display = ["kode", "navn", "kilde"]
