"""The SAML endpoints of the login with MitID Erhverv (docs/decisions/0060). djangosaml2 does the SAML exchange
with pysaml2; these subclasses add what OIOSAML 3 and the portal ask for: only encrypted assertions, the person
decided by nemlogin.services, the log of every attempt, Danish pages for every refusal, and never a server error
for whatever is posted. While NemLog-in is not set up (nemlogin.konfiguration.slaaet_til) every endpoint is 404."""

import base64
import binascii
import logging

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from django.contrib import auth, messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from djangosaml2 import views as saml_views
from saml2.response import StatusError, UnsolicitedResponse, VerificationError
from saml2.sigver import SignatureError
from saml2.validate import ResponseLifetimeExceed, ToEarly

from konto.klientadresse import klient_ip
from konto.session import husk_nemlogin
from nemlogin import services
from nemlogin.attributter import Afvist, Paastand, laes
from nemlogin.konfiguration import slaaet_til
from nemlogin.models import Udfald

logger = logging.getLogger(__name__)

PROTOKOL = "urn:oasis:names:tc:SAML:2.0:protocol"
PAASTAND = "urn:oasis:names:tc:SAML:2.0:assertion"

ULAESELIGT = "Svaret fra NemLog-in kunne ikke læses. Start forfra med at logge ind."
UKRYPTERET = "Svaret fra NemLog-in var ikke krypteret, og portalen tager kun imod krypterede svar."
UDLOEBET = "Svaret fra NemLog-in er ikke gyldigt længere. Start forfra med at logge ind."
GRUNDE = [
    (SignatureError, "Svaret fra NemLog-in var ikke underskrevet rigtigt, så portalen kan ikke stole på det."),
    ((ResponseLifetimeExceed, ToEarly), UDLOEBET),
    (
        UnsolicitedResponse,
        "Svaret fra NemLog-in hører ikke til et login, der er startet i denne browser, eller det er brugt før. "
        "Start forfra med at logge ind.",
    ),
    (
        StatusError,
        "NemLog-in gennemførte ikke login. Start forfra, eller kontakt din organisations MitID-administrator.",
    ),
]
UGYLDIGT = (
    "Svaret fra NemLog-in kunne ikke godkendes: det var ikke til denne portal, eller det var ændret undervejs. "
    "Start forfra med at logge ind."
)


def _ikke_sat_op():
    raise Http404("Login med MitID Erhverv er ikke sat op i denne installation.")


def _aarsag(exception) -> str:
    if isinstance(exception, Afvist):
        return str(exception)
    # pysaml2 turns a time outside the assertion's conditions into this one error (saml2.response.condition_ok).
    if isinstance(exception, VerificationError) and str(exception) == "Condition not OK":
        return UDLOEBET
    for klasser, tekst in GRUNDE:
        if isinstance(exception, klasser):
            return tekst
    return UGYLDIGT


def _krypteret(tekst: str) -> str:
    """'' when the posted response holds only encrypted assertions, else why not. pysaml2 takes a plain signed
    assertion too; OIOSAML 3 does not, so it is refused before pysaml2 reads it."""
    try:
        rod = ElementTree.fromstring(base64.b64decode(tekst, validate=True))
    except (binascii.Error, ValueError, ElementTree.ParseError, DefusedXmlException):
        return ULAESELIGT
    if rod.tag != f"{{{PROTOKOL}}}Response":
        return ULAESELIGT
    if rod.find(f"{{{PAASTAND}}}Assertion") is not None:
        return UKRYPTERET
    if rod.find(f"{{{PAASTAND}}}EncryptedAssertion") is None and rod.find(f"{{{PROTOKOL}}}Status") is None:
        return UKRYPTERET
    return ""


@method_decorator(login_not_required, name="dispatch")
class Login(saml_views.LoginView):
    """'Log ind med MitID Erhverv': a signed AuthnRequest (HTTP-Redirect) to NemLog-in, asking for at least the
    configured assurance level; the page to go on to after login travels as RelayState."""

    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        if not slaaet_til():
            _ikke_sat_op()
        try:
            return super().get(request, *args, **kwargs)
        except Exception:  # NemLog-in's metadata unreadable or unreachable: a Danish page, not a server error
            logger.exception("Login med NemLog-in kunne ikke startes")
            return render(
                request,
                "nemlogin/fejl.html",
                {"aarsag": "Portalen kan ikke nå NemLog-in lige nu. Prøv igen om lidt."},
                status=503,
            )


