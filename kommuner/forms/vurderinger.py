from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Field, Fieldset, Layout, Submit
from django import forms

from forebyggelse.samtidighed import VersionForm
from kommuner.models import FORUDSAETNINGER, KRITERIER, Anbefaling, Vurdering
from kommuner.services.vurderinger import VURDERINGSFELTER, Vurderingsindhold

IKKE_VURDERET = ("", "Ikke vurderet endnu")


def _ja_nej(vaerdi: str) -> bool:
    return vaerdi == "True"


def _kommentar(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def vis_vaerdi(navn: str, vaerdi) -> str:
    """An assessment field's value as the form shows it, for the conflict comparison."""
    if vaerdi is None or vaerdi == "":
        return "–"
    if navn.startswith("forudsaetning_") and not navn.endswith("_kommentar"):
        return "Ja" if vaerdi else "Nej"
    if navn == "anbefaling":
        return str(Anbefaling(vaerdi).label)
    return str(vaerdi)


class AnsoegningsvurderingForm(VersionForm):
    """The two preconditions, the eight criteria and the recommendation. Everything may be left open: an
    assessment can be saved part by part. `version` is the version the page was loaded with."""

    KONFLIKTFELTER = VURDERINGSFELTER

    def __init__(self, *args, vurdering: Vurdering, **kwargs):
        initial = {navn: getattr(vurdering, navn) for navn in VURDERINGSFELTER}
        initial["version"] = vurdering.version if vurdering.pk else 0
        super().__init__(*args, initial=initial, **kwargs)
        for nr, tekst in FORUDSAETNINGER.items():
            self.fields[f"forudsaetning_{nr}"] = forms.TypedChoiceField(
                label=f"Forudsætning {nr}: {tekst}",
                choices=[(True, "Ja, opfyldt"), (False, "Nej, ikke opfyldt"), IKKE_VURDERET],
                coerce=_ja_nej,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"forudsaetning_{nr}_kommentar"] = _kommentar(f"Kommentar til forudsætning {nr}")
        for nr, tekst in KRITERIER.items():
            self.fields[f"kriterie_{nr}"] = forms.TypedChoiceField(
                label=f"{nr}. {tekst}",
                choices=[*[(score, str(score)) for score in range(1, 6)], IKKE_VURDERET],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                help_text="Score fra 1 (svagt) til 5 (stærkt).",
            )
            self.fields[f"kriterie_{nr}_kommentar"] = _kommentar(f"Kommentar til kriterie {nr}")
        self.fields["anbefaling"] = forms.ChoiceField(
            label="Din anbefaling",
            choices=[*Anbefaling.choices, ("", "Ingen anbefaling endnu")],
            required=False,
            widget=forms.RadioSelect,
        )
        self.fields["anbefaling_begrundelse"] = _kommentar("Begrundelse for anbefalingen")

        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset(
                "Forudsætninger",
                *[f for nr in FORUDSAETNINGER for f in (f"forudsaetning_{nr}", f"forudsaetning_{nr}_kommentar")],
            ),
            Fieldset(
                "Udvælgelseskriterier",
                *[f for nr in KRITERIER for f in (f"kriterie_{nr}", f"kriterie_{nr}_kommentar")],
            ),
            Fieldset("Anbefaling", "anbefaling", "anbefaling_begrundelse"),
            Field("version"),
            HTML('<p class="form-hint">Du kan gemme vurderingen undervejs og gøre den færdig senere.</p>'),
        )
        self.helper.add_input(Submit("gem", "Gem vurdering"))

    @property
    def indhold(self) -> Vurderingsindhold:
        return Vurderingsindhold(**{navn: self.cleaned_data[navn] for navn in VURDERINGSFELTER})

    def vis(self, navn: str, vaerdi) -> str:
        return vis_vaerdi(navn, vaerdi)
