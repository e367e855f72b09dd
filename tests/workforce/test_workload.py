"""Caseloads against thresholds and weighted workload (workforce.workload), with hand-worked figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.workforce.factories import AssignmentFactory, AuthorityFactory, CaseloadRecordFactory, WorkerFactory
from workforce import workload
from workforce.codes import PostQualifyingStatus, Role
from workforce.models import CaseloadRecord, TeamThreshold, WorkloadSettings
from workforce.services.settings import workload_settings_ensure

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 3, 18)  # a Wednesday; month ends before it: 30 Sep 2025 ... 28 Feb 2026


def _settings(authority) -> WorkloadSettings:  # noqa: ANN001
    return workload_settings_ensure(authority=authority)


def _rows(cast, on: dt.date = ON) -> dict[str, workload.WorkerCaseload]:  # noqa: ANN001
    result = workload.team_caseloads(team=cast.front_door, settings=_settings(cast.authority), on=on)
    return {row.worker.first_name: row for row in result.rows}


def _record(worker, day: dt.date, cases: int, **by_type: int) -> CaseloadRecord:  # noqa: ANN001
    return CaseloadRecordFactory(worker=worker, date=day, cases=cases, **by_type)


# ---------------------------------------------------------------------------
# Settings and thresholds
# ---------------------------------------------------------------------------
def test_the_authoritys_settings_are_created_with_the_defaults_when_missing() -> None:
    authority = AuthorityFactory()
    assert not WorkloadSettings.objects.filter(authority=authority).exists()
    settings = workload_settings_ensure(authority=authority)
    assert (settings.caseload_threshold, settings.asye_caseload_threshold) == (20, 15)
    assert (settings.capacity_points_per_fte, settings.asye_capacity_points_per_fte) == (100, 80)
    assert workload_settings_ensure(authority=authority).pk == settings.pk  # once only


def test_a_team_uses_the_authoritys_thresholds_without_its_own(cast) -> None:
    settings = _settings(cast.authority)
    thresholds = workload.thresholds_for_team(cast.front_door, settings)
    assert thresholds == workload.Thresholds(20, 15, team_override=False)


def test_a_teams_own_thresholds_override_the_authoritys(cast) -> None:
    TeamThreshold.objects.create(team=cast.front_door, caseload_threshold=12, asye_caseload_threshold=8)
    cast.front_door.refresh_from_db()
    thresholds = workload.thresholds_for_team(cast.front_door, _settings(cast.authority))
    assert thresholds == workload.Thresholds(12, 8, team_override=True)
    assert thresholds.for_worker(is_asye=True) == 8


def test_asye_workers_get_the_lower_threshold(cast) -> None:
    cast.sam.pq_status = PostQualifyingStatus.ASYE
    cast.sam.save()
    _record(cast.sam, ON, 16)
    _record(cast.colleague, ON, 16)
    rows = _rows(cast)
    assert (rows["Sam"].threshold, rows["Sam"].is_asye, rows["Sam"].over_threshold) == (15, True, True)
    assert (rows["Chris"].threshold, rows["Chris"].over_threshold) == (20, False)


def test_a_caseload_equal_to_the_threshold_is_within_it(cast) -> None:
    _record(cast.sam, ON, 20)
    _record(cast.colleague, ON, 21)
    rows = _rows(cast)
    assert rows["Sam"].status_labels == ["Within threshold"]
    assert rows["Chris"].status_labels == ["Over threshold"]


# ---------------------------------------------------------------------------
# Current caseload, records this month and the trend
# ---------------------------------------------------------------------------
def test_a_record_older_than_31_days_is_not_the_current_caseload(cast) -> None:
    _record(cast.colleague, ON - dt.timedelta(days=31), 30)
    _record(cast.sam, ON - dt.timedelta(days=30), 25)
    rows = _rows(cast)
    assert rows["Chris"].current is None
    assert rows["Chris"].over_threshold is False
    assert rows["Sam"].current_cases == 25


def test_the_latest_record_in_the_window_is_current_and_future_records_are_ignored(cast) -> None:
    _record(cast.sam, ON - dt.timedelta(days=10), 25)
    _record(cast.sam, ON - dt.timedelta(days=2), 0)  # a later record replaces an earlier one
    _record(cast.sam, ON + dt.timedelta(days=1), 40)
    assert _rows(cast)["Sam"].current_cases == 0


def test_case_holders_without_a_record_this_month_are_listed(cast) -> None:
    _record(cast.sam, ON.replace(day=1), 12)  # this month
    _record(cast.colleague, dt.date(2026, 2, 27), 12)  # current (in the last 31 days), but last month
    result = workload.team_caseloads(team=cast.front_door, settings=_settings(cast.authority), on=ON)
    assert [row.worker.first_name for row in result.without_record] == ["Chris"]
    chris = {row.worker.first_name: row for row in result.rows}["Chris"]
    assert chris.current_cases == 12
    assert chris.status_labels == ["No record this month"]


def test_managers_without_cases_are_not_asked_for_a_record(cast) -> None:
    manager = WorkerFactory(authority=cast.authority, first_name="Mo", last_name="Manager")
    AssignmentFactory(worker=manager, team=cast.front_door, role=Role.FIRST_LINE_MANAGER)
    rows = _rows(cast)
    assert rows["Mo"].needs_record is False
    assert rows["Mo"].status_labels == ["No cases expected"]
    assert rows["Sam"].needs_record is True  # a case holder with no record at all


def test_people_in_other_posts_and_leavers_are_left_out(cast) -> None:
    support = WorkerFactory(authority=cast.authority, first_name="Oli", last_name="Other")
    AssignmentFactory(worker=support, team=cast.front_door, role=Role.OTHER)
    gone = WorkerFactory(authority=cast.authority, first_name="Lee", last_name="Left")
    AssignmentFactory(worker=gone, team=cast.front_door, end_date=dt.date(2026, 1, 31), leaving_reason="resignation")
    assert set(_rows(cast)) == {"Sam", "Chris"}


def test_the_trend_gives_the_latest_record_in_the_31_days_to_each_month_end(cast) -> None:
    _record(cast.sam, dt.date(2025, 9, 30), 11)  # 30 Sep
    _record(cast.sam, dt.date(2025, 10, 10), 12)  # 31 Oct
    _record(cast.sam, dt.date(2025, 10, 20), 13)  # 31 Oct: the later record
    # 30 November: nothing in (30 Oct, 30 Nov], so no figure
    _record(cast.sam, dt.date(2025, 12, 1), 14)  # 31 Dec (30 days before)
    _record(cast.sam, dt.date(2026, 1, 31), 15)  # 31 Jan, and 28 Feb (28 days before)
    result = workload.team_caseloads(team=cast.front_door, settings=_settings(cast.authority), on=ON)
    assert result.trend_dates == [
        dt.date(2025, 9, 30),
        dt.date(2025, 10, 31),
        dt.date(2025, 11, 30),
        dt.date(2025, 12, 31),
        dt.date(2026, 1, 31),
        dt.date(2026, 2, 28),
    ]
    sam = {row.worker.first_name: row for row in result.rows}["Sam"]
    assert sam.trend == [11, 13, None, 14, 15, 15]
    assert sam.current is None  # 31 January is more than 31 days before 18 March


# ---------------------------------------------------------------------------
# Weighted workload
# ---------------------------------------------------------------------------
def test_weighted_workload_is_points_against_capacity_per_fte(cast) -> None:
    """Defaults: CIN 4, CP 6, CIC 5, care leaver 3, other 3; 100 points per FTE. Chris works 0.6 FTE.

    3 × 4 + 2 × 6 + 4 × 5 + 1 × 3 + 0 × 3 = 47 points; capacity 100 × 0.6 = 60; 47 ÷ 60 = 78.3%.
    """
    _record(cast.colleague, ON, 10, child_in_need=3, child_protection=2, child_in_care=4, care_leaver=1, other_cases=0)
    work = _rows(cast)["Chris"].workload
    assert (work.points, work.capacity, work.percentage) == (Decimal("47"), Decimal("60"), Decimal("78.3"))
    assert work.over_capacity is False


def test_asye_workers_have_the_lower_capacity_and_are_flagged_over_it(cast) -> None:
    """Sam (ASYE, 1 FTE): 12 × 6 + 3 × 4 = 84 points against 80: 105.0%, over capacity."""
    cast.sam.pq_status = PostQualifyingStatus.ASYE
    cast.sam.save()
    _record(cast.sam, ON, 15, child_in_need=3, child_protection=12, child_in_care=0, care_leaver=0, other_cases=0)
    sam = _rows(cast)["Sam"]
    assert (sam.workload.points, sam.workload.capacity, sam.workload.percentage) == (84, 80, Decimal("105.0"))
    assert sam.over_capacity is True
    assert sam.over_threshold is False  # 15 cases is at the ASYE threshold, not above it


def test_the_authoritys_weights_are_used(cast) -> None:
    settings = _settings(cast.authority)
    settings.child_protection_points = Decimal("7.5")
    settings.capacity_points_per_fte = 50
    settings.save()
    _record(cast.sam, ON, 4, child_in_need=0, child_protection=4, child_in_care=0, care_leaver=0, other_cases=0)
    work = _rows(cast)["Sam"].workload
    assert (work.points, work.capacity, work.percentage) == (Decimal("30"), Decimal("50"), Decimal("60.0"))


def test_exactly_full_capacity_is_not_over_it(cast) -> None:
    _record(cast.sam, ON, 25, child_in_need=25, child_protection=0, child_in_care=0, care_leaver=0, other_cases=0)
    sam = _rows(cast)["Sam"]
    assert (sam.workload.percentage, sam.over_capacity) == (Decimal("100.0"), False)


def test_a_record_without_case_types_has_no_weighted_workload(cast) -> None:
    _record(cast.sam, ON, 18)
    assert _rows(cast)["Sam"].workload is None


def test_a_capacity_of_zero_gives_no_percentage() -> None:
    settings = WorkloadSettings(capacity_points_per_fte=0)
    record = CaseloadRecord(cases=1, child_in_need=1, child_protection=0, child_in_care=0, care_leaver=0, other_cases=0)
    work = workload.weighted_workload(record, fte=Decimal("1"), is_asye=False, settings=settings)
    assert (work.points, work.percentage, work.over_capacity) == (Decimal("4"), None, True)
