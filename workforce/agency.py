"""Agency engagements against the DfE statutory guidance on agency child and family social workers.

In force from 31 October 2024 (spec section 2). An agency assignment is flagged when:
- the worker has under 3 years' post-qualifying experience in child and family social work;
- the hourly charge is above the regional price cap without both DCS and chief executive sign-off;
- the worker was engaged as agency within 3 months of leaving a permanent social work post in the same authority;
- the notice period is over 4 weeks;
- no engagement details are recorded (so none of the above can be checked).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import OuterRef, Q, QuerySet

from core.exports.xlsx import Sheet
from workforce.access import get_scope, teams_for_user
from workforce.codes import Contract, LeavingReason, Role
from workforce.models import AgencyEngagement, AgencyJobType, Assignment, Authority, Team
from workforce.selectors import in_post_q

GUIDANCE_IN_FORCE = dt.date(2024, 10, 31)
MIN_PQ_EXPERIENCE_YEARS = Decimal("3")
MAX_NOTICE_WEEKS = 4
COOLING_OFF_MONTHS = 3

FLAG_NO_DETAILS = "No engagement details recorded"
FLAG_EXPERIENCE = "Under 3 years' post-qualifying experience"
FLAG_OVER_CAP = "Charge above the regional price cap without DCS and chief executive sign-off"
FLAG_RECENT_PERMANENT = "Engaged as agency within 3 months of leaving a permanent post here"
FLAG_NOTICE = "Notice period over 4 weeks"

# Every flag in the order pages list them, with a key for query strings and a short label for tags.
FLAGS = (FLAG_NO_DETAILS, FLAG_EXPERIENCE, FLAG_OVER_CAP, FLAG_RECENT_PERMANENT, FLAG_NOTICE)
FLAG_KEYS = {
    "no_details": FLAG_NO_DETAILS,
    "experience": FLAG_EXPERIENCE,
    "over_cap": FLAG_OVER_CAP,
    "recent_permanent": FLAG_RECENT_PERMANENT,
    "notice": FLAG_NOTICE,
}
FLAG_SHORT_LABELS = {
    FLAG_NO_DETAILS: "No details recorded",
    FLAG_EXPERIENCE: "Under 3 years' experience",
    FLAG_OVER_CAP: "Over cap, not signed off",
    FLAG_RECENT_PERMANENT: "Left a permanent post here under 3 months before",
    FLAG_NOTICE: "Notice over 4 weeks",
}
ANY_FLAG = "any"
NO_FLAG = "none"
FLAG_FILTER_CHOICES = (
    (ANY_FLAG, "Any flag"),
    (NO_FLAG, "No flag (within the guidance)"),
    *((key, text) for key, text in FLAG_KEYS.items()),
)


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` months earlier (the month's last day when it has no such day)."""
    year, month_zero = divmod(day.year * 12 + day.month - 1 - months, 12)
    month = month_zero + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class AgencyCheck:
    assignment: Assignment
    engagement: AgencyEngagement | None
    flags: tuple[str, ...]

    @property
    def compliant(self) -> bool:
        return not self.flags

    @property
    def tags(self) -> list[tuple[str, str]]:
        """(short label, GOV.UK tag colour) of each flag: missing details yellow, a breach of the guidance red."""
        return [(FLAG_SHORT_LABELS[f], "yellow" if f == FLAG_NO_DETAILS else "red") for f in self.flags]


