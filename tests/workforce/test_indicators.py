"""The indicators of spec section 3 against figures computed by hand, and the worked example of the spec."""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

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
from workforce.codes import LEAVING_REASON_CENSUS_CODES, ROLE_CENSUS_CODES, AbsenceType, Contract, LeavingReason, Role
from workforce.indicators import (
    INDICATOR_KEYS,
    Indicators,
    compute_indicators,
    indicator_series,
    indicator_series_by_service_area,
    indicator_series_by_team,
    indicators_by_service_area,
    indicators_by_team,
    month_ends,
    period_start,
)
from workforce.models import Assignment, Authority, Team, Worker

pytestmark = pytest.mark.django_db

D = dt.date(2025, 9, 30)
# The spec's worked example, beside the checkout: ../shared/examples/small (see its README).
EXAMPLE = WORKED_EXAMPLE


@pytest.fixture
def la() -> Authority:
    return AuthorityFactory(code="IND", name="Indicator Borough")


@pytest.fixture
def team_a(la: Authority) -> Team:
    return TeamFactory(authority=la, code="A", name="Team A")


@pytest.fixture
def team_b(la: Authority) -> Team:
    return TeamFactory(authority=la, code="B", name="Team B")


def post(
    team: Team,
    *,
    worker: Worker | None = None,
    start: dt.date = dt.date(2020, 1, 6),
    end: dt.date | None = None,
    reason: str = "",
    role: str = Role.CASE_HOLDER,
    contract: str = Contract.PERMANENT,
    fte: str = "1",
    **extra: object,
) -> Assignment:
    """An assignment; ended assignments default to a resignation."""
    if end is not None and not reason:
        reason = LeavingReason.RESIGNATION
    return AssignmentFactory(
        worker=worker or WorkerFactory(authority=team.authority),
        team=team,
        start_date=start,
        end_date=end,
        leaving_reason=reason,
        role=role,
        contract=contract,
        fte=Decimal(fte),
        **extra,
    )


def sick(worker: Worker, start: dt.date, days: str | int = 5, **extra: object) -> None:
    """A sickness absence (or another type) starting and ending on a day."""
    AbsenceFactory(worker=worker, start_date=start, end_date=start, working_days_lost=Decimal(days), **extra)


def figures(authority: Authority, on: dt.date = D, **scope: object) -> Indicators:
    return compute_indicators(authority=authority, as_at=on, **scope)


# ---------------------------------------------------------------------------
# In post, agency, leavers, starters.
# ---------------------------------------------------------------------------
def test_it_counts_social_workers_in_post_on_the_date(team_a: Team) -> None:
    post(team_a, fte="1")
    post(team_a, fte="0.5")
    post(team_a, start=D, fte="0.6")  # starts on the date: in post
    post(team_a, end=D)  # leaves on the date: not in post
    post(team_a, start=D + dt.timedelta(days=1))  # not started yet
    result = figures(team_a.authority)
    assert result.social_workers_headcount == 3
    assert result.social_workers_fte == Decimal("2.10")


def test_it_counts_agency_workers_apart_from_social_workers(team_a: Team) -> None:
    post(team_a, fte="0.8", contract=Contract.AGENCY)
    post(team_a, fte="1")
    result = figures(team_a.authority)
    assert (result.agency_headcount, result.agency_fte) == (1, Decimal("0.80"))
    assert (result.social_workers_headcount, result.social_workers_fte) == (1, Decimal("1.00"))
    assert result.agency_rate == Decimal("44.4")  # 0.8 / 1.8


def test_it_counts_a_leaver_on_the_date_and_not_one_the_day_before_the_year(team_a: Team) -> None:
    post(team_a, end=D, fte="0.6")
    post(team_a, end=dt.date(2024, 10, 1), fte="0.4")  # the first day of the year
    post(team_a, end=dt.date(2024, 9, 30))  # the day before the year
    post(team_a)
    result = figures(team_a.authority)
    assert (result.leavers_headcount, result.leavers_fte) == (2, Decimal("1.00"))
    assert result.turnover_rate == Decimal("100.0")


