"""Evidence and progress pages in a real browser, each checked with axe, with screenshots: the worker writes and
submits evidence, their team manager reviews it, and both look at progress.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from careers.models import Evidence
from tests.browser.conftest import check_accessible, sign_in, sign_out
from tests.careers.factories import (
    CareerLevelFactory,
    CareersSettingsFactory,
    EvidenceFactory,
    EvidenceTransitionFactory,
    FrameworkItemFactory,
    FrameworkVersionFactory,
    WorkerLevelFactory,
)
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PRINCIPLES = [
    "Children's welfare is paramount",
    "Children's wishes and feelings are sought, heard and responded to",
    "Children's social care works in partnership with whole families",
    "Children are raised by their families, with their family networks or in family environments wherever possible",
    "Local authorities work with other agencies to effectively identify and meet the needs of children",
    "Local authorities consider the economic and social circumstances that may impact children and families",
]
OUTCOMES = [
    "Children, young people and families stay together and get the help they need",
    "Children and young people are supported by their family network",
    "Children and young people are safe in and outside of their homes",
    "Children in care and care leavers have stable, loving homes",
]


def _national_framework(cast):  # noqa: ANN001, ANN202
    version = FrameworkVersionFactory(code="browser-national", name="Children's Social Care National Framework")
    principles = [
        FrameworkItemFactory(version=version, kind="principle", number=n, key=f"p{n}", title=title)
        for n, title in enumerate(PRINCIPLES, start=1)
    ]
    outcomes = [
        FrameworkItemFactory(version=version, kind="outcome", number=n, key=f"o{n}", title=title)
        for n, title in enumerate(OUTCOMES, start=1)
    ]
    CareersSettingsFactory(authority=cast.authority, framework_version=version)
    social_worker = CareerLevelFactory(authority=cast.authority, order=1, code="SW", name="Social Worker")
    experienced = CareerLevelFactory(
        authority=cast.authority,
        order=2,
        code="ESW",
        name="Experienced Social Worker",
        min_accepted_evidence=3,
        min_months_at_previous_level=12,
    )
    experienced.required_items.set([principles[0], principles[2], outcomes[0]])
    WorkerLevelFactory(worker=cast.sam, level=social_worker, effective_from=dt.date(2024, 4, 1))
    accepted = EvidenceFactory(
        worker=cast.sam,
        framework_version=version,
        status=Evidence.Status.ACCEPTED,
        title="Safety plan with the grandparents",
        items=[principles[0], principles[2], outcomes[0]],
    )
    EvidenceTransitionFactory(evidence=accepted, by=cast.social_worker)
    EvidenceTransitionFactory(
        evidence=accepted, by=cast.team_manager, action="accept", from_status="submitted", to_status="accepted"
    )
    return version, principles, outcomes


def test_a_worker_writes_and_submits_evidence_and_the_manager_reviews_it(page: Page, live_server, cast) -> None:  # noqa: ANN001
    _national_framework(cast)
    sign_in(page, live_server, cast.social_worker.email, PASSWORD)

    page.goto(live_server.url + reverse("careers:my_progress"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My progression")
    check_accessible(page, "careers-my-progress")

    page.get_by_role("link", name="Add evidence").click()
    page.get_by_role("button", name="Save as draft").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a title")
    check_accessible(page, "careers-evidence-form-errors")

    page.get_by_label("Title").fill("Family network meeting for the A children")
    page.get_by_label("When it happened").fill("3/2/2026")
    page.get_by_label("What happened").fill("A mother of three asked for help after her partner was arrested.")
    page.get_by_label("What you did").fill("I convened a family network meeting and agreed a safety plan.")
    page.get_by_label("The impact for the child and family").fill("The children stayed at home.")
    page.get_by_label(f"Principle 2: {PRINCIPLES[1]}").check()
    page.get_by_label(f"Outcome 2: {OUTCOMES[1]}").check()
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Family network meeting for the A children")
    check_accessible(page, "careers-evidence-draft")

    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Evidence submitted")
    sign_out(page)

    sign_in(page, live_server, cast.team_manager.email, PASSWORD)
    page.goto(live_server.url + reverse("careers:team_progress"))
    expect(page.get_by_role("heading", name="Evidence waiting for review")).to_be_visible()
    check_accessible(page, "careers-team-progress")

    page.get_by_role("link", name="Family network meeting for the A children").click()
    expect(page.get_by_role("heading", name="Review this evidence")).to_be_visible()
    check_accessible(page, "careers-evidence-review")

    page.get_by_role("button", name="Return with comments").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a comment saying what needs to change")
    check_accessible(page, "careers-evidence-review-errors")
    page.get_by_label("Comments").fill("Say what the children told you, in their words.")
    page.get_by_role("button", name="Return with comments").click()
    expect(page.locator(".app-timeline")).to_contain_text("Returned by Tess Manager")

    page.goto(live_server.url + reverse("careers:worker_progress", args=[cast.sam.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Progression")
    check_accessible(page, "careers-worker-progress")
