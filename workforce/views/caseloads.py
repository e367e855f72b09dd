"""The caseload view: a team's current caseloads against its threshold, their trend, and weighted workload.

Team managers see their teams (with a chooser when they manage several), service managers their service areas'
teams (read-only), HR any team of the authority; other roles 403. A team outside the user's scope, asked for with
``?team=<pk>``, answers 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from core.exports.registry import download_url
from workforce import selectors, workload
from workforce.access import STAFF_LIST_ROLES, can_edit_team_caseloads, get_scope, role_required
from workforce.exports.caseloads import TeamCaseloadsExport
from workforce.services.settings import workload_settings_ensure


@login_required
@require_GET
@role_required(*STAFF_LIST_ROLES)
def caseload_overview(request: HttpRequest) -> HttpResponse:
    """Who is over the threshold, who has no caseload recorded this month, and each person's weighted workload."""
    choice = workload.caseload_team_choice(user=request.user, wanted=request.GET.get("team"))
    scope = get_scope(request.user)
    on = selectors.today()
    context: dict[str, Any] = {"teams": choice.teams, "team": choice.team, "on": on}
    if choice.team is not None:
        team = choice.team
        settings = workload_settings_ensure(authority=scope.authority, actor=request.user)
        context.update(
            {
                "caseloads": workload.team_caseloads(team=team, settings=settings, on=on),
                "can_edit": can_edit_team_caseloads(request.user, team),
                "can_change_settings": scope.is_administrator,
                "download_url": download_url(TeamCaseloadsExport, urlencode({"team": team.pk})),
            }
        )
    return render(request, "workforce/caseloads/caseload_overview.html", context)
