"""The CPD overview and the dashboard's CPD section in a real browser, checked with axe.

Screenshots: test-artifacts/screenshots/cpd-overview-team-manager.png, cpd-overview-workforce-officer.png,
cpd-overview-error.png and cpd-dashboard-section.png.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from cpd import dashboard as cpd_dashboard
from cpd.models import CpdRecord
from cpd.years import registration_year_for, year_start
from tests.browser.conftest import check_accessible, sign_in
from tests.conftest import PASSWORD, Cast
from tests.cpd.factories import CpdRecordFactory
from tests.workforce.factories import AssignmentFactory, WorkerFactory
from workforce.codes import Contract
from workforce.selectors import today

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REFLECTION = "We talked in supervision about the sibling group"


@pytest.fixture
def people(cast: Cast) -> Cast:
    start = year_start(registration_year_for(today()))
    CpdRecordFactory(worker=cast.sam, start_date=start, peer_reflection=REFLECTION)
    CpdRecordFactory(worker=cast.sam, start_date=start, peer_reflection="")
    CpdRecordFactory(worker=cast.colleague, start_date=start, peer_reflection="")
    names = [("Aisha", "Begum"), ("Tom", "Bradley"), ("Grace", "Okafor"), ("Liam", "Walsh")]
    for n, (first, last) in enumerate(names):
        worker = WorkerFactory(authority=cast.authority, first_name=first, last_name=last,
                               swe_renewal_date=dt.date(2026, 11, 30) if n % 2 else None)  # fmt: skip
        AssignmentFactory(worker=worker, team=cast.front_door if n < 2 else cast.child_protection)
        for _ in range(n % 3):
            CpdRecordFactory(worker=worker, start_date=start, peer_reflection=REFLECTION if n == 2 else "")
        if n == 3:
            CpdRecordFactory(worker=worker, start_date=start, status=CpdRecord.Status.DRAFT)
    agency = WorkerFactory(authority=cast.authority, first_name="Dev", last_name="Locum")
    AssignmentFactory(worker=agency, team=cast.children_in_care, contract=Contract.AGENCY)
    return cast


def test_the_overview_is_accessible_to_a_team_manager(page: Page, live_server, people: Cast) -> None:
    sign_in(page, live_server, people.team_manager.email, PASSWORD)
    page.goto(live_server.url + reverse("cpd:overview"))
    expect(page.get_by_role("heading", name="CPD overview")).to_be_visible()
    expect(page.locator("#people tbody tr")).to_have_count(4)  # Sam, Chris, Aisha and Tom in Front Door
    check_accessible(page, "cpd overview team manager")
    page.get_by_label("Status").select_option("at_risk")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    expect(page.locator("#people tbody tr")).to_have_count(2)
    check_accessible(page, "cpd overview team manager at risk")


def test_the_overview_is_accessible_to_a_workforce_officer(page: Page, live_server, people: Cast) -> None:
    sign_in(page, live_server, people.workforce_officer.email, PASSWORD)
    page.goto(live_server.url + reverse("cpd:overview"))
    expect(page.locator("#people tbody tr")).to_have_count(8)
    assert REFLECTION not in page.content()
    check_accessible(page, "cpd overview workforce officer")
    page.goto(live_server.url + reverse("cpd:overview") + "?year=1999")
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert page.title().startswith("Error: ")
    check_accessible(page, "cpd overview error")


def test_the_dashboard_section_is_accessible(page: Page, live_server, people: Cast, monkeypatch) -> None:
    monkeypatch.setattr("workforce.dashboard._SECTIONS", {})
    cpd_dashboard.register()
    sign_in(page, live_server, people.workforce_officer.email, PASSWORD)
    page.goto(live_server.url + reverse("workforce:dashboard") + f"?as_at={today().isoformat()}")
    expect(page.get_by_role("heading", name="CPD compliance", exact=True)).to_be_visible()
    check_accessible(page, "cpd dashboard section")
    page.locator("#cpd-compliance-figures").screenshot(path="test-artifacts/screenshots/cpd-dashboard-figures.png")
