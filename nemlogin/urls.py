from django.urls import path

from nemlogin import views, views_invitationer

app_name = "nemlogin"

# The SAML endpoints, at the paths djangosaml2 uses; NemLog-in knows them from the metadata.
urlpatterns = [
    path("saml2/login/", views.Login.as_view(), name="login"),
    path("saml2/acs/", views.Svar.as_view(), name="acs"),
    path("saml2/metadata/", views.Metadata.as_view(), name="metadata"),
    path("saml2/logout/", views.LogUd.as_view(), name="logout"),
    path("saml2/ls/", views.Udlogning.as_view(http_method_names=["get", "head"]), name="ls"),
    path("saml2/ls/post/", views.Udlogning.as_view(http_method_names=["post"]), name="ls_post"),
    # The ministry's invitations and the log of NemLog-in logins.
    path("konto/invitationer/", views_invitationer.invitationer, name="invitationer"),
    path(
        "konto/invitationer/<int:pk>/tilbagekald/",
        views_invitationer.invitation_tilbagekald,
        name="invitation_tilbagekald",
    ),
]
