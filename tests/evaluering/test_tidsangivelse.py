from datetime import date

import pytest
from django.core.exceptions import ValidationError

from evaluering.tidsangivelse import Praecision, Tidsangivelse, flyt, forskyd, fortolk, maaneder_mellem


@pytest.mark.parametrize(
    ("tekst", "start", "slut", "praecision", "vist"),
    [
        ("uge 7, 2011", date(2011, 2, 14), date(2011, 2, 20), Praecision.UGE, "uge 7, 2011"),
        ("Uge 12 2011", date(2011, 3, 21), date(2011, 3, 27), Praecision.UGE, "uge 12, 2011"),
        ("uge 52, 2011", date(2011, 12, 26), date(2012, 1, 1), Praecision.UGE, "uge 52, 2011"),
        ("8.2.2011", date(2011, 2, 8), date(2011, 2, 8), Praecision.DATO, "8. februar 2011"),
        ("2011-02-08", date(2011, 2, 8), date(2011, 2, 8), Praecision.DATO, "8. februar 2011"),
        ("8. februar 2011", date(2011, 2, 8), date(2011, 2, 8), Praecision.DATO, "8. februar 2011"),
        ("Maj 2011", date(2011, 5, 1), date(2011, 5, 31), Praecision.MAANED, "maj 2011"),
        ("feb. 2012", date(2012, 2, 1), date(2012, 2, 29), Praecision.MAANED, "februar 2012"),
        ("Feb-april 2011", date(2011, 2, 1), date(2011, 4, 30), Praecision.MAANEDER, "februar–april 2011"),
        ("okt/nov 2012", date(2012, 10, 1), date(2012, 11, 30), Praecision.MAANEDER, "oktober–november 2012"),
        ("nov 2011–feb 2012", date(2011, 11, 1), date(2012, 2, 29), Praecision.MAANEDER, "november 2011–februar 2012"),
        ("1.3.2011-15.4.2011", date(2011, 3, 1), date(2011, 4, 15), Praecision.PERIODE, "1. marts–15. april 2011"),
    ],
)
def test_what_people_write_is_read_and_said_back(tekst, start, slut, praecision, vist):
    tid = fortolk(tekst)
    assert (tid.start, tid.slut, tid.praecision) == (start, slut, praecision)
    assert tid.tekst == vist


@pytest.mark.parametrize(
    ("tekst", "besked"),
    [
        ("", "Skriv en dato"),
        ("snart", "Skriv en dato"),
        ("uge 53, 2011", "2011 har ingen uge 53"),
        ("31.2.2011", "Datoen findes ikke"),
        ("smaj 2011", "er ikke en måned"),
        ("april-feb 2011", "slutter, før den begynder"),
        ("15.4.2011-1.3.2011", "slutter, før den begynder"),
    ],
)
def test_bad_times_get_a_danish_reason(tekst, besked):
    with pytest.raises(ValidationError) as fejl:
        fortolk(tekst)
    assert besked in " ".join(fejl.value.messages)


# Moving a time by whole months (a programme copied from an earlier one) ---------------------------


@pytest.mark.parametrize(
    ("dag", "maaneder", "flyttet"),
    [
        (date(2011, 3, 15), 13, date(2012, 4, 15)),
        (date(2011, 3, 15), -2, date(2011, 1, 15)),
        (date(2011, 1, 31), 1, date(2011, 2, 28)),  # the month is shorter: its last day
        (date(2011, 1, 31), 13, date(2012, 2, 29)),  # a leap year's February
        (date(2012, 2, 29), 12, date(2013, 2, 28)),
        (date(2011, 10, 31), 14, date(2012, 12, 31)),
        (date(2011, 12, 31), 0, date(2011, 12, 31)),
    ],
)
def test_a_date_keeps_its_day_of_the_month_within_the_month(dag, maaneder, flyttet):
    assert flyt(dag, maaneder) == flyttet


def test_the_months_between_two_starts_ignore_the_days():
    assert maaneder_mellem(date(2011, 1, 31), date(2012, 3, 1)) == 14
    assert maaneder_mellem(date(2013, 1, 1), date(2011, 1, 31)) == -24


@pytest.mark.parametrize(
    ("skrevet", "maaneder", "start", "slut"),
    [
        ("31.1.2011", 1, date(2011, 2, 28), date(2011, 2, 28)),
        ("1.3.2011–31.3.2011", 1, date(2011, 4, 1), date(2011, 4, 30)),  # a period of dates moves day by day
        ("april 2011", 1, date(2011, 5, 1), date(2011, 5, 31)),  # a month stays the whole month
        ("feb.–apr. 2011", 12, date(2012, 2, 1), date(2012, 4, 30)),
        ("uge 7, 2011", 12, date(2012, 2, 13), date(2012, 2, 19)),  # a week stays a whole week: uge 7, 2012
    ],
)
def test_a_moved_time_is_meant_the_same_way(skrevet, maaneder, start, slut):
    tid = fortolk(skrevet)
    assert forskyd(tid, maaneder) == Tidsangivelse(start, slut, tid.praecision)