def test_it_counts_a_starter_on_the_first_day_of_the_year_and_on_the_date(team_a: Team) -> None:
    post(team_a, start=dt.date(2024, 10, 1), fte="0.8")
    post(team_a, start=D, fte="0.5")
    post(team_a, start=dt.date(2024, 9, 30))  # the day before the year
    result = figures(team_a.authority)
    assert (result.starters_headcount, result.starters_fte) == (2, Decimal("1.30"))


def test_a_worker_who_left_twice_in_the_year_is_one_leaver_by_headcount(team_a: Team) -> None:
    worker = WorkerFactory(authority=team_a.authority)
    post(team_a, worker=worker, start=dt.date(2020, 1, 6), end=dt.date(2024, 12, 31), fte="1")
    post(team_a, worker=worker, start=dt.date(2025, 3, 3), end=dt.date(2025, 6, 30), fte="0.5")
    result = figures(team_a.authority)
    assert (result.leavers_headcount, result.leavers_fte) == (1, Decimal("1.50"))
    assert (result.starters_headcount, result.starters_fte) == (1, Decimal("0.50"))


@pytest.mark.parametrize(
    ("moved_on", "starts_on"),
    [
        (dt.date(2025, 3, 31), dt.date(2025, 3, 31)),  # same day
        (dt.date(2025, 2, 28), dt.date(2025, 3, 1)),  # next day, across a month end
        (dt.date(2024, 12, 31), dt.date(2025, 1, 1)),  # next day, across a year end
    ],
)
def test_an_internal_move_is_neither_a_leaver_nor_a_starter(
    team_a: Team, team_b: Team, moved_on: dt.date, starts_on: dt.date
) -> None:
    worker = WorkerFactory(authority=team_a.authority)
    post(team_a, worker=worker, end=moved_on, reason=LeavingReason.INTERNAL_MOVE)
    post(team_b, worker=worker, start=starts_on, role=Role.SENIOR_PRACTITIONER)
    for scope in ({}, {"team": team_a}, {"team": team_b}):
        result = figures(team_a.authority, **scope)
        assert (result.leavers_headcount, result.starters_headcount) == (0, 0), scope
    assert figures(team_a.authority, team=team_b).social_workers_fte == Decimal("1.00")
    assert figures(team_a.authority, team=team_a).social_workers_fte == Decimal("0.00")


def test_a_post_starting_two_days_after_an_internal_move_is_a_starter(team_a: Team, team_b: Team) -> None:
    """Only the same day or the day after continues a move."""
    worker = WorkerFactory(authority=team_a.authority)
    post(team_a, worker=worker, end=dt.date(2025, 3, 31), reason=LeavingReason.INTERNAL_MOVE)
    post(team_b, worker=worker, start=dt.date(2025, 4, 2))
    result = figures(team_a.authority)
    assert (result.leavers_headcount, result.starters_headcount) == (0, 1)


def test_a_one_day_post_ended_by_an_internal_move_is_a_starter(team_a: Team, team_b: Team) -> None:
    """An assignment is not the continuation of itself."""
    worker = WorkerFactory(authority=team_a.authority)
    post(team_a, worker=worker, start=dt.date(2025, 3, 3), end=dt.date(2025, 3, 3), reason=LeavingReason.INTERNAL_MOVE)
    post(team_b, worker=worker, start=dt.date(2025, 3, 4))
    assert figures(team_a.authority, team=team_a).starters_headcount == 1
    assert figures(team_a.authority, team=team_b).starters_headcount == 0


