from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Field, Fieldset, Layout, Submit
from django import forms

from forebyggelse.samtidighed import VersionForm
from kommuner.models import Anbefaling, Vurdering
from kommuner.services.vurderinger import Vurderingsindhold, vurderingsfelter

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
    """The preconditions, the criteria and the recommendation of the set-up the application was written in.
    Everything may be left open: an assessment can be saved part by part. `version` is the version the page was
    loaded with."""

    def __init__(self, *args, vurdering: Vurdering, **kwargs):
        opsaetning = vurdering.ansoegning.opsaetning
        self.KONFLIKTFELTER = vurderingsfelter(opsaetning)
        gemt = vurdering.vaerdier()
        initial = {navn: gemt.get(navn) for navn in self.KONFLIKTFELTER}
        initial["version"] = vurdering.version if vurdering.pk else 0
        super().__init__(*args, initial=initial, **kwargs)
        forudsaetninger = list(opsaetning.forudsaetninger.all())
        kriterier = list(opsaetning.kriterier.all())
        for p in forudsaetninger:
            self.fields[f"forudsaetning_{p.nr}"] = forms.TypedChoiceField(
                label=f"Forudsætning {p.nr}: {p.tekst}",
                choices=[(True, "Ja, opfyldt"), (False, "Nej, ikke opfyldt"), IKKE_VURDERET],
                coerce=_ja_nej,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                help_text=p.vejledning,
            )
            self.fields[f"forudsaetning_{p.nr}_kommentar"] = _kommentar(f"Kommentar til forudsætning {p.nr}")
        for k in kriterier:
            vaegt = f" Vægt {k.vaegt}." if k.vaegt != 1 else ""
            self.fields[f"kriterie_{k.nr}"] = forms.TypedChoiceField(
                label=f"{k.nr}. {k.tekst}",
                choices=[*[(score, str(score)) for score in k.skala], IKKE_VURDERET],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                help_text=" ".join(
                    filter(None, [k.vejledning, f"Score fra {k.skala_fra} (svagt) til {k.skala_til} (stærkt).{vaegt}"])
                ),
            )
            self.fields[f"kriterie_{k.nr}_kommentar"] = _kommentar(f"Kommentar til kriterie {k.nr}")
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
                *[f for p in forudsaetninger for f in (f"forudsaetning_{p.nr}", f"forudsaetning_{p.nr}_kommentar")],
            ),
            Fieldset(
                "Udvælgelseskriterier",
                *[f for k in kriterier for f in (f"kriterie_{k.nr}", f"kriterie_{k.nr}_kommentar")],
            ),
            Fieldset("Anbefaling", "anbefaling", "anbefaling_begrundelse"),
            Field("version"),
            HTML('<p class="form-hint">Du kan gemme vurderingen undervejs og gøre den færdig senere.</p>'),
        )
        self.helper.add_input(Submit("gem", "Gem vurdering"))

    @property
    def indhold(self) -> Vurderingsindhold:
        return Vurderingsindhold(**{navn: self.cleaned_data[navn] for navn in self.KONFLIKTFELTER})

    def gemt_vaerdi(self, nuvaerende: Vurdering, navn: str):
        return nuvaerende.vaerdier().get(navn)

    def vis(self, navn: str, vaerdi) -> str:
        return vis_vaerdi(navn, vaerdi)
