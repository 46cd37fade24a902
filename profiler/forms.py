import json
import re
from decimal import Decimal, InvalidOperation

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError

from forebyggelse.samtidighed import VersionForm
from kommuner.models import Kommunegruppe, Program
from profiler.importering.kontrol import AAR_MIN, aar_max
from profiler.models import EGNE_DATA, Datastatus, ImportKoersel, Indberetning, Indikator, Kategori, Talfelt
from profiler.permissions import beholdt_importfil

TAL_MOENSTER = re.compile(r"^\d{1,3}(\.\d{3})*(,\d+)?$|^\d+(,\d+)?$")


class DanskTalField(forms.CharField):
    """A number typed the Danish way: '1234,5', '1.234,5' or '1 234'. Empty is None."""

    default_error_messages = {"invalid": "Skriv et tal, fx 1.234 eller 12,5."}

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off", "data-tegngraense": "fra"})

    def prepare_value(self, value):
        return _vis(value) if isinstance(value, Decimal) else value

    def to_python(self, value) -> Decimal | None:
        tekst = "".join(str(value or "").split())
        if not tekst:
            return None
        if not TAL_MOENSTER.match(tekst):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return Decimal(tekst.replace(".", "").replace(",", "."))
        except InvalidOperation:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


def _hjaelper(knap: str | None = None, *, navn: str = "gem") -> FormHelper:
    """Crispy renders the fields and the button; the templates write the <form> tag (action, method). The button's
    id is made from `navn`, so two forms on one page need two names."""
    helper = FormHelper()
    helper.form_tag = False
    if knap:
        helper.add_input(Submit(navn, knap))
    return helper


def _aar_valg() -> list[tuple[int, str]]:
    return [(a, str(a)) for a in range(aar_max(), AAR_MIN - 1, -1)]


# Imports ------------------------------------------------------------------------------------------------------


FIL_HJAELP = "CSV (semikolonsepareret) eller XLSX fra Statistikbanken, eller projektets skabelon. Højst 20 MB."


class ImportForm(forms.Form):
    """The file to import and what it holds. After a refused try the file is kept (`beholdt_fil`, the refused
    run's id): the user changes a choice and tries again, or chooses another file, which replaces it."""

    fil = forms.FileField(
        label="Fil",
        required=False,
        help_text=FIL_HJAELP,
        error_messages={"empty": "Filen er tom."},
    )
    beholdt_fil = forms.CharField(widget=forms.HiddenInput, required=False)
    indikator = forms.ModelChoiceField(
        label="Indikator",
        queryset=Indikator.objects.order_by("raekkefoelge", "kode"),
        required=False,
        empty_label="Skabelonen: indikatorerne står i filen",
        help_text="For en fil fra Statistikbanken: den indikator, tallene hører til.",
    )
    talfelt = forms.ChoiceField(
        label="Filens tal er",
        choices=Talfelt.choices,
        initial=Talfelt.TAELLER,
        widget=forms.RadioSelect,
        help_text="Bruges kun for filer fra Statistikbanken.",
    )
    datastatus = forms.ChoiceField(
        label="Tallenes status", choices=Datastatus.choices, initial=Datastatus.ENDELIG, widget=forms.RadioSelect
    )

    def __init__(self, *args, bruger, **kwargs):
        super().__init__(*args, **kwargs)
        self.bruger = bruger
        self.beholdt: ImportKoersel | None = None
        oensket = self.data.get("beholdt_fil") if self.is_bound else ""
        if oensket:
            self.behold(beholdt_importfil(bruger, oensket))
        # Someone else's file, a run no longer refused or a made-up id: a form error, and the id is dropped.
        self.beholdt_ukendt = bool(oensket) and self.beholdt is None
        self.helper = _hjaelper("Vis, hvad importen vil ændre")

    def behold(self, koersel: ImportKoersel | None) -> None:
        """Keep the refused run's file for the next try: named at the file field, carried in the hidden field."""
        self.beholdt = koersel
        if self.is_bound:
            self.data = self.data.copy()
            self.data["beholdt_fil"] = str(koersel.pk) if koersel else ""
        if koersel is None:
            return
        hjaelp = f"Valgt fil: {koersel.filnavn} — beholdt; vælg en anden fil for at erstatte den. {FIL_HJAELP}"
        # The field's bound copy may already exist (after validation) and holds its own help text.
        self.fields["fil"].help_text = self["fil"].help_text = hjaelp

    def clean(self):
        data = super().clean()
        if data.get("fil") or "fil" in self.errors:
            return data
        if self.beholdt_ukendt:
            self.add_error("fil", "Den fil, du valgte før, kan ikke bruges igen. Vælg filen på ny.")
        elif self.beholdt is None:
            self.add_error("fil", "Vælg den fil, der skal importeres.")
        return data

    def filnavn_og_indhold(self) -> tuple[str, bytes]:
        """The chosen file, or else the kept one."""
        if fil := self.cleaned_data.get("fil"):
            return fil.name, fil.read()
        return self.beholdt.filnavn, bytes(self.beholdt.fil)


