"""The CPD overview of teams and the authority (spec section 2, cpd): who is at risk of not renewing by 30 November.

One row per person in post (role `other` left out, agency workers included: they renew with SWE too) in the teams
the user may see, with their renewal counts for the chosen registration year. For a past year the people are those
in post on its 30 November; for the current year those in post today. Every list here is a fixed number of queries
whatever the number of people.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.urls import NoReverseMatch, reverse

from cpd.access.oversight import can_follow_to_cpd_content, overview_teams_for_user
from cpd.filters_oversight import OversightFilter, RenewalStatus
from cpd.selectors.compliance import with_renewal_counts
from cpd.years import days_left, year_end
from workforce.codes import Role
from workforce.indicators import rate
from workforce.models import Assignment, Team, Worker
from workforce.selectors import in_post_q

ORDERING = ("oversight_team_name", "oversight_team_code", "last_name", "first_name", "pk")


def reference_date(year: int, today: dt.date) -> dt.date:
    """Whose CPD counts for a year: those in post today, or on the deadline of a year already over."""
    return min(today, year_end(year))


def people_in_post(*, teams: QuerySet[Team], year: int, on: dt.date) -> QuerySet[Worker]:
    """Social workers in post on the date in the teams, with their team and renewal counts for the year (1 query)."""
    posts = Assignment.objects.filter(in_post_q(on), worker=OuterRef("pk"), team__in=teams).exclude(role=Role.OTHER)
    latest = posts.order_by("-start_date", "-pk")
    workers = Worker.objects.filter(Exists(posts), archived_at__isnull=True).annotate(
        oversight_team_id=Subquery(latest.values("team_id")[:1]),
        oversight_team_name=Subquery(latest.values("team__name")[:1]),
        oversight_team_code=Subquery(latest.values("team__code")[:1]),
    )
    return with_renewal_counts(workers, year).order_by(*ORDERING)


def people_for_user(*, user: Any, year: int, today: dt.date) -> QuerySet[Worker]:
    return people_in_post(teams=overview_teams_for_user(user), year=year, on=reference_date(year, today))


@dataclass(frozen=True)
class PersonRow:
    """One person's line of the overview: counts and status only, never what they wrote."""

    worker_pk: int
    worker_id: str
    name: str
    team_name: str
    team_code: str
    records: int
    with_peer_reflection: int
    deadline: dt.date
    days_left: int
    swe_renewal_date: dt.date | None
    cpd_url: str | None = None

    @property
    def has_peer_reflection(self) -> bool:
        return self.with_peer_reflection >= 1

    @property
    def status(self) -> str:
        return RenewalStatus.of(self.records, self.with_peer_reflection)

    @property
    def status_label(self) -> str:
        return RenewalStatus.LABELS[self.status]


@dataclass(frozen=True)
class TeamSummary:
    team_id: int
    name: str
    code: str
    people: int
    met: int

    @property
    def met_share(self) -> Any:
        return rate(self.met, self.people)


@dataclass
class StatusCount:
    key: str
    label: str
    count: int


@dataclass
class Overview:
    """What the overview page shows for one user and set of filters."""

    filterset: OversightFilter
    year: int
    on: dt.date
    today: dt.date
    people: QuerySet[Worker]  # filtered, for the page's list (paginated by the view)
    status_counts: list[StatusCount] = field(default_factory=list)
    team_summaries: list[TeamSummary] = field(default_factory=list)
    total: int = 0

    @property
    def deadline(self) -> dt.date:
        return year_end(self.year)

    @property
    def days_left(self) -> int:
        return days_left(self.year, self.today)

    @property
    def is_current(self) -> bool:
        return self.on == self.today


def _worker_cpd_url(pk: int) -> str | None:
    """The person's CPD page, when that page exists (it is built in another part of the app)."""
    try:
        return reverse("cpd:worker_cpd", kwargs={"pk": pk})
    except NoReverseMatch:
        return None


def person_rows(workers: Iterable[Worker], *, year: int, today: dt.date, with_links: bool) -> list[PersonRow]:
    """Rows of already annotated workers (no queries)."""
    deadline, left = year_end(year), days_left(year, today)
    return [
        PersonRow(
            worker_pk=w.pk,
            worker_id=w.worker_id,
            name=f"{w.first_name} {w.last_name}",
            team_name=w.oversight_team_name or "",
            team_code=w.oversight_team_code or "",
            records=w.cpd_records_count,
            with_peer_reflection=w.cpd_peer_count,
            deadline=deadline,
            days_left=left,
            swe_renewal_date=w.swe_renewal_date,
            cpd_url=_worker_cpd_url(w.pk) if with_links else None,
        )
        for w in workers
    ]


def _summaries(people: QuerySet[Worker], team_id: int | None) -> tuple[list[StatusCount], list[TeamSummary], int]:
    """Counts by status (of the chosen team, or all) and by team (every team), from one query."""
    values = people.values(
        "oversight_team_id", "oversight_team_name", "oversight_team_code", "cpd_records_count", "cpd_peer_count"
    )
    counts = dict.fromkeys(RenewalStatus.ORDER, 0)
    teams: dict[int, dict[str, Any]] = {}
    total = 0
    for row in values:
        status = RenewalStatus.of(row["cpd_records_count"], row["cpd_peer_count"])
        team = teams.setdefault(
            row["oversight_team_id"],
            {"name": row["oversight_team_name"], "code": row["oversight_team_code"], "people": 0, "met": 0},
        )
        team["people"] += 1
        team["met"] += status == RenewalStatus.MET
        if team_id is None or row["oversight_team_id"] == team_id:
            counts[status] += 1
            total += 1
    status_counts = [StatusCount(key, RenewalStatus.LABELS[key], counts[key]) for key in RenewalStatus.ORDER]
    summaries = [
        TeamSummary(team_id=pk, name=t["name"], code=t["code"], people=t["people"], met=t["met"])
        for pk, t in sorted(teams.items(), key=lambda item: (item[1]["name"], item[1]["code"]))
    ]
    return status_counts, summaries, total


def cpd_overview(*, user: Any, filters: Mapping[str, Any] | None, today: dt.date) -> Overview:
    """The filtered people (a queryset for the page to paginate), counts by status and the by-team summary."""
    filterset = OversightFilter(filters, user=user, today=today)
    year = filterset.chosen_year
    people = people_for_user(user=user, year=year, today=today)
    filterset.queryset = people
    team = filterset.chosen_team
    status_counts, summaries, total = _summaries(people, team.pk if team is not None else None)
    return Overview(
        filterset=filterset,
        year=year,
        on=reference_date(year, today),
        today=today,
        people=filterset.qs,
        status_counts=status_counts,
        team_summaries=summaries,
        total=total,
    )


def overview_rows(*, user: Any, overview: Overview, workers: Iterable[Worker]) -> list[PersonRow]:
    return person_rows(workers, year=overview.year, today=overview.today, with_links=can_follow_to_cpd_content(user))