def agency_assignments(
    *, authority: Authority, start: dt.date, end: dt.date, teams: QuerySet[Team] | None = None
) -> QuerySet[Assignment]:
    """Agency social work assignments active at any time in [start, end], with what the checks need annotated."""
    recent_permanent = (
        Assignment.objects.filter(
            worker=OuterRef("worker"),
            contract=Contract.PERMANENT,
            end_date__isnull=False,
            end_date__lte=OuterRef("start_date"),
        )
        .exclude(role=Role.OTHER)
        .exclude(leaving_reason=LeavingReason.INTERNAL_MOVE)
    )
    assignments = (
        Assignment.objects.filter(
            team__authority=authority,
            contract=Contract.AGENCY,
            worker__archived_at__isnull=True,
            start_date__lte=end,
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
        .exclude(role=Role.OTHER)
        .select_related("worker", "team", "agency_engagement")
        .annotate(
            # The cooling-off window depends on each row's start date; the exact 3-month test is done per row
            # below on the one date this returns, so the database still does one query for the whole list.
            left_permanent_on=recent_permanent.order_by("-end_date").values("end_date")[:1],
        )
        .order_by("team__name", "worker__last_name", "worker__first_name", "start_date")
    )
    if teams is not None:
        assignments = assignments.filter(team__in=teams)
    return assignments


def check_assignment(assignment: Assignment) -> AgencyCheck:
    """The flags of one agency assignment (uses the annotation of `agency_assignments`)."""
    engagement = getattr(assignment, "agency_engagement", None)
    flags: list[str] = []
    if engagement is None:
        flags.append(FLAG_NO_DETAILS)
    else:
        if engagement.pq_experience_years < MIN_PQ_EXPERIENCE_YEARS:
            flags.append(FLAG_EXPERIENCE)
        signed_off = engagement.dcs_signoff_on is not None and engagement.chief_executive_signoff_on is not None
        if engagement.hourly_charge > engagement.regional_price_cap and not signed_off:
            flags.append(FLAG_OVER_CAP)
        if engagement.notice_period_weeks > MAX_NOTICE_WEEKS:
            flags.append(FLAG_NOTICE)
    left_on = getattr(assignment, "left_permanent_on", None)
    if left_on is not None and left_on >= months_before(assignment.start_date, COOLING_OFF_MONTHS):
        flags.append(FLAG_RECENT_PERMANENT)
    return AgencyCheck(assignment=assignment, engagement=engagement, flags=tuple(flags))


def agency_compliance(*, authority: Authority, on: dt.date, teams: QuerySet[Team] | None = None) -> list[AgencyCheck]:
    """Every agency assignment in post on a date, with its flags."""
    assignments = agency_assignments(authority=authority, start=on, end=on, teams=teams).filter(in_post_q(on))
    return [check_assignment(a) for a in assignments]


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """Calendar quarter Q1 = January to March."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError("A quarter is 1, 2, 3 or 4.")
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - dt.timedelta(days=1)
    return start, end


def agency_return(*, authority: Authority, year: int, quarter: int) -> list[AgencyCheck]:
    """The assignments of the quarterly agency return: every agency assignment active in the quarter."""
    start, end = quarter_bounds(year, quarter)
    return [check_assignment(a) for a in agency_assignments(authority=authority, start=start, end=end)]


# ---------------------------------------------------------------------------
# Flags: filtering and counting.
# ---------------------------------------------------------------------------
def matches_flag(check: AgencyCheck, key: str | None) -> bool:
    """Whether a checked assignment answers a flag filter: a flag key, "any", "none", or empty for all."""
    if not key:
        return True
    if key == ANY_FLAG:
        return bool(check.flags)
    if key == NO_FLAG:
        return not check.flags
    return FLAG_KEYS.get(key) in check.flags


@dataclass(frozen=True)
class FlagCount:
    key: str
    flag: str
    short_label: str
    count: int


def flag_counts(checks: Iterable[AgencyCheck]) -> list[FlagCount]:
    """How many of the checked assignments carry each flag, every flag listed (zero included)."""
    checks = list(checks)
    return [
        FlagCount(key, flag, FLAG_SHORT_LABELS[flag], sum(1 for c in checks if flag in c.flags))
        for key, flag in FLAG_KEYS.items()
    ]


@dataclass
class ComplianceList:
    """The compliance page's content: the filter form, the date, the rows shown, and counts over the date's rows."""

    filterset: Any
    on: dt.date | None
    checks: list[AgencyCheck] = field(default_factory=list)
    total: int = 0  # agency workers in post on the date (within the team filter), before the flag filter
    compliant: int = 0
    counts: list[FlagCount] = field(default_factory=list)


def agency_compliance_list(*, user: Any, filters: Mapping[str, Any] | None) -> ComplianceList:
    """Agency assignments in post on a date in the user's teams, filtered by team and flag (AgencyComplianceFilter).

    The flags are worked out per row by ``check_assignment``; the counts at the top cover every row of the date
    (and team), the rows listed only those with the chosen flag. One query, three with a flag, however many rows.
    """
    from workforce.forms.agency import AgencyComplianceFilter  # the form module imports this one: import it late

    scope = get_scope(user)
    teams = teams_for_user(user)
    filterset = AgencyComplianceFilter(filters, queryset=_all_agency(scope.authority, teams), user=user)
    if scope.authority is None or not filterset.is_valid():
        return ComplianceList(filterset=filterset, on=None)
    on = filterset.form.cleaned_data["on"]
    shown = [check_assignment(a) for a in filterset.qs]
    everyone = shown
    if filterset.form.cleaned_data.get("flag"):
        unflagged = AgencyComplianceFilter(
            {**filterset.data.dict(), "flag": ""}, queryset=_all_agency(scope.authority, teams), user=user
        )
        everyone = [check_assignment(a) for a in unflagged.qs]
    return ComplianceList(
        filterset=filterset,
        on=on,
        checks=shown,
        total=len(everyone),
        compliant=sum(1 for c in everyone if c.compliant),
        counts=flag_counts(everyone),
    )


def _all_agency(authority: Authority | None, teams: QuerySet[Team]) -> QuerySet[Assignment]:
    if authority is None:
        return Assignment.objects.none()
    return agency_assignments(authority=authority, start=dt.date.min, end=dt.date.max, teams=teams)


def agency_assignment_by_pk(pk: int) -> Assignment | None:
    """An agency social work assignment with its worker, team and engagement; None when there is no such one.

    Callers decide access through workforce.access (through the worker) before showing it.
    """
    return (
        Assignment.objects.select_related("worker", "team", "team__authority", "agency_engagement")
        .filter(pk=pk, contract=Contract.AGENCY)
        .exclude(role=Role.OTHER)
        .first()
    )


def assignment_check(assignment: Assignment) -> AgencyCheck:
    """The flags of one agency assignment, fetched with the annotation the checks need (one query)."""
    annotated = agency_assignments(authority=assignment.team.authority, start=dt.date.min, end=dt.date.max).get(
        pk=assignment.pk
    )
    return check_assignment(annotated)


# ---------------------------------------------------------------------------
# The quarterly agency return.
# ---------------------------------------------------------------------------
RETURN_NAME = "Agency return"
MONEY = Decimal("0.01")
JOB_TYPE_LABELS = dict(AgencyJobType.choices)
RETURN_HEADERS = (
    "Worker ID",
    "SWE registration",
    "Team",
    "Job type",
    "Agency",
    "Start date",
    "End date",
    "FTE",
    "Pay rate (£ per hour)",
    "Employer's NI (£ per hour)",
    "Apprenticeship levy (£ per hour)",
    "Hourly charge (£)",
    "Regional price cap (£ per hour)",
    "Over the cap",
    "DCS sign-off",
    "Chief executive sign-off",
    "Post-qualifying experience (years)",
    "Notice period (weeks)",
    "Covers a vacancy",
    "Flags",
)
RETURN_WIDTHS = (12, 18, 28, 34, 28, 12, 12, 8, 12, 12, 12, 12, 14, 12, 14, 14, 14, 12, 12, 80)


def _over_cap(engagement: AgencyEngagement) -> bool:
    return engagement.hourly_charge > engagement.regional_price_cap


def _signed_off(engagement: AgencyEngagement) -> bool:
    return engagement.dcs_signoff_on is not None and engagement.chief_executive_signoff_on is not None


def quarter_label(year: int, quarter: int) -> str:
    start, end = quarter_bounds(year, quarter)
    return f"{year} Q{quarter} ({start.day} {start:%B} to {end.day} {end:%B %Y})"


def _days_in(start: dt.date, end: dt.date | None, low: dt.date, high: dt.date) -> int:
    """Days of [start, end) within [low, high] (an assignment is in post until the day before its end date)."""
    last = high if end is None else min(high, end - dt.timedelta(days=1))
    return max(0, (last - max(start, low)).days + 1)


def return_summary(
    *, authority: Authority, year: int, quarter: int, checks: Sequence[AgencyCheck]
) -> list[tuple[str, Any]]:
    """The Summary sheet: headcount and FTE in the quarter, charges, the cap and the flags."""
    start, end = quarter_bounds(year, quarter)
    days = (end - start).days + 1
    fte_days = sum(
        (c.assignment.fte * _days_in(c.assignment.start_date, c.assignment.end_date, start, end) for c in checks),
        Decimal("0"),
    )
    in_post_at_end = [c for c in checks if c.assignment.end_date is None or c.assignment.end_date > end]
    engaged = [c.engagement for c in checks if c.engagement is not None]
    charges = [e.hourly_charge for e in engaged]
    average_charge = (sum(charges, Decimal("0")) / len(charges)).quantize(MONEY, ROUND_HALF_UP) if charges else None
    over = [e for e in engaged if _over_cap(e)]
    rows: list[tuple[str, Any]] = [
        ("Authority", authority.name),
        ("Quarter", quarter_label(year, quarter)),
        ("Quarter from", start),
        ("Quarter to", end),
        ("Agency assignments active in the quarter", len(checks)),
        ("Agency workers engaged in the quarter (headcount)", len({c.assignment.worker_id for c in checks})),
        ("Agency FTE in the quarter (average over its days)", (fte_days / days).quantize(MONEY, ROUND_HALF_UP)),
        (
            "Agency workers in post at the end of the quarter (headcount)",
            len({c.assignment.worker_id for c in in_post_at_end}),
        ),
        (
            "Agency workers in post at the end of the quarter (FTE)",
            sum((c.assignment.fte for c in in_post_at_end), Decimal("0")).quantize(MONEY, ROUND_HALF_UP),
        ),
        ("Assignments with engagement details recorded", len(engaged)),
        ("Average hourly charge (£, assignments with details)", average_charge),
        ("Charge above the regional price cap", len(over)),
        ("Above the cap with DCS and chief executive sign-off", sum(1 for e in over if _signed_off(e))),
        ("Above the cap without both sign-offs", sum(1 for e in over if not _signed_off(e))),
        ("Assignments within the guidance (no flag)", sum(1 for c in checks if c.compliant)),
    ]
    rows += [(f"Flag: {count.flag}", count.count) for count in flag_counts(checks)]
    return rows


def return_rows(checks: Iterable[AgencyCheck]) -> Iterable[tuple[Any, ...]]:
    for check in checks:
        a, e = check.assignment, check.engagement
        details: tuple[Any, ...] = (None,) * 10
        if e is not None:
            details = (
                e.pay_rate,
                e.employer_ni,
                e.apprenticeship_levy,
                e.hourly_charge,
                e.regional_price_cap,
                _over_cap(e),
                e.dcs_signoff_on,
                e.chief_executive_signoff_on,
                e.pq_experience_years,
                e.notice_period_weeks,
            )
        yield (
            a.worker.worker_id,
            a.worker.swe_registration,
            a.team.name,
            JOB_TYPE_LABELS.get(e.job_type, e.job_type) if e else None,
            e.agency if e else None,
            a.start_date,
            a.end_date,
            a.fte,
            *details,
            a.covers_vacancy,
            "; ".join(check.flags) or "None",
        )


def agency_return_sheets(*, authority: Authority, year: int, quarter: int) -> list[Sheet]:
    """The quarterly return the guidance asks for: Summary, and Assignments (one row per agency assignment)."""
    checks = agency_return(authority=authority, year=year, quarter=quarter)
    return [
        Sheet(
            title="Summary",
            headers=("Figure", "Value"),
            rows=return_summary(authority=authority, year=year, quarter=quarter, checks=checks),
            column_widths=(70, 44),
        ),
        Sheet(
            title="Assignments",
            headers=RETURN_HEADERS,
            rows=return_rows(checks),
            column_widths=RETURN_WIDTHS,
            number_formats={7: "0.00##", 8: "0.00", 9: "0.00", 10: "0.00", 11: "0.00", 12: "0.00", 16: "0.0", 17: "0"},
        ),
    ]
