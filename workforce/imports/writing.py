"""What a checked file would change (the plan, shown as the preview), and writing it.

Each row is matched to a stored record by its natural key (assignment: worker_id and start_date; establishment:
team_code and effective_from; caseload: worker_id and date; absence: worker_id and start_date) and is counted as
created, updated or unchanged. Writing creates and updates in batches with django-simple-history rows, the
audit fields set and the importing user recorded; rows that change nothing are not written, so importing the
same file twice leaves the same data and the same history as importing it once.

The caller holds the transaction: workforce.imports.runs writes the whole plan in one.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from workforce.imports import schemas
from workforce.imports.bulk import Audit, insert_with_history, update_with_history
from workforce.imports.parsing import ABSENT, long_date
from workforce.imports.validation import (
    WORKER_DETAIL_FIELDS,
    AbsenceChecker,
    CaseloadChecker,
    Checker,
    EstablishmentChecker,
    StaffChecker,
    StaffRow,
    one_of,
)
from workforce.models import CASE_TYPE_FIELDS, Absence, Assignment, CaseloadRecord, Establishment, Team, Worker

if TYPE_CHECKING:
    from core.models import User

SAMPLE_ROWS = 10
Text = str | Callable[[], str]
CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
LOGIN_TAKEN = (
    "A login with this e-mail address is already linked to another worker, so this worker is not linked to it. "
    "Check the e-mail addresses."
)
HISTORY_REASON = "Imported from a {kind} file"

ASSIGNMENT_FIELDS = ("team", "role", "contract", "fte", "end_date", "leaving_reason", "covers_vacancy")


@dataclass
class Plan:
    """What the file would do. Counts are per row; ``samples`` holds the first rows of each outcome."""

    kind: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)
    samples: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {CREATED: [], UPDATED: [], UNCHANGED: []})
    # What to write: rows to create, and (pk, row) pairs to update; kind-specific extras below.
    creates: list[Any] = field(default_factory=list)
    updates: list[tuple[int, Any]] = field(default_factory=list)
    new_teams: dict[str, tuple[str, str]] = field(default_factory=dict)
    worker_creates: list[tuple[StaffRow, int | None]] = field(default_factory=list)
    worker_updates: list[tuple[int, StaffRow, int | None]] = field(default_factory=list)

    def count(self, outcome: str, record: Text, changes: Text = "", *, row: int) -> None:
        """Count a row. ``record`` and ``changes`` may be functions that make the text: only the sampled rows
        need it, and a plan of 100,000 rows would otherwise format 100,000 lines to show ten."""
        setattr(self, outcome, getattr(self, outcome) + 1)
        samples = self.samples[outcome]
        if len(samples) < SAMPLE_ROWS:
            samples.append(
                {
                    "row": row,
                    "record": record() if callable(record) else record,
                    "changes": changes() if callable(changes) else changes,
                }
            )

    def summary(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "notes": self.notes,
            "samples": self.samples,
        }


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


CODES_SHOWN = 10


def _codes(new_teams: dict[str, tuple[str, str]]) -> str:
    """The new teams' codes, the first ten only, so that the summary stays one readable line."""
    codes = sorted(code for code, _ in new_teams.values())
    shown = ", ".join(codes[:CODES_SHOWN])
    return shown if len(codes) <= CODES_SHOWN else f"{shown} and {len(codes) - CODES_SHOWN} more"


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "blank"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return long_date(value)
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value)


def _changes_text(changes: Iterable[tuple[str, Any, Any]]) -> str:
    return "; ".join(f"{name}: {_shown(old)} → {_shown(new)}" for name, old, new in changes)


def _differs(old: Any, new: Any) -> bool:
    if new is ABSENT:
        return False
    if isinstance(old, Decimal) and isinstance(new, Decimal):
        return old != new
    return (old if old is not None else "") != (new if new is not None else "")


def _audit(kind: str, user: User | None) -> Audit:
    return Audit(user_id=getattr(user, "pk", None), now=timezone.now(), reason=HISTORY_REASON.format(kind=kind))


def _kept(value: Any, stored: Any, blank: Any = "") -> Any:
    """The value to write: a left-out column keeps the stored value; a blank cell stores ``blank``."""
    if value is ABSENT:
        return stored
    if value is None or value == "":
        return blank
    return value


# ---------------------------------------------------------------------------
# Staff
# ---------------------------------------------------------------------------
_ROW_DETAILS = operator.attrgetter(*(field_name for field_name, _ in WORKER_DETAIL_FIELDS))
_STORED_DETAILS = operator.attrgetter(*(name for _, name in WORKER_DETAIL_FIELDS))
_ASSIGNMENT_VALUES = operator.attrgetter("role", "contract", "fte", "end_date", "leaving_reason", "covers_vacancy")


