from datetime import datetime, time

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Fieldset, Layout, Submit
from django import forms
from django.urls import reverse

from forebyggelse.formatering import tal
from forebyggelse.forms import dato_felt, klokkeslaet_felt, saml_tidspunkt
from kommuner.models import ANMODNING_MAKS, Ansoegning, Genaabningsanmodning
from kommuner.selectors import besvarelse
from kommuner.services.ansoegninger import REDIGERBARE_FELTER, SEKTION_A, Ansoegningsindhold, budgetfejl


class AnsoegningForm(forms.ModelForm):
    """Section A (fixed), the sections of the programme's form as its set-up has them, and the budget per year:
    the amount applied for and, where the programme requires co-financing, the municipality's own share."""

    class Meta:
        model = Ansoegning
        fields = REDIGERBARE_FELTER

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.afsnit = list(self.instance.opsaetning.afsnit.all())
        self.medfinansiering = self.instance.opsaetning.medfinansiering_procent
        self._afsnitsfelter()
        budgetfelter = self._budgetfelter()
        self.fields["cvr"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        self.helper = FormHelper()
        self.helper.form_tag = True
        self.helper.layout = Layout(
            Fieldset("A. Kommunen", *SEKTION_A, "afventer_politisk_godkendelse"),
            *[Fieldset(a.overskrift, f"afsnit_{a.nr}") for a in self.afsnit],
            Fieldset("Budget", *budgetfelter),
            HTML(
                '<p class="form-hint">Du kan gemme en kladde når som helst. '
                "Alt skal først være udfyldt, når I indsender.</p>"
            ),
        )
        self.helper.add_input(Submit("gem", "Gem kladde"))
        self.helper.add_input(Submit("gem_og_se", "Gem og gå til indsendelse", css_class="button-secondary"))

    def _afsnitsfelter(self) -> None:
        """One text field per section of the form the application is written in."""
        gemte = {b.afsnit.nr: b.tekst for b in besvarelse(self.instance)} if self.instance.pk else {}
        if self.is_bound:
            # Browsers count a line break as one character but send two; count as the live counter did.
            self.data = self.data.copy()
            for a in self.afsnit:
                if f"afsnit_{a.nr}" in self.data:
                    self.data[f"afsnit_{a.nr}"] = self.data[f"afsnit_{a.nr}"].replace("\r\n", "\n")
        for a in self.afsnit:
            self.fields[f"afsnit_{a.nr}"] = forms.CharField(
                label=a.overskrift,
                required=False,
                max_length=a.tegngraense,
                initial=gemte.get(a.nr, ""),
                widget=forms.Textarea(attrs={"rows": 8}),
                help_text=" ".join(
                    filter(None, [a.hjaelp, f"Højst {tal(a.tegngraense)} tegn.", "" if a.paakraevet else "Frivilligt."])
                ),
                error_messages={
                    "max_length": f"{a.overskrift} må højst være {tal(a.tegngraense)} tegn (den har %(show_value)s)."
                },
            )

    def _budgetfelter(self) -> list[str]:
        """The amount applied for per programme year and, where the programme requires co-financing, the
        municipality's own money per year; returns the fields' names in order."""
        opsaetning, program = self.instance.opsaetning, self.instance.program
        eksisterende = {b.aar: b for b in self.instance.beloeb.all()} if self.instance.pk else {}
        hjaelp = "Hele kroner, uden punktummer."
        if opsaetning.maks_beloeb is not None:
            hjaelp += f" En kommune kan højst søge {tal(opsaetning.maks_beloeb)} kr. i alt."
        navne = []
        for aar in program.aar:
            self.fields[f"beloeb_{aar}"] = forms.IntegerField(
                label=f"Ansøgt beløb {aar} (kr.)",
                required=False,
                min_value=0,
                max_value=program.samlet_budget,
                initial=eksisterende[aar].beloeb if aar in eksisterende else None,
                help_text=hjaelp,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )
            navne.append(f"beloeb_{aar}")
            if self.medfinansiering:
                self.fields[f"egenfinansiering_{aar}"] = forms.IntegerField(
                    label=f"Kommunens egenfinansiering {aar} (kr.)",
                    required=False,
                    min_value=0,
                    initial=eksisterende[aar].egenfinansiering if aar in eksisterende else None,
                    help_text=f"Kommunen skal selv finansiere mindst {self.medfinansiering} % af projektets samlede "
                    "budget (ansøgt beløb + egenfinansiering).",
                    widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                )
                navne.append(f"egenfinansiering_{aar}")
        return navne

    def clean(self):
        data = super().clean()
        for felt, fejl in budgetfejl(self.instance.opsaetning, self.beloeb, self.egenfinansiering).items():
            if felt in self.fields and felt not in self.errors:
                self.add_error(felt, fejl)
        return data

    @property
    def indhold(self) -> Ansoegningsindhold:
        return Ansoegningsindhold(
            **{felt: self.cleaned_data[felt] for felt in REDIGERBARE_FELTER},
            svar={a.nr: self.cleaned_data.get(f"afsnit_{a.nr}", "") for a in self.afsnit},
        )

    @property
    def beloeb(self) -> dict[int, int | None]:
        return {aar: self.cleaned_data.get(f"beloeb_{aar}") for aar in self.instance.program.aar}

    @property
    def egenfinansiering(self) -> dict[int, int | None]:
        if not self.medfinansiering:
            return {}
        return {aar: self.cleaned_data.get(f"egenfinansiering_{aar}") for aar in self.instance.program.aar}


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
