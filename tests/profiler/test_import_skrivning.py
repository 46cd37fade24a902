"""The import's write path: preview counts, confirm, re-import is 0 changes, undo restores what was replaced, and
the guards (a stale preview, an undo under a later import, state transitions)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from profiler.models import Datastatus, ImportRaekke, Koerselstilstand, Observation, Talfelt
from profiler.services.importer import import_forhaandsvis, import_fortryd, import_gennemfoer, import_kasser
from tests.profiler.factories import IndikatorFactory, dst_csv, importer, skabelon

pytestmark = pytest.mark.django_db


@pytest.fixture
def indikator():
    return IndikatorFactory()


def obs(kode: str, indikator, aar: int):
    return Observation.objects.filter(kommune__kode=kode, indikator=indikator, aar=aar).first()


def forhaandsvis(raekker, **kwargs):
    return import_forhaandsvis(filnavn="fil.csv", indhold=skabelon(raekker), bruger=None, **kwargs)


def test_preview_counts_new_changed_and_unchanged_and_writes_nothing(indikator):
    importer([("101", indikator.kode, 2011, 100, 10000), ("147", indikator.kode, 2011, 30, 5000)])
    koersel = forhaandsvis(
        [
            ("101", indikator.kode, 2011, 100, 10000),  # unchanged
            ("147", indikator.kode, 2011, 31, 5000),  # changed
            ("151", indikator.kode, 2011, 7, 4000),  # new
        ]
    )
    assert (koersel.antal_nye, koersel.antal_aendrede, koersel.antal_uaendrede) == (1, 1, 1)
    assert koersel.tilstand == Koerselstilstand.FORHAANDSVIST
    assert obs("147", indikator, 2011).taeller == 30 and obs("151", indikator, 2011) is None
    assert len(koersel.sha256) == 64 and koersel.antal_raekker == 3


def test_confirm_writes_and_reimport_reports_zero_changes(indikator, ministeriet):
    raekker = [("101", indikator.kode, 2011, 100, 10000), ("147", indikator.kode, 2011, 30, 5000)]
    foerste = importer(raekker, bruger=ministeriet)
    assert foerste.tilstand == Koerselstilstand.GENNEMFOERT and foerste.gennemfoert_af == ministeriet
    o = obs("101", indikator, 2011)
    assert (o.taeller, o.naevner, o.taeller_import_id, o.naevner_import_id) == (100, 10000, foerste.pk, foerste.pk)

    igen = forhaandsvis(raekker)
    assert igen.antal_aendringer == 0 and igen.antal_uaendrede == 2
    import_gennemfoer(koersel=igen, bruger=ministeriet)
    assert obs("101", indikator, 2011).taeller_import_id == foerste.pk  # the value still came from the first


def test_undo_restores_the_replaced_values_and_removes_the_new_ones(indikator, ministeriet):
    foerste = importer([("101", indikator.kode, 2011, 100, 10000)], datastatus=Datastatus.FORELOEBIG)
    anden = importer(
        [("101", indikator.kode, 2011, 120, 10100), ("147", indikator.kode, 2011, 30, 5000)], bruger=ministeriet
    )
    assert obs("101", indikator, 2011).taeller == 120

    import_fortryd(koersel=anden, bruger=ministeriet)
    o = obs("101", indikator, 2011)
    assert (o.taeller, o.naevner, o.status, o.taeller_import_id) == (100, 10000, Datastatus.FORELOEBIG, foerste.pk)
    assert obs("147", indikator, 2011) is None
    anden.refresh_from_db()
    assert anden.tilstand == Koerselstilstand.FORTRUDT and anden.fortrudt_af == ministeriet
    with pytest.raises(ValidationError, match="Kun en gennemført import kan fortrydes"):
        import_fortryd(koersel=anden, bruger=ministeriet)


def test_undo_is_refused_while_a_later_import_has_changed_the_same_values(indikator, ministeriet):
    foerste = importer([("101", indikator.kode, 2011, 100, 10000)])
    senere = importer([("101", indikator.kode, 2011, 90, 10000)])
    with pytest.raises(ValidationError, match=f"nr. {senere.pk}"):
        import_fortryd(koersel=foerste, bruger=ministeriet)
    assert obs("101", indikator, 2011).taeller == 90
    import_fortryd(koersel=senere, bruger=ministeriet)
    import_fortryd(koersel=foerste, bruger=ministeriet)
    assert obs("101", indikator, 2011) is None


def test_a_preview_made_before_another_import_cannot_be_confirmed(indikator, ministeriet):
    gammel = forhaandsvis([("101", indikator.kode, 2011, 100, 10000)])
    importer([("147", indikator.kode, 2011, 30, 5000)])
    with pytest.raises(ValidationError, match="Lav forhåndsvisningen igen"):
        import_gennemfoer(koersel=gammel, bruger=ministeriet)
    assert obs("101", indikator, 2011) is None


def test_a_statbank_numerator_keeps_the_denominator_and_records_both_sources(indikator, ministeriet):
    naevner = import_gennemfoer(
        koersel=import_forhaandsvis(
            filnavn="folk1a.csv",
            indhold=dst_csv([("101 København", "2011K1", 5000)]),
            bruger=None,
            indikator=indikator,
            talfelt=Talfelt.NAEVNER,
        ),
        bruger=None,
    )
    taeller = import_gennemfoer(
        koersel=import_forhaandsvis(
            filnavn="straf.csv",
            indhold=dst_csv([("101", f"2011K{q}", 10 * q) for q in range(1, 5)]),
            bruger=None,
            indikator=indikator,
            talfelt=Talfelt.TAELLER,
        ),
        bruger=None,
    )
    o = obs("101", indikator, 2011)
    assert (o.taeller, o.naevner) == (Decimal(100), Decimal(5000))  # quarters summed
    assert (o.taeller_import_id, o.naevner_import_id) == (taeller.pk, naevner.pk)


def test_example_data_stays_marked_until_every_part_is_replaced(indikator):
    importer([("101", indikator.kode, 2011, 100, 10000)], eksempeldata=True)
    import_gennemfoer(
        koersel=import_forhaandsvis(
            filnavn="t.csv",
            indhold=dst_csv([("101", "2011", 80)]),
            bruger=None,
            indikator=indikator,
            talfelt=Talfelt.TAELLER,
        ),
        bruger=None,
    )
    assert obs("101", indikator, 2011).eksempeldata  # the denominator is still example data
    importer([("101", indikator.kode, 2011, 80, 9000)])
    assert not obs("101", indikator, 2011).eksempeldata


def test_a_discarded_preview_drops_its_rows_and_cannot_be_confirmed(indikator, ministeriet):
    koersel = forhaandsvis([("101", indikator.kode, 2011, 100, 10000)])
    import_kasser(koersel=koersel, bruger=ministeriet)
    assert not ImportRaekke.objects.filter(koersel=koersel).exists()
    with pytest.raises(ValidationError, match="kan ikke gennemføres"):
        import_gennemfoer(koersel=koersel, bruger=ministeriet)
