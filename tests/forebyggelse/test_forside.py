import pytest

from tests.kommuner.factories import AnsoegningFactory, ProgramFactory

pytestmark = pytest.mark.django_db


def test_lead_front_page_lists_programmes_and_only_own_applications(client_for, projektleder_101, frederiksberg):
    program = ProgramFactory(navn="Programmet")
    egen = AnsoegningFactory(program=program)
    anden = AnsoegningFactory(program=program, kommune=frederiksberg)
    html = client_for(projektleder_101).get("/").content.decode()
    assert "Programmet" in html
    assert f'href="/ansoegninger/{egen.pk}/"' in html
    assert f'href="/ansoegninger/{anden.pk}/"' not in html


@pytest.mark.parametrize("fixture", ["ministeriet", "evaluator", "styregruppe"])
def test_other_roles_see_the_programmes_on_their_front_page(client_for, request, fixture):
    ProgramFactory(navn="Programmet")
    response = client_for(request.getfixturevalue(fixture)).get("/")
    assert "Programmet" in response.content.decode()


def test_front_page_queries_do_not_grow_with_programmes(
    menuen, client_for, projektleder_101, django_assert_max_num_queries
):
    client = client_for(projektleder_101)
    for _ in range(2):
        AnsoegningFactory(program=ProgramFactory())
    with django_assert_max_num_queries(12 + menuen(projektleder_101)) as small:
        client.get("/")
    for _ in range(6):
        AnsoegningFactory(program=ProgramFactory())
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/")
