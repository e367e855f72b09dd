"""The CSWW census return (spec section 6): its rows, counts and check report, on the worked example and on
demo-like histories built with factories.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from tests.workforce.factories import (
    AbsenceFactory,
    AssignmentFactory,
    AuthorityFactory,
    CaseloadRecordFactory,
    TeamFactory,
    WorkerFactory,
)
from tests.workforce.test_turnover_workbook import load_small_example
from workforce import census
from workforce.codes import Contract, LeavingReason, Role
from workforce.indicators import compute_indicators
from workforce.models import Authority, Team

pytestmark = pytest.mark.django_db
STAFF_FILE_HEADER = (
    "worker_id,first_name,last_name,email,swe_registration,team_code,team_name,role,contract,fte,start_date,"
    "end_date,leaving_reason,date_of_birth,gender,ethnicity,start_origin,leaver_destination,covers_vacancy"
)


@pytest.fixture
def example() -> Authority:
    return load_small_example()


def _rows(authority: Authority, year: int = 2025) -> dict[tuple[str, str], census.CensusRow]:
    return {
        (r.assignment.worker.worker_id, r.assignment.team.code): r
        for r in census.census_rows(authority=authority, year=year)
    }


# ---------------------------------------------------------------------------
# The worked example
# ---------------------------------------------------------------------------
def test_the_return_has_every_assignment_of_the_year_but_other_roles_and_earlier_leavers(example: Authority) -> None:
    rows = list(census.census_rows(authority=example, year=2025))
    assert len(rows) == 11
    ids = {r.assignment.worker.worker_id for r in rows}
    assert "E006" not in ids  # role other
    assert "E010" not in ids  # left on 30 September 2024, the day before the year
    assert {("E005", "FD"), ("E005", "CP")} <= set(_rows(example))  # both sides of the internal move


def test_it_counts_3_leavers_2_starters_and_10_sickness_days(example: Authority) -> None:
    report = census.census_report(authority=example, year=2025)
    assert (report.rows, report.leavers, report.starters, report.in_post) == (11, 3, 2, 6)
    assert report.sickness_days == Decimal("10.00")
    rows = _rows(example)
    assert {key[0] for key, r in rows.items() if r.leaver} == {"E003", "E007", "E012"}
    assert {key[0] for key, r in rows.items() if r.starter} == {"E008", "E009"}
    assert rows[("E005", "CP")].starter is False  # the continuation of an internal move
    assert rows[("E004", "FD")].sickness_days is None  # agency: the census collects employees' absence only
    assert rows[("E005", "CP")].sickness_days == Decimal("2")  # after the move, in CP


def test_the_counts_agree_with_the_indicators(example: Authority) -> None:
    report = census.census_report(authority=example, year=2025)
    expected = compute_indicators(authority=example, as_at=dt.date(2025, 9, 30))
    assert report.indicators == expected
    assert report.leavers == expected.leavers_headcount
    assert report.starters == expected.starters_headcount
    assert report.sickness_days == expected.sickness_days_lost


def test_the_checks_find_2_starters_without_origin_and_3_leavers_without_destination(example: Authority) -> None:
    checks = census.census_checks(authority=example, year=2025)
    by_check = {name: sorted(c.worker_id for c in checks if c.check == name) for name in census.CHECKS}
    assert by_check[census.CHECK_NO_ORIGIN] == ["E008", "E009"]
    assert by_check[census.CHECK_NO_DESTINATION] == ["E003", "E007", "E012"]
    assert by_check[census.CHECK_NO_SWE] == []
    assert by_check[census.CHECK_NO_REASON] == []
    assert by_check[census.CHECK_CASELOAD_ROLE] == []
    assert len(checks) == 5


def test_the_workbook_has_workers_counts_and_checks(example: Authority) -> None:
    buffer = io.BytesIO()
    report = census.write_census_workbook(authority=example, year=2025, target=buffer)
    book = load_workbook(io.BytesIO(buffer.getvalue()))
    assert book.sheetnames == ["Workers", "Counts", "Checks"]
    header, *workers = list(book["Workers"].iter_rows(values_only=True))
    assert ",".join(header[: len(census.STAFF_FILE_COLUMNS)]) == STAFF_FILE_HEADER
    assert header == census.RETURN_COLUMNS
    assert len(workers) == 11 == report.rows
    rows = [dict(zip(header, row, strict=True)) for row in workers]
    assert sum(r["sickness_days_in_year"] or 0 for r in rows) == 10
    gita = next(r for r in rows if r["worker_id"] == "E007")
    assert (gita["role"], gita["fte"], gita["end_date"], gita["leaving_reason"]) == (
        "first_line_manager",
        1,
        dt.datetime(2025, 1, 31),
        "retired",
    )
    assert gita["leaver_in_year"] == "yes"
    counts = {row[0]: row[2] for row in book["Counts"].iter_rows(min_row=2, values_only=True)}
    assert counts["return_rows"] == 11
    assert counts["leavers_headcount"] == 3
    assert counts["turnover_rate"] == 54.2
    assert counts["census_date"] == dt.datetime(2025, 9, 30)
    checks = list(book["Checks"].iter_rows(min_row=2, values_only=True))
    assert len(checks) == 5
    assert book["Workers"].freeze_panes == "A2"
    assert book["Workers"].auto_filter.ref == "A1:X12"


# ---------------------------------------------------------------------------
# Demo-like data built with factories
# ---------------------------------------------------------------------------
@pytest.fixture
def demo() -> tuple[Authority, Team]:
    authority = AuthorityFactory(code="DEMO", name="Demo Council")
    team = TeamFactory(authority=authority, code="ASSESS", name="Assessment")
    return authority, team


def test_it_shows_the_return_as_at_the_census_date(demo: tuple[Authority, Team]) -> None:
    """Someone who left after 30 September was in post on it: no end date, reason or destination in the return."""
    authority, team = demo
    later = WorkerFactory(authority=authority, worker_id="LATER", leaver_destination="1")
    AssignmentFactory(worker=later, team=team, end_date=dt.date(2026, 1, 31), leaving_reason=LeavingReason.RESIGNATION)
    (row,) = census.census_rows(authority=authority, year=2025)
    values = dict(zip(census.RETURN_COLUMNS, row.values(), strict=True))
    assert (values["end_date"], values["leaving_reason"], values["leaver_destination"]) == (None, "", "")
    assert values["in_post_at_census"] == "yes"
    assert census.census_checks(authority=authority, year=2025) == []


def test_it_checks_every_rule_the_dfe_validation_would_query(demo: tuple[Authority, Team]) -> None:
    authority, team = demo
    no_swe = WorkerFactory(authority=authority, worker_id="NOSWE", swe_registration="", start_origin="2")
    AssignmentFactory(worker=no_swe, team=team)
    no_reason = WorkerFactory(authority=authority, worker_id="NOREASON", leaver_destination="1")
    AssignmentFactory(worker=no_reason, team=team, end_date=dt.date(2025, 3, 31), leaving_reason="")
    cases = WorkerFactory(authority=authority, worker_id="CASES")
    AssignmentFactory(worker=cases, team=team, role=Role.QUALIFIED_NO_CASES)
    CaseloadRecordFactory(worker=cases, date=dt.date(2025, 9, 15), cases=4)
    checks = {(c.worker_id, c.check, c.value) for c in census.census_checks(authority=authority, year=2025)}
    assert checks == {
        ("NOSWE", census.CHECK_NO_SWE, ""),
        ("NOREASON", census.CHECK_NO_REASON, "2025-03-31"),
        ("CASES", census.CHECK_CASELOAD_ROLE, "4 cases, role qualified_no_cases"),
    }


def test_the_report_groups_the_checks_and_counts_each(demo: tuple[Authority, Team]) -> None:
    authority, team = demo
    for _ in range(3):
        AssignmentFactory(worker=WorkerFactory(authority=authority, swe_registration=""), team=team)
    report = census.census_report(authority=authority, year=2025)
    counts = dict(report.check_counts)
    assert list(counts) == list(census.CHECKS)
    assert counts[census.CHECK_NO_SWE] == 3
    assert counts[census.CHECK_NO_ORIGIN] == 0
    assert [len(problems) for _, problems in report.checks_by_name()] == [3, 0, 0, 0, 0, 0]


def test_a_demo_like_history_agrees_with_the_indicators(demo: tuple[Authority, Team]) -> None:
    """Several years of starters, moves, leavers, agency spells and sickness: the census counts are the indicators'."""
    authority, team = demo
    other_team = TeamFactory(authority=authority, code="CIC", name="Children in care")
    for n in range(24):
        worker = WorkerFactory(authority=authority, worker_id=f"D{n:03d}", start_origin="1" if n % 3 else "")
        start = dt.date(2022, 1, 3) + dt.timedelta(days=41 * n)
        contract = Contract.AGENCY if n % 5 == 0 else Contract.PERMANENT
        if n % 4 == 0:  # an internal move then still in post
            AssignmentFactory(
                worker=worker,
                team=team,
                contract=contract,
                start_date=start,
                end_date=start + dt.timedelta(days=300),
                leaving_reason=LeavingReason.INTERNAL_MOVE,
            )
            AssignmentFactory(worker=worker, team=other_team, contract=contract, start_date=start + dt.timedelta(300))
        elif n % 4 == 1:  # a leaver
            AssignmentFactory(
                worker=worker,
                team=team,
                contract=contract,
                fte=Decimal("0.5"),
                start_date=start,
                end_date=start + dt.timedelta(days=400),
                leaving_reason=LeavingReason.RESIGNATION,
            )
        else:
            AssignmentFactory(worker=worker, team=other_team, contract=contract, start_date=start)
        AbsenceFactory(
            worker=worker,
            start_date=start + dt.timedelta(days=320),
            end_date=start + dt.timedelta(days=321),
            working_days_lost=Decimal("2"),
        )
    for year in (2023, 2024, 2025):
        report = census.census_report(authority=authority, year=year)
        expected = compute_indicators(authority=authority, as_at=census.census_date(year))
        assert report.leavers == expected.leavers_headcount, year
        assert report.starters == expected.starters_headcount, year
        assert report.sickness_days == expected.sickness_days_lost, year
        in_post = [r for r in census.census_rows(authority=authority, year=year) if r.in_post]
        permanent = [r for r in in_post if r.assignment.contract == Contract.PERMANENT]
        assert len(permanent) == expected.social_workers_headcount, year


def test_the_latest_census_year_is_the_last_30_september() -> None:
    assert census.latest_census_year(dt.date(2025, 9, 29)) == 2024
    assert census.latest_census_year(dt.date(2025, 9, 30)) == 2025
    assert census.latest_census_year(dt.date(2026, 1, 5)) == 2025
