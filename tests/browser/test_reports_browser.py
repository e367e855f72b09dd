"""The report and agency pages in a real browser, as the workforce officer: each passes axe (WCAG 2.2 AA), with and
without errors, and the download buttons give the workbooks.

Screenshots: test-artifacts/screenshots/reports-*.png and agency-*.png.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.browser.conftest import check_accessible, sign_in
from tests.conftest import PASSWORD, Cast
from tests.workforce.factories import AssignmentFactory, WorkerFactory
from workforce.codes import Contract, LeavingReason
from workforce.models import AgencyEngagement, Assignment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def data(cast: Cast) -> Cast:
    """A leaver and a starter in the 2025 census year, and agency workers with and without flags."""
    leaver = WorkerFactory(authority=cast.authority, worker_id="L001", first_name="Lee", last_name="Ver")
    AssignmentFactory(
        worker=leaver,
        team=cast.front_door,
        start_date=dt.date(2019, 1, 7),
        end_date=dt.date(2025, 5, 30),
        leaving_reason=LeavingReason.RESIGNATION,
    )
    starter = WorkerFactory(authority=cast.authority, worker_id="S001", swe_registration="")
    AssignmentFactory(worker=starter, team=cast.child_protection, start_date=dt.date(2025, 2, 3))
    for worker_id, details in (
        ("AG-1", {"pq_experience_years": Decimal("2")}),
        ("AG-2", {"pay_rate": Decimal("52.00"), "notice_period_weeks": 6}),
        ("AG-3", {}),
    ):
        worker = WorkerFactory(authority=cast.authority, worker_id=worker_id)
        assignment = AssignmentFactory(
            worker=worker, team=cast.child_protection, contract=Contract.AGENCY, start_date=dt.date(2025, 3, 3)
        )
        AgencyEngagement.objects.create(
            assignment=assignment,
            agency="Caring Staff Ltd",
            pay_rate=details.get("pay_rate", Decimal("38.00")),
            employer_ni=Decimal("4.00"),
            apprenticeship_levy=Decimal("0.20"),
            regional_price_cap=Decimal("46.00"),
            pq_experience_years=details.get("pq_experience_years", Decimal("5")),
            notice_period_weeks=details.get("notice_period_weeks", 4),
        )
    return cast


def _open(page: Page, live_server, path: str) -> None:  # noqa: ANN001
    response = page.goto(live_server.url + path)
    assert response.status == 200, f"{path} answered {response.status}"


def test_the_report_pages_are_accessible_and_download(page: Page, live_server, data: Cast) -> None:  # noqa: ANN001
    sign_in(page, live_server, data.workforce_officer.email, PASSWORD)

    _open(page, live_server, reverse("workforce:turnover_report") + "?as_at=30/09/2025&scope=authority")
    expect(page.get_by_role("heading", name="Turnover workbook", level=1)).to_be_visible()
    expect(page.locator("#figure-leavers_headcount")).to_contain_text("1")
    check_accessible(page, "reports-turnover")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the turnover workbook (XLSX)").click()
    assert download.value.suggested_filename.startswith("Turnover workbook - ")
    assert download.value.suggested_filename.endswith(".xlsx")

    _open(page, live_server, reverse("workforce:turnover_report") + "?as_at=31/02/2025&scope=authority")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_accessible(page, "reports-turnover-errors")

    _open(page, live_server, reverse("workforce:census") + "?year=2025")
    expect(page.get_by_role("heading", name="Census 2025: as at 30 September 2025")).to_be_visible()
    expect(page.locator("#check-counts")).to_contain_text("Starter without a start origin")
    check_accessible(page, "reports-census")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the 2025 return (XLSX)").click()
    assert download.value.suggested_filename.startswith("CSWW census return 2025 - ")

    _open(page, live_server, reverse("workforce:census") + "?year=twenty")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_accessible(page, "reports-census-errors")


def test_the_agency_pages_are_accessible(page: Page, live_server, data: Cast) -> None:  # noqa: ANN001
    sign_in(page, live_server, data.workforce_officer.email, PASSWORD)

    _open(page, live_server, reverse("workforce:agency_compliance") + "?on=30/09/2025")
    expect(page.locator("#agency-table")).to_contain_text("Under 3 years' experience")
    expect(page.locator("#agency-table")).to_contain_text("Over cap, not signed off")
    expect(page.locator("#agency-table")).to_contain_text("Within the guidance")
    check_accessible(page, "agency-compliance")

    page.get_by_label("Flag").select_option("any")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    expect(page.locator("#result-count")).to_contain_text("3 agency workers shown")  # AG-1, AG-2, Priya (no details)
    check_accessible(page, "agency-compliance-filtered")

    engagement = reverse("workforce:agency_engagement", args=[Assignment.objects.get(worker=data.cic_worker).pk])
    _open(page, live_server, engagement)
    check_accessible(page, "agency-engagement")
    page.get_by_label("Hourly pay rate (£)").fill("lots")
    page.get_by_role("button", name="Save the details").click()
    page.wait_for_load_state()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_accessible(page, "agency-engagement-errors")

    _open(page, live_server, reverse("workforce:agency_return"))
    check_accessible(page, "agency-return")
    page.get_by_label("Year").fill("2025")
    page.get_by_label("Quarter").select_option("3")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the return (XLSX)").click()
    assert download.value.suggested_filename.startswith("Agency return 2025 Q3 - ")
