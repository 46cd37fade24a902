"""Middleware of the base package: refusing NUL characters, and no caching behind the login."""

from django.core.exceptions import BadRequest
from django.utils.cache import add_never_cache_headers

NUL = "\x00"


class NulTegnMiddleware:
    """Refuses a request that carries a NUL character in its path, query string or form fields, with 400.

    No page of the portal has any use for one, and PostgreSQL cannot hold or compare one: a URL such as
    /kommuner/%00/ would otherwise reach a lookup and end as a server error. Checked here once for every route,
    before any view or database query; uploaded files are not form fields and may contain anything."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _har_nul(request):
            raise BadRequest("NUL-tegn i adressen eller formularen.")
        return self.get_response(request)


def _har_nul(request) -> bool:
    if NUL in request.path_info:
        return True
    for data in (request.GET, request.POST):
        for navn, vaerdier in data.lists():
            if NUL in navn or any(NUL in v for v in vaerdier):
                return True
    return False


class IngenCacheBagLoginMiddleware:
    """Nothing a logged-in user is shown is kept by a browser or proxy cache (pages, receipts, PDFs, exports, ZIPs):
    after logout on a shared computer the back button or the cache must not show it again. A view that says how
    its own answer may be cached (a chart addressed by the hash of its data) keeps its word."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Asked before the view too: a view that logs the user out still answers a logged-in request.
        foer = _logget_ind(request)
        response = self.get_response(request)
        if (foer or _logget_ind(request)) and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response


def _logget_ind(request) -> bool:
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated
