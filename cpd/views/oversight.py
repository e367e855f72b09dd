"""The CPD overview of teams and the authority: who is at risk of not meeting the renewal requirement."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET

from core.exports.registry import download_url
from cpd.access.oversight import can_follow_to_cpd_content, check_cpd_overview
from cpd.exports.oversight import CpdOverviewExport
from cpd.selectors.oversight import cpd_overview, overview_rows
from workforce import selectors as workforce_selectors

PAGE_SIZE = 100


def _url_or_none(name: str) -> str | None:
    """A link to a page built in another part of the app, when it exists."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    """Counts by status, a summary by team and the people of the user's teams; filters and a download."""
    check_cpd_overview(request.user)
    result = cpd_overview(user=request.user, filters=request.GET, today=workforce_selectors.today())
    if "team" in result.filterset.form.errors:
        raise Http404("No such team.")  # a team outside the user's scope is not revealed
    page = Paginator(result.people, PAGE_SIZE).get_page(request.GET.get("page"))
    querystring = result.filterset.querystring()
    return render(
        request,
        "cpd/oversight/overview.html",
        {
            "overview": result,
            "filter_form": result.filterset.form,
            "page": page,
            "rows": overview_rows(user=request.user, overview=result, workers=page.object_list),
            "page_range": list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)),
            "page_prefix": f"?{querystring}&page=" if querystring else "?page=",
            "download_url": download_url(CpdOverviewExport, querystring),
            "with_links": can_follow_to_cpd_content(request.user),
            "days_uptake_url": _url_or_none("cpd:days_uptake"),
            "training_matrix_url": _url_or_none("cpd:training_matrix"),
        },
    )
