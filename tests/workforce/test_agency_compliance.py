"""Flags for agency assignments that break the DfE statutory guidance (spec section 2)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.workforce.factories import AssignmentFactory, AuthorityFactory, TeamFactory, WorkerFactory
from workforce import agency
from workforce.codes import Contract, LeavingReason, Role
from workforce.models import AgencyEngagement

pytestmark = pytest.mark.django_db
ON = dt.date(2025, 9, 30)


@pytest.fixture
def team():
    return TeamFactory(authority=AuthorityFactory(code="AG"))


def _agency(team, *, start=dt.date(2025, 6, 2), worker=None, with_details=True, **details):  # noqa: ANN001, ANN202
    worker = worker or WorkerFactory(authority=team.authority)
    assignment = AssignmentFactory(worker=worker, team=team, contract=Contract.AGENCY, start_date=start)
    if with_details:
        values = {
            "agency": "Caring Staff Ltd",
            "pay_rate": Decimal("38.00"),
            "employer_ni": Decimal("4.00"),
            "apprenticeship_levy": Decimal("0.20"),
            "regional_price_cap": Decimal("46.00"),
            "pq_experience_years": Decimal("5"),
            "notice_period_weeks": 4,
        }
        values.update(details)
        AgencyEngagement.objects.create(assignment=assignment, **values)
    return assignment


def _flags(team) -> list[tuple[str, ...]]:  # noqa: ANN001
    return [check.flags for check in agency.agency_compliance(authority=team.authority, on=ON)]


def test_it_passes_an_engagement_within_every_rule(team) -> None:
    _agency(team)
    assert _flags(team) == [()]


def test_it_flags_under_three_years_experience(team) -> None:
    _agency(team, pq_experience_years=Decimal("2.9"))
    assert _flags(team) == [(agency.FLAG_EXPERIENCE,)]


def test_it_flags_a_charge_over_the_cap_without_both_sign_offs(team) -> None:
    _agency(team, pay_rate=Decimal("45.00"), dcs_signoff_on=dt.date(2025, 5, 30))
    assert _flags(team) == [(agency.FLAG_OVER_CAP,)]


def test_it_accepts_a_charge_over_the_cap_with_both_sign_offs(team) -> None:
    _agency(
        team,
        pay_rate=Decimal("45.00"),
        dcs_signoff_on=dt.date(2025, 5, 30),
        chief_executive_signoff_on=dt.date(2025, 5, 31),
    )
    assert _flags(team) == [()]


def test_it_flags_a_notice_period_over_four_weeks(team) -> None:
    _agency(team, notice_period_weeks=5)
    assert _flags(team) == [(agency.FLAG_NOTICE,)]


def test_it_flags_missing_engagement_details(team) -> None:
    _agency(team, with_details=False)
    assert _flags(team) == [(agency.FLAG_NO_DETAILS,)]


def test_it_flags_agency_work_within_three_months_of_leaving_a_permanent_post(team) -> None:
    worker = WorkerFactory(authority=team.authority)
    AssignmentFactory(
        worker=worker,
        team=team,
        start_date=dt.date(2020, 1, 6),
        end_date=dt.date(2025, 3, 3),
        leaving_reason=LeavingReason.RESIGNATION,
    )
    _agency(team, worker=worker, start=dt.date(2025, 6, 2))
    assert _flags(team) == [(agency.FLAG_RECENT_PERMANENT,)]


def test_it_allows_agency_work_more_than_three_months_after_leaving(team) -> None:
    worker = WorkerFactory(authority=team.authority)
    AssignmentFactory(
        worker=worker,
        team=team,
        start_date=dt.date(2020, 1, 6),
        end_date=dt.date(2025, 3, 1),
        leaving_reason=LeavingReason.RESIGNATION,
    )
    _agency(team, worker=worker, start=dt.date(2025, 6, 2))
    assert _flags(team) == [()]


def test_it_ignores_a_previous_post_that_was_not_social_work(team) -> None:
    worker = WorkerFactory(authority=team.authority)
    AssignmentFactory(
        worker=worker,
        team=team,
        role=Role.OTHER,
        start_date=dt.date(2020, 1, 6),
        end_date=dt.date(2025, 5, 30),
        leaving_reason=LeavingReason.RESIGNATION,
    )
    _agency(team, worker=worker, start=dt.date(2025, 6, 2))
    assert _flags(team) == [()]


def test_it_lists_every_flag_an_engagement_breaks(team) -> None:
    _agency(team, pq_experience_years=Decimal("1"), notice_period_weeks=8, pay_rate=Decimal("60"))
    assert _flags(team) == [(agency.FLAG_EXPERIENCE, agency.FLAG_OVER_CAP, agency.FLAG_NOTICE)]


def test_the_quarterly_return_lists_assignments_active_in_the_quarter(team) -> None:
    inside = _agency(team, start=dt.date(2025, 8, 4))
    _agency(team, start=dt.date(2025, 10, 6))  # starts after the quarter
    ended = _agency(team, start=dt.date(2025, 1, 6))
    ended.end_date = dt.date(2025, 7, 1)
    ended.leaving_reason = LeavingReason.OTHER
    ended.save()
    rows = agency.agency_return(authority=team.authority, year=2025, quarter=3)
    assert {check.assignment.pk for check in rows} == {inside.pk, ended.pk}


def test_the_checks_take_one_query_however_many_assignments(team, django_assert_num_queries) -> None:
    for _ in range(5):
        _agency(team)
    with django_assert_num_queries(1):
        agency.agency_compliance(authority=team.authority, on=ON)
