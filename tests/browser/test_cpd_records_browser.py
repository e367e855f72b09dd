"""CPD records in a real browser: My CPD, the record and document forms (with errors), a record's page with an
upload refused, an earlier year, deleting a draft, and a worker's CPD as a manager and as HR; each checked with axe.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from cpd.models import CpdRecord
from tests.browser.conftest import check_accessible, sign_in, sign_out
from tests.conftest import PASSWORD
from tests.cpd.factories import CpdRecordFactory
from tests.cpd.factories_records import attach

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TODAY = dt.date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("workforce.selectors.today", lambda: TODAY)


def _records(cast) -> CpdRecord:  # noqa: ANN001
    recorded = CpdRecordFactory(worker=cast.sam, title="Child exploitation course", start_date=dt.date(2026, 3, 12))
    attach(recorded, "Exploitation certificate.pdf")
    CpdRecordFactory(
        worker=cast.sam,
        title="Reading on trauma",
        activity_type="reading",
        status=CpdRecord.Status.DRAFT,
        start_date=dt.date(2026, 5, 2),
        peer_reflection="",
    )
    CpdRecordFactory(worker=cast.sam, title="Regional conference", start_date=dt.date(2025, 2, 3))
    return recorded


def test_a_social_worker_keeps_their_cpd(page: Page, live_server, cast) -> None:  # noqa: ANN001
    _records(cast)
    base = live_server.url
    sign_in(page, live_server, cast.social_worker.email, PASSWORD)
    page.get_by_role("link", name="My CPD").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My CPD")
    expect(page.locator(".govuk-tag").first).to_have_text("On track")
    check_accessible(page, "cpd-my-cpd")

    page.get_by_role("button", name="Add a CPD record").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a CPD record")
    check_accessible(page, "cpd-record-form")
    page.get_by_label("Title").fill("Signs of Safety refresher")
    page.get_by_role("button", name="Record it").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the type of CPD")
    check_accessible(page, "cpd-record-form-errors")

    page.get_by_label("Course or training").check()
    page.get_by_label("Date of the activity").fill("10/06/2026")
    page.get_by_label("Description of the activity and why it is relevant").fill("A half-day refresher.")
    page.get_by_label("What you learned", exact=True).fill("Scaling questions with parents.")
    page.get_by_label("The impact on your practice and the people you work with").fill("Clearer safety plans.")
    page.get_by_label("What you learned from reflecting on it with a peer").fill("Group supervision.")
    page.get_by_label("Peer's name").fill("Tess Manager")
    page.get_by_label("Peer's role").fill("Team manager")
    part = page.get_by_label("4.6 Reflect on my learning activities")
    expect(part).to_be_hidden()
    page.get_by_label("4. Maintain my continuing professional development").check()
    expect(part).to_be_visible()
    part.check()
    page.get_by_label("Time spent (hours)").fill("3.5")
    page.get_by_role("button", name="Record it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Signs of Safety refresher")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("is recorded")

    page.set_input_files(
        "#id_file", files=[{"name": "notes.pdf", "mimeType": "application/pdf", "buffer": b"<html>not a pdf</html>"}]
    )
    page.get_by_role("button", name="Upload the file").click()
    expect(page.locator("#id_file-error")).to_contain_text("not what its name says")
    check_accessible(page, "cpd-record-detail-upload-refused")

    page.goto(base + reverse("cpd:document_create"))
    check_accessible(page, "cpd-document-form")

    page.goto(base + reverse("cpd:my_cpd_year", args=[2025]))
    expect(page.locator(".govuk-inset-text")).to_contain_text("has ended")
    check_accessible(page, "cpd-my-cpd-2025")

    page.goto(base + reverse("cpd:my_cpd"))
    page.get_by_role("link", name="Reading on trauma").click()
    check_accessible(page, "cpd-record-detail-draft")
    page.get_by_role("link", name="Delete this draft").click()
    check_accessible(page, "cpd-record-delete")
    page.get_by_role("button", name="Delete the draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My CPD")
    expect(page.locator(".govuk-table").first).not_to_contain_text("Reading on trauma")
    check_accessible(page, "cpd-my-cpd-after")


def test_managers_read_a_workers_cpd_and_hr_sees_counts_only(page: Page, live_server, cast) -> None:  # noqa: ANN001
    recorded = _records(cast)
    url = live_server.url + reverse("cpd:worker_cpd", args=[cast.sam.pk])
    sign_in(page, live_server, cast.team_manager.email, PASSWORD)
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_have_text("CPD of Sam Patel")
    check_accessible(page, "cpd-worker-team-manager")
    page.get_by_role("link", name="Child exploitation course").click()
    expect(page.locator("main")).to_contain_text(recorded.peer_reflection)
    check_accessible(page, "cpd-record-detail-team-manager")
    sign_out(page)

    sign_in(page, live_server, cast.workforce_officer.email, PASSWORD)
    page.goto(url)
    expect(page.locator("main")).not_to_contain_text("Child exploitation course")
    expect(page.locator("main")).not_to_contain_text(recorded.peer_reflection)
    check_accessible(page, "cpd-worker-workforce-officer")
