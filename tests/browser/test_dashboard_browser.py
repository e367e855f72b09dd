"""The dashboard in a real browser: Chart.js draws every trend, the breakdown tables sort, and the page passes axe.

Screenshots: test-artifacts/screenshots/dashboard-workforce-officer.png and dashboard-team-manager.png.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.browser.conftest import check_accessible, sign_in
from tests.conftest import PASSWORD, Cast
from tests.workforce.factories import (
    AbsenceFactory,
    AssignmentFactory,
    CaseloadRecordFactory,
    EstablishmentFactory,
    WorkerFactory,
)
from workforce.codes import Contract, LeavingReason, Role
from workforce.dashboard import TREND_KEYS, default_as_at
from workforce.indicators import month_ends
from workforce.models import ComparatorFigure, IndicatorTarget
from workforce.selectors import today

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ENGLAND = {  # flushed with every transactional test: put the shipped figures back
    2023: ("15.9", "17.8", "18.9", "16.0", "3.2"),
    2024: ("13.9", "16.2", "17.3", "15.4", "3.4"),
    2025: ("11.8", "13.0", "14.2", "15.2", "3.5"),
}
CHARTS_DRAWN = "() => Array.from(document.querySelectorAll('canvas[data-chart]')).map((c) => !!Chart.getChart(c))"


@pytest.fixture
def history(cast: Cast) -> Cast:
    """Two years of figures up to the dashboard's default date: caseloads every month, a leaver, a starter,
    agency cover, sickness, establishments and targets."""
    d = default_as_at(today())
    a = cast.authority
    for year, values in ENGLAND.items():
        for key, value in zip(TREND_KEYS, values, strict=True):
            ComparatorFigure.objects.get_or_create(
                authority=None,
                kind="england",
                label="England",
                as_at=dt.date(year, 9, 30),
                indicator=key,
                defaults={"value": Decimal(value)},
            )
    start = d - dt.timedelta(days=4 * 365)
    EstablishmentFactory(team=cast.front_door, effective_from=start, establishment_fte=Decimal("3"))
    EstablishmentFactory(team=cast.child_protection, effective_from=start, establishment_fte=Decimal("4"))
    cp = [WorkerFactory(authority=a, ethnicity=e) for e in ("WBRI", "AIND", "BCRB", "WBRI", "WIRI")]
    for worker in cp:
        AssignmentFactory(worker=worker, team=cast.child_protection, start_date=start)
    AssignmentFactory(
        worker=WorkerFactory(authority=a),
        team=cast.front_door,
        start_date=start,
        end_date=d - dt.timedelta(days=200),
        leaving_reason=LeavingReason.RESIGNATION,
    )
    AssignmentFactory(
        worker=WorkerFactory(authority=a),
        team=cast.front_door,
        role=Role.FIRST_LINE_MANAGER,
        start_date=d - dt.timedelta(days=100),
    )
    AssignmentFactory(
        worker=WorkerFactory(authority=a),
        team=cast.child_protection,
        contract=Contract.AGENCY,
        covers_vacancy=True,
        start_date=d - dt.timedelta(days=400),
    )
    for i, month_end in enumerate(month_ends(d, 24)):
        CaseloadRecordFactory(worker=cast.sam, date=month_end, cases=14 + i % 5)
        CaseloadRecordFactory(worker=cast.colleague, date=month_end, cases=9 + i % 3)
        for j, worker in enumerate(cp):
            CaseloadRecordFactory(worker=worker, date=month_end, cases=16 + (i + j) % 6)
    AbsenceFactory(worker=cast.sam, start_date=d - dt.timedelta(days=90), end_date=d - dt.timedelta(days=85))
    AbsenceFactory(worker=cp[0], start_date=d - dt.timedelta(days=300), end_date=d - dt.timedelta(days=290))
    for key, value in {"turnover_rate": "12.0", "agency_rate": "10.0", "vacancy_rate": "12.0"}.items():
        IndicatorTarget.objects.create(authority=a, indicator=key, value=Decimal(value), effective_from=start)
    IndicatorTarget.objects.create(
        authority=a, indicator="average_caseload", value=Decimal("17.0"), effective_from=start
    )
    IndicatorTarget.objects.create(authority=a, indicator="absence_rate", value=Decimal("3.0"), effective_from=start)
    return cast


def _open_dashboard(page: Page, live_server, email: str) -> None:  # noqa: ANN001
    sign_in(page, live_server, email, PASSWORD)
    response = page.goto(live_server.url + reverse("workforce:dashboard"))
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Workforce dashboard")
    page.wait_for_function("() => typeof window.Chart !== 'undefined'")


def test_the_workforce_officer_sees_the_authoritys_charts_and_sorts_the_teams(page: Page, live_server, history) -> None:
    _open_dashboard(page, live_server, history.workforce_officer.email)
    expect(page.locator(".govuk-caption-l")).to_have_text("Northshire County Council")
    assert page.evaluate(CHARTS_DRAWN) == [True] * len(TREND_KEYS)
    expect(page.locator("#figure-turnover_rate")).to_contain_text("Turnover rate (%)")

    teams = page.locator("#team-table")
    first_cells = teams.locator("tbody tr th")
    expect(first_cells).to_have_text(["Child Protection (CP)", "Children in Care (CIC)", "Front Door (FD)"])
    caseload = teams.get_by_role("button", name="Average caseload")
    caseload.click()
    header = teams.locator("thead th").filter(has=page.get_by_role("button", name="Average caseload"))
    expect(header).to_have_attribute("aria-sort", "ascending")
    expect(teams.locator("thead th").first).to_have_attribute("aria-sort", "none")
    # Front Door's caseloads are lower than Child Protection's; Children in Care has none (always last).
    expect(first_cells).to_have_text(["Front Door (FD)", "Child Protection (CP)", "Children in Care (CIC)"])
    caseload.click()
    expect(header).to_have_attribute("aria-sort", "descending")
    expect(first_cells).to_have_text(["Child Protection (CP)", "Front Door (FD)", "Children in Care (CIC)"])
    expect(page.get_by_role("status").filter(has_text="Sorted by")).to_have_count(1)

    page.get_by_text("Turnover rate: the figures as a table").click()
    expect(page.locator("details[open] table tbody tr")).to_have_count(24)
    check_accessible(page, "dashboard-workforce-officer")


def test_the_team_manager_sees_their_teams_charts(page: Page, live_server, history) -> None:
    _open_dashboard(page, live_server, history.team_manager.email)
    expect(page.locator(".govuk-caption-l")).to_have_text("Front Door team")
    assert page.evaluate(CHARTS_DRAWN) == [True] * len(TREND_KEYS)
    expect(page.locator("#team-table tbody tr")).to_have_count(1)
    expect(page.locator("#service-area-table")).to_have_count(0)
    options = page.locator("#id_scope option")
    expect(options).to_have_text(["Front Door (FD)"])
    check_accessible(page, "dashboard-team-manager")
