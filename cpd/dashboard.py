"""The CPD compliance section of the workforce dashboard (spec section 3).

- **CPD compliance** = social workers who meet the renewal requirement in the registration year containing the
  as-at date (at least two CPD records recorded, one with peer reflection) ÷ social workers × 100, rounded half up
  to one decimal place; null, with the reason, when there are no social workers.
- **Social workers** are counted as in the indicators: distinct workers with a permanent assignment in post at the
  as-at date in the scope (team, service area or authority), role `other` and archived workers left out.
- **CPD days used against the allowance** = approved CPD days of those social workers that start on or before the
  as-at date in that registration year ÷ the sum of their allowances × 100. Each allowance is the worker's own
  CpdDayAllowance for the year when there is one, else the authority's CpdSettings.days_per_year (3 when it has
  none), times the FTE of the assignment in post when the authority gives days pro rata. (Set-based, so the
  per-person rounding to half days of cpd.selectors.days is not applied to pro-rata allowances here.)

Everything is counted in the database: two queries whatever the number of workers.
``register()`` adds the section to the dashboard; CpdConfig.ready() calls it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse

from cpd.models import CpdDayAllowance, CpdDayRequest, CpdRecord, CpdSettings
from cpd.selectors.compliance import REQUIRED_RECORDS, REQUIRED_WITH_PEER_REFLECTION
from cpd.years import registration_year_for, year_label
from workforce.codes import Contract, Role
from workforce.dashboard import DashboardSection, ScopeChoice, register_dashboard_section
from workforce.indicators import rate, round_fte
from workforce.models import Assignment
from workforce.selectors import in_post_q

SECTION_KEY = "cpd-compliance"
SECTION_HEADING = "CPD compliance"
SECTION_TEMPLATE = "cpd/dashboard/_section.html"
DEFAULT_DAYS_PER_YEAR = Decimal("3")
NO_SOCIAL_WORKERS = "no social workers in post at this date"
NO_ALLOWANCE = "no CPD days are allowed to the social workers in post"
DAYS_FIELD = DecimalField(max_digits=12, decimal_places=2)


def _count(records: QuerySet[CpdRecord]) -> Coalesce:
    counted = records.order_by().values("worker").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def social_worker_assignments(choice: ScopeChoice, as_at: dt.date) -> QuerySet[Assignment]:
    """Permanent assignments in post at the date in the scope, role `other` and archived workers left out."""
    assignments = Assignment.objects.filter(
        in_post_q(as_at),
        contract=Contract.PERMANENT,
        team__authority=choice.authority,
        worker__archived_at__isnull=True,
    ).exclude(role=Role.OTHER)
    if choice.team is not None:
        assignments = assignments.filter(team=choice.team)
    elif choice.service_area is not None:
        assignments = assignments.filter(team__service_area=choice.service_area)
    return assignments


def cpd_figures(choice: ScopeChoice, as_at: dt.date) -> dict[str, Any]:
    """The figures of the section (two queries)."""
    year = registration_year_for(as_at)
    settings = CpdSettings.objects.filter(authority=choice.authority).first()
    days_per_year = settings.days_per_year if settings is not None else DEFAULT_DAYS_PER_YEAR
    pro_rata = settings.pro_rata if settings is not None else False

    recorded = CpdRecord.objects.filter(
        worker=OuterRef("worker_id"), registration_year=year, status=CpdRecord.Status.RECORDED
    )
    override = CpdDayAllowance.objects.filter(worker=OuterRef("worker_id"), registration_year=year)
    used = (
        CpdDayRequest.objects.filter(
            worker=OuterRef("worker_id"),
            registration_year=year,
            status=CpdDayRequest.Status.APPROVED,
            start_date__lte=as_at,
        )
        .order_by()
        .values("worker")
        .annotate(total=Sum("days"))
        .values("total")
    )
    rule = Value(days_per_year, output_field=DAYS_FIELD)
    totals = (
        social_worker_assignments(choice, as_at)
        .annotate(
            cpd_records=_count(recorded),
            cpd_peer=_count(recorded.exclude(peer_reflection="")),
            own_allowance=Subquery(override.values("days")[:1], output_field=DAYS_FIELD),
            used_days=Coalesce(Subquery(used, output_field=DAYS_FIELD), Value(Decimal("0"), output_field=DAYS_FIELD)),
        )
        .annotate(
            allowance=Coalesce("own_allowance", rule * F("fte") if pro_rata else rule, output_field=DAYS_FIELD),
        )
        .aggregate(
            headcount=Count("worker", distinct=True),
            met=Count(
                "worker",
                distinct=True,
                filter=Q(cpd_records__gte=REQUIRED_RECORDS, cpd_peer__gte=REQUIRED_WITH_PEER_REFLECTION),
            ),
            days_used=Sum("used_days"),
            days_allowance=Sum("allowance"),
        )
    )
    headcount, met = totals["headcount"], totals["met"]
    days_used = round_fte(totals["days_used"] or 0)
    days_allowance = round_fte(totals["days_allowance"] or 0)
    compliance = rate(met, headcount)
    days_share = rate(days_used, days_allowance)
    return {
        "year": year,
        "year_label": year_label(year),
        "as_at": as_at,
        "headcount": headcount,
        "met": met,
        "not_met": headcount - met,
        "compliance": compliance,
        "compliance_reason": None if compliance is not None else NO_SOCIAL_WORKERS,
        "days_used": days_used,
        "days_allowance": days_allowance,
        "days_share": days_share,
        "days_reason": None if days_share is not None else (NO_SOCIAL_WORKERS if not headcount else NO_ALLOWANCE),
        "days_per_year": days_per_year,
        "pro_rata": pro_rata,
    }


def _overview_url(choice: ScopeChoice) -> str | None:
    try:
        url = reverse("cpd:overview")
    except NoReverseMatch:
        return None
    return f"{url}?team={choice.team.pk}" if choice.team is not None else url


def cpd_section(choice: ScopeChoice, as_at: dt.date) -> dict[str, Any]:
    """The section's template context for a dashboard scope and as-at date."""
    return {**cpd_figures(choice, as_at), "scope": choice, "overview_url": _overview_url(choice)}


def register() -> None:
    """Add the section to the workforce dashboard (called from CpdConfig.ready())."""
    register_dashboard_section(
        DashboardSection(key=SECTION_KEY, heading=SECTION_HEADING, template=SECTION_TEMPLATE, build=cpd_section)
    )
