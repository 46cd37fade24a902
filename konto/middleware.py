"""Rules every logged-in request passes, after django-otp has marked whether the session's login was confirmed
with a code (request.user.is_verified()) and before LoginRequiredMiddleware:

1. A login lasts at most settings.SESSION_ABSOLUT_SEKUNDER (12 hours), however active the user is, and a session
   that is not on the user's list of sessions (from before the list) is ended: a change to the user's two-factor
   login could not end it (docs/decisions/0037).
2. A user with two-factor login whose session was not confirmed with a code is logged out: the session came in
   some way that skipped the code. A login with MitID Erhverv through NemLog-in is confirmed by its assurance
   level instead (the nemlogin app checks it), so it passes here and in the next rule.
3. Where two-factor login is required for the user's role and not set up yet, every page but the set-up page
   sends the user there.

Open pages (login_not_required: login, health check, accessibility statement) are left alone, so they never
load the session or the user.
"""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect

from konto.permissions import tofaktor_paakraevet
from konto.session import NOTERET, UDEN_TOFAKTOR, absolut_resttid, er_nemlogin

# What a user who must set up two-factor login may still reach before doing so.
UNDER_OPSAETNING = {"konto:tofaktor", "konto:session_forlaeng", "logout"}


class KontoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(view_func, "login_required", True):
            return None
        user = request.user
        if not user.is_authenticated:
            return None
        if absolut_resttid(request.session) <= 0:
            return self._log_ud(request, "Du er logget ud, fordi du har været logget ind i 12 timer. Log ind igen.")
        if request.session.get(NOTERET) is not True:
            return self._log_ud(request, "Du er blevet logget ud af sikkerhedshensyn. Log ind igen.")
        if user.is_verified() or er_nemlogin(request.session):
            return None
        if request.session.get(UDEN_TOFAKTOR) is not True:
            return self._log_ud(request, "Log ind igen med dit brugernavn, din adgangskode og din kode.")
        if tofaktor_paakraevet(user) and request.resolver_match.view_name not in UNDER_OPSAETNING:
            return redirect("konto:tofaktor")
        return None

    @staticmethod
    def _log_ud(request, besked: str):
        logout(request)
        messages.info(request, besked)
        return redirect_to_login(request.get_full_path())
