"""Login with MitID Erhverv in real Chromium: the login page's button, NemLog-in's page (a test IdP the test serves
itself, on another site than the portal, as NemLog-in is), the approval, the lead's task list; then "Log af", which
goes through NemLog-in's single logout and back."""

import html
import re
import threading
import traceback
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from saml2.metadata import entity_descriptor

from forebyggelse.roller import Rolle
from kommuner.models import Bruger, Kommune
from nemlogin import services
from nemlogin.konfiguration import sp_konfiguration
from strategi.models import Handling, HandlingStatus
from tests.nemlogin.testidp import TestIdP, idp_metadata, person
from tests.strategi.factories import StrategiFactory, godkend, ministeriet

IDP_OVERSKRIFT = "Test-IdP (kun til test): log ind som Eksempel Projektleder"

IDP_SIDE = """<!DOCTYPE html>
<html lang="da">
<head><meta charset="utf-8"><title>Test-IdP (kun til test)</title><link rel="icon" href="data:,"></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 2em auto">
<h1>{overskrift}</h1>
<p>Her ville MitID bede om godkendelse. Denne side er en identitetsudbyder, som testen selv kører.</p>
<form method="post" action="{acs}">
<input type="hidden" name="SAMLResponse" value="{saml_response}">
<input type="hidden" name="RelayState" value="{relay_state}">
<button type="submit">Godkend</button>
</form>
</body>
</html>
"""


