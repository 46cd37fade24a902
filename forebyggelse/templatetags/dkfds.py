"""Template tags for Det Fælles Designsystem (DKFDS 11).

For pages::

    {% load dkfds %}
    {% fejloversigt form %}            the error summary (base.html does this above the h1)
    {% ikon "lock" %}                  a decorative icon from the DKFDS sprite
    {% ikon "info" label="Information" klasse="alert-icon" %}

For base.html: the filters ``sidetitel`` and ``sideoverskrift``.

For the crispy-forms template pack in templates/dkfds/: ``dkfds_felt``, ``dkfds_widget``,
``dkfds_option`` and ``dkfds_knapklasser``. They work out DKFDS's ids and classes in one place
(``<id>-hint``, ``<id>-error``, ``<id>-limit-message``; ``form-input``, ``form-select``,
``form-checkbox``, ``form-radio``) so the templates stay plain markup.
"""

from dataclasses import dataclass
from dataclasses import field as dataclass_field

from django import forms, template
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms.boundfield import BoundWidget
from django.forms.formsets import BaseFormSet
from django.http import QueryDict
from django.templatetags.static import static
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()

LOESNINGENS_NAVN = "Forebyggelsesportalen"

# A widget attribute that turns the character limit on ("til") or off ("fra") for one field.
TEGNGRAENSE_ATTR = "data-tegngraense"

# Button classes from other packs that mean nothing in DKFDS.
_FREMMEDE_KNAPKLASSER = {"btn", "btn-primary", "btn-secondary", "btn-default", "btn-outline-primary"}


def _saml(*dele: str | None) -> str:
    """Join class names / ids, skipping empty ones and duplicates, keeping the order."""
    ud: list[str] = []
    for del_ in dele:
        for ord_ in (del_ or "").split():
            if ord_ not in ud:
                ud.append(ord_)
    return " ".join(ud)


# ---------------------------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------------------------


@register.simple_tag
def ikon(navn: str, label: str = "", klasse: str = ""):
    """An icon from dkfds/img/all-svg-icons.svg. Decorative unless it gets a label."""
    href = f"{static('dkfds/img/all-svg-icons.svg')}#{navn}"
    a11y = format_html('role="img" aria-label="{}"', label) if label else mark_safe('aria-hidden="true"')
    return format_html(
        '<svg class="{}" focusable="false" {}><use href="{}"></use></svg>',
        _saml("icon-svg", klasse),
        a11y,
        href,
    )


@register.filter(is_safe=True)
def sidetitel(titel) -> str:
    """'Log ind' -> 'Log ind \N{EN DASH} Forebyggelsesportalen'; nothing -> 'Forebyggelsesportalen'."""
    titel = conditional_escape(str(titel or "")).strip()
    if not titel:
        return LOESNINGENS_NAVN
    return mark_safe(f"{titel} \N{EN DASH} {LOESNINGENS_NAVN}")


@register.filter(is_safe=True)
def sideoverskrift(tekst) -> str:
    """Wrap the page heading in <h1>, or render nothing when the page has none."""
    tekst = conditional_escape(str(tekst or "")).strip()
    if not tekst:
        return ""
    return mark_safe(f"<h1>{tekst}</h1>")


@register.filter
def alertvariant(level_tag: str) -> str:
    """A Django message's level tag as a DKFDS alert variant (debug counts as info)."""
    return level_tag if level_tag in {"success", "warning", "error"} else "info"


@dataclass
class Fejlpunkt:
    tekst: str
    anker: str = ""  # the id the link jumps to; empty for errors that belong to no field


def _fejlpunkter_for_form(form) -> list[Fejlpunkt]:
    punkter = [Fejlpunkt(str(fejl)) for fejl in form.non_field_errors()]
    for bound in form:
        if not bound.errors:
            continue
        felt = felt_info(bound)
        for fejl in bound.errors:
            tekst = f"{bound.label}: {fejl}" if bound.label and felt.art != "hidden" else str(fejl)
            punkter.append(Fejlpunkt(tekst, felt.anker))
    # Errors added for fields the form does not render (form.add_error("x", ...) on a missing x).
    kendte = set(form.fields)
    for navn, fejlliste in form.errors.items():
        if navn != NON_FIELD_ERRORS and navn not in kendte:
            punkter.extend(Fejlpunkt(str(fejl)) for fejl in fejlliste)
    return punkter


