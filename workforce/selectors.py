"""Read queries for workforce pages. Every list query is limited to what the user may see (workforce.access)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db.models import (
    Count,
    DecimalField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from workforce.access import teams_for_user, workers_for_user
from workforce.codes import Contract, LeavingReason, Role
from workforce.models import (
    Absence,
    Assignment,
    Authority,
    CaseloadRecord,
    Establishment,
    RoleAssignment,
    ServiceArea,
    Team,
    Worker,
)


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


# ---------------------------------------------------------------------------
# Staff and team pages
# ---------------------------------------------------------------------------
STAFF_PAGE_SIZE = 50
SUM_FTE_FIELD = DecimalField(max_digits=12, decimal_places=4)


def staff_list(*, user: Any, filters: Mapping[str, Any] | None, on: dt.date | None = None) -> QuerySet[Worker]:
    """The staff records the user may see, filtered by workforce.filters.StaffFilter, ordered by name.

    Each worker carries ``assignments_to_date`` (their assignments started on or before the date, latest first),
    so the first is the post they hold, or the last they held; the whole list costs two queries however long it
    is. Invalid filters give an empty list (the page shows the errors beside the fields).
    """
    from workforce.filters import StaffFilter  # the FilterSet's choices use selectors: import it late

    on = on or today()
    shown = Assignment.objects.filter(worker=OuterRef("pk"), start_date__lte=on).order_by("-start_date")
    workers = workers_for_user(user).annotate(shown_assignment_id=Subquery(shown.values("pk")[:1]))
    filterset = StaffFilter(filters, queryset=workers, user=user, on=on)
    if not filterset.is_valid():
        return workers.none()
    return filterset.qs.order_by("last_name", "first_name", "worker_id").prefetch_related(
        Prefetch(
            "assignments",
            queryset=Assignment.objects.filter(start_date__lte=on)
            .select_related("team", "team__service_area")
            .order_by("-start_date"),
            to_attr="assignments_to_date",
        )
    )


def worker_assignments(worker: Worker) -> QuerySet[Assignment]:
    """A worker's assignments, earliest first, with their teams."""
    return worker.assignments.select_related("team", "team__service_area").order_by("start_date")


def worker_caseloads(worker: Worker) -> QuerySet[CaseloadRecord]:
    """A worker's caseload records, latest first."""
    return worker.caseload_records.order_by("-date")


def worker_absences(worker: Worker) -> QuerySet[Absence]:
    """A worker's absences, latest first."""
    return worker.absences.order_by("-start_date")


def establishment_at_subquery(on: dt.date, *, team_ref: str = "pk") -> Subquery:
    """The establishment FTE of the team in effect on a date (the latest record on or before it)."""
    records = Establishment.objects.filter(team=OuterRef(team_ref), effective_from__lte=on).order_by("-effective_from")
    return Subquery(records.values("establishment_fte")[:1], output_field=DecimalField(max_digits=8, decimal_places=2))


def _vacancy(establishment: Decimal | None, social_workers_fte: Decimal | None) -> Decimal | None:
    """Establishment − permanent social worker FTE, not below 0; None when the team has no establishment."""
    if establishment is None:
        return None
    return max(Decimal("0"), Decimal(establishment) - Decimal(social_workers_fte or 0))


def _in_post_social_work(on: dt.date) -> QuerySet[Assignment]:
    """In-post social work assignments (role `other` left out) of workers not archived."""
    return (
        Assignment.objects.filter(in_post_q(on), worker__archived_at__isnull=True).exclude(role=Role.OTHER).order_by()
    )


def _per_team(assignments: QuerySet[Assignment], aggregate: Any, output_field: Any) -> Coalesce:
    values = assignments.filter(team=OuterRef("pk")).values("team").annotate(total=aggregate).values("total")[:1]
    zero = Value(Decimal("0"), output_field=output_field) if isinstance(output_field, DecimalField) else Value(0)
    return Coalesce(Subquery(values, output_field=output_field), zero, output_field=output_field)


