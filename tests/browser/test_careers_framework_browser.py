"""The administrator's framework pages in a real browser, each checked with axe, with screenshots: the versions,
one version, adapting the wording (with an error, then saved), the career levels and a level form with errors,
panels, careers settings, and a worker's level set by a workforce officer.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from careers.models import CareerLevel, FrameworkVersion, WorkerLevel
from tests.browser.conftest import check_accessible, sign_in, sign_out
from tests.careers.factories import EvidenceFactory, PanelFactory
from tests.careers.factories_framework import load_framework
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_administrator_adapts_the_framework_and_edits_the_ladder(page: Page, live_server, cast) -> None:
    national = load_framework()
    EvidenceFactory(worker=cast.sam, framework_version=national, items=list(national.items.all()[:2]))
    PanelFactory(authority=cast.authority, name="Senior practitioner panel", members=[cast.panel_member])
    sign_in(page, live_server, cast.administrator.email, PASSWORD)

    page.get_by_role("link", name="Framework", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Practice framework")
    check_accessible(page, "framework-index")

    page.get_by_role("link", name=national.name).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(national.name)
    check_accessible(page, "framework-version")

    page.get_by_role("link", name="Adapt the wording").click()
    page.get_by_label("Name of the adapted version").fill("")
    page.get_by_label("Principle 1", exact=True).fill("")
    page.get_by_role("button", name="Save as a new version and use it").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the wording of principle 1")
    check_accessible(page, "framework-adapt-errors")
    page.get_by_label("Name of the adapted version").fill("Northshire practice framework")
    page.get_by_label("Principle 1", exact=True).fill("The child’s welfare comes first")
    check_accessible(page, "framework-adapt")
    page.get_by_role("button", name="Save as a new version and use it").click()
    expect(page.locator(".govuk-notification-banner").first).to_contain_text("now uses it")
    assert FrameworkVersion.objects.filter(authority=cast.authority, name="Northshire practice framework").exists()

    page.goto(live_server.url + reverse("careers:level_list"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Career levels")
    check_accessible(page, "framework-levels")

    esw = CareerLevel.objects.get(authority=cast.authority, code="ESW")
    page.goto(live_server.url + reverse("careers:level_edit", args=[esw.pk]))
    page.get_by_label("Position on the ladder").fill("2")
    page.get_by_label("Accepted pieces of evidence needed").fill("many")
    page.get_by_role("button", name="Save level").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("must be a whole number")
    check_accessible(page, "framework-level-edit-errors")
    page.get_by_label("Accepted pieces of evidence needed").fill("4")
    page.get_by_role("button", name="Save level").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Social Worker is already at position 2")

    page.goto(live_server.url + reverse("careers:level_create"))
    check_accessible(page, "framework-level-create")

    page.goto(live_server.url + reverse("careers:panel_admin_list"))
    check_accessible(page, "framework-panels")
    page.get_by_role("link", name="Change Senior practitioner panel").click()
    check_accessible(page, "framework-panel-edit")
    page.goto(live_server.url + reverse("careers:panel_create"))
    page.get_by_role("button", name="Save panel").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the name of the panel")
    check_accessible(page, "framework-panel-create-errors")

    page.goto(live_server.url + reverse("careers:settings"))
    check_accessible(page, "framework-settings")
    sign_out(page)

    sign_in(page, live_server, cast.workforce_officer.email, PASSWORD)
    page.goto(live_server.url + reverse("careers:worker_level_set", args=[cast.sam.pk]))
    page.get_by_label("Career level").select_option(label="Senior Practitioner")
    page.get_by_label("From").fill("04/04/2022")
    page.get_by_role("button", name="Set level").click()
    expect(page.get_by_role("table")).to_contain_text("Senior Practitioner")
    check_accessible(page, "framework-worker-level")
    assert WorkerLevel.objects.get(worker=cast.sam).level.code == "SP"
