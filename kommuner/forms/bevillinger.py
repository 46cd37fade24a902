from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Fieldset, Layout, Submit
from django import forms

from forebyggelse.formatering import kr
from kommuner.models import Afgoerelse, Ansoegning, Bevilling
from kommuner.services.bevillinger import BEGRUNDELSE_MANGLER, BEVILLING_IALT_NUL, beloeb_mangler


def _beloebsfelt(label: str, hjaelp: str, initial: int | None) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        initial=initial,
        help_text=hjaelp,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": "Skriv beløbet i hele kroner, uden punktummer.",
            "min_value": "Beløbet kan ikke være negativt.",
        },
    )


class AfgoerelseForm(forms.Form):
    """Selected or not, with a reason; for a selected municipality the grant per programme year."""

    udvalgt = forms.TypedChoiceField(
        label="Afgørelse",
        choices=[(True, "Udvalgt"), (False, "Ikke udvalgt")],
        coerce=lambda vaerdi: vaerdi == "True",
        widget=forms.RadioSelect,
        error_messages={"required": "Vælg, om kommunen er udvalgt."},
    )
    begrundelse = forms.CharField(
        label="Begrundelse",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4_000,
        help_text="Begrundelsen sendes til kommunens projektledere sammen med afgørelsen.",
        error_messages={"required": BEGRUNDELSE_MANGLER},
    )

    def __init__(
        self,
        *args,
        ansoegning: Ansoegning,
        afgoerelse: Afgoerelse | None,
        bevillinger: list[Bevilling],
        **kwargs,
    ):
        initial = {}
        if afgoerelse is not None:
            initial = {"udvalgt": afgoerelse.udvalgt, "begrundelse": afgoerelse.begrundelse}
        super().__init__(*args, initial=initial, **kwargs)
        self.aar = ansoegning.program.aar
        ansoegt = {b.aar: b.beloeb for b in ansoegning.beloeb.all()}
        bevilget = {b.aar: b.bevilget for b in bevillinger}
        for aar in self.aar:
            self.fields[f"bevilling_{aar}"] = _beloebsfelt(
                f"Bevilget {aar} (kr.)",
                f"Ansøgt: {kr(ansoegt.get(aar))} Skriv hele kroner uden punktummer.",
                bevilget.get(aar),
            )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "udvalgt",
            "begrundelse",
            Fieldset(
                "Bevilling pr. år",
                HTML(
                    '<p class="form-hint">Udfyldes, når kommunen er udvalgt. Bevillingen kan være mindre end det '
                    "ansøgte; skriv 0 for et år uden bevilling.</p>"
                ),
                *[f"bevilling_{aar}" for aar in self.aar],
            ),
        )
        self.helper.add_input(Submit("gem", "Gem afgørelsen og giv kommunen besked"))

    def clean(self):
        """Everything missing at once: a selected municipality needs an amount for every year (the service
        checks this again, together with the programme's budget)."""
        data = super().clean()
        if data.get("udvalgt"):
            mangler = [
                aar
                for aar in self.aar
                if f"bevilling_{aar}" not in self.errors and data.get(f"bevilling_{aar}") is None
            ]
            for aar in mangler:
                self.add_error(f"bevilling_{aar}", beloeb_mangler(aar))
            beloeb = [data.get(f"bevilling_{aar}") for aar in self.aar]
            if not mangler and None not in beloeb and not sum(beloeb):
                self.add_error(None, BEVILLING_IALT_NUL)
        return data

    @property
    def bevillinger(self) -> dict[int, int | None]:
        return {aar: self.cleaned_data.get(f"bevilling_{aar}") for aar in self.aar}


class ForbrugForm(forms.Form):
    """What the municipality has spent of each year's grant, with a remark."""

    def __init__(self, *args, bevillinger: list[Bevilling], **kwargs):
        super().__init__(*args, **kwargs)
        self.aar = [b.aar for b in bevillinger]
        felter = []
        for bevilling in bevillinger:
            aar = bevilling.aar
            self.fields[f"forbrugt_{aar}"] = _beloebsfelt(
                f"Forbrugt {aar} (kr.)",
                f"Bevilget: {kr(bevilling.bevilget)} Lad feltet stå tomt, hvis forbruget ikke kendes endnu.",
                bevilling.forbrugt,
            )
            self.fields[f"bemaerkning_{aar}"] = forms.CharField(
                label=f"Bemærkning til forbruget {aar}",
                required=False,
                max_length=500,
                initial=bevilling.forbrug_bemaerkning,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            felter.append(Fieldset(str(aar), f"forbrugt_{aar}", f"bemaerkning_{aar}"))
        self.helper = FormHelper()
        self.helper.layout = Layout(*felter)
        self.helper.add_input(Submit("gem", "Gem forbrug"))

    @property
    def forbrug(self) -> dict[int, tuple[int | None, str]]:
        return {
            aar: (self.cleaned_data.get(f"forbrugt_{aar}"), self.cleaned_data.get(f"bemaerkning_{aar}", ""))
            for aar in self.aar
        }
