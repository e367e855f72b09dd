"""The workforce dashboard: the indicators of spec section 3 for a date and a scope the user may see."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.exports.registry import download_url
from workforce import selectors
from workforce.access import STAFF_LIST_ROLES, role_required
from workforce.dashboard import (
    BREAKDOWN_KEYS,
    SHORT_LABELS,
    SUPPRESSED,
    SUPPRESSED_TEXT,
    build_dashboard,
    dashboard_scopes,
    default_as_at,
)
from workforce.exports.dashboard import (
    DashboardServiceAreasExport,
    DashboardSummaryExport,
    DashboardTeamsExport,
    DashboardTrendsExport,
)
from workforce.forms.dashboard import DashboardForm


@login_required
@require_GET
@role_required(*STAFF_LIST_ROLES)
def dashboard(request: HttpRequest) -> HttpResponse:
    """HR see the authority, any service area or team; service managers their service areas and teams; team
    managers their teams. A scope outside the user's answers 404.
    """
    scopes = dashboard_scopes(request.user)
    form = DashboardForm(
        request.GET,
        scope_choices=scopes.form_choices,
        default_scope=scopes.default.value,
        default_as_at=default_as_at(selectors.today()),
    )
    context = {"form": form, "breakdown_columns": [(key, SHORT_LABELS[key]) for key in BREAKDOWN_KEYS]}
    if not form.is_valid():
        if form.scope_refused:
            raise Http404("No such scope.")
        return render(request, "workforce/dashboard/dashboard.html", context)
    as_at = form.cleaned_data["as_at"]
    choice = scopes.get(form.cleaned_data["scope"])
    querystring = urlencode({"as_at": as_at.isoformat(), "scope": choice.value})
    context |= {
        "dashboard": build_dashboard(scopes=scopes, choice=choice, as_at=as_at),
        "suppressed": SUPPRESSED,
        "suppressed_text": SUPPRESSED_TEXT,
        "summary_download_url": download_url(DashboardSummaryExport, querystring),
        "trends_download_url": download_url(DashboardTrendsExport, querystring),
        "teams_download_url": download_url(DashboardTeamsExport, querystring),
        "service_areas_download_url": download_url(DashboardServiceAreasExport, querystring),
    }
    return render(request, "workforce/dashboard/dashboard.html", context)
