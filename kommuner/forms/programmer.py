from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from forebyggelse.formatering import dansk_tid
from forebyggelse.forms import KronerField, dato_felt, klokkeslaet_felt, saml_tidspunkt
from kommuner.models import Program, ProgramStatus


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
    startdato = dato_felt("Startdato", "Skriv den dato, programmet starter.")
    slutdato = dato_felt("Slutdato", "Skriv den dato, programmet slutter.")
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
    frist_dato = dato_felt(
        "Frist for interessetilkendegivelse: dato",
        "Skriv datoen for fristen.",
        "Efter fristen kan kommunerne ikke indsende.",
    )
    frist_tid = klokkeslaet_felt("Frist for interessetilkendegivelse: klokkeslæt", "Skriv klokkeslættet for fristen.")
    status = forms.ChoiceField(
        label="Status",
        choices=ProgramStatus.choices,
        error_messages={"required": "Vælg programmets status.", "invalid_choice": "Vælg en af statusserne på listen."},
    )

    kopi_fra = forms.ModelChoiceField(
        label="Opsætning",
        queryset=Program.objects.none(),
        required=False,
        empty_label="Ministeriets standardskema",
        help_text="Skemaets afsnit, vurderingens forudsætninger og kriterier og pengereglerne. Et tidligere programs "
        "nyeste opsætning kopieres; du kan rette i kopien bagefter.",
        error_messages={"invalid_choice": "Vælg en af opsætningerne på listen."},
    )

    # Errors from the service on these model fields are shown on these form fields.
    FELT_FOR_MODELFELT = {"ansoegningsfrist": "frist_dato"}

    def __init__(self, *args, program: Program | None = None, **kwargs):
        if program is not None:
            frist = dansk_tid(program.ansoegningsfrist)
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
        if program is None:
            kopi_fra = self.fields["kopi_fra"]
            kopi_fra.queryset = Program.objects.order_by("-startdato", "navn")
            kopi_fra.label_from_instance = lambda p: f"Kopi af {p.navn}"
        else:
            del self.fields["kopi_fra"]  # a programme's set-up is changed on its own page, version by version
        self.helper = FormHelper()
        self.helper.add_input(Submit("gem", "Gem ændringer" if program else "Opret program"))

    def clean(self):
        data = super().clean()
        start, slut = data.get("startdato"), data.get("slutdato")
        if start and slut and slut < start:
            self.add_error("slutdato", "Slutdatoen skal ligge efter startdatoen.")
        frist = saml_tidspunkt(self, "frist_dato", "frist_tid")
        if frist is not None:
            data["ansoegningsfrist"] = frist
        return data

    def service_data(self) -> dict:
        """The keyword arguments for program_opret / program_opdater."""
        d = self.cleaned_data
        kopi = {"kopi_fra": d["kopi_fra"]} if "kopi_fra" in self.fields else {}
        return kopi | {
            "navn": d["navn"],
            "beskrivelse": d["beskrivelse"],
            "startdato": d["startdato"],
            "slutdato": d["slutdato"],
            "samlet_budget": d["samlet_budget"],
            "ansoegningsfrist": d["ansoegningsfrist"],
            "status": d["status"],
        }
