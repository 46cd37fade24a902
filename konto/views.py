"""Login in two steps, the user's own account page with two-factor set-up, and the session endpoints the idle
warning (static/js/session.js) talks to."""

from base64 import b32encode
from datetime import timedelta

import segno
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_POST, require_safe
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from forebyggelse.forms import service_fejl_paa_form
from forebyggelse.http import require_safe_or_POST
from konto import services
from konto.forms import KodeForm, LoginForm, StartForm, UgentligOversigtForm
from konto.permissions import (
    kan_logge_ind_lokalt,
    kan_se_alle_api_noegler,
    kan_slaa_tofaktor_fra,
    nemlogin_slaaet_til,
    tofaktor_paakraevet,
)
from konto.selectors import (
    antal_ubrugte_backupkoder,
    api_noegler,
    backupkoder,
    faar_ugentlig_oversigt,
    har_tofaktor,
    totp_enhed,
)
from konto.session import UDEN_TOFAKTOR, absolut_resttid, er_nemlogin, venter_gem, venter_glem, venter_hent

# New backup codes are shown once, on the page the user is sent to right after they are made.
NYE_KODER = "konto_nye_backupkoder"
# Said after every change to two-factor login, which ends the user's other sessions.
ANDRE_STEDER = "Var du logget ind på andre computere eller i andre browsere, er du logget ud der."


class LoginView(auth_views.LoginView):
    """Step 1: username and password (django-axes counts failures). A user with two-factor login goes on to
    step 2 without being logged in yet."""

    authentication_form = LoginForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, nemlogin=nemlogin_slaaet_til(), lokal_login=kan_logge_ind_lokalt()[0])

    def post(self, request, *args, **kwargs):
        tilladt, grund = kan_logge_ind_lokalt()
        if not tilladt:
            messages.error(request, grund)
            return self.render_to_response(self.get_context_data(), status=403)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        bruger = form.get_user()
        if not har_tofaktor(bruger):
            return super().form_valid(form)
        venter_gem(self.request.session, bruger_pk=bruger.pk, backend=bruger.backend, naeste=self.get_success_url())
        return redirect("konto:login_kode")


@login_not_required
@require_safe_or_POST
def login_kode(request):
    """Step 2: the code from the authenticator app or a backup code. A wrong code counts as a failed login for
    django-axes, so five wrong passwords or codes in all lock the username from that address."""
    venter = venter_hent(request.session)
    bruger = get_user_model().objects.filter(pk=venter["bruger"], is_active=True).first() if venter else None
    if bruger is None:
        messages.info(request, "Log ind med dit brugernavn og din adgangskode igen: tiden til at skrive koden udløb.")
        return redirect("login")
    legitimation = {"username": bruger.get_username()}
    if AxesProxyHandler.is_locked(request, legitimation):
        venter_glem(request.session)
        return get_lockout_response(request, None, legitimation)
    form = KodeForm(request.POST or None, knap="Log ind")
    if request.method == "POST" and form.is_valid():
        try:
            enhed = services.tofaktor_kode_tjek(bruger=bruger, kode=form.cleaned_data["kode"])
        except ValidationError as exc:
            service_fejl_paa_form(form, exc)
            user_login_failed.send(sender=__name__, credentials=legitimation, request=request)
            if getattr(request, "axes_locked_out", False):
                venter_glem(request.session)
                return get_lockout_response(request, None, legitimation)
        else:
            venter_glem(request.session)
            login(request, bruger, backend=venter["backend"])
            otp_login(request, enhed)
            if isinstance(enhed, StaticDevice):
                _besked_om_backupkoder(request, bruger)
            return redirect(venter["naeste"])
    return render(request, "konto/login_kode.html", {"form": form})


def _besked_om_backupkoder(request, bruger: AbstractUser) -> None:
    tilbage = antal_ubrugte_backupkoder(bruger)
    tekst = f"Du loggede ind med en backupkode. Den virker ikke igen; du har {tilbage} tilbage."
    if tilbage <= 3:
        messages.warning(request, f"{tekst} Lav nye backupkoder på siden Min konto.")
    else:
        messages.info(request, tekst)


class LogoutView(auth_views.LogoutView):
    """Log out. A login with MitID Erhverv goes on through NemLog-in's single logout (nemlogin:logout); 307 keeps
    the POST and its CSRF token."""

    def post(self, request, *args, **kwargs):
        if er_nemlogin(request.session) and nemlogin_slaaet_til():
            svar = HttpResponse(status=307)
            svar["Location"] = reverse("nemlogin:logout")
            return svar
        return super().post(request, *args, **kwargs)


# The user's own account ------------------------------------------------------------------------------


@require_safe
def konto_side(request):
    user = request.user
    return render(
        request,
        "konto/side.html",
        {
            "har_tofaktor": har_tofaktor(user),
            "totp": totp_enhed(user),
            "paakraevet": tofaktor_paakraevet(user),
            "kan_slaa_fra": kan_slaa_tofaktor_fra(user)[0],
            "antal_backupkoder": antal_ubrugte_backupkoder(user),
            "session_slut": timezone.now() + timedelta(seconds=absolut_resttid(request.session)),
            "oversigt_form": UgentligOversigtForm(initial={"ugentlig_oversigt": faar_ugentlig_oversigt(user)}),
            "api_noegler": api_noegler(user),
            "ser_alle_api_noegler": kan_se_alle_api_noegler(user)[0],
        },
    )


