from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.db.models import QuerySet
from django.template.defaultfilters import pluralize

from evaluering import tidsangivelse
from evaluering.models import (
    Dagsordenspunkt,
    Fremmoedestatus,
    Moede,
    Moedeart,
    Punktart,
    Punkttype,
    Tidsplanpunkt,
)
from evaluering.snapshot import valgbare_indholdsarter
from forebyggelse.formatering import dansk_tid
from forebyggelse.forms import dato_felt, klokkeslaet_felt, saml_tidspunkt
from forebyggelse.samtidighed import VersionForm
from kommuner.models import Program


def _helper(knap: str) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("gem", knap))
    return helper


class TidsplanpunktForm(forms.Form):
    FELT_FOR_MODELFELT = {"start": "tidspunkt", "slut": "tidspunkt", "praecision": "tidspunkt"}

    art = forms.ChoiceField(label="Art", choices=Punktart.choices, error_messages={"required": "Vælg en art."})
    titel = forms.CharField(
        label="Titel", max_length=200, error_messages={"required": "Skriv en titel, fx 2. netværksmøde."}
    )
    tidspunkt = forms.CharField(
        label="Tidspunkt",
        max_length=60,
        help_text="En dato (8.2.2011), en uge (uge 7, 2011), en måned (maj 2011) eller en periode (feb.–apr. 2011).",
        error_messages={"required": tidsangivelse.UGYLDIG},
    )
    beskrivelse = forms.CharField(label="Beskrivelse", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    henvisning = forms.CharField(
        label="Henvisning",
        required=False,
        max_length=300,
        help_text="Adressen på en side i portalen, punktet handler om, fx /programmer/1/budget/ (valgfri).",
    )

    def __init__(self, *args, punkt: Tidsplanpunkt | None = None, **kwargs):
        if punkt is not None:
            kwargs.setdefault(
                "initial",
                {
                    "art": punkt.art,
                    "titel": punkt.titel,
                    "tidspunkt": punkt.tidsangivelse,
                    "beskrivelse": punkt.beskrivelse,
                    "henvisning": punkt.henvisning,
                },
            )
        super().__init__(*args, **kwargs)
        self.helper = _helper("Gem punktet")

    def clean_tidspunkt(self):
        return tidsangivelse.fortolk(self.cleaned_data["tidspunkt"])

    def service_data(self) -> dict:
        d = self.cleaned_data
        return {
            "art": d["art"],
            "titel": d["titel"],
            "tid": d["tidspunkt"],
            "beskrivelse": d["beskrivelse"],
            "henvisning": d["henvisning"],
        }


class MoedeForm(VersionForm):
    """A meeting's facts; date and times are typed in Danish time. `version` guards against lost updates."""

    FELT_FOR_MODELFELT = {"start": "dato", "slut": "slut_tid"}

    art = forms.ChoiceField(label="Mødetype", choices=Moedeart.choices)
    nummer = forms.IntegerField(
        label="Nummer", required=False, min_value=1, max_value=99, help_text="Fx 2 for 2. netværksmøde (valgfrit)."
    )
    dato = dato_felt("Dato", "Skriv mødets dato.")
    start_tid = klokkeslaet_felt("Begynder kl.", "Skriv, hvornår mødet begynder.")
    slut_tid = klokkeslaet_felt("Slutter kl.", "Skriv, hvornår mødet slutter.")
    sted = forms.CharField(label="Sted", max_length=300, error_messages={"required": "Skriv, hvor mødet holdes."})
    fokus = forms.CharField(label="Fokus", max_length=300, required=False, help_text="Fx opfølgning og dokumentation.")
    tidsplanpunkt = forms.ModelChoiceField(
        label="Punkt i tidsplanen",
        queryset=Tidsplanpunkt.objects.none(),
        required=False,
        empty_label="Intet (mødet vises for sig selv)",
        help_text="Det planlagte møde i tidsplanen, som dette møde er.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)  # none for a new meeting

    def __init__(self, *args, program: Program, moede: Moede | None = None, **kwargs):
        if moede is not None:
            start, slut = dansk_tid(moede.start), dansk_tid(moede.slut)
            kwargs.setdefault(
                "initial",
                {
                    "art": moede.art,
                    "nummer": moede.nummer,
                    "dato": start.date(),
                    "start_tid": start.time().replace(second=0, microsecond=0),
                    "slut_tid": slut.time().replace(second=0, microsecond=0),
                    "sted": moede.sted,
                    "fokus": moede.fokus,
                    "tidsplanpunkt": moede.tidsplanpunkt_id,
                    "version": moede.version,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["tidsplanpunkt"].queryset = Tidsplanpunkt.objects.filter(program=program, art=Punktart.MOEDE)
        self.helper = _helper("Gem mødet" if moede else "Planlæg mødet")

    def clean(self):
        data = super().clean()
        start = saml_tidspunkt(self, "dato", "start_tid")
        slut = saml_tidspunkt(self, "dato", "slut_tid")
        if start and slut and slut <= start:
            self.add_error("slut_tid", "Mødet skal slutte efter, at det begynder.")
        data["start"], data["slut"] = start, slut
        return data

    def service_data(self) -> dict:
        d = self.cleaned_data
        return {
            "art": d["art"],
            "nummer": d["nummer"],
            "start": d["start"],
            "slut": d["slut"],
            "sted": d["sted"],
            "fokus": d["fokus"],
            "tidsplanpunkt": d["tidsplanpunkt"],
        }


class DagsordenspunktForm(forms.Form):
    titel = forms.CharField(label="Punkt", max_length=300, error_messages={"required": "Skriv dagsordenspunktet."})
    oplaegsholder = forms.CharField(label="Oplægsholder", max_length=200, required=False)
    varighed = forms.IntegerField(
        label="Varighed (minutter)",
        required=False,
        min_value=1,
        max_value=600,
        error_messages={
            "min_value": "Varigheden skal være mindst 1 minut.",
            "invalid": "Skriv et helt antal minutter.",
        },
    )
    noter = forms.CharField(label="Noter", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Tilføj punkt")


class DagsordenspunktRedigerForm(VersionForm, DagsordenspunktForm):
    """An agenda item changed before the meeting; `version` guards against two people editing it at once."""

    KONFLIKTFELTER = ("titel", "oplaegsholder", "varighed", "noter")

    def __init__(self, *args, punkt: Dagsordenspunkt, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "titel": punkt.titel,
                "oplaegsholder": punkt.oplaegsholder,
                "varighed": punkt.varighed,
                "noter": punkt.noter,
                "version": punkt.version,
            },
        )
        super().__init__(*args, **kwargs)
        self.helper = _helper("Gem punktet")

    def service_data(self) -> dict:
        d = self.cleaned_data
        return {
            "titel": d["titel"],
            "oplaegsholder": d["oplaegsholder"],
            "varighed": d["varighed"],
            "noter": d["noter"],
        }


class ReferatForm(VersionForm):
    """The minutes: a field per agenda item (what was discussed under it) and the general notes, saved together
    against the meeting's version."""

    referat = forms.CharField(
        label="Generelle noter",
        required=False,
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Det, der ikke hører til et bestemt punkt på dagsordenen.",
    )

    def __init__(self, *args, moede: Moede, dagsorden: list[Dagsordenspunkt], **kwargs):
        initial = {"referat": moede.referat, "version": moede.version}
        initial |= {f"punkt_{p.pk}": p.referat for p in dagsorden}
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.dagsorden = {f"punkt_{p.pk}": p for p in dagsorden}
        generelt = self.fields.pop("referat")
        for navn, punkt in self.dagsorden.items():
            self.fields[navn] = forms.CharField(
                label=f"{punkt.nummer}. {punkt.titel}",
                required=False,
                max_length=20_000,
                widget=forms.Textarea(attrs={"rows": 5}),
            )
        self.fields["referat"] = generelt
        self.KONFLIKTFELTER = ("referat", *self.dagsorden)
        self.helper = _helper("Gem referatet")

    def gemt_vaerdi(self, nuvaerende: Moede, navn: str):
        if navn in self.dagsorden:
            return Dagsordenspunkt.objects.filter(pk=self.dagsorden[navn].pk).values_list("referat", flat=True).first()
        return super().gemt_vaerdi(nuvaerende, navn)

    def punkter(self) -> dict[int, str]:
        return {punkt.pk: self.cleaned_data[navn] for navn, punkt in self.dagsorden.items()}


class OpfoelgningspunktForm(forms.Form):
    art = forms.ChoiceField(label="Art", choices=Punkttype.choices, widget=forms.RadioSelect, initial="beslutning")
    dagsordenspunkt = forms.ModelChoiceField(
        label="Under punkt",
        queryset=Dagsordenspunkt.objects.none(),
        required=False,
        empty_label="Generelt (intet bestemt punkt)",
    )
    tekst = forms.CharField(
        label="Tekst",
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Skriv beslutningen eller opfølgningspunktet."},
    )
    ansvarlig = forms.CharField(
        label="Ansvarlig",
        max_length=200,
        required=False,
        help_text="Skal udfyldes for et opfølgningspunkt, fx Ministeriet, evaluator eller kommunerne.",
    )
    frist = dato_felt("Frist", hjaelp="Skal udfyldes for et opfølgningspunkt.", required=False)

    def __init__(self, *args, moede: Moede, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dagsordenspunkt"].queryset = Dagsordenspunkt.objects.filter(moede=moede)
        self.helper = _helper("Tilføj")


class FremmoedeForm(forms.Form):
    """Attendance of one municipality; the page shows one of these per municipality the user may record."""

    status = forms.ChoiceField(
        label="Fremmøde",
        choices=Fremmoedestatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Vælg, om kommunen var til stede, meldte afbud eller var fraværende."},
    )
    deltagere = forms.CharField(
        label="Hvem deltog",
        max_length=500,
        required=False,
        help_text="Navne eller funktioner, når kommunen var til stede.",
    )
    afbudsgrund = forms.CharField(
        label="Grund til afbud", max_length=500, required=False, help_text="Skal udfyldes, når kommunen meldte afbud."
    )
    bemaerkning = forms.CharField(label="Bemærkning", max_length=500, required=False)


class GodkendReferatForm(VersionForm):
    """The approval step: carries the version of the minutes the approver read."""

    def __init__(self, *args, moede: Moede, **kwargs):
        kwargs.setdefault("initial", {"version": moede.version})
        super().__init__(*args, **kwargs)


class DataleveranceForm(forms.Form):
    FELT_FOR_MODELFELT = {"frist": "frist_dato"}

    titel = forms.CharField(label="Titel", max_length=200, help_text="Fx Opfølgning 2012.")
    beskrivelse = forms.CharField(
        label="Beskrivelse",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Hvad evaluator skal bruge leverancen til, og hvad kommunerne skal være opmærksomme på.",
    )
    indhold = forms.MultipleChoiceField(
        label="Indhold",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Vælg mindst én ting, kommunerne skal levere."},
        help_text="Det, kommunerne indsender, fryses, præcis som det er i øjeblikket for indsendelsen. Den sociale "
        "profil leveres for leverancens år eller, uden år, for det nyeste år med nøgletal.",
    )
    aar = forms.TypedChoiceField(label="År", required=False, coerce=int, empty_value=None)
    frist_dato = dato_felt("Frist: dato", "Skriv fristens dato.")
    frist_tid = klokkeslaet_felt("Frist: klokkeslæt", "Skriv fristens klokkeslæt.", initial="12:00")

    def __init__(self, *args, program: Program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indhold"].choices = valgbare_indholdsarter()
        self.fields["aar"].choices = [("", "Ikke et bestemt år"), *[(a, str(a)) for a in program.aar]]
        self.helper = _helper("Bestil leverancen")

    def clean(self):
        data = super().clean()
        data["frist"] = saml_tidspunkt(self, "frist_dato", "frist_tid")
        return data

    def service_data(self) -> dict:
        d = self.cleaned_data
        return {
            "titel": d["titel"],
            "beskrivelse": d["beskrivelse"],
            "indhold": d["indhold"],
            "aar": d["aar"],
            "frist": d["frist"],
        }


class KopierFraProgramForm(forms.Form):
    """Which other programme the timeline or the deliveries are copied from; the list shows how much each has."""

    fra = forms.ModelChoiceField(
        label="Kopiér fra",
        queryset=Program.objects.none(),
        empty_label="Vælg et program",
        error_messages={
            "required": "Vælg det program, der skal kopieres fra.",
            "invalid_choice": "Vælg et program fra listen.",
        },
    )

    def __init__(self, *args, kilder: QuerySet[Program], enhed: str, knap: str, action: str, **kwargs):
        """`kilder` carry their count as `antal`; `enhed` is what is counted, "ental,flertal" as for `pluralize`."""
        super().__init__(*args, **kwargs)
        self.fields["fra"].queryset = kilder
        self.fields["fra"].label_from_instance = lambda p: f"{p.navn} ({p.antal} {pluralize(p.antal, enhed)})"
        self.helper = _helper(knap)
        self.helper.form_action = action


class LeverancevurderingForm(forms.Form):
    resultat = forms.ChoiceField(
        label="Resultat",
        choices=[("godkendt", "Godkend leverancen"), ("sendt_tilbage", "Send tilbage med kommentar")],
        widget=forms.RadioSelect,
        error_messages={"required": "Vælg, om leverancen godkendes eller sendes tilbage."},
    )
    kommentar = forms.CharField(
        label="Kommentar",
        required=False,
        max_length=4_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Skal udfyldes, når leverancen sendes tilbage: hvad skal kommunen rette?",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Gem")
