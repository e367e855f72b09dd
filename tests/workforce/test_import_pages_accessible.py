"""The import pages pass axe (WCAG 2.2 AA) in a real browser: the start page, its form errors, the problem report,
the preview and the confirmation. Uses the browser harness of tests/browser; skipped when Chromium is missing."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from tests.browser.conftest import (  # noqa: F401 (fixtures used by name)
    CHROMIUM,
    browser_context_args,
    browser_type_launch_args,
    check_accessible,
    page,
    sign_in,
)
from tests.conftest import PASSWORD, Cast
from workforce.models import Worker

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"browser tests need Chromium at {CHROMIUM}"),
]

HEADER = "worker_id,first_name,last_name,swe_registration,team_code,team_name,role,contract,fte,start_date\n"
GOOD = HEADER + "N001,Nia,Owens,,FD,Front Door,case_holder,permanent,0.8,2024-04-01\n"
BAD = HEADER + (
    "N001,Nia,Owens,SW200001,FD,Front Door,case_holder,permanent,1.5,2024-04-01\n"
    "N002,Olu,Ade,SW200002,FD,Front Door,boss,permanent,0,2024-02-30\n"
)


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path) -> None:  # noqa: ANN001
    settings.MEDIA_ROOT = tmp_path / "media"


def _upload(page: Page, tmp_path, kind_label: str, content: str) -> None:  # noqa: ANN001, F811
    path = tmp_path / "upload.csv"
    path.write_text(content, encoding="utf-8")
    page.get_by_label(kind_label).check()
    page.get_by_label("Upload the file").set_input_files(str(path))
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_load_state()


def test_the_import_pages_are_accessible(page: Page, live_server, cast: Cast, tmp_path) -> None:  # noqa: ANN001, F811
    sign_in(page, live_server, cast.workforce_officer.email, PASSWORD)
    page.goto(live_server.url + reverse("workforce:import_start"))
    check_accessible(page, "imports-start")

    page.get_by_role("button", name="Check the file").click()
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").is_visible()
    check_accessible(page, "imports-start-errors")

    _upload(page, tmp_path, "Staff (one row per assignment)", BAD)
    assert page.get_by_role("heading", name="The file was not imported").is_visible()
    page.locator("main details summary").first.click()
    check_accessible(page, "imports-refused")

    page.goto(live_server.url + reverse("workforce:import_start"))
    _upload(page, tmp_path, "Staff (one row per assignment)", GOOD)
    assert page.get_by_role("heading", name="Check the import before you confirm").is_visible()
    check_accessible(page, "imports-preview")

    page.get_by_role("button", name="Confirm and import").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Import complete").is_visible()
    check_accessible(page, "imports-complete")
    assert Worker.objects.filter(worker_id="N001").exists()


def test_the_team_managers_import_page_is_accessible(page: Page, live_server, cast: Cast) -> None:  # noqa: F811
    sign_in(page, live_server, cast.team_manager.email, PASSWORD)
    page.goto(live_server.url + reverse("workforce:import_start"))
    check_accessible(page, "imports-start-team-manager")