def fejlpunkter(form_eller_formset) -> list[Fejlpunkt]:
    """Every error of a form or formset, in page order, each with the id of its field."""
    if isinstance(form_eller_formset, BaseFormSet):
        punkter = [Fejlpunkt(str(fejl)) for fejl in form_eller_formset.non_form_errors()]
        for form in form_eller_formset.forms:
            punkter.extend(_fejlpunkter_for_form(form))
        return punkter
    if hasattr(form_eller_formset, "non_field_errors") and hasattr(form_eller_formset, "fields"):
        return _fejlpunkter_for_form(form_eller_formset)
    return []


@register.inclusion_tag("includes/fejloversigt.html", takes_context=True)
def fejloversigt(context, form_eller_formset=None, overskrift: str = "Der er problemer med det, du har udfyldt"):
    """The DKFDS error summary for a form or formset; renders nothing when there are no errors.

    Each error links to its field's id (for radio buttons and check boxes: the first option), so
    DKFDS's ErrorSummary script can move focus there. A page with several forms in error (attendance per
    municipality) gets one summary each, and each its own heading id.
    """
    fejl = fejlpunkter(form_eller_formset)
    nummer = context.render_context.get("fejloversigter", 0) + bool(fejl)
    context.render_context["fejloversigter"] = nummer
    overskrift_id = "fejloversigt-overskrift" if nummer <= 1 else f"fejloversigt-overskrift-{nummer}"
    return {"fejl": fejl, "overskrift": overskrift, "overskrift_id": overskrift_id}


# ---------------------------------------------------------------------------------------------
# The crispy-forms pack
# ---------------------------------------------------------------------------------------------


@dataclass
class Felt:
    """What the DKFDS field templates need to know about one bound field."""

    bound: forms.BoundField
    art: str  # hidden, checkbox, radios, checkboxes, select, file, multi, input
    id: str
    hint_id: str = ""
    fejl: list[tuple[str, str]] = dataclass_field(default_factory=list)  # (id, message)
    limit: str = ""  # the character limit as a plain string ("" = no limit component)
    limit_id: str = ""
    limit_tekst: str = ""
    limit_overskredet: bool = False
    anker: str = ""
    input_klasse: str = ""

    @property
    def describedby(self) -> str:
        return _saml(self.hint_id, *(fejl_id for fejl_id, _ in self.fejl), self.limit_id)

    @property
    def i_fieldset(self) -> bool:
        return self.art in {"radios", "checkboxes", "multi"}

    @property
    def legend_id(self) -> str:
        return f"{self.id}-legend"

    @property
    def paakraevet(self) -> bool:
        return self.bound.field.required and not self.bound.field.disabled


def _art(bound) -> str:
    widget = bound.field.widget
    if bound.is_hidden:
        return "hidden"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.FileInput):
        return "file"
    if isinstance(widget, forms.MultiWidget):
        return "multi"
    return "input"


def _tegngraense(bound, art: str) -> int | None:
    """The character limit to show, if any.

    Shown for text areas with a maxlength, where people write at length, unless the widget says
    ``data-tegngraense="fra"``. A one-line field (a name, a CVR number) gets no counter: it would only
    add noise. ``data-tegngraense="til"`` forces it on for any text field.
    """
    if art != "input":
        return None
    widget = bound.field.widget
    maxlength = widget.attrs.get("maxlength")
    valg = str(widget.attrs.get(TEGNGRAENSE_ATTR, "")).lower()
    if not maxlength or valg == "fra":
        return None
    try:
        graense = int(maxlength)
    except (TypeError, ValueError):
        return None
    if valg == "til":
        return graense
    if type(widget) is not forms.Textarea:
        return None
    return graense


def _tegn_tilbage_tekst(tilbage: int) -> str:
    # The same words as DKFDS's CharacterLimit script, which takes over in the browser.
    if tilbage >= 0:
        return f"Du har {tilbage} tegn tilbage"
    return f"Du har {-tilbage} tegn for meget"


@register.simple_tag
def dkfds_felt(bound) -> Felt:
    """``{% dkfds_felt field as felt %}``: ids, classes and the character limit for one field."""
    return felt_info(bound)


