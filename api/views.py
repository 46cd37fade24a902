"""The read API's views (docs/decisions/0059)."""

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from drf_spectacular.views import SpectacularAPIView

from api.dokumentation import reference

# The description is public, like any API's reference: it holds no data, and a tool fetches it without a key.
schema = login_not_required(SpectacularAPIView.as_view(authentication_classes=[], permission_classes=[]))


@login_not_required
@require_safe
def dokumentation(request):
    return render(request, "api/dokumentation.html", reference())


@login_not_required
@require_safe
@never_cache
def ikke_fundet(request):
    return JsonResponse({"fejl": "Adressen findes ikke i API'et. Se /api/v1/ for dets adresser."}, status=404)
