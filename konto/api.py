"""How the read API knows who is asking: a personal API key in the Authorization header (Bearer), and how often
one key may ask (docs/decisions/0059). The browser's session is never accepted by the API, so the two-factor login
and the 12-hour limit guard the pages, and the keys (made on Min konto behind that login) guard the API."""

from django.utils import timezone
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from konto import services
from konto.selectors import api_noegle_til

UKENDT = "API-nøglen er ukendt, udløbet eller tilbagekaldt. Lav en ny på Min konto."
FORKERT_FORM = "Send API-nøglen som Authorization: Bearer <nøgle>."


class NoegleAutentificering(BaseAuthentication):
    def authenticate(self, request):
        dele = get_authorization_header(request).split()
        if not dele or dele[0].lower() != b"bearer":
            return None
        if len(dele) != 2:
            raise AuthenticationFailed(FORKERT_FORM)
        try:
            klartekst = dele[1].decode("ascii")
        except UnicodeDecodeError:
            raise AuthenticationFailed(UKENDT) from None
        noegle = api_noegle_til(klartekst)
        if noegle is None or not noegle.bruger.is_active:
            raise AuthenticationFailed(UKENDT)
        services.api_noegle_brugt(noegle=noegle, nu=timezone.now())
        return noegle.bruger, noegle

    def authenticate_header(self, request):
        # Makes DRF answer 401 (not 403) without a key, and says how to send one.
        return 'Bearer realm="Forebyggelsesportalen"'


class NoegleBegraensning(SimpleRateThrottle):
    """Per key, counted in the shared cache (a table in PostgreSQL), so every app server counts the same."""

    scope = "api"

    def get_rate(self):
        # DRF copies the rates into a class attribute when it is imported; reading them here lets a change of the
        # setting (a test's override_settings, a reload) take effect.
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

    def get_cache_key(self, request, view):
        if request.auth is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
