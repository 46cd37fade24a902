"""The conflict kit: a save against an old version writes nothing and names who saved first and when; the form keeps
the user's input and goes against the stored version next time; the view answers 409."""

import pghistory
import pytest
from django import forms
from django.core.exceptions import ValidationError

from forebyggelse.formatering import tidspunkt
from forebyggelse.roller import Rolle
from forebyggelse.samtidighed import Konflikt, VersionForm, gem_fra_form, opdater_hvis_version
from profiler.models import Indikator
from tests.kommuner.factories import BrugerFactory
from tests.profiler.factories import IndikatorFactory

pytestmark = pytest.mark.django_db


def _gem_som(bruger, indikator, version, navn):
    with pghistory.context(user=bruger.pk):
        return opdater_hvis_version(Indikator, pk=indikator.pk, version=version, felter={"navn": navn})


@pytest.fixture
def anne():
    return BrugerFactory(username="anne", first_name="Anne", last_name="Hansen", rolle=Rolle.MINISTERIET)


def test_a_save_against_the_version_loaded_writes_and_counts_up(anne):
    indikator = IndikatorFactory()
    gemt = _gem_som(anne, indikator, indikator.version, "Annes navn")
    assert (gemt.navn, gemt.version) == ("Annes navn", indikator.version + 1)


def test_a_save_against_an_old_version_writes_nothing_and_names_who_saved_first_and_when(anne):
    indikator = IndikatorFactory()
    _gem_som(anne, indikator, indikator.version, "Annes navn")
    with pytest.raises(Konflikt) as fanget:
        _gem_som(BrugerFactory(username="bo"), indikator, indikator.version, "Bos navn")
    konflikt = fanget.value
    nu = Indikator.objects.get(pk=indikator.pk)
    assert nu.navn == "Annes navn"
    assert (konflikt.nuvaerende.version, konflikt.aendret_af, konflikt.aendret) == (
        nu.version,
        "Anne Hansen",
        nu.aendret,
    )
    assert f"ændret af Anne Hansen den {tidspunkt(nu.aendret)}, mens du arbejdede" in konflikt.messages[0]
    assert konflikt.code == "konflikt"


def test_a_change_without_a_user_was_made_by_the_system():
    indikator = IndikatorFactory()
    opdater_hvis_version(Indikator, pk=indikator.pk, version=indikator.version, felter={"navn": "Fra en kommando"})
    with pytest.raises(Konflikt, match="er blevet ændret af systemet den "):
        opdater_hvis_version(Indikator, pk=indikator.pk, version=indikator.version, felter={"navn": "x"})


def test_an_app_names_its_object_and_may_refuse_for_another_reason_first(anne):
    class IndikatorKonflikt(Konflikt):
        hvad = "Indikatoren"

    indikator = IndikatorFactory()
    _gem_som(anne, indikator, indikator.version, "Annes navn")
    with pytest.raises(IndikatorKonflikt, match="Indikatoren er blevet ændret af Anne Hansen"):
        opdater_hvis_version(
            Indikator, pk=indikator.pk, version=indikator.version, felter={"navn": "x"}, konflikt=IndikatorKonflikt
        )

    def valider(nu):
        raise ValidationError("Indikatoren er låst.")

    with pytest.raises(ValidationError, match="låst"):
        opdater_hvis_version(
            Indikator, pk=indikator.pk, version=indikator.version, felter={"navn": "x"}, valider=valider
        )


def test_a_deleted_row_is_said_plainly():
    indikator = IndikatorFactory()
    pk = indikator.pk
    indikator.delete()
    with pytest.raises(ValidationError, match="er slettet, mens du arbejdede") as fanget:
        opdater_hvis_version(Indikator, pk=pk, version=1, felter={"navn": "x"})
    assert not isinstance(fanget.value, Konflikt)


class NavneForm(VersionForm):
    KONFLIKTFELTER = ("navn", "standard")
    navn = forms.CharField(label="Navn")
    standard = forms.BooleanField(label="Standard", required=False)


def test_the_form_keeps_the_input_goes_against_the_stored_version_and_lists_the_differences(anne):
    indikator = IndikatorFactory(navn="Gammelt", standard=False)
    _gem_som(anne, indikator, indikator.version, "Annes navn")
    form = NavneForm({"navn": "Mit navn", "standard": "", "version": str(indikator.version)})
    assert form.is_valid()
    gemning = gem_fra_form(
        form, lambda: _gem_som(anne, indikator, form.cleaned_data["version"], form.cleaned_data["navn"])
    )
    assert gemning.status == 409 and gemning.gemt is None
    assert gemning.forskelle == [("Navn", "Annes navn", "Mit navn")]  # "Standard" is the same on both sides
    assert form.data["navn"] == "Mit navn" and form.data["version"] == str(indikator.version + 1)
    assert "Anne Hansen" in form.non_field_errors()[0]


def test_another_service_error_lands_on_the_form_with_status_200():
    form = NavneForm({"navn": "Mit navn", "version": "1"})
    assert form.is_valid()

    def gem():
        raise ValidationError({"navn": "Navnet findes."})

    gemning = gem_fra_form(form, gem)
    assert gemning.status == 200 and gemning.forskelle is None
    assert form.errors["navn"] == ["Navnet findes."]


def test_a_page_without_its_version_says_so():
    form = NavneForm({"navn": "Mit navn"})
    assert not form.is_valid()
    assert form.errors["version"] == ["Siden mangler oplysninger. Hent den igen."]
