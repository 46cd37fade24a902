from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from kommuner.models import Kommune


class KommunegruppeForm(forms.ModelForm):
    class Meta:
        model = Kommune
        fields = ["kommunegruppe"]
        help_texts = {"kommunegruppe": "De kommuner i samme gruppe bruges som lignende kommuner i profilen."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("gem", "Gem kommunegruppe"))
