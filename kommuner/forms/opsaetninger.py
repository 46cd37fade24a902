"""The ministry's forms for a programme's set-up: a section of the application form, a precondition, a criterion and
the money rules (decision record 0056). Each holds the keyword arguments of its service in kommuner/services/
opsaetninger.py; the service checks the same rules again under the programme's lock."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from forebyggelse.forms import KronerField
from kommuner.models import Afsnit, Forudsaetning, Kriterie, Opsaetning


def _maks(model, felt: str) -> int:
    return model._meta.get_field(felt).max_length


def _tekst(label: str, model, felt: str, *, paakraevet: str = "", hjaelp: str = "", rows: int = 0) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=bool(paakraevet),
        max_length=_maks(model, felt),
        help_text=hjaelp,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput,
        error_messages={
            "required": paakraevet,
            "max_length": f"{label} må højst være %(limit_value)d tegn (den er %(show_value)d).",
        },
    )


def _heltal(label: str, fra: int, til: int, *, hjaelp: str = "", eksempel: int) -> forms.IntegerField:
    uden_for = f"Skriv et tal fra {fra} til {til}."
    return forms.IntegerField(
        label=label,
        min_value=fra,
        max_value=til,
        help_text=hjaelp,
        error_messages={
            "required": f"Skriv et tal fra {fra} til {til}, fx {eksempel}.",
            "invalid": f"Skriv et helt tal, fx {eksempel}.",
            "min_value": uden_for,
            "max_value": uden_for,
        },
    )


class _Opsaetningsform(forms.Form):
    knap_ny = ""

    def __init__(self, *args, punkt=None, **kwargs):
        if punkt is not None:
            kwargs.setdefault("initial", {f: getattr(punkt, f) for f in self.base_fields})
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("gem", "Gem ændringer" if punkt is not None else self.knap_ny))


class AfsnitForm(_Opsaetningsform):
    knap_ny = "Tilføj afsnittet"

    overskrift = _tekst(
        "Overskrift",
        Afsnit,
        "overskrift",
        paakraevet="Skriv afsnittets overskrift.",
        hjaelp="Som kommunerne ser den over feltet, fx “C. Baggrund”.",
    )
    hjaelp = _tekst(
        "Hjælpetekst",
        Afsnit,
        "hjaelp",
        hjaelp="Hvad kommunen skal skrive om. Vises under overskriften.",
        rows=3,
    )
    tegngraense = forms.IntegerField(
        label="Højst antal tegn",
        min_value=100,
        max_value=40_000,
        initial=4_000,
        help_text="Fra 100 til 40.000. En side er omkring 4.000 tegn.",
        error_messages={
            "required": "Skriv, hvor mange tegn svaret højst må fylde, fx 4000.",
            "invalid": "Skriv et helt antal tegn, fx 4000.",
            "min_value": "Grænsen skal være mindst 100 tegn.",
            "max_value": "Grænsen kan højst være 40.000 tegn.",
        },
    )
    paakraevet = forms.BooleanField(
        label="Skal udfyldes, før kommunen kan indsende",
        required=False,
        initial=True,
    )


class ForudsaetningForm(_Opsaetningsform):
    knap_ny = "Tilføj forudsætningen"

    tekst = _tekst(
        "Forudsætning",
        Forudsaetning,
        "tekst",
        paakraevet="Skriv forudsætningen.",
        hjaelp="Bedømmerne svarer ja eller nej til den.",
    )
    vejledning = _tekst(
        "Vejledning til bedømmerne", Forudsaetning, "vejledning", hjaelp="Hvad der skal til for et ja.", rows=3
    )


class KriterieForm(_Opsaetningsform):
    knap_ny = "Tilføj kriteriet"

    tekst = _tekst(
        "Kriterie", Kriterie, "tekst", paakraevet="Skriv kriteriet.", hjaelp="Bedømmerne giver en score på skalaen."
    )
    vejledning = _tekst(
        "Vejledning til bedømmerne", Kriterie, "vejledning", hjaelp="Hvad en høj og en lav score betyder.", rows=3
    )
    skala_fra = _heltal("Laveste score", 0, 9, eksempel=1)
    skala_til = _heltal("Højeste score", 1, 10, eksempel=5)
    vaegt = _heltal(
        "Vægt",
        1,
        10,
        eksempel=1,
        hjaelp="Hvor meget kriteriet tæller i det vægtede gennemsnit. 1, hvis alle kriterier tæller lige meget.",
    )

    def clean(self):
        data = super().clean()
        fra, til = data.get("skala_fra"), data.get("skala_til")
        if fra is not None and til is not None and til <= fra:
            self.add_error("skala_til", "Den højeste score skal være større end den laveste.")
        return data


class PengereglerForm(_Opsaetningsform):
    maks_beloeb = KronerField(
        label="Største beløb pr. kommune (kr.)",
        required=False,
        min_value=1,
        help_text="Hele kroner i alt for hele perioden, fx 1.500.000. Tomt: intet loft ud over programmets budget.",
        error_messages={
            "invalid": "Skriv beløbet som et helt antal kroner, fx 1.500.000.",
            "min_value": "Beløbet skal være mindst 1 kr. Lad feltet stå tomt, hvis der ikke er et loft.",
        },
    )
    medfinansiering_procent = _heltal(
        "Krævet medfinansiering (%)",
        0,
        100,
        eksempel=0,
        hjaelp="Kommunens egen andel af projektets samlede budget. 0: ingen krav.",
    )
    udbetaling = _tekst(
        "Sådan udbetales tilskuddet",
        Opsaetning,
        "udbetaling",
        hjaelp="Fx “Tilskuddet udbetales forud for hvert år.”",
        rows=3,
    )

    def __init__(self, *args, opsaetning: Opsaetning, **kwargs):
        super().__init__(*args, punkt=opsaetning, **kwargs)
