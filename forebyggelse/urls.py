from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy

from forebyggelse import views
from forebyggelse.forms import LoginForm

konto = [
    path("login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "nulstil-adgangskode/",
        auth_views.PasswordResetView.as_view(
            email_template_name="registration/nulstil_email.txt",
            subject_template_name="registration/nulstil_emne.txt",
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
        auth_views.PasswordResetConfirmView.as_view(success_url=reverse_lazy("password_reset_complete")),
        name="password_reset_confirm",
    ),
    path(
        "nulstil-adgangskode/faerdig/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("", views.forside, name="forside"),
    path("konto/", include(konto)),
    path("", include("kommuner.urls")),
    path("", include("profiler.urls")),
    path("admin/", admin.site.urls),
]