@require_POST
def ugentlig_oversigt(request):
    """Switch the weekly e-mail of the user's tasks on or off (only for oneself)."""
    form = UgentligOversigtForm(request.POST)
    form.is_valid()  # a checkbox: absent is off, anything is valid
    til = bool(form.cleaned_data.get("ugentlig_oversigt"))
    services.ugentlig_oversigt_saet(bruger=request.user, til=til)
    messages.success(
        request,
        "Du får nu en e-mail med dine opgaver hver mandag."
        if til
        else "Du får ikke længere den ugentlige e-mail med dine opgaver.",
    )
    return redirect("konto:side")


@require_safe_or_POST
def tofaktor_opsaet(request):
    """Set up (or replace) the authenticator: start makes a new secret (replacing one takes a code from the app in
    use or a backup code first), the page shows it as a QR code and as text, and a code from the new app confirms
    it. The user then gets ten backup codes, and is logged out of every other session."""
    user = request.user
    skift = har_tofaktor(user)
    start = StartForm(request.POST if "start" in request.POST else None, skift=skift)
    form = KodeForm(request.POST if "bekraeft" in request.POST else None, knap="Bekræft", backupkode=False)
    if request.method == "POST" and start.is_valid():
        try:
            services.totp_opret(bruger=user, nuvaerende_kode=start.cleaned_data.get("kode"))
        except ValidationError as exc:
            service_fejl_paa_form(start, exc)
        else:
            return redirect("konto:tofaktor")
    if request.method == "POST" and form.is_valid():
        try:
            enhed = services.totp_bekraeft(
                bruger=user, kode=form.cleaned_data["kode"], behold_session=request.session.session_key
            )
        except ValidationError as exc:
            service_fejl_paa_form(form, exc)
        else:
            otp_login(request, enhed)
            request.session[NYE_KODER] = list(backupkoder(user).token_set.values_list("token", flat=True))
            if skift:
                messages.success(request, "Din nye godkendelses-app er taget i brug. Den gamle virker ikke længere.")
            else:
                messages.success(
                    request, "Tofaktor-login er slået til. Fra nu af beder vi om en kode, når du logger ind."
                )
            messages.info(request, ANDRE_STEDER)
            return redirect("konto:backupkoder")
    enhed = totp_enhed(user, bekraeftet=False)
    context = {
        "form": form,
        "start": start,
        "enhed": enhed,
        "paakraevet": tofaktor_paakraevet(user),
        "har_tofaktor": skift,
    }
    if enhed is not None:
        context["qr"] = segno.make(enhed.config_url, error="m").svg_data_uri(scale=5, border=4)
        noegle = b32encode(enhed.bin_key).decode()
        context["noegle"] = " ".join(noegle[i : i + 4] for i in range(0, len(noegle), 4))
    return render(request, "konto/tofaktor.html", context)


@require_safe_or_POST
def backupkoder_side(request):
    """New backup codes are shown once; afterwards only how many are left."""
    user = request.user
    if totp_enhed(user) is None:
        messages.info(request, "Slå tofaktor-login til først; så får du backupkoder med.")
        return redirect("konto:side")
    if request.method == "POST":
        try:
            enhed = services.backupkoder_forny(bruger=user, behold_session=request.session.session_key)
        except ValidationError as exc:
            messages.info(request, " ".join(exc.messages))
            return redirect("konto:side")
        request.session[NYE_KODER] = list(enhed.token_set.values_list("token", flat=True))
        messages.success(request, "Du har fået nye backupkoder. De gamle virker ikke længere.")
        messages.info(request, ANDRE_STEDER)
        return redirect("konto:backupkoder")
    nye = request.session.pop(NYE_KODER, None)
    koder = [f"{kode[:4]} {kode[4:]}" for kode in nye] if nye else None
    return render(request, "konto/backupkoder.html", {"koder": koder, "antal": antal_ubrugte_backupkoder(user)})


@require_safe_or_POST
def tofaktor_slaa_fra(request):
    user = request.user
    ok, grund = kan_slaa_tofaktor_fra(user)
    if not ok:
        messages.info(request, grund)
        return redirect("konto:side")
    form = KodeForm(request.POST or None, knap="Slå tofaktor-login fra", css_class="button-warning")
    if request.method == "POST" and form.is_valid():
        try:
            services.tofaktor_kode_tjek(bruger=user, kode=form.cleaned_data["kode"])
        except ValidationError as exc:
            service_fejl_paa_form(form, exc)
        else:
            services.tofaktor_slaa_fra(bruger=user, behold_session=request.session.session_key)
            request.session[UDEN_TOFAKTOR] = True
            messages.success(request, "Tofaktor-login er slået fra. Nu logger du ind med adgangskoden alene.")
            messages.info(request, ANDRE_STEDER)
            return redirect("konto:side")
    return render(request, "konto/tofaktor_fra.html", {"form": form})


# Sessions ---------------------------------------------------------------------------------------------


@require_POST
def session_forlaeng(request):
    """'Bliv logget ind' in the idle warning. Any request pushes the idle expiry forward
    (SESSION_SAVE_EVERY_REQUEST); this one also tells the page how long it has now."""
    request.session.modified = True
    return JsonResponse({"udloeber_om": settings.SESSION_COOKIE_AGE, "absolut_om": absolut_resttid(request.session)})


@login_not_required
@require_safe_or_POST
def session_udloebet(request):
    """Where the idle warning sends the browser when time is up: POST logs out (if the session still lives)
    and shows why; the page links back to where the user was."""
    naeste = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(naeste, allowed_hosts={request.get_host()}):
        naeste = ""
    if request.method == "POST":
        logout(request)
        url = reverse("konto:session_udloebet")
        return redirect(f"{url}?{urlencode({'next': naeste})}" if naeste else url)
    if request.user.is_authenticated:
        return redirect(naeste or "forside")
    return render(request, "konto/session_udloebet.html", {"naeste": naeste})