def test_agency_workers_are_not_in_turnover_but_are_in_caseloads(team_a: Team) -> None:
    agency = post(team_a, contract=Contract.AGENCY, start=dt.date(2024, 11, 4))
    post(team_a, contract=Contract.AGENCY, start=dt.date(2024, 11, 4), end=dt.date(2025, 6, 30))
    CaseloadRecordFactory(worker=agency.worker, date=D, cases=12)
    sick(agency.worker, dt.date(2025, 1, 6), 4)
    result = figures(team_a.authority)
    assert (result.leavers_headcount, result.starters_headcount) == (0, 0)
    assert result.turnover_rate is None  # no permanent social workers at all
    assert (result.case_holders_fte, result.cases, result.average_caseload) == (Decimal("1.00"), 12, Decimal("12.0"))
    assert result.sickness_days_lost == Decimal("0.00")
    assert result.agency_rate == Decimal("100.0")


def test_the_other_role_is_in_no_indicator(team_a: Team) -> None:
    EstablishmentFactory(team=team_a, effective_from=dt.date(2024, 4, 1), establishment_fte=Decimal("2"))
    other = post(team_a, role=Role.OTHER)
    post(team_a, role=Role.OTHER, start=dt.date(2025, 1, 6))
    post(team_a, role=Role.OTHER, end=dt.date(2025, 1, 31))
    post(team_a, role=Role.OTHER, contract=Contract.AGENCY)
    CaseloadRecordFactory(worker=other.worker, date=D, cases=9)
    sick(other.worker, dt.date(2025, 1, 13), 5)
    data = figures(team_a.authority).as_json_dict()
    counted = {k: v for k, v in data.items() if k not in {"as_at", "period_start", "period_end", "scope"}}
    assert counted == dict.fromkeys(counted, 0) | {
        "vacancy_fte": 2.0,  # the `other` post does not fill the funded social work post
        "vacancy_rate": 100.0,
        "turnover_rate": None,
        "agency_rate": None,
        "average_caseload": None,
        "absence_rate": None,
        "practice_leader_turnover_rate": None,
    }


def test_archived_workers_are_left_out(team_a: Team) -> None:
    kept = post(team_a)
    archived = post(team_a, end=dt.date(2025, 1, 31))
    archived.worker.archive(user=None, reason="Duplicate record")
    result = figures(team_a.authority)
    assert (result.social_workers_headcount, result.leavers_headcount) == (1, 0)
    assert kept.worker.archived_at is None


def test_another_authoritys_records_are_left_out(team_a: Team) -> None:
    other_team = TeamFactory(authority=AuthorityFactory(code="ELSE"))
    post(other_team)
    EstablishmentFactory(team=other_team, establishment_fte=Decimal("9"))
    post(team_a, fte="0.5")
    result = figures(team_a.authority)
    assert (result.social_workers_fte, result.vacancy_fte) == (Decimal("0.50"), Decimal("0.00"))


# ---------------------------------------------------------------------------
# Vacancies.
# ---------------------------------------------------------------------------
def test_teams_without_establishment_add_no_vacancy_and_none_goes_below_zero(la: Authority) -> None:
    short, unfunded, over = (TeamFactory(authority=la) for _ in range(3))
    EstablishmentFactory(team=short, effective_from=dt.date(2024, 4, 1), establishment_fte=Decimal("3"))
    post(short)
    post(short, contract=Contract.AGENCY)  # agency cover does not fill a vacancy
    post(unfunded)
    EstablishmentFactory(team=over, effective_from=dt.date(2024, 4, 1), establishment_fte=Decimal("1"))
    post(over)
    post(over, fte="0.5")
    result = figures(la)
    assert result.vacancy_fte == Decimal("2.00")
    assert result.vacancy_rate == Decimal("36.4")  # 2 / (2 + 3.5 in post)
    assert figures(la, team=unfunded).vacancy_fte == Decimal("0.00")
    assert figures(la, team=over).vacancy_fte == Decimal("0.00")


def test_the_latest_establishment_on_or_before_the_date_applies(team_a: Team) -> None:
    EstablishmentFactory(team=team_a, effective_from=dt.date(2024, 4, 1), establishment_fte=Decimal("4"))
    EstablishmentFactory(team=team_a, effective_from=D, establishment_fte=Decimal("6.5"))
    EstablishmentFactory(team=team_a, effective_from=D + dt.timedelta(days=1), establishment_fte=Decimal("10"))
    post(team_a, fte="0.75")
    assert figures(team_a.authority).vacancy_fte == Decimal("5.75")
    assert figures(team_a.authority, on=D - dt.timedelta(days=1)).vacancy_fte == Decimal("3.25")


