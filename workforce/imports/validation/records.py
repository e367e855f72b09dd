"""The checks of establishment, caseload and absence files."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from typing import Any, NamedTuple

from django.db.models import QuerySet

from workforce.codes import Role
from workforce.imports import schemas
from workforce.imports.parsing import ABSENCE_TYPE_LOOKUP, ABSENT, INVALID, working_days
from workforce.imports.reading import Cell
from workforce.imports.validation.base import (
    DAYS_MAX,
    ESTABLISHMENT_MAX,
    HIGH_CASELOAD,
    TEAM_CODE_MAX,
    WORKER_ID_MAX,
    Checker,
    _is_date,
    _valid,
    _within,
    chunked,
)
from workforce.imports.validation.messages import (
    ABSENCE_DAYS_ABOVE_WORKING_DAYS,
    ABSENCE_KEY_TWICE,
    ABSENCE_OUTSIDE_ASSIGNMENTS,
    ABSENCE_OVERLAP,
    CASE_HOLDER_NO_RECORD,
    CASE_TYPES_DO_NOT_ADD_UP,
    CASELOAD_HIGH,
    CASELOAD_KEY_TWICE,
    CASELOAD_NO_CASES_ROLE,
    CASELOAD_OUTSIDE_ASSIGNMENTS,
    END_BEFORE_START,
    ESTABLISHMENT_KEY_TWICE,
    TEAM_UNKNOWN,
)
from workforce.models import CASE_TYPE_FIELDS, Absence, Assignment, CaseloadRecord, Establishment, Team
from workforce.selectors import in_post_q


# ---------------------------------------------------------------------------
# Establishment
# ---------------------------------------------------------------------------
class EstablishmentRow(NamedTuple):
    row: int
    team_key: Any
    team_code: Any
    effective_from: Any
    establishment_fte: Any


class EstablishmentChecker(Checker):
    kind = schemas.ESTABLISHMENT

    def read_row(self, number: int, cells: tuple[Cell, ...]) -> EstablishmentRow:
        team_code = self._text(number, cells, "team_code", TEAM_CODE_MAX, required=True)
        return EstablishmentRow(
            number,
            self.values.shared(team_code.upper()) if _valid(team_code) else INVALID,
            team_code,
            self._date(number, cells, "effective_from", required=True),
            self._amount(number, cells, "establishment_fte", 2, ESTABLISHMENT_MAX),
        )

    def finish(self) -> None:
        rows: list[EstablishmentRow] = self.rows
        self._report_duplicates(
            (
                (row.team_key, row.effective_from, row.row)
                for row in rows
                if _valid(row.team_key) and _is_date(row.effective_from)
            ),
            ESTABLISHMENT_KEY_TWICE,
            "effective_from",
        )
        self.stored_teams = {
            code.upper(): pk for pk, code in Team.objects.filter(authority=self.authority).values_list("pk", "code")
        }
        for row in rows:
            if _valid(row.team_key) and row.team_key not in self.stored_teams:
                self.report.error(TEAM_UNKNOWN, row=row.row, column="team_code", value=row.team_code)
        team_pks = {self.stored_teams[row.team_key] for row in rows if row.team_key in self.stored_teams}
        self.stored_records = {
            (team, day): (pk, fte)
            for pk, team, day, fte in Establishment.objects.filter(team_id__in=team_pks).values_list(
                "pk", "team_id", "effective_from", "establishment_fte"
            )
        }


# ---------------------------------------------------------------------------
# Caseloads
# ---------------------------------------------------------------------------
class CaseloadRow(NamedTuple):
    row: int
    worker_id: Any
    date: Any
    cases: Any
    child_in_need: Any
    child_protection: Any
    child_in_care: Any
    care_leaver: Any
    other_cases: Any


class CaseloadChecker(Checker):
    kind = schemas.CASELOADS

    def read_row(self, number: int, cells: tuple[Cell, ...]) -> CaseloadRow:
        worker_id = self._text(number, cells, "worker_id", WORKER_ID_MAX, required=True)
        day = self._date(number, cells, "date", required=True)
        cases = self._whole(number, cells, "cases", required=True)
        by_type = [self._whole(number, cells, name, required=False) for name in CASE_TYPE_FIELDS]
        given = [value for value in by_type if value not in (ABSENT, None)]
        if given and INVALID not in given and cases is not INVALID and sum(given) != cases:
            self.report.error(CASE_TYPES_DO_NOT_ADD_UP, row=number, column="cases", value=cases)
        if cases is not INVALID and cases > HIGH_CASELOAD:
            self.report.warning(CASELOAD_HIGH, row=number, column="cases", value=cases)
        return CaseloadRow(number, worker_id, day, cases, *by_type)

    def finish(self) -> None:
        rows: list[CaseloadRow] = self.rows
        self._report_duplicates(
            ((row.worker_id, row.date, row.row) for row in rows if _valid(row.worker_id) and _is_date(row.date)),
            CASELOAD_KEY_TWICE,
            "date",
        )
        self.worker_pks = self._check_workers_known(rows)
        periods = self._assignments_of(self.worker_pks.values())
        for row in rows:
            pk = self.worker_pks.get(row.worker_id) if _valid(row.worker_id) else None
            if pk is None or not _is_date(row.date):
                continue
            period = _within(row.date, periods.get(pk, []))
            if period is None:
                self.report.warning(CASELOAD_OUTSIDE_ASSIGNMENTS, row=row.row, column="date", value=row.date)
            elif period[2] == Role.QUALIFIED_NO_CASES and row.cases not in (INVALID, None) and row.cases > 0:
                self.report.warning(CASELOAD_NO_CASES_ROLE, row=row.row, column="cases", value=row.cases)
        days = [row.date for row in rows if _is_date(row.date)]
        self.stored_records: dict[tuple[int, dt.date], tuple[Any, ...]] = {}
        if not days:
            return
        first, last = min(days), max(days)
        for chunk in chunked(set(self.worker_pks.values())):
            for pk, worker, day, *counts in CaseloadRecord.objects.filter(
                worker_id__in=chunk, date__gte=first, date__lte=last
            ).values_list("pk", "worker_id", "date", "cases", *CASE_TYPE_FIELDS):
                self.stored_records[(worker, day)] = (pk, *counts)
        self._check_case_holders_recorded(rows, last, periods)

    def _check_case_holders_recorded(
        self, rows: list[CaseloadRow], last: dt.date, periods: dict[int, list[tuple[Any, ...]]]
    ) -> None:
        """Case holders in post on the file's latest date, in the teams the file covers, need a record that month."""
        month_start = last.replace(day=1)
        month_end = last.replace(day=calendar.monthrange(last.year, last.month)[1])
        teams = set()
        for pk in set(self.worker_pks.values()):
            period = _within(last, periods.get(pk, []))
            if period is not None:
                teams.add(period[3])
        if self.restriction is not None:
            teams &= self.restriction.team_ids
        if not teams:
            return
        holders: QuerySet = (
            Assignment.objects.filter(
                in_post_q(last), role=Role.CASE_HOLDER, team_id__in=teams, worker__archived_at__isnull=True
            )
            .values_list("worker_id", "worker__worker_id")
            .distinct()
        )
        holders_by_pk = dict(holders)
        recorded = {
            self.worker_pks[row.worker_id]
            for row in rows
            if _is_date(row.date) and month_start <= row.date <= month_end and row.worker_id in self.worker_pks
        }
        recorded |= set(
            CaseloadRecord.objects.filter(
                worker_id__in=list(holders_by_pk), date__gte=month_start, date__lte=month_end
            ).values_list("worker_id", flat=True)
        )
        for pk, worker_id in sorted(holders_by_pk.items(), key=lambda item: item[1]):
            if pk not in recorded:
                self.report.warning(CASE_HOLDER_NO_RECORD, column="worker_id", value=worker_id)