def felt_info(bound) -> Felt:
    art = _art(bound)
    base_id = bound.auto_id or f"felt-{bound.html_name}"
    felt = Felt(bound=bound, art=art, id=base_id)
    if art == "hidden":
        return felt

    if bound.help_text:
        felt.hint_id = f"{base_id}-hint"
    for nummer, fejl in enumerate(bound.errors, start=1):
        fejl_id = f"{base_id}-error" if nummer == 1 else f"{base_id}-error-{nummer}"
        felt.fejl.append((fejl_id, str(fejl)))

    graense = _tegngraense(bound, art)
    if graense is not None:
        vaerdi = bound.value()
        brugt = len(str(vaerdi)) if vaerdi not in (None, "") else 0
        felt.limit = str(graense)
        felt.limit_id = f"{base_id}-limit-message"
        felt.limit_tekst = _tegn_tilbage_tekst(graense - brugt)
        felt.limit_overskredet = brugt > graense

    if art in {"radios", "checkboxes"}:
        subwidgets = bound.subwidgets
        felt.anker = (subwidgets[0].id_for_label if subwidgets else "") or f"{base_id}_0"
    elif art == "multi":
        felt.anker = f"{base_id}_0"
    else:
        felt.anker = bound.id_for_label or base_id

    felt.input_klasse = {
        "input": "form-input",
        "multi": "form-input",
        "select": "form-select",
        "checkbox": "form-checkbox",
        "radios": "form-radio",
        "checkboxes": "form-checkbox",
    }.get(art, "")
    return felt


@register.simple_tag
def dkfds_widget(felt: Felt):
    """Render the field's widget with DKFDS's class and aria-describedby.

    The entered value is kept (Django renders the bound data). With the character limit on, the
    maxlength attribute is left out: the browser would otherwise cut pasted text short without a
    word, while DKFDS's counter tells the user how many characters are too many; the form still
    checks the length on the server.
    """
    bound = felt.bound
    widget = bound.field.widget
    attrs: dict[str, object] = {TEGNGRAENSE_ATTR: False}
    if felt.input_klasse:
        attrs["class"] = _saml(widget.attrs.get("class"), felt.input_klasse)
    if felt.art == "multi":
        # The parts of a multi-widget have no labels of their own: name them by the legend.
        attrs["aria-labelledby"] = felt.legend_id
    elif not felt.i_fieldset and felt.describedby:
        attrs["aria-describedby"] = _saml(widget.attrs.get("aria-describedby"), felt.describedby)
    if felt.limit:
        attrs["maxlength"] = False
    return bound.as_widget(attrs=attrs)


@register.simple_tag
def dkfds_option(option: BoundWidget, klasse: str):
    """One radio button or check box of a RadioSelect / CheckboxSelectMultiple, without label."""
    data = dict(option.data)
    data["attrs"] = {**data.get("attrs", {}), "class": _saml(data.get("attrs", {}).get("class"), klasse)}
    return BoundWidget(option.parent_widget, data, option.renderer).tag(wrap_label=False)


@register.filter
def dkfds_knapklasser(knap) -> str:
    """DKFDS classes for a crispy Submit/Button/Reset: 'button button-primary' for submit,
    'button button-secondary' otherwise, unless the layout asks for a button-* variant itself."""
    egne = [k for k in (getattr(knap, "field_classes", "") or "").split() if k not in _FREMMEDE_KNAPKLASSER]
    if not any(k.startswith("button-") for k in egne):
        variant = "button-primary" if getattr(knap, "input_type", "") == "submit" else "button-secondary"
        egne.insert(0, variant)
    return _saml("button", *egne)


# ---------------------------------------------------------------------------------------------
# Paging
# ---------------------------------------------------------------------------------------------


@register.inclusion_tag("includes/historiknavigation.html", takes_context=True)
def historiknavigation(context, side, param: str = "historik", anker: str = "historik-overskrift"):
    """Newer / older pages of a history (forebyggelse.historik.HistorikSide), keeping other query parameters."""
    request = context.get("request")

    def url(nummer: int) -> str:
        query = request.GET.copy() if request is not None else QueryDict(mutable=True)
        query[param] = str(nummer)
        return f"?{query.urlencode()}#{anker}"

    return {
        "side": side,
        "nyere": url(side.nummer - 1) if side.har_nyere else None,
        "aeldre": url(side.nummer + 1) if side.har_aeldre else None,
    }