# ---------------------------------------------------------------------------
# Caseloads.
# ---------------------------------------------------------------------------
def test_a_caseload_record_31_days_old_is_outside_the_window(team_a: Team) -> None:
    inside, outside = post(team_a), post(team_a)
    CaseloadRecordFactory(worker=inside.worker, date=D - dt.timedelta(days=30), cases=10)
    CaseloadRecordFactory(worker=outside.worker, date=D - dt.timedelta(days=31), cases=20)
    result = figures(team_a.authority)
    assert (result.case_holders_fte, result.cases) == (Decimal("1.00"), 10)


def test_only_the_latest_record_in_the_window_counts(team_a: Team) -> None:
    holder = post(team_a, fte="0.5")
    CaseloadRecordFactory(worker=holder.worker, date=dt.date(2025, 9, 1), cases=17)
    CaseloadRecordFactory(worker=holder.worker, date=dt.date(2025, 9, 29), cases=8)
    CaseloadRecordFactory(worker=holder.worker, date=D + dt.timedelta(days=1), cases=30)  # after the date
    result = figures(team_a.authority)
    assert (result.case_holders_fte, result.cases, result.average_caseload) == (Decimal("0.50"), 8, Decimal("16.0"))


def test_a_later_record_of_zero_cases_replaces_an_earlier_one(team_a: Team) -> None:
    holder = post(team_a)
    CaseloadRecordFactory(worker=holder.worker, date=dt.date(2025, 9, 10), cases=14)
    CaseloadRecordFactory(worker=holder.worker, date=dt.date(2025, 9, 25), cases=0)
    result = figures(team_a.authority)
    assert (result.case_holders_fte, result.cases) == (Decimal("0.00"), 0)
    assert result.average_caseload is None
    assert result.null_reason("average_caseload").startswith("no case holders at this date")


def test_a_caseload_counts_in_the_team_of_the_post_held_on_the_date(team_a: Team, team_b: Team) -> None:
    worker = WorkerFactory(authority=team_a.authority)
    post(team_a, worker=worker, end=dt.date(2025, 9, 15), reason=LeavingReason.INTERNAL_MOVE)
    post(team_b, worker=worker, start=dt.date(2025, 9, 16))
    CaseloadRecordFactory(worker=worker, date=dt.date(2025, 9, 10), cases=11)
    assert figures(team_a.authority, team=team_a).cases == 0
    assert figures(team_a.authority, team=team_b).cases == 11


# ---------------------------------------------------------------------------
# Sickness absence.
# ---------------------------------------------------------------------------
def test_sickness_counts_in_the_team_of_the_post_held_when_it_started(team_a: Team, team_b: Team) -> None:
    worker = WorkerFactory(authority=team_a.authority)
    post(team_a, worker=worker, start=dt.date(2024, 10, 7), end=dt.date(2025, 3, 31), reason="internal_move")
    post(team_b, worker=worker, start=dt.date(2025, 3, 31))
    sick(worker, dt.date(2025, 3, 30), 1)  # the day before the move: team A
    sick(worker, dt.date(2025, 3, 31), 2)  # the day of the move: team B
    sick(worker, dt.date(2024, 10, 6), 4)  # before the first post
    sick(worker, dt.date(2025, 5, 5), 3, type=AbsenceType.OTHER)
    assert figures(team_a.authority, team=team_a).sickness_days_lost == Decimal("1.00")
    assert figures(team_a.authority, team=team_b).sickness_days_lost == Decimal("2.00")
    # The absence from before the first post has no post in effect, so it counts nowhere.
    assert figures(team_a.authority).sickness_days_lost == Decimal("3.00")


