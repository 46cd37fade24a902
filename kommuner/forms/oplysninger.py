from crispy_forms.helper import FormHelper
from django import forms

from kommuner.models import Kommune, Kontaktperson, valider_cvr
from kommuner.services.oplysninger import KONTAKTFELTER, Kontakt

UDEN_TAELLER = {"data-tegngraense": "fra"}


class KommuneOplysningerForm(forms.ModelForm):
    """The municipality's own details (section A of an application is prefilled from them)."""

    cvr = forms.CharField(
        label="CVR-nummer",
        required=False,
        help_text="8 cifre, fx 64942212.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", **UDEN_TAELLER}),
    )

    class Meta:
        model = Kommune
        fields = ["cvr", "adresse", "postnr_by", "telefon", "email"]
        widgets = {
            # One line of the address: "street-address" is for a multi-line field (<textarea>) only.
            "adresse": forms.TextInput(attrs={"autocomplete": "address-line1"}),
            "postnr_by": forms.TextInput(attrs={"autocomplete": "off", **UDEN_TAELLER}),
            "telefon": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        help_texts = {"postnr_by": "Fx 1599 København V.", "email": "Kommunens fælles postkasse til projektet."}
        error_messages = {"email": {"invalid": "Skriv en gyldig e-mailadresse, fx navn@kommune.dk."}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_cvr(self) -> str:
        # People write CVR numbers with spaces ("64 94 22 12"); the number itself is the 8 digits.
        cvr = "".join(self.cleaned_data["cvr"].split())
        if cvr:
            valider_cvr(cvr)
        return cvr


class KontaktpersonForm(forms.ModelForm):
    class Meta:
        model = Kontaktperson
        fields = KONTAKTFELTER  # a tuple: the inline formset appends its foreign key to a list in place
        widgets = {
            "navn": forms.TextInput(attrs={"autocomplete": "name"}),
            "titel": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "enhed": forms.TextInput(attrs={"autocomplete": "off", **UDEN_TAELLER}),
            "telefon": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        error_messages = {
            "navn": {"required": "Skriv kontaktpersonens navn."},
            "email": {"invalid": "Skriv en gyldig e-mailadresse, fx navn@kommune.dk."},
        }


class KontaktpersonFormSet(
    forms.inlineformset_factory(
        Kommune,
        Kontaktperson,
        form=KontaktpersonForm,
        extra=1,
        can_delete=True,
        can_delete_extra=False,
        max_num=50,
        validate_max=True,
    )
):
    """Add, change and remove a municipality's contact persons in one go (one empty row for a new one)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        for form in self.forms:
            if "DELETE" in form.fields:
                form.fields["DELETE"].label = "Fjern kontaktpersonen"

    def aendringer(self) -> tuple[list[Kontakt], list[int]]:
        """What the service should save (`pk` None for new ones) and the pks to delete."""
        gem: list[Kontakt] = []
        slet: list[int] = []
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                if form.instance.pk:
                    slet.append(form.instance.pk)
                continue
            if not form.has_changed():
                continue  # unchanged, or the empty row for a new contact person left empty
            gem.append(Kontakt(pk=form.instance.pk, **{f: form.cleaned_data[f] for f in KONTAKTFELTER}))
        return gem, slet
