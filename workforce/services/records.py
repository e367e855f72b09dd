"""Writes to staff records from the pages: workers, assignments, leavers, moves, caseloads, absences, establishment.

Each function validates (``full_clean()``) before it saves, records who made the change (``created_by`` /
``updated_by`` and the history row's user, so changes made outside a request are attributable too), and raises
``ValidationError`` keyed by the form field it concerns, so that forms can show the message beside the field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model

from core.concurrency import check_version
from workforce.codes import Contract, LeavingReason
from workforce.models import (
    CASE_TYPE_FIELDS,
    FTE_MAX,
    FTE_MIN_EXCLUSIVE,
    Absence,
    Assignment,
    CaseloadRecord,
    Establishment,
    Team,
    Worker,
)
from workforce.rules import OVERLAPPING_ASSIGNMENT, overlapping_q
from workforce.selectors import in_post_q

if TYPE_CHECKING:
    from core.models import User

WORKER_ID_TAKEN = "Another staff record of this authority already has this staff reference."
SWE_REGISTRATION_TAKEN = "Another staff record of this authority already has this Social Work England number."
WORKER_ALREADY_ARCHIVED = "This staff record is already archived."
WORKER_NOT_ARCHIVED = "This staff record is not archived."
ARCHIVE_REASON_REQUIRED = "Enter why the staff record is being archived."
TEAM_WRONG_AUTHORITY = "Choose a team of this worker's authority."
REASON_REQUIRED_WHEN_ENDED = "Choose the reason for leaving: the assignment has an end date."
REASON_WITHOUT_END_DATE = "Enter the end date, or leave the reason for leaving blank."
FTE_OUT_OF_RANGE = "FTE must be more than 0 and at most 1."
END_BEFORE_START = "The end date must be the same as or after the start date."
COVERS_VACANCY_AGENCY_ONLY = "Only agency assignments record whether they cover a vacancy."
NO_CURRENT_ASSIGNMENT = "This worker has no open assignment to end."
LEAVING_BEFORE_START = "The leaving date must be on or after the start of the current assignment ({start})."
LEAVER_REASON_INTERNAL_MOVE = (
    "A move to another social work post here is a team move, not a leaver: record a team move."
)
MOVE_NOT_AFTER_START = "The move date must be after the start of the current assignment ({start})."
MOVE_CHANGES_NOTHING = "Choose another team, role, FTE or job title: the move must change something."
CASE_TYPES_DO_NOT_ADD_UP = "The cases by type add up to {total}, not {cases}: they must add up to the number of cases."
CASELOAD_NOT_IN_TEAM = "{name} was not in post in this team on {date}: leave their row blank or change the date."
CASELOAD_TWICE = "{name} has two rows: enter one caseload per person."
CASELOAD_NOTHING_ENTERED = "Enter the number of cases of at least one person."
ABSENCE_EXISTS = "This worker already has an absence starting on this date."
ABSENCE_END_BEFORE_START = "The end date must be the same as or after the start date."
ABSENCE_DAYS_NEGATIVE = "Working days lost must be 0 or more."


def _stamp(instance: Model, actor: User | None, *, created: bool) -> None:
    """Audit fields, and the user simple-history records for this save."""
    if created:
        instance.created_by = actor
    instance.updated_by = actor
    instance._history_user = actor  # noqa: SLF001 (simple-history's documented hook)


def _long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _locked_worker(worker: Worker) -> Worker:
    """Lock the worker row so that two requests cannot both add an overlapping assignment (PostgreSQL)."""
    return Worker.objects.select_for_update().get(pk=worker.pk)


# ---------------------------------------------------------------------------
# Workers
# ---------------------------------------------------------------------------
WORKER_FIELDS = (
    "worker_id",
    "first_name",
    "last_name",
    "email",
    "swe_registration",
    "swe_renewal_date",
    "date_of_birth",
    "gender",
    "ethnicity",
    "qualification_route",
    "start_origin",
    "leaver_destination",
    "pq_status",
)


def _check_worker_unique(worker: Worker) -> None:
    others = Worker.objects.filter(authority_id=worker.authority_id).exclude(pk=worker.pk)
    errors: dict[str, str] = {}
    if others.filter(worker_id=worker.worker_id).exists():
        errors["worker_id"] = WORKER_ID_TAKEN
    if worker.swe_registration and others.filter(swe_registration=worker.swe_registration).exists():
        errors["swe_registration"] = SWE_REGISTRATION_TAKEN
    if errors:
        raise ValidationError(errors)


_WORKER_DATE_FIELDS = frozenset({"swe_renewal_date", "date_of_birth"})


def _set_worker_fields(worker: Worker, fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(WORKER_FIELDS)
    if unknown:
        raise TypeError(f"Unknown staff record fields: {sorted(unknown)}")
    for name, value in fields.items():
        if name not in _WORKER_DATE_FIELDS:
            value = (value or "").strip()  # text fields store "" for blank
        if name == "swe_registration":
            value = value.upper()
        setattr(worker, name, value)


@transaction.atomic
def worker_create(*, authority: Any, actor: User | None, **fields: Any) -> Worker:
    """Create a staff record in an authority; ``fields`` are the Worker fields of WORKER_FIELDS."""
    worker = Worker(authority=authority)
    _set_worker_fields(worker, fields)
    _check_worker_unique(worker)
    _stamp(worker, actor, created=True)
    worker.full_clean()
    worker.save()
    return worker


@transaction.atomic
def worker_update(*, worker: Worker, actor: User | None, expected_version: str | None = None, **fields: Any) -> Worker:
    """Change a staff record; only the named fields change. Refused when it changed since `expected_version`."""
    worker = _locked_worker(worker)
    check_version(worker, expected_version)
    _set_worker_fields(worker, fields)
    _check_worker_unique(worker)
    _stamp(worker, actor, created=False)
    worker.full_clean()
    worker.save()
    return worker


def worker_archive(*, worker: Worker, actor: User | None, reason: str) -> Worker:
    """Archive (never delete) a staff record, e.g. one created in error; an administrator can restore it."""
    reason = (reason or "").strip()
    if worker.is_archived:
        raise ValidationError(WORKER_ALREADY_ARCHIVED)
    if not reason:
        raise ValidationError({"reason": ARCHIVE_REASON_REQUIRED})
    worker._history_user = actor  # noqa: SLF001
    worker.archive(user=actor, reason=reason)
    return worker


def worker_unarchive(*, worker: Worker, actor: User | None) -> Worker:
    """Restore an archived staff record (administrators)."""
    if not worker.is_archived:
        raise ValidationError(WORKER_NOT_ARCHIVED)
    worker._history_user = actor  # noqa: SLF001
    worker.unarchive(user=actor)
    return worker


# ---------------------------------------------------------------------------
# Assignments
# ---------------------------------------------------------------------------
def _check_assignment(assignment: Assignment) -> None:
    """The rules a form can break, each keyed by its field; then the no-overlap rule (workforce.rules)."""
    assignment.clean_fields(exclude=["worker"])  # required values, code lists, number sizes
    errors: dict[str, str] = {}
    if not (FTE_MIN_EXCLUSIVE < assignment.fte <= FTE_MAX):
        errors["fte"] = FTE_OUT_OF_RANGE
    if assignment.team.authority_id != assignment.worker.authority_id:
        errors["team"] = TEAM_WRONG_AUTHORITY
    if assignment.end_date is not None and assignment.end_date < assignment.start_date:
        errors["end_date"] = END_BEFORE_START
    if assignment.end_date is not None and not assignment.leaving_reason:
        errors["leaving_reason"] = REASON_REQUIRED_WHEN_ENDED
    if assignment.end_date is None and assignment.leaving_reason:
        errors["leaving_reason"] = REASON_WITHOUT_END_DATE
    if assignment.contract != Contract.AGENCY and assignment.covers_vacancy is not None:
        errors["covers_vacancy"] = COVERS_VACANCY_AGENCY_ONLY
    if errors:
        raise ValidationError(errors)
    overlapping = Assignment.objects.filter(
        overlapping_q(assignment.start_date, assignment.end_date), worker_id=assignment.worker_id
    )
    if assignment.pk is not None:
        overlapping = overlapping.exclude(pk=assignment.pk)
    # A zero-length assignment starting on another's start date does not overlap it, but still clashes.
    clash = Assignment.objects.filter(worker_id=assignment.worker_id, start_date=assignment.start_date)
    if assignment.pk is not None:
        clash = clash.exclude(pk=assignment.pk)
    if overlapping.exists() or clash.exists():
        raise ValidationError({"start_date": OVERLAPPING_ASSIGNMENT})


ASSIGNMENT_FIELDS = (
    "team",
    "role",
    "job_title",
    "contract",
    "fte",
    "start_date",
    "end_date",
    "leaving_reason",
    "covers_vacancy",
)


def _set_assignment_fields(assignment: Assignment, fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(ASSIGNMENT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown assignment fields: {sorted(unknown)}")
    for name, value in fields.items():
        if name in ("job_title", "leaving_reason", "role", "contract"):
            value = (value or "").strip()
        setattr(assignment, name, value)


@transaction.atomic
def assignment_create(*, worker: Worker, actor: User | None, **fields: Any) -> Assignment:
    """Add a post the worker holds (or held). Refused when it overlaps another of the worker's assignments."""
    worker = _locked_worker(worker)
    assignment = Assignment(worker=worker)
    _set_assignment_fields(assignment, fields)
    _check_assignment(assignment)
    _stamp(assignment, actor, created=True)
    assignment.full_clean()
    assignment.save()
    return assignment