def test_sickness_starting_before_the_year_does_not_count(team_a: Team) -> None:
    worker = post(team_a).worker
    AbsenceFactory(worker=worker, start_date=dt.date(2024, 9, 30), end_date=dt.date(2024, 10, 4), working_days_lost=5)
    sick(worker, dt.date(2024, 10, 1), 1)
    AbsenceFactory(worker=worker, start_date=D, end_date=D + dt.timedelta(days=3), working_days_lost=Decimal("2.5"))
    assert figures(team_a.authority).sickness_days_lost == Decimal("3.50")


def test_a_leavers_sickness_in_the_year_counts(team_a: Team) -> None:
    leaver = post(team_a, end=dt.date(2025, 6, 30))
    post(team_a)
    sick(leaver.worker, dt.date(2025, 5, 12), "12.65")
    result = figures(team_a.authority)
    assert result.sickness_days_lost == Decimal("12.65")
    assert result.absence_rate == Decimal("5.0")  # 12.65 / (1 FTE × 253 days)
    assert result.days_lost_per_fte == Decimal("12.7")


# ---------------------------------------------------------------------------
# Practice leaders, rounding, nulls, dates.
# ---------------------------------------------------------------------------
def test_practice_leader_turnover_counts_manager_roles_only(team_a: Team) -> None:
    post(team_a, role=Role.SENIOR_MANAGER)
    post(team_a, role=Role.MIDDLE_MANAGER, fte="0.5")
    post(team_a, role=Role.FIRST_LINE_MANAGER, end=dt.date(2025, 2, 28), reason=LeavingReason.RETIRED)
    post(team_a, role=Role.SENIOR_PRACTITIONER, end=dt.date(2025, 2, 28))
    post(team_a, role=Role.FIRST_LINE_MANAGER, contract=Contract.AGENCY)
    result = figures(team_a.authority)
    assert (result.manager_leavers_fte, result.manager_social_workers_fte) == (Decimal("1.00"), Decimal("1.50"))
    assert result.practice_leader_turnover_rate == Decimal("66.7")
    assert result.turnover_rate == Decimal("133.3")


def test_rates_round_half_up_and_fte_to_two_places(team_a: Team) -> None:
    for _ in range(4):
        post(team_a)
    post(team_a, end=dt.date(2025, 5, 30), fte="0.25")  # 0.25 / 4 = 6.25 %: half up gives 6.3
    post(team_a, contract=Contract.AGENCY, fte="0.125")
    result = figures(team_a.authority)
    assert result.turnover_rate == Decimal("6.3")
    assert result.agency_fte == Decimal("0.13")


def test_a_zero_denominator_gives_null_and_says_why(la: Authority) -> None:
    result = figures(la)
    data = result.as_json_dict()
    for key in ("turnover_rate", "agency_rate", "vacancy_rate", "average_caseload", "absence_rate"):
        assert data[key] is None
    assert result.null_reason("turnover_rate") == "no social workers in post at this date"
    assert result.null_reason("practice_leader_turnover_rate") == "no managers in post at this date"
    assert result.null_reason("social_workers_fte") is None
    assert set(result.null_reasons) >= {"turnover_rate", "agency_rate", "vacancy_rate", "absence_rate"}


def test_a_rate_with_a_value_has_no_null_reason(team_a: Team) -> None:
    post(team_a)
    result = figures(team_a.authority)
    assert result.turnover_rate == Decimal("0.0")
    assert result.null_reason("turnover_rate") is None


def test_the_year_ending_29_february_starts_on_1_march(team_a: Team) -> None:
    leap = dt.date(2024, 2, 29)
    post(team_a, end=dt.date(2023, 2, 28))
    post(team_a, end=dt.date(2023, 3, 1), fte="0.5")
    post(team_a, start=dt.date(2023, 3, 1), fte="0.4")
    post(team_a, start=dt.date(2023, 2, 28), fte="0.3")
    result = figures(team_a.authority, on=leap)
    assert (result.period_start, result.period_end) == (dt.date(2023, 3, 1), leap)
    assert (result.leavers_fte, result.starters_fte) == (Decimal("0.50"), Decimal("0.40"))


