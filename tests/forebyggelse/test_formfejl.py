"""One way to put a service's errors on a form: forebyggelse.forms.service_fejl_paa_form. An error for a field the
form has lands on that field; anything else lands above the form, and nothing the service says can make the page a
server error (Django's own add_error raises ValueError for a field the form lacks)."""

import ast
from pathlib import Path

import pytest
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.urls import reverse

from forebyggelse.forms import service_fejl_paa_form
from kommuner.models import AnsoegningStatus
from kommuner.services import ansoegninger
from tests.kommuner.factories import AnsoegningFactory, ProgramFactory

ROD = Path(__file__).resolve().parents[2]
APPS = ["forebyggelse", "kommuner", "profiler", "strategi", "evaluering", "konto", "hentninger"]


class NavneForm(forms.Form):
    navn = forms.CharField()
    frist_dato = forms.DateField(required=False)

    FELT_FOR_MODELFELT = {"frist": "frist_dato"}


def _udfyldt() -> NavneForm:
    form = NavneForm({"navn": "Aarhus"})
    assert form.is_valid()
    return form


def test_a_keyed_error_lands_on_its_field():
    form = _udfyldt()
    service_fejl_paa_form(form, ValidationError({"navn": "Navnet er optaget."}))
    assert form.errors == {"navn": ["Navnet er optaget."]}
    assert "navn" not in form.cleaned_data


def test_a_model_field_named_otherwise_on_the_form_lands_on_the_form_field():
    form = _udfyldt()
    service_fejl_paa_form(form, ValidationError({"frist": "Fristen er passeret."}))
    assert form.errors == {"frist_dato": ["Fristen er passeret."]}


def test_a_field_the_form_lacks_goes_above_the_form_and_does_not_raise():
    form = _udfyldt()
    with pytest.raises(ValueError):  # what the helper protects against
        form.add_error(None, ValidationError({"status": "x"}))
    form = _udfyldt()
    service_fejl_paa_form(form, ValidationError({"status": "Ansøgningen er allerede indsendt."}))
    assert form.non_field_errors() == ["Ansøgningen er allerede indsendt."]
    assert list(form.errors) == [NON_FIELD_ERRORS]


def test_a_plain_message_goes_above_the_form():
    form = _udfyldt()
    service_fejl_paa_form(form, ValidationError("Strategien er låst."))
    assert form.non_field_errors() == ["Strategien er låst."]
    assert form.cleaned_data["navn"] == "Aarhus"


def test_several_messages_each_land_where_they_belong():
    form = _udfyldt()
    fejl = ValidationError(
        {
            "navn": ["Navnet er for kort.", "Navnet skal begynde med stort."],
            "status": "Forkert status.",
            NON_FIELD_ERRORS: "Noget gik galt.",
        }
    )
    service_fejl_paa_form(form, fejl)
    assert form.errors["navn"] == ["Navnet er for kort.", "Navnet skal begynde med stort."]
    assert form.non_field_errors() == ["Forkert status.", "Noget gik galt."]

    form = _udfyldt()
    service_fejl_paa_form(form, ValidationError(["Første.", "Anden."]))
    assert form.non_field_errors() == ["Første.", "Anden."]


def test_a_view_shows_a_service_error_for_a_field_its_form_lacks_above_the_form(client_for, ministeriet, monkeypatch):
    """Sending an expression of interest back: a keyed error the form has no field for was a server error."""
    ansoegning = AnsoegningFactory(program=ProgramFactory(), indsendt=True)

    def afvis(**_):
        raise ValidationError({"status": "Interessetilkendegivelsen er ikke længere indsendt."})

    monkeypatch.setattr(ansoegninger, "ansoegning_send_tilbage", afvis)
    response = client_for(ministeriet).post(
        reverse("kommuner:ansoegning_send_tilbage", args=[ansoegning.pk]), {"kommentar": "Uddyb budgettet."}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Interessetilkendegivelsen er ikke længere indsendt."]
    assert "Interessetilkendegivelsen er ikke længere indsendt." in response.content.decode()
    ansoegning.refresh_from_db()
    assert ansoegning.status == AnsoegningStatus.INDSENDT


def _visningsfiler() -> list[Path]:
    filer = []
    for app in APPS:
        filer += (ROD / app).glob("views*.py")
        filer += (ROD / app).glob("views/*.py")
    return sorted(filer)


def _haandlavede_servicefejl(kilde: str) -> list[int]:
    """Lines with `form.add_error(None, exc)` inside `except ... as exc`: the helper's job, done by hand."""
    fund = []
    for handler in ast.walk(ast.parse(kilde)):
        if not isinstance(handler, ast.ExceptHandler) or handler.name is None:
            continue
        for kald in ast.walk(handler):
            if (
                isinstance(kald, ast.Call)
                and isinstance(kald.func, ast.Attribute)
                and kald.func.attr == "add_error"
                and len(kald.args) == 2
                and isinstance(kald.args[0], ast.Constant)
                and kald.args[0].value is None
                and isinstance(kald.args[1], ast.Name)
                and kald.args[1].id == handler.name
            ):
                fund.append(kald.lineno)
    return fund


def test_the_check_finds_a_hand_written_service_error():
    kilde = """
try:
    gem()
except Konflikt as konflikt:
    form.add_error(None, konflikt)
except ValidationError as fejl:
    form.add_error("navn", "Skriv et navn.")
    form.add_error(None, fejl)
"""
    assert _haandlavede_servicefejl(kilde) == [5, 8]


def test_no_view_puts_a_caught_service_error_on_a_form_by_hand():
    filer = _visningsfiler()
    assert len(filer) > 10  # the check looks where the views are
    fund = [f"{fil.relative_to(ROD)}:{linje}" for fil in filer for linje in _haandlavede_servicefejl(fil.read_text())]
    assert fund == [], f"Use forebyggelse.forms.service_fejl_paa_form: {fund}"
