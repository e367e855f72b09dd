"""Data protection pages in a real browser, as an administrator: a worker's subject access export (with a
download) and the retention policies (with errors, then saved); each checked with axe.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from core.models import DataProtectionEvent, RetentionPolicy
from tests.browser.conftest import check_accessible, sign_in
from tests.conftest import PASSWORD
from tests.core.factories_privacy import give_full_record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_administrator_exports_a_workers_data(page: Page, live_server, cast) -> None:  # noqa: ANN001
    cast.sam.date_of_birth = dt.date(1988, 2, 29)
    cast.sam.save()
    give_full_record(cast, cast.sam)
    sign_in(page, live_server, cast.administrator.email, PASSWORD)

    page.goto(live_server.url + reverse("core:subject_access", kwargs={"pk": cast.sam.pk}))
    expect(page.get_by_role("heading", level=1)).to_have_text("Subject access export")
    check_accessible(page, "privacy-subject-access")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the data (JSON)").click()
    data = json.loads(open(download_info.value.path(), encoding="utf-8").read())  # noqa: PTH123, SIM115
    assert data["worker"][0]["last_name"] == "Patel"
    assert DataProtectionEvent.objects.filter(worker_pk=cast.sam.pk, format="json").exists()

    page.reload()
    expect(page.get_by_role("cell", name="JSON")).to_be_visible()  # the download is listed
    check_accessible(page, "privacy-subject-access-after-download")


def test_an_administrator_sets_the_retention_policies(page: Page, live_server, cast) -> None:  # noqa: ANN001
    sign_in(page, live_server, cast.administrator.email, PASSWORD)
    page.goto(live_server.url + reverse("core:retention_policy"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Retention of leavers’ records")
    check_accessible(page, "privacy-retention")

    page.locator("#id_cpd_records_years").fill("0")
    page.get_by_role("button", name="Save retention policies").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a whole number of years from 1 to 100")
    assert page.title().startswith("Error: ")
    check_accessible(page, "privacy-retention-errors")

    page.locator("#id_cpd_records_years").fill("7")
    page.locator("#id_cpd_records_active").check()
    page.get_by_role("button", name="Save retention policies").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Retention policies saved.")
    check_accessible(page, "privacy-retention-saved")
    policy = RetentionPolicy.objects.get(authority_code="NOR", record_type="cpd_records")
    assert (policy.years, policy.is_active) == (7, True)
