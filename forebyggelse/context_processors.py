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
    # Every role reads the profiles (published statistics); the catalogue, the data administration and the
    # exports sit under "Nøgletal" for the ministry and the evaluator.
    punkter.append(("Sociale profiler", reverse("profiler:liste")))
    if brugerrolle in {Rolle.MINISTERIET, Rolle.EVALUATOR}:
        punkter.append(("Nøgletal", reverse("profiler:oversigt")))
    path = request.path
    return {
        "navigation": [
            {"titel": titel, "url": url, "aktiv": path == url if url == "/" else path.startswith(url)}
            for titel, url in punkter
        ]
    }