def _worker_changes(stored: Any, row: StaffRow) -> list[tuple[str, Any, Any]]:
    return [
        (name, getattr(stored, name), getattr(row, field_name))
        for field_name, name in WORKER_DETAIL_FIELDS
        if _differs(getattr(stored, name), getattr(row, field_name))
    ]


def _staff_logins(checker: StaffChecker) -> dict[str, int]:
    """worker_id -> the pk of the login to link: a user with the worker's e-mail, not linked to anyone else."""
    wanted = {
        worker_id: row.email
        for worker_id, row in checker.details_rows.items()
        if isinstance(row.email, str)
        and row.email
        and (worker_id not in checker.stored_workers or checker.stored_workers[worker_id].user_id is None)
    }
    if not wanted:
        return {}
    user_model = get_user_model()
    users: dict[str, int] = dict(
        user_model.objects.filter(one_of("email", set(wanted.values()), db_type="text")).values_list("email", "pk")
    )
    linked = (
        dict(
            Worker.objects.filter(one_of("user_id", users.values(), db_type="bigint")).values_list(
                "user_id", "worker_id"
            )
        )
        if users
        else {}
    )
    links: dict[str, int] = {}
    for worker_id, email in sorted(wanted.items()):
        user_pk = users.get(email)
        if user_pk is None:
            continue
        holder = linked.get(user_pk)
        if holder is not None and holder != worker_id:
            row = checker.details_rows[worker_id]
            checker.report.warning(LOGIN_TAKEN, row=row.row, column="email", value=email)
            continue
        linked[user_pk] = worker_id
        links[worker_id] = user_pk
    return links


def plan_staff(checker: StaffChecker) -> Plan:
    plan = Plan(kind=schemas.STAFF)
    stored_teams = checker.stored_teams
    for row in checker.rows:
        if row.team_key not in stored_teams and row.team_key not in plan.new_teams:
            plan.new_teams[row.team_key] = (row.team_code, row.team_name)

    links = _staff_logins(checker)
    updated_worker_rows: dict[int, list[tuple[str, Any, Any]]] = {}
    # A column left out of the file changes nothing; where the others hold the stored values, nothing changes:
    # one comparison of two tuples decides the usual case before the field-by-field comparison.
    given = [(field_name, name) for field_name, name in WORKER_DETAIL_FIELDS if field_name in checker.present]
    row_values = _values_of([field_name for field_name, _ in given])
    stored_values = _values_of([name for _, name in given])
    for worker_id, row in checker.details_rows.items():
        stored = checker.stored_workers.get(worker_id)
        link = links.get(worker_id)
        if stored is None:
            plan.worker_creates.append((row, link))
            continue
        changes = [] if row_values(row) == stored_values(stored) else _worker_changes(stored, row)
        if link is not None:
            changes.append(("login", "not linked", "linked"))
        if changes:
            plan.worker_updates.append((stored.pk, row, link))
            updated_worker_rows[row.row] = changes

    codes_by_pk = {pk: code for pk, code, _ in stored_teams.values()}
    stored_assignments = checker.stored_assignments
    for row in checker.rows:
        record = partial(_staff_record, row)
        stored = stored_assignments.get((row.worker_id, row.start_date))
        if stored is None:
            plan.creates.append(row)
            plan.count(CREATED, record, row=row.row)
            continue
        changes = _assignment_changes(stored, row, stored_teams, codes_by_pk)
        if changes:
            plan.updates.append((stored.pk, row))
        changes += updated_worker_rows.get(row.row, [])
        if changes:
            plan.count(UPDATED, record, partial(_changes_text, changes), row=row.row)
        else:
            plan.count(UNCHANGED, record, row=row.row)

    plan.notes = [
        note
        for count, note in (
            (len(plan.worker_creates), _plural(len(plan.worker_creates), "new worker")),
            (len(plan.worker_updates), _plural(len(plan.worker_updates), "worker") + " with changed details"),
            (len(plan.new_teams), _plural(len(plan.new_teams), "new team") + ": " + _codes(plan.new_teams)),
            (len(links), _plural(len(links), "worker") + " linked to their login"),
        )
        if count
    ]
    return plan