def test_the_year_ending_28_february_after_a_leap_day_starts_on_29_february(team_a: Team) -> None:
    post(team_a, start=dt.date(2024, 2, 29), fte="0.4")
    post(team_a, start=dt.date(2024, 2, 28), fte="0.3")
    result = figures(team_a.authority, on=dt.date(2025, 2, 28))
    assert result.period_start == dt.date(2024, 2, 29)
    assert result.starters_fte == Decimal("0.40")


def test_the_json_dict_has_the_spec_keys_in_order_and_plain_types(team_a: Team) -> None:
    post(team_a, fte="0.6")
    data = figures(team_a.authority).as_json_dict()
    assert tuple(data) == INDICATOR_KEYS
    assert (data["as_at"], data["period_start"], data["period_end"]) == ("2025-09-30", "2024-10-01", "2025-09-30")
    assert data["scope"] == "authority"
    assert type(data["social_workers_headcount"]) is int
    assert type(data["cases"]) is int
    assert type(data["social_workers_fte"]) is float
    assert data["social_workers_fte"] == 0.6
    json.dumps(data)  # nothing a JSON encoder refuses (Decimal, date)


def test_it_refuses_a_team_and_a_service_area_at_once_or_from_another_authority(team_a: Team) -> None:
    area = ServiceAreaFactory(authority=team_a.authority)
    with pytest.raises(ValueError, match="not both"):
        figures(team_a.authority, team=team_a, service_area=area)
    with pytest.raises(ValueError, match="is not in"):
        figures(AuthorityFactory(code="ELSE"), team=team_a)


# ---------------------------------------------------------------------------
# The worked example of ../shared/examples/small (its README explains every row).
# ---------------------------------------------------------------------------
@dataclass
class Example:
    authority: Authority
    teams: dict[str, Team]


def _rows(name: str) -> list[dict[str, str]]:
    with (EXAMPLE / name).open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def build_small_example(code: str = "EX") -> Example:
    """The four CSV files of the worked example, created with factories (census codes translated)."""
    authority = AuthorityFactory(code=code, name="Example Council")
    teams: dict[str, Team] = {}
    workers: dict[str, Worker] = {}
    for row in _rows("staff.csv"):
        team = teams.get(row["team_code"]) or TeamFactory(
            authority=authority, code=row["team_code"], name=row["team_name"]
        )
        teams[team.code] = team
        worker = workers.get(row["worker_id"]) or WorkerFactory(
            authority=authority, worker_id=row["worker_id"], first_name=row["first_name"], last_name=row["last_name"]
        )
        workers[worker.worker_id] = worker
        AssignmentFactory(
            worker=worker,
            team=team,
            role=ROLE_CENSUS_CODES.get(row["role"], row["role"]),
            contract=row["contract"],
            fte=Decimal(row["fte"]),
            start_date=_date(row["start_date"]),
            end_date=_date(row["end_date"]),
            leaving_reason=LEAVING_REASON_CENSUS_CODES.get(row["leaving_reason"], row["leaving_reason"]),
        )
    for row in _rows("establishment.csv"):
        EstablishmentFactory(
            team=teams[row["team_code"]],
            effective_from=_date(row["effective_from"]),
            establishment_fte=Decimal(row["establishment_fte"]),
        )
    for row in _rows("caseloads.csv"):
        CaseloadRecordFactory(worker=workers[row["worker_id"]], date=_date(row["date"]), cases=int(row["cases"]))
    for row in _rows("absences.csv"):
        AbsenceFactory(
            worker=workers[row["worker_id"]],
            start_date=_date(row["start_date"]),
            end_date=_date(row["end_date"]),
            type=row["type"],
            working_days_lost=Decimal(row["working_days_lost"]),
        )
    return Example(authority=authority, teams=teams)


def expected(scope: str) -> dict:
    return json.loads((EXAMPLE / f"expected-2025-09-30-{scope}.json").read_text(encoding="utf-8"))


@pytest.fixture
def example() -> Example:
    return build_small_example()


