from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from forebyggelse.forms import DATOFORMATER, dato_felt
from kommuner.models import Milepael, Projektdeltager, Projektrolle

MAANEDSFORMATER = ["%Y-%m", "%m.%Y", "%m-%Y", "%m/%Y", *DATOFORMATER]


def _maks(model, felt: str) -> int:
    return model._meta.get_field(felt).max_length


class ProjektdeltagerForm(forms.Form):
    navn = forms.CharField(
        label="Navn", max_length=_maks(Projektdeltager, "navn"), error_messages={"required": "Skriv personens navn."}
    )
    rolle = forms.ChoiceField(
        label="Rolle i projektet",
        choices=Projektrolle.choices,
        error_messages={"required": "Vælg personens rolle.", "invalid_choice": "Vælg en af rollerne på listen."},
    )
    titel = forms.CharField(
        label="Titel eller funktion",
        required=False,
        max_length=_maks(Projektdeltager, "titel"),
        help_text="Fx afdelingschef for Familieafdelingen.",
    )
    email = forms.EmailField(
        label="E-mail",
        required=False,
        error_messages={"invalid": "Skriv en gyldig e-mailadresse, fx navn@kommune.dk."},
    )
    raekkefoelge = forms.IntegerField(
        label="Rækkefølge",
        min_value=0,
        max_value=999,
        initial=0,
        help_text="Personer med samme rolle vises i denne rækkefølge, laveste først.",
        error_messages={
            "required": "Skriv et tal, fx 0.",
            "invalid": "Skriv et helt tal, fx 0.",
            "min_value": "Skriv et tal fra 0 til 999.",
            "max_value": "Skriv et tal fra 0 til 999.",
        },
    )

    def __init__(self, *args, projektdeltager: Projektdeltager | None = None, **kwargs):
        if projektdeltager is not None:
            kwargs.setdefault("initial", {f: getattr(projektdeltager, f) for f in self.base_fields})
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("gem", "Gem ændringer" if projektdeltager else "Tilføj person"))


class MilepaelForm(forms.Form):
    titel = forms.CharField(
        label="Milepæl",
        max_length=_maks(Milepael, "titel"),
        help_text="Hvad skal være nået, fx “Minianalysen er godkendt i styregruppen”.",
        error_messages={"required": "Skriv, hvad milepælen er."},
    )
    ansvarlig = forms.CharField(
        label="Ansvarlig",
        max_length=_maks(Milepael, "ansvarlig"),
        help_text="En person eller en gruppe, fx projektgruppen.",
        error_messages={"required": "Skriv, hvem der er ansvarlig for milepælen."},
    )
    maaned = forms.DateField(
        label="Måned",
        input_formats=MAANEDSFORMATER,
        widget=forms.DateInput(format="%Y-%m", attrs={"type": "month"}),
        help_text="Den måned, milepælen skal være nået, fx 06.2012.",
        error_messages={
            "required": "Skriv måneden, milepælen skal være nået.",
            "invalid": "Skriv en måned, fx 06.2012.",
        },
    )
    udfoert = dato_felt(
        "Udført", hjaelp="Dagen, milepælen blev nået. Tom, hvis den ikke er nået endnu.", required=False
    )
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, milepael: Milepael | None = None, **kwargs):
        if milepael is not None:
            kwargs.setdefault("initial", {f: getattr(milepael, f) for f in self.base_fields})
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("gem", "Gem ændringer" if milepael else "Tilføj milepæl"))
