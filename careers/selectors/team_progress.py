"""Progress of everyone in a set of teams, in a fixed number of queries however many people there are.

The per-person figures come from careers.selectors.progress.evaluate, the same function the worker's own page
uses, fed with data loaded for all the people at once (levels, evidence and item keys, first start dates).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Min, Prefetch, QuerySet
from django.utils import timezone

from careers.filters import TeamProgressFilter
from careers.models import CareerLevel, Evidence, FrameworkItem, WorkerLevel
from careers.selectors.evidence import evidence_waiting_for_review, review_overdue_days
from careers.selectors.progress import Progress, evaluate
from workforce.access import get_scope, teams_for_user
from workforce.models import Assignment, Team
from workforce.selectors import in_post_q


@dataclass(frozen=True)
class PersonProgress:
    assignment: Assignment
    progress: Progress
    waiting: int  # pieces waiting for review

    @property
    def worker(self) -> Any:
        return self.assignment.worker


@dataclass(frozen=True)
class WaitingEvidence:
    evidence: Evidence
    team: Team | None
    days_waiting: int
    overdue: bool


def people_in_post(*, user: Any, filters: Mapping[str, Any] | None, on: dt.date) -> QuerySet[Assignment]:
    """Assignments in post on the date in the teams the user may see, filtered, ordered by team and name."""
    queryset = (
        Assignment.objects.filter(in_post_q(on), team__in=teams_for_user(user), worker__archived_at__isnull=True)
        .select_related("worker", "team")
        .order_by("team__name", "worker__last_name", "worker__first_name", "pk")
    )
    return TeamProgressFilter(filters, queryset=queryset, user=user, on=on).qs


def _levels(authority_id: int, on: dt.date) -> list[CareerLevel]:
    required = Prefetch("required_items", queryset=FrameworkItem.objects.only("pk", "key", "title"))
    levels = CareerLevel.objects.filter(authority_id=authority_id).prefetch_related(required).order_by("order")
    return [level for level in levels if level.disabled_on is None or level.disabled_on > on]


def people_progress(*, user: Any, filters: Mapping[str, Any] | None, on: dt.date) -> list[PersonProgress]:
    """One row per person in post: their current and next level, counts and whether they meet the criteria."""
    scope = get_scope(user)
    if scope.authority is None:
        return []
    assignments = list(people_in_post(user=user, filters=filters, on=on))
    worker_ids = [a.worker_id for a in assignments]
    if not worker_ids:
        return []
    # Worker ids go to the database as a subquery of the same assignments, not as a long list of parameters.
    worker_subquery = people_in_post(user=user, filters=filters, on=on).values("worker_id")

    current: dict[int, WorkerLevel] = {}
    records = WorkerLevel.objects.filter(worker_id__in=worker_subquery, effective_from__lte=on).select_related("level")
    for record in records.order_by("worker_id", "effective_from"):
        current[record.worker_id] = record  # the latest one on or before the date wins

    levels = _levels(scope.authority.pk, on)

    evidence: dict[int, list[tuple[int, str, str | None]]] = defaultdict(list)
    waiting: dict[int, set[int]] = defaultdict(set)
    rows = Evidence.objects.filter(worker_id__in=worker_subquery).values_list("worker_id", "pk", "status", "items__key")
    for worker_id, pk, status, key in rows:
        evidence[worker_id].append((pk, status, key))
        if status == Evidence.Status.SUBMITTED:
            waiting[worker_id].add(pk)

    starts = dict(
        Assignment.objects.filter(worker_id__in=worker_subquery)
        .values("worker_id")
        .annotate(first=Min("start_date"))
        .values_list("worker_id", "first")
    )

    people = []
    for assignment in assignments:
        worker_level = current.get(assignment.worker_id)
        above = [lv for lv in levels if worker_level is None or lv.order > worker_level.level.order]
        level = above[0] if above else None
        required = {i.key: i.title for i in level.required_items.all()} if level else {}
        progress = evaluate(
            worker=assignment.worker,
            today=on,
            current=worker_level,
            level=level,
            required=required,
            principles=[],
            outcomes=[],
            evidence=evidence.get(assignment.worker_id, []),
            level_start=worker_level.effective_from if worker_level else starts.get(assignment.worker_id),
        )
        people.append(PersonProgress(assignment, progress, len(waiting.get(assignment.worker_id, ()))))

    readiness = TeamProgressFilter.readiness(filters)
    if readiness is not None:
        people = [p for p in people if p.progress.criteria_met is readiness]
    return people


def waiting_for_review(*, user: Any, filters: Mapping[str, Any] | None, on: dt.date) -> list[WaitingEvidence]:
    """Evidence waiting for review of the people shown, oldest first, with days waiting and whether it is overdue."""
    scope = get_scope(user)
    if scope.authority is None:
        return []
    shown = people_in_post(user=user, filters=filters, on=on)
    teams = Team.objects.filter(pk__in=shown.values("team_id"))
    overdue_after = review_overdue_days(scope.authority.pk)
    team_by_worker = {a.worker_id: a.team for a in shown}
    result = []
    for evidence in evidence_waiting_for_review(teams=teams, on=on).filter(worker_id__in=shown.values("worker_id")):
        submitted_on = timezone.localdate(evidence.submitted_at) if evidence.submitted_at else on
        days = (on - submitted_on).days
        result.append(WaitingEvidence(evidence, team_by_worker.get(evidence.worker_id), days, days > overdue_after))
    return result
