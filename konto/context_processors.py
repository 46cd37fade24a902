from django.conf import settings

from konto.session import absolut_resttid


def session(request):
    """The timings the idle warning (static/js/session.js) needs, for logged-in pages only."""
    if not (hasattr(request, "user") and request.user.is_authenticated):
        return {}
    return {
        "session_tider": {
            "udloeber_om": settings.SESSION_COOKIE_AGE,
            "advarsel_foer": settings.SESSION_ADVARSEL_SEKUNDER,
            "absolut_om": absolut_resttid(request.session),
        }
    }
