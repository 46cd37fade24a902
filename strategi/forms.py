"""The strategy's forms. Every choice of a focus area, goal, target group or actor offers only the strategy's own;
goals and actions carry the version they were loaded with, so a concurrent save becomes a conflict (409) that keeps
what the user typed."""

from datetime import date
from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Fieldset, Layout, Submit
from django import forms

from forebyggelse.bilag import bilagsfelt
from forebyggelse.formatering import dato
from forebyggelse.forms import KronerField, dato_felt
from forebyggelse.samtidighed import VersionForm
from profiler.models import Indikator, Retning
from profiler.selectors import katalog
from strategi.models import (
    FARVEFORKLARING,
    RETNINGER,
    Aktoer,
    Aktoertype,
    Delstrategi,
    Evidensprogram,
    Farve,
    Fremskridt,
    Handling,
    HandlingStatus,
    Indsatsomraade,
    Kapacitetsenhed,
    Maal,
    MaalArt,
    Maalgruppe,
    Maalgruppetype,
    Strategi,
    Tilbud,
    Trin,
)
from strategi.services.fremskridt import Fremskridtsindhold
from strategi.services.gennemgang import Gennemgangspunkt
from strategi.services.handlinger import Handlingsindhold
from strategi.services.maal import Maalindhold

SIDEN_MANGLER = "Siden mangler oplysninger. Hent den igen."
TAL_FEJL = "Skriv et tal, fx 12,5 (komma som decimaltegn, ingen tusindtalspunktummer)."


def _helper(knap: str, *layout) -> FormHelper:
    helper = FormHelper()
    if layout:
        helper.layout = Layout(*layout)
    helper.add_input(Submit("gem", knap))
    return helper


def _tekstfelt(label: str, maks: int, *, required: bool = False, rows: int = 4, hjaelp: str = "", fejl: str = ""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=maks,
        help_text=hjaelp,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": fejl or f"Skriv {label.lower()}."},
    )


def _tal(label: str, hjaelp: str = "", *, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        localize=True,
        max_digits=14,
        decimal_places=4,
        help_text=hjaelp,
        error_messages={
            "required": f"Skriv {label.lower()}.",
            "invalid": TAL_FEJL,
            "max_digits": "Tallet er for stort.",
            "max_decimal_places": "Skriv højst fire decimaler.",
            "max_whole_digits": "Tallet er for stort.",
        },
    )


def _valg(queryset, label: str, *, required: bool = False, tom: str = "Ingen", fejl: str = ""):
    return forms.ModelChoiceField(
        queryset=queryset,
        label=label,
        required=required,
        empty_label=tom,
        error_messages={
            "required": fejl or f"Vælg {label.lower()}.",
            "invalid_choice": f"Vælg {label.lower()} fra listen.",
        },
    )


def _flere(queryset, label: str, hjaelp: str = "") -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        queryset=queryset,
        label=label,
        required=False,
        help_text=hjaelp,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": f"Vælg kun {label.lower()} fra listen."},
    )


# The strategy -------------------------------------------------------------------------------------------


class StrategiForm(VersionForm):
    KONFLIKTFELTER = ("titel", "vision", "boernepolitik", "boernepolitik_url")
    titel = forms.CharField(label="Titel", max_length=200, error_messages={"required": "Skriv strategiens titel."})
    vision = _tekstfelt("Vision", 4_000, rows=5, hjaelp="Hvad kommunen vil opnå for udsatte børn, unge og familier.")
    boernepolitik = _tekstfelt(
        "Sammenhæng med børnepolitikken",
        4_000,
        hjaelp="Hvordan strategien bygger på kommunens børnepolitik. Politikken kan også vedhæftes eller linkes til.",
    )
    boernepolitik_url = forms.URLField(
        label="Link til børnepolitikken",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="Fx adressen på kommunens hjemmeside.",
        error_messages={"invalid": "Skriv en hel webadresse, fx https://www.kk.dk/boernepolitik."},
    )

    def __init__(self, *args, strategi: Strategi, **kwargs):
        initial = {f: getattr(strategi, f) for f in ("titel", "vision", "boernepolitik", "boernepolitik_url")}
        initial["version"] = strategi.version
        super().__init__(*args, initial=initial, **kwargs)
        self.helper = _helper("Gem")


