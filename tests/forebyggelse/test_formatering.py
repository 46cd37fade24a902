"""Danish numbers, and Danish time at both clock changes of 2011: shown, typed, and named in files."""

from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.formats import number_format

from forebyggelse.formatering import (
    UgyldigtTidspunkt,
    dansk_tid,
    dansk_tidspunkt,
    dato,
    filnavn_tid,
    kort_tidspunkt,
    kr,
    tal,
    tidspunkt,
)

SOMMERTID_START = date(2011, 3, 27)  # 02.00 → 03.00
SOMMERTID_SLUT = date(2011, 10, 30)  # 03.00 → 02.00


def test_the_hour_skipped_in_spring_does_not_exist():
    with pytest.raises(UgyldigtTidspunkt) as fejl:
        dansk_tidspunkt(SOMMERTID_START, time(2, 30))
    assert str(fejl.value) == "Klokken 02.30 findes ikke den 27. marts 2011, fordi uret stilles frem til sommertid."


def test_either_side_of_the_spring_change():
    assert dansk_tidspunkt(SOMMERTID_START, time(1, 59)) == datetime(2011, 3, 27, 0, 59, tzinfo=UTC)
    assert dansk_tidspunkt(SOMMERTID_START, time(3, 0)) == datetime(2011, 3, 27, 1, 0, tzinfo=UTC)


def test_the_repeated_hour_in_autumn_means_the_first_time_the_clock_shows_it():
    assert dansk_tidspunkt(SOMMERTID_SLUT, time(2, 30)) == datetime(2011, 10, 30, 0, 30, tzinfo=UTC)
    assert dansk_tidspunkt(SOMMERTID_SLUT, time(3, 30)) == datetime(2011, 10, 30, 2, 30, tzinfo=UTC)


def test_both_moments_of_the_repeated_hour_are_shown_as_the_clock_showed_them():
    foerste, anden = datetime(2011, 10, 30, 0, 30, tzinfo=UTC), datetime(2011, 10, 30, 1, 30, tzinfo=UTC)
    assert tidspunkt(foerste) == tidspunkt(anden) == "30. oktober 2011 kl. 02.30"
    assert dansk_tid(foerste).utcoffset() != dansk_tid(anden).utcoffset()


@pytest.mark.parametrize(
    ("utc", "vist", "kort", "fil"),
    [
        (datetime(2011, 3, 27, 0, 59, tzinfo=UTC), "27. marts 2011 kl. 01.59", "27.03.2011 01.59", "2011-03-27-0159"),
        (datetime(2011, 3, 27, 1, 0, tzinfo=UTC), "27. marts 2011 kl. 03.00", "27.03.2011 03.00", "2011-03-27-0300"),
        (datetime(2011, 10, 30, 2, 0, tzinfo=UTC), "30. oktober 2011 kl. 03.00", "30.10.2011 03.00", "2011-10-30-0300"),
        # 23.30 UTC on 7 February is already 8 February in Denmark.
        (datetime(2011, 2, 7, 23, 30, tzinfo=UTC), "8. februar 2011 kl. 00.30", "08.02.2011 00.30", "2011-02-08-0030"),
    ],
)
def test_every_way_of_showing_a_time_uses_danish_time(utc, vist, kort, fil):
    assert tidspunkt(utc) == vist
    assert kort_tidspunkt(utc) == kort
    assert filnavn_tid(utc) == fil
    assert dato(utc) == vist.split(" kl.")[0]


def test_numbers_and_money():
    assert kr(1_380_000) == "1.380.000 kr."
    assert tal(2.55, 1) == "2,6"
    assert tal(None) == "–"


@pytest.mark.parametrize(
    ("vaerdi", "decimaler", "vist"),
    [
        (0, 0, "0"),
        (999, 0, "999"),
        (1000, 0, "1.000"),
        (-1_380_000, 0, "-1.380.000"),
        (Decimal("1234567.891"), 2, "1.234.567,89"),
        (184.9, 1, "184,9"),
        (-12345.5, 1, "-12.345,5"),
        (-0.04, 1, "0,0"),  # rounded to zero: no minus sign
        (-0.4, 0, "0"),
        (10**12, 0, "1.000.000.000.000"),
    ],
)
def test_numbers_are_grouped_and_separated_the_danish_way(vaerdi, decimaler, vist):
    assert tal(vaerdi, decimaler) == vist
    # The same as Django's own Danish formatting (which tal replaces for speed).
    with translation.override("da"):
        assert vist == number_format(
            round(Decimal(str(vaerdi)), decimaler), decimal_pos=decimaler, use_l10n=True, force_grouping=True
        )
