"""Who may see and change CPD (spec section 1): the rules every CPD object's access helper is built on.

- A social worker sees and changes their own CPD only.
- A team manager sees the CPD of everyone with an assignment in their teams (content included) and signs off the
  CPD days of the people currently in their teams.
- A service manager sees the same for their service area, read-only.
- A workforce officer sees every worker's CPD *counts and status*, never the text of a reflection.
- An administrator sees everything; changes nothing of a worker's CPD.
- Panel members and other authorities see nothing (404).

The object helpers live beside this module, one per area (records, days, training, oversight).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from workforce.access import get_scope, workers_for_user
from workforce.codes import UserRole
from workforce.models import Assignment, Worker


def cpd_workers_for_user(user: Any) -> QuerySet[Worker]:
    """Workers whose CPD (at least its counts and status) the user may see."""
    return workers_for_user(user)


def is_own(user: Any, worker: Worker) -> bool:
    return get_scope(user).own_worker_id == worker.pk


def can_read_cpd_content(user: Any, worker: Worker) -> bool:
    """May read what a worker wrote (descriptions, reflections, attachments): the worker, their managers, admins."""
    scope = get_scope(user)
    if scope.authority is None or worker.authority_id != scope.authority.pk:
        return False
    if is_own(user, worker) or scope.is_administrator:
        return True
    if scope.is_manager:
        return cpd_workers_for_user(user).filter(pk=worker.pk).exists()
    return False


def can_edit_cpd(user: Any, worker: Worker) -> bool:
    """Only the worker changes their own CPD records and day requests."""
    return is_own(user, worker)


def current_team_ids(worker: Worker, on: dt.date) -> set[int]:
    """The team(s) of the worker's assignment in effect on a date."""
    in_post = Assignment.objects.filter(worker=worker, start_date__lte=on).exclude(end_date__lte=on)
    return set(in_post.values_list("team_id", flat=True))


def is_team_manager_of(user: Any, worker: Worker, on: dt.date) -> bool:
    """The user manages the team the worker is in on that date (and is not the worker)."""
    scope = get_scope(user)
    if UserRole.TEAM_MANAGER not in scope.roles or is_own(user, worker):
        return False
    if scope.authority is None or worker.authority_id != scope.authority.pk:
        return False
    return bool(current_team_ids(worker, on) & scope.managed_team_ids)
