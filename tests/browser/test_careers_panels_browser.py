"""Progression applications and panels in a real browser, each page checked with axe, with screenshots."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from careers.models import ProgressionApplication
from tests.browser.conftest import check_accessible, sign_in, sign_out
from tests.careers.factories_applications import application_for, ready_to_apply
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_worker_applies_and_the_workforce_officer_sees_the_status(page: Page, live_server, cast) -> None:
    ready_to_apply(cast)
    sign_in(page, live_server, cast.social_worker.email, PASSWORD)
    page.goto(live_server.url + reverse("careers:application_create"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Apply for the next level")

    page.get_by_role("button", name="Send the application").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the panel to send the application to")
    assert page.title().startswith("Error: ")
    check_accessible(page, "careers-application-form-errors")

    page.get_by_label("Progression panel").check()
    page.get_by_label("Supporting statement").fill("I have led family network meetings across the team.")
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Application for Experienced Social Worker")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Application sent to Progression panel.")
    check_accessible(page, "careers-application-detail-worker")

    application = ProgressionApplication.objects.get()
    sign_out(page)
    sign_in(page, live_server, cast.workforce_officer.email, PASSWORD)
    page.goto(live_server.url + reverse("careers:application_detail", args=[application.pk]))
    expect(page.get_by_text("You can see the status of this application.")).to_be_visible()
    check_accessible(page, "careers-application-detail-status-only")


def test_the_team_manager_sees_the_form_for_a_worker(page: Page, live_server, cast) -> None:
    ready_to_apply(cast)
    sign_in(page, live_server, cast.team_manager.email, PASSWORD)
    page.goto(live_server.url + reverse("careers:application_create_for", args=[cast.sam.pk]))
    expect(page.locator(".govuk-caption-l")).to_contain_text("Sam Patel")
    check_accessible(page, "careers-application-form-manager")


def test_the_panel_member_reads_the_portfolio_and_decides(page: Page, live_server, cast) -> None:
    application = application_for(cast)
    sign_in(page, live_server, cast.panel_member.email, PASSWORD)
    page.goto(live_server.url + reverse("careers:panel_list"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Progression panels")
    check_accessible(page, "careers-panel-list")

    page.get_by_role("link", name="Sam Patel").click()
    expect(page.get_by_role("heading", level=2, name="Record the panel’s decision")).to_be_visible()
    check_accessible(page, "careers-panel-application")

    page.get_by_label("Defer, with reasons").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the reasons for deferring the application.")
    check_accessible(page, "careers-panel-decision-errors")

    page.get_by_label("Approve: the worker moves up to the level sought").check()
    page.get_by_label("New level from").fill("01/12/2026")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Application of Sam Patel approved.")
    check_accessible(page, "careers-panel-application-decided")
    application.refresh_from_db()
    assert application.status == ProgressionApplication.Status.APPROVED
