"""A worker's progress towards their next career level: the principles × outcomes grid and the level's criteria.

Evidence counts by the *meaning* of the items it is linked to (``FrameworkItem.key``), not by the items
themselves, so evidence written against an earlier wording of the framework still counts after an administrator
adapts the wording in a new version.

A grid cell (principle P, outcome O) is "accepted" when an accepted piece of evidence is linked to both, "pending"
when one that is a draft, waiting for review or returned is, and "missing" otherwise. The criteria are: every
principle and outcome the level requires is covered by accepted evidence; enough accepted pieces; long enough at
the current level.

``evaluate`` does the counting on data already loaded, without queries; ``progress_for`` loads one worker's data
for it, and careers.selectors.team_progress loads a whole team's at once, so both pages apply the same rules.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from careers.models import CareerLevel, CareersSettings, Evidence, FrameworkItem, WorkerLevel
from workforce.models import Assignment, Worker

ACCEPTED, PENDING, MISSING = "accepted", "pending", "missing"
IN_PROGRESS = (Evidence.Status.DRAFT, Evidence.Status.SUBMITTED, Evidence.Status.RETURNED)


@dataclass(frozen=True)
class Cell:
    principle: FrameworkItem
    outcome: FrameworkItem
    status: str
    accepted: int
    pending: int


@dataclass(frozen=True)
class Row:
    principle: FrameworkItem
    cells: list[Cell]
    status: str  # the principle on its own: accepted, pending or missing
    required: bool


@dataclass(frozen=True)
class Criterion:
    label: str
    met: bool
    detail: str


@dataclass
class Progress:
    worker: Worker
    today: dt.date
    current: WorkerLevel | None
    level: CareerLevel | None  # the next level; None at the top of the ladder or with no ladder
    principles: list[FrameworkItem]
    outcomes: list[FrameworkItem]
    rows: list[Row]
    outcome_status: dict[str, str]  # outcome key → status
    accepted_count: int
    pending_count: int
    months_at_level: int
    required_keys: frozenset[str] = frozenset()
    criteria: list[Criterion] = field(default_factory=list)

    @property
    def criteria_met(self) -> bool:
        return self.level is not None and all(c.met for c in self.criteria)

    @property
    def outcome_columns(self) -> list[tuple[FrameworkItem, bool, str]]:
        """Each outcome with whether the next level requires it and its own status (for the grid's header)."""
        return [(o, o.key in self.required_keys, self.outcome_status.get(o.key, MISSING)) for o in self.outcomes]

    @property
    def missing_items(self) -> list[str]:
        return [c.detail for c in self.criteria if not c.met]


def current_level(worker: Worker, on: dt.date) -> WorkerLevel | None:
    """The worker's level on a date: the latest level record effective on or before it."""
    return (
        WorkerLevel.objects.filter(worker=worker, effective_from__lte=on)
        .select_related("level")
        .order_by("-effective_from")
        .first()
    )


def next_level(worker: Worker, current: WorkerLevel | None, on: dt.date) -> CareerLevel | None:
    """The lowest level of the worker's authority above the current one (the first level when there is none)."""
    levels = CareerLevel.objects.filter(authority_id=worker.authority_id).exclude(disabled_on__lte=on)
    if current is not None:
        levels = levels.filter(order__gt=current.level.order)
    return levels.order_by("order").first()


def framework_items(worker: Worker) -> tuple[list[FrameworkItem], list[FrameworkItem]]:
    """The principles and outcomes of the framework version the worker's authority uses now."""
    settings = CareersSettings.objects.filter(authority_id=worker.authority_id).first()
    if settings is None:
        return [], []
    items = list(
        FrameworkItem.objects.filter(
            version_id=settings.framework_version_id,
            kind__in=[FrameworkItem.Kind.PRINCIPLE, FrameworkItem.Kind.OUTCOME],
        ).order_by("kind", "number")
    )
    return (
        [i for i in items if i.kind == FrameworkItem.Kind.PRINCIPLE],
        [i for i in items if i.kind == FrameworkItem.Kind.OUTCOME],
    )


def _months_between(start: dt.date, end: dt.date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if end.day < start.day else months


def _level_start(worker: Worker, current: WorkerLevel | None) -> dt.date | None:
    if current is not None:
        return current.effective_from
    first = Assignment.objects.filter(worker=worker).order_by("start_date").values_list("start_date", flat=True)
    return first.first()


def _status(accepted: int, pending: int) -> str:
    return ACCEPTED if accepted else PENDING if pending else MISSING


def evaluate(
    *,
    worker: Worker,
    today: dt.date,
    current: WorkerLevel | None,
    level: CareerLevel | None,
    required: dict[str, str],
    principles: list[FrameworkItem],
    outcomes: list[FrameworkItem],
    evidence: Iterable[tuple[int, str, str | None]],
    level_start: dt.date | None,
) -> Progress:
    """The grid and criteria from data already loaded, without queries (shared with the team view).

    ``required`` maps the next level's required item keys to their titles; ``evidence`` is (pk, status, item key)
    for each of the worker's pieces of evidence and each item it is linked to (key None when it has none).
    """
    # For each piece of evidence, the keys of the items it is linked to (in whichever version it was written).
    keys_by_evidence: dict[int, set[str]] = defaultdict(set)
    status_by_evidence: dict[int, str] = {}
    for pk, status, key in evidence:
        status_by_evidence[pk] = status
        if key:
            keys_by_evidence[pk].add(key)
    accepted_sets = [keys_by_evidence[pk] for pk, s in status_by_evidence.items() if s == Evidence.Status.ACCEPTED]
    pending_sets = [keys_by_evidence[pk] for pk, s in status_by_evidence.items() if s in IN_PROGRESS]

    def count(sets: list[set[str]], *keys: str) -> int:
        return sum(1 for keys_of in sets if all(k in keys_of for k in keys))

    required_keys = set(required) if level else set()
    rows = []
    for principle in principles:
        cells = []
        for outcome in outcomes:
            accepted = count(accepted_sets, principle.key, outcome.key)
            pending = count(pending_sets, principle.key, outcome.key)
            cells.append(Cell(principle, outcome, _status(accepted, pending), accepted, pending))
        rows.append(
            Row(
                principle,
                cells,
                _status(count(accepted_sets, principle.key), count(pending_sets, principle.key)),
                principle.key in required_keys,
            )
        )
    outcome_status = {o.key: _status(count(accepted_sets, o.key), count(pending_sets, o.key)) for o in outcomes}

    months = _months_between(level_start, today) if level_start else 0
    progress = Progress(
        worker=worker,
        today=today,
        current=current,
        level=level,
        principles=principles,
        outcomes=outcomes,
        rows=rows,
        outcome_status=outcome_status,
        accepted_count=len(accepted_sets),
        pending_count=len(pending_sets),
        months_at_level=months,
        required_keys=frozenset(required_keys),
    )
    if level is None:
        return progress

    covered = set().union(*accepted_sets) if accepted_sets else set()
    for key in sorted(required_keys, key=lambda k: required.get(k, k)):
        met = key in covered
        progress.criteria.append(
            Criterion(
                f"Accepted evidence of “{required[key]}”",
                met,
                "evidenced and accepted" if met else f"no accepted evidence yet of “{required[key]}”",
            )
        )
    progress.criteria.append(
        Criterion(
            f"At least {level.min_accepted_evidence} accepted pieces of evidence",
            len(accepted_sets) >= level.min_accepted_evidence,
            f"{len(accepted_sets)} of {level.min_accepted_evidence} accepted",
        )
    )
    if level.min_months_at_previous_level:
        progress.criteria.append(
            Criterion(
                f"At least {level.min_months_at_previous_level} months at the current level",
                months >= level.min_months_at_previous_level,
                f"{months} of {level.min_months_at_previous_level} months",
            )
        )
    return progress


def progress_for(*, worker: Worker, today: dt.date) -> Progress:
    """The grid and criteria for the worker's next level, in a fixed number of queries."""
    current = current_level(worker, today)
    level = next_level(worker, current, today)
    principles, outcomes = framework_items(worker)
    required = {i.key: i.title for i in level.required_items.all()} if level else {}
    evidence = Evidence.objects.filter(worker=worker).values_list("pk", "status", "items__key")
    return evaluate(
        worker=worker,
        today=today,
        current=current,
        level=level,
        required=required,
        principles=principles,
        outcomes=outcomes,
        evidence=evidence,
        level_start=_level_start(worker, current),
    )
