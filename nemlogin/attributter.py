"""What an OIOSAML 3 assertion from NemLog-in says about the person (the attribute names of the OIOSAML 3.0
profile), read once into a `Paastand`; and the professional privileges (OIO-BPP) when the portal is set up to take
roles from them."""

import base64
import binascii
from dataclasses import dataclass, field

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

SPEC_VERSION = "https://data.gov.dk/model/core/specVersion"
NIVEAU = "https://data.gov.dk/concept/core/nsis/loa"
UUID = "https://data.gov.dk/model/core/eid/professional/uuid/persistent"
CVR = "https://data.gov.dk/model/core/eid/professional/cvr"
ORGANISATION = "https://data.gov.dk/model/core/eid/professional/orgName"
EMAIL = "https://data.gov.dk/model/core/eid/email"
FORNAVN = "https://data.gov.dk/model/core/eid/firstName"
EFTERNAVN = "https://data.gov.dk/model/core/eid/lastName"
PRIVILEGIER = "https://data.gov.dk/model/core/eid/privilegesIntermediate"

# NSIS assurance levels, lowest first; the AuthnRequest asks for at least the configured one.
NIVEAUER = ("Low", "Substantial", "High")
NIVEAU_KLASSE = "https://data.gov.dk/concept/core/nsis/loa/{}"
NIVEAU_NAVNE = {"Low": "lav", "Substantial": "betydelig", "High": "høj"}

# A privilege group's scope names the organisation it is given in.
CVR_SCOPE = "urn:dk:gov:saml:cvrNumberIdentifier:"


class Afvist(Exception):
    """A login the portal refuses; the message is Danish and is shown to the person."""


@dataclass(frozen=True)
class Paastand:
    uuid: str
    cvr: str
    niveau: str
    email: str = ""
    fornavn: str = ""
    efternavn: str = ""
    organisation: str = ""
    privilegier: dict[str, set[str]] = field(default_factory=dict)

    def niveau_mindst(self, kraevet: str) -> bool:
        return self.niveau in NIVEAUER and NIVEAUER.index(self.niveau) >= NIVEAUER.index(kraevet)


def _en(ava: dict, navn: str) -> str:
    vaerdier = ava.get(navn) or []
    return str(vaerdier[0]).strip() if vaerdier else ""


def laes(ava: dict) -> Paastand:
    """The person as the assertion's attributes describe them. Raises Afvist when an attribute every OIOSAML 3
    login carries is missing."""
    uuid, cvr, niveau = _en(ava, UUID), _en(ava, CVR), _en(ava, NIVEAU)
    if not uuid or not cvr or not niveau:
        raise Afvist("Svaret fra NemLog-in mangler din identitet, din organisations CVR-nummer eller sikringsniveauet.")
    return Paastand(
        uuid=uuid,
        cvr=cvr,
        niveau=niveau,
        email=_en(ava, EMAIL).lower(),
        fornavn=_en(ava, FORNAVN),
        efternavn=_en(ava, EFTERNAVN),
        organisation=_en(ava, ORGANISATION),
        privilegier=privilegier(_en(ava, PRIVILEGIER)),
    )


def privilegier(kodet: str) -> dict[str, set[str]]:
    """The privileges of an OIO-BPP PrivilegeList (base64 XML), by the CVR number of the group's scope. Anything
    that is not a well-formed list counts as no privileges."""
    if not kodet:
        return {}
    try:
        rod = ElementTree.fromstring(base64.b64decode(kodet, validate=True))
    except (binascii.Error, ValueError, ElementTree.ParseError, DefusedXmlException):
        return {}
    fundet: dict[str, set[str]] = {}
    for gruppe in rod.iter():
        if not str(gruppe.tag).endswith("PrivilegeGroup"):
            continue
        scope = gruppe.get("Scope", "")
        if not scope.startswith(CVR_SCOPE):
            continue
        cvr = scope.removeprefix(CVR_SCOPE)
        for privilegie in gruppe:
            if str(privilegie.tag).endswith("Privilege") and privilegie.text:
                fundet.setdefault(cvr, set()).add(privilegie.text.strip())
    return fundet