def _values_of(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """A function giving an object's attributes ``names`` as a tuple."""
    if len(names) > 1:
        return operator.attrgetter(*names)
    return lambda item: tuple(getattr(item, name) for name in names)


def _staff_record(row: StaffRow) -> str:
    return f"{row.worker_id} {row.first_name} {row.last_name}, {row.team_code}, from {long_date(row.start_date)}"


def _assignment_changes(
    stored: Any, row: StaffRow, stored_teams: dict[str, tuple[int, str, str]], codes_by_pk: dict[int, str]
) -> list[tuple[str, Any, Any]]:
    team = stored_teams.get(row.team_key)
    if team is not None and team[0] == stored.team_id and _ASSIGNMENT_VALUES(row) == _ASSIGNMENT_VALUES(stored):
        return []  # equal values never differ: the usual case, decided at once
    changes = []
    if team is None or team[0] != stored.team_id:
        changes.append(("team_code", codes_by_pk.get(stored.team_id, ""), row.team_code))
    for name in ASSIGNMENT_FIELDS[1:]:
        old, new = getattr(stored, name), getattr(row, name)
        if _differs(old, new):
            changes.append((name, old, new))
    return changes


WORKER_FIELDS = [name for _, name in WORKER_DETAIL_FIELDS]
BLANK_DETAILS = {name: (None if name == "date_of_birth" else "") for name in WORKER_FIELDS}
ASSIGNMENT_UPDATE_FIELDS = ["team_id", "role", "contract", "fte", "end_date", "leaving_reason", "covers_vacancy"]


def write_staff(checker: StaffChecker, plan: Plan, user: User | None) -> None:
    audit = _audit(schemas.STAFF, user)
    authority = checker.authority.pk
    team_pks = {key: pk for key, (pk, _, _) in checker.stored_teams.items()}
    new_teams = [(authority, code, name) for code, name in plan.new_teams.values()]
    created_teams: dict[str, int] = {}
    insert_with_history(Team, ["authority_id", "code", "name"], new_teams, audit=audit, key="code", into=created_teams)
    team_pks.update((code.upper(), pk) for code, pk in created_teams.items())

    blanks = [BLANK_DETAILS[name] for name in WORKER_FIELDS]

    def details(row: StaffRow, stored: Any | None) -> list[Any]:
        kept = _STORED_DETAILS(stored) if stored is not None else blanks
        return list(map(_kept, _ROW_DETAILS(row), kept, blanks))

    worker_pks = {worker_id: stored.pk for worker_id, stored in checker.stored_workers.items()}
    insert_with_history(
        Worker,
        ["authority_id", "worker_id", *WORKER_FIELDS, "user_id"],
        ((authority, row.worker_id, *details(row, None), link) for row, link in plan.worker_creates),
        audit=audit,
        key="worker_id",
        into=worker_pks,
    )
    stored_workers = checker.stored_workers
    update_with_history(
        Worker,
        [*WORKER_FIELDS, "user_id"],
        (
            (pk, *details(row, stored_workers[row.worker_id]), link or stored_workers[row.worker_id].user_id)
            for pk, row, link in plan.worker_updates
        ),
        audit=audit,
    )

    def assignment(row: StaffRow, stored: Any | None) -> list[Any]:
        return [
            team_pks[row.team_key],
            row.role,
            row.contract,
            row.fte,
            _kept(row.end_date, getattr(stored, "end_date", None), None),
            _kept(row.leaving_reason, getattr(stored, "leaving_reason", "")),
            _kept(row.covers_vacancy, getattr(stored, "covers_vacancy", None), None),
        ]

    insert_with_history(
        Assignment,
        ["worker_id", "start_date", *ASSIGNMENT_UPDATE_FIELDS],
        ((worker_pks[row.worker_id], row.start_date, *assignment(row, None)) for row in plan.creates),
        audit=audit,
    )
    stored_assignments = checker.stored_assignments
    update_with_history(
        Assignment,
        ASSIGNMENT_UPDATE_FIELDS,
        ((pk, *assignment(row, stored_assignments[(row.worker_id, row.start_date)])) for pk, row in plan.updates),
        audit=audit,
    )


def _classify(
    plan: Plan, row: Any, record: str, stored: tuple[Any, ...] | None, fields: Sequence[str], *, offset: int
) -> None:
    """Count a row as created, updated (saying what changes) or unchanged against its stored version.

    ``stored`` is (pk, ...) with the stored values of ``fields`` from position ``offset``.
    """
    if stored is None:
        plan.creates.append(row)
        plan.count(CREATED, record, row=row.row)
        return
    old = stored[offset : offset + len(fields)]
    changes = [
        (name, before, getattr(row, name))
        for name, before in zip(fields, old, strict=True)
        if _differs(before, getattr(row, name))
    ]
    if changes:
        plan.updates.append((stored[0], row))
        plan.count(UPDATED, record, _changes_text(changes), row=row.row)
    else:
        plan.count(UNCHANGED, record, row=row.row)


# ---------------------------------------------------------------------------
# Establishment
# ---------------------------------------------------------------------------
def plan_establishment(checker: EstablishmentChecker) -> Plan:
    plan = Plan(kind=schemas.ESTABLISHMENT)
    for row in checker.rows:
        team = checker.stored_teams[row.team_key]
        record = f"{row.team_code} from {long_date(row.effective_from)}: {row.establishment_fte:.2f} FTE"
        stored = checker.stored_records.get((team, row.effective_from))
        _classify(plan, row, record, stored, ("establishment_fte",), offset=1)
    return plan


def write_establishment(checker: EstablishmentChecker, plan: Plan, user: User | None) -> None:
    audit = _audit(schemas.ESTABLISHMENT, user)
    insert_with_history(
        Establishment,
        ["team_id", "effective_from", "establishment_fte"],
        ((checker.stored_teams[row.team_key], row.effective_from, row.establishment_fte) for row in plan.creates),
        audit=audit,
    )
    update_with_history(
        Establishment,
        ["establishment_fte"],
        ((pk, row.establishment_fte) for pk, row in plan.updates),
        audit=audit,
    )


# ---------------------------------------------------------------------------
# Caseloads
# ---------------------------------------------------------------------------
CASELOAD_FIELDS = ("cases", *CASE_TYPE_FIELDS)


def plan_caseloads(checker: CaseloadChecker) -> Plan:
    plan = Plan(kind=schemas.CASELOADS)
    for row in checker.rows:
        pk = checker.worker_pks[row.worker_id]
        record = f"{row.worker_id} on {long_date(row.date)}: {row.cases} cases"
        _classify(plan, row, record, checker.stored_records.get((pk, row.date)), CASELOAD_FIELDS, offset=1)
    return plan


def write_caseloads(checker: CaseloadChecker, plan: Plan, user: User | None) -> None:
    audit = _audit(schemas.CASELOADS, user)

    def counts(row: Any, stored: tuple[Any, ...] | None) -> list[Any]:
        old = stored[1:] if stored else (None,) * len(CASELOAD_FIELDS)
        return [_kept(getattr(row, name), before, None) for name, before in zip(CASELOAD_FIELDS, old, strict=True)]

    insert_with_history(
        CaseloadRecord,
        ["worker_id", "date", *CASELOAD_FIELDS],
        ((checker.worker_pks[row.worker_id], row.date, *counts(row, None)) for row in plan.creates),
        audit=audit,
    )
    stored = checker.stored_records
    update_with_history(
        CaseloadRecord,
        list(CASELOAD_FIELDS),
        ((pk, *counts(row, stored[(checker.worker_pks[row.worker_id], row.date)])) for pk, row in plan.updates),
        audit=audit,
    )


# ---------------------------------------------------------------------------
# Absences
# ---------------------------------------------------------------------------
ABSENCE_FIELDS = ("end_date", "type", "working_days_lost")


def plan_absences(checker: AbsenceChecker) -> Plan:
    plan = Plan(kind=schemas.ABSENCES)
    for row in checker.rows:
        pk = checker.worker_pks[row.worker_id]
        record = (
            f"{row.worker_id} from {long_date(row.start_date)} to {long_date(row.end_date)}: {row.type}, "
            f"{row.working_days_lost:.2f} days"
        )
        _classify(plan, row, record, checker.stored_records.get((pk, row.start_date)), ABSENCE_FIELDS, offset=3)
    return plan


def write_absences(checker: AbsenceChecker, plan: Plan, user: User | None) -> None:
    audit = _audit(schemas.ABSENCES, user)
    insert_with_history(
        Absence,
        ["worker_id", "start_date", *ABSENCE_FIELDS],
        (
            (checker.worker_pks[row.worker_id], row.start_date, *(getattr(row, name) for name in ABSENCE_FIELDS))
            for row in plan.creates
        ),
        audit=audit,
    )
    update_with_history(
        Absence,
        list(ABSENCE_FIELDS),
        ((pk, *(getattr(row, name) for name in ABSENCE_FIELDS)) for pk, row in plan.updates),
        audit=audit,
    )


PLANNERS: dict[str, Callable[[Any], Plan]] = {
    schemas.STAFF: plan_staff,
    schemas.ESTABLISHMENT: plan_establishment,
    schemas.CASELOADS: plan_caseloads,
    schemas.ABSENCES: plan_absences,
}
WRITERS: dict[str, Callable[[Any, Plan, Any], None]] = {
    schemas.STAFF: write_staff,
    schemas.ESTABLISHMENT: write_establishment,
    schemas.CASELOADS: write_caseloads,
    schemas.ABSENCES: write_absences,
}


def plan_for(checker: Checker) -> Plan:
    return PLANNERS[checker.kind](checker)


def write(checker: Checker, plan: Plan, user: User | None) -> None:
    WRITERS[checker.kind](checker, plan, user)
