from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings

from forebyggelse.roller import Rolle
from kommuner.models import Kommune


class KommuneValg(forms.ModelChoiceField):
    """A project lead's municipality, with the CVR number the lead will log in with (the invitation takes it)."""

    def label_from_instance(self, kommune: Kommune) -> str:
        cvr = f"CVR {kommune.cvr}" if kommune.cvr else "intet CVR-nummer i portalen"
        return f"{kommune.navn} ({cvr})"


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label="E-mail",
        max_length=254,
        help_text="Den adresse, personen bruger med MitID Erhverv. Invitationen sendes hertil.",
        error_messages={"required": "Skriv personens e-mailadresse.", "invalid": "Skriv en gyldig e-mailadresse."},
    )
    rolle = forms.ChoiceField(
        label="Rolle",
        choices=Rolle.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Vælg personens rolle.", "invalid_choice": "Vælg en af de fire roller."},
    )
    kommune = KommuneValg(
        label="Kommune",
        queryset=Kommune.objects.order_by("navn"),
        required=False,
        empty_label="Vælg kommune",
        help_text="Kun for en kommunal projektleder, som logger ind for kommunen med kommunens CVR-nummer.",
        error_messages={"invalid_choice": "Vælg en kommune fra listen."},
        widget=forms.Select(attrs={"class": "input-width-xl"}),
    )
    cvr = forms.CharField(
        label="CVR-nummer",
        required=False,
        max_length=20,
        help_text="For de andre roller: CVR-nummeret på den organisation, personen logger ind for.",
        error_messages={"max_length": "CVR-nummeret skal være 8 cifre."},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if settings.MINISTERIETS_CVR:
            self.fields["cvr"].help_text += f" Lad feltet stå tomt for ministeriets eget ({settings.MINISTERIETS_CVR})."
        self.helper = FormHelper()
        self.helper.add_input(Submit("inviter", "Send invitationen"))

    def clean_cvr(self) -> str:
        # CVR numbers are often written in pairs: "64 94 22 12".
        return self.cleaned_data["cvr"].replace(" ", "")
