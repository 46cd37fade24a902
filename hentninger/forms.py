from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from forebyggelse.forms import dato_felt
from hentninger.selectors import arter_i_log, brugere_i_log


class BrugerValg(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        navn = obj.get_full_name()
        return f"{navn} ({obj.username})" if navn else obj.username


class HentningFilterForm(forms.Form):
    """The log's filters, sent with GET so a filtered page can be bookmarked and paged through."""

    bruger = BrugerValg(
        label="Bruger",
        queryset=None,
        required=False,
        empty_label="Alle brugere",
        error_messages={"invalid_choice": "Vælg en bruger fra listen."},
    )
    art = forms.ChoiceField(label="Art", required=False, error_messages={"invalid_choice": "Vælg en art fra listen."})
    fra = dato_felt("Fra og med", hjaelp="Fx 1.2.2011.", required=False)
    til = dato_felt("Til og med", hjaelp="Fx 28.2.2011.", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bruger"].queryset = brugere_i_log()
        self.fields["art"].choices = [("", "Alle arter"), *[(art, art) for art in arter_i_log()]]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.add_input(Submit("vis", "Vis"))

    def clean(self):
        data = super().clean()
        fra, til = data.get("fra"), data.get("til")
        if fra and til and til < fra:
            self.add_error("til", "Til-datoen skal være samme dag som eller efter fra-datoen.")
        return data

    @property
    def filtre(self) -> dict:
        """The valid filters as keyword arguments for hentninger_til_log; an invalid form filters nothing."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {"bruger": data["bruger"], "art": data["art"], "fra": data["fra"], "til": data["til"]}
