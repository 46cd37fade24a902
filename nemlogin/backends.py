from django.contrib.auth.backends import ModelBackend


class NemloginBackend(ModelBackend):
    """Loads the user of a session a NemLog-in login started (nemlogin.views.Svar logs the person in with this
    backend after checking the assertion). It never checks a username and password itself."""

    def authenticate(self, request, **kwargs):
        return None
