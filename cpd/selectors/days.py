"""Protected CPD days (spec section 2, cpd): each worker's allowance and balance, and the managers' uptake report.

The CPD-day year is the SWE registration year (1 December to 30 November, see cpd/years.py). The allowance is, in
order: the worker's own CpdDayAllowance for the year (an agreed exception set by HR); else the authority's
CpdSettings.days_per_year (3 when the authority has none), multiplied, when CpdSettings.pro_rata is on, by the FTE
of the worker's assignment in effect on the year's first day (or, for someone who started later in the year, of
their first assignment in the year), rounded to the nearest half day, halves up (0.6 × 3 = 1.8 → 2; 0.75 × 3 = 2.25
→ 2.5). A worker with no assignment in the year keeps the full days (there is no FTE to scale by; they cannot
request days outside their employment anyway).

Used days are approved requests that have started (start date on or before today); booked days are approved
requests in the future; pending days wait for a decision; remaining = allowance − used − booked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum

from cpd.models import DEFAULT_REMINDER_DAYS, CpdDayAllowance, CpdDayRequest, CpdSettings
from cpd.years import year_end, year_start
from workforce import selectors as wf_selectors
from workforce.access import get_scope, teams_for_user
from workforce.codes import UserRole
from workforce.models import Assignment, Authority, RoleAssignment, Team, Worker

DEFAULT_DAYS_PER_YEAR = Decimal("3")
ZERO = Decimal("0")
HALF = Decimal("0.5")


def cpd_settings_for(authority: Authority | Any) -> CpdSettings:
    """The authority's CPD settings, or unsaved defaults (3 days, not pro rata, 60-day window) when it has none."""
    authority_id = getattr(authority, "pk", authority)
    found = CpdSettings.objects.filter(authority_id=authority_id).first()
    return found or CpdSettings(authority_id=authority_id, reminder_days=list(DEFAULT_REMINDER_DAYS))


def round_to_half_day(value: Decimal) -> Decimal:
    """To the nearest half day, halves up: 1.8 → 2.0, 1.25 → 1.5, 1.2 → 1.0."""
    return (value * 2).quantize(Decimal("1"), rounding=ROUND_HALF_UP) / 2


def is_whole_or_half(value: Decimal) -> bool:
    return (value * 2) == (value * 2).to_integral_value()


def allowance_from_rule(*, days_per_year: Decimal, pro_rata: bool, fte: Decimal | None) -> Decimal:
    """The authority's rule for one worker: the days, pro rata to the FTE when the authority says so."""
    if not pro_rata or fte is None:
        return round_to_half_day(Decimal(days_per_year))
    return round_to_half_day(Decimal(days_per_year) * Decimal(fte))


def _allowance_ftes(worker_ids: Iterable[int], year: int) -> dict[int, Decimal]:
    """The FTE each worker's allowance is scaled by: the assignment in effect on the year's first day, else the
    first assignment that starts in the year (one query).
    """
    first_day, last_day = year_start(year), year_end(year)
    assignments = (
        Assignment.objects.filter(worker_id__in=list(worker_ids), start_date__lte=last_day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=first_day))
        .order_by("worker_id", "start_date", "pk")
        .values_list("worker_id", "fte")
    )
    ftes: dict[int, Decimal] = {}
    for worker_id, fte in assignments:
        # Ordered by start date: the first one overlapping the year is the one in effect on its first day, or the
        # first one the worker started in the year.
        ftes.setdefault(worker_id, fte)
    return ftes


def day_allowances(workers: Iterable[Worker], year: int, *, authority: Authority | Any) -> dict[int, Decimal]:
    """The allowance of each worker (all of one authority) for the year, in three queries whatever their number."""
    ids = [worker.pk for worker in workers]
    if not ids:
        return {}
    rule = cpd_settings_for(authority)
    overrides = dict(
        CpdDayAllowance.objects.filter(worker_id__in=ids, registration_year=year).values_list("worker_id", "days")
    )
    ftes = _allowance_ftes(ids, year) if rule.pro_rata else {}
    return {
        pk: overrides[pk]
        if pk in overrides
        else allowance_from_rule(days_per_year=rule.days_per_year, pro_rata=rule.pro_rata, fte=ftes.get(pk))
        for pk in ids
    }


def cpd_day_allowance(*, worker: Worker, year: int) -> Decimal:
    """One worker's protected CPD days for a registration year (the rule is in the module docstring)."""
    return day_allowances([worker], year, authority=worker.authority_id)[worker.pk]


def day_override(*, worker: Worker, year: int) -> CpdDayAllowance | None:
    return CpdDayAllowance.objects.filter(worker=worker, registration_year=year).first()


@dataclass(frozen=True)
class DayBalance:
    """A worker's CPD days in one year."""

    allowance: Decimal
    used: Decimal = ZERO
    booked: Decimal = ZERO
    pending: Decimal = ZERO

    @property
    def taken(self) -> Decimal:
        """Used and booked: the approved days."""
        return self.used + self.booked

    @property
    def remaining(self) -> Decimal:
        return self.allowance - self.taken

    @property
    def available_to_request(self) -> Decimal:
        """What a new request may still take: pending requests count against it too."""
        return max(ZERO, self.remaining - self.pending)


