import pytest
from django.http import Http404

from kommuner.models import Kommune, Kommunegruppe
from kommuner.permissions import access_kommune, for_kommuner, kan_redigere_oplysninger
from kommuner.roller import kommuner_til_laesning, kommuner_til_skrivning
from tests.kommuner.factories import BrugerFactory

pytestmark = pytest.mark.django_db


def koder(qs):
    return sorted(qs.values_list("kode", flat=True))


def test_read_and_write_sets_per_role(ministeriet, evaluator, styregruppe, projektleder_101):
    assert kommuner_til_laesning(ministeriet).count() == 98
    assert kommuner_til_skrivning(ministeriet).count() == 98
    for laeser in (evaluator, styregruppe):
        assert kommuner_til_laesning(laeser).count() == 98
        assert kommuner_til_skrivning(laeser).count() == 0
    assert koder(kommuner_til_laesning(projektleder_101)) == ["101"]
    assert koder(kommuner_til_skrivning(projektleder_101)) == ["101"]


def test_lead_of_several_municipalities_reaches_each_of_them():
    bruger = BrugerFactory(rolle="projektleder", kommuner=["101", "147"])
    assert koder(kommuner_til_skrivning(bruger)) == ["101", "147"]


def test_user_without_role_or_inactive_sees_nothing(projektleder_101):
    uden_rolle = BrugerFactory(rolle="")
    assert kommuner_til_laesning(uden_rolle).count() == 0
    projektleder_101.is_active = False
    assert kommuner_til_laesning(projektleder_101).count() == 0


def test_lead_of_101_cannot_load_147_and_gets_the_same_404_as_for_a_missing_one(projektleder_101):
    assert access_kommune(projektleder_101, "101").kode == "101"
    with pytest.raises(Http404) as ikke_din:
        access_kommune(projektleder_101, "147")
    with pytest.raises(Http404) as findes_ikke:
        access_kommune(projektleder_101, "999")
    assert str(ikke_din.value) == str(findes_ikke.value)


def test_readers_read_but_may_not_change_a_municipality(evaluator):
    kommune = access_kommune(evaluator, "147")
    assert kommune.kode == "147"
    assert kan_redigere_oplysninger(evaluator, kommune) == (
        False,
        "Kun kommunens egne projektledere og ministeriet kan ændre kommunens oplysninger.",
    )


def test_for_kommuner_narrows_any_queryset_by_its_kommune_field(projektleder_101):
    # Kommunegruppe reaches kommuner through a relation: the helper follows any path to a Kommune.
    grupper = for_kommuner(Kommunegruppe.objects.all(), projektleder_101, kommune_felt="kommuner").distinct()
    assert [g.navn for g in grupper] == ["Hovedstadskommuner"]
    assert for_kommuner(Kommune.objects.all(), projektleder_101, kommune_felt="pk").count() == 1


@pytest.mark.parametrize(
    ("fixture", "url", "status"),
    [
        ("projektleder_101", "/kommuner/101/", 200),
        ("projektleder_101", "/kommuner/147/", 404),
        ("projektleder_101", "/kommuner/", 200),
        ("projektleder_101", "/kommuner/101/kommunegruppe/", 403),
        ("projektleder_101", "/kommuner/147/kommunegruppe/", 404),
        ("projektleder_147", "/kommuner/101/", 404),
        ("evaluator", "/kommuner/147/", 200),
        ("evaluator", "/kommuner/147/kommunegruppe/", 403),
        ("styregruppe", "/kommuner/147/kommunegruppe/", 403),
        ("ministeriet", "/kommuner/147/kommunegruppe/", 200),
        ("ministeriet", "/kommuner/999/", 404),
    ],
)
def test_kommune_views_check_access_on_the_server(client_for, request, fixture, url, status):
    response = client_for(request.getfixturevalue(fixture)).get(url)
    assert response.status_code == status


def test_lead_sees_only_own_municipality_in_the_list(client_for, projektleder_101):
    response = client_for(projektleder_101).get("/kommuner/")
    assert [k.kode for k in response.context["kommuner"]] == ["101"]


def test_ministry_changes_a_municipalitys_group(client_for, ministeriet):
    landkommuner = Kommunegruppe.objects.get(navn="Landkommuner")
    response = client_for(ministeriet).post(
        "/kommuner/147/kommunegruppe/", {"kommunegruppe": landkommuner.pk}, follow=True
    )
    assert "Frederiksberg er nu i gruppen Landkommuner" in response.content.decode()
    assert Kommune.objects.get(kode="147").kommunegruppe == landkommuner


def test_lead_cannot_change_the_group_by_posting(client_for, projektleder_101):
    landkommuner = Kommunegruppe.objects.get(navn="Landkommuner")
    response = client_for(projektleder_101).post("/kommuner/101/kommunegruppe/", {"kommunegruppe": landkommuner.pk})
    assert response.status_code == 403
    assert Kommune.objects.get(kode="101").kommunegruppe.navn == "Hovedstadskommuner"


def test_kommune_list_uses_a_constant_number_of_queries(menuen, client_for, ministeriet, django_assert_max_num_queries):
    client = client_for(ministeriet)
    with django_assert_max_num_queries(8 + menuen(ministeriet)):
        response = client.get("/kommuner/")
    assert len(response.context["kommuner"]) == 98
