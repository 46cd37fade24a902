"""Every page of konto and hentninger, and the open pages of the project (health, accessibility statement),
× every role and anonymous. Everyone manages only their own account, so the other municipality's lead gets
what the own lead gets. A page added without a row here fails the last test."""

import pytest
from django.urls import get_resolver

pytestmark = pytest.mark.django_db

ROLLER = ["ministeriet", "projektleder_101", "projektleder_147", "evaluator", "styregruppe"]

# url → (expected status per role in the order of ROLLER, expected status for an anonymous visitor).
# 302 for a logged-in user: no half-finished login to finish (login/kode), no two-factor login to manage yet
# (backupkoder, slaa-fra), or a live session that is not expired (session/udloebet).
MATRIX = {
    "/konto/": ((200, 200, 200, 200, 200), "login"),
    "/konto/login/kode/": ((302, 302, 302, 302, 302), 302),
    "/konto/tofaktor/": ((200, 200, 200, 200, 200), "login"),
    "/konto/tofaktor/backupkoder/": ((302, 302, 302, 302, 302), "login"),
    "/konto/tofaktor/slaa-fra/": ((302, 302, 302, 302, 302), "login"),
    "/konto/session/udloebet/": ((302, 302, 302, 302, 302), 200),
    "/hentninger/": ((200, 404, 404, 404, 404), "login"),
    "/healthz": ((200, 200, 200, 200, 200), 200),
    "/tilgaengelighedserklaering/": ((200, 200, 200, 200, 200), 200),
}
# POST-only: GET is refused for everyone logged in (anonymous visitors are sent to login first).
KUN_POST = {"/konto/session/forlaeng/"}


@pytest.mark.parametrize(("rolle_nr", "rolle"), list(enumerate(ROLLER)))
def test_every_page_for_every_role(client_for, request, rolle_nr, rolle):
    client = client_for(request.getfixturevalue(rolle))
    faktisk = {url: client.get(url).status_code for url in MATRIX}
    assert faktisk == {url: statusser[rolle_nr] for url, (statusser, _) in MATRIX.items()}
    for url in KUN_POST:
        assert client.get(url).status_code == 405


def test_anonymous_visitors(client):
    for url, (_, anonym) in MATRIX.items():
        svar = client.get(url)
        if anonym == "login":
            assert svar.status_code == 302, url
            assert svar["Location"].startswith("/konto/login/?next="), url
        else:
            assert svar.status_code == anonym, url
    for url in KUN_POST:
        assert client.post(url)["Location"].startswith("/konto/login/?next=")


def test_the_matrix_covers_every_page_of_konto_and_hentninger():
    sider = set()
    for moenster in get_resolver().url_patterns:
        if getattr(moenster, "app_name", None) in {"konto", "hentninger"}:
            prefiks = str(moenster.pattern)
            sider |= {f"/{prefiks}{p.pattern}" for p in moenster.url_patterns}
    daekket = {url for url in (*MATRIX, *KUN_POST) if url.startswith(("/konto/", "/hentninger/"))}
    assert len(sider) == 8
    assert sider == daekket, sider ^ daekket