@transaction.atomic
def assignment_update(
    *, assignment: Assignment, actor: User | None, expected_version: str | None = None, **fields: Any
) -> Assignment:
    """Correct an assignment (the history keeps the earlier values). Refused when it would overlap another, or
    when it changed since `expected_version`.
    """
    _locked_worker(assignment.worker)
    assignment = Assignment.objects.select_related("worker", "team").get(pk=assignment.pk)
    check_version(assignment, expected_version)
    _set_assignment_fields(assignment, fields)
    _check_assignment(assignment)
    _stamp(assignment, actor, created=False)
    assignment.full_clean()
    assignment.save()
    return assignment


def _open_assignment(worker: Worker) -> Assignment:
    assignment = (
        Assignment.objects.filter(worker=worker, end_date__isnull=True)
        .select_related("team", "worker")
        .order_by("-start_date")
        .first()
    )
    if assignment is None:
        raise ValidationError(NO_CURRENT_ASSIGNMENT)
    return assignment


@transaction.atomic
def leaver_record(
    *,
    worker: Worker,
    actor: User | None,
    end_date: dt.date,
    leaving_reason: str,
    leaver_destination: str = "",
) -> Assignment:
    """End the worker's open assignment: they leave the authority's social work on ``end_date``.

    ``end_date`` is the last day: the worker counts as a leaver in the year ending on it and is not in post on it
    (spec section 3). A move to another social work post here is not a leaver (use ``team_move``).
    """
    worker = _locked_worker(worker)
    if leaving_reason == LeavingReason.INTERNAL_MOVE:
        raise ValidationError({"leaving_reason": LEAVER_REASON_INTERNAL_MOVE})
    assignment = _open_assignment(worker)
    if end_date < assignment.start_date:
        raise ValidationError({"end_date": LEAVING_BEFORE_START.format(start=_long_date(assignment.start_date))})
    assignment.end_date = end_date
    assignment.leaving_reason = leaving_reason
    _stamp(assignment, actor, created=False)
    assignment.full_clean()
    assignment.save()
    if leaver_destination != worker.leaver_destination:
        worker.leaver_destination = leaver_destination or ""
        _stamp(worker, actor, created=False)
        worker.full_clean()
        worker.save()
    return assignment


