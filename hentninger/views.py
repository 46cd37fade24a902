from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from hentninger.forms import HentningFilterForm
from hentninger.permissions import kan_se_hentningslog
from hentninger.selectors import hentninger_til_log

PR_SIDE = 50


@require_safe
def hentningslog(request):
    """Who downloaded what and when, newest first, 50 to a page."""
    ok, grund = kan_se_hentningslog(request.user)
    if not ok:
        raise Http404(grund)
    form = HentningFilterForm(request.GET or None)
    side = Paginator(hentninger_til_log(**form.filtre), PR_SIDE).get_page(request.GET.get("side"))
    return render(
        request,
        "hentninger/hentningslog.html",
        {"form": form, "side": side, "sider": side.paginator.get_elided_page_range(side.number)},
    )
