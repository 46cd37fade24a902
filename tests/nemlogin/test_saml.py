"""The login with MitID Erhverv end to end against pysaml2's own IdP (tests/nemlogin/testidp.py): the portal's signed
AuthnRequest, the IdP's signed and encrypted answer, and the session it gives; then every answer the portal must
refuse, each with a Danish page, no session, no account and a row in the log."""

import base64
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import SESSION_KEY
from saml2.xmldsig import SIG_RSA_SHA256

from forebyggelse.roller import Rolle
from kommuner.models import Bruger
from nemlogin.models import Haendelse, Identitet, Invitation, Udfald
from tests.nemlogin.conftest import log_ind, sp_metadata, start_login
from tests.nemlogin.testidp import IDP_SSO, TestIdP, person, privilegieliste

pytestmark = pytest.mark.django_db


def test_the_authn_request_is_signed_with_rsa_sha256_and_asks_for_substantial(client, idp):
    url = start_login(client)
    assert url.startswith(IDP_SSO + "?")
    forespoergsel = parse_qs(urlsplit(url).query)
    assert forespoergsel["SigAlg"] == [SIG_RSA_SHA256]
    assert forespoergsel["Signature"][0]
    # The IdP checks the signature against the portal's metadata; a changed request fails that check.
    anmodning, _ = idp.anmodning(url)
    kontekst = anmodning.message.requested_authn_context
    assert [k.text for k in kontekst.authn_context_class_ref] == [
        "https://data.gov.dk/concept/core/nsis/loa/Substantial"
    ]
    assert kontekst.comparison == "minimum"
    with pytest.raises(Exception):  # noqa: B017 - pysaml2 raises its own signature error classes
        idp.anmodning(url.replace("RelayState=%2F", "RelayState=%2Fandet%2F"))


def test_an_invited_lead_logs_in_with_the_right_role_and_municipality(client, idp, invitation, koebenhavn):
    svar = log_ind(
        client,
        idp,
        person(email="Lead@KK.example"),
    )
    assert svar.status_code == 302 and svar["Location"] == "/"
    bruger = Bruger.objects.get(pk=client.session[SESSION_KEY])
    assert bruger.rolle == Rolle.PROJEKTLEDER
    assert list(bruger.kommuner.all()) == [koebenhavn]
    assert not bruger.has_usable_password()
    invitation.refresh_from_db()
    assert invitation.brugt is not None and invitation.bruger == bruger
    haendelse = Haendelse.objects.get()
    assert (haendelse.udfald, haendelse.bruger, haendelse.cvr, haendelse.niveau) == (
        Udfald.GODKENDT,
        bruger,
        "64942212",
        "Substantial",
    )
    # The session needs no code: the assurance level is the second factor.
    forside = client.get("/")
    assert forside.status_code == 200


def test_the_next_login_finds_the_same_user_by_the_uuid(client, idp, invitation):
    identitet = person()
    log_ind(client, idp, identitet)
    client.logout()
    svar = log_ind(client, idp, identitet)
    assert svar.status_code == 302
    assert Bruger.objects.filter(rolle=Rolle.PROJEKTLEDER, email="lead@kk.example").count() == 1
    assert Identitet.objects.count() == 1


def test_a_login_for_another_organisation_is_refused_later(client, idp, invitation, db):
    identitet = person(uuid="urn:uuid:11111111-2222-3333-4444-555555555555")
    log_ind(client, idp, identitet)
    client.logout()
    svar = log_ind(client, idp, person(uuid="urn:uuid:11111111-2222-3333-4444-555555555555", cvr="10000009"))
    assert svar.status_code == 403
    assert "hører til organisationen med CVR-nummer 64942212" in svar.content.decode()
    assert SESSION_KEY not in client.session


def test_a_ministry_invitation_gives_a_ministry_user(client, idp, ministeriet):
    from nemlogin import services

    services.invitation_opret(af=ministeriet, email="ny@sm.example", rolle=Rolle.MINISTERIET)
    svar = log_ind(client, idp, person(email="ny@sm.example", cvr="10000009", organisation="Ministeriet"))
    assert svar.status_code == 302
    assert Bruger.objects.get(pk=client.session[SESSION_KEY]).rolle == Rolle.MINISTERIET