@transaction.atomic
def team_move(
    *,
    worker: Worker,
    actor: User | None,
    move_date: dt.date,
    team: Team,
    role: str | None = None,
    fte: Decimal | None = None,
    job_title: str | None = None,
) -> Assignment:
    """Move a worker to another team, role or FTE: not a leaver.

    Ends the open assignment on ``move_date`` with the reason ``internal_move`` and starts the next one on the
    same day (spec section 2), keeping the contract; role, FTE and job title carry over unless given.
    """
    worker = _locked_worker(worker)
    current = _open_assignment(worker)
    if team.authority_id != worker.authority_id:
        raise ValidationError({"team": TEAM_WRONG_AUTHORITY})
    if move_date <= current.start_date:
        raise ValidationError({"move_date": MOVE_NOT_AFTER_START.format(start=_long_date(current.start_date))})
    following = Assignment(
        worker=worker,
        team=team,
        role=role if role else current.role,
        fte=fte if fte is not None else current.fte,
        job_title=(job_title.strip() if job_title is not None else current.job_title),
        contract=current.contract,
        covers_vacancy=current.covers_vacancy,
        start_date=move_date,
    )
    unchanged = (
        following.team_id == current.team_id
        and following.role == current.role
        and following.fte == current.fte
        and following.job_title == current.job_title
    )
    if unchanged:
        raise ValidationError(MOVE_CHANGES_NOTHING)
    current.end_date = move_date
    current.leaving_reason = LeavingReason.INTERNAL_MOVE
    _stamp(current, actor, created=False)
    current.full_clean()
    current.save()
    _check_assignment(following)
    _stamp(following, actor, created=True)
    following.full_clean()
    following.save()
    return following