class HentForm(forms.Form):
    talfelt = forms.ChoiceField(
        label="Hent",
        choices=[(Talfelt.TAELLER, "Tælleren"), (Talfelt.NAEVNER, "Nævneren")],
        initial=Talfelt.TAELLER,
        widget=forms.RadioSelect,
    )
    fra_aar = forms.TypedChoiceField(label="Fra år", coerce=int, choices=_aar_valg)
    til_aar = forms.TypedChoiceField(label="Til år", coerce=int, choices=_aar_valg)
    datastatus = forms.ChoiceField(
        label="Tallenes status", choices=Datastatus.choices, initial=Datastatus.ENDELIG, widget=forms.RadioSelect
    )

    def __init__(self, *args, indikator: Indikator, **kwargs):
        kwargs.setdefault("initial", {"fra_aar": aar_max() - 3, "til_aar": aar_max() - 1})
        super().__init__(*args, **kwargs)
        valg = [(m, tekst) for m, tekst in self.fields["talfelt"].choices if _kan_hentes(indikator, m)]
        self.fields["talfelt"].choices = valg
        if valg:
            self.fields["talfelt"].initial = valg[0][0]
        self.helper = _hjaelper("Hent fra Danmarks Statistik")


def _kan_hentes(indikator: Indikator, talfelt: str) -> bool:
    from profiler.importering.dst_api import kan_hentes

    return kan_hentes(indikator, Talfelt.VAERDI if (talfelt == Talfelt.TAELLER and indikator.kun_rate) else talfelt)[0]


# The catalogue -----------------------------------------------------------------------------------------------


class JsonFelt(forms.CharField):
    widget = forms.Textarea

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.update({"rows": 3, "spellcheck": "false", "data-tegngraense": "fra"})

    def prepare_value(self, value):
        if isinstance(value, dict):
            return json.dumps(value, ensure_ascii=False) if value else ""
        return value

    def to_python(self, value) -> dict:
        tekst = (value or "").strip()
        if not tekst:
            return {}
        try:
            data = json.loads(tekst)
        except ValueError:
            raise ValidationError('Skriv forespørgslen som JSON, fx {"omraade": "OMRÅDE", "tid": "aar"}.') from None
        if not isinstance(data, dict) or data.get("tid") not in {"aar", "kvartal", "maaned"}:
            raise ValidationError('Forespørgslen skal have "tid": "aar", "kvartal" eller "maaned".')
        variabler = data.get("variabler", {})
        if not isinstance(variabler, dict) or not all(isinstance(v, list) for v in variabler.values()):
            raise ValidationError('"variabler" skal være et objekt med lister af koder, fx {"ALDER": ["IALT"]}.')
        return data