def test_the_role_may_come_from_the_privileges_where_configured(client, idp, koebenhavn, settings):
    settings.NEMLOGIN_PRIVILEGIER = "urn:dk:forebyggelsesportalen:rolle:"
    bpp = privilegieliste("64942212", "urn:dk:andet:system", "urn:dk:forebyggelsesportalen:rolle:projektleder")
    svar = log_ind(client, idp, person(email="", privilegier=bpp))
    assert svar.status_code == 302
    bruger = Bruger.objects.get(pk=client.session[SESSION_KEY])
    assert bruger.rolle == Rolle.PROJEKTLEDER and list(bruger.kommuner.all()) == [koebenhavn]
    # Without the privilege (taken away in the organisation's own user administration) the next login is refused.
    client.logout()
    identitet = person(uuid=Identitet.objects.get().uuid, privilegier=privilegieliste("64942212", "urn:dk:andet"))
    assert log_ind(client, idp, identitet).status_code == 403


def test_a_privilege_given_in_another_organisation_counts_for_nothing(client, idp, koebenhavn, settings):
    settings.NEMLOGIN_PRIVILEGIER = "urn:dk:forebyggelsesportalen:rolle:"
    bpp = privilegieliste("10000009", "urn:dk:forebyggelsesportalen:rolle:ministeriet")
    svar = log_ind(client, idp, person(privilegier=bpp))
    assert svar.status_code == 403
    assert not Bruger.objects.filter(rolle=Rolle.MINISTERIET).exists()


def _afvist(client, svar, tekst: str, status: int = 403):
    indhold = svar.content.decode()
    assert svar.status_code == status, indhold[:300]
    assert "Login med MitID Erhverv mislykkedes" in indhold
    assert tekst in indhold, indhold[indhold.find("alert-text") : indhold.find("alert-text") + 400]
    assert SESSION_KEY not in client.session
    assert not Identitet.objects.exists()
    assert not Bruger.objects.filter(email="lead@kk.example").exists()
    haendelse = Haendelse.objects.get()
    assert haendelse.udfald == Udfald.AFVIST and haendelse.aarsag


def test_no_invitation_no_account_and_whom_to_ask(client, idp, koebenhavn):
    svar = log_ind(client, idp, person())
    _afvist(client, svar, "bed dem om en invitation")


def test_an_unknown_cvr_is_refused(client, idp, invitation):
    svar = log_ind(client, idp, person(cvr="12345674", organisation="Et firma"))
    _afvist(client, svar, "CVR-nummer 12345674 (Et firma), som hverken er en kommune eller ministeriet")


def test_too_low_an_assurance_level_is_refused(client, idp, invitation):
    svar = log_ind(client, idp, person(niveau="Low"))
    _afvist(client, svar, "sikringsniveau lav, men portalen kræver mindst niveau betydelig")
    assert Invitation.objects.get().brugt is None


def test_an_unsigned_assertion_is_refused(client, idp, invitation):
    svar = log_ind(client, idp, person(), signer=False)
    _afvist(client, svar, "ikke underskrevet rigtigt")


def test_an_assertion_signed_by_another_key_is_refused(client, invitation):
    fremmed = TestIdP(sp_metadata(), fremmed=True)
    svar = log_ind(client, fremmed, person())
    _afvist(client, svar, "ikke underskrevet rigtigt", status=403)


def test_an_unencrypted_assertion_is_refused(client, idp, invitation):
    svar = log_ind(client, idp, person(), krypter=False)
    _afvist(client, svar, "ikke krypteret", status=400)


def test_an_answer_for_another_audience_is_refused(client, invitation):
    anden = "https://en-anden-portal.example/saml2/metadata/"
    egen = sp_metadata()
    idp = TestIdP(egen, egen.replace('entityID="http://testserver/saml2/metadata/"', f'entityID="{anden}"'))
    svar = log_ind(client, idp, person(), publikum=anden)
    _afvist(client, svar, "ikke til denne portal", status=403)


def test_an_answer_for_another_recipient_is_refused(client, idp, invitation):
    svar = log_ind(client, idp, person(), modtager="https://en-anden-portal.example/saml2/acs/")
    _afvist(client, svar, "ikke til denne portal", status=400)


def test_an_expired_answer_is_refused(client, invitation):
    # The assertion's lifetime ended ten minutes ago (the portal allows a minute of clock difference).
    idp = TestIdP(sp_metadata(), levetid=-10)
    svar = log_ind(client, idp, person())
    _afvist(client, svar, "ikke gyldigt længere")


def test_a_replayed_answer_is_refused(client, idp, invitation):
    data = idp.svar(start_login(client), person())
    post = {"SAMLResponse": data["SAMLResponse"], "RelayState": data["RelayState"]}
    assert client.post("/saml2/acs/", post).status_code == 302
    client.logout()
    Haendelse.objects.all().delete()
    svar = client.post("/saml2/acs/", post)
    assert svar.status_code == 403
    assert "brugt før" in svar.content.decode()
    assert SESSION_KEY not in client.session
    assert Haendelse.objects.get().udfald == Udfald.AFVIST


