from django.urls import reverse

from kommuner.roller import er_ministeriet, rolle, ser_alle_kommuner


def navigation(request):
    """The main menu for the logged-in user's role."""
    user = getattr(request, "user", None)
    if user is None or not rolle(user):
        return {"navigation": []}
    punkter = [("Forside", reverse("forside")), ("Programmer", reverse("kommuner:programmer"))]
    if ser_alle_kommuner(user):
        punkter.append(("Kommuner", reverse("kommuner:liste")))
    punkter.append(("Kalender", reverse("evaluering:kalender")))
    if er_ministeriet(user):
        punkter.append(("Baggrundsjob", reverse("evaluering:jobs")))
    path = request.path
    return {
        "navigation": [
            {"titel": titel, "url": url, "aktiv": path == url if url == "/" else path.startswith(url)}
            for titel, url in punkter
        ]
    }
