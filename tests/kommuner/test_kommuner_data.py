from collections import Counter

import pytest

from kommuner.models import Kommune, Kommunegruppe

pytestmark = pytest.mark.django_db


def test_all_98_municipalities_are_loaded():
    assert Kommune.objects.count() == 98


@pytest.mark.parametrize(
    ("kode", "navn", "region", "gruppe"),
    [
        ("101", "København", "Region Hovedstaden", "Hovedstadskommuner"),
        ("147", "Frederiksberg", "Region Hovedstaden", "Hovedstadskommuner"),
        ("751", "Aarhus", "Region Midtjylland", "Storbykommuner"),
        ("851", "Aalborg", "Region Nordjylland", "Storbykommuner"),
        ("860", "Hjørring", "Region Nordjylland", "Landkommuner"),
    ],
)
def test_known_municipalities(kode, navn, region, gruppe):
    kommune = Kommune.objects.select_related("kommunegruppe").get(kode=kode)
    assert (kommune.navn, kommune.region, kommune.kommunegruppe.navn) == (navn, region, gruppe)


def test_regions_and_groups_have_the_published_sizes():
    assert Counter(Kommune.objects.values_list("region", flat=True)) == {
        "Region Hovedstaden": 29,
        "Region Midtjylland": 19,
        "Region Nordjylland": 11,
        "Region Sjælland": 17,
        "Region Syddanmark": 22,
    }
    sizes = {g.navn: g.kommuner.count() for g in Kommunegruppe.objects.all()}
    assert sizes == {
        "Hovedstadskommuner": 24,
        "Storbykommuner": 3,
        "Provinsbykommuner": 16,
        "Oplandskommuner": 24,
        "Landkommuner": 31,
    }


def test_christianso_is_not_a_municipality():
    assert not Kommune.objects.filter(kode="411").exists()
