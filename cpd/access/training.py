"""Who may see and change mandatory training (spec section 1), decided here and only here.

- HR (workforce officers) and administrators keep the authority's course list, record completions and import them.
- The training matrix is for team and service managers (their teams), HR and administrators (every team).
- Every worker sees their own training.
Out of scope answers 404; in scope but read-only answers 403.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from cpd.access import cpd_workers_for_user
from cpd.models import TrainingCourse
from workforce.access import get_scope
from workforce.models import Worker

NOT_HR = "Only HR and administrators keep the training records."


def can_manage_training(user: Any) -> bool:
    """HR and administrators keep the course list and the completions."""
    return get_scope(user).is_hr


def can_see_training_matrix(user: Any) -> bool:
    return get_scope(user).sees_teams


def require_training_manager(user: Any) -> None:
    if not can_manage_training(user):
        raise PermissionDenied(NOT_HR)


def get_course_for_user(user: Any, pk: int) -> TrainingCourse:
    """A course of the user's authority, for HR to change: 403 for other roles, 404 for another authority's."""
    require_training_manager(user)
    course = TrainingCourse.objects.filter(pk=pk, authority=get_scope(user).authority).first()
    if course is None:
        raise Http404("No such course.")
    return course


def get_worker_for_training_record(user: Any, pk: int) -> Worker:
    """The worker whose completion HR record: 404 outside the user's scope, 403 for those who may only read."""
    worker = cpd_workers_for_user(user).select_related("authority").filter(pk=pk).first()
    if worker is None:
        raise Http404("No such worker.")
    require_training_manager(user)
    return worker
