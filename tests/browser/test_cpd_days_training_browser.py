"""CPD days and mandatory training in a real browser: every page checked with axe, with screenshots."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from cpd.models import CpdDayRequest
from tests.browser.conftest import check_accessible, sign_in, sign_out
from tests.conftest import PASSWORD
from tests.cpd.factories import CpdDayRequestFactory, TrainingCompletionFactory, TrainingCourseFactory
from tests.cpd.factories_days import freeze_today

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _today(monkeypatch) -> None:  # noqa: ANN001
    freeze_today(monkeypatch)


def test_a_worker_requests_days_and_their_manager_approves(page: Page, live_server, cast) -> None:  # noqa: ANN001
    CpdDayRequestFactory(worker=cast.sam, start_date=dt.date(2026, 1, 12), status="approved")
    CpdDayRequestFactory(worker=cast.colleague, start_date=dt.date(2026, 4, 20), days=Decimal("0.5"))
    sign_in(page, live_server, cast.social_worker.email, PASSWORD)
    page.goto(live_server.url + reverse("cpd:my_days"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My CPD days")
    page.get_by_role("link", name="Request CPD days").click()
    page.get_by_label("First day").fill("11/05/2026")
    page.get_by_label("Number of days").fill("3")
    page.get_by_label("What the time is for").fill("Regional exploitation conference")
    page.get_by_role("button", name="Send request").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("You can request at most 2 more days")
    check_accessible(page, "cpd-day-request-errors")
    page.get_by_label("Number of days").fill("1.5")
    page.get_by_role("button", name="Send request").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("sent to your team manager")
    expect(page.locator("table")).to_contain_text("11 May 2026")
    check_accessible(page, "cpd-my-days")
    page.goto(live_server.url + reverse("cpd:my_training"))
    check_accessible(page, "cpd-my-training")
    sign_out(page)

    sign_in(page, live_server, cast.team_manager.email, PASSWORD)
    page.goto(live_server.url + reverse("cpd:days_uptake"))
    expect(page.get_by_role("heading", level=1)).to_have_text("CPD days")
    check_accessible(page, "cpd-days-uptake")
    page.get_by_role("link", name="Decide Sam Patel's request").click()
    page.get_by_label("Refuse").check()
    page.get_by_role("button", name="Save decision").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Give a reason for refusing the request")
    check_accessible(page, "cpd-day-decide-errors")
    page.get_by_label("Approve").check()
    page.get_by_role("button", name="Save decision").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("You approved Sam Patel's request")
    assert CpdDayRequest.objects.get(worker=cast.sam, start_date=dt.date(2026, 5, 11)).status == "approved"


def test_hr_keep_training_and_cpd_settings(page: Page, live_server, cast) -> None:  # noqa: ANN001
    safeguarding = TrainingCourseFactory(authority=cast.authority, code="SAFEG", name="Safeguarding level 3")
    TrainingCourseFactory(authority=cast.authority, code="GDPR", name="Data protection", validity_months=12)
    TrainingCourseFactory(authority=cast.authority, code="MCA", name="Mental Capacity Act", validity_months=None)
    TrainingCompletionFactory(
        worker=cast.sam, course=safeguarding, completed_on=dt.date(2023, 4, 1), expires_on=dt.date(2026, 4, 1)
    )
    TrainingCompletionFactory(
        worker=cast.cic_worker, course=safeguarding, completed_on=dt.date(2022, 4, 1), expires_on=dt.date(2025, 4, 1)
    )
    TrainingCompletionFactory(
        worker=cast.colleague, course=safeguarding, completed_on=dt.date(2025, 6, 1), expires_on=dt.date(2028, 6, 1)
    )
    sign_in(page, live_server, cast.workforce_officer.email, PASSWORD)
    page.goto(live_server.url + reverse("cpd:training_matrix"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mandatory training")
    check_accessible(page, "cpd-training-matrix")
    page.goto(live_server.url + reverse("cpd:training_courses"))
    check_accessible(page, "cpd-training-courses")
    page.get_by_role("link", name="Add a course").click()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the course code")
    check_accessible(page, "cpd-training-course-errors")
    page.goto(live_server.url + reverse("cpd:training_completion_create", args=[cast.colleague.pk]))
    check_accessible(page, "cpd-training-completion-form")
    page.goto(live_server.url + reverse("cpd:training_import"))
    page.get_by_label("File of completions").set_input_files(
        files=[{"name": "c.csv", "mimeType": "text/csv", "buffer": b"worker_id,course_code,completed_on\nZ9,X,2025\n"}]
    )
    page.get_by_role("button", name="Upload and import").click()
    expect(page.locator("table")).to_contain_text("No staff record has this staff reference")
    check_accessible(page, "cpd-training-import-errors")
    page.goto(live_server.url + reverse("cpd:settings"))
    check_accessible(page, "cpd-settings")
    page.goto(live_server.url + reverse("cpd:day_allowance_set", args=[cast.sam.pk]))
    check_accessible(page, "cpd-day-allowance")