def team_list(*, user: Any, on: dt.date | None = None) -> list[Team]:
    """The teams the user may see, with today's headcount, FTE, establishment and vacancy, in one query.

    Each team carries ``social_workers_headcount``/``social_workers_fte`` (permanent), ``agency_headcount``/
    ``agency_fte``, ``establishment_fte`` (None when never set) and ``vacancy_fte`` (spec section 3).
    """
    on = on or today()
    permanent = _in_post_social_work(on).filter(contract=Contract.PERMANENT)
    agency = _in_post_social_work(on).filter(contract=Contract.AGENCY)
    teams = list(
        teams_for_user(user)
        .select_related("service_area")
        .annotate(
            social_workers_headcount=_per_team(permanent, Count("worker", distinct=True), IntegerField()),
            social_workers_fte=_per_team(permanent, Sum("fte", output_field=SUM_FTE_FIELD), SUM_FTE_FIELD),
            agency_headcount=_per_team(agency, Count("worker", distinct=True), IntegerField()),
            agency_fte=_per_team(agency, Sum("fte", output_field=SUM_FTE_FIELD), SUM_FTE_FIELD),
            establishment_fte=establishment_at_subquery(on),
        )
        .order_by("name", "code")
    )
    for team in teams:
        team.vacancy_fte = _vacancy(team.establishment_fte, team.social_workers_fte)
    return teams


def team_summary(team: Team, on: dt.date | None = None) -> dict[str, Any]:
    """A team's figures on a date: social workers and agency (headcount, FTE), establishment and vacancy."""
    on = on or today()
    figures = (
        _in_post_social_work(on)
        .filter(team=team)
        .aggregate(
            social_workers_headcount=Count("worker", distinct=True, filter=Q(contract=Contract.PERMANENT)),
            social_workers_fte=Sum("fte", filter=Q(contract=Contract.PERMANENT), output_field=SUM_FTE_FIELD),
            agency_headcount=Count("worker", distinct=True, filter=Q(contract=Contract.AGENCY)),
            agency_fte=Sum("fte", filter=Q(contract=Contract.AGENCY), output_field=SUM_FTE_FIELD),
        )
    )
    figures["social_workers_fte"] = figures["social_workers_fte"] or Decimal("0")
    figures["agency_fte"] = figures["agency_fte"] or Decimal("0")
    current = team.establishment_records.filter(effective_from__lte=on).order_by("-effective_from").first()
    figures["on"] = on
    figures["establishment"] = current
    figures["establishment_fte"] = current.establishment_fte if current else None
    figures["vacancy_fte"] = _vacancy(figures["establishment_fte"], figures["social_workers_fte"])
    return figures


def team_establishment_history(team: Team) -> QuerySet[Establishment]:
    """Every establishment record of a team, latest first (future-dated ones included)."""
    return team.establishment_records.select_related("updated_by").order_by("-effective_from")


def team_leavers(team: Team, on: dt.date | None = None) -> QuerySet[Assignment]:
    """Assignments in the team that ended with a leaver's reason in the 12 months to the date, latest first."""
    on = on or today()
    return (
        Assignment.objects.filter(team=team, end_date__gt=_year_before(on), end_date__lte=on)
        .exclude(leaving_reason=LeavingReason.INTERNAL_MOVE)
        .filter(worker__archived_at__isnull=True)
        .select_related("worker")
        .order_by("-end_date", "worker__last_name")
    )


def team_starters(team: Team, on: dt.date | None = None) -> list[Assignment]:
    """Assignments in the team that started in the 12 months to the date and are not the continuation of an
    internal move (the worker's previous assignment ended with `internal_move` that day or the day before).
    """
    on = on or today()
    started = list(
        Assignment.objects.filter(team=team, start_date__gt=_year_before(on), start_date__lte=on)
        .filter(worker__archived_at__isnull=True)
        .select_related("worker")
        .order_by("-start_date", "worker__last_name")
    )
    moves = set(
        Assignment.objects.filter(
            worker__in=[a.worker_id for a in started],
            leaving_reason=LeavingReason.INTERNAL_MOVE,
            end_date__gte=_year_before(on) - dt.timedelta(days=1),
        ).values_list("worker_id", "end_date")
    )
    return [
        a
        for a in started
        if (a.worker_id, a.start_date) not in moves and (a.worker_id, a.start_date - dt.timedelta(days=1)) not in moves
    ]


def _year_before(on: dt.date) -> dt.date:
    """D minus one year (29 February goes to 28 February)."""
    try:
        return on.replace(year=on.year - 1)
    except ValueError:
        return on.replace(year=on.year - 1, day=28)


def open_assignment(worker: Worker) -> Assignment | None:
    """The worker's assignment with no end date (the post a leaver or a move ends), if any."""
    return (
        worker.assignments.filter(end_date__isnull=True)
        .select_related("team", "team__service_area")
        .order_by("-start_date")
        .first()
    )
