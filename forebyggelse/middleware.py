"""Middleware of the base package."""

from django.utils.cache import add_never_cache_headers


class IngenCacheBagLoginMiddleware:
    """Nothing a logged-in user is shown is kept by a browser or proxy cache (pages, receipts, PDFs, exports, ZIPs):
    after logout on a shared computer the back button or the cache must not show it again. A view that says how
    its own answer may be cached (a chart addressed by the hash of its data) keeps its word."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response
