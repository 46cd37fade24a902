from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from kommuner.models import Program, ProgramStatus

DANSK_TID = ZoneInfo("Europe/Copenhagen")
DATOFORMATER = ["%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y"]
TIDSFORMATER = ["%H:%M", "%H.%M", "%H:%M:%S"]
UGYLDIG_DATO = "Skriv en gyldig dato, fx 8.2.2011."


def _dato(label: str, paakraevet: str, hjaelp: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=hjaelp,
        input_formats=DATOFORMATER,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        error_messages={"required": paakraevet, "invalid": UGYLDIG_DATO},
    )


class KronerField(forms.IntegerField):
    """Whole kroner, written the Danish way: '8000000', '8.000.000' or '8 000 000 kr.' all work."""

    widget = forms.TextInput

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().removesuffix("kr.").removesuffix("kr").replace(".", "").replace(" ", "")
        return super().to_python(value)

    def widget_attrs(self, widget):
        # No min/max/step attributes: the field is a text input that accepts Danish thousands separators.
        return {"inputmode": "numeric", "autocomplete": "off"}


class ProgramForm(forms.Form):
    """A programme's facts. The deadline is entered as a date and a time of day, both in Danish time."""

    navn = forms.CharField(
        label="Navn",
        max_length=Program._meta.get_field("navn").max_length,
        widget=forms.TextInput(attrs={"data-tegngraense": "fra"}),
        error_messages={"required": "Skriv programmets navn."},
    )
    beskrivelse = forms.CharField(
        label="Beskrivelse",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Formålet med programmet og hvem det er for.",
    )
    startdato = _dato("Startdato", "Skriv den dato, programmet starter.")
    slutdato = _dato("Slutdato", "Skriv den dato, programmet slutter.")
    samlet_budget = KronerField(
        label="Samlet budget (kr.)",
        min_value=0,
        help_text="Hele kroner, fx 8.000.000.",
        error_messages={
            "required": "Skriv programmets samlede budget.",
            "invalid": "Skriv budgettet som et helt antal kroner, fx 8.000.000.",
            "min_value": "Budgettet kan ikke være negativt.",
        },
    )
    frist_dato = _dato(
        "Frist for interessetilkendegivelse: dato",
        "Skriv datoen for fristen.",
        "Efter fristen kan kommunerne ikke indsende.",
    )
    frist_tid = forms.TimeField(
        label="Frist for interessetilkendegivelse: klokkeslæt",
        help_text="Dansk tid, fx 12.00.",
        input_formats=TIDSFORMATER,
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
        error_messages={"required": "Skriv klokkeslættet for fristen.", "invalid": "Skriv et klokkeslæt, fx 12.00."},
    )
    status = forms.ChoiceField(
        label="Status",
        choices=ProgramStatus.choices,
        error_messages={"required": "Vælg programmets status.", "invalid_choice": "Vælg en af statusserne på listen."},
    )

    # Errors from the service on these model fields are shown on these form fields.
    FELT_FOR_MODELFELT = {"ansoegningsfrist": "frist_dato"}

    def __init__(self, *args, program: Program | None = None, **kwargs):
        if program is not None:
            frist = timezone.localtime(program.ansoegningsfrist, DANSK_TID)
            kwargs.setdefault(
                "initial",
                {
                    "navn": program.navn,
                    "beskrivelse": program.beskrivelse,
                    "startdato": program.startdato,
                    "slutdato": program.slutdato,
                    "samlet_budget": program.samlet_budget,
                    "frist_dato": frist.date(),
                    "frist_tid": frist.time().replace(second=0, microsecond=0),
                    "status": program.status,
                },
            )
        else:
            kwargs.setdefault("initial", {"frist_tid": "12:00", "status": ProgramStatus.PLANLAGT})
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("gem", "Gem ændringer" if program else "Opret program"))

    def clean(self):
        data = super().clean()
        start, slut = data.get("startdato"), data.get("slutdato")
        if start and slut and slut < start:
            self.add_error("slutdato", "Slutdatoen skal ligge efter startdatoen.")
        frist_dato, frist_tid = data.get("frist_dato"), data.get("frist_tid")
        if frist_dato and frist_tid:
            naiv = datetime.combine(frist_dato, frist_tid)
            frist = naiv.replace(tzinfo=DANSK_TID)
            if frist.astimezone(UTC).astimezone(DANSK_TID).replace(tzinfo=None) != naiv:
                self.add_error("frist_tid", "Klokkeslættet findes ikke den dag (uret stilles frem til sommertid).")
            else:
                data["ansoegningsfrist"] = frist
        return data

    def service_data(self) -> dict:
        """The keyword arguments for program_opret / program_opdater."""
        d = self.cleaned_data
        return {
            "navn": d["navn"],
            "beskrivelse": d["beskrivelse"],
            "startdato": d["startdato"],
            "slutdato": d["slutdato"],
            "samlet_budget": d["samlet_budget"],
            "ansoegningsfrist": d["ansoegningsfrist"],
            "status": d["status"],
        }

    def tilfoej_fejl(self, exc: ValidationError) -> None:
        """Show a service's ValidationError on the matching fields (or above the form)."""
        if not hasattr(exc, "error_dict"):
            self.add_error(None, exc)
            return
        for felt, fejl in exc.error_dict.items():
            felt = self.FELT_FOR_MODELFELT.get(felt, felt)
            self.add_error(felt if felt in self.fields else None, fejl)
