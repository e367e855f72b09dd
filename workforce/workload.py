"""Read queries for caseloads against thresholds and weighted workload, and for the administrator's settings pages.

A team's caseload view costs a fixed number of queries however many people are in post: one for the people, one
for every caseload record they have in the trend window (the current caseload and the six month ends are worked
out from those rows in Python), and the team's thresholds come with the team (``select_related("threshold")``).

Rules (spec sections 3 and 4):
- a worker's *current* caseload is their latest record dated in (D − 31 days, D], as the indicators count it;
- the threshold is the team's own (``TeamThreshold``) if set, else the authority's (``WorkloadSettings``); ASYE
  workers (post-qualifying status ``asye``) get the lower ASYE threshold; a caseload *above* it needs action;
- the weighted workload of a record that carries counts by case type is Σ count × points per case type, against a
  capacity of capacity points per FTE × FTE (the ASYE capacity for ASYE workers).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet
from django.http import Http404

from workforce import selectors
from workforce.access import get_scope, teams_for_user
from workforce.codes import PostQualifyingStatus, Role
from workforce.indicators import CASELOAD_WINDOW_DAYS, month_ends
from workforce.models import (
    CASE_TYPE_FIELDS,
    Assignment,
    Authority,
    CaseloadRecord,
    ComparatorFigure,
    IndicatorTarget,
    Team,
    TeamThreshold,
    Worker,
    WorkloadSettings,
)

TREND_MONTHS = 6
HUNDRED = Decimal("100")
PERCENT_QUANTUM = Decimal("0.1")
# Roles expected to hold cases: their people are flagged when this month's caseload is missing. Managers and
# qualified workers not holding cases are flagged only when they hold cases on their latest record.
CASE_HOLDING_ROLES = frozenset({Role.CASE_HOLDER, Role.SENIOR_PRACTITIONER})
CASE_TYPE_LABELS = {
    "child_in_need": "Child in need",
    "child_protection": "Child protection",
    "child_in_care": "Child in care",
    "care_leaver": "Care leaver",
    "other_cases": "Other cases",
}


# ---------------------------------------------------------------------------
# Thresholds and weights
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Thresholds:
    """The caseload thresholds that apply to a team, and where they come from."""

    caseload: int
    asye_caseload: int
    team_override: bool

    def for_worker(self, *, is_asye: bool) -> int:
        return self.asye_caseload if is_asye else self.caseload


def team_threshold_or_none(team: Team) -> TeamThreshold | None:
    """The team's own thresholds, or None (no query when the team was loaded with ``select_related("threshold")``)."""
    try:
        return team.threshold
    except ObjectDoesNotExist:
        return None


def thresholds_for_team(team: Team, settings: WorkloadSettings) -> Thresholds:
    """The team's own thresholds if it has them, else the authority's."""
    override = team_threshold_or_none(team)
    if override is not None:
        return Thresholds(override.caseload_threshold, override.asye_caseload_threshold, team_override=True)
    return Thresholds(settings.caseload_threshold, settings.asye_caseload_threshold, team_override=False)


def case_type_weights(settings: WorkloadSettings) -> dict[str, Decimal]:
    """Points per case type, keyed by the caseload record's field names."""
    return {name: Decimal(getattr(settings, f"{name}_points")) for name in CASE_TYPE_FIELDS}


@dataclass(frozen=True)
class Workload:
    """A weighted workload: points held against the worker's capacity."""

    points: Decimal
    capacity: Decimal
    percentage: Decimal | None  # None when the capacity is 0

    @property
    def over_capacity(self) -> bool:
        return self.points > self.capacity


def has_case_types(record: CaseloadRecord | None) -> bool:
    return record is not None and any(getattr(record, name) is not None for name in CASE_TYPE_FIELDS)


