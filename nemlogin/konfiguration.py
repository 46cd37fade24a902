"""The service-provider side of NemLog-in for pysaml2, made from settings (which come from the environment,
docs/drift.md): djangosaml2 calls `sp_konfiguration` on every SAML request (settings.SAML_CONFIG_LOADER).

What OIOSAML 3 asks of a service provider, and where it is said here: AuthnRequests and logout messages signed
with RSA-SHA256; assertions must be signed (pysaml2 refuses others) and encrypted (nemlogin.views refuses a
response with a plain assertion); the request asks for at least the configured NSIS level, and the level the
assertion states is checked again (nemlogin.services); unsolicited responses are refused, so each response must
answer a request this browser made."""

import shutil

from django.conf import settings
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import SPConfig
from saml2.saml import NAMEID_FORMAT_PERSISTENT
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

from konto.permissions import nemlogin_slaaet_til as slaaet_til  # noqa: F401 - one rule, asked from here too
from nemlogin.attributter import NIVEAU_KLASSE


def _metadata(kilde: str) -> dict:
    if kilde.startswith(("https://", "http://")):
        return {"remote": [{"url": kilde}]}
    return {"local": [kilde]}


def sp_ordbog() -> dict:
    adresse = settings.NEMLOGIN_ADRESSE.rstrip("/")
    krypteringsnoegle = settings.NEMLOGIN_KRYPTERINGSNOEGLE or settings.NEMLOGIN_NOEGLE
    krypteringscertifikat = settings.NEMLOGIN_KRYPTERINGSCERTIFIKAT or settings.NEMLOGIN_CERTIFIKAT
    return {
        "entityid": settings.NEMLOGIN_ENTITY_ID or f"{adresse}/saml2/metadata/",
        "xmlsec_binary": shutil.which("xmlsec1") or "/usr/bin/xmlsec1",
        # OIOSAML 3 names its attributes by URI; they are read as such (nemlogin.attributter).
        "allow_unknown_attributes": True,
        "metadata": _metadata(settings.NEMLOGIN_IDP_METADATA),
        "key_file": settings.NEMLOGIN_NOEGLE,
        "cert_file": settings.NEMLOGIN_CERTIFIKAT,
        "encryption_keypairs": [{"key_file": krypteringsnoegle, "cert_file": krypteringscertifikat}],
        # Clocks differ a little between NemLog-in and the portal's servers.
        "accepted_time_diff": 60,
        "service": {
            "sp": {
                "name": "Forebyggelsesportalen",
                "endpoints": {
                    "assertion_consumer_service": [(f"{adresse}/saml2/acs/", BINDING_HTTP_POST)],
                    "single_logout_service": [
                        (f"{adresse}/saml2/ls/", BINDING_HTTP_REDIRECT),
                        (f"{adresse}/saml2/ls/post/", BINDING_HTTP_POST),
                    ],
                },
                "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                "authn_requests_signed": True,
                "logout_requests_signed": True,
                "logout_responses_signed": True,
                "want_assertions_signed": True,
                "want_response_signed": False,
                "allow_unsolicited": False,
                "signing_algorithm": SIG_RSA_SHA256,
                "digest_algorithm": DIGEST_SHA256,
                "requested_authn_context": {
                    "authn_context_class_ref": [NIVEAU_KLASSE.format(settings.NEMLOGIN_NIVEAU)],
                    "comparison": "minimum",
                },
            }
        },
        "organization": {
            "name": [("Forebyggelsesportalen", "da")],
            "display_name": [("Forebyggelsesportalen", "da")],
            "url": [(settings.PORTAL_URL, "da")],
        },
    }


def sp_konfiguration(request=None) -> SPConfig:
    konfiguration = SPConfig()
    konfiguration.load(sp_ordbog())
    return konfiguration
