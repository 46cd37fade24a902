from django.urls import reverse

from kommuner.models import Rolle
from kommuner.roller import rolle


def navigation(request):
    """The main menu for the logged-in user's role."""
    brugerrolle = rolle(request.user) if hasattr(request, "user") else ""
    if not brugerrolle:
        return {"navigation": []}
    punkter = [("Forside", reverse("forside")), ("Programmer", reverse("kommuner:programmer"))]
    if brugerrolle in {Rolle.MINISTERIET, Rolle.EVALUATOR, Rolle.STYREGRUPPE}:
        punkter.append(("Kommuner", reverse("kommuner:liste")))
    punkter.append(("Kalender", reverse("evaluering:kalender")))
    if brugerrolle == Rolle.MINISTERIET:
        punkter.append(("Baggrundsjob", reverse("evaluering:jobs")))
    path = request.path
    return {
        "navigation": [
            {"titel": titel, "url": url, "aktiv": path == url if url == "/" else path.startswith(url)}
            for titel, url in punkter
        ]
    }
