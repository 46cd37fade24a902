"""The crispy-forms template pack "dkfds", the {% fejloversigt %} tag and base.html.

Rendering only: no database. The markup is parsed (tinyhtml5 + cssselect2, both WeasyPrint
dependencies) and checked with CSS selectors, so the tests fail when the pack stops producing
DKFDS's structure, not when whitespace changes.
"""

import io
import re

import cssselect2
import pytest
import tinyhtml5
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Button, Fieldset, Layout, Submit
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import constants as message_levels
from django.contrib.messages.storage.base import Message
from django.template import Context, Template
from django.template.loader import get_template


class Dom:
    def __init__(self, html: str):
        self.html = str(html)
        # A file object: tinyhtml5 would take a short string for a file name.
        self.root = cssselect2.ElementWrapper.from_html_root(tinyhtml5.parse(io.StringIO(self.html)))

    def alle(self, selector: str) -> list:
        return [e.etree_element for e in self.root.query_all(selector)]

    def en(self, selector: str):
        fundne = self.alle(selector)
        assert len(fundne) == 1, f"{selector!r}: {len(fundne)} elementer i\n{self.html}"
        return fundne[0]

    def ids(self) -> set[str]:
        return {e.get("id") for e in self.alle("[id]")}


def tekst(element) -> str:
    return " ".join("".join(element.itertext()).split())


def klasser(element) -> set[str]:
    return set((element.get("class") or "").split())


def render(skabelon: str, **context) -> Dom:
    return Dom(Template("{% load crispy_forms_tags dkfds %}" + skabelon).render(Context(context)))


class AnsoegningForm(forms.Form):
    navn = forms.CharField(
        label="Kommunens navn",
        max_length=20,
        help_text="Som i CVR-registeret",
        widget=forms.TextInput(attrs={"data-tegngraense": "til"}),
    )
    baggrund = forms.CharField(label="Baggrund", widget=forms.Textarea, max_length=50, required=False)
    email = forms.EmailField(label="E-mail")
    maalgruppe = forms.ChoiceField(
        label="Målgruppe",
        choices=[("smaa", "Små børn"), ("unge", "Unge")],
        widget=forms.RadioSelect,
    )
    aktoerer = forms.MultipleChoiceField(
        label="Aktører",
        choices=[("skole", "Skole"), ("ppr", "PPR")],
        widget=forms.CheckboxSelectMultiple,
    )
    niveau = forms.ChoiceField(label="Niveau", choices=[("", "Vælg"), ("by", "Byråd")], required=False)
    bekraeft = forms.BooleanField(label="Jeg bekræfter oplysningerne", help_text="Skal krydses af")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("niveau") == "by":
            raise forms.ValidationError("Byrådets godkendelse mangler.")
        return cleaned

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("gem", "Gem"))
        self.helper.add_input(Button("annuller", "Annullér"))


UGYLDIGE_DATA = {"navn": "Københavns Kommune og omegn", "baggrund": "Vi vil", "niveau": "by"}


@pytest.fixture
def ugyldig_form() -> AnsoegningForm:
    form = AnsoegningForm(data=UGYLDIGE_DATA)
    assert not form.is_valid()
    return form


# --- the pack's templates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "navn",
    [
        "whole_uni_form.html",
        "whole_uni_formset.html",
        "uni_form.html",
        "uni_formset.html",
        "display_form.html",
        "errors.html",
        "errors_formset.html",
        "field.html",
        "inputs.html",
        "multifield.html",
        "layout/baseinput.html",
        "layout/button.html",
        "layout/buttonholder.html",
        "layout/column.html",
        "layout/div.html",
        "layout/fieldset.html",
        "layout/formactions.html",
        "layout/multifield.html",
        "layout/prepended_appended_text.html",
        "layout/row.html",
    ],
)
def test_pakken_har_skabelonen(navn):
    get_template(f"dkfds/{navn}")


# --- fields with errors ----------------------------------------------------------------------


