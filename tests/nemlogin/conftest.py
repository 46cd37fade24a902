import pytest
from saml2.metadata import entity_descriptor

from forebyggelse.roller import Rolle
from kommuner.models import Bruger, Kommune
from nemlogin import services
from nemlogin.konfiguration import sp_konfiguration
from tests.nemlogin.testidp import TestIdP


def sp_metadata() -> str:
    return str(entity_descriptor(sp_konfiguration()))


@pytest.fixture
def idp():
    return TestIdP(sp_metadata())


@pytest.fixture
def koebenhavn(db):
    kommune = Kommune.objects.get(kode="101")
    kommune.cvr = "64942212"
    kommune.save(update_fields=["cvr"])
    return kommune


@pytest.fixture
def ministeriet(db):
    return Bruger.objects.create_user("min", rolle=Rolle.MINISTERIET, password="x" * 12)


@pytest.fixture
def invitation(koebenhavn, ministeriet):
    return services.invitation_opret(
        af=ministeriet, email="lead@kk.example", rolle=Rolle.PROJEKTLEDER, kommune=koebenhavn
    )


def start_login(client, naeste: str = "/") -> str:
    svar = client.get("/saml2/login/", {"next": naeste})
    assert svar.status_code == 302, svar.content[:500]
    return svar["Location"]


def log_ind(client, idp, identitet: dict, **valg):
    """The whole login: the portal's AuthnRequest, the IdP's answer, the POST to the ACS; the ACS's response."""
    data = idp.svar(start_login(client), identitet, **valg)
    return client.post("/saml2/acs/", {"SAMLResponse": data["SAMLResponse"], "RelayState": data["RelayState"]})
