from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, reverse_lazy
from django.views.generic import RedirectView

from forebyggelse import views
from forebyggelse.http import require_safe_or_POST
from konto.views import LoginView, LogoutView
from portal import views as portal_views

# Django's form views would take PUT as a POST: the forms answer GET, HEAD and POST only, like the rest.
konto = [
    path("login/", require_safe_or_POST(LoginView.as_view()), name="login"),
    path("logout/", LogoutView.as_view(), name="logout"),
    path(
        "nulstil-adgangskode/",
        require_safe_or_POST(
            auth_views.PasswordResetView.as_view(
                email_template_name="registration/nulstil_email.txt",
                subject_template_name="registration/nulstil_emne.txt",
            )
        ),
        name="password_reset",
    ),
    path(
        "nulstil-adgangskode/sendt/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "nulstil-adgangskode/<uidb64>/<token>/",
        require_safe_or_POST(
            auth_views.PasswordResetConfirmView.as_view(success_url=reverse_lazy("password_reset_complete"))
        ),
        name="password_reset_confirm",
    ),
    path(
        "nulstil-adgangskode/faerdig/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("", portal_views.forside, name="forside"),
    path("healthz", views.healthz, name="healthz"),
    path("tilgaengelighedserklaering/", views.tilgaengelighedserklaering, name="tilgaengelighedserklaering"),
    path("konto/", include(konto)),
    path("konto/", include("konto.urls")),
    path("", include("kommuner.urls")),
    path("", include("profiler.urls")),
    path("", include("strategi.urls")),
    path("", include("evaluering.urls")),
    path("hentninger/", include("hentninger.urls")),
    path("api/v1/", include("api.urls")),
    path("", include("nemlogin.urls")),
    # The admin has no login of its own: every login goes through the two steps of konto's login.
    path("admin/login/", login_not_required(RedirectView.as_view(pattern_name="login", query_string=True))),
    path("admin/", admin.site.urls),
]

# A database that cannot be reached gives 503 with Retry-After instead of the 500 page (forebyggelse/views.py).
handler500 = "forebyggelse.views.serverfejl"