def test_the_worked_example_gives_the_expected_authority_figures(example: Example) -> None:
    assert figures(example.authority).as_json_dict() == expected("authority")


@pytest.mark.parametrize("code", ["FD", "CP"])
def test_the_worked_example_gives_the_expected_team_figures(example: Example, code: str) -> None:
    assert figures(example.authority, team=example.teams[code]).as_json_dict() == expected(code)


def test_the_worked_example_says_why_cp_has_no_practice_leader_rate(example: Example) -> None:
    result = figures(example.authority, team=example.teams["CP"])
    assert result.null_reason("practice_leader_turnover_rate") == "no managers in post at this date"


def test_indicators_by_team_gives_each_teams_expected_figures(example: Example) -> None:
    by_team = indicators_by_team(authority=example.authority, as_at=D)
    assert {team.code: result.as_json_dict() for team, result in by_team} == {
        "FD": expected("FD"),
        "CP": expected("CP"),
    }


# ---------------------------------------------------------------------------
# Service areas, teams adding up, the monthly series.
# ---------------------------------------------------------------------------
def test_a_service_area_is_the_sum_of_its_teams(example: Example) -> None:
    area = ServiceAreaFactory(authority=example.authority, code="SAFE", name="Safeguarding")
    Team.objects.filter(pk__in=[t.pk for t in example.teams.values()]).update(service_area=area)
    lone = ServiceAreaFactory(authority=example.authority, code="EMPTY", name="Empty")
    result = figures(example.authority, service_area=area)
    assert result.as_json_dict() == expected("authority") | {"scope": "SAFE"}
    assert [
        (a.code, r.as_json_dict()) for a, r in indicators_by_service_area(authority=example.authority, as_at=D)
    ] == [
        ("EMPTY", figures(example.authority, service_area=lone).as_json_dict()),
        ("SAFE", result.as_json_dict()),
    ]


def test_month_ends_are_the_24_ends_up_to_the_date_oldest_first() -> None:
    ends = month_ends(D)
    assert (len(ends), ends[0], ends[-1]) == (24, dt.date(2023, 10, 31), D)
    assert dt.date(2024, 2, 29) in ends
    assert month_ends(dt.date(2025, 9, 15), 2) == [dt.date(2025, 7, 31), dt.date(2025, 8, 31)]
    assert period_start(dt.date(2024, 2, 29)) == dt.date(2023, 3, 1)


def test_the_series_equals_the_indicators_at_each_month_end(example: Example) -> None:
    series = indicator_series(authority=example.authority, end=D)
    assert [r.as_at for r in series] == month_ends(D)
    for result in series:
        assert result == figures(example.authority, on=result.as_at), result.as_at
    fd = example.teams["FD"]
    for result in indicator_series(authority=example.authority, end=D, months=8, team=fd):
        assert result == figures(example.authority, on=result.as_at, team=fd), result.as_at
    assert series[-1].as_json_dict() == expected("authority")


def test_the_series_by_team_equals_each_teams_series(example: Example) -> None:
    by_team = indicator_series_by_team(authority=example.authority, end=D, months=6)
    assert [team.code for team, _ in by_team] == ["CP", "FD"]  # by name: Child Protection, Front Door
    for team, series in by_team:
        assert series == indicator_series(authority=example.authority, end=D, months=6, team=team), team.code


def test_the_series_by_service_area_equals_each_areas_series(example: Example) -> None:
    area = ServiceAreaFactory(authority=example.authority, code="SAFE", name="Safeguarding")
    Team.objects.filter(pk=example.teams["CP"].pk).update(service_area=area)
    [(found, series)] = indicator_series_by_service_area(authority=example.authority, end=D, months=3)
    assert found == area
    cp = indicator_series(authority=example.authority, end=D, months=3, team=example.teams["CP"])
    assert [r.as_json_dict() for r in series] == [r.as_json_dict() | {"scope": "SAFE"} for r in cp]


