"""The methods a view answers. A method it does not answer gets 405 with an Allow header naming those it does
(decision record 0036); Django's require_safe (GET, HEAD) and require_POST cover the pages that only read and the
actions, and this one the form pages."""

from django.views.decorators.http import require_http_methods

# A form page: GET and HEAD show the form, POST sends it. PUT, PATCH and DELETE would otherwise get the page too,
# since a form view tells only POST apart from the rest.
require_safe_or_POST = require_http_methods(["GET", "HEAD", "POST"])
