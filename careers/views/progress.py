"""Progress pages: the worker's own progress (grid, criteria, evidence), a manager's view of one worker's, and the
team view with everyone's figures and the evidence waiting for review.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from careers.access import is_reviewer_of
from careers.access.evidence import get_progress_worker_for_user
from careers.exports.progress import TeamProgressExport
from careers.filters import TeamProgressFilter
from careers.selectors.evidence import evidence_for_worker
from careers.selectors.progress import progress_for
from careers.selectors.team_progress import people_progress, waiting_for_review
from careers.views.evidence import _own_worker
from core.exports.registry import download_url
from workforce.access import STAFF_LIST_ROLES, get_scope, role_required
from workforce.selectors import current_assignment, today


@login_required
@require_GET
def my_progress(request: HttpRequest) -> HttpResponse:
    """The worker's level, next level, progress grid, criteria and evidence."""
    worker = _own_worker(request)
    on = today()
    return render(
        request,
        "careers/progress/my_progress.html",
        {
            "worker": worker,
            "progress": progress_for(worker=worker, today=on),
            "evidence_list": list(evidence_for_worker(worker)),
            "show_content": True,
            "own": True,
        },
    )


@login_required
@require_GET
def worker_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """One worker's progress for their managers (and, without the evidence titles, for workforce officers)."""
    worker, show_content = get_progress_worker_for_user(request.user, pk)
    on = today()
    return render(
        request,
        "careers/progress/worker_progress.html",
        {
            "worker": worker,
            "assignment": current_assignment(worker, on),
            "progress": progress_for(worker=worker, today=on),
            "evidence_list": list(evidence_for_worker(worker)),
            "show_content": show_content,
            "own": False,
            "can_apply_for": is_reviewer_of(request.user, worker, on),
            "can_set_level": get_scope(request.user).is_hr,
        },
    )


@login_required
@require_GET
@role_required(*STAFF_LIST_ROLES)
def team_progress(request: HttpRequest) -> HttpResponse:
    """Everyone in the user's teams: levels, counts, criteria; and the evidence waiting for review, oldest first."""
    on = today()
    scope = get_scope(request.user)
    filterset = TeamProgressFilter(request.GET, user=request.user, on=on)
    querystring = filterset.querystring()
    return render(
        request,
        "careers/progress/team_progress.html",
        {
            "filter_form": filterset.form,
            "people": people_progress(user=request.user, filters=request.GET, on=on),
            "waiting": waiting_for_review(user=request.user, filters=request.GET, on=on),
            # Workforce officers see counts and status, never what the evidence says.
            "show_content": scope.is_manager or scope.is_administrator,
            "download_url": download_url(TeamProgressExport, querystring),
            "on": on,
        },
    )
