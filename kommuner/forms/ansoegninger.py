from datetime import datetime, time

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Fieldset, Layout, Submit
from django import forms
from django.urls import reverse

from forebyggelse.formatering import tal
from forebyggelse.forms import dato_felt, klokkeslaet_felt, saml_tidspunkt
from kommuner.models import ANMODNING_MAKS, TEGNGRAENSER, Ansoegning, Genaabningsanmodning
from kommuner.services.ansoegninger import REDIGERBARE_FELTER, SEKTION_A, Ansoegningsindhold


class AnsoegningForm(forms.ModelForm):
    """Sections A–G of the expression of interest, plus the amount applied for per programme year."""

    class Meta:
        model = Ansoegning
        fields = REDIGERBARE_FELTER
        widgets = {felt: forms.Textarea(attrs={"rows": 8}) for felt in TEGNGRAENSER}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            # Browsers count a line break as one character but send two; count as the live counter did.
            self.data = self.data.copy()
            for felt in TEGNGRAENSER:
                if felt in self.data:
                    self.data[felt] = self.data[felt].replace("\r\n", "\n")
        program = self.instance.program
        eksisterende = {b.aar: b.beloeb for b in self.instance.beloeb.all()} if self.instance.pk else {}
        for aar in program.aar:
            self.fields[f"beloeb_{aar}"] = forms.IntegerField(
                label=f"Ansøgt beløb {aar} (kr.)",
                required=False,
                min_value=0,
                max_value=program.samlet_budget,
                initial=eksisterende.get(aar),
                help_text="Hele kroner, uden punktummer.",
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )
        for felt, graense in TEGNGRAENSER.items():
            self.fields[felt].help_text = f"{self.fields[felt].help_text} Højst {tal(graense)} tegn."
        self.fields["cvr"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        self.helper = FormHelper()
        self.helper.form_tag = True
        self.helper.layout = Layout(
            Fieldset("A. Kommunen", *SEKTION_A),
            Fieldset("B. Beslutning", "beslutningsniveau", "afventer_politisk_godkendelse"),
            Fieldset("C. Baggrund", "baggrund"),
            Fieldset("D. Opstart og fremdrift", "opstart"),
            Fieldset("E. Projektdesign og budget", "projektdesign", *[f"beloeb_{aar}" for aar in program.aar]),
            Fieldset("F. Bemanding", "bemanding"),
            Fieldset("G. Tidsplan", "tidsplan"),
            HTML(
                '<p class="form-hint">Du kan gemme en kladde når som helst. '
                "Alt skal først være udfyldt, når I indsender.</p>"
            ),
        )
        self.helper.add_input(Submit("gem", "Gem kladde"))
        self.helper.add_input(Submit("gem_og_se", "Gem og gå til indsendelse", css_class="button-secondary"))

    @property
    def indhold(self) -> Ansoegningsindhold:
        return Ansoegningsindhold(**{felt: self.cleaned_data[felt] for felt in REDIGERBARE_FELTER})

    @property
    def beloeb(self) -> dict[int, int | None]:
        return {aar: self.cleaned_data.get(f"beloeb_{aar}") for aar in self.instance.program.aar}


class TilbagesendelseForm(forms.Form):
    kommentar = forms.CharField(
        label="Kommentar til kommunen",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2_000,
        help_text="Skriv, hvad kommunen skal ændre. Kommunens projektledere får kommentaren på e-mail.",
        error_messages={"required": "Skriv, hvad kommunen skal ændre."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("send", "Send tilbage til ændring"))


class GenaabningForm(forms.Form):
    FELT_FOR_MODELFELT = {"aaben_til": "dato"}  # the new deadline is typed as a date and a time of day

    dato = dato_felt("Ny frist, dato", "Vælg datoen for den nye frist.")
    klokkeslaet = klokkeslaet_felt("Ny frist, klokkeslæt", "Vælg klokkeslættet for den nye frist.", initial=time(12, 0))
    begrundelse = forms.CharField(
        label="Begrundelse",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2_000,
        error_messages={"required": "Skriv, hvorfor kommunen får lov at indsende efter fristen."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("genaabn", "Genåbn for kommunen"))

    def clean(self):
        data = super().clean()
        data["aaben_til"] = saml_tidspunkt(self, "dato", "klokkeslaet")
        return data

    @property
    def aaben_til(self) -> datetime:
        """The new deadline: the typed date and Danish time, whatever time zone the server runs in."""
        return self.cleaned_data["aaben_til"]


class GenaabningsanmodningForm(forms.Form):
    """A lead's request to reopen. Ids carry the application's number: the programme page shows one form per
    municipality of the lead."""

    begrundelse = forms.CharField(
        label="Hvorfor har I brug for at indsende efter fristen?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=ANMODNING_MAKS,
        help_text="Ministeriet læser begrundelsen, når det beslutter, om det genåbner for jer. I får svaret på e-mail.",
        error_messages={"required": "Skriv, hvorfor I har brug for at indsende efter fristen."},
    )

    def __init__(self, *args, ansoegning: Ansoegning, **kwargs):
        kwargs.setdefault("auto_id", f"anmodning-{ansoegning.pk}-%s")
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_action = reverse("kommuner:genaabningsanmodning_opret", args=[ansoegning.pk])
        self.helper.add_input(Submit("anmod", "Send anmodningen til ministeriet"))


class AfvisAnmodningForm(forms.Form):
    svar = forms.CharField(
        label="Svar til kommunen",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2_000,
        help_text="Skriv, hvorfor ministeriet ikke genåbner. Kommunens projektledere får svaret på e-mail.",
        error_messages={"required": "Skriv, hvorfor ministeriet ikke genåbner. Kommunen får svaret."},
    )

    def __init__(self, *args, anmodning: Genaabningsanmodning, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_action = reverse("kommuner:genaabningsanmodning_afvis", args=[anmodning.pk])
        self.helper.add_input(Submit("afvis", "Afvis anmodningen", css_class="button-secondary"))