def test_tekstfelt_med_fejl_har_dkfds_fejlmarkering(ugyldig_form):
    dom = render("{% crispy form %}", form=ugyldig_form)

    gruppe = dom.en("div.form-group:has(> #id_navn)")
    assert {"form-group", "form-error"} <= klasser(gruppe)
    assert tekst(dom.en("label.form-label[for=id_navn]")).startswith("Kommunens navn")

    fejl = dom.en("#id_navn-error")
    assert "form-error-message" in klasser(fejl)
    assert tekst(fejl) == "Fejl: Denne værdi må højst have 20 tegn (den har 27)."
    assert tekst(dom.en("#id_navn-error > span.sr-only")) == "Fejl:"

    felt = dom.en("input#id_navn")
    assert "form-input" in klasser(felt)
    assert felt.get("aria-invalid") == "true"
    assert felt.get("value") == "Københavns Kommune og omegn", "the entered value must be kept"


def test_aria_describedby_peger_paa_hjaelpetekst_fejl_og_tegngraense(ugyldig_form):
    dom = render("{% crispy form %}", form=ugyldig_form)

    describedby = dom.en("input#id_navn").get("aria-describedby").split()
    assert describedby == ["id_navn-hint", "id_navn-error", "id_navn-limit-message"]
    assert tekst(dom.en("span.form-hint#id_navn-hint")) == "Som i CVR-registeret"
    # Every id an aria-describedby names is in the page.
    for element in dom.alle("[aria-describedby]"):
        for ref in element.get("aria-describedby").split():
            assert ref in dom.ids(), f"aria-describedby={ref!r} points to nothing"


def test_felt_uden_fejl_er_ikke_markeret(ugyldig_form):
    dom = render("{% crispy form %}", form=ugyldig_form)
    gruppe = dom.en("div.form-group:has(> #id_baggrund)")
    assert "form-error" not in klasser(gruppe)
    assert dom.en("textarea#id_baggrund").get("aria-invalid") is None


def test_paakraevede_felter_er_markeret_paa_dansk():
    dom = render("{{ form|crispy }}", form=AnsoegningForm())
    assert "(*skal udfyldes)" in tekst(dom.en("label[for=id_navn]"))
    assert "(*skal udfyldes)" not in tekst(dom.en("label[for=id_baggrund]"))
    assert "(*skal udfyldes)" in tekst(dom.en("fieldset:has(#id_maalgruppe_0) > legend"))


def test_select_faar_form_select(ugyldig_form):
    dom = render("{% crispy form %}", form=ugyldig_form)
    assert "form-select" in klasser(dom.en("select#id_niveau"))


# --- character limit -------------------------------------------------------------------------


def test_tekstomraade_med_max_length_faar_tegngraense():
    form = AnsoegningForm(data={**UGYLDIGE_DATA, "baggrund": "Vi vil"})
    form.is_valid()
    dom = render("{% crispy form %}", form=form)

    gruppe = dom.en("div.form-limit:has(> textarea#id_baggrund)")
    assert gruppe.get("data-maxlength") == "50"
    assert tekst(dom.en("div.form-limit:has(> #id_baggrund) > .character-limit")) == "Du har 44 tegn tilbage"
    assert dom.en("div.form-limit:has(> #id_baggrund) > .character-limit").get("aria-hidden") == "true"
    assert tekst(dom.en("#id_baggrund-limit-message")) == "Du kan indtaste op til 50 tegn"
    assert dom.en("div.form-limit:has(> #id_baggrund) > .character-limit-sr-only").get("aria-live") == "polite"

    omraade = dom.en("textarea#id_baggrund")
    assert "form-input" in klasser(omraade), "DKFDS's CharacterLimit script finds the field by .form-input"
    assert "id_baggrund-limit-message" in omraade.get("aria-describedby").split()
    # The counter replaces maxlength, which would silently cut pasted text short.
    assert omraade.get("maxlength") is None


def test_tegngraense_siger_hvor_mange_tegn_for_meget(ugyldig_form):
    dom = render("{% crispy form %}", form=ugyldig_form)
    taeller = dom.en("div.form-limit:has(> #id_navn) > .character-limit")
    assert tekst(taeller) == "Du har 7 tegn for meget"
    assert "limit-exceeded" in klasser(taeller)