class KommentarForm(forms.Form):
    tekst = _tekstfelt("Kommentar til kommunen", 4_000, required=True, fejl="Skriv en kommentar til kommunen.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Gem kommentaren")


class GodkendForm(forms.Form):
    kommentar = _tekstfelt(
        "Kommentar til godkendelsen", 4_000, hjaelp="Valgfri. Kommunen ser kommentaren sammen med godkendelsen."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Godkend strategien")


class TilbagesendelseForm(forms.Form):
    kommentar = _tekstfelt(
        "Hvad skal kommunen ændre?", 4_000, required=True, rows=5, fejl="Skriv, hvad kommunen skal ændre."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Send tilbage til ændring")


class VedtagelseForm(forms.Form):
    dato = dato_felt("Dato for vedtagelsen", "Skriv datoen for den politiske vedtagelse.")
    organ = forms.CharField(
        label="Vedtaget af",
        max_length=200,
        help_text="Det politiske organ, fx Socialudvalget eller Borgerrepræsentationen.",
        error_messages={"required": "Skriv, hvilket politisk organ der har vedtaget strategien."},
    )

    def __init__(self, *args, strategi: Strategi, **kwargs):
        initial = {"dato": strategi.vedtaget_dato, "organ": strategi.vedtaget_af}
        super().__init__(*args, initial=initial, **kwargs)
        self.helper = _helper("Registrer vedtagelsen")


# The structure ---------------------------------------------------------------------------------------


class IndsatsomraadeForm(forms.Form):
    navn = forms.CharField(label="Navn", max_length=200, error_messages={"required": "Skriv indsatsområdets navn."})
    beskrivelse = _tekstfelt("Beskrivelse", 4_000)
    maalgrupper = _flere(Maalgruppe.objects.none(), "Målgrupper")
    aktoerer = _flere(Aktoer.objects.none(), "Aktører", "Hvem der er med i arbejdet på indsatsområdet.")

    def __init__(self, *args, strategi: Strategi, indsatsomraade: Indsatsomraade | None = None, **kwargs):
        if indsatsomraade is not None:
            kwargs.setdefault(
                "initial",
                {
                    "navn": indsatsomraade.navn,
                    "beskrivelse": indsatsomraade.beskrivelse,
                    "maalgrupper": list(indsatsomraade.maalgrupper.all()),
                    "aktoerer": list(indsatsomraade.aktoerer.all()),
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["maalgrupper"].queryset = Maalgruppe.objects.filter(strategi=strategi)
        self.fields["aktoerer"].queryset = Aktoer.objects.filter(strategi=strategi)
        self.helper = _helper("Gem indsatsområdet")


class DelstrategiForm(forms.Form):
    navn = forms.CharField(label="Navn", max_length=200, error_messages={"required": "Skriv delstrategiens navn."})
    beskrivelse = _tekstfelt("Beskrivelse", 4_000)

    def __init__(self, *args, delstrategi: Delstrategi | None = None, **kwargs):
        if delstrategi is not None:
            kwargs.setdefault("initial", {"navn": delstrategi.navn, "beskrivelse": delstrategi.beskrivelse})
        super().__init__(*args, **kwargs)
        self.helper = _helper("Gem delstrategien")


class MaalgruppeForm(forms.Form):
    type = forms.ChoiceField(
        label="Målgruppe",
        choices=Maalgruppetype.choices,
        widget=forms.RadioSelect,
        help_text="Programmets forslag, eller kommunens egen målgruppe.",
        error_messages={"required": "Vælg målgruppen."},
    )
    navn = forms.CharField(label="Navn på jeres egen målgruppe", required=False, max_length=200)
    antal_boern = forms.IntegerField(
        label="Forventet antal børn og unge",
        required=False,
        min_value=0,
        help_text="Et skøn over, hvor mange børn og unge der får gavn af indsatsen.",
        error_messages={"invalid": "Skriv et helt antal.", "min_value": "Antallet kan ikke være negativt."},
    )
    beskrivelse = _tekstfelt("Beskrivelse", 2_000)

    def __init__(self, *args, maalgruppe: Maalgruppe | None = None, **kwargs):
        if maalgruppe is not None:
            kwargs.setdefault(
                "initial",
                {f: getattr(maalgruppe, f) for f in ("type", "navn", "antal_boern", "beskrivelse")},
            )
        super().__init__(*args, **kwargs)
        self.helper = _helper("Gem målgruppen")


class AktoerForm(forms.Form):
    type = forms.ChoiceField(
        label="Aktør",
        choices=Aktoertype.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Vælg aktøren."},
    )
    navn = forms.CharField(label="Navn på en anden aktør", required=False, max_length=200)
    rolle = _tekstfelt("Rolle i strategien", 2_000)

    def __init__(self, *args, aktoer: Aktoer | None = None, **kwargs):
        if aktoer is not None:
            kwargs.setdefault("initial", {f: getattr(aktoer, f) for f in ("type", "navn", "rolle")})
        super().__init__(*args, **kwargs)
        self.helper = _helper("Gem aktøren")


class TilbudForm(forms.Form):
    navn = forms.CharField(label="Navn", max_length=200, error_messages={"required": "Skriv tilbuddets navn."})
    art = forms.CharField(
        label="Art",
        max_length=200,
        help_text="Fx åben rådgivning, gruppeforløb, familiebehandling, plejefamilie.",
        error_messages={"required": "Skriv, hvilken slags tilbud det er."},
    )
    trin = forms.TypedChoiceField(
        label="Trin på indsatstrappen",
        choices=[(t.value, f"{t.value}. {t.label}") for t in Trin],
        coerce=int,
        widget=forms.RadioSelect,
        help_text="Fra de mindst til de mest indgribende indsatser.",
        error_messages={"required": "Vælg trinnet på indsatstrappen."},
    )
    maalgruppe = _valg(Maalgruppe.objects.none(), "Målgruppe")
    aktoer = _valg(Aktoer.objects.none(), "Aktør")
    kapacitet = forms.IntegerField(
        label="Kapacitet",
        required=False,
        min_value=0,
        help_text="Pladser eller forløb om året.",
        error_messages={"invalid": "Skriv et helt antal.", "min_value": "Kapaciteten kan ikke være negativ."},
    )
    kapacitetsenhed = forms.ChoiceField(
        label="Pladser eller forløb",
        required=False,
        choices=[("", "Vælg enhed"), *Kapacitetsenhed.choices],
        help_text="Pladser og forløb lægges ikke sammen, så skriv, hvad tallet tæller.",
    )
    boern = forms.IntegerField(
        label="Børn og unge om året",
        required=False,
        min_value=0,
        help_text="Hvor mange børn og unge tilbuddet når om året.",
        error_messages={"invalid": "Skriv et helt antal.", "min_value": "Antallet kan ikke være negativt."},
    )
    udgift = KronerField(
        label="Udgift om året",
        required=False,
        min_value=0,
        help_text="I kroner, hvis I kender den. Fx 1.200.000.",
        error_messages={"invalid": "Skriv et beløb i hele kroner.", "min_value": "Udgiften kan ikke være negativ."},
    )
    evidensprogram = forms.ChoiceField(
        label="Evidensbaseret program",
        required=False,
        choices=[("", "Nej, ikke et evidensbaseret program"), *Evidensprogram.choices],
    )
    beskrivelse = _tekstfelt("Beskrivelse", 2_000)

    def __init__(self, *args, strategi: Strategi, tilbud: Tilbud | None = None, **kwargs):
        if tilbud is not None:
            felter = (
                "navn",
                "art",
                "trin",
                "maalgruppe",
                "aktoer",
                "kapacitet",
                "kapacitetsenhed",
                "boern",
                "udgift",
                "evidensprogram",
                "beskrivelse",
            )
            kwargs.setdefault("initial", {f: getattr(tilbud, f) for f in felter})
        super().__init__(*args, **kwargs)
        self.fields["maalgruppe"].queryset = Maalgruppe.objects.filter(strategi=strategi)
        self.fields["aktoer"].queryset = Aktoer.objects.filter(strategi=strategi)
        self.helper = _helper("Gem tilbuddet")


# Goals ----------------------------------------------------------------------------------------------

EGEN, INDIKATOR = "egen", "indikator"


class IndikatorValg(forms.ModelChoiceField):
    def label_from_instance(self, obj: Indikator) -> str:
        return obj.navn


class MaalForm(VersionForm):
    """A goal. 'Hent tal fra den sociale profil' (the button `hent`) fills in the baseline from the municipality's
    figure for the chosen indicator and year; the page then shows the national and group figures beside it."""

    KONFLIKTFELTER = (
        "tekst",
        "art",
        "indsatsomraade",
        "delstrategi",
        "bidrager_til",
        "indikator",
        "egen_maaling",
        "egen_enhed",
        "baseline_aar",
        "baseline_vaerdi",
        "maal_aar",
        "maalvaerdi",
        "retning",
    )

    indsatsomraade = _valg(Indsatsomraade.objects.none(), "Indsatsområde", required=True, tom=None)
    delstrategi = _valg(Delstrategi.objects.none(), "Delstrategi")
    tekst = _tekstfelt("Mål", 500, required=True, rows=2, fejl="Skriv målet.")
    art = forms.ChoiceField(
        label="Art",
        choices=MaalArt.choices,
        widget=forms.RadioSelect,
        help_text="Forandringsteorien: handlinger → resultater på kort sigt → på længere sigt → effektmål.",
        error_messages={"required": "Vælg, hvilken slags mål det er."},
    )
    bidrager_til = _valg(Maal.objects.none(), "Fører til")
    maalemetode = forms.ChoiceField(
        label="Hvordan måles målet?",
        choices=[(INDIKATOR, "Med en indikator fra den sociale profil"), (EGEN, "Med kommunens egen måling")],
        widget=forms.RadioSelect,
        error_messages={"required": "Vælg, hvordan målet måles."},
    )
    indikator = IndikatorValg(
        queryset=Indikator.objects.none(),
        label="Indikator",
        required=False,
        empty_label="Vælg indikator",
        error_messages={"invalid_choice": "Vælg en indikator fra listen."},
    )
    egen_maaling = forms.CharField(label="Egen måling", required=False, max_length=200)
    egen_enhed = forms.CharField(label="Enhed", required=False, max_length=50, help_text="Fx pct., antal børn, dage.")
    baseline_aar = forms.TypedChoiceField(
        label="Baselineår", coerce=int, error_messages={"required": "Vælg baselineåret."}
    )
    baseline_vaerdi = _tal("Baseline", "For en indikator: hentes fra den sociale profil, men kan rettes.")
    maal_aar = forms.TypedChoiceField(label="Målår", coerce=int, error_messages={"required": "Vælg målåret."})
    maalvaerdi = _tal("Målværdi")
    retning = forms.ChoiceField(
        label="Bedre retning",
        choices=RETNINGER,
        required=False,
        widget=forms.RadioSelect,
        help_text="For en indikator med en bedre retning følger målet indikatoren.",
    )
    bekraeft_retning = forms.BooleanField(
        label="Ja, målet skal med vilje gå mod indikatorens dårligere retning", required=False
    )

    def __init__(self, *args, strategi: Strategi, maal: Maal | None = None, **kwargs):
        if maal is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "indsatsomraade": maal.indsatsomraade_id,
                "delstrategi": maal.delstrategi_id,
                "tekst": maal.tekst,
                "art": maal.art,
                "bidrager_til": maal.bidrager_til_id,
                "maalemetode": INDIKATOR if maal.indikator_id else EGEN,
                "indikator": maal.indikator_id,
                "egen_maaling": maal.egen_maaling,
                "egen_enhed": maal.egen_enhed,
                "baseline_aar": maal.baseline_aar,
                "baseline_vaerdi": maal.baseline_vaerdi.normalize(),
                "maal_aar": maal.maal_aar,
                "maalvaerdi": maal.maalvaerdi.normalize(),
                "retning": maal.retning,
                "bekraeft_retning": maal.retning_bekraeftet,
                "version": maal.version,
            }
        kwargs.setdefault("initial", {"version": 0})
        super().__init__(*args, **kwargs)
        program = strategi.program
        self.fields["indsatsomraade"].queryset = Indsatsomraade.objects.filter(strategi=strategi)
        self.fields["delstrategi"].queryset = Delstrategi.objects.filter(strategi=strategi).select_related(
            "indsatsomraade"
        )
        self.fields["delstrategi"].label_from_instance = lambda d: f"{d.indsatsomraade.navn}: {d.navn}"
        andre = Maal.objects.filter(strategi=strategi).exclude(art=MaalArt.KORT)
        self.fields["bidrager_til"].queryset = andre.exclude(pk=maal.pk) if maal else andre
        self.fields[
            "bidrager_til"
        ].help_text = "Målet længere fremme i kæden, som dette mål bidrager til (kort sigt → længere sigt → effektmål)."
        self.fields["indikator"].queryset = Indikator.objects.all()
        self.fields["indikator"].choices = [("", "Vælg indikator"), *[(i.pk, i.navn) for i in katalog()]]
        self.fields["baseline_aar"].choices = _aar(program.startdato.year - 5, program.slutdato.year)
        self.fields["maal_aar"].choices = _aar(program.startdato.year, program.slutdato.year + 5)
        self.vis_bekraeftelse = bool(self.data.get("bekraeft_retning")) or (
            not self.is_bound and self.initial.get("bekraeft_retning")
        )
        self.helper = FormHelper()
        self.helper.layout = self._layout()
        self.helper.add_input(Submit("gem", "Gem målet"))

    def _layout(self) -> Layout:
        maaling = [
            "maalemetode",
            Div(
                "indikator",
                HTML(
                    '<button type="submit" name="hent" value="1" class="button button-secondary">'
                    "Hent tal fra den sociale profil</button>"
                ),
                css_class="maal-indikator",
            ),
            Div("egen_maaling", "egen_enhed", css_class="maal-egen"),
        ]
        tal_ = ["baseline_aar", "baseline_vaerdi", "maal_aar", "maalvaerdi", "retning"]
        if self.vis_bekraeftelse:
            tal_.append(Field("bekraeft_retning"))
        return Layout(
            Fieldset("Målet", "tekst", "art", "indsatsomraade", "delstrategi", "bidrager_til"),
            Fieldset("Måling", *maaling),
            Fieldset("Baseline og mål", *tal_),
            Field("version"),
        )

    def vis_retningsbekraeftelse(self) -> None:
        self.vis_bekraeftelse = True
        self.helper.layout = self._layout()

    def clean(self):
        data = super().clean()
        metode = data.get("maalemetode")
        if metode == INDIKATOR and not data.get("indikator"):
            self.add_error("indikator", "Vælg indikatoren fra den sociale profil.")
        if metode == EGEN and not (data.get("egen_maaling") or "").strip():
            self.add_error("egen_maaling", "Skriv navnet på jeres egen måling.")
        indikator = data.get("indikator") if metode == INDIKATOR else None
        if not data.get("retning") and (indikator is None or indikator.bedre == Retning.INGEN):
            self.add_error("retning", "Vælg, om højere eller lavere er bedre.")
        delstrategi, omraade = data.get("delstrategi"), data.get("indsatsomraade")
        if delstrategi and omraade and delstrategi.indsatsomraade_id != omraade.pk:
            self.add_error("delstrategi", "Delstrategien hører til et andet indsatsområde.")
        return data

    @property
    def indhold(self) -> Maalindhold:
        data = self.cleaned_data
        indikator = data["indikator"] if data["maalemetode"] == INDIKATOR else None
        return Maalindhold(
            indsatsomraade=data["indsatsomraade"],
            delstrategi=data.get("delstrategi"),
            tekst=data["tekst"],
            art=data["art"],
            bidrager_til=data.get("bidrager_til"),
            indikator=indikator,
            egen_maaling="" if indikator else data["egen_maaling"],
            egen_enhed="" if indikator else data["egen_enhed"],
            baseline_vaerdi=data["baseline_vaerdi"],
            baseline_aar=data["baseline_aar"],
            maalvaerdi=data["maalvaerdi"],
            maal_aar=data["maal_aar"],
            retning=data.get("retning") or (indikator.bedre if indikator else ""),
            retning_bekraeftet=data.get("bekraeft_retning", False),
        )

    def valgt_indikator(self) -> Indikator | None:
        """The indicator the (bound or unbound) form has chosen, if any, without validating the rest."""
        vaerdi = self.data.get("indikator") if self.is_bound else self.initial.get("indikator")
        if not vaerdi:
            return None
        try:
            return Indikator.objects.filter(pk=int(vaerdi)).first()
        except (TypeError, ValueError):
            return None

    def valgt_baselineaar(self) -> int | None:
        vaerdi = self.data.get("baseline_aar") if self.is_bound else self.initial.get("baseline_aar")
        try:
            return int(vaerdi)
        except (TypeError, ValueError):
            return None


def _aar(fra: int, til: int) -> list[tuple[str, str]]:
    return [("", "Vælg år"), *[(str(a), str(a)) for a in range(fra, til + 1)]]


def hentet_maalform(form: MaalForm, *, strategi: Strategi, maal: Maal | None, baseline: Decimal | None) -> MaalForm:
    """The goal form again, unbound so nothing shows as an error, with what the user typed and the baseline filled in
    from the social profile (the municipality's figure for the chosen year) and the indicator's better direction."""
    initial = {navn: form.data.get(navn, "") for navn in form.fields if navn != "bekraeft_retning"}
    initial["maalemetode"] = INDIKATOR
    if baseline is not None:
        initial["baseline_vaerdi"] = str(baseline).replace(".", ",")
    indikator = form.valgt_indikator()
    if indikator is not None and indikator.bedre != Retning.INGEN:
        initial["retning"] = indikator.bedre
    return MaalForm(initial=initial, strategi=strategi, maal=maal)


class SletMaalForm(forms.Form):
    bekraeft = forms.BooleanField(
        label="Ja, slet målet og dets opfølgninger", required=False, help_text="Det kan fortrydes under Slettede mål."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class OpfoelgningForm(forms.Form):
    dato = dato_felt(
        "Dato",
        "Skriv datoen for målingen.",
        "Målt den, eller sidste dag i den periode, målingen dækker. Skal ligge i programmets periode.",
    )
    periode = forms.CharField(label="Periode", required=False, max_length=100, help_text="Valgfri, fx 1. halvår 2012.")
    vaerdi = _tal("Værdi")
    kommentar = _tekstfelt("Kommentar", 2_000, rows=3)
    fil = bilagsfelt(label="Dokumentation", required=False, help_text="Valgfri.")
    bilag_beskrivelse = forms.CharField(label="Beskrivelse af dokumentationen", required=False, max_length=200)

    def __init__(self, *args, maal: Maal, **kwargs):
        super().__init__(*args, **kwargs)
        enhed = maal.enhed
        if enhed:
            self.fields["vaerdi"].label = f"Værdi ({enhed})"
        self.helper = FormHelper()
        self.helper.form_tag = False


# Actions --------------------------------------------------------------------------------------------


class HandlingForm(VersionForm):
    titel = forms.CharField(label="Handling", max_length=300, error_messages={"required": "Skriv handlingen."})
    beskrivelse = _tekstfelt("Beskrivelse", 4_000)
    indsatsomraade = _valg(Indsatsomraade.objects.none(), "Indsatsområde", required=True, tom=None)
    delstrategi = _valg(Delstrategi.objects.none(), "Delstrategi")
    maal = _flere(Maal.objects.none(), "Mål, handlingen tjener")
    ansvarlig = forms.CharField(
        label="Ansvarlig",
        max_length=200,
        help_text="En person eller en enhed.",
        error_messages={"required": "Skriv, hvem der er ansvarlig."},
    )
    aktoerer = _flere(Aktoer.objects.none(), "Aktører")
    start = dato_felt("Start", "Skriv startdatoen.")
    slut = dato_felt("Slut", "Skriv slutdatoen.")
    forventet_udgift = KronerField(
        label="Forventet udgift (kr.)",
        required=False,
        min_value=0,
        help_text="Hele kroner, fx 250.000.",
        error_messages={
            "invalid": "Skriv udgiften i hele kroner, fx 250.000.",
            "min_value": "Udgiften kan ikke være negativ.",
        },
    )
    status = forms.ChoiceField(label="Status", choices=HandlingStatus.choices)
    farve = forms.ChoiceField(
        label="Forudsætninger",
        choices=[(f.value, f"{f.label}: {FARVEFORKLARING[f]}") for f in Farve],
        widget=forms.RadioSelect,
        error_messages={"required": "Vælg handlingens forudsætninger (grøn, gul eller rød)."},
    )

    FELTER = [
        "titel",
        "beskrivelse",
        "indsatsomraade",
        "delstrategi",
        "maal",
        "ansvarlig",
        "aktoerer",
        "start",
        "slut",
        "forventet_udgift",
        "status",
        "farve",
    ]
    KONFLIKTFELTER = FELTER

    def __init__(self, *args, strategi: Strategi, handling: Handling | None = None, **kwargs):
        if handling is not None:
            initial = {f: getattr(handling, f) for f in self.FELTER if f not in {"maal", "aktoerer"}}
            initial |= {"maal": list(handling.maal.all()), "aktoerer": list(handling.aktoerer.all())}
            initial["version"] = handling.version
            kwargs.setdefault("initial", initial)
        else:
            kwargs.setdefault("initial", {"version": 0})
        super().__init__(*args, **kwargs)
        self.fields["indsatsomraade"].queryset = Indsatsomraade.objects.filter(strategi=strategi)
        self.fields["delstrategi"].queryset = Delstrategi.objects.filter(strategi=strategi).select_related(
            "indsatsomraade"
        )
        self.fields["delstrategi"].label_from_instance = lambda d: f"{d.indsatsomraade.navn}: {d.navn}"
        self.fields["maal"].queryset = Maal.objects.filter(strategi=strategi).order_by("pk")
        self.fields["aktoerer"].queryset = Aktoer.objects.filter(strategi=strategi)
        self.helper = _helper(
            "Gem handlingen",
            Fieldset("Handlingen", "titel", "beskrivelse", "indsatsomraade", "delstrategi", "maal"),
            Fieldset("Ansvar og tid", "ansvarlig", "aktoerer", "start", "slut", "forventet_udgift"),
            Fieldset("Status og forudsætninger", "status", "farve"),
            Field("version"),
        )

    def clean(self):
        data = super().clean()
        start, slut = data.get("start"), data.get("slut")
        if start and slut and slut < start:
            self.add_error("slut", "Slutdatoen kan ikke ligge før startdatoen.")
        delstrategi, omraade = data.get("delstrategi"), data.get("indsatsomraade")
        if delstrategi and omraade and delstrategi.indsatsomraade_id != omraade.pk:
            self.add_error("delstrategi", "Delstrategien hører til et andet indsatsområde.")
        return data

    @property
    def indhold(self) -> Handlingsindhold:
        data = self.cleaned_data
        return Handlingsindhold(
            indsatsomraade=data["indsatsomraade"],
            delstrategi=data.get("delstrategi"),
            titel=data["titel"],
            beskrivelse=data["beskrivelse"],
            ansvarlig=data["ansvarlig"],
            start=data["start"],
            slut=data["slut"],
            forventet_udgift=data.get("forventet_udgift"),
            status=data["status"],
            farve=data["farve"],
            maal=tuple(data["maal"]),
            aktoerer=tuple(data["aktoerer"]),
        )


# The annual review ----------------------------------------------------------------------------------

VAELG = {"class": "form-select"}
INPUT = {"class": "form-input"}


class GennemgangForm(forms.Form):
    """The year reviewed, the conclusion, and per action its colour, status and end date after the review."""

    aar = forms.TypedChoiceField(label="Gennemgangen gælder", coerce=int, error_messages={"required": "Vælg året."})
    konklusion = _tekstfelt(
        "Konklusion",
        4_000,
        required=True,
        rows=5,
        hjaelp="Hvad gennemgangen viste, og hvad der ændres i handleplanen.",
        fejl="Skriv, hvad gennemgangen viste, og hvad der ændres.",
    )

    def __init__(self, *args, strategi: Strategi, handlinger: list[Handling], numre: dict[int, str], **kwargs):
        initial = {}
        for h in handlinger:
            initial |= {f"farve_{h.pk}": h.farve, f"status_{h.pk}": h.status, f"slut_{h.pk}": h.slut}
        super().__init__(*args, initial=initial, **kwargs)
        # Only the year that is due: never an earlier year once a later one is reviewed.
        aar = strategi.forfaldent_gennemgangsaar()
        self.fields["aar"].choices = [(str(aar), str(aar))] if aar else [("", "Intet år")]
        self.fields["aar"].initial = aar
        self.handlinger = handlinger
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout("aar", "konklusion")
        self.raekker = []
        for h in handlinger:
            nr = numre[h.pk]
            self.fields[f"farve_{h.pk}"] = forms.ChoiceField(
                label=f"Forudsætninger for {nr}", choices=Farve.choices, widget=forms.Select(attrs=VAELG)
            )
            self.fields[f"status_{h.pk}"] = forms.ChoiceField(
                label=f"Status for {nr}", choices=HandlingStatus.choices, widget=forms.Select(attrs=VAELG)
            )
            slut = dato_felt(f"Slut for {nr}", f"Skriv slutdatoen for {nr}.")
            slut.widget.attrs |= INPUT
            self.fields[f"slut_{h.pk}"] = slut
            self.fields[f"bemaerkning_{h.pk}"] = forms.CharField(
                label=f"Bemærkning til {nr}", required=False, max_length=1_000, widget=forms.TextInput(attrs=INPUT)
            )
            self.raekker.append(
                (
                    nr,
                    h,
                    self[f"farve_{h.pk}"],
                    self[f"status_{h.pk}"],
                    self[f"slut_{h.pk}"],
                    self[f"bemaerkning_{h.pk}"],
                )
            )

    def clean(self):
        data = super().clean()
        for h in self.handlinger:
            slut = data.get(f"slut_{h.pk}")
            if slut and slut < h.start:
                self.add_error(f"slut_{h.pk}", f"Slutdatoen kan ikke ligge før startdatoen ({dato(h.start)}).")
        return data

    @property
    def punkter(self) -> list[Gennemgangspunkt]:
        data = self.cleaned_data
        return [
            Gennemgangspunkt(
                handling=h,
                farve=data[f"farve_{h.pk}"],
                status=data[f"status_{h.pk}"],
                slut=data[f"slut_{h.pk}"],
                bemaerkning=data[f"bemaerkning_{h.pk}"],
            )
            for h in self.handlinger
        ]


# Progress during the year ---------------------------------------------------------------------------


class FremskridtForm(VersionForm):
    """Progress on an action: new (with optional documentation) or corrected (version-checked)."""

    FELTER = ["dato", "status", "procent", "milepael", "notat"]
    KONFLIKTFELTER = FELTER

    dato = dato_felt("Dato", "Skriv datoen for fremskridtet.", "Den dag, status var sådan. Ikke i fremtiden.")
    status = forms.ChoiceField(
        label="Handlingens status", choices=HandlingStatus.choices, help_text="Handlingen får denne status."
    )
    procent = forms.IntegerField(
        label="Færdig (pct.)",
        required=False,
        min_value=0,
        max_value=100,
        help_text="Valgfri, et helt tal fra 0 til 100.",
        error_messages={
            "invalid": "Skriv et helt tal fra 0 til 100.",
            "min_value": "Skriv et helt tal fra 0 til 100.",
            "max_value": "Skriv et helt tal fra 0 til 100.",
        },
    )
    milepael = forms.CharField(
        label="Milepæl nået", required=False, max_length=200, help_text="Valgfri, fx Første hold er i gang."
    )
    notat = _tekstfelt(
        "Notat", 1_000, required=True, rows=3, hjaelp="Kort: hvad er sket?", fejl="Skriv kort, hvad der er sket."
    )
    fil = bilagsfelt(label="Dokumentation", required=False, help_text="Valgfri.")
    bilag_beskrivelse = forms.CharField(label="Beskrivelse af dokumentationen", required=False, max_length=200)

    def __init__(self, *args, fremskridt: Fremskridt | None = None, i_dag: date | None = None, **kwargs):
        if fremskridt is not None:
            initial = {f: getattr(fremskridt, f) for f in self.FELTER} | {"version": fremskridt.version}
        else:
            initial = {"version": 0, "dato": i_dag}
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        if fremskridt is not None:  # documentation goes with the update when it is recorded
            del self.fields["fil"], self.fields["bilag_beskrivelse"]
        self.helper = FormHelper()
        self.helper.form_tag = False

    def vis(self, navn: str, vaerdi) -> str:
        if navn == "status" and vaerdi:
            return HandlingStatus(vaerdi).label
        return super().vis(navn, vaerdi)

    @property
    def indhold(self) -> Fremskridtsindhold:
        data = self.cleaned_data
        return Fremskridtsindhold(
            dato=data["dato"],
            status=data["status"],
            notat=data["notat"],
            procent=data.get("procent"),
            milepael=data["milepael"],
        )


class FremskridtskommentarForm(forms.Form):
    tekst = _tekstfelt("Kommentar til kommunen", 2_000, required=True, fejl="Skriv en kommentar til kommunen.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