# ---------------------------------------------------------------------------
# Caseloads
# ---------------------------------------------------------------------------
def _case_types(values: dict[str, int | None]) -> dict[str, int | None]:
    """All five case-type counts when any is given (blank ones then count 0); none when none is given."""
    unknown = set(values) - set(CASE_TYPE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown case types: {sorted(unknown)}")
    if all(values.get(name) is None for name in CASE_TYPE_FIELDS):
        return dict.fromkeys(CASE_TYPE_FIELDS)
    return {name: values.get(name) or 0 for name in CASE_TYPE_FIELDS}


def check_case_types(cases: int, by_type: dict[str, int | None]) -> None:
    """Case-type counts, when given, add up to the number of cases (spec section 4, caseloads)."""
    given = [value for value in by_type.values() if value is not None]
    if given and sum(given) != cases:
        raise ValidationError(
            {"cases": CASE_TYPES_DO_NOT_ADD_UP.format(total=sum(given), cases=cases)},
            code="case_types",
        )


def _save_caseload(*, worker: Worker, actor: User | None, date: dt.date, cases: int, by_type: dict) -> CaseloadRecord:
    by_type = _case_types(by_type)
    check_case_types(cases, by_type)
    record = CaseloadRecord.objects.filter(worker=worker, date=date).first()
    created = record is None
    if record is None:
        record = CaseloadRecord(worker=worker, date=date)
    record.cases = cases
    for name, value in by_type.items():
        setattr(record, name, value)
    _stamp(record, actor, created=created)
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def caseload_record(
    *, worker: Worker, actor: User | None, date: dt.date, cases: int, **by_type: int | None
) -> CaseloadRecord:
    """Record (or correct) the cases a worker holds on a date; one record per worker and date."""
    return _save_caseload(worker=worker, actor=actor, date=date, cases=cases, by_type=by_type)


@dataclass(frozen=True)
class CaseloadEntry:
    """One row of a team's caseload page: a worker (by primary key), their cases, optionally by type."""

    worker_pk: int
    cases: int
    by_type: dict[str, int | None] = field(default_factory=dict)


@transaction.atomic
def caseloads_record_for_team(
    *, team: Team, actor: User | None, date: dt.date, entries: Sequence[CaseloadEntry]
) -> list[CaseloadRecord]:
    """Record the caseloads of a team's workers on one date, all or nothing.

    Every worker must be in post in the team on the date. Errors name the worker in ``params["worker_pk"]``
    so that the page can show each beside its row.
    """
    if not entries:
        raise ValidationError(CASELOAD_NOTHING_ENTERED)
    in_post = {
        a.worker_id: a.worker
        for a in Assignment.objects.filter(in_post_q(date), team=team, worker__archived_at__isnull=True)
        .select_related("worker")
        .order_by("start_date")
    }
    missing = {e.worker_pk for e in entries} - set(in_post)
    names = {w.pk: w.full_name for w in Worker.objects.filter(pk__in=missing, authority_id=team.authority_id)}
    errors: list[ValidationError] = []
    seen: set[int] = set()
    for entry in entries:
        worker = in_post.get(entry.worker_pk)
        name = worker.full_name if worker else names.get(entry.worker_pk, "This person")
        if entry.worker_pk in seen:
            errors.append(ValidationError(CASELOAD_TWICE.format(name=name), params={"worker_pk": entry.worker_pk}))
        seen.add(entry.worker_pk)
        if worker is None:
            errors.append(
                ValidationError(
                    CASELOAD_NOT_IN_TEAM.format(name=name, date=_long_date(date)),
                    code="not_in_team",
                    params={"worker_pk": entry.worker_pk},
                )
            )
            continue
        try:
            check_case_types(entry.cases, _case_types(entry.by_type))
        except ValidationError as exc:
            for message in exc.messages:
                errors.append(ValidationError(message, code="case_types", params={"worker_pk": entry.worker_pk}))
    if errors:
        raise ValidationError(errors)
    return [
        _save_caseload(worker=in_post[e.worker_pk], actor=actor, date=date, cases=e.cases, by_type=e.by_type)
        for e in entries
    ]


# ---------------------------------------------------------------------------
# Absences and establishment
# ---------------------------------------------------------------------------
@transaction.atomic
def absence_create(
    *,
    worker: Worker,
    actor: User | None,
    start_date: dt.date,
    end_date: dt.date,
    type: str,  # noqa: A002 (the model's field name)
    working_days_lost: Decimal,
) -> Absence:
    """Record a period of absence and the working days it lost."""
    if end_date < start_date:
        raise ValidationError({"end_date": ABSENCE_END_BEFORE_START})
    if working_days_lost < 0:
        raise ValidationError({"working_days_lost": ABSENCE_DAYS_NEGATIVE})
    if Absence.objects.filter(worker=worker, start_date=start_date).exists():
        raise ValidationError({"start_date": ABSENCE_EXISTS})
    absence = Absence(
        worker=worker, start_date=start_date, end_date=end_date, type=type, working_days_lost=working_days_lost
    )
    _stamp(absence, actor, created=True)
    absence.full_clean()
    absence.save()
    return absence


@transaction.atomic
def establishment_set(
    *, team: Team, actor: User | None, effective_from: dt.date, establishment_fte: Decimal
) -> Establishment:
    """Set a team's funded social worker FTE from a date (replacing a record from the same date)."""
    record = Establishment.objects.filter(team=team, effective_from=effective_from).first()
    created = record is None
    if record is None:
        record = Establishment(team=team, effective_from=effective_from)
    record.establishment_fte = establishment_fte
    _stamp(record, actor, created=created)
    record.full_clean()
    record.save()
    return record
