"""Who may see and change CPD days (spec section 1), decided here and only here.

- The worker requests and cancels their own days; nobody else does.
- The team manager of the worker's current team decides (approves or refuses) a waiting request; the worker's
  other readers (service managers, HR, administrators, a former team manager) see it but may not decide (403).
- HR (workforce officers and administrators) set a worker's own allowance for a year.
- The uptake report is for team and service managers (their teams), HR and administrators (every team).
Out of scope answers 404.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from cpd.access import can_edit_cpd, cpd_workers_for_user, is_team_manager_of
from cpd.models import CpdDayRequest
from workforce import selectors as wf_selectors
from workforce.access import get_scope
from workforce.models import Worker

NOT_YOUR_REQUEST = "Only the worker can change their own CPD day requests."
NOT_THEIR_MANAGER = "Only the manager of the worker's team can decide their CPD day requests."
NOT_HR = "Only HR and administrators set a worker's CPD day allowance."
NO_OWN_RECORD = "CPD days are for people with a staff record: ask HR to link your account to yours."


def can_see_days_uptake(user: Any) -> bool:
    return get_scope(user).sees_teams


def own_worker_for_days(user: Any) -> Worker:
    """The signed-in user's own staff record; 403 for a user without one (the page is not for them)."""
    scope = get_scope(user)
    if scope.own_worker_id is None:
        raise PermissionDenied(NO_OWN_RECORD)
    return Worker.objects.select_related("authority").get(pk=scope.own_worker_id)


def can_decide_day_request(user: Any, day_request: CpdDayRequest) -> bool:
    return is_team_manager_of(user, day_request.worker, wf_selectors.today())


def get_day_request_for_user(user: Any, pk: int) -> tuple[CpdDayRequest, bool]:
    """The request and whether the user may decide it; 404 when the worker's CPD is outside the user's scope."""
    day_request = (
        CpdDayRequest.objects.select_related("worker", "worker__authority", "decided_by")
        .filter(pk=pk, worker__in=cpd_workers_for_user(user))
        .first()
    )
    if day_request is None:
        raise Http404("No such CPD day request.")
    return day_request, can_decide_day_request(user, day_request)


def get_decidable_day_request_for_user(user: Any, pk: int) -> CpdDayRequest:
    day_request, can_decide = get_day_request_for_user(user, pk)
    if not can_decide:
        raise PermissionDenied(NOT_THEIR_MANAGER)
    return day_request


def get_own_day_request_for_user(user: Any, pk: int) -> CpdDayRequest:
    """The worker's own request, to cancel: 404 out of scope, 403 for its other readers."""
    day_request, _ = get_day_request_for_user(user, pk)
    if not can_edit_cpd(user, day_request.worker):
        raise PermissionDenied(NOT_YOUR_REQUEST)
    return day_request


def can_set_day_allowance(user: Any, worker: Worker) -> bool:
    scope = get_scope(user)
    return scope.is_hr and scope.authority is not None and worker.authority_id == scope.authority.pk


def get_worker_for_day_allowance(user: Any, pk: int) -> Worker:
    """The worker whose allowance HR set: 404 outside the user's scope, 403 for those who may only read."""
    worker = cpd_workers_for_user(user).select_related("authority").filter(pk=pk).first()
    if worker is None:
        raise Http404("No such worker.")
    if not can_set_day_allowance(user, worker):
        raise PermissionDenied(NOT_HR)
    return worker


def decidable_request_ids(user: Any, requests: list[CpdDayRequest], team_of: dict[int, int], on: Any) -> set[int]:
    """Which of the waiting requests the user may decide, without a query per request when the teams are known."""
    scope = get_scope(user)
    today = wf_selectors.today()
    if not scope.managed_team_ids:
        return set()
    if on == today:
        return {
            r.pk
            for r in requests
            if team_of.get(r.worker_id) in scope.managed_team_ids and r.worker_id != scope.own_worker_id
        }
    return {r.pk for r in requests if can_decide_day_request(user, r)}
