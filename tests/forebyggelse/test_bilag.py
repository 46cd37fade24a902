"""The annex kit (forebyggelse/bilag.py): deleting an annex, or an owner whose deletion cascades to its annexes,
leaves no file behind in MEDIA_ROOT; a deletion that is rolled back keeps the file."""

from datetime import date
from decimal import Decimal
from functools import partial
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from evaluering.services.moeder import materiale_slet, materiale_tilfoej
from kommuner.services.ansoegninger import bilag_slet, bilag_tilfoej
from strategi.models import StrategiStatus
from strategi.services.maal import maal_slet, opfoelgning_opret, opfoelgning_slet
from strategi.services.strategier import boernepolitik_slet, boernepolitik_tilfoej
from tests.evaluering.factories import moede, program_med_deltagere
from tests.kommuner.factories import AnsoegningFactory
from tests.strategi.factories import StrategiFactory, godkend

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


def _pdf(navn="bilag.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(navn, PDF)


def _filer() -> list[Path]:
    return [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


def _ansoegningsbilag(kobenhavn, leder):
    ansoegning = AnsoegningFactory(kommune=kobenhavn, udfyldt=True)
    return bilag_tilfoej(ansoegning=ansoegning, fil=_pdf(), bruger=leder)


def _dokumentation(leder, sendt_tilbage=False):
    """A follow-up with a documentation annex; in a strategy sent back, its goals can be deleted."""
    strategi = godkend(StrategiFactory(fuld=True))
    opfoelgning = opfoelgning_opret(
        maal=strategi.maal.get(), dato=date(2012, 6, 30), vaerdi=Decimal(40), fil=_pdf(), bruger=leder
    )
    if sendt_tilbage:
        strategi.__class__.objects.filter(pk=strategi.pk).update(status=StrategiStatus.SENDT_TILBAGE)
    return opfoelgning


def _materiale(ministeriet):
    return materiale_tilfoej(
        moede=moede(program_med_deltagere("101", ministeriet=ministeriet)), fil=_pdf(), bruger=ministeriet
    )


# What is deleted → a function that uploads one annex and returns the deletion (run after counting the file).
SLETNINGER = {
    "ansøgningens bilag": lambda k, leder, m: partial(bilag_slet, bilag=_ansoegningsbilag(k, leder), bruger=leder),
    "ansøgningen med bilag": lambda k, leder, m: _ansoegningsbilag(k, leder).ansoegning.delete,
    "strategiens børnepolitik": lambda k, leder, m: partial(
        boernepolitik_slet,
        bilag=boernepolitik_tilfoej(strategi=StrategiFactory(fuld=True), fil=_pdf(), bruger=leder),
        bruger=leder,
    ),
    "opfølgningen med dokumentation": lambda k, leder, m: partial(
        opfoelgning_slet, opfoelgning=_dokumentation(leder), bruger=leder
    ),
    "målet med en opfølgning med dokumentation": lambda k, leder, m: partial(
        maal_slet, maal=_dokumentation(leder, sendt_tilbage=True).maal, bekraeftet=True, bruger=leder
    ),
    "mødets materiale": lambda k, leder, m: partial(materiale_slet, materiale=_materiale(m), bruger=m),
    "mødet med materiale": lambda k, leder, m: _materiale(m).moede.delete,
}


@pytest.mark.parametrize("hvad", SLETNINGER)
def test_deleting_an_annex_or_its_owner_leaves_no_file(
    hvad, kobenhavn, projektleder_101, ministeriet, django_capture_on_commit_callbacks
):
    slet = SLETNINGER[hvad](kobenhavn, projektleder_101, ministeriet)
    assert len(_filer()) == 1
    with django_capture_on_commit_callbacks(execute=True):
        slet()
    assert _filer() == []


def test_a_deletion_that_is_rolled_back_keeps_the_file(projektleder_101, django_capture_on_commit_callbacks):
    bilag = boernepolitik_tilfoej(strategi=StrategiFactory(fuld=True), fil=_pdf(), bruger=projektleder_101)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        boernepolitik_slet(bilag=bilag, bruger=projektleder_101)
        raise RuntimeError("fortrudt")
    assert len(_filer()) == 1
    assert (Path(settings.MEDIA_ROOT) / bilag.fil.name).read_bytes() == PDF


def test_the_upload_step_calls_the_service_with_the_file_and_description_or_keeps_the_reason_on_the_form():
    from django.core.exceptions import ValidationError
    from django.utils.datastructures import MultiValueDict

    from forebyggelse.bilag import BilagForm, bilag_fra_form

    kald = []

    def gem(**kwargs):
        kald.append(kwargs)
        return "bilaget"

    def form(**filer):
        return BilagForm({"beskrivelse": "Bilag A"}, MultiValueDict({k: [v] for k, v in filer.items()}))

    assert bilag_fra_form(form(fil=_pdf()), gem) == "bilaget"
    assert [(k["fil"].name, k["beskrivelse"]) for k in kald] == [("bilag.pdf", "Bilag A")]

    uden_fil = form()
    assert bilag_fra_form(uden_fil, gem) is None
    assert len(kald) == 1 and uden_fil.errors["fil"] == ["Vælg den fil, du vil vedhæfte."]

    def afvis(**kwargs):
        raise ValidationError("Ansøgningen er indsendt og kan ikke ændres.")

    afvist = form(fil=_pdf())
    assert bilag_fra_form(afvist, afvis) is None
    assert afvist.non_field_errors() == ["Ansøgningen er indsendt og kan ikke ændres."]
    assert afvist.data["beskrivelse"] == "Bilag A"
