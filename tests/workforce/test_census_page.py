"""The census page (HR only): choose the year, see the counts and the check report, download the return."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.conftest import Cast
from tests.workforce.factories import AssignmentFactory, WorkerFactory
from workforce.census import CHECK_NO_DESTINATION, CHECK_NO_ORIGIN, CHECK_NO_SWE
from workforce.codes import LeavingReason

pytestmark = pytest.mark.django_db
URL = reverse("workforce:census")
DOWNLOAD = reverse("workforce:census_download")


@pytest.fixture
def census_data(cast: Cast) -> Cast:
    """A leaver without a destination and a starter without an origin, in the 2025 census year."""
    leaver = WorkerFactory(authority=cast.authority, worker_id="L001", first_name="Lee", last_name="Ver")
    AssignmentFactory(
        worker=leaver,
        team=cast.child_protection,
        start_date=dt.date(2019, 1, 7),
        end_date=dt.date(2025, 5, 30),
        leaving_reason=LeavingReason.RESIGNATION,
    )
    starter = WorkerFactory(authority=cast.authority, worker_id="S001", swe_registration="")
    AssignmentFactory(worker=starter, team=cast.front_door, start_date=dt.date(2025, 2, 3))
    return cast


def test_it_redirects_anonymous_users_to_sign_in(client_for, cast: Cast) -> None:
    for url in (URL, DOWNLOAD):
        response = client_for(None).get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    "role", ["social_worker", "team_manager", "service_manager", "panel_member", "other_authority_manager"]
)
def test_it_refuses_everyone_but_hr(client_for, cast: Cast, role: str) -> None:
    client = client_for(cast.user(role))
    assert client.get(URL).status_code == 403
    assert client.get(DOWNLOAD, {"year": 2025}).status_code == 403


@pytest.mark.parametrize("role", ["workforce_officer", "administrator"])
def test_hr_see_the_counts_and_the_check_report(client_for, census_data: Cast, role: str) -> None:
    response = client_for(census_data.user(role)).get(URL, {"year": "2025"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Census 2025: as at 30 September 2025" in page
    report = response.context["report"]
    assert (report.rows, report.leavers, report.starters) == (5, 1, 1)  # the cast's three, a leaver, a starter
    counts = dict(report.check_counts)
    assert (counts[CHECK_NO_DESTINATION], counts[CHECK_NO_ORIGIN], counts[CHECK_NO_SWE]) == (1, 1, 1)
    for name, _count in report.check_counts:
        assert name in page
    assert f"{CHECK_NO_DESTINATION}: 1 record" in page
    assert "L001" in page
    assert "Download the 2025 return (XLSX)" in page
    assert f"{DOWNLOAD}?year=2025" in page


def test_it_opens_on_the_latest_census_year(client_for, cast: Cast) -> None:
    response = client_for(cast.workforce_officer).get(URL)
    assert response.status_code == 200
    today = dt.date.today()
    assert response.context["report"].year == (today.year if today >= dt.date(today.year, 9, 30) else today.year - 1)


def test_it_shows_why_a_year_is_wrong(client_for, cast: Cast) -> None:
    response = client_for(cast.workforce_officer).get(URL, {"year": "twenty"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Census year must be a year written in 4 digits, for example 2025" in page
    assert "report" not in response.context


def test_the_download_is_the_return_of_the_year(client_for, census_data: Cast) -> None:
    response = client_for(census_data.workforce_officer).get(DOWNLOAD, {"year": "2025"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="CSWW census return 2025 - ')
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    assert book.sheetnames == ["Workers", "Counts", "Checks"]
    workers = list(book["Workers"].iter_rows(min_row=2, values_only=True))
    assert sorted(row[0] for row in workers) == ["A001", "A002", "A003", "L001", "S001"]  # not the other authority


def test_a_download_with_a_bad_year_goes_back_to_the_page(client_for, cast: Cast) -> None:
    response = client_for(cast.workforce_officer).get(DOWNLOAD, {"year": "1"})
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?year=1"


def test_it_posts_nothing(client_for, cast: Cast) -> None:
    assert client_for(cast.workforce_officer).post(URL).status_code == 405
    assert client_for(cast.workforce_officer).post(DOWNLOAD).status_code == 405