def test_an_answer_to_a_request_from_another_browser_is_refused(client, idp, invitation):
    from django.test import Client

    data = idp.svar(start_login(Client()), person())
    svar = client.post("/saml2/acs/", {"SAMLResponse": data["SAMLResponse"]})
    _afvist(client, svar, "ikke til et login, der er startet i denne browser", status=403)


@pytest.mark.parametrize(
    "saml_response",
    [
        "",
        "ikke base64 !",
        base64.b64encode(b"ikke xml").decode(),
        base64.b64encode(b"<html/>").decode(),
        base64.b64encode(b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>').decode(),
        base64.b64encode(
            b'<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="x" Version="2.0">'
            b'<saml:EncryptedAssertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"/></samlp:Response>'
        ).decode(),
        "A" * 200_000,
    ],
    ids=["tom", "ikke-base64", "ikke-xml", "anden-rod", "entitet", "tom-kryptering", "stor"],
)
def test_garbage_gets_a_danish_page_never_a_server_error(client, invitation, saml_response):
    start_login(client)
    svar = client.post("/saml2/acs/", {"SAMLResponse": saml_response})
    # 400 for what is not a SAML response at all, 403 for one pysaml2 refuses to trust.
    _afvist(client, svar, "Svaret fra NemLog-in", status=403 if saml_response.startswith("PHNhbWxwOlJlc3") else 400)


def test_a_get_to_the_acs_is_405_and_a_post_without_anything_is_refused(client, db):
    assert client.get("/saml2/acs/").status_code == 405
    svar = client.post("/saml2/acs/")
    assert svar.status_code == 400 and "kunne ikke læses" in svar.content.decode()


def test_the_metadata_has_signing_and_encryption_keys_and_the_endpoints(client, db):
    from saml2.config import Config
    from saml2.mdstore import MetadataStore

    svar = client.get("/saml2/metadata/")
    assert svar.status_code == 200
    assert svar["Content-Type"].startswith("application/samlmetadata+xml")
    tekst = svar.content.decode()
    assert 'use="signing"' in tekst and 'use="encryption"' in tekst
    assert 'AuthnRequestsSigned="true"' in tekst and 'WantAssertionsSigned="true"' in tekst
    assert "http://testserver/saml2/acs/" in tekst and "http://testserver/saml2/ls/" in tekst
    # Valid against the SAML 2.0 metadata schema (the copy pysaml2 ships), with xmldsig and xmlenc.
    from importlib.resources import files

    import saml2.data.schemas
    from saml2.xml.schema import XMLSchemaError, _create_xml_schema_validator, validate

    skema = _create_xml_schema_validator(str(files(saml2.data.schemas).joinpath("saml-schema-metadata-2.0.xsd")))
    validate(tekst.encode(), skema)
    with pytest.raises(XMLSchemaError):  # the schema must be able to fail
        # The element's namespace prefix depends on which prefixes other modules registered first.
        forkert = re.sub(r"(</?)(\w+:)?SPSSODescriptor", r"\1\2Ukendt", tekst)
        assert forkert != tekst
        validate(forkert.encode(), skema)
    # pysaml2 reads it as metadata of one service provider with the portal's entity id.
    lager = MetadataStore(attrc=None, config=Config())
    lager.imp([{"class": "saml2.mdstore.InMemoryMetaData", "metadata": [(tekst,)]}])
    assert list(lager.service_providers()) == ["http://testserver/saml2/metadata/"]


def test_everything_is_404_while_nemlogin_is_not_set_up(client, db, settings):
    settings.NEMLOGIN_IDP_METADATA = ""
    for url in ("/saml2/login/", "/saml2/metadata/", "/saml2/ls/"):
        assert client.get(url).status_code == 404
    assert client.post("/saml2/acs/", {"SAMLResponse": "x"}).status_code == 404
    assert "MitID Erhverv" not in client.get("/konto/login/").content.decode()


def test_single_logout_goes_through_nemlogin_and_ends_the_session(client, idp, invitation):
    log_ind(client, idp, person())
    assert SESSION_KEY in client.session
    # The header's "Log ud" posts to konto's logout, which sends a NemLog-in session on (307 keeps the POST).
    svar = client.post("/konto/logout/")
    assert svar.status_code == 307 and svar["Location"] == "/saml2/logout/"
    svar = client.post("/saml2/logout/")
    # A page that refreshes to NemLog-in (a redirect would break the form's CSP form-action 'self').
    assert svar.status_code == 200
    adresse = re.search(r'content="0; url=([^"]+)"', svar.content.decode()).group(1).replace("&amp;", "&")
    assert adresse.startswith("https://nemlogin.test/slo?")
    assert f'href="{adresse.replace("&", "&amp;")}"' in svar.content.decode()
    forespoergsel = parse_qs(urlsplit(adresse).query)
    assert forespoergsel["SigAlg"] == [SIG_RSA_SHA256]
    assert SESSION_KEY not in client.session
    # NemLog-in's signed answer comes back to /saml2/ls/.
    tilbage = dict(idp.udlogning(adresse)["headers"])["Location"]
    assert tilbage.startswith("http://testserver/saml2/ls/?SAMLResponse=")
    svar = client.get(tilbage.removeprefix("http://testserver"), follow=True)
    assert svar.redirect_chain == [("/konto/login/", 302)]
    assert "Du er logget ud af portalen og af MitID Erhverv." in svar.content.decode()
    assert list(Haendelse.objects.values_list("udfald", flat=True)) == [Udfald.LOGGET_UD, Udfald.GODKENDT]


def test_a_logout_nemlogin_starts_ends_the_portals_session_and_answers_signed(client, idp, invitation):
    identitet = person()
    log_ind(client, idp, identitet)
    url = idp.udlogning_fra_idp(
        "http://testserver/saml2/metadata/",
        identitet["https://data.gov.dk/model/core/eid/professional/uuid/persistent"][0],
    )
    svar = client.get(url.removeprefix("http://testserver"))
    assert svar.status_code == 302 and svar["Location"].startswith("https://nemlogin.test/slo?SAMLResponse=")
    assert parse_qs(urlsplit(svar["Location"]).query)["SigAlg"] == [SIG_RSA_SHA256]
    assert SESSION_KEY not in client.session
    assert Haendelse.objects.filter(udfald=Udfald.LOGGET_UD, aarsag="Logget ud fra NemLog-in").count() == 1


def test_a_hostile_next_page_is_not_followed(client, idp, invitation):
    data = idp.svar(start_login(client, "https://ond.example/"), person())
    svar = client.post("/saml2/acs/", {"SAMLResponse": data["SAMLResponse"], "RelayState": data["RelayState"]})
    assert svar.status_code == 302 and svar["Location"] == "/"


def test_a_broken_logout_message_gets_a_danish_page(client, db):
    for data in ({}, {"SAMLResponse": "skrald"}, {"SAMLRequest": "skrald"}):
        svar = client.get("/saml2/ls/", data)
        assert svar.status_code == 400, data
        assert "Log ud med MitID Erhverv mislykkedes" in svar.content.decode()


def test_a_nemlogin_login_needs_no_code_even_where_two_factor_is_required(client, idp, ministeriet, settings):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from nemlogin import services

    settings.TOFAKTOR_PAAKRAEVET = True
    services.invitation_opret(af=ministeriet, email="ny@sm.example", rolle=Rolle.MINISTERIET)
    identitet = person(email="ny@sm.example", cvr="10000009")
    log_ind(client, idp, identitet)
    bruger = Bruger.objects.get(pk=client.session[SESSION_KEY])
    # Not sent to set up an authenticator, and not logged out for a missing code, also with one set up.
    assert client.get("/").status_code == 200
    TOTPDevice.objects.create(user=bruger, name="app", confirmed=True)
    client.logout()
    log_ind(client, idp, identitet)
    assert client.get("/").status_code == 200
    assert client.session[SESSION_KEY] == str(bruger.pk)


def test_the_login_page_offers_mitid_erhverv_and_the_local_login_can_be_switched_off(client, db, settings):
    side = client.get("/konto/login/?next=/programmer/").content.decode()
    assert 'href="/saml2/login/?next=/programmer/"' in side and "Log ind med MitID Erhverv" in side
    assert 'name="password"' in side
    settings.LOKAL_LOGIN = False
    Bruger.objects.create_user("lokal", password="hemmelig-kode-1", rolle=Rolle.MINISTERIET)
    side = client.get("/konto/login/").content.decode()
    assert "Log ind med MitID Erhverv" in side and 'name="password"' not in side
    svar = client.post("/konto/login/", {"username": "lokal", "password": "hemmelig-kode-1"})
    assert svar.status_code == 403 and "slået fra" in svar.content.decode()
    assert SESSION_KEY not in client.session
