"""Read queries for workforce pages. Every list query is limited to what the user may see (workforce.access)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from workforce.codes import Role
from workforce.models import Assignment, Authority, CaseloadRecord, RoleAssignment, ServiceArea, Team, Worker


def today() -> dt.date:
    return timezone.localdate()


def in_post_q(on: dt.date, prefix: str = "") -> Q:
    """Assignments in post on a date: started on or before it, not ended on or before it (spec section 3)."""
    return Q(**{f"{prefix}start_date__lte": on}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gt": on})
    )


def latest_caseload_subquery(on: dt.date, *, worker_ref: str = "worker") -> Subquery:
    """The cases on the worker's latest caseload record on or before a date."""
    records = CaseloadRecord.objects.filter(worker=OuterRef(worker_ref), date__lte=on).order_by("-date")
    return Subquery(records.values("cases")[:1], output_field=IntegerField())


def latest_caseload_date_subquery(on: dt.date, *, worker_ref: str = "worker") -> Subquery:
    records = CaseloadRecord.objects.filter(worker=OuterRef(worker_ref), date__lte=on).order_by("-date")
    return Subquery(records.values("date")[:1])


def current_assignment(worker: Worker, on: dt.date | None = None) -> Assignment | None:
    on = on or today()
    return worker.assignments.filter(in_post_q(on)).select_related("team", "team__service_area").first()


def team_assignments_in_post(teams: QuerySet[Team] | list[Team], on: dt.date | None = None) -> QuerySet[Assignment]:
    """People in post in the teams on a date, with their latest caseload, ordered by team and name."""
    on = on or today()
    return (
        Assignment.objects.filter(in_post_q(on), team__in=teams, worker__archived_at__isnull=True)
        .select_related("worker", "team")
        .annotate(latest_cases=latest_caseload_subquery(on), latest_cases_date=latest_caseload_date_subquery(on))
        .order_by("team__name", "worker__last_name", "worker__first_name")
    )


def teams_with_counts(teams: QuerySet[Team], on: dt.date | None = None) -> QuerySet[Team]:
    """Teams with the headcount of social workers in post (role `other` left out) and of agency workers."""
    on = on or today()
    in_post = in_post_q(on, prefix="assignments__") & ~Q(assignments__role=Role.OTHER)
    return teams.select_related("service_area").annotate(
        permanent_headcount=Count(
            "assignments__worker", filter=in_post & Q(assignments__contract="permanent"), distinct=True
        ),
        agency_headcount=Count(
            "assignments__worker", filter=in_post & Q(assignments__contract="agency"), distinct=True
        ),
    )


def authority_overview(authority: Authority, on: dt.date | None = None) -> dict[str, Any]:
    """Headline counts for a workforce officer's or administrator's home page."""
    on = on or today()
    in_post = Assignment.objects.filter(in_post_q(on), team__authority=authority, worker__archived_at__isnull=True)
    social_work = in_post.exclude(role=Role.OTHER)
    return {
        "on": on,
        "in_post": social_work.filter(contract="permanent").values("worker").distinct().count(),
        "agency": social_work.filter(contract="agency").values("worker").distinct().count(),
        "teams": Team.objects.filter(authority=authority).count(),
        "service_areas": ServiceArea.objects.filter(authority=authority).count(),
        "users": RoleAssignment.objects.filter(authority=authority).values("user").distinct().count(),
    }


def service_areas_with_teams(authority: Authority) -> QuerySet[ServiceArea]:
    return ServiceArea.objects.filter(authority=authority).prefetch_related("teams").order_by("name")
