from django.urls import reverse

from forebyggelse.roller import er_evaluator, er_ministeriet, rolle, ser_alle_kommuner
from hentninger.permissions import kan_se_hentningslog
from portal.opgaver import opgaver_til


def navigation(request):
    """The main menu for the logged-in user's role; the front page's item counts the user's tasks (Mine opgaver)."""
    user = getattr(request, "user", None)
    if user is None or not rolle(user):
        return {"navigation": []}
    punkter = [
        ("Forside", reverse("forside")),
        ("Programmer", reverse("kommuner:programmer")),
        ("Strategier", reverse("strategi:liste")),
    ]
    if ser_alle_kommuner(user):
        punkter.append(("Kommuner", reverse("kommuner:liste")))
    # Every role reads the profiles (published statistics); the catalogue, the data administration and the
    # exports sit under "Nøgletal" for the ministry and the evaluator.
    punkter.append(("Sociale profiler", reverse("profiler:liste")))
    if er_ministeriet(user) or er_evaluator(user):
        punkter.append(("Nøgletal", reverse("profiler:oversigt")))
    punkter.append(("Kalender", reverse("evaluering:kalender")))
    if er_ministeriet(user):
        punkter.append(("Baggrundsjob", reverse("evaluering:jobs")))
    if kan_se_hentningslog(user)[0]:
        punkter.append(("Hentningslog", reverse("hentninger:log")))
    path = request.path
    antal = {reverse("forside"): len(opgaver_til(request))}
    return {
        "navigation": [
            {
                "titel": titel,
                "url": url,
                "aktiv": path == url if url == "/" else path.startswith(url),
                "antal": antal.get(url, 0),
            }
            for titel, url in punkter
        ]
    }