class IndikatorForm(VersionForm, forms.ModelForm):
    faktor = DanskTalField(
        label="Faktor",
        required=True,
        help_text=Indikator._meta.get_field("faktor").help_text,
        error_messages={"required": "Skriv faktoren, fx 1000 for pr. 1.000 eller 100 for pct."},
    )
    taeller_dst = JsonFelt(
        label="Tællerens forespørgsel til Statistikbanken",
        help_text='Fx {"omraade": "OMRÅDE", "tid": "kvartal", "variabler": {"OVERTRÆD": ["TOT"]}}; '
        '"summer": ["ALDER"] lægger værdierne sammen.',
    )
    naevner_dst = JsonFelt(label="Nævnerens forespørgsel til Statistikbanken")

    class Meta:
        model = Indikator
        fields = [
            "kode",
            "navn",
            "definition",
            "kategori",
            "enhed",
            "faktor",
            "decimaler",
            "taeller_definition",
            "taeller_kilde",
            "taeller_aarsdannelse",
            "taeller_dst",
            "naevner_definition",
            "naevner_kilde",
            "naevner_aarsdannelse",
            "naevner_dst",
            "kun_rate",
            "bedre",
            "undertrykkes",
            "undertrykkelsesgraense",
            "del_af",
            "standard",
            "raekkefoelge",
        ]
        widgets = {
            "definition": forms.Textarea(attrs={"rows": 3}),
            "taeller_definition": forms.Textarea(attrs={"rows": 2}),
            "naevner_definition": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["del_af"].queryset = Indikator.objects.filter(del_af__isnull=True).exclude(pk=self.instance.pk or 0)
        self.fields["del_af"].empty_label = "Ingen: indikatoren er ikke en del af en total"
        self.fields["version"].initial = self.instance.version if self.instance.pk else 0
        if self.instance.pk:
            self.fields["kode"].disabled = True
            self.fields["kode"].help_text = "Koden kan ikke ændres: filer og mål henviser til den."
        self.helper = _hjaelper("Gem indikatoren")

    def validate_unique(self):
        pass  # the service's full_clean checks uniqueness, with the same messages

    def _post_clean(self):
        pass  # the service builds and validates the model


# Profiles --------------------------------------------------------------------------------------------------


class IndikatorvalgForm(VersionForm):
    indikatorer = forms.ModelMultipleChoiceField(
        label="Nøgletal i profilen",
        queryset=Indikator.objects.order_by("raekkefoelge", "kode"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Vælg ingen for at bruge standardprofilen.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _hjaelper("Gem valget af nøgletal")


def _gruppenavn(gruppe: Kommunegruppe) -> str:
    return f"{gruppe.navn} ({gruppe.kilde})" if gruppe.kilde else gruppe.navn


class SammenligningsgruppeForm(forms.Form):
    sammenligningsgruppe = forms.ModelChoiceField(
        label="Sammenligningsgruppe",
        queryset=Kommunegruppe.objects.order_by("kode"),
        required=False,
        empty_label="Kommunens egen kommunegruppe",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sammenligningsgruppe"].label_from_instance = lambda g: (
            f"{g.navn} ({g.kilde})" if g.kilde else g.navn
        )
        # The profile settings page shows this form above the choice of key figures, whose button is "gem".
        self.helper = _hjaelper("Skift sammenligningsgruppe", navn="skift")


class FundForm(VersionForm):
    KONFLIKTFELTER = ("tekst",)

    tekst = forms.CharField(
        label="Fund",
        max_length=6_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Fx hvad fokusgruppeinterviews har vist om afsnittets tal.",
        error_messages={"required": "Skriv fundene, eller gå tilbage uden at gemme."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _hjaelper("Gem fund")


# A programme's indicators ------------------------------------------------------------------------------------


UKENDT_NOEGLETAL = (
    "Et af de valgte nøgletal findes ikke i kataloget under {afsnit}. Vælg blandt nøgletallene på listen."
)


class ProgramindikatorForm(forms.Form):
    """The catalogue as checkboxes, one group per section of the profile (`indikatorer_<section>`), in the profile's
    order. `valgte` is the chosen indicators after validation."""

    def __init__(self, *args, katalog: list[Indikator], **kwargs):
        super().__init__(*args, **kwargs)
        self.katalog = {i.pk: i for i in katalog}
        for kategori in Kategori:
            i_afsnit = [i for i in katalog if i.kategori == kategori]
            if not i_afsnit:
                continue
            self.fields[f"indikatorer_{kategori.value}"] = forms.TypedMultipleChoiceField(
                label=kategori.label,
                choices=[(i.pk, i.navn) for i in i_afsnit],
                coerce=int,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                error_messages={"invalid_choice": UKENDT_NOEGLETAL.format(afsnit=kategori.label)},
            )
        self.helper = _hjaelper("Gem nøgletallene")

    @property
    def valgte(self) -> list[Indikator]:
        return [
            self.katalog[pk]
            for navn, vaerdier in self.cleaned_data.items()
            if navn.startswith("indikatorer_")
            for pk in vaerdier
        ]


class KopierProgramindikatorerForm(forms.Form):
    """Which programme's indicators to copy: `programmer` carry their count as `antal` (programmer_med_eget_udvalg)."""

    fra = forms.ModelChoiceField(
        label="Kopiér fra",
        queryset=Program.objects.none(),
        empty_label="Vælg et program",
        error_messages={
            "required": "Vælg det program, hvis nøgletal du vil kopiere.",
            "invalid_choice": "Vælg et af programmerne på listen.",
        },
    )

    def __init__(self, *args, programmer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fra"].queryset = programmer
        self.fields["fra"].label_from_instance = lambda p: f"{p.navn} ({p.antal} nøgletal)"
        self.helper = _hjaelper("Kopiér nøgletallene", navn="kopier")


# Own figures ----------------------------------------------------------------------------------------------


class IndberetningForm(VersionForm):
    """One row per own-data indicator: the numerator, and the denominator where the municipality has it. The
    version may be missing: the first save creates the figures."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def __init__(self, *args, indikatorer: list[Indikator], indberetning: Indberetning | None, **kwargs):
        vaerdier = {v.indikator_id: v for v in indberetning.vaerdier.all()} if indberetning else {}
        initial = {"version": indberetning.version if indberetning else 0}
        for indikator in indikatorer:
            v = vaerdier.get(indikator.pk)
            if v:
                initial[f"taeller_{indikator.kode}"] = _vis(v.vaerdi if indikator.kun_rate else v.taeller)
                initial[f"naevner_{indikator.kode}"] = _vis(v.naevner)
        super().__init__(*args, initial=initial, **kwargs)
        self.indikatorer = indikatorer
        for indikator in indikatorer:
            self.fields[f"taeller_{indikator.kode}"] = DanskTalField(
                label=f"{indikator.navn}: {'værdi' if indikator.kun_rate else 'tæller'}",
                help_text=indikator.taeller_definition,
            )
            if indikator.naevner_kilde == EGNE_DATA:
                self.fields[f"naevner_{indikator.kode}"] = DanskTalField(
                    label=f"{indikator.navn}: nævner", help_text=indikator.naevner_definition
                )
        self.helper = _hjaelper()

    def vaerdier(self):
        from profiler.services.indberetninger import EgenVaerdi

        resultat = []
        for indikator in self.indikatorer:
            tal = self.cleaned_data.get(f"taeller_{indikator.kode}")
            naevner = self.cleaned_data.get(f"naevner_{indikator.kode}")
            if indikator.kun_rate:
                resultat.append(EgenVaerdi(indikator, None, naevner, tal))
            else:
                resultat.append(EgenVaerdi(indikator, tal, naevner))
        return resultat


def _vis(tal: Decimal | None) -> str:
    """A stored number as the user typed it: 1234, 12,5."""
    if tal is None:
        return ""
    return format(tal.normalize(), "f").replace(".", ",")


class SendTilbageForm(forms.Form):
    kommentar = forms.CharField(
        label="Hvad skal kommunen rette?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Skriv, hvad kommunen skal rette."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _hjaelper("Send tilbage til kommunen")


# Exports and the data administration ------------------------------------------------------------------------


class EksportForm(forms.Form):
    format = forms.ChoiceField(
        label="Format", choices=[("csv", "CSV (til dansk Excel)"), ("xlsx", "Excel (XLSX)")], widget=forms.RadioSelect
    )
    indikator = forms.ModelChoiceField(
        label="Indikator",
        queryset=Indikator.objects.order_by("raekkefoelge", "kode"),
        required=False,
        empty_label="Alle indikatorer",
    )
    aar = forms.TypedChoiceField(label="År", coerce=int, required=False, empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aar"].choices = [("", "Alle år"), *_aar_valg()]
        self.helper = _hjaelper("Hent filen")
        self.helper.form_method = "get"


class DataFilterForm(forms.Form):
    indikator = forms.ModelChoiceField(
        label="Indikator", queryset=Indikator.objects.order_by("raekkefoelge", "kode"), empty_label=None
    )
    aar = forms.TypedChoiceField(label="År", coerce=int)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aar"].choices = _aar_valg()
        self.helper = _hjaelper("Vis")
        self.helper.form_method = "get"
