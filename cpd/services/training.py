"""Mandatory training: the authority's courses, and the completions HR record or import.

A completion expires ``validity_months`` calendar months after it was completed (31 January + 1 month = the last
day of February); a course without a validity never expires. Courses are disabled from a date, never deleted.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from cpd.access.training import NOT_HR, can_manage_training
from cpd.models import TrainingCompletion, TrainingCourse
from workforce import selectors as wf_selectors
from workforce.access import get_scope
from workforce.models import Authority, Worker

CODE_TAKEN = "Another course already has the code {code}"
CODE_REQUIRED = "Enter the course code"
NAME_REQUIRED = "Enter the course name"
COMPLETED_IN_FUTURE = "The date completed must be today or in the past"
ALREADY_RECORDED = "This completion is already recorded"
COURSE_OF_ANOTHER_AUTHORITY = "Choose one of your authority's courses"


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months later, or the month's last day when it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def expiry_for(course: TrainingCourse, completed_on: dt.date) -> dt.date | None:
    if course.validity_months is None:
        return None
    return add_months(completed_on, course.validity_months)


def _require_manager(user: Any) -> None:
    if not can_manage_training(user):
        raise PermissionDenied(NOT_HR)


def _save_course(course: TrainingCourse, user: Any) -> TrainingCourse:
    course.code = course.code.strip()
    course.name = course.name.strip()
    course.description = course.description.strip()
    if not course.code:
        raise ValidationError({"code": CODE_REQUIRED})
    if not course.name:
        raise ValidationError({"name": NAME_REQUIRED})
    taken = TrainingCourse.objects.filter(authority=course.authority, code__iexact=course.code).exclude(pk=course.pk)
    if taken.exists():
        raise ValidationError({"code": CODE_TAKEN.format(code=course.code)})
    course.updated_by = user
    course.full_clean()
    course.save()
    return course


@transaction.atomic
def training_course_create(
    *,
    authority: Authority,
    code: str,
    name: str,
    description: str = "",
    validity_months: int | None,
    disabled_on: dt.date | None = None,
    user: Any,
) -> TrainingCourse:
    _require_manager(user)
    course = TrainingCourse(
        authority=authority,
        code=code,
        name=name,
        description=description,
        validity_months=validity_months,
        disabled_on=disabled_on,
        created_by=user,
    )
    return _save_course(course, user)


@transaction.atomic
def training_course_update(
    *,
    course: TrainingCourse,
    code: str,
    name: str,
    description: str = "",
    validity_months: int | None,
    disabled_on: dt.date | None = None,
    user: Any,
) -> TrainingCourse:
    """Change a course. Completions already recorded keep the expiry they were given."""
    _require_manager(user)
    course.code, course.name, course.description = code, name, description
    course.validity_months, course.disabled_on = validity_months, disabled_on
    return _save_course(course, user)


@transaction.atomic
def training_completion_record(
    *, worker: Worker, course: TrainingCourse, completed_on: dt.date, note: str = "", user: Any
) -> TrainingCompletion:
    """HR record that a worker completed a course; the expiry date is worked out from the course's validity."""
    _require_manager(user)
    authority = get_scope(user).authority
    if authority is None or course.authority_id != worker.authority_id or course.authority_id != authority.pk:
        raise ValidationError({"course": COURSE_OF_ANOTHER_AUTHORITY})
    if completed_on > wf_selectors.today():
        raise ValidationError({"completed_on": COMPLETED_IN_FUTURE})
    if TrainingCompletion.objects.filter(worker=worker, course=course, completed_on=completed_on).exists():
        raise ValidationError({"completed_on": ALREADY_RECORDED})
    completion = TrainingCompletion(
        worker=worker,
        course=course,
        completed_on=completed_on,
        expires_on=expiry_for(course, completed_on),
        note=(note or "").strip(),
        source=TrainingCompletion.Source.RECORDED,
        created_by=user,
        updated_by=user,
    )
    completion.full_clean()
    completion.save()
    return completion


@dataclass(frozen=True)
class CompletionRow:
    """One checked row of an import file."""

    row: int
    worker: Worker
    course: TrainingCourse
    completed_on: dt.date


@dataclass(frozen=True)
class ImportSummary:
    created: int
    unchanged: int

    @property
    def rows(self) -> int:
        return self.created + self.unchanged


@transaction.atomic
def training_completions_import(*, rows: list[CompletionRow], user: Any) -> ImportSummary:
    """Save checked rows in one transaction. A completion already recorded (worker, course, date) is unchanged."""
    _require_manager(user)
    keys = {(r.worker.pk, r.course.pk, r.completed_on) for r in rows}
    existing = set(
        TrainingCompletion.objects.filter(
            worker_id__in={k[0] for k in keys}, course_id__in={k[1] for k in keys}
        ).values_list("worker_id", "course_id", "completed_on")
    )
    new: list[TrainingCompletion] = []
    seen: set[tuple[int, int, dt.date]] = set()
    for row in rows:
        key = (row.worker.pk, row.course.pk, row.completed_on)
        if key in existing or key in seen:
            continue
        seen.add(key)
        new.append(
            TrainingCompletion(
                worker=row.worker,
                course=row.course,
                completed_on=row.completed_on,
                expires_on=expiry_for(row.course, row.completed_on),
                source=TrainingCompletion.Source.IMPORTED,
                created_by=user,
                updated_by=user,
            )
        )
    if new:
        bulk_create_with_history(new, TrainingCompletion, default_user=user)
    return ImportSummary(created=len(new), unchanged=len(rows) - len(new))
