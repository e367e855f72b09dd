"""The census return and its check report on the demonstration data that `make run` loads."""

from __future__ import annotations

import datetime as dt

import pytest

from workforce.census import CHECK_NO_DESTINATION, CHECK_NO_SWE, census_report, census_rows
from workforce.models import Authority, Worker
from workforce.services.demo import seed_demo

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 25)
YEAR = 2026


@pytest.fixture
def demo() -> Authority:
    seed_demo(password="demo-password", today=TODAY)
    return Authority.objects.get(code="DEMO")


def test_the_returns_counts_agree_with_the_indicators(demo: Authority) -> None:
    report = census_report(authority=demo, year=YEAR)
    rows = list(census_rows(authority=demo, year=YEAR))
    indicators = report.indicators
    assert report.rows == len(rows) > 50
    assert sum(1 for r in rows if r.leaver) == report.leavers
    assert sum(r.assignment.fte for r in rows if r.leaver) == indicators.leavers_fte
    assert sum(r.assignment.fte for r in rows if r.starter) == indicators.starters_fte
    assert sum(r.sickness_days or 0 for r in rows) == indicators.sickness_days_lost
    assert sum(1 for r in rows if r.in_post and r.assignment.contract == "permanent") >= (
        indicators.social_workers_headcount
    )


def test_the_demo_data_give_a_clean_check_report(demo: Authority) -> None:
    assert census_report(authority=demo, year=YEAR).checks == []


def test_the_check_report_names_the_records_the_dfe_would_query(demo: Authority) -> None:
    """Two slips an HR team makes, on the demo data: a lost SWE number, a leaver's destination not asked."""
    rows = list(census_rows(authority=demo, year=YEAR))
    in_post = next(r.assignment.worker for r in rows if r.in_post)
    leaver = next(r.assignment.worker for r in rows if r.leaver)
    Worker.objects.filter(pk=in_post.pk).update(swe_registration="")
    Worker.objects.filter(pk=leaver.pk).update(leaver_destination="")

    checks = {(c.worker_id, c.check) for c in census_report(authority=demo, year=YEAR).checks}

    assert checks == {(in_post.worker_id, CHECK_NO_SWE), (leaver.worker_id, CHECK_NO_DESTINATION)}
