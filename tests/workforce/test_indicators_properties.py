"""Property: over random small workforces, the teams' figures add up to the authority's (spec section 3)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
from workforce.codes import AbsenceType, Contract, LeavingReason, Role
from workforce.indicators import (
    compute_indicators,
    indicators_by_service_area,
    indicators_by_team,
    indicators_for_dates,
)

pytestmark = pytest.mark.django_db

ADDITIVE = (
    "social_workers_fte",
    "agency_fte",
    "leavers_fte",
    "starters_fte",
    "vacancy_fte",
    "cases",
    "case_holders_fte",
    "sickness_days_lost",
    "manager_leavers_fte",
    "manager_social_workers_fte",
)
AS_AT_DATES = (dt.date(2025, 9, 30), dt.date(2025, 3, 31), dt.date(2024, 2, 29))
FIRST_DAY = dt.date(2022, 10, 3)

# Two decimal places, so that the rounded team figures add up exactly to the rounded authority figure.
ftes = st.integers(min_value=1, max_value=20).map(lambda n: Decimal(n) / 20)
day_offsets = st.integers(min_value=0, max_value=3 * 365)
posts = st.fixed_dictionaries(
    {
        "team": st.integers(min_value=0, max_value=3),
        "role": st.sampled_from([Role.CASE_HOLDER, Role.FIRST_LINE_MANAGER, Role.SENIOR_PRACTITIONER, Role.OTHER]),
        "contract": st.sampled_from([Contract.PERMANENT, Contract.PERMANENT, Contract.AGENCY]),
        "fte": ftes,
        "length": st.integers(min_value=1, max_value=500),
        # What ends the post: still in post, an internal move (next post the same day or the day after), a
        # resignation followed by a later return, or a resignation.
        "then": st.sampled_from(["stay", "move_same_day", "move_next_day", "leave_and_return", "leave"]),
    }
)
workers = st.fixed_dictionaries(
    {
        "start": day_offsets,
        "posts": st.lists(posts, min_size=1, max_size=3),
        "caseloads": st.lists(
            # Days before the as-at date: most inside the 31-day window, some just outside it or after the date.
            st.tuples(st.integers(min_value=-3, max_value=40), st.integers(min_value=0, max_value=25)),
            max_size=4,
        ),
        "absences": st.lists(
            st.tuples(
                st.integers(min_value=-5, max_value=400),  # days before the as-at date
                st.sampled_from([AbsenceType.SICKNESS, AbsenceType.SICKNESS, AbsenceType.OTHER]),
                st.integers(min_value=0, max_value=40).map(lambda n: Decimal(n) / 2),
            ),
            max_size=3,
        ),
    }
)
workforces = st.fixed_dictionaries(
    {
        "as_at": st.sampled_from(AS_AT_DATES),
        "teams": st.lists(
            st.fixed_dictionaries(
                {
                    "area": st.sampled_from([0, 1, None]),
                    "establishment": st.lists(
                        st.tuples(day_offsets, st.integers(min_value=0, max_value=40).map(lambda n: Decimal(n) / 4)),
                        max_size=2,
                    ),
                }
            ),
            min_size=1,
            max_size=4,
        ),
        "workers": st.lists(workers, max_size=7),
    }
)


def _day(offset: int) -> dt.date:
    return FIRST_DAY + dt.timedelta(days=offset)


def _build(data: dict):  # noqa: ANN202
    authority = AuthorityFactory()
    as_at = data["as_at"]
    areas = [ServiceAreaFactory(authority=authority) for _ in range(2)]
    teams = []
    for spec in data["teams"]:
        team = TeamFactory(authority=authority, service_area=None if spec["area"] is None else areas[spec["area"]])
        for offset, fte in dict(spec["establishment"]).items():
            EstablishmentFactory(team=team, effective_from=_day(offset), establishment_fte=fte)
        teams.append(team)
    for spec in data["workers"]:
        worker = WorkerFactory(authority=authority)
        start = _day(spec["start"])
        for index, post in enumerate(spec["posts"]):
            last = index == len(spec["posts"]) - 1
            then = "stay" if last and post["then"] != "leave" else post["then"]
            end = None if then == "stay" else start + dt.timedelta(days=post["length"])
            reason = {"stay": "", "leave": LeavingReason.RESIGNATION, "leave_and_return": LeavingReason.RESIGNATION}
            AssignmentFactory(
                worker=worker,
                team=teams[post["team"] % len(teams)],
                role=post["role"],
                contract=post["contract"],
                fte=post["fte"],
                start_date=start,
                end_date=end,
                leaving_reason=reason.get(then, LeavingReason.INTERNAL_MOVE),
            )
            if end is None:
                break
            start = end + dt.timedelta(days={"move_same_day": 0, "move_next_day": 1}.get(then, 30))
        for before, cases in dict(spec["caseloads"]).items():
            CaseloadRecordFactory(worker=worker, date=as_at - dt.timedelta(days=before), cases=cases)
        for before, kind, days in {a[0]: a for a in spec["absences"]}.values():
            on = as_at - dt.timedelta(days=before)
            AbsenceFactory(worker=worker, start_date=on, end_date=on, type=kind, working_days_lost=days)
    return authority, teams, areas


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=workforces)
def test_the_teams_figures_add_up_to_the_authoritys(data: dict) -> None:
    with transaction.atomic():
        authority, teams, areas = _build(data)
        as_at = data["as_at"]
        total = compute_indicators(authority=authority, as_at=as_at)
        by_team = indicators_by_team(authority=authority, as_at=as_at)
        assert len(by_team) == len(teams)
        for key in ADDITIVE:
            assert sum(getattr(result, key) for _, result in by_team) == getattr(total, key), key
        # Grouped in one query or filtered team by team, a team's figures are the same.
        for team, result in by_team:
            assert result == compute_indicators(authority=authority, as_at=as_at, team=team)
        # A service area is the sum of its teams.
        for area, result in indicators_by_service_area(authority=authority, as_at=as_at):
            for key in ADDITIVE:
                parts = (getattr(r, key) for t, r in by_team if t.service_area_id == area.pk)
                assert sum(parts) == getattr(result, key), (area.code, key)
        transaction.set_rollback(True)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=workforces)
def test_several_dates_at_once_equal_each_date_alone(data: dict) -> None:
    """The conditional aggregates for many dates in one query give what each date gives on its own."""
    with transaction.atomic():
        authority, teams, _ = _build(data)
        dates = sorted({*AS_AT_DATES, dt.date(2024, 9, 30), dt.date(2025, 1, 31)})
        together = indicators_for_dates(authority=authority, dates=dates)
        assert together == [compute_indicators(authority=authority, as_at=on) for on in dates]
        team = teams[0]
        assert indicators_for_dates(authority=authority, dates=dates, team=team) == [
            compute_indicators(authority=authority, as_at=on, team=team) for on in dates
        ]
        transaction.set_rollback(True)
