"""The turnover workbook for HR (spec section 6): Summary, Leavers, Starters, In post, Agency, Monthly trend.

Every figure comes from ``workforce.indicators`` (Summary from ``compute_indicators``, Monthly trend from one
``indicator_series`` call), and the Leavers and Starters rows are selected in the database with the indicators'
own rules (the same scope queryset and the same leaver and starter conditions), so the number of Leavers rows is
the number of leaver assignments and their FTE adds up to ``leavers_fte``. Rows stream from ``.iterator()`` into
openpyxl's write-only mode through ``core.exports.xlsx`` (real dates and numbers, text made safe against formula
injection, frozen header rows, filters; data rows written as XML text, ADR 0027). See ``docs/turnover-workbook.md``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

from django.db.models import Count, IntegerField, Max, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Length

from core.exports.xlsx import MAX_COLUMN_WIDTH, Sheet, write_workbook
from workforce import indicators as ind
from workforce.access import get_scope, teams_for_user
from workforce.agency import agency_compliance
from workforce.codes import Contract, LeavingReason, Role, StartOrigin
from workforce.indicators import (
    EXTRA_RATE_KEYS,
    INDICATOR_DEFINITIONS,
    INDICATOR_KEYS,
    INDICATOR_LABELS,
    INTEGER_KEYS,
    RATE_KEYS,
    Indicators,
    compute_indicators,
    continuation_of_internal_move,
    indicator_series,
)
from workforce.models import AgencyJobType, Assignment, Authority, ServiceArea, Team, Worker
from workforce.selectors import in_post_q

WORKBOOK_NAME = "Turnover workbook"
SHEET_NAMES = ("Summary", "Leavers", "Starters", "In post", "Agency", "Monthly trend")
CHUNK_SIZE = 2000

ROLE_LABELS = dict(Role.choices)
CONTRACT_LABELS = {Contract.PERMANENT: "Permanent", Contract.AGENCY: "Agency"}
REASON_LABELS = dict(LeavingReason.choices)
ORIGIN_LABELS = dict(StartOrigin.choices)
JOB_TYPE_LABELS = dict(AgencyJobType.choices)
ROLE_ORDER = {code: index for index, code in enumerate(Role.values)}

LEAVER_HEADERS = (
    "Worker ID",
    "Name",
    "Team",
    "Role",
    "Contract",
    "FTE",
    "Start date",
    "End date",
    "Length of service (years)",
    "Reason for leaving",
)
STARTER_HEADERS = ("Worker ID", "Name", "Team", "Role", "Contract", "FTE", "Start date", "Came from")
IN_POST_HEADERS = (
    "Team",
    "Team code",
    "Role",
    "Social workers (headcount)",
    "Social workers (FTE)",
    "Agency workers (headcount)",
    "Agency workers (FTE)",
)
AGENCY_HEADERS = (
    "Worker ID",
    "Name",
    "Team",
    "Role",
    "FTE",
    "Start date",
    "Covers a vacancy",
    "Agency",
    "Job type",
    "Hourly charge (£)",
    "Regional price cap (£)",
    "Post-qualifying experience (years)",
    "Notice period (weeks)",
    "DCS sign-off",
    "Chief executive sign-off",
    "Flags",
)
SUMMARY_HEADERS = ("Figure", "Value", "Definition", "Why there is no value", "Key")

# The figures of the Summary and Monthly trend sheets: the command's JSON keys, then the dashboard's extras.
FIGURE_KEYS = tuple(key for key in INDICATOR_KEYS if key not in ("as_at", "period_start", "period_end", "scope"))
FIGURE_KEYS += EXTRA_RATE_KEYS
MORE_DEFINITIONS = {
    "social_workers_headcount": "Distinct workers with a permanent assignment in post at the date.",
    "agency_headcount": "Distinct workers with an agency assignment in post at the date.",
    "leavers_headcount": "Distinct workers with a leaver's assignment in the year (see leavers FTE).",
    "starters_headcount": "Distinct workers with a starter's assignment in the year (see starters FTE).",
    "headcount_turnover_rate": "Leavers headcount ÷ social workers headcount × 100.",
    "agency_cover_rate": "Agency FTE marked as covering a vacancy ÷ agency FTE × 100.",
    "vacancy_agency_cover_rate": "Agency FTE marked as covering a vacancy ÷ vacancy FTE × 100.",
    "days_lost_per_fte": "Sickness days lost ÷ social workers FTE.",
}
FTE_FORMAT = "0.00"
RATE_FORMAT = "0.0"
INTEGER_FORMAT = "0"
MONEY_FORMAT = "0.00"


@dataclass(frozen=True)
class TurnoverScope:
    """The authority, or one of its teams or service areas (at most one of the two)."""

    authority: Authority
    team: Team | None = None
    service_area: ServiceArea | None = None

    @property
    def label(self) -> str:
        if self.team is not None:
            return f"Team: {self.team.name} ({self.team.code})"
        if self.service_area is not None:
            return f"Service area: {self.service_area.name} ({self.service_area.code})"
        return "Whole authority"

    @property
    def teams(self) -> QuerySet[Team] | None:
        """The teams of a team or service area scope; None for the whole authority."""
        if self.team is not None:
            return Team.objects.filter(pk=self.team.pk)
        if self.service_area is not None:
            return Team.objects.filter(authority=self.authority, service_area=self.service_area)
        return None


AUTHORITY_CHOICE = "authority"


@dataclass(frozen=True)
class ScopeChoice:
    value: str  # "authority", "area-<code>" or "team-<code>": readable in the download link
    label: str
    scope: TurnoverScope


def scope_choices(user: Any) -> list[ScopeChoice]:
    """The scopes a user may ask the workbook for: HR the authority, its service areas and teams; service
    managers their service areas and their teams; team managers their teams (workforce.access decides which).
    """
    access = get_scope(user)
    authority = access.authority
    if authority is None or not access.sees_teams:
        return []
    choices: list[ScopeChoice] = []
    if access.is_hr:
        choices.append(ScopeChoice(AUTHORITY_CHOICE, f"Whole authority: {authority.name}", TurnoverScope(authority)))
        areas = ServiceArea.objects.filter(authority=authority)
    else:
        areas = ServiceArea.objects.filter(authority=authority, pk__in=access.service_area_ids)
    for area in areas.order_by("name", "code"):
        scope = TurnoverScope(authority, service_area=area)
        choices.append(ScopeChoice(f"area-{area.code}", f"Service area: {area.name} ({area.code})", scope))
    for team in teams_for_user(user).order_by("name", "code"):
        choices.append(
            ScopeChoice(f"team-{team.code}", f"Team: {team.name} ({team.code})", TurnoverScope(authority, team))
        )
    return choices


def definition(key: str) -> str:
    return INDICATOR_DEFINITIONS.get(key) or MORE_DEFINITIONS.get(key, "")


# ---------------------------------------------------------------------------
# Selection: the indicators' own rules (workforce.indicators), as row-level querysets.
# ---------------------------------------------------------------------------
def scope_assignments(scope: TurnoverScope) -> QuerySet[Assignment]:
    """The assignments that count in indicators for the scope (role `other` and archived workers left out)."""
    # The indicators module's own scope queryset, so that rows and figures cannot drift apart.
    return ind.social_work_assignments(scope.authority, team=scope.team, service_area=scope.service_area)


def leaver_q(as_at: dt.date) -> Q:
    """Leavers in the year ending on ``as_at`` (spec section 3): permanent, ended in the year, not an internal move."""
    return (
        Q(contract=Contract.PERMANENT)
        & ind.in_period(as_at, "end_date")
        & ~Q(leaving_reason=LeavingReason.INTERNAL_MOVE)
    )


def leaver_assignments(scope: TurnoverScope, as_at: dt.date) -> QuerySet[Assignment]:
    return scope_assignments(scope).filter(leaver_q(as_at))


def starter_assignments(scope: TurnoverScope, as_at: dt.date) -> QuerySet[Assignment]:
    return (
        scope_assignments(scope)
        .filter(Q(contract=Contract.PERMANENT) & ind.in_period(as_at, "start_date"))
        .filter(~continuation_of_internal_move())
    )


def _service_start() -> Subquery:
    """The start of the worker's earliest permanent assignment in the authority, up to this one's start."""
    earliest = (
        Assignment.objects.filter(
            worker=OuterRef("worker"), contract=Contract.PERMANENT, start_date__lte=OuterRef("start_date")
        )
        .order_by("start_date")
        .values("start_date")[:1]
    )
    return Subquery(earliest)


def length_of_service(start: dt.date, end: dt.date) -> float:
    """Years between two dates, to one decimal place (365.25 days a year).

    In whole numbers, because this runs once per leaver: days / 365.25 is 40 x days / 1461 tenths, and that is
    never exactly half-way between two tenths (1461 is odd), so rounding to the nearest tenth needs no tie rule.
    """
    tenths, rest = divmod(40 * (end - start).days, 1461)
    return (tenths + (2 * rest > 1461)) / 10


# ---------------------------------------------------------------------------
# Rows.
# ---------------------------------------------------------------------------
def _name(first: str, last: str) -> str:
    return " ".join(part for part in (first, last) if part)


def leaver_rows(scope: TurnoverScope, as_at: dt.date) -> Iterator[tuple[Any, ...]]:
    """One row per leaver assignment, by end date; one query, streamed.

    This loop runs once per leaver (50,000 in a large authority), so it does its work inline: no helper call
    per field.
    """
    rows = (
        leaver_assignments(scope, as_at)
        .annotate(service_start=_service_start())
        .order_by("end_date", "worker__worker_id", "start_date")
        .values_list(
            "worker__worker_id",
            "worker__first_name",
            "worker__last_name",
            "team__name",
            "role",
            "contract",
            "fte",
            "start_date",
            "end_date",
            "service_start",
            "leaving_reason",
        )
    )
    roles, contracts, reasons = ROLE_LABELS, CONTRACT_LABELS, REASON_LABELS
    for worker_id, first, last, team, role, contract, fte, start, end, service_start, reason in rows.iterator(
        chunk_size=CHUNK_SIZE
    ):
        yield (
            worker_id,
            f"{first} {last}" if first and last else first or last,  # _name(), inline
            team,
            roles.get(role, role),
            contracts.get(contract, contract),
            fte,
            start,
            end,
            length_of_service(service_start or start, end),
            reasons.get(reason, reason) or "Not recorded",
        )


def starter_rows(scope: TurnoverScope, as_at: dt.date) -> Iterator[tuple[Any, ...]]:
    """One row per starter assignment, by start date; one query, streamed."""
    rows = (
        starter_assignments(scope, as_at)
        .order_by("start_date", "worker__worker_id")
        .values_list(
            "worker__worker_id",
            "worker__first_name",
            "worker__last_name",
            "team__name",
            "role",
            "contract",
            "fte",
            "start_date",
            "worker__start_origin",
        )
    )
    for worker_id, first, last, team, role, contract, fte, start, origin in rows.iterator(chunk_size=CHUNK_SIZE):
        yield (
            worker_id,
            _name(first, last),
            team,
            ROLE_LABELS.get(role, role),
            CONTRACT_LABELS.get(contract, contract),
            fte,
            start,
            ORIGIN_LABELS.get(origin, origin) or "Not recorded",
        )


def in_post_rows(scope: TurnoverScope, as_at: dt.date) -> list[tuple[Any, ...]]:
    """Headcount and FTE by team and role at the date, permanent and agency (one query)."""
    permanent, agency = Q(contract=Contract.PERMANENT), Q(contract=Contract.AGENCY)
    groups = (
        scope_assignments(scope)
        .filter(in_post_q(as_at))
        .order_by()
        .values("team__name", "team__code", "role")
        .annotate(
            sw_headcount=Count("worker", distinct=True, filter=permanent),
            sw_fte=Sum("fte", filter=permanent),
            agency_headcount=Count("worker", distinct=True, filter=agency),
            agency_fte=Sum("fte", filter=agency),
        )
    )
    rows = sorted(groups, key=lambda g: (g["team__name"], g["team__code"], ROLE_ORDER.get(g["role"], 99)))
    return [
        (
            g["team__name"],
            g["team__code"],
            ROLE_LABELS.get(g["role"], g["role"]),
            g["sw_headcount"],
            ind.round_fte(g["sw_fte"]),
            g["agency_headcount"],
            ind.round_fte(g["agency_fte"]),
        )
        for g in rows
    ]


def agency_rows(scope: TurnoverScope, as_at: dt.date) -> list[tuple[Any, ...]]:
    """Agency workers in post at the date, with their engagement details and flags (workforce.agency)."""
    rows = []
    for check in agency_compliance(authority=scope.authority, on=as_at, teams=scope.teams):
        a, e = check.assignment, check.engagement
        details: tuple[Any, ...] = (None,) * 8
        if e is not None:
            details = (
                e.agency,
                JOB_TYPE_LABELS.get(e.job_type, e.job_type),
                e.hourly_charge,
                e.regional_price_cap,
                e.pq_experience_years,
                e.notice_period_weeks,
                e.dcs_signoff_on,
                e.chief_executive_signoff_on,
            )
        rows.append(
            (
                a.worker.worker_id,
                a.worker.full_name,
                a.team.name,
                ROLE_LABELS.get(a.role, a.role),
                a.fte,
                a.start_date,
                a.covers_vacancy,
                *details,
                "; ".join(check.flags) or "None",
            )
        )
    return rows


def _figure_value(indicators: Indicators, key: str) -> Any:
    value = getattr(indicators, key)
    return int(value) if key in INTEGER_KEYS and value is not None else value


def summary_rows(scope: TurnoverScope, indicators: Indicators) -> list[tuple[Any, ...]]:
    """The scope, the dates, then every figure with its definition (a null value says why it has none)."""
    rows: list[tuple[Any, ...]] = [
        ("Authority", scope.authority.name, "", "", "authority"),
        ("Scope", scope.label, "", "", "scope"),
        ("As at", indicators.as_at, "The date the figures are for (D).", "", "as_at"),
        ("Year from", indicators.period_start, "The year P is (D minus one year, D].", "", "period_start"),
        ("Year to", indicators.period_end, "", "", "period_end"),
    ]
    for key in FIGURE_KEYS:
        rows.append(
            (
                INDICATOR_LABELS.get(key, key),
                _figure_value(indicators, key),
                definition(key),
                indicators.null_reason(key) or "",
                key,
            )
        )
    return rows


def trend_rows(series: Sequence[Indicators]) -> list[tuple[Any, ...]]:
    return [(i.as_at, i.period_start, *(_figure_value(i, key) for key in FIGURE_KEYS)) for i in series]


def _trend_formats() -> dict[int, str]:
    formats: dict[int, str] = {}
    for index, key in enumerate(FIGURE_KEYS, start=2):
        if key in INTEGER_KEYS:
            formats[index] = INTEGER_FORMAT
        elif key in RATE_KEYS or key in EXTRA_RATE_KEYS:
            formats[index] = RATE_FORMAT
        else:
            formats[index] = FTE_FORMAT
    return formats


# ---------------------------------------------------------------------------
# Column widths: wide enough for the header and the longest value each column can hold.
# ---------------------------------------------------------------------------
def _fit(*lengths: int) -> int:
    return max(8, min(MAX_COLUMN_WIDTH, max(lengths) + 2))


@dataclass(frozen=True)
class _Widths:
    name: int
    team: int
    role: int
    reason: int
    origin: int


def _widths(authority: Authority) -> _Widths:
    """The longest worker name and team name of the authority (two small aggregate queries)."""
    team = Team.objects.filter(authority=authority).aggregate(longest=Max(Length("name")))["longest"] or 0
    name = (
        Worker.objects.filter(authority=authority)
        .annotate(length=Length("first_name") + Length("last_name") + 1)
        .aggregate(longest=Max("length", output_field=IntegerField()))["longest"]
        or 0
    )
    return _Widths(
        name=_fit(name, 4),
        team=_fit(team, 4),
        role=_fit(*(len(label) for label in ROLE_LABELS.values())),
        reason=_fit(*(len(label) for label in REASON_LABELS.values()), len("Reason for leaving")),
        origin=_fit(*(len(label) for label in ORIGIN_LABELS.values())),
    )


def _header_widths(headers: Sequence[str], widths: dict[int, int]) -> list[int]:
    return [widths.get(i, _fit(len(header), 10)) for i, header in enumerate(headers)]


# ---------------------------------------------------------------------------
# The workbook.
# ---------------------------------------------------------------------------
def turnover_sheets(scope: TurnoverScope, as_at: dt.date) -> list[Sheet]:
    """The six sheets, in order. The indicators are computed now; the row sheets stream when written."""
    summary = compute_indicators(
        authority=scope.authority, as_at=as_at, team=scope.team, service_area=scope.service_area
    )
    series = indicator_series(authority=scope.authority, end=as_at, team=scope.team, service_area=scope.service_area)
    w = _widths(scope.authority)
    summary_label_width = _fit(*(len(INDICATOR_LABELS.get(k, k)) for k in FIGURE_KEYS))
    summary_value_width = _fit(len(scope.authority.name), len(scope.label), 12)
    trend_headers = ("Month end", "Year from", *(INDICATOR_LABELS.get(key, key) for key in FIGURE_KEYS))
    return [
        Sheet(
            title="Summary",
            headers=SUMMARY_HEADERS,
            rows=summary_rows(scope, summary),
            column_widths=(summary_label_width, summary_value_width, MAX_COLUMN_WIDTH, 44, 30),
        ),
        Sheet(
            title="Leavers",
            headers=LEAVER_HEADERS,
            rows=leaver_rows(scope, as_at),
            column_widths=_header_widths(LEAVER_HEADERS, {1: w.name, 2: w.team, 3: w.role, 9: w.reason}),
            number_formats={5: "0.00##", 8: RATE_FORMAT},
        ),
        Sheet(
            title="Starters",
            headers=STARTER_HEADERS,
            rows=starter_rows(scope, as_at),
            column_widths=_header_widths(STARTER_HEADERS, {1: w.name, 2: w.team, 3: w.role, 7: w.origin}),
            number_formats={5: "0.00##"},
        ),
        Sheet(
            title="In post",
            headers=IN_POST_HEADERS,
            rows=in_post_rows(scope, as_at),
            column_widths=_header_widths(IN_POST_HEADERS, {0: w.team, 2: w.role}),
            number_formats={3: INTEGER_FORMAT, 4: FTE_FORMAT, 5: INTEGER_FORMAT, 6: FTE_FORMAT},
        ),
        Sheet(
            title="Agency",
            headers=AGENCY_HEADERS,
            rows=agency_rows(scope, as_at),
            column_widths=_header_widths(AGENCY_HEADERS, {1: w.name, 2: w.team, 3: w.role, 7: 30, 8: 36, 15: 60}),
            number_formats={4: "0.00##", 9: MONEY_FORMAT, 10: MONEY_FORMAT, 11: RATE_FORMAT, 12: INTEGER_FORMAT},
        ),
        Sheet(
            title="Monthly trend",
            headers=trend_headers,
            rows=trend_rows(series),
            column_widths=[12, 12, *(_fit(len(h), 8) for h in trend_headers[2:])],
            number_formats=_trend_formats(),
        ),
    ]


class _Counted:
    """An iterable of rows that counts what it hands out (for the command's summary line)."""

    def __init__(self, rows: Iterable[Sequence[Any]]) -> None:
        self.rows = rows
        self.count = 0

    def __iter__(self) -> Iterator[Sequence[Any]]:
        for row in self.rows:
            self.count += 1
            yield row


def write_turnover_workbook(*, scope: TurnoverScope, as_at: dt.date, target: IO[bytes] | str) -> dict[str, int]:
    """Write the workbook to a path or binary file; returns the number of data rows of each sheet."""
    sheets = turnover_sheets(scope, as_at)
    counters = {}
    for sheet in sheets:
        counters[sheet.title] = sheet.rows = _Counted(sheet.rows)
    write_workbook(sheets, target)
    return {title: counter.count for title, counter in counters.items()}


__all__ = [
    "AUTHORITY_CHOICE",
    "SHEET_NAMES",
    "WORKBOOK_NAME",
    "ScopeChoice",
    "TurnoverScope",
    "continuation_of_internal_move",
    "leaver_assignments",
    "leaver_q",
    "length_of_service",
    "scope_choices",
    "starter_assignments",
    "turnover_sheets",
    "write_turnover_workbook",
]