def test_the_series_shows_the_march_move_month_by_month(example: Example) -> None:
    """E005 moves from FD to CP on 31 March 2025: FD's FTE drops in the March figure, CP's rises."""
    fd, cp = example.teams["FD"], example.teams["CP"]
    fd_series = {r.as_at: r for r in indicator_series(authority=example.authority, end=D, team=fd)}
    cp_series = {r.as_at: r for r in indicator_series(authority=example.authority, end=D, team=cp)}
    feb, mar = dt.date(2025, 2, 28), dt.date(2025, 3, 31)
    assert fd_series[feb].social_workers_fte - fd_series[mar].social_workers_fte == Decimal("1.00")
    assert cp_series[mar].social_workers_fte - cp_series[feb].social_workers_fte == Decimal("1.00")


# ---------------------------------------------------------------------------
# Queries: a fixed number whatever the number of rows and teams.
# ---------------------------------------------------------------------------
def _grow(authority: Authority, *, teams: int, workers_per_team: int) -> None:
    for t in range(teams):
        team = TeamFactory(authority=authority)
        EstablishmentFactory(team=team, establishment_fte=Decimal("4"))
        for w in range(workers_per_team):
            worker = WorkerFactory(authority=authority)
            contract = (Contract.PERMANENT, Contract.AGENCY)[w % 2]
            post(team, worker=worker, start=dt.date(2021, 1, 4), end=dt.date(2024, 12, 31), reason="internal_move")
            post(team, worker=worker, start=dt.date(2025, 1, 1), fte="0.8", contract=contract)
            CaseloadRecordFactory(worker=worker, date=D, cases=w + t)
            sick(worker, dt.date(2025, 2, 3 + w % 5), 2)


def _count_queries(func: object) -> int:
    with CaptureQueriesContext(connection) as context:
        func()  # type: ignore[operator]
    return len(context.captured_queries)


def test_compute_indicators_uses_five_queries_whatever_the_rows(la: Authority) -> None:
    _grow(la, teams=1, workers_per_team=2)
    small = _count_queries(lambda: figures(la))
    _grow(la, teams=3, workers_per_team=6)
    assert _count_queries(lambda: figures(la)) == small == 5


def test_the_series_uses_a_fixed_number_of_queries(la: Authority, django_assert_max_num_queries) -> None:  # noqa: ANN001
    _grow(la, teams=1, workers_per_team=2)
    small = _count_queries(lambda: indicator_series(authority=la, end=D))
    _grow(la, teams=3, workers_per_team=6)
    # The same five queries as one date: the dates are joined in the database, not looped over.
    with django_assert_max_num_queries(5):
        indicator_series(authority=la, end=D)
    assert _count_queries(lambda: indicator_series(authority=la, end=D)) == small


def test_indicators_by_team_uses_the_same_queries_for_two_teams_or_ten(la: Authority) -> None:
    _grow(la, teams=2, workers_per_team=2)
    few = _count_queries(lambda: indicators_by_team(authority=la, as_at=D))
    _grow(la, teams=8, workers_per_team=3)
    assert _count_queries(lambda: indicators_by_team(authority=la, as_at=D)) == few == 6


def test_the_series_by_team_uses_the_same_queries_for_two_teams_or_ten(la: Authority) -> None:
    _grow(la, teams=2, workers_per_team=2)
    few = _count_queries(lambda: indicator_series_by_team(authority=la, end=D))
    _grow(la, teams=8, workers_per_team=3)
    assert _count_queries(lambda: indicator_series_by_team(authority=la, end=D)) == few == 6


def test_indicators_by_team_adds_up_to_the_authority(la: Authority) -> None:
    _grow(la, teams=3, workers_per_team=4)
    total = figures(la)
    by_team = indicators_by_team(authority=la, as_at=D)
    assert len(by_team) == 3
    for key in ("social_workers_fte", "agency_fte", "vacancy_fte", "cases", "sickness_days_lost"):
        assert sum(getattr(result, key) for _, result in by_team) == getattr(total, key), key
    for team, result in by_team:
        assert result == figures(la, team=team)
