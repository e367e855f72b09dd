"""The checks of staff files: each row, then across rows (keys, SWE numbers, team names, overlaps) and against
the stored workers and assignments."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any, NamedTuple

from workforce.codes import Contract, Role
from workforce.imports import schemas
from workforce.imports.parsing import (
    ABSENT,
    CONTRACT_LOOKUP,
    ETHNICITY_LOOKUP,
    GENDER_LOOKUP,
    INVALID,
    LEAVER_DESTINATION_LOOKUP,
    LEAVING_REASON_LOOKUP,
    MAX_CACHE,
    ROLE_LOOKUP,
    START_ORIGIN_LOOKUP,
    YES_NO_LOOKUP,
    age_on,
    is_email,
)
from workforce.imports.reading import Cell
from workforce.imports.validation.base import (
    FTE_PLACES,
    NAME_MAX,
    OLDEST_AGE,
    PAIRWISE_LIMIT,
    QUERY_CHUNK,
    SWE_PATTERN,
    TEAM_CODE_MAX,
    TEAM_NAME_MAX,
    WORKER_ID_MAX,
    YOUNGEST_AGE,
    Checker,
    _is_date,
    _valid,
)
from workforce.imports.validation.messages import (
    COVERS_VACANCY_INVALID,
    COVERS_VACANCY_PERMANENT,
    DETAILS_DIFFER,
    EMAIL_INVALID,
    END_BEFORE_START,
    END_FAR_IN_FUTURE,
    ETHNICITY_BLANK,
    FTE_NOT_A_NUMBER,
    FTE_OUT_OF_RANGE,
    OVERLAP_IN_FILE,
    OVERLAP_STORED,
    REASON_MISSING,
    REASON_WITHOUT_END,
    STAFF_KEY_TWICE,
    START_IN_FUTURE,
    SWE_INVALID,
    SWE_MISSING,
    SWE_TAKEN,
    SWE_TWICE,
    TEAM_NAME_DIFFERS,
    TEAM_TWO_NAMES,
    TOO_OLD,
    TOO_YOUNG,
    VALUE_MISSING,
)
from workforce.models import Assignment, Team, Worker
from workforce.rules import periods_overlap


class StaffRow(NamedTuple):
    row: int
    worker_id: Any
    first_name: Any
    last_name: Any
    email: Any
    swe_registration: Any
    team_key: Any  # the team code in capitals: team codes match whatever their case
    team_code: Any
    team_name: Any
    role: Any
    contract: Any
    fte: Any
    start_date: Any
    end_date: Any
    leaving_reason: Any
    date_of_birth: Any
    gender: Any
    ethnicity: Any
    start_origin: Any
    leaver_destination: Any
    covers_vacancy: Any


# The worker's own details, as (row field, Worker field); blank values clear, absent columns keep.
WORKER_DETAIL_FIELDS = (
    ("first_name", "first_name"),
    ("last_name", "last_name"),
    ("email", "email"),
    ("swe_registration", "swe_registration"),
    ("date_of_birth", "date_of_birth"),
    ("gender", "gender"),
    ("ethnicity", "ethnicity"),
    ("start_origin", "start_origin"),
    ("leaver_destination", "leaver_destination"),
)


class StoredWorker(NamedTuple):
    pk: int
    worker_id: str
    first_name: str
    last_name: str
    email: str
    swe_registration: str
    date_of_birth: dt.date | None
    gender: str
    ethnicity: str
    start_origin: str
    leaver_destination: str
    user_id: int | None


class StoredAssignment(NamedTuple):
    pk: int
    worker_pk: int
    team_id: int
    role: str
    contract: str
    fte: Decimal
    start_date: dt.date
    end_date: dt.date | None
    leaving_reason: str
    covers_vacancy: bool | None


# The columns of StoredAssignment, in its order (worker_pk is the assignment's worker_id column).
STORED_ASSIGNMENT_FIELDS = (
    "pk",
    "worker_id",
    "team_id",
    "role",
    "contract",
    "fte",
    "start_date",
    "end_date",
    "leaving_reason",
    "covers_vacancy",
)
STORED_CHUNK = 5000  # rows fetched at a time when reading stored records
PERMANENT, OTHER_ROLE = Contract.PERMANENT.value, Role.OTHER.value  # plain strings: compared on every row


class StaffChecker(Checker):
    kind = schemas.STAFF

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._ftes: dict[Any, Decimal] = {}

    def read_row(self, number: int, cells: tuple[Cell, ...]) -> StaffRow:  # noqa: C901, PLR0912, PLR0915
        report = self.report
        shared = self.values.shared
        text, code, date = self._text_value, self._code_value, self._date_value
        (
            worker_id,
            first_name,
            last_name,
            email,
            swe,
            team_code,
            team_name,
            role,
            contract,
            fte,
            start,
            end,
            reason,
            born,
            gender,
            ethnicity,
            origin,
            destination,
            covers,
        ) = self.in_schema_order(cells)
        # Each cell is checked in the order of the columns, so that a row's problems are listed in that order.
        worker_id = text(number, worker_id, "worker_id", WORKER_ID_MAX, True)
        first_name = text(number, first_name, "first_name", NAME_MAX, True)
        last_name = text(number, last_name, "last_name", NAME_MAX, True)
        email = text(number, email, "email", 254, False)
        if _valid(email):
            if is_email(email):
                email = email.lower()
            else:
                report.error(EMAIL_INVALID, row=number, column="email", value=email)
                email = INVALID
        swe = text(number, swe, "swe_registration", 100, False)
        if swe is INVALID:
            pass
        elif _valid(swe):
            swe = swe.upper()
            if not SWE_PATTERN.match(swe):
                report.error(SWE_INVALID, row=number, column="swe_registration", value=swe)
                swe = INVALID
        team_code = text(number, team_code, "team_code", TEAM_CODE_MAX, True)
        if _valid(team_code):
            team_key = shared(team_code.upper())
            team_code = shared(team_code)
        else:
            team_key = team_code = INVALID
        team_name = text(number, team_name, "team_name", TEAM_NAME_MAX, True)
        team_name = shared(team_name) if _valid(team_name) else INVALID
        role = code(number, role, "role", ROLE_LOOKUP, schemas.ROLE_CODES_TEXT, True)
        contract = code(number, contract, "contract", CONTRACT_LOOKUP, schemas.CONTRACT_CODES_TEXT, True)
        fte = self._fte_value(number, fte)
        start = date(number, start, "start_date", True)
        end = date(number, end, "end_date", False)
        reason = code(number, reason, "leaving_reason", LEAVING_REASON_LOOKUP, schemas.LEAVING_REASON_CODES_TEXT, False)
        born = date(number, born, "date_of_birth", False)
        gender = code(number, gender, "gender", GENDER_LOOKUP, schemas.GENDER_CODES_TEXT, False)
        ethnicity = code(number, ethnicity, "ethnicity", ETHNICITY_LOOKUP, schemas.ETHNICITY_CODES_TEXT, False)
        origin = code(number, origin, "start_origin", START_ORIGIN_LOOKUP, schemas.START_ORIGIN_CODES_TEXT, False)
        destination = code(
            number,
            destination,
            "leaver_destination",
            LEAVER_DESTINATION_LOOKUP,
            schemas.LEAVER_DESTINATION_CODES_TEXT,
            False,
        )
        if covers is not ABSENT:
            if not covers:
                covers = None
            else:
                parsed = None if _is_date(covers) else YES_NO_LOOKUP.get(covers.lower())
                if parsed is None:
                    report.error(COVERS_VACANCY_INVALID, row=number, column="covers_vacancy", value=covers)
                    covers = INVALID
                else:
                    covers = parsed

        # Checks between the values of the row.
        has_start, has_end = isinstance(start, dt.date), isinstance(end, dt.date)
        if has_start and has_end and end < start:
            report.error(END_BEFORE_START, row=number, column="end_date", value=end)
        if has_start and start > self.today:
            report.warning(START_IN_FUTURE, row=number, column="start_date", value=start)
        if has_end and end > self.today + dt.timedelta(days=366):
            report.warning(END_FAR_IN_FUTURE, row=number, column="end_date", value=end)
        if has_end or end is INVALID:
            if reason is ABSENT or reason == "":
                report.error(REASON_MISSING, row=number, column="leaving_reason")
                reason = INVALID
        elif end is ABSENT:
            if reason:
                report.warning(REASON_WITHOUT_END, row=number, column="leaving_reason", value=reason)
            reason = ABSENT
        else:  # end_date blank: in post, so no reason (the database allows none without an end date)
            if reason:
                report.warning(REASON_WITHOUT_END, row=number, column="leaving_reason", value=reason)
            reason = ""
        if contract == PERMANENT:
            if covers not in (ABSENT, None, INVALID):
                report.warning(
                    COVERS_VACANCY_PERMANENT, row=number, column="covers_vacancy", value="yes" if covers else "no"
                )
            covers = None
        if role not in (INVALID, OTHER_ROLE) and (swe is ABSENT or swe == ""):
            report.warning(SWE_MISSING, row=number, column="swe_registration")
        if has_start and isinstance(born, dt.date):
            age = age_on(born, start)
            if age < YOUNGEST_AGE:
                report.warning(TOO_YOUNG, row=number, column="date_of_birth", value=born)
            elif age > OLDEST_AGE:
                report.warning(TOO_OLD, row=number, column="date_of_birth", value=born)
        if ethnicity == "":
            report.warning(ETHNICITY_BLANK, row=number, column="ethnicity")
        return StaffRow(
            number,
            worker_id,
            first_name,
            last_name,
            email,
            swe,
            team_key,
            team_code,
            team_name,
            role,
            contract,
            fte,
            start,
            end,
            reason,
            born,
            gender,
            ethnicity,
            origin,
            destination,
            covers,
        )

    def _fte_value(self, number: int, raw: Any) -> Any:
        """The FTE of a row: a decimal more than 0 and at most 1. Accepted texts are remembered (files repeat them)."""
        value = self._ftes.get(raw)
        if value is not None:
            return value
        value = self._checked_fte(number, raw)
        if value is not INVALID and len(self._ftes) < MAX_CACHE:
            self._ftes[raw] = value
        return value

    def _checked_fte(self, number: int, raw: Any) -> Any:
        if raw is ABSENT:
            return INVALID
        value = self.values.decimal(raw, FTE_PLACES)
        if value is None:
            self.report.error(VALUE_MISSING.format(column="fte"), row=number, column="fte")
            return INVALID
        if value is INVALID:
            self.report.error(FTE_NOT_A_NUMBER, row=number, column="fte", value=raw)
            return INVALID
        if not (0 < value <= 1):
            self.report.error(FTE_OUT_OF_RANGE, row=number, column="fte", value=raw)
            return INVALID
        return value

    # -- across rows and against stored records ---------------------------------------------------------------
    def finish(self) -> None:
        rows: list[StaffRow] = self.rows
        self._report_duplicates(
            (
                (row.worker_id, row.start_date, row.row)
                for row in rows
                if _valid(row.worker_id) and _is_date(row.start_date)
            ),
            STAFF_KEY_TWICE,
            "start_date",
        )
        self._check_team_names(rows)
        file_worker_ids = {row.worker_id for row in rows if _valid(row.worker_id)}
        self._load_stored(file_worker_ids)
        self._check_swe(rows, file_worker_ids)
        self._check_details(rows)
        self._check_overlaps(rows)

    def _check_team_names(self, rows: list[StaffRow]) -> None:
        names: dict[str, set[str]] = defaultdict(set)
        for row in rows:
            if _valid(row.team_key) and _valid(row.team_name):
                names[row.team_key].add(row.team_name)
        clashing = {key for key, found in names.items() if len(found) > 1}
        for row in rows:
            if row.team_key in clashing and _valid(row.team_name):
                self.report.error(TEAM_TWO_NAMES, row=row.row, column="team_name", value=row.team_name)
        self.stored_teams = {
            code.upper(): (pk, code, name)
            for pk, code, name in Team.objects.filter(authority=self.authority).values_list("pk", "code", "name")
        }
        warned = set()
        for row in rows:
            stored = self.stored_teams.get(row.team_key) if _valid(row.team_key) else None
            if (
                stored
                and _valid(row.team_name)
                and row.team_name != stored[2]
                and row.team_key not in clashing
                and row.team_key not in warned
            ):
                warned.add(row.team_key)
                self.report.warning(TEAM_NAME_DIFFERS, row=row.row, column="team_name", value=row.team_name)

    def _load_stored(self, worker_ids: set[str]) -> None:
        """The stored workers of the file, their assignments, and every SWE number of the authority.

        One query per table. A file of up to QUERY_CHUNK workers names them in the query; a larger one reads the
        authority's workers (and their assignments) and keeps the file's: a statement listing 100,000 staff
        references, or 50 statements of 2,000, costs several times more to send and to plan than that one read.
        """
        self.stored_workers: dict[str, StoredWorker] = {}
        base = Worker.objects.filter(authority=self.authority)
        workers = base.order_by().values_list(*StoredWorker._fields[:-1], "user_id")
        if len(worker_ids) <= QUERY_CHUNK:
            workers = workers.filter(worker_id__in=worker_ids)
        make_worker = StoredWorker._make
        for values in workers.iterator(chunk_size=STORED_CHUNK):
            if values[1] in worker_ids:
                self.stored_workers[values[1]] = make_worker(values)
        by_pk = {worker.pk: worker.worker_id for worker in self.stored_workers.values()}
        self.stored_assignments: dict[tuple[str, dt.date], StoredAssignment] = {}
        assignments = Assignment.objects.order_by().values_list(*STORED_ASSIGNMENT_FIELDS)
        if len(by_pk) <= QUERY_CHUNK:
            assignments = assignments.filter(worker_id__in=by_pk)
        else:
            assignments = assignments.filter(worker__authority=self.authority)
        make_assignment = StoredAssignment._make
        for values in assignments.iterator(chunk_size=STORED_CHUNK):
            worker_id = by_pk.get(values[1])
            if worker_id is not None:
                self.stored_assignments[(worker_id, values[6])] = make_assignment(values)
        self.stored_swe = dict(
            base.exclude(swe_registration="").values_list("swe_registration", "worker_id").iterator(chunk_size=5000)
        )

    def _check_swe(self, rows: list[StaffRow], file_worker_ids: set[str]) -> None:
        owner: dict[str, str] = {}
        shared: set[str] = set()
        for row in rows:
            if _valid(row.swe_registration) and _valid(row.worker_id):
                first = owner.setdefault(row.swe_registration, row.worker_id)
                if first != row.worker_id:
                    shared.add(row.swe_registration)
        for row in rows:
            swe = row.swe_registration
            if not (_valid(swe) and _valid(row.worker_id)):
                continue
            if swe in shared:
                self.report.error(SWE_TWICE, row=row.row, column="swe_registration", value=swe)
                continue
            stored_owner = self.stored_swe.get(swe)
            # Another stored worker keeps this number unless this file gives that worker a number of its own.
            if stored_owner is not None and stored_owner != row.worker_id and stored_owner not in file_worker_ids:
                self.report.error(SWE_TAKEN, row=row.row, column="swe_registration", value=swe)

    def _check_details(self, rows: list[StaffRow]) -> None:
        """Rows of one worker should give the same personal details; the row starting latest wins."""
        latest: dict[str, StaffRow] = {}
        several: set[str] = set()
        for row in rows:
            if not (_valid(row.worker_id) and _is_date(row.start_date)):
                continue
            current = latest.get(row.worker_id)
            if current is None:
                latest[row.worker_id] = row
                continue
            several.add(row.worker_id)
            if row.start_date > current.start_date:
                latest[row.worker_id] = row
        self.details_rows = latest
        self.several_rows = several
        if not several:
            return
        for row in rows:
            if row.worker_id not in several or not _is_date(row.start_date):
                continue
            winner = latest[row.worker_id]
            if winner is row:
                continue
            for field, _ in WORKER_DETAIL_FIELDS:
                mine, theirs = getattr(row, field), getattr(winner, field)
                if _valid(mine) and _valid(theirs) and mine != theirs:
                    self.report.warning(DETAILS_DIFFER, row=row.row, column=field, value=mine)
                    break

    def end_after_import(self, row: StaffRow) -> dt.date | None:
        """The end date the row's assignment will have: a left-out end_date column keeps the stored one."""
        if row.end_date is ABSENT:
            kept = self.stored_assignments.get((row.worker_id, row.start_date))
            return kept.end_date if kept else None
        return row.end_date if _is_date(row.end_date) else None

    def _check_overlaps(self, rows: list[StaffRow]) -> None:
        stored_by_worker: dict[str, list[StoredAssignment]] = defaultdict(list)
        for (worker_id, _), assignment in self.stored_assignments.items():
            stored_by_worker[worker_id].append(assignment)
        # Only workers with several rows, or with stored assignments, can overlap anything.
        periods: dict[str, list[StaffRow]] = defaultdict(list)
        for row in rows:
            if row.worker_id not in self.several_rows:
                stored = stored_by_worker.get(row.worker_id)
                if stored is None:
                    continue
                if len(stored) == 1 and stored[0].start_date == row.start_date:
                    continue  # the row updates the worker's one stored assignment: there is nothing to overlap
            if _valid(row.worker_id) and _is_date(row.start_date) and row.end_date is not INVALID:
                if _is_date(row.end_date) and row.end_date < row.start_date:
                    continue
                periods[row.worker_id].append(row)
        for worker_id, own in periods.items():
            if len(own) > 1:
                self._overlaps_in_file(own)
            stored = stored_by_worker.get(worker_id)
            if not stored:
                continue
            # A row with a stored assignment's start date updates that assignment: it does not overlap it.
            starts = {row.start_date for row in own}
            others = [a for a in stored if a.start_date not in starts]
            if not others:  # the usual re-import: every stored assignment is updated by a row
                continue
            for row in own:
                end = self.end_after_import(row)
                if any(periods_overlap(row.start_date, end, a.start_date, a.end_date) for a in others):
                    self.report.error(OVERLAP_STORED, row=row.row, column="start_date", value=row.start_date)

    def _overlaps_in_file(self, own: list[StaffRow]) -> None:
        end_of = self.end_after_import
        flagged: set[int] = set()
        own = sorted(own, key=lambda r: r.start_date)
        if len(own) <= PAIRWISE_LIMIT:
            for i, first in enumerate(own):
                for second in own[i + 1 :]:
                    if first.start_date == second.start_date:
                        continue  # the same key twice: reported as such
                    if periods_overlap(first.start_date, end_of(first), second.start_date, end_of(second)):
                        flagged.update((first.row, second.row))
        else:
            reaching: StaffRow | None = None  # the earlier row that ends last
            for row in own:
                if (
                    reaching is not None
                    and reaching.start_date != row.start_date
                    and periods_overlap(reaching.start_date, end_of(reaching), row.start_date, end_of(row))
                ):
                    flagged.update((reaching.row, row.row))
                if (
                    reaching is None
                    or end_of(reaching) is not None
                    and (end_of(row) is None or end_of(row) > end_of(reaching))
                ):
                    reaching = row
        for row in own:
            if row.row in flagged:
                self.report.error(OVERLAP_IN_FILE, row=row.row, column="start_date", value=row.start_date)