@method_decorator([login_not_required, csrf_exempt], name="dispatch")
class Svar(saml_views.AssertionConsumerServiceView):
    """NemLog-in's answer (HTTP-POST): checked by pysaml2 (signature, audience, recipient, time, that it answers a
    request from this browser), then here (encrypted, the person and their level), then logged."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if not slaaet_til():
            _ikke_sat_op()
        self.paastand: Paastand | None = None
        tekst = request.POST.get("SAMLResponse", "")
        if not tekst:
            return self.handle_acs_failure(request, exception=Afvist(ULAESELIGT), status=400)
        if grund := _krypteret(tekst):
            return self.handle_acs_failure(request, exception=Afvist(grund), status=400)
        try:
            return super().post(request, *args, **kwargs)
        except Exception as exc:  # whatever was posted, the person gets a Danish page, never a server error
            logger.warning("Svar fra NemLog-in afvist", exc_info=True)
            return self.handle_acs_failure(request, exception=exc, status=400)

    def custom_validation(self, response):
        """pysaml2 notes a Destination or Recipient other than the portal's ACS in its log but goes on
        (saml2.response: the result of verify() is not used); OIOSAML 3 requires both to be the portal's."""
        acs = set(response.return_addrs or ())
        modtagere = [
            bekraeftelse.subject_confirmation_data.recipient
            for bekraeftelse in response.assertion.subject.subject_confirmation
            if bekraeftelse.subject_confirmation_data is not None
        ]
        if response.response.destination not in acs or not modtagere or any(m not in acs for m in modtagere):
            self.afvisning = Afvist(UGYLDIGT)
            raise self.afvisning

    def authenticate_user(self, request, session_info, attribute_mapping, create_unknown_user, assertion_info):
        try:
            self.paastand = laes(session_info.get("ava") or {})
            bruger = services.nemlogin_login(paastand=self.paastand)
        except Afvist as exc:
            self.afvisning = exc
            raise PermissionDenied(str(exc)) from exc
        auth.login(request, bruger, backend="nemlogin.backends.NemloginBackend")
        husk_nemlogin(request.session, niveau=self.paastand.niveau)
        saml_views._set_subject_id(request.saml_session, session_info["name_id"])
        services.haendelse_noter(udfald=Udfald.GODKENDT, paastand=self.paastand, bruger=bruger, ip=klient_ip(request))
        return bruger

    def handle_acs_failure(self, request, exception=None, status=403, **kwargs):
        grund = _aarsag(getattr(self, "afvisning", None) or exception)
        services.haendelse_noter(
            udfald=Udfald.AFVIST, aarsag=grund, paastand=getattr(self, "paastand", None), ip=klient_ip(request)
        )
        return render(request, "nemlogin/fejl.html", {"aarsag": grund}, status=status)


@method_decorator(login_not_required, name="dispatch")
class Metadata(saml_views.MetadataView):
    """The portal's SAML metadata (entity id, endpoints, signing and encryption certificates), for registering it
    with NemLog-in."""

    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        if not slaaet_til():
            _ikke_sat_op()
        svar = super().get(request, *args, **kwargs)
        svar["Content-Type"] = "application/samlmetadata+xml; charset=utf-8"
        return svar


class LogUd(saml_views.LogoutInitView):
    """Log out through NemLog-in (single logout): the portal's session ends here, and the browser goes on to
    NemLog-in with a signed LogoutRequest (by a page that refreshes there), which ends the person's other sessions
    there and comes back to /saml2/ls/.
    POST only, like the portal's own logout; konto's logout sends a NemLog-in session here."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if not slaaet_til():
            _ikke_sat_op()
        bruger = request.user
        try:
            svar = super().get(request, *args, **kwargs)
        except Exception:  # the portal's session ends whatever NemLog-in can be told
            logger.warning("Single logout med NemLog-in kunne ikke startes", exc_info=True)
            svar = None
        auth.logout(request)
        services.haendelse_noter(udfald=Udfald.LOGGET_UD, bruger=bruger, ip=klient_ip(request))
        if isinstance(svar, HttpResponseRedirect):
            # The logout began with a form (the header's "Log af"); a redirect from it to NemLog-in's address
            # would be blocked by the CSP's form-action 'self', so the page refreshes there instead.
            return render(request, "nemlogin/log_ud.html", {"adresse": svar["Location"]})
        messages.info(
            request, "Du er logget ud af portalen. Luk browseren for at være sikker på at være logget ud af NemLog-in."
        )
        return redirect("login")

    def handle_unsupported_slo_exception(self, request, exception, *args, **kwargs):
        return redirect("login")


@method_decorator([login_not_required, csrf_exempt], name="dispatch")
class Udlogning(saml_views.LogoutView):
    """NemLog-in's side of single logout: its answer to our LogoutRequest, or its own LogoutRequest when the person
    logs out of another service (the portal's session ends, and NemLog-in gets a signed answer)."""

    logout_error_template = "nemlogin/fejl.html"

    def do_logout_service(self, request, data, binding, *args, **kwargs):
        if not slaaet_til():
            _ikke_sat_op()
        if "SAMLResponse" not in data and "SAMLRequest" not in data:
            return render(request, "nemlogin/fejl.html", {"aarsag": ULAESELIGT, "udlogning": True}, status=400)
        bruger = request.user if request.user.is_authenticated else None
        try:
            svar = super().do_logout_service(request, data, binding, *args, **kwargs)
        except Exception:  # a broken logout message gets a Danish page, never a server error
            logger.warning("Logout-besked fra NemLog-in afvist", exc_info=True)
            svar = None
        if svar is None or svar.status_code >= 400:
            auth.logout(request)
            return render(request, "nemlogin/fejl.html", {"aarsag": UGYLDIGT, "udlogning": True}, status=400)
        if "SAMLResponse" in data:
            # Our logout came back: to the login page, so NemLog-in's answer does not stay in the address bar.
            messages.success(request, "Du er logget ud af portalen og af MitID Erhverv.")
            return redirect("login")
        if "SAMLRequest" in data and bruger is not None:
            services.haendelse_noter(
                udfald=Udfald.LOGGET_UD, aarsag="Logget ud fra NemLog-in", bruger=bruger, ip=klient_ip(request)
            )
        return svar