def test_ingen_tegngraense_paa_enkeltlinjefelter_og_fravalgte_felter():
    class Felter(forms.Form):
        email = forms.EmailField(max_length=100)
        cvr = forms.CharField(max_length=8)
        langt_tekstfelt = forms.CharField(max_length=200, widget=forms.Textarea(attrs={"data-tegngraense": "fra"}))
        brugernavn = forms.CharField(max_length=150, widget=forms.TextInput(attrs={"autocomplete": "username"}))
        kode = forms.CharField(max_length=8, widget=forms.TextInput(attrs={"data-tegngraense": "fra"}))
        fritekst = forms.CharField()

    dom = render("{{ form|crispy }}", form=Felter())
    assert dom.alle(".form-limit") == []
    assert dom.alle(".character-limit") == []
    assert dom.en("#id_email").get("maxlength") == "100"
    assert dom.en("#id_cvr").get("maxlength") == "8"  # the browser still stops at 8
    assert dom.en("#id_kode").get("data-tegngraense") is None


# --- check boxes and radio buttons -----------------------------------------------------------


def test_enkelt_afkrydsningsfelt(ugyldig_form):
    dom = render("{% crispy form %}", form=ugyldig_form)

    felt = dom.en("div.form-group.form-error div.form-group-checkbox > input.form-checkbox#id_bekraeft")
    assert felt.get("type") == "checkbox"
    label = dom.en("div.form-group-checkbox > input#id_bekraeft + label.form-label[for=id_bekraeft]")
    assert tekst(label).startswith("Jeg bekræfter oplysningerne")
    assert felt.get("aria-describedby").split() == ["id_bekraeft-hint", "id_bekraeft-error"]
    assert tekst(dom.en("#id_bekraeft-error")) == "Fejl: Dette felt er påkrævet."


def test_afkrydsningsfelter_i_fieldset_med_legend(ugyldig_form):
    dom = render("{% crispy form %}", form=ugyldig_form)

    fieldset = dom.en("div.form-group.form-error > fieldset:has(#id_aktoerer_0)")
    assert tekst(dom.en("fieldset:has(#id_aktoerer_0) > legend.form-label")).startswith("Aktører")
    assert fieldset.get("aria-describedby") == "id_aktoerer-error"
    muligheder = dom.alle("fieldset:has(#id_aktoerer_0) > div.form-group-checkbox")
    assert len(muligheder) == 2
    for nummer, (vaerdi, navn) in enumerate([("skole", "Skole"), ("ppr", "PPR")]):
        felt = dom.en(f"div.form-group-checkbox > input.form-checkbox#id_aktoerer_{nummer}")
        assert (felt.get("type"), felt.get("name"), felt.get("value")) == ("checkbox", "aktoerer", vaerdi)
        assert tekst(dom.en(f"input#id_aktoerer_{nummer} + label.form-label[for=id_aktoerer_{nummer}]")) == navn


def test_radioknapper_i_fieldset_med_legend():
    form = AnsoegningForm(data={**UGYLDIGE_DATA, "maalgruppe": "unge"})
    form.is_valid()
    dom = render("{% crispy form %}", form=form)

    assert tekst(dom.en("fieldset:has(#id_maalgruppe_0) > legend.form-label")).startswith("Målgruppe")
    assert len(dom.alle("fieldset:has(#id_maalgruppe_0) > div.form-group-radio > input.form-radio")) == 2
    valgt = dom.en("input.form-radio#id_maalgruppe_1")
    assert valgt.get("type") == "radio"
    assert valgt.get("checked") is not None, "the chosen option must stay chosen"
    assert "form-error" not in klasser(dom.en("div.form-group:has(#id_maalgruppe_0)"))


# --- the whole form --------------------------------------------------------------------------


def test_hele_formularen_uden_fejloversigt_med_knapper(ugyldig_form):
    dom = render("{% crispy form %}", form=ugyldig_form, csrf_token="token")

    formular = dom.en("form")
    assert formular.get("method") == "post"
    assert formular.get("novalidate") is not None
    assert dom.en("input[name=csrfmiddlewaretoken]").get("value") == "token"
    # The summary belongs above the page heading (base.html), not inside the form.
    assert dom.alle("[data-module=error-summary]") == []
    assert "Byrådets godkendelse mangler." not in dom.html

    gem = dom.en("button#submit-id-gem")
    assert gem.get("type") == "submit"
    assert klasser(gem) == {"button", "button-primary"}
    annuller = dom.en("button#button-id-annuller")
    assert annuller.get("type") == "button"
    assert klasser(annuller) == {"button", "button-secondary"}


