"""Refuses a request that carries a NUL character in its path, query string or form fields, with 400.

No page of the portal has any use for one, and PostgreSQL cannot hold or compare one: a URL such as
/kommuner/%00/ would otherwise reach a lookup and end as a server error. Checked here once for every route, before
any view or database query; uploaded files are not form fields and may contain anything.
"""

from django.core.exceptions import BadRequest

NUL = "\x00"


class NulTegnMiddleware:
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
