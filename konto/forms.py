from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.urls import reverse_lazy


class LoginForm(AuthenticationForm):
    error_messages = {
        # The same message whether the user exists or not.
        "invalid_login": "Forkert brugernavn eller adgangskode. Prøv igen.",
        "inactive": "Forkert brugernavn eller adgangskode. Prøv igen.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Brugernavn"
        self.fields["password"].label = "Adgangskode"
        self.helper = FormHelper()
        self.helper.add_input(Submit("login", "Log ind"))


class KodeForm(forms.Form):
    """One code: from the authenticator app, or (where `backupkode` is allowed) one of the backup codes."""

    kode = forms.CharField(
        label="Kode",
        max_length=20,
        error_messages={"required": "Skriv koden.", "max_length": "Koden er for lang."},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}),
    )

    def __init__(
        self,
        *args,
        knap: str,
        backupkode: bool = True,
        css_class: str = "button-primary",
        handling: str = "bekraeft",
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        felt = self.fields["kode"]
        if backupkode:
            felt.help_text = "De 6 cifre, din godkendelses-app viser nu – eller en af dine backupkoder."
        else:
            felt.help_text = "De 6 cifre, din godkendelses-app viser nu."
            felt.widget.attrs["inputmode"] = "numeric"
        self.helper = FormHelper()
        self.helper.add_input(Submit(handling, knap, css_class=css_class))


class StartForm(KodeForm):
    """The start of setting up an authenticator. A user who has one already (`skift`) gives a code from it or a
    backup code first; for anybody else the form is the start button alone."""

    def __init__(self, *args, skift: bool, **kwargs):
        super().__init__(*args, knap="Fortsæt" if skift else "Start opsætningen", handling="start", **kwargs)
        if skift:
            self.fields["kode"].label = "Kode fra din nuværende app"
        else:
            del self.fields["kode"]


class UgentligOversigtForm(forms.Form):
    ugentlig_oversigt = forms.BooleanField(
        label="Send mig hver mandag en e-mail med mine opgaver",
        required=False,
        help_text="Kun de uger, hvor der er noget at gøre. Påmindelser om frister for dataleverancer får du "
        "uanset valget.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_action = reverse_lazy("konto:ugentlig_oversigt")
        self.helper.add_input(Submit("gem", "Gem valget", css_class="button-secondary"))


class ApiNoegleForm(forms.Form):
    navn = forms.CharField(
        label="Navn",
        max_length=100,
        help_text="Hvad nøglen bruges til, så du kan kende den igen, fx “R-script til evalueringen”.",
        error_messages={
            "required": "Giv nøglen et navn.",
            "max_length": "Navnet må højst være 100 tegn.",
        },
    )
    gyldig_dage = forms.TypedChoiceField(
        label="Gyldig i",
        coerce=int,
        choices=[(30, "30 dage"), (90, "90 dage"), (180, "180 dage"), (365, "365 dage")],
        initial=90,
        widget=forms.RadioSelect,
        help_text="Derefter holder nøglen op med at virke, og du laver en ny.",
        error_messages={
            "required": "Vælg, hvor længe nøglen skal gælde.",
            "invalid_choice": "Vælg 30, 90, 180 eller 365 dage.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("opret", "Lav nøglen"))
