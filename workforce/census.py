"""The DfE children's social work workforce census (CSWW) return and its check report (spec section 6).

The worker-level return lists, for the census year ending 30 September, every child and family social work
assignment (role `other` and archived workers left out, as in the indicators) that was in post on the census date,
started in the year or ended in the year. Its first columns are those of the staff file of spec section 4, in that
order; derived columns follow (in post at the census date, starter, leaver, cases, sickness days). The return is
as at the census date: an end date after it, with its reason, and the destination of someone still in post then,
are left blank. The counts are the indicators of spec section 3 at the census date, from ``workforce.indicators``,
so they agree with the dashboard and the ``workforce_indicators`` command. See ``docs/census.md``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.db.models import (
    DateField,
    DecimalField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from core.exports.xlsx import Sheet, write_workbook
from workforce.codes import AbsenceType, Contract, LeavingReason, Role
from workforce.indicators import (
    CASELOAD_WINDOW_DAYS,
    INDICATOR_KEYS,
    INDICATOR_LABELS,
    INTEGER_KEYS,
    Indicators,
    compute_indicators,
    continuation_of_internal_move,
    period_start,
    round_days,
)
from workforce.models import Absence, Assignment, Authority, CaseloadRecord
from workforce.selectors import in_post_q

WORKBOOK_NAME = "CSWW census return"
CHUNK_SIZE = 2000
MIN_YEAR = 2000
MAX_YEAR = 2100

# Roles that may hold cases; `qualified_no_cases` is the one that does not (CSWW role 6).
CASE_HOLDING_ROLES = (
    Role.CASE_HOLDER,
    Role.SENIOR_PRACTITIONER,
    Role.FIRST_LINE_MANAGER,
    Role.MIDDLE_MANAGER,
    Role.SENIOR_MANAGER,
)
# The staff file of spec section 4, column for column, so HR can compare the return with what they imported.
STAFF_FILE_COLUMNS = (
    "worker_id",
    "first_name",
    "last_name",
    "email",
    "swe_registration",
    "team_code",
    "team_name",
    "role",
    "contract",
    "fte",
    "start_date",
    "end_date",
    "leaving_reason",
    "date_of_birth",
    "gender",
    "ethnicity",
    "start_origin",
    "leaver_destination",
    "covers_vacancy",
)
DERIVED_COLUMNS = (
    "in_post_at_census",
    "starter_in_year",
    "leaver_in_year",
    "cases_at_census",
    "sickness_days_in_year",
)
RETURN_COLUMNS = STAFF_FILE_COLUMNS + DERIVED_COLUMNS
RETURN_COLUMN_WIDTHS = (12, 16, 18, 30, 14, 10, 26, 22, 10, 8, 12, 12, 22, 14, 8, 10, 12, 18, 15, 18, 16, 15, 16, 21)
CHECK_HEADERS = ("worker_id", "name", "team_code", "check", "value")

FAR_FUTURE = dt.date(9999, 12, 31)
CHECK_NO_SWE = "Missing Social Work England registration number"
CHECK_NO_REASON = "Leaver without a reason for leaving"
CHECK_FTE = "FTE out of range (must be more than 0 and at most 1)"
CHECK_CASELOAD_ROLE = "Caseload recorded for a role that does not hold cases"
CHECK_NO_ORIGIN = "Starter without a start origin"
CHECK_NO_DESTINATION = "Leaver without a leaver destination"
# The order the check report lists them in: the DfE's validation queries first, then the completeness checks.
CHECKS = (CHECK_NO_SWE, CHECK_NO_REASON, CHECK_FTE, CHECK_CASELOAD_ROLE, CHECK_NO_ORIGIN, CHECK_NO_DESTINATION)


def census_date(year: int) -> dt.date:
    """The census reference date of a census year: 30 September."""
    return dt.date(year, 9, 30)


def latest_census_year(today: dt.date) -> int:
    """The census year of the latest 30 September on or before a date."""
    return today.year if today >= census_date(today.year) else today.year - 1


def _return_assignments(authority: Authority, year: int) -> QuerySet[Assignment]:
    """Assignments in the census year, with what the return derives annotated (one query)."""
    on = census_date(year)
    start = period_start(on)
    in_year = Q(start_date__gte=start, start_date__lte=on) | Q(end_date__gte=start, end_date__lte=on)
    latest_cases = (
        CaseloadRecord.objects.filter(
            worker=OuterRef("worker"), date__gt=on - dt.timedelta(days=CASELOAD_WINDOW_DAYS), date__lte=on
        )
        .order_by("-date")
        .values("cases")[:1]
    )
    days = DecimalField(max_digits=10, decimal_places=2)
    sickness = (
        Absence.objects.filter(
            worker=OuterRef("worker"),
            type=AbsenceType.SICKNESS,
            start_date__gte=start,
            start_date__lte=on,
        )
        # The assignment in effect on the absence's start date (spec section 3, sickness days lost).
        .filter(
            start_date__gte=OuterRef("start_date"),
            start_date__lt=Coalesce(OuterRef("end_date"), Value(FAR_FUTURE), output_field=DateField()),
        )
        .order_by()
        .values("worker")
        .annotate(days=Sum("working_days_lost"))
        .values("days")
    )
    return (
        Assignment.objects.filter(team__authority=authority, worker__archived_at__isnull=True)
        .exclude(role=Role.OTHER)
        .filter(in_post_q(on) | in_year)
        .select_related("worker", "team")
        .annotate(
            is_continuation=continuation_of_internal_move(),
            latest_cases=Subquery(latest_cases, output_field=IntegerField()),
            sickness_days=Coalesce(Subquery(sickness, output_field=days), Value(Decimal("0")), output_field=days),
        )
        .order_by("team__code", "worker__worker_id", "start_date")
    )


@dataclass(frozen=True)
class CensusRow:
    """One assignment of the return, as at the census date."""

    assignment: Assignment
    census_date: dt.date
    in_post: bool
    starter: bool
    leaver: bool
    cases: int | None
    sickness_days: Decimal | None  # None for agency workers: the census collects absence of employees only

    @property
    def ended_by_census(self) -> bool:
        end = self.assignment.end_date
        return end is not None and end <= self.census_date

    def values(self) -> list[Any]:
        a, w = self.assignment, self.assignment.worker
        ended = self.ended_by_census
        return [
            w.worker_id,
            w.first_name,
            w.last_name,
            w.email,
            w.swe_registration,
            a.team.code,
            a.team.name,
            a.role,
            a.contract,
            a.fte,
            a.start_date,
            a.end_date if ended else None,
            a.leaving_reason if ended else "",
            w.date_of_birth,
            w.gender,
            w.ethnicity,
            w.start_origin,
            w.leaver_destination if self.leaver else "",
            "" if a.covers_vacancy is None else ("yes" if a.covers_vacancy else "no"),
            "yes" if self.in_post else "no",
            "yes" if self.starter else "no",
            "yes" if self.leaver else "no",
            self.cases,
            None if self.sickness_days is None else round_days(self.sickness_days),
        ]


def census_rows(*, authority: Authority, year: int) -> Iterator[CensusRow]:
    """The rows of the return, streamed (one query)."""
    on = census_date(year)
    start = period_start(on)
    for a in _return_assignments(authority, year).iterator(chunk_size=CHUNK_SIZE):
        permanent = a.contract == Contract.PERMANENT
        in_post = a.start_date <= on and (a.end_date is None or a.end_date > on)
        yield CensusRow(
            assignment=a,
            census_date=on,
            in_post=in_post,
            starter=permanent and start <= a.start_date <= on and not a.is_continuation,
            leaver=permanent
            and a.end_date is not None
            and start <= a.end_date <= on
            and a.leaving_reason != LeavingReason.INTERNAL_MOVE,
            cases=a.latest_cases if in_post else None,
            sickness_days=a.sickness_days if permanent else None,
        )


@dataclass(frozen=True)
class CensusCheck:
    worker_id: str
    name: str
    team: str
    check: str
    value: str


def row_checks(row: CensusRow) -> list[CensusCheck]:
    """What the DfE validation would query about one row, and the census items it lacks."""
    a, w = row.assignment, row.assignment.worker
    problems: list[tuple[str, str]] = []
    if not w.swe_registration:
        problems.append((CHECK_NO_SWE, ""))
    if row.ended_by_census and not a.leaving_reason:
        problems.append((CHECK_NO_REASON, a.end_date.isoformat()))
    if not (Decimal("0") < a.fte <= Decimal("1")):
        problems.append((CHECK_FTE, str(a.fte)))
    if row.cases and a.role not in CASE_HOLDING_ROLES:
        problems.append((CHECK_CASELOAD_ROLE, f"{row.cases} cases, role {a.role}"))
    if row.starter and not w.start_origin:
        problems.append((CHECK_NO_ORIGIN, a.start_date.isoformat()))
    if row.leaver and not w.leaver_destination:
        problems.append((CHECK_NO_DESTINATION, a.end_date.isoformat()))
    return [CensusCheck(w.worker_id, w.full_name, a.team.code, check, value) for check, value in problems]


@dataclass
class CensusReport:
    """What the census page shows: the counts of the rows, the indicators and the check report."""

    year: int
    census_date: dt.date
    indicators: Indicators
    rows: int = 0
    in_post: int = 0
    starters: int = 0
    leavers: int = 0
    sickness_days: Decimal = Decimal("0")
    checks: list[CensusCheck] = field(default_factory=list)

    @property
    def check_counts(self) -> list[tuple[str, int]]:
        """Every check with its number of records, in report order (zero included)."""
        counts = Counter(check.check for check in self.checks)
        return [(name, counts[name]) for name in CHECKS]

    def checks_by_name(self) -> list[tuple[str, list[CensusCheck]]]:
        return [(name, [c for c in self.checks if c.check == name]) for name in CHECKS]


def census_report(*, authority: Authority, year: int) -> CensusReport:
    """One pass over the return's rows for the counts and the checks, and the indicators at the census date."""
    on = census_date(year)
    report = CensusReport(year=year, census_date=on, indicators=compute_indicators(authority=authority, as_at=on))
    for row in census_rows(authority=authority, year=year):
        report.rows += 1
        report.in_post += row.in_post
        report.starters += row.starter
        report.leavers += row.leaver
        report.sickness_days += row.sickness_days or 0
        report.checks.extend(row_checks(row))
    return report


