"""Who must, and who may, use two-factor login, and who may see and revoke API keys. Every user manages only their
own account; the one exception is the ministry, which sees every user's API keys and may revoke any of them
(docs/decisions/0059)."""

from django.conf import settings

from forebyggelse.adgang import get_or_404
from forebyggelse.roller import er_evaluator, er_ministeriet
from konto.models import ApiNoegle
from konto.selectors import alle_api_noegler, api_noegler, har_tofaktor


def nemlogin_slaaet_til() -> bool:
    """Login with MitID Erhverv through NemLog-in (the nemlogin app) is on when the identity provider's metadata and
    the portal's key and certificate are given (docs/drift.md)."""
    return bool(settings.NEMLOGIN_IDP_METADATA and settings.NEMLOGIN_NOEGLE and settings.NEMLOGIN_CERTIFIKAT)


def kan_logge_ind_lokalt() -> tuple[bool, str]:
    if not settings.LOKAL_LOGIN:
        return False, "Login med brugernavn og adgangskode er slået fra. Log ind med MitID Erhverv."
    return True, ""


def tofaktor_paakraevet(user) -> bool:
    """Where settings.TOFAKTOR_PAAKRAEVET is on, the ministry and the evaluator must confirm logins with a code:
    they read every municipality's data. Everybody else may choose to."""
    if not settings.TOFAKTOR_PAAKRAEVET:
        return False
    return er_ministeriet(user) or er_evaluator(user)


def kan_slaa_tofaktor_fra(user) -> tuple[bool, str]:
    if not har_tofaktor(user):
        return False, "Tofaktor-login er ikke slået til."
    if tofaktor_paakraevet(user):
        return False, "Din rolle kræver tofaktor-login, så det kan ikke slås fra."
    return True, ""


# API keys ------------------------------------------------------------------------------------------------


def access_api_noegle(user, pk: int) -> ApiNoegle:
    """The user's own key, or (for the ministry) anybody's: one 404 for a key that does not exist and one that is
    somebody else's."""
    noegler = alle_api_noegler() if er_ministeriet(user) else api_noegler(user)
    return get_or_404(noegler, pk=pk)


def kan_se_alle_api_noegler(user) -> tuple[bool, str]:
    if not er_ministeriet(user):
        return False, "Kun ministeriet kan se alle brugeres API-nøgler. Dine egne står på Min konto."
    return True, ""


def kan_tilbagekalde_api_noegle(user, noegle: ApiNoegle) -> tuple[bool, str]:
    if noegle.tilbagekaldt is not None:
        return False, "Nøglen er allerede tilbagekaldt."
    if not noegle.gyldig():
        return False, "Nøglen er udløbet og virker ikke længere, så der er intet at tilbagekalde."
    if noegle.bruger_id != user.pk and not er_ministeriet(user):
        return False, "Kun nøglens ejer og ministeriet kan tilbagekalde en API-nøgle."
    return True, ""
