"""The caseload view and the settings pages in a real browser, each checked with axe, with screenshots."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.browser.conftest import check_accessible, sign_in
from tests.conftest import PASSWORD
from workforce.indicators import month_ends
from workforce.models import CaseloadRecord, ComparatorFigure, IndicatorTarget, TeamThreshold
from workforce.selectors import today

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_team_manager_sees_who_needs_action(page: Page, live_server, cast) -> None:
    """Sam holds 24 cases (over the threshold of 20, and 129 points of 100); Chris has no record this month."""
    month_start = today().replace(day=1)
    for index, day in enumerate(month_ends(today(), 6)):
        if day < month_start:
            CaseloadRecord.objects.create(worker=cast.sam, date=day, cases=18 + index)
            CaseloadRecord.objects.create(worker=cast.colleague, date=day, cases=9 + index % 2)
    CaseloadRecord.objects.update_or_create(
        worker=cast.sam,
        date=today(),
        defaults={
            "cases": 24,
            "child_in_need": 6,
            "child_protection": 15,
            "child_in_care": 3,
            "care_leaver": 0,
            "other_cases": 0,
        },
    )
    sign_in(page, live_server, cast.team_manager.email, PASSWORD)
    page.goto(live_server.url + reverse("workforce:caseload_overview"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Caseloads")
    summary = page.locator("#caseload-summary")
    expect(summary).to_contain_text("1 person is over the threshold: Sam Patel.")
    expect(summary).to_contain_text("1 person has no caseload recorded this month: Chris Morgan.")
    expect(page.locator(f"#worker-{cast.sam.pk}")).to_contain_text("Over threshold")
    expect(page.locator(f"#worker-{cast.sam.pk}")).to_contain_text("Over capacity")
    expect(page.locator(f"#worker-{cast.colleague.pk}")).to_contain_text("No record this month")
    expect(page.get_by_role("link", name="Enter this month’s caseloads for Front Door")).to_be_visible()
    check_accessible(page, "caseloads-team-manager")

    page.get_by_role("link", name="Sam Patel").first.click()
    expect(page).to_have_url(live_server.url + f"/caseloads/#worker-{cast.sam.pk}")


def test_the_service_manager_switches_team(page: Page, live_server, cast) -> None:
    sign_in(page, live_server, cast.service_manager.email, PASSWORD)
    page.goto(live_server.url + reverse("workforce:caseload_overview"))
    page.get_by_label("Team", exact=True).select_option(label="Front Door (FD)")
    page.get_by_role("button", name="Show team").click()
    expect(page.locator(".govuk-caption-l")).to_contain_text("Front Door (FD)")
    expect(page.get_by_role("link", name="Enter this month’s caseloads for Front Door")).to_have_count(0)
    check_accessible(page, "caseloads-service-manager")


def test_the_settings_pages_are_accessible(page: Page, live_server, cast) -> None:
    TeamThreshold.objects.create(team=cast.child_protection, caseload_threshold=18, asye_caseload_threshold=12)
    IndicatorTarget.objects.create(
        authority=cast.authority, indicator="turnover_rate", value=Decimal("14.0"), effective_from=dt.date(2025, 4, 1)
    )
    ComparatorFigure.objects.get_or_create(
        authority=None,
        kind=ComparatorFigure.Kind.ENGLAND,
        label="England",
        as_at=dt.date(2025, 9, 30),
        indicator="turnover_rate",
        defaults={"value": Decimal("11.8")},
    )
    figure = ComparatorFigure.objects.create(
        authority=cast.authority,
        kind=ComparatorFigure.Kind.REGION,
        label="North West",
        as_at=dt.date(2025, 9, 30),
        indicator="agency_rate",
        value=Decimal("12.4"),
        source="Regional benchmarking 2025",
    )
    base = live_server.url
    sign_in(page, live_server, cast.administrator.email, PASSWORD)

    page.goto(base + reverse("workforce:settings_index"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Settings")
    check_accessible(page, "settings-index")

    page.get_by_role("link", name="Change the thresholds, capacity and points").click()
    check_accessible(page, "settings-workload")
    page.get_by_label("ASYE caseload threshold").fill("30")
    page.get_by_role("button", name="Save settings").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("must not be above the main threshold")
    check_accessible(page, "settings-workload-errors")
    page.get_by_label("ASYE caseload threshold").fill("14")
    page.get_by_role("button", name="Save settings").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("saved")

    page.get_by_role("link", name="Change the thresholds of Child Protection").click()
    expect(page.get_by_role("button", name="Remove the team’s own thresholds")).to_be_visible()
    check_accessible(page, "settings-team-threshold")

    page.goto(base + reverse("workforce:settings_targets"))
    check_accessible(page, "settings-targets")
    page.get_by_role("link", name="Add a target").click()
    page.get_by_role("button", name="Save target").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the date the target applies from")
    check_accessible(page, "settings-target-form-errors")

    page.goto(base + reverse("workforce:settings_comparators"))
    check_accessible(page, "settings-comparators")
    page.get_by_role("link", name="Add a figure").click()
    check_accessible(page, "settings-comparator-form")
    page.goto(base + reverse("workforce:settings_comparator_remove", args=[figure.pk]))
    check_accessible(page, "settings-comparator-remove")
    page.get_by_role("button", name="Remove figure").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("North West agency rate (%) figure removed.")