def weighted_workload(
    record: CaseloadRecord | None, *, fte: Decimal, is_asye: bool, settings: WorkloadSettings
) -> Workload | None:
    """Σ count × points per case type against capacity points per FTE × FTE; None without counts by case type."""
    if not has_case_types(record):
        return None
    weights = case_type_weights(settings)
    points = sum((Decimal(getattr(record, name) or 0) * weights[name] for name in CASE_TYPE_FIELDS), Decimal("0"))
    per_fte = settings.asye_capacity_points_per_fte if is_asye else settings.capacity_points_per_fte
    capacity = Decimal(per_fte) * Decimal(fte)
    percentage = None
    if capacity > 0:
        percentage = (points / capacity * HUNDRED).quantize(PERCENT_QUANTUM, rounding=ROUND_HALF_UP)
    return Workload(points=points, capacity=capacity, percentage=percentage)


# ---------------------------------------------------------------------------
# The caseload view
# ---------------------------------------------------------------------------
@dataclass
class WorkerCaseload:
    """One row of the caseload view: a person in post, their current caseload, its trend and what needs action."""

    assignment: Assignment
    is_asye: bool
    threshold: int
    current: CaseloadRecord | None
    trend: list[int | None]
    recorded_this_month: bool
    workload: Workload | None

    @property
    def worker(self) -> Worker:
        return self.assignment.worker

    @property
    def current_cases(self) -> int | None:
        return self.current.cases if self.current is not None else None

    @property
    def expects_cases(self) -> bool:
        return self.assignment.role in CASE_HOLDING_ROLES

    @property
    def over_threshold(self) -> bool:
        return self.current is not None and self.current.cases > self.threshold

    @property
    def needs_record(self) -> bool:
        """No caseload recorded this month, for someone who holds or is expected to hold cases."""
        if self.recorded_this_month:
            return False
        return self.expects_cases or (self.current is not None and self.current.cases > 0)

    @property
    def within_threshold(self) -> bool:
        return self.current is not None and not self.over_threshold and not self.needs_record

    @property
    def over_capacity(self) -> bool:
        return self.workload is not None and self.workload.over_capacity

    @property
    def status_labels(self) -> list[str]:
        """The tags shown (and exported) for the row, most urgent first."""
        labels = []
        if self.over_threshold:
            labels.append("Over threshold")
        if self.needs_record:
            labels.append("No record this month")
        if self.within_threshold:
            labels.append("Within threshold")
        if not labels:
            labels.append("No cases expected")
        return labels


@dataclass
class TeamCaseloads:
    """A team's caseload view on a date."""

    team: Team
    on: dt.date
    settings: WorkloadSettings
    thresholds: Thresholds
    trend_dates: list[dt.date]
    rows: list[WorkerCaseload] = field(default_factory=list)

    @property
    def month_start(self) -> dt.date:
        return self.on.replace(day=1)

    @property
    def over_threshold(self) -> list[WorkerCaseload]:
        return [row for row in self.rows if row.over_threshold]

    @property
    def without_record(self) -> list[WorkerCaseload]:
        return [row for row in self.rows if row.needs_record]

    @property
    def over_capacity(self) -> list[WorkerCaseload]:
        return [row for row in self.rows if row.over_capacity]

    @property
    def with_workload(self) -> list[WorkerCaseload]:
        return [row for row in self.rows if row.workload is not None]


def _latest_in_window(records: Sequence[CaseloadRecord], on: dt.date) -> CaseloadRecord | None:
    """The latest record dated in (on − 31 days, on]; ``records`` are oldest first."""
    after = on - dt.timedelta(days=CASELOAD_WINDOW_DAYS)
    latest = None
    for record in records:
        if record.date > on:
            break
        if record.date > after:
            latest = record
    return latest


def team_people_in_post(team: Team, on: dt.date) -> QuerySet[Assignment]:
    """The team's social work assignments in post on the date (role ``other`` left out), by name."""
    return (
        Assignment.objects.filter(selectors.in_post_q(on), team=team, worker__archived_at__isnull=True)
        .exclude(role=Role.OTHER)
        .select_related("worker")
        .order_by("worker__last_name", "worker__first_name", "worker__worker_id")
    )


def _records_by_worker(worker_ids: Iterable[int], start: dt.date, on: dt.date) -> dict[int, list[CaseloadRecord]]:
    """Every caseload record of the workers dated in (start, on], oldest first, in one query."""
    by_worker: dict[int, list[CaseloadRecord]] = defaultdict(list)
    records = CaseloadRecord.objects.filter(worker_id__in=list(worker_ids), date__gt=start, date__lte=on).order_by(
        "worker_id", "date"
    )
    for record in records:
        by_worker[record.worker_id].append(record)
    return by_worker


