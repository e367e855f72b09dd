"""The staff and team pages, and their forms showing errors, pass axe (WCAG 2.2 AA) in a real browser.

Uses the browser harness of tests/browser (Chromium, axe, screenshots); skipped when Chromium is missing.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from tests.browser import conftest as harness
from tests.browser.conftest import CHROMIUM, check_accessible, sign_in
from tests.conftest import PASSWORD, Cast
from tests.workforce.factories import AbsenceFactory, AssignmentFactory, EstablishmentFactory, WorkerFactory
from workforce.codes import LeavingReason

# The harness's fixtures: Debian's Chromium, and a page that records CSP blocks and static files that failed.
browser_type_launch_args = harness.browser_type_launch_args
browser_context_args = harness.browser_context_args
page = harness.page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"browser tests need Chromium at {CHROMIUM}"),
]


def _open(page: Page, live_server, path: str) -> None:  # noqa: ANN001
    response = page.goto(live_server.url + path)
    assert response.status == 200, f"{path} answered {response.status}"


def _submit(page: Page) -> None:
    page.locator("main form[method=post] button[type=submit]").first.click()
    page.wait_for_load_state()


def test_hr_pages_and_their_errors_are_accessible(page: Page, live_server, cast: Cast) -> None:
    today = dt.date.today()
    EstablishmentFactory(team=cast.front_door, effective_from=dt.date(2023, 4, 1))
    leaver = WorkerFactory(authority=cast.authority, first_name="Lee", last_name="Ver")
    AssignmentFactory(
        worker=leaver,
        team=cast.front_door,
        end_date=today - dt.timedelta(days=30),
        leaving_reason=LeavingReason.RESIGNATION,
    )
    AbsenceFactory(worker=cast.sam)
    sign_in(page, live_server, cast.workforce_officer.email, PASSWORD)
    sam = cast.sam.pk

    for path in (
        reverse("workforce:staff_list") + "?status=all",
        reverse("workforce:worker_detail", args=[sam]),
        reverse("workforce:team_list"),
        reverse("workforce:team_detail", args=[cast.front_door.pk]),
        reverse("workforce:worker_edit", args=[sam]),
        reverse("workforce:assignment_edit", args=[sam, cast.sam.assignments.get().pk]),
        reverse("workforce:team_move", args=[sam]),
        reverse("workforce:worker_archive", args=[sam]),
    ):
        _open(page, live_server, path)
        check_accessible(page, f"hr-{path}")

    _open(page, live_server, reverse("workforce:staff_list") + f"?team={cast.other_team.pk}")
    check_accessible(page, "hr-staff-list-filter-error")

    for name, args in (
        ("worker_create", []),
        ("assignment_create", [sam]),
        ("leaver_record", [sam]),
        ("absence_create", [sam]),
        ("caseload_create", [sam]),
        ("establishment_set", [cast.front_door.pk]),
    ):
        _open(page, live_server, reverse(f"workforce:{name}", args=args))
        check_accessible(page, f"hr-{name}")
        for field in page.locator("main form[method=post] input.govuk-input").all():
            field.fill("")
        _submit(page)
        assert page.locator(".govuk-error-summary").is_visible(), f"{name}: no error summary"
        check_accessible(page, f"hr-{name}-errors")


def test_the_team_caseload_page_and_its_errors_are_accessible(page: Page, live_server, cast: Cast) -> None:
    sign_in(page, live_server, cast.team_manager.email, PASSWORD)
    _open(page, live_server, reverse("workforce:team_caseloads", args=[cast.front_door.pk]))
    check_accessible(page, "team-manager-team-caseloads")
    page.get_by_label("Cases, Sam Patel", exact=True).fill("12")
    page.get_by_label("Child in need, Sam Patel", exact=True).fill("5")
    _submit(page)
    assert page.locator(".govuk-error-summary").is_visible()
    check_accessible(page, "team-manager-team-caseloads-errors")


def test_the_read_only_caseload_page_is_accessible(page: Page, live_server, cast: Cast) -> None:
    sign_in(page, live_server, cast.service_manager.email, PASSWORD)
    _open(page, live_server, reverse("workforce:team_caseloads", args=[cast.child_protection.pk]))
    check_accessible(page, "service-manager-team-caseloads")
