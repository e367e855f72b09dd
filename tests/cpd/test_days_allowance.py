"""The CPD day allowance arithmetic (cpd.selectors.days.cpd_day_allowance) and the balance."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cpd.models import CpdDayRequest
from cpd.selectors.days import cpd_day_allowance, day_balance, day_balances, round_to_half_day
from tests.cpd.factories import CpdDayRequestFactory, CpdSettingsFactory
from tests.cpd.factories_days import TODAY, CpdDayAllowanceFactory
from tests.workforce.factories import AssignmentFactory, AuthorityFactory, TeamFactory, WorkerFactory

pytestmark = pytest.mark.django_db
YEAR = 2026  # 1 December 2025 to 30 November 2026


@pytest.fixture
def team():  # noqa: ANN201
    return TeamFactory(authority=AuthorityFactory())


def _worker(team, fte: str = "1", start: dt.date = dt.date(2024, 1, 8)):  # noqa: ANN001, ANN202
    worker = WorkerFactory(authority=team.authority)
    AssignmentFactory(worker=worker, team=team, start_date=start, fte=Decimal(fte))
    return worker


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1.8", "2"), ("1.5", "1.5"), ("1.2", "1"), ("1.25", "1.5"), ("2.75", "3"), ("2.24", "2"), ("0", "0")],
)
def test_it_rounds_to_the_nearest_half_day_halves_up(value: str, expected: str) -> None:
    assert round_to_half_day(Decimal(value)) == Decimal(expected)


def test_it_gives_three_days_when_the_authority_has_no_settings(team) -> None:  # noqa: ANN001
    assert cpd_day_allowance(worker=_worker(team, "0.6"), year=YEAR) == Decimal("3")


def test_it_gives_a_full_timer_the_authority_days(team) -> None:  # noqa: ANN001
    CpdSettingsFactory(authority=team.authority, days_per_year=Decimal("3"), pro_rata=True)
    assert cpd_day_allowance(worker=_worker(team, "1"), year=YEAR) == Decimal("3")


@pytest.mark.parametrize(("fte", "expected"), [("0.6", "2"), ("0.5", "1.5"), ("0.8", "2.5"), ("0.4", "1")])
def test_it_gives_part_timers_the_days_pro_rata_rounded_to_half_days(team, fte: str, expected: str) -> None:  # noqa: ANN001
    """0.6 × 3 = 1.8 → 2; 0.5 × 3 = 1.5; 0.8 × 3 = 2.4 → 2.5; 0.4 × 3 = 1.2 → 1."""
    CpdSettingsFactory(authority=team.authority, days_per_year=Decimal("3"), pro_rata=True)
    assert cpd_day_allowance(worker=_worker(team, fte), year=YEAR) == Decimal(expected)


def test_it_gives_part_timers_the_full_days_when_pro_rata_is_off(team) -> None:  # noqa: ANN001
    CpdSettingsFactory(authority=team.authority, days_per_year=Decimal("3"), pro_rata=False)
    assert cpd_day_allowance(worker=_worker(team, "0.5"), year=YEAR) == Decimal("3")


def test_the_workers_own_allowance_wins_over_the_rule(team) -> None:  # noqa: ANN001
    CpdSettingsFactory(authority=team.authority, days_per_year=Decimal("3"), pro_rata=True)
    worker = _worker(team, "0.5")
    CpdDayAllowanceFactory(worker=worker, registration_year=YEAR, days=Decimal("4.5"))
    assert cpd_day_allowance(worker=worker, year=YEAR) == Decimal("4.5")
    assert cpd_day_allowance(worker=worker, year=YEAR + 1) == Decimal("1.5")


def test_it_uses_the_fte_in_effect_on_the_years_first_day(team) -> None:  # noqa: ANN001
    """A move from 0.5 to full time in March does not change this year's allowance."""
    CpdSettingsFactory(authority=team.authority, days_per_year=Decimal("3"), pro_rata=True)
    worker = WorkerFactory(authority=team.authority)
    AssignmentFactory(
        worker=worker, team=team, start_date=dt.date(2024, 1, 8), end_date=dt.date(2026, 3, 1), fte=Decimal("0.5")
    )
    AssignmentFactory(worker=worker, team=team, start_date=dt.date(2026, 3, 1), fte=Decimal("1"))
    assert cpd_day_allowance(worker=worker, year=YEAR) == Decimal("1.5")
    assert cpd_day_allowance(worker=worker, year=YEAR + 1) == Decimal("3")


def test_it_uses_the_fte_of_the_first_assignment_of_someone_who_started_in_the_year(team) -> None:  # noqa: ANN001
    CpdSettingsFactory(authority=team.authority, days_per_year=Decimal("3"), pro_rata=True)
    worker = _worker(team, "0.6", start=dt.date(2026, 6, 1))
    assert cpd_day_allowance(worker=worker, year=YEAR) == Decimal("2")


def test_it_counts_used_booked_and_pending_days(team) -> None:  # noqa: ANN001
    worker = _worker(team)
    CpdDayRequestFactory(worker=worker, start_date=TODAY, days=Decimal("1"), status=CpdDayRequest.Status.APPROVED)
    CpdDayRequestFactory(worker=worker, start_date=TODAY + dt.timedelta(days=1), days=Decimal("0.5"), status="approved")
    CpdDayRequestFactory(worker=worker, start_date=dt.date(2026, 6, 1), days=Decimal("0.5"))
    CpdDayRequestFactory(worker=worker, start_date=dt.date(2026, 6, 2), days=Decimal("1"), status="cancelled")
    CpdDayRequestFactory(
        worker=worker, start_date=dt.date(2026, 6, 3), days=Decimal("1"), status="refused", refusal_reason="Busy"
    )
    balance = day_balance(worker=worker, year=YEAR, today=TODAY)
    assert (balance.allowance, balance.used, balance.booked, balance.pending) == (3, 1, Decimal("0.5"), Decimal("0.5"))
    assert balance.remaining == Decimal("1.5")
    assert balance.available_to_request == Decimal("1")


def test_it_works_out_many_balances_in_a_fixed_number_of_queries(team, django_assert_num_queries) -> None:  # noqa: ANN001
    CpdSettingsFactory(authority=team.authority, pro_rata=True)
    workers = [_worker(team, "0.5") for _ in range(5)]
    for worker in workers:
        CpdDayRequestFactory(worker=worker, start_date=dt.date(2026, 1, 5), status="approved")
    with django_assert_num_queries(4):
        balances = day_balances(workers, YEAR, authority=team.authority, today=TODAY)
    assert {b.used for b in balances.values()} == {Decimal("1")}
    assert {b.allowance for b in balances.values()} == {Decimal("1.5")}