def census_checks(*, authority: Authority, year: int) -> list[CensusCheck]:
    """Records the DfE validation would query, one line per problem."""
    return [problem for row in census_rows(authority=authority, year=year) for problem in row_checks(row)]


def count_rows(report: CensusReport) -> list[tuple[Any, ...]]:
    """The Counts sheet: the return's own counts, then every indicator at the census date (with null reasons)."""
    i = report.indicators
    rows: list[tuple[Any, ...]] = [
        ("census_year", "Census year", report.year, ""),
        ("census_date", "Census date", report.census_date, ""),
        ("period_start", "Year from", i.period_start, ""),
        ("return_rows", "Rows in the return (assignments)", report.rows, ""),
        ("return_in_post", "Rows in post at the census date", report.in_post, ""),
        ("return_starters", "Rows that are starters in the year", report.starters, ""),
        ("return_leavers", "Rows that are leavers in the year", report.leavers, ""),
        ("return_sickness_days", "Sickness days on the rows", round_days(report.sickness_days), ""),
        ("check_problems", "Problems in the check report", len(report.checks), ""),
    ]
    for key in INDICATOR_KEYS:
        if key in ("as_at", "period_start", "period_end", "scope"):
            continue
        value = getattr(i, key)
        if key in INTEGER_KEYS and value is not None:
            value = int(value)
        rows.append((key, INDICATOR_LABELS.get(key, key), value, i.null_reason(key) or ""))
    return rows


def census_sheets(*, authority: Authority, report: CensusReport) -> list[Sheet]:
    """The return's sheets: Workers (worker level, streamed), Counts (the return's and the indicators'), Checks."""
    return [
        Sheet(
            title="Workers",
            headers=RETURN_COLUMNS,
            rows=(r.values() for r in census_rows(authority=authority, year=report.year)),
            column_widths=RETURN_COLUMN_WIDTHS,
            number_formats={9: "0.00##", 22: "0", 23: "0.00"},
        ),
        Sheet(
            title="Counts",
            headers=("key", "figure", "value", "why there is no value"),
            rows=count_rows(report),
            column_widths=(30, 44, 14, 60),
        ),
        Sheet(
            title="Checks",
            headers=CHECK_HEADERS,
            rows=((c.worker_id, c.name, c.team, c.check, c.value) for c in report.checks),
            column_widths=(14, 28, 12, 60, 30),
        ),
    ]


def write_census_workbook(*, authority: Authority, year: int, target: IO[bytes] | str) -> CensusReport:
    """Write the return to a path or binary file; returns the report (counts and checks) it was written from."""
    report = census_report(authority=authority, year=year)
    write_workbook(census_sheets(authority=authority, report=report), target)
    return report