def test_crispy_filter_bruger_samme_feltmarkup(ugyldig_form):
    dom = render("{{ form|crispy }}", form=ugyldig_form)
    assert {"form-group", "form-error"} <= klasser(dom.en("div.form-group:has(> #id_navn)"))
    assert dom.alle("form") == []
    assert dom.alle("[data-module=error-summary]") == []


def test_layout_fieldset_faar_legend(ugyldig_form):
    ugyldig_form.helper.layout = Layout(Fieldset("A. Kommunen", "navn", "email"))
    dom = render("{% crispy form %}", form=ugyldig_form)
    fieldset = dom.en("fieldset:has(> legend.h2)")
    assert tekst(dom.en("fieldset > legend.h2")) == "A. Kommunen"
    assert {"navn", "email"} == {e.get("name") for e in fieldset.iter() if e.get("name")}


# --- the error summary -----------------------------------------------------------------------


def test_fejloversigt_linker_til_felternes_id(ugyldig_form):
    dom = render("{% fejloversigt form %}{% crispy form %}", form=ugyldig_form)

    oversigt = dom.en("div.alert.alert-error[data-module=error-summary]")
    assert oversigt.get("role") == "alert"
    assert oversigt.get("tabindex") == "-1"
    overskrift = dom.en("[data-module=error-summary] h2.alert-heading")
    assert oversigt.get("aria-labelledby") == overskrift.get("id")
    assert tekst(overskrift) == "Der er problemer med det, du har udfyldt"

    links = {a.get("href"): tekst(a) for a in dom.alle("[data-module=error-summary] ul a.function-link")}
    assert links["#id_navn"] == "Kommunens navn: Denne værdi må højst have 20 tegn (den har 27)."
    assert links["#id_email"] == "E-mail: Dette felt er påkrævet."
    assert "#id_maalgruppe_0" in links, "radio buttons: the link goes to the first option"
    assert "#id_aktoerer_0" in links
    assert "#id_bekraeft" in links
    for href in links:
        assert href[1:] in dom.ids(), f"{href} points to no field"

    # Errors that belong to no field are listed as text.
    punkter = [tekst(li) for li in dom.alle("[data-module=error-summary] ul > li")]
    assert "Byrådets godkendelse mangler." in punkter


@pytest.mark.parametrize("form", [AnsoegningForm(), None, ""])
def test_fejloversigt_er_tom_uden_fejl(form):
    assert render("{% fejloversigt form %}", form=form).alle("[data-module=error-summary]") == []


def test_fejloversigt_for_formset():
    Formset = forms.formset_factory(AnsoegningForm, extra=0)
    formset = Formset(
        data={"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0", "form-0-navn": "x" * 25},
    )
    assert not formset.is_valid()
    dom = render("{% fejloversigt formset %}", formset=formset)
    hrefs = {a.get("href") for a in dom.alle("[data-module=error-summary] a")}
    assert "#id_form-0-navn" in hrefs


# --- base.html -------------------------------------------------------------------------------


class Projektleder:
    is_authenticated = True
    username = "pl101"
    rolle = "projektleder"

    def get_full_name(self):
        return "Mette Jensen"

    def get_rolle_display(self):
        return "Kommunal projektleder"


def render_side(**context) -> Dom:
    skabelon = Template(
        '{% extends "base.html" %}{% load crispy_forms_tags %}'
        "{% block titel %}Interessetilkendegivelse{% endblock %}"
        "{% block overskrift %}Interessetilkendegivelse{% endblock %}"
        "{% block indhold %}{% if form %}{% crispy form %}{% endif %}{% endblock %}"
    )
    return Dom(skabelon.render(Context({"csrf_token": "token", **context})))


NAVIGATION = [
    {"titel": "Forside", "url": "/", "aktiv": False},
    {"titel": "Kommuner", "url": "/kommuner/", "aktiv": True},
]


def test_base_sidetitel_sprog_og_genvej():
    dom = render_side(user=AnonymousUser())
    assert dom.en("html").get("lang") == "da"
    assert tekst(dom.en("title")) == "Interessetilkendegivelse \N{EN DASH} Forebyggelsesportalen"
    genvej = dom.en("a.skipnav")
    assert tekst(genvej) == "Gå til indhold"
    assert genvej.get("href") == "#main-content"
    assert dom.en("main#main-content > h1").text == "Interessetilkendegivelse"
    assert tekst(dom.en(".solution-heading")) == "Forebyggelsesportalen"
    assert dom.alle("form[action='/konto/logout/']") == []


