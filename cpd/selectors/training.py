"""Mandatory training status (spec section 2, cpd), from each worker's latest completion of each course.

- missing: no completion;
- expired: expires_on ≤ today (a completion is valid until its expiry date, exclusive);
- expiring: today < expires_on ≤ today + the authority's window (CpdSettings.training_expiring_days, 60 by default);
- active: otherwise, including a course that never expires.

``training_status`` works the status out for many workers and courses at once in one query.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import OuterRef, Q, QuerySet, Subquery

from cpd.models import TrainingCompletion, TrainingCourse
from cpd.selectors.days import cpd_settings_for
from workforce import selectors as wf_selectors
from workforce.access import get_scope, teams_for_user
from workforce.models import Assignment, Authority, Team, Worker


class TrainingStatus(models.TextChoices):
    MISSING = "missing", "Missing"
    EXPIRED = "expired", "Expired"
    EXPIRING = "expiring", "Expiring soon"
    ACTIVE = "active", "Up to date"


STATUS_ORDER = [TrainingStatus.EXPIRED, TrainingStatus.EXPIRING, TrainingStatus.MISSING, TrainingStatus.ACTIVE]
STATUS_TAG_CLASSES = {
    TrainingStatus.MISSING: "govuk-tag--grey",
    TrainingStatus.EXPIRED: "govuk-tag--red",
    TrainingStatus.EXPIRING: "govuk-tag--yellow",
    TrainingStatus.ACTIVE: "govuk-tag--green",
}


def status_of(expires_on: dt.date | None, *, completed: bool, today: dt.date, window_days: int) -> str:
    """The rule of the module docstring for one latest completion (or none)."""
    if not completed:
        return TrainingStatus.MISSING
    if expires_on is None:
        return TrainingStatus.ACTIVE
    if expires_on <= today:
        return TrainingStatus.EXPIRED
    if expires_on <= today + dt.timedelta(days=window_days):
        return TrainingStatus.EXPIRING
    return TrainingStatus.ACTIVE


@dataclass(frozen=True)
class TrainingCell:
    """One worker's standing in one course."""

    course: TrainingCourse
    status: str
    completion: TrainingCompletion | None = None

    @property
    def label(self) -> str:
        return TrainingStatus(self.status).label

    @property
    def tag_class(self) -> str:
        return STATUS_TAG_CLASSES[TrainingStatus(self.status)]

    @property
    def completed_on(self) -> dt.date | None:
        return self.completion.completed_on if self.completion else None

    @property
    def expires_on(self) -> dt.date | None:
        return self.completion.expires_on if self.completion else None


def required_courses(authority: Authority | Any, today: dt.date) -> QuerySet[TrainingCourse]:
    """The courses the authority requires today (not disabled on or before today)."""
    return TrainingCourse.objects.filter(authority=authority).filter(
        Q(disabled_on__isnull=True) | Q(disabled_on__gt=today)
    )


def latest_completions(worker_ids: Iterable[int], courses: Iterable[TrainingCourse]) -> QuerySet[TrainingCompletion]:
    """Each worker's latest completion of each course (one query)."""
    latest = TrainingCompletion.objects.filter(worker=OuterRef("worker"), course=OuterRef("course")).order_by(
        "-completed_on", "-pk"
    )
    return TrainingCompletion.objects.filter(
        worker_id__in=list(worker_ids), course__in=[c.pk for c in courses], pk=Subquery(latest.values("pk")[:1])
    )


def training_status(
    *, workers: Iterable[Worker], courses: Iterable[TrainingCourse], today: dt.date, window_days: int
) -> dict[tuple[int, int], TrainingCell]:
    """The status of every (worker, course) pair, keyed by (worker pk, course pk), in one query."""
    workers, courses = list(workers), list(courses)
    if not workers or not courses:
        return {}
    found = {(c.worker_id, c.course_id): c for c in latest_completions([w.pk for w in workers], courses)}
    cells = {}
    for worker in workers:
        for course in courses:
            completion = found.get((worker.pk, course.pk))
            status = status_of(
                completion.expires_on if completion else None,
                completed=completion is not None,
                today=today,
                window_days=window_days,
            )
            cells[(worker.pk, course.pk)] = TrainingCell(course=course, status=status, completion=completion)
    return cells


def my_training(*, worker: Worker, today: dt.date | None = None) -> list[TrainingCell]:
    """The worker's standing in each course their authority requires."""
    on = today or wf_selectors.today()
    courses = list(required_courses(worker.authority_id, on))
    window = cpd_settings_for(worker.authority_id).training_expiring_days
    cells = training_status(workers=[worker], courses=courses, today=on, window_days=window)
    return [cells[(worker.pk, course.pk)] for course in courses]


@dataclass
class MatrixRow:
    worker: Worker
    team: Team
    cells: list[TrainingCell]


@dataclass
class TrainingMatrix:
    courses: list[TrainingCourse]
    rows: list[MatrixRow]
    today: dt.date
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def status_counts(self) -> list[tuple[str, str, int]]:
        """(status, label, number of worker × course cells), in the order the page shows them."""
        return [(s.value, s.label, self.counts.get(s.value, 0)) for s in STATUS_ORDER]


def training_matrix(
    *, user: Any, teams: QuerySet[Team] | None = None, status: str | None = None, today: dt.date | None = None
) -> TrainingMatrix:
    """People in post in the teams the user may see (or the chosen team), by course; with a status, only the people
    with at least one course in it. A fixed number of queries.
    """
    on = today or wf_selectors.today()
    visible = teams_for_user(user)
    if teams is not None:
        visible = visible.filter(pk__in=teams.values("pk"))
    assignments = list(
        Assignment.objects.filter(wf_selectors.in_post_q(on), team__in=visible, worker__archived_at__isnull=True)
        .select_related("worker", "team")
        .order_by("team__name", "worker__last_name", "worker__first_name", "worker__pk")
    )
    authority = get_scope(user).authority
    courses = list(required_courses(authority, on)) if authority else []
    window = cpd_settings_for(authority).training_expiring_days if authority else 60
    cells = training_status(workers=[a.worker for a in assignments], courses=courses, today=on, window_days=window)
    rows = []
    counts: Counter[str] = Counter()
    for assignment in assignments:
        row_cells = [cells[(assignment.worker_id, course.pk)] for course in courses]
        if status and not any(cell.status == status for cell in row_cells):
            continue
        counts.update(cell.status for cell in row_cells)
        rows.append(MatrixRow(worker=assignment.worker, team=assignment.team, cells=row_cells))
    return TrainingMatrix(courses=courses, rows=rows, today=on, counts=dict(counts))


def courses_for_authority(authority: Authority | Any) -> QuerySet[TrainingCourse]:
    return TrainingCourse.objects.filter(authority=authority).order_by("name", "code")
