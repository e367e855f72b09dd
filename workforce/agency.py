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
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import OuterRef, Q, QuerySet

from workforce.codes import Contract, LeavingReason, Role
from workforce.models import AgencyEngagement, Assignment, Authority, Team
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