def _request_sums(worker_ids: Iterable[int], year: int, today: dt.date) -> dict[int, dict[str, Decimal]]:
    approved = Q(status=CpdDayRequest.Status.APPROVED)
    rows = (
        CpdDayRequest.objects.filter(worker_id__in=list(worker_ids), registration_year=year)
        .values("worker_id")
        .annotate(
            used=Sum("days", filter=approved & Q(start_date__lte=today)),
            booked=Sum("days", filter=approved & Q(start_date__gt=today)),
            pending=Sum("days", filter=Q(status=CpdDayRequest.Status.REQUESTED)),
        )
        .order_by()
    )
    return {row["worker_id"]: row for row in rows}


def day_balances(
    workers: Iterable[Worker], year: int, *, authority: Authority | Any, today: dt.date
) -> dict[int, DayBalance]:
    """Each worker's balance for the year, in a fixed number of queries."""
    workers = list(workers)
    allowances = day_allowances(workers, year, authority=authority)
    sums = _request_sums(allowances.keys(), year, today)
    balances = {}
    for pk, allowance in allowances.items():
        row: Mapping[str, Any] = sums.get(pk, {})
        balances[pk] = DayBalance(
            allowance=allowance,
            used=row.get("used") or ZERO,
            booked=row.get("booked") or ZERO,
            pending=row.get("pending") or ZERO,
        )
    return balances


def day_balance(*, worker: Worker, year: int, today: dt.date | None = None) -> DayBalance:
    on = today or wf_selectors.today()
    return day_balances([worker], year, authority=worker.authority_id, today=on)[worker.pk]


def worker_day_requests(*, worker: Worker, year: int) -> QuerySet[CpdDayRequest]:
    return CpdDayRequest.objects.filter(worker=worker, registration_year=year).select_related("decided_by")


def employment_on(worker: Worker, day: dt.date) -> Assignment | None:
    """The worker's assignment in effect on a date."""
    return (
        Assignment.objects.filter(wf_selectors.in_post_q(day), worker=worker)
        .select_related("team")
        .order_by("-start_date")
        .first()
    )


# ---------------------------------------------------------------------------
# The managers' uptake report
# ---------------------------------------------------------------------------
@dataclass
class UptakeRow:
    worker: Worker
    balance: DayBalance


@dataclass
class TeamUptake:
    team: Team
    rows: list[UptakeRow] = field(default_factory=list)

    def _total(self, name: str) -> Decimal:
        return sum((getattr(row.balance, name) for row in self.rows), ZERO)

    @property
    def allowance(self) -> Decimal:
        return self._total("allowance")

    @property
    def used(self) -> Decimal:
        return self._total("used")

    @property
    def booked(self) -> Decimal:
        return self._total("booked")

    @property
    def pending(self) -> Decimal:
        return self._total("pending")

    @property
    def remaining(self) -> Decimal:
        return self._total("remaining")

    @property
    def used_percent(self) -> Decimal | None:
        """Used days as a share of the allowance, one decimal place; None when the team has no allowance."""
        if not self.allowance:
            return None
        return (self.used / self.allowance * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class Uptake:
    year: int
    on: dt.date
    teams: list[TeamUptake]
    waiting: list[CpdDayRequest]
    team_of: dict[int, int] = field(default_factory=dict)  # worker pk -> team pk on the report date


def uptake_date(year: int, today: dt.date) -> dt.date:
    """The date whose team membership the report uses: today, or the last day of a past year."""
    return min(today, year_end(year)) if year_start(year) <= today else year_start(year)


def days_uptake(*, user: Any, teams: QuerySet[Team] | None = None, year: int, today: dt.date) -> Uptake:
    """The teams the user may see (or the chosen ones among them), each with its people in post on the report date
    and their balances; the requests waiting for a decision, oldest first. A fixed number of queries.
    """
    visible = teams_for_user(user)
    if teams is not None:
        visible = visible.filter(pk__in=teams.values("pk"))
    on = uptake_date(year, today)
    assignments = list(
        Assignment.objects.filter(wf_selectors.in_post_q(on), team__in=visible, worker__archived_at__isnull=True)
        .select_related("worker", "team", "team__service_area")
        .order_by("team__name", "team__code", "worker__last_name", "worker__first_name", "worker__pk")
    )
    workers = {a.worker_id: a.worker for a in assignments}
    authority = get_scope(user).authority
    balances = day_balances(workers.values(), year, authority=authority, today=today) if workers else {}
    by_team: dict[int, TeamUptake] = {}
    for assignment in assignments:
        entry = by_team.setdefault(assignment.team_id, TeamUptake(team=assignment.team))
        entry.rows.append(UptakeRow(worker=assignment.worker, balance=balances[assignment.worker_id]))
    waiting = list(
        CpdDayRequest.objects.filter(
            worker_id__in=list(workers), registration_year=year, status=CpdDayRequest.Status.REQUESTED
        )
        .select_related("worker")
        .order_by("start_date", "pk")
    )
    team_of = {a.worker_id: a.team_id for a in assignments}
    return Uptake(year=year, on=on, teams=list(by_team.values()), waiting=waiting, team_of=team_of)


def team_manager_emails(worker: Worker, on: dt.date) -> list[str]:
    """The e-mail addresses of the managers of the worker's team on a date (RoleAssignment team_manager)."""
    team_ids = Assignment.objects.filter(wf_selectors.in_post_q(on), worker=worker).values("team_id")
    emails = (
        RoleAssignment.objects.filter(
            role=UserRole.TEAM_MANAGER, team_id__in=team_ids, authority_id=worker.authority_id, user__is_active=True
        )
        .exclude(user__worker=worker)
        .values_list("user__email", flat=True)
        .distinct()
    )
    return sorted(set(emails))
