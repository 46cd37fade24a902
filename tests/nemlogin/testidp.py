"""An identity provider for the tests: pysaml2's own IdP server with keys made for the test run, speaking OIOSAML 3
as NemLog-in does (signed and encrypted assertions, the OIOSAML 3 attributes, NSIS levels). `noegler` makes the
keys and the IdP's metadata once per process (the test settings point the portal at them); `TestIdP` answers the
portal's AuthnRequests and LogoutRequests, and can be told to answer wrongly in each way the portal must refuse."""

import atexit
import base64
import datetime
import functools
import shutil
import tempfile
import uuid as uuidlib
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.metadata import entity_descriptor
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

from nemlogin import attributter

IDP_ENTITY_ID = "https://nemlogin.test/idp"
IDP_SSO = "https://nemlogin.test/sso"
IDP_SLO = "https://nemlogin.test/slo"
XMLSEC = "/usr/bin/xmlsec1"


def _noglepar(mappe: Path, navn: str) -> tuple[str, str]:
    noegle = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    emne = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"{navn} (kun til test)")])
    nu = datetime.datetime.now(datetime.UTC)
    certifikat = (
        x509.CertificateBuilder()
        .subject_name(emne)
        .issuer_name(emne)
        .public_key(noegle.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(nu - datetime.timedelta(days=1))
        .not_valid_after(nu + datetime.timedelta(days=30))
        .sign(noegle, hashes.SHA256())
    )
    noeglefil, certfil = mappe / f"{navn}.key", mappe / f"{navn}.crt"
    noeglefil.write_bytes(
        noegle.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    certfil.write_bytes(certifikat.public_bytes(serialization.Encoding.PEM))
    return str(noeglefil), str(certfil)


def idp_ordbog(
    noegle: str, certifikat: str, *, sso: str = IDP_SSO, slo: str = IDP_SLO, sp_metadata=(), levetid: int = 5
) -> dict:
    return {
        "entityid": IDP_ENTITY_ID,
        "xmlsec_binary": XMLSEC,
        "key_file": noegle,
        "cert_file": certifikat,
        "encryption_keypairs": [{"key_file": noegle, "cert_file": certifikat}],
        "metadata": {"inline": list(sp_metadata)} if sp_metadata else {},
        "allow_unknown_attributes": True,
        "service": {
            "idp": {
                "endpoints": {
                    "single_sign_on_service": [(sso, BINDING_HTTP_REDIRECT)],
                    "single_logout_service": [(slo, BINDING_HTTP_REDIRECT)],
                },
                "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                "want_authn_requests_signed": True,
                # NemLog-in signs with RSA-SHA256.
                "signing_algorithm": SIG_RSA_SHA256,
                "digest_algorithm": DIGEST_SHA256,
                "policy": {"default": {"lifetime": {"minutes": levetid}, "name_form": NAME_FORMAT_URI}},
            }
        },
    }


def _skriv_idp_metadata(fil: Path, noegle: str, certifikat: str, **endpunkter) -> str:
    konfiguration = IdPConfig()
    konfiguration.load(idp_ordbog(noegle, certifikat, **endpunkter))
    fil.write_text(str(entity_descriptor(konfiguration)))
    return str(fil)


@functools.cache
def noegler() -> dict:
    """Key pairs for the portal and the IdP and the IdP's metadata, in a folder of this process's own."""
    mappe = Path(tempfile.mkdtemp(prefix="nemlogin-test-"))
    atexit.register(shutil.rmtree, mappe, ignore_errors=True)
    sp_noegle, sp_cert = _noglepar(mappe, "sp")
    idp_noegle, idp_cert = _noglepar(mappe, "idp")
    fremmed_noegle, fremmed_cert = _noglepar(mappe, "fremmed")
    metadata = _skriv_idp_metadata(mappe / "idp.xml", idp_noegle, idp_cert)
    return {
        "mappe": mappe,
        "sp_noegle": sp_noegle,
        "sp_cert": sp_cert,
        "idp_noegle": idp_noegle,
        "idp_cert": idp_cert,
        "fremmed_noegle": fremmed_noegle,
        "fremmed_cert": fremmed_cert,
        "idp_metadata": metadata,
    }


def idp_metadata(fil: Path, *, sso: str, slo: str) -> str:
    """The metadata of an IdP with the test IdP's key and entity id whose endpoints are `sso` and `slo` (a test IdP
    served on a port of the test's own, for the browser), written to `fil`; its path, for NEMLOGIN_IDP_METADATA."""
    n = noegler()
    return _skriv_idp_metadata(fil, n["idp_noegle"], n["idp_cert"], sso=sso, slo=slo)


def person(**aendringer) -> dict:
    """The OIOSAML 3 attributes of a professional logging in for Københavns Kommune on level Substantial."""
    vaerdier = {
        "uuid": f"urn:uuid:{uuidlib.uuid4()}",
        "cvr": "64942212",
        "niveau": "Substantial",
        "email": "lead@kk.example",
        "fornavn": "Eksempel",
        "efternavn": "Projektleder",
        "organisation": "Københavns Kommune",
        "privilegier": "",
    }
    vaerdier.update(aendringer)
    identitet = {
        attributter.SPEC_VERSION: ["OIO-SAML-3.0"],
        attributter.UUID: [vaerdier["uuid"]],
        attributter.CVR: [vaerdier["cvr"]],
        attributter.NIVEAU: [vaerdier["niveau"]],
        attributter.EMAIL: [vaerdier["email"]],
        attributter.FORNAVN: [vaerdier["fornavn"]],
        attributter.EFTERNAVN: [vaerdier["efternavn"]],
        attributter.ORGANISATION: [vaerdier["organisation"]],
    }
    if vaerdier["privilegier"]:
        identitet[attributter.PRIVILEGIER] = [vaerdier["privilegier"]]
    return {navn: v for navn, v in identitet.items() if v != [""]}


def privilegieliste(cvr: str, *privilegier: str) -> str:
    """An OIO-BPP list giving these privileges in the organisation with this CVR number (base64), as NemLog-in sends
    it."""
    rettigheder = "".join(f"<Privilege>{p}</Privilege>" for p in privilegier)
    xml = (
        '<bpp:PrivilegeList xmlns:bpp="http://digst.dk/oiosaml/basic_privilege_profile">'
        f'<PrivilegeGroup Scope="{attributter.CVR_SCOPE}{cvr}">{rettigheder}</PrivilegeGroup></bpp:PrivilegeList>'
    )
    return base64.b64encode(xml.encode()).decode()


class TestIdP:
    """NemLog-in as far as the portal can tell: reads the portal's signed AuthnRequest from the redirect URL and
    answers with a signed, encrypted assertion about `identitet`, posted to the portal's ACS."""

    __test__ = False

    def __init__(
        self, *sp_metadata: str, sso: str = IDP_SSO, slo: str = IDP_SLO, fremmed: bool = False, levetid: int = 5
    ):
        n = noegler()
        noegle, cert = (n["fremmed_noegle"], n["fremmed_cert"]) if fremmed else (n["idp_noegle"], n["idp_cert"])
        konfiguration = IdPConfig()
        konfiguration.load(idp_ordbog(noegle, cert, sso=sso, slo=slo, sp_metadata=sp_metadata, levetid=levetid))
        self.server = Server(config=konfiguration)
        self.sp_cert = Path(n["sp_cert"]).read_text()

    def anmodning(self, url: str):
        """The AuthnRequest in the portal's redirect, its signature checked against the portal's metadata."""
        forespoergsel = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
        anmodning = self.server.parse_authn_request(
            forespoergsel["SAMLRequest"],
            BINDING_HTTP_REDIRECT,
            relay_state=forespoergsel.get("RelayState"),
            sigalg=forespoergsel.get("SigAlg"),
            signature=forespoergsel.get("Signature"),
        )
        return anmodning, forespoergsel

    def svar(
        self,
        url: str,
        identitet: dict,
        *,
        signer: bool = True,
        krypter: bool = True,
        modtager: str | None = None,
        publikum: str | None = None,
        in_response_to: str | None = None,
    ) -> dict:
        """The POST data the browser carries to the portal's ACS: SAMLResponse and RelayState."""
        anmodning, forespoergsel = self.anmodning(url)
        besked = anmodning.message
        uuid = identitet[attributter.UUID][0]
        svar = self.server.create_authn_response(
            identity=identitet,
            in_response_to=in_response_to or besked.id,
            destination=modtager or besked.assertion_consumer_service_url,
            sp_entity_id=publikum or besked.issuer.text,
            name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=uuid),
            authn={
                "class_ref": attributter.NIVEAU_KLASSE.format(identitet[attributter.NIVEAU][0]),
                "authn_auth": IDP_ENTITY_ID,
            },
            sign_assertion=signer,
            sign_response=False,
            encrypt_assertion=krypter,
            encrypt_cert_assertion=self.sp_cert if krypter else None,
        )
        return {
            "SAMLResponse": base64.b64encode(str(svar).encode()).decode(),
            "RelayState": forespoergsel.get("RelayState", ""),
            "acs": besked.assertion_consumer_service_url,
        }

    def udlogning(self, url: str) -> dict:
        """NemLog-in's answer to the portal's LogoutRequest (in its redirect URL), as a redirect's query."""
        forespoergsel = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
        anmodning = self.server.parse_logout_request(
            forespoergsel["SAMLRequest"],
            BINDING_HTTP_REDIRECT,
            relay_state=forespoergsel.get("RelayState"),
            sigalg=forespoergsel.get("SigAlg"),
            signature=forespoergsel.get("Signature"),
        )
        sp = anmodning.message.issuer.text
        _, adresse = self.server.pick_binding("single_logout_service", [BINDING_HTTP_REDIRECT], "spsso", entity_id=sp)
        svar = self.server.create_logout_response(anmodning.message, [BINDING_HTTP_REDIRECT], sign=True)
        info = self.server.apply_binding(
            BINDING_HTTP_REDIRECT,
            str(svar),
            adresse,
            forespoergsel.get("RelayState", ""),
            response=True,
            sign=True,
        )
        return info

    def udlogning_fra_idp(self, sp_entity_id: str, uuid: str) -> str:
        """NemLog-in's own LogoutRequest (the person logged out of another service): the URL it sends the browser
        to at the portal."""
        _, adresse = self.server.pick_binding(
            "single_logout_service", [BINDING_HTTP_REDIRECT], "spsso", entity_id=sp_entity_id
        )
        _, anmodning = self.server.create_logout_request(
            adresse, sp_entity_id, name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=uuid), sign=False
        )
        info = self.server.apply_binding(BINDING_HTTP_REDIRECT, str(anmodning), adresse, "", sign=True)
        return dict(info["headers"])["Location"]


__all__ = ["BINDING_HTTP_POST", "TestIdP", "idp_metadata", "noegler", "person", "privilegieliste"]
