"""The indicators' query counts, pinned: a fixed number whatever the rows, teams, authorities or dates; and the
benchmarks' hand-written SQL baseline (benchmarks/sql_baseline.py) proven against our figures on the worked example."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benchmarks.sql_baseline import baseline_totals
from tests.paths import WORKED_EXAMPLE
from tests.workforce.factories import (
    AbsenceFactory,
    AssignmentFactory,
    AuthorityFactory,
    CaseloadRecordFactory,
    EstablishmentFactory,
    ServiceAreaFactory,
    TeamFactory,
    WorkerFactory,
)
from workforce.codes import Contract, LeavingReason
from workforce.indicators import (
    AUTHORITY_SCOPE,
    compute_indicators,
    indicator_series,
    indicator_series_by_service_area,
    indicator_series_by_team,
    indicators_by_authority,
    indicators_by_service_area,
    indicators_by_team,
    indicators_from_totals,
    month_ends,
)
from workforce.models import Authority

pytestmark = pytest.mark.django_db

D = dt.date(2025, 9, 30)
# Five queries for any list of dates: in post/agency/leavers, starters, vacancies, sickness, caseloads.
FIGURE_QUERIES = 5


def _count(func: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as context:
        func()
    return len(context.captured_queries)


def _grow(authority: Authority, *, teams: int, workers_per_team: int) -> None:
    """Teams in two service areas, each worker with an internal move, a caseload and a sickness absence."""
    areas = [ServiceAreaFactory(authority=authority), ServiceAreaFactory(authority=authority)]
    for t in range(teams):
        team = TeamFactory(authority=authority, service_area=areas[t % 2])
        EstablishmentFactory(team=team, establishment_fte=Decimal("4"))
        for w in range(workers_per_team):
            worker = WorkerFactory(authority=authority)
            AssignmentFactory(
                worker=worker,
                team=team,
                start_date=dt.date(2021, 1, 4),
                end_date=dt.date(2024, 12, 31),
                leaving_reason=LeavingReason.INTERNAL_MOVE,
            )
            contract = (Contract.PERMANENT, Contract.AGENCY)[w % 2]
            AssignmentFactory(worker=worker, team=team, start_date=dt.date(2025, 1, 1), contract=contract)
            for month_end in month_ends(D, 3):
                CaseloadRecordFactory(worker=worker, date=month_end, cases=w + t)
            day = dt.date(2025, 2, 3 + w % 5)
            AbsenceFactory(worker=worker, start_date=day, end_date=day)


CALLS: dict[str, tuple[Callable[[Authority], object], int]] = {
    "compute_indicators": (lambda a: compute_indicators(authority=a, as_at=D), FIGURE_QUERIES),
    "indicator_series, 24 months": (lambda a: indicator_series(authority=a, end=D), FIGURE_QUERIES),
    "indicator_series, 12 months": (lambda a: indicator_series(authority=a, end=D, months=12), FIGURE_QUERIES),
    # The breakdowns add one query to list the teams or the service areas.
    "indicators_by_team": (lambda a: indicators_by_team(authority=a, as_at=D), FIGURE_QUERIES + 1),
    "indicators_by_service_area": (lambda a: indicators_by_service_area(authority=a, as_at=D), FIGURE_QUERIES + 1),
    "indicator_series_by_team": (lambda a: indicator_series_by_team(authority=a, end=D), FIGURE_QUERIES + 1),
    "indicator_series_by_service_area": (
        lambda a: indicator_series_by_service_area(authority=a, end=D),
        FIGURE_QUERIES + 1,
    ),
    # One more to list the authorities.
    "indicators_by_authority": (lambda a: indicators_by_authority(as_at=D), FIGURE_QUERIES + 1),
}


@pytest.mark.parametrize("name", CALLS)
def test_the_queries_are_pinned_and_do_not_grow_with_rows_or_teams(name: str) -> None:
    call, expected = CALLS[name]
    authority = AuthorityFactory(code="QRY")
    _grow(authority, teams=1, workers_per_team=2)
    small = _count(lambda: call(authority))
    _grow(authority, teams=6, workers_per_team=4)
    AuthorityFactory(code="QRY2")  # and another authority
    _grow(Authority.objects.get(code="QRY2"), teams=2, workers_per_team=2)

    assert _count(lambda: call(authority)) == small == expected


def test_a_team_or_service_area_scope_takes_the_same_queries() -> None:
    authority = AuthorityFactory(code="QRY")
    _grow(authority, teams=3, workers_per_team=2)
    team = authority.teams.order_by("code").first()
    area = authority.service_areas.order_by("code").first()

    assert _count(lambda: compute_indicators(authority=authority, as_at=D, team=team)) == FIGURE_QUERIES
    assert _count(lambda: indicator_series(authority=authority, end=D, service_area=area)) == FIGURE_QUERIES


def test_the_series_takes_as_many_queries_for_24_months_as_for_one_date() -> None:
    authority = AuthorityFactory(code="QRY")
    _grow(authority, teams=2, workers_per_team=3)
    counts = {
        months: _count(lambda m=months: indicator_series(authority=authority, end=D, months=m))
        for months in (1, 12, 24, 36)
    }

    assert set(counts.values()) == {FIGURE_QUERIES}


# ---------------------------------------------------------------------------
# The baseline of the benchmarks gives our figures, so the comparison in benchmarks/indicators_cases.py is fair.
# ---------------------------------------------------------------------------
def _import_worked_example() -> Authority:
    for kind in ("staff", "establishment", "caseloads", "absences"):
        path = WORKED_EXAMPLE / f"{kind}.csv"
        call_command("import_workforce", kind, str(path), stdout=io.StringIO(), stderr=io.StringIO())
    return Authority.objects.get()


def test_the_sql_baseline_gives_our_figures_on_the_worked_example() -> None:
    authority = _import_worked_example()
    dates = [*month_ends(D), dt.date(2025, 3, 31), dt.date(2024, 2, 29)]
    ours = [compute_indicators(authority=authority, as_at=on) for on in dates]

    totals = baseline_totals(dates, [authority.pk])
    theirs = [
        indicators_from_totals(as_at=on, scope=AUTHORITY_SCOPE, totals=totals[(authority.pk, on)]) for on in dates
    ]

    assert theirs == ours
    assert ours[-3].leavers_headcount > 0  # the figures are not all zeros
    assert ours[-3].case_holders_fte > 0


def test_the_sql_baseline_gives_our_figures_for_every_authority() -> None:
    authority = _import_worked_example()
    other = AuthorityFactory(code="OTHER")
    _grow(other, teams=2, workers_per_team=3)
    AuthorityFactory(code="EMPTY")

    totals = baseline_totals([D])
    for each, ours in indicators_by_authority(as_at=D):
        assert indicators_from_totals(as_at=D, scope=AUTHORITY_SCOPE, totals=totals[(each.pk, D)]) == ours
    assert {pk for pk, _ in totals} == set(Authority.objects.values_list("pk", flat=True))
    assert authority.pk in {pk for pk, _ in totals}


def test_headcounts_count_each_worker_once_even_when_stored_data_breaks_the_one_post_rule() -> None:
    """The series counts rows and takes away duplicates; a worker with two overlapping posts, or two departures in a
    year, still counts once, at every date, by team and for the authority (checked against COUNT(DISTINCT))."""
    authority = AuthorityFactory()
    team, other_team = TeamFactory(authority=authority), TeamFactory(authority=authority)
    twice_in_post = WorkerFactory(authority=authority)  # two overlapping permanent posts, in two teams
    AssignmentFactory(worker=twice_in_post, team=team, start_date=dt.date(2023, 1, 2), fte=Decimal("0.5"))
    AssignmentFactory(worker=twice_in_post, team=other_team, start_date=dt.date(2024, 6, 3), fte=Decimal("0.5"))
    AssignmentFactory(worker=twice_in_post, team=team, start_date=dt.date(2024, 9, 2), fte=Decimal("0.2"))
    left_twice = WorkerFactory(authority=authority)  # left, came back, left again within a year
    for start, end in ((dt.date(2022, 4, 1), dt.date(2024, 11, 29)), (dt.date(2025, 1, 6), dt.date(2025, 6, 30))):
        AssignmentFactory(worker=left_twice, team=team, start_date=start, end_date=end, leaving_reason="resignation")
    agency_twice = WorkerFactory(authority=authority)
    for start in (dt.date(2024, 2, 5), dt.date(2024, 3, 4)):
        AssignmentFactory(worker=agency_twice, team=other_team, start_date=start, contract=Contract.AGENCY)
    single = WorkerFactory(authority=authority)
    AssignmentFactory(worker=single, team=team, start_date=dt.date(2020, 9, 1))

    series = indicator_series(authority=authority, end=D)
    at_d = series[-1]
    assert (at_d.social_workers_headcount, at_d.social_workers_fte) == (2, Decimal("2.20"))
    assert (at_d.agency_headcount, at_d.agency_fte) == (1, Decimal("2.00"))
    assert (at_d.leavers_headcount, at_d.leavers_fte) == (1, Decimal("2.00"))

    dates = month_ends(D)
    totals = baseline_totals(dates, [authority.pk])
    assert series == [
        indicators_from_totals(as_at=on, scope=AUTHORITY_SCOPE, totals=totals[(authority.pk, on)]) for on in dates
    ]
    by_team = dict(indicators_by_team(authority=authority, as_at=D))
    assert by_team[team].social_workers_headcount == 2  # the worker's two posts in this team count once
    assert by_team[other_team].social_workers_headcount == 1
    assert by_team[other_team].agency_headcount == 1
