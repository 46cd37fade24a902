"""Two first logins of one person at once, in two real transactions: one user, not two."""

import pytest

from forebyggelse.roller import Rolle
from kommuner.models import Bruger, Kommune
from nemlogin import services
from nemlogin.attributter import laes
from nemlogin.models import Identitet
from tests.kommuner.test_samtidighed import Traad, foerst_holdt_aaben, venter_paa_laas
from tests.nemlogin.testidp import person

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_first_logins_at_once_make_one_user():
    from tests.profiler.conftest import indlaes_referencedata

    indlaes_referencedata()
    Kommune.objects.filter(kode="101").update(cvr="64942212")
    ministeriet = Bruger.objects.create_user("min", rolle=Rolle.MINISTERIET, password="x" * 12)
    services.invitation_opret(
        af=ministeriet, email="lead@kk.example", rolle=Rolle.PROJEKTLEDER, kommune=Kommune.objects.get(kode="101")
    )
    paastand = laes(person())

    foerste = foerst_holdt_aaben(lambda: services.nemlogin_login(paastand=paastand))
    anden = Traad(lambda: services.nemlogin_login(paastand=paastand)).start()
    assert venter_paa_laas(anden)
    foerste.slip.set()
    foerste.vent()
    anden.vent()

    assert foerste.fejl is None and anden.fejl is None, (foerste.fejl, anden.fejl)
    assert foerste.resultat.pk == anden.resultat.pk
    assert Bruger.objects.filter(email="lead@kk.example").count() == 1
    assert Identitet.objects.count() == 1