# ---------------------------------------------------------------------------
# Absences
# ---------------------------------------------------------------------------
class AbsenceRow(NamedTuple):
    row: int
    worker_id: Any
    start_date: Any
    end_date: Any
    type: Any
    working_days_lost: Any


class AbsenceChecker(Checker):
    kind = schemas.ABSENCES

    def read_row(self, number: int, cells: tuple[Cell, ...]) -> AbsenceRow:
        worker_id = self._text(number, cells, "worker_id", WORKER_ID_MAX, required=True)
        start = self._date(number, cells, "start_date", required=True)
        end = self._date(number, cells, "end_date", required=True)
        kind = self._code(number, cells, "type", ABSENCE_TYPE_LOOKUP, schemas.ABSENCE_TYPE_CODES_TEXT, required=True)
        days = self._amount(number, cells, "working_days_lost", 2, DAYS_MAX)
        if _is_date(start) and _is_date(end):
            if end < start:
                self.report.error(END_BEFORE_START, row=number, column="end_date", value=end)
            elif _valid(days) and days > working_days(start, end):
                self.report.warning(ABSENCE_DAYS_ABOVE_WORKING_DAYS, row=number, column="working_days_lost", value=days)
        return AbsenceRow(number, worker_id, start, end, kind, days)

    def finish(self) -> None:
        rows: list[AbsenceRow] = self.rows
        self._report_duplicates(
            (
                (row.worker_id, row.start_date, row.row)
                for row in rows
                if _valid(row.worker_id) and _is_date(row.start_date)
            ),
            ABSENCE_KEY_TWICE,
            "start_date",
        )
        self.worker_pks = self._check_workers_known(rows)
        usable = [
            row
            for row in rows
            if row.worker_id in self.worker_pks
            and _is_date(row.start_date)
            and _is_date(row.end_date)
            and row.end_date >= row.start_date
        ]
        periods = self._assignments_of(self.worker_pks.values())
        for row in usable:
            if _within(row.start_date, periods.get(self.worker_pks[row.worker_id], [])) is None:
                self.report.warning(ABSENCE_OUTSIDE_ASSIGNMENTS, row=row.row, column="start_date", value=row.start_date)
        self.stored_records: dict[tuple[int, dt.date], tuple[Any, ...]] = {}
        if not usable:
            return
        first = min(row.start_date for row in usable)
        last = max(row.end_date for row in usable)
        for chunk in chunked(set(self.worker_pks.values())):
            for values in Absence.objects.filter(
                worker_id__in=chunk, end_date__gte=first, start_date__lte=last
            ).values_list("pk", "worker_id", "start_date", "end_date", "type", "working_days_lost"):
                self.stored_records[(values[1], values[2])] = values
        self._check_overlaps(usable)

    def _check_overlaps(self, usable: list[AbsenceRow]) -> None:
        """Absences overlap when they share a day. A row with a stored absence's start date replaces it."""
        by_worker: dict[int, list[tuple[dt.date, dt.date, int | None]]] = defaultdict(list)
        starts_in_file: set[tuple[int, dt.date]] = set()
        for row in usable:
            pk = self.worker_pks[row.worker_id]
            by_worker[pk].append((row.start_date, row.end_date, row.row))
            starts_in_file.add((pk, row.start_date))
        for (pk, start), values in self.stored_records.items():
            if (pk, start) not in starts_in_file and pk in by_worker:
                by_worker[pk].append((start, values[3], None))
        flagged: dict[int, tuple[dt.date, int]] = {}
        for periods in by_worker.values():
            if len(periods) < 2:  # noqa: PLR2004
                continue
            periods.sort(key=lambda p: p[0])
            latest_end: tuple[dt.date, int | None] | None = None
            for start, end, number in periods:
                if latest_end is not None and start <= latest_end[0]:
                    for row_number in (number, latest_end[1]):
                        if row_number is not None:
                            flagged[row_number] = (start, row_number)
                if latest_end is None or end > latest_end[0]:
                    latest_end = (end, number)
        starts = {row.row: row.start_date for row in usable}
        for number in sorted(flagged):
            self.report.warning(ABSENCE_OVERLAP, row=number, column="start_date", value=starts[number])
