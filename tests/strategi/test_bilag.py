"""Annexes of a strategy (the child policy, a follow-up's documentation) pass the same file checks as the
applications' annexes (forebyggelse.bilag.tjek_bilagsfil), so they are driven by the same real files in
tests/fixtures/kommuner/bilag/: every file in should_pass is stored, every file in should_fail is refused with a
Danish message on the field and leaves nothing behind."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from hentninger.models import Hentning
from strategi.models import Opfoelgning, StrategiBilag, StrategiStatus
from strategi.selectors import slettede_maal
from strategi.services.maal import bekraeftelse_til_sletning, maal_gendan, maal_slet, opfoelgning_opret
from strategi.services.strategier import boernepolitik_tilfoej
from tests.strategi.factories import StrategiFactory, godkend

pytestmark = pytest.mark.django_db

MAPPE = Path(__file__).resolve().parent.parent / "fixtures" / "kommuner" / "bilag"


def _fil(sti: Path) -> SimpleUploadedFile:
    return SimpleUploadedFile(sti.name, sti.read_bytes())


@pytest.mark.parametrize("sti", sorted((MAPPE / "should_pass").iterdir()), ids=lambda p: p.name)
def test_good_files_are_stored_as_child_policy_and_as_documentation(sti, projektleder_101, client_for):
    strategi = StrategiFactory(fuld=True)
    bilag = boernepolitik_tilfoej(strategi=strategi, fil=_fil(sti), bruger=projektleder_101)
    assert bilag.filnavn == sti.name
    hentet = client_for(projektleder_101).get(f"/strategibilag/{bilag.pk}/")
    assert b"".join(hentet.streaming_content) == sti.read_bytes()
    hentning = Hentning.objects.get()  # the download log (decision record 0032)
    assert (hentning.bruger, hentning.filnavn, hentning.art) == (projektleder_101, sti.name, "Bilag til strategien")
    maal = strategi.maal.get()
    godkend(strategi)
    opfoelgning = opfoelgning_opret(
        maal=maal, dato=date(2012, 6, 30), vaerdi=Decimal(40), fil=_fil(sti), bruger=projektleder_101
    )
    assert opfoelgning.bilag.get().filtype == bilag.filtype


@pytest.mark.parametrize("sti", sorted((MAPPE / "should_fail").iterdir()), ids=lambda p: p.name)
def test_bad_files_are_refused_on_the_field_and_nothing_is_written(sti, projektleder_101):
    strategi = StrategiFactory(fuld=True)
    with pytest.raises(ValidationError) as fejl:
        boernepolitik_tilfoej(strategi=strategi, fil=_fil(sti), bruger=projektleder_101)
    assert fejl.value.message_dict["fil"][0]
    maal = strategi.maal.get()
    godkend(strategi)
    with pytest.raises(ValidationError):
        opfoelgning_opret(maal=maal, dato=date(2012, 6, 30), vaerdi=Decimal(40), fil=_fil(sti), bruger=projektleder_101)
    assert not StrategiBilag.objects.exists() and not Opfoelgning.objects.exists()


def test_a_deleted_goal_comes_back_without_its_documentation_and_the_confirmation_says_so(
    projektleder_101, django_capture_on_commit_callbacks
):
    # The files go with the deletion (forebyggelse/bilag.py), so a restored goal cannot bring its annexes back.
    strategi = godkend(StrategiFactory(fuld=True))
    maal = strategi.maal.get()
    opfoelgning_opret(
        maal=maal,
        dato=date(2012, 6, 30),
        vaerdi=Decimal(40),
        fil=_fil(MAPPE / "should_pass" / "cv.odt"),
        bruger=projektleder_101,
    )
    strategi.__class__.objects.filter(pk=strategi.pk).update(status=StrategiStatus.SENDT_TILBAGE)
    assert "dokumentation slettes for altid" in bekraeftelse_til_sletning(maal)
    with django_capture_on_commit_callbacks(execute=True):
        maal_slet(maal=maal, bekraeftet=True, bruger=projektleder_101)
    (slettet,) = slettede_maal(projektleder_101, strategi)
    gendannet = maal_gendan(strategi=strategi, haendelse_id=slettet.haendelse_id, bruger=projektleder_101)
    assert gendannet.opfoelgninger.count() == 1 and not StrategiBilag.objects.exists()