class IdPServer(ThreadingHTTPServer):
    """NemLog-in's two pages for the browser: /sso answers the portal's AuthnRequest with a page whose button posts
    the signed, encrypted answer to the portal's ACS; /slo answers its LogoutRequest with a redirect back."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), IdPSide)
        self.adresse = f"http://127.0.0.1:{self.server_port}"
        self.idp: TestIdP | None = None
        self.besoeg: list[str] = []
        self.fejl: list[str] = []


class IdPSide(BaseHTTPRequestHandler):
    server: IdPServer

    def do_GET(self):
        url = self.server.adresse + self.path
        self.server.besoeg.append(url)
        try:
            match urlsplit(url).path:
                case "/sso":
                    self._login(url)
                case "/slo":
                    self._logout(url)
                case _:
                    self.send_error(404)
        except Exception:
            # The page shows what went wrong, and the test fails on it even if the browser went on.
            self.server.fejl.append(traceback.format_exc())
            self.send_error(500, explain=traceback.format_exc())

    def _login(self, url: str) -> None:
        svar = self.server.idp.svar(url, person())
        side = IDP_SIDE.format(
            overskrift=html.escape(IDP_OVERSKRIFT),
            acs=html.escape(svar["acs"]),
            saml_response=html.escape(svar["SAMLResponse"]),
            relay_state=html.escape(svar["RelayState"]),
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(side)))
        self.end_headers()
        self.wfile.write(side)

    def _logout(self, url: str) -> None:
        self.send_response(302)
        self.send_header("Location", dict(self.server.idp.udlogning(url)["headers"])["Location"])
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format, *args):
        pass  # the visits are in self.server.besoeg


@pytest.fixture
def nemlogin_idp(live_server, settings, tmp_path):
    """The test IdP on 127.0.0.1 and the portal (the live server, on localhost) registered with each other."""
    server = IdPServer()
    settings.NEMLOGIN_ADRESSE = live_server.url
    # As in production (settings/production.py): NemLog-in posts its answer from another site, so the SAML
    # session's cookie must be SameSite=None, which Chromium takes only when Secure (it is, on localhost, over
    # http). With the other settings' Lax, Chromium leaves the cookie out and the portal refuses the answer as
    # belonging to no login started in this browser.
    settings.SAML_SESSION_COOKIE_SAMESITE = "None"
    settings.SESSION_COOKIE_SECURE = True
    settings.NEMLOGIN_IDP_METADATA = idp_metadata(
        tmp_path / "idp.xml", sso=f"{server.adresse}/sso", slo=f"{server.adresse}/slo"
    )
    server.idp = TestIdP(
        str(entity_descriptor(sp_konfiguration())), sso=f"{server.adresse}/sso", slo=f"{server.adresse}/slo"
    )
    traad = threading.Thread(target=server.serve_forever, daemon=True)
    traad.start()
    yield server
    server.shutdown()
    server.server_close()
    traad.join()


@pytest.fixture
def invitation(db):
    """The ministry invites lead@kk.example as project lead for København (CVR 64942212), as in tests/nemlogin."""
    koebenhavn = Kommune.objects.get(kode="101")
    koebenhavn.cvr = "64942212"
    koebenhavn.save(update_fields=["cvr"])
    return services.invitation_opret(
        af=ministeriet(), email="lead@kk.example", rolle=Rolle.PROJEKTLEDER, kommune=koebenhavn
    )


def forsinket_handling(settings) -> Handling:
    """An action in København's approved strategy that should have ended: a task on the lead's list."""
    settings.PORTAL_I_DAG = "2012-06-01"
    strategi = StrategiFactory(fuld=True, kommune=Kommune.objects.get(kode="101"))
    Handling.objects.filter(strategi=strategi).update(slut=date(2012, 4, 30), status=HandlingStatus.I_GANG)
    godkend(strategi)
    return Handling.objects.get(strategi=strategi)


def log_ind_med_mitid_erhverv(page, idp: IdPServer, skaermbilleder: Path | None = None) -> None:
    """From the login page through NemLog-in's page (the button, as MitID's approval) to the portal."""
    page.goto("/konto/login/")
    if skaermbilleder:
        page.screenshot(path=skaermbilleder / "1-login.png", full_page=True)
    page.get_by_role("link", name="Log ind med MitID Erhverv").click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(idp.adresse)}/sso\?SAMLRequest="))
    expect(page.get_by_role("heading", level=1)).to_have_text(IDP_OVERSKRIFT)
    assert page.locator("html").get_attribute("lang") == "da"
    if skaermbilleder:
        page.screenshot(path=skaermbilleder / "2-idp.png", full_page=True)
    page.get_by_role("button", name="Godkend").click()


def test_an_invited_lead_logs_in_with_mitid_erhverv_and_lands_on_their_task_list(
    page, live_server, nemlogin_idp, invitation, settings, tmp_path
):
    handling = forsinket_handling(settings)

    log_ind_med_mitid_erhverv(page, nemlogin_idp, tmp_path)

    expect(page).to_have_url(f"{live_server.url}/")
    opgaver = page.locator("section.mine-opgaver")
    expect(opgaver.get_by_role("heading", name="Mine opgaver")).to_be_visible()
    expect(opgaver.get_by_role("link", name=f"Meld fremskridt på handlingen “{handling.titel}”")).to_be_visible()
    expect(page.locator("header .portal-user .user")).to_have_text("Eksempel Projektleder, Kommunal projektleder")
    page.screenshot(path=tmp_path / "3-forside.png", full_page=True)
    lead = Bruger.objects.get(email="lead@kk.example")
    assert (lead.rolle, list(lead.kommuner.values_list("kode", flat=True))) == (Rolle.PROJEKTLEDER, ["101"])
    assert [urlsplit(url).path for url in nemlogin_idp.besoeg] == ["/sso"]
    assert nemlogin_idp.fejl == []
    assert page.console_fejl == []


def test_log_af_goes_through_nemlogins_single_logout_and_ends_logged_out(
    page, live_server, nemlogin_idp, invitation, tmp_path
):
    log_ind_med_mitid_erhverv(page, nemlogin_idp)
    expect(page).to_have_url(f"{live_server.url}/")

    page.get_by_role("button", name="Log af").click()

    # Through NemLog-in's single logout and back to the login page.
    expect(page).to_have_url(f"{live_server.url}/konto/login/")
    expect(page.get_by_text("Du er logget ud af portalen og af MitID Erhverv.")).to_be_visible()
    page.screenshot(path=tmp_path / "4-logget-ud.png", full_page=True)
    assert [urlsplit(url).path for url in nemlogin_idp.besoeg] == ["/sso", "/slo"]
    assert nemlogin_idp.fejl == []
    assert page.console_fejl == []
    page.goto("/")
    expect(page).to_have_url(f"{live_server.url}/konto/login/?next=/")