def test_base_uden_blokke_giver_ingen_tom_overskrift():
    dom = Dom(Template('{% extends "base.html" %}').render(Context({"user": AnonymousUser()})))
    assert tekst(dom.en("title")) == "Forebyggelsesportalen"
    assert dom.alle("h1") == []


def test_base_bruger_rolle_log_af_og_navigation():
    dom = render_side(user=Projektleder(), navigation=NAVIGATION)
    assert tekst(dom.en(".portal-user .user")) == "Mette Jensen, Kommunal projektleder"
    for log_af in dom.alle("form[action='/konto/logout/']"):
        assert log_af.get("method") == "post"
    assert len(dom.alle("form[action='/konto/logout/'] input[name=csrfmiddlewaretoken]")) == 2
    assert len(dom.alle("form[action='/konto/logout/'] button[type=submit].log-off")) == 2

    aktive = dom.alle(".navigation-menu nav[aria-label=Hovedmenu] a[aria-current=page]")
    assert [a.get("href") for a in aktive] == ["/kommuner/"]
    assert len(dom.alle(".navigation-menu .mainmenu > li")) == 2
    # The same menu in the mobile drawer, opened by DKFDS's js-menu-open button.
    assert [a.get("href") for a in dom.alle(".mobile-drawer .navigation-menu-mobile a[aria-current=page]")] == [
        "/kommuner/"
    ]
    assert dom.en("button.js-menu-open").get("type") == "button"
    assert dom.en(".mobile-drawer button.js-menu-close").get("aria-label") == "Luk menu"


def test_base_fejloversigt_over_overskriften(ugyldig_form):
    dom = render_side(user=Projektleder(), form=ugyldig_form)
    main = dom.en("main")
    boern = list(main)
    oversigt = dom.en("main > [data-module=error-summary]")
    h1 = dom.en("main > h1")
    assert boern.index(oversigt) < boern.index(h1)
    assert len(dom.alle("[data-module=error-summary]")) == 1


@pytest.mark.parametrize(
    ("niveau", "klasse"),
    [
        (message_levels.SUCCESS, "alert-success"),
        (message_levels.INFO, "alert-info"),
        (message_levels.WARNING, "alert-warning"),
        (message_levels.ERROR, "alert-error"),
    ],
)
def test_base_beskeder_som_dkfds_alerts(niveau, klasse):
    dom = render_side(user=Projektleder(), messages=[Message(niveau, "Ansøgningen er gemt.")])
    alert = dom.en("main div.alert")
    assert {"alert", klasse} <= klasser(alert)
    assert tekst(dom.en("main div.alert .alert-text")) == "Ansøgningen er gemt."


def test_base_intet_inline_script_eller_style(ugyldig_form):
    html = render_side(user=Projektleder(), navigation=NAVIGATION, form=ugyldig_form).html
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html)
    assert "<style" not in html
    dom = Dom(html)
    for script in dom.alle("script"):
        assert script.get("src", "").startswith("/static/"), "only scripts loaded from /static/"
        assert not (script.text or "").strip()
    for link in dom.alle("link[rel=stylesheet]"):
        assert link.get("href").startswith("/static/")


class FormMedOpmaerketHjaelp(forms.Form):
    # Help texts can come from data the ministry edits (an indicator's definitions): never markup on the page.
    tal = forms.CharField(label="Tæller", help_text='<a href="https://fremmed.example">Se her</a><script>x()</script>')
    valg = forms.BooleanField(label="Bekræft", required=False, help_text="<b>fed</b>")


@pytest.mark.parametrize("skabelon", ["{% crispy form %}", "{{ form|crispy }}", "{{ form.tal|as_crispy_field }}"])
def test_hjaelpetekster_escapes_altid(skabelon):
    dom = render(skabelon, form=FormMedOpmaerketHjaelp())
    assert not dom.alle(".form-hint a") and not dom.alle(".form-hint script") and not dom.alle(".form-hint b")
    assert "&lt;a href=" in dom.html
