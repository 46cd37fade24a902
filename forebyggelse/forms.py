from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError

from forebyggelse.formatering import UgyldigtTidspunkt, dansk_tidspunkt

# A service's errors on a form ----------------------------------------------------------------------------


def service_fejl_paa_form(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: an error keyed by a field the form has lands on that field,
    everything else (a plain message, a key the form lacks) above the form. A form whose fields are named unlike
    the model's says so in FELT_FOR_MODELFELT, e.g. {"frist": "frist_dato"}. Never raises: Django's add_error
    refuses a field the form lacks with a ValueError, which would be a server error page."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    omdoeb = getattr(form, "FELT_FOR_MODELFELT", {})
    for noegle, fejl in exc.error_dict.items():
        felt = omdoeb.get(noegle, noegle)
        form.add_error(felt if felt in form.fields else None, fejl)


# Fields every app's forms share: Danish dates, times of day and amounts --------------------------------

DATOFORMATER = ["%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y"]
TIDSFORMATER = ["%H:%M", "%H.%M", "%H:%M:%S"]
UGYLDIG_DATO = "Skriv en gyldig dato, fx 8.2.2011."
UGYLDIGT_KLOKKESLAET = "Skriv et klokkeslæt, fx 12.00."


def dato_felt(label: str, paakraevet: str = "", hjaelp: str = "", *, required: bool = True) -> forms.DateField:
    """A date typed as 8.2.2011 or picked in the browser's date picker."""
    return forms.DateField(
        label=label,
        help_text=hjaelp,
        required=required,
        input_formats=DATOFORMATER,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        error_messages={"required": paakraevet or f"Skriv {label.lower()}.", "invalid": UGYLDIG_DATO},
    )


def klokkeslaet_felt(label: str, paakraevet: str = "", hjaelp: str = "Dansk tid, fx 12.00.", **kwargs):
    return forms.TimeField(
        label=label,
        help_text=hjaelp,
        input_formats=TIDSFORMATER,
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
        error_messages={"required": paakraevet or f"Skriv {label.lower()}.", "invalid": UGYLDIGT_KLOKKESLAET},
        **kwargs,
    )


def saml_tidspunkt(form: forms.Form, dato_navn: str, tid_navn: str) -> datetime | None:
    """The aware moment of a date field and a Danish time-of-day field in a form's cleaned data; a time that
    does not exist that day (the spring clock change) becomes an error on the time field."""
    dag, klokkeslaet = form.cleaned_data.get(dato_navn), form.cleaned_data.get(tid_navn)
    if dag is None or klokkeslaet is None:
        return None
    try:
        return dansk_tidspunkt(dag, klokkeslaet)
    except UgyldigtTidspunkt as exc:
        form.add_error(tid_navn, str(exc))
        return None


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