def team_caseloads(
    *, team: Team, settings: WorkloadSettings, on: dt.date | None = None, months: int = TREND_MONTHS
) -> TeamCaseloads:
    """Everyone in post in the team on the date with their current caseload, its trend and weighted workload.

    Two queries: the people, and all their caseload records in the window. Load the team with
    ``select_related("threshold")`` to save a third.
    """
    on = on or selectors.today()
    trend_dates = month_ends(on, months)
    thresholds = thresholds_for_team(team, settings)
    people = list(team_people_in_post(team, on))
    window_start = trend_dates[0] - dt.timedelta(days=CASELOAD_WINDOW_DAYS)
    records = _records_by_worker({a.worker_id for a in people}, window_start, on) if people else {}
    month_start = on.replace(day=1)
    result = TeamCaseloads(team=team, on=on, settings=settings, thresholds=thresholds, trend_dates=trend_dates)
    for assignment in people:
        own = records.get(assignment.worker_id, [])
        is_asye = assignment.worker.pq_status == PostQualifyingStatus.ASYE
        current = _latest_in_window(own, on)
        result.rows.append(
            WorkerCaseload(
                assignment=assignment,
                is_asye=is_asye,
                threshold=thresholds.for_worker(is_asye=is_asye),
                current=current,
                trend=[
                    record.cases if (record := _latest_in_window(own, month_end)) is not None else None
                    for month_end in trend_dates
                ],
                recorded_this_month=current is not None and current.date >= month_start,
                workload=weighted_workload(current, fte=assignment.fte, is_asye=is_asye, settings=settings),
            )
        )
    return result


def chosen_team(teams: Sequence[Team], wanted: str | None, preferred_ids: Iterable[int] = ()) -> Team | None:
    """The team asked for (None when it is not among ``teams``), else the first preferred team, else the first."""
    if wanted:
        try:
            pk = int(wanted)
        except ValueError:
            return None
        return next((team for team in teams if team.pk == pk), None)
    preferred = set(preferred_ids)
    return next((team for team in teams if team.pk in preferred), teams[0] if teams else None)


@dataclass(frozen=True)
class CaseloadTeamChoice:
    """The teams whose caseloads the user may see, and the one shown."""

    teams: list[Team]
    team: Team | None


def caseload_team_choice(*, user: Any, wanted: str | None) -> CaseloadTeamChoice:
    """The user's teams and the one asked for (404 when outside their scope); else the first team they manage,
    else their first team. The teams come with their own thresholds, if any (one query).
    """
    teams = list(teams_for_user(user).select_related("service_area", "threshold").order_by("name", "code"))
    wanted = (wanted or "").strip()
    team = chosen_team(teams, wanted, preferred_ids=get_scope(user).managed_team_ids)
    if wanted and team is None:
        raise Http404("No such team.")
    return CaseloadTeamChoice(teams=teams, team=team)


# ---------------------------------------------------------------------------
# Settings pages
# ---------------------------------------------------------------------------
def authority_teams_with_thresholds(authority: Authority) -> QuerySet[Team]:
    """The authority's teams, each with its own thresholds if set, by name."""
    return Team.objects.filter(authority=authority).select_related("service_area", "threshold").order_by("name", "code")


def authority_targets(authority: Authority) -> QuerySet[IndicatorTarget]:
    """The authority's indicator targets, by indicator and latest date first."""
    return (
        IndicatorTarget.objects.filter(authority=authority)
        .select_related("updated_by")
        .order_by("indicator", "-effective_from")
    )


def england_comparators() -> QuerySet[ComparatorFigure]:
    """The published England figures every authority sees (shipped reference data), latest first."""
    return ComparatorFigure.objects.filter(authority__isnull=True).order_by("-as_at", "indicator")


def authority_comparators(authority: Authority) -> QuerySet[ComparatorFigure]:
    """The regional and statistical-neighbour figures an administrator of the authority entered."""
    return ComparatorFigure.objects.filter(authority=authority).order_by("kind", "label", "-as_at", "indicator")
