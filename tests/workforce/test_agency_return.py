"""The quarterly agency return (DfE statutory guidance on agency child and family social workers), read back."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.workbook import Workbook

from tests.conftest import Cast
from tests.workforce.factories import AssignmentFactory, WorkerFactory
from workforce import agency
from workforce.codes import Contract, LeavingReason
from workforce.models import AgencyEngagement, Assignment

pytestmark = pytest.mark.django_db
URL = reverse("workforce:agency_return")


def _agency(cast: Cast, worker_id: str, *, start: dt.date, end: dt.date | None = None, fte=Decimal("1"), **details):  # noqa: ANN001, ANN202
    worker = WorkerFactory(authority=cast.authority, worker_id=worker_id, swe_registration=f"SW9{worker_id[-3:]}")
    assignment = AssignmentFactory(
        worker=worker,
        team=cast.child_protection,
        contract=Contract.AGENCY,
        start_date=start,
        end_date=end,
        leaving_reason=LeavingReason.OTHER if end else "",
        fte=fte,
        covers_vacancy=True,
    )
    if details.pop("with_details", True):
        values = {
            "agency": "Caring Staff Ltd",
            "pay_rate": Decimal("38.00"),
            "employer_ni": Decimal("4.00"),
            "apprenticeship_levy": Decimal("0.20"),
            "regional_price_cap": Decimal("46.00"),
            "pq_experience_years": Decimal("5"),
            "notice_period_weeks": 4,
        } | details
        AgencyEngagement.objects.create(assignment=assignment, **values)
    return assignment


@pytest.fixture
def quarter(cast: Cast) -> Cast:
    """Q3 2025 (1 July to 30 September): four agency assignments active in it, one after it.

    The cast's Children in Care agency worker (from 2022, no details) is active in it too.
    """
    _agency(cast, "Q-001", start=dt.date(2025, 1, 6))  # all quarter, within the guidance
    _agency(cast, "Q-002", start=dt.date(2025, 8, 1), pay_rate=Decimal("50.00"))  # over cap, no sign-off
    _agency(
        cast,
        "Q-003",
        start=dt.date(2025, 2, 3),
        end=dt.date(2025, 8, 1),  # leaves in the quarter: in post 1 July to 31 July
        fte=Decimal("0.5"),
        pay_rate=Decimal("48.00"),
        dcs_signoff_on=dt.date(2025, 1, 20),
        chief_executive_signoff_on=dt.date(2025, 1, 27),
    )
    _agency(cast, "Q-004", start=dt.date(2025, 10, 6))  # after the quarter
    return cast


def _book(response) -> Workbook:  # noqa: ANN001
    assert response.status_code == 200
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def test_the_return_has_the_summary_and_one_row_per_assignment_active_in_the_quarter(client_for, quarter: Cast) -> None:
    response = client_for(quarter.workforce_officer).get(URL, {"year": "2025", "quarter": "3"})
    assert response["Content-Disposition"].startswith('attachment; filename="Agency return 2025 Q3 - ')
    book = _book(response)
    assert book.sheetnames == ["Summary", "Assignments"]
    header, *rows = list(book["Assignments"].iter_rows(values_only=True))
    assert header == agency.RETURN_HEADERS
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert set(by_id) == {"A003", "Q-001", "Q-002", "Q-003"}
    q3 = by_id["Q-003"]
    assert q3 == {
        "Worker ID": "Q-003",
        "SWE registration": "SW9003",
        "Team": "Child Protection",
        "Job type": "Social worker",
        "Agency": "Caring Staff Ltd",
        "Start date": dt.datetime(2025, 2, 3),
        "End date": dt.datetime(2025, 8, 1),
        "FTE": 0.5,
        "Pay rate (£ per hour)": 48,
        "Employer's NI (£ per hour)": 4,
        "Apprenticeship levy (£ per hour)": 0.2,
        "Hourly charge (£)": 52.2,
        "Regional price cap (£ per hour)": 46,
        "Over the cap": "Yes",
        "DCS sign-off": dt.datetime(2025, 1, 20),
        "Chief executive sign-off": dt.datetime(2025, 1, 27),
        "Post-qualifying experience (years)": 5,
        "Notice period (weeks)": 4,
        "Covers a vacancy": "Yes",
        "Flags": "None",
    }
    assert by_id["Q-002"]["Flags"] == agency.FLAG_OVER_CAP
    assert by_id["A003"]["Flags"] == agency.FLAG_NO_DETAILS
    assert by_id["A003"]["Agency"] is None
    sheet = book["Assignments"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:T5"


def test_the_summary_counts_headcount_fte_charges_and_flags(client_for, quarter: Cast) -> None:
    book = _book(client_for(quarter.workforce_officer).get(URL, {"year": "2025", "quarter": "3"}))
    summary = dict(book["Summary"].iter_rows(min_row=2, values_only=True))
    assert summary["Quarter"] == "2025 Q3 (1 July to 30 September 2025)"
    assert summary["Quarter from"] == dt.datetime(2025, 7, 1)
    assert summary["Agency assignments active in the quarter"] == 4
    assert summary["Agency workers engaged in the quarter (headcount)"] == 4
    # A003 and Q-001 all 92 days, Q-002 from 1 August (61 days), Q-003 half time to 31 July (31 days).
    assert summary["Agency FTE in the quarter (average over its days)"] == pytest.approx(
        float(round(Decimal(92 + 92 + 61 + 0.5 * 31) / 92, 2))
    )
    assert summary["Agency workers in post at the end of the quarter (headcount)"] == 3
    assert summary["Agency workers in post at the end of the quarter (FTE)"] == 3
    assert summary["Assignments with engagement details recorded"] == 3
    assert summary["Average hourly charge (£, assignments with details)"] == pytest.approx(
        float(round((Decimal("42.2") + Decimal("54.2") + Decimal("52.2")) / 3, 2))
    )
    assert summary["Charge above the regional price cap"] == 2
    assert summary["Above the cap with DCS and chief executive sign-off"] == 1
    assert summary["Above the cap without both sign-offs"] == 1
    assert summary["Assignments within the guidance (no flag)"] == 2
    assert summary[f"Flag: {agency.FLAG_OVER_CAP}"] == 1
    assert summary[f"Flag: {agency.FLAG_NO_DETAILS}"] == 1
    assert summary[f"Flag: {agency.FLAG_EXPERIENCE}"] == 0


def test_another_quarter_has_its_own_rows(client_for, quarter: Cast) -> None:
    book = _book(client_for(quarter.workforce_officer).get(URL, {"year": "2025", "quarter": "4"}))
    ids = {row[0] for row in book["Assignments"].iter_rows(min_row=2, values_only=True)}
    assert ids == {"A003", "Q-001", "Q-002", "Q-004"}


def test_a_quarter_without_agency_workers_gives_an_empty_return(client_for, cast: Cast) -> None:
    Assignment.objects.filter(worker=cast.cic_worker).delete()
    book = _book(client_for(cast.workforce_officer).get(URL, {"year": "2025", "quarter": "1"}))
    summary = dict(book["Summary"].iter_rows(min_row=2, values_only=True))
    assert summary["Agency assignments active in the quarter"] == 0
    assert summary["Average hourly charge (£, assignments with details)"] is None
    assert list(book["Assignments"].iter_rows(min_row=2, values_only=True)) == []


def test_without_a_quarter_it_offers_the_choice_with_the_last_complete_quarter(client_for, cast: Cast) -> None:
    response = client_for(cast.workforce_officer).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Quarterly agency return" in page
    today = dt.date.today()
    expected = ((today.month - 1) // 3) or 4
    assert response.context["form"].initial["quarter"] == expected


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"year": "2025", "quarter": "5"}, "Choose the quarter"),
        ({"year": "25", "quarter": "1"}, "Year must be 2000 or later"),
        ({"year": "", "quarter": "1"}, "Enter the year"),
        ({"year": "2025"}, "Choose the quarter"),
    ],
)
def test_a_bad_quarter_is_shown_beside_the_field(client_for, cast: Cast, query: dict, message: str) -> None:
    response = client_for(cast.workforce_officer).get(URL, query)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert message in page


def test_it_leaves_out_another_authoritys_agency_workers(client_for, cast: Cast) -> None:
    AssignmentFactory(
        worker=WorkerFactory(authority=cast.other_authority, worker_id="B-AG"),
        team=cast.other_team,
        contract=Contract.AGENCY,
        start_date=dt.date(2025, 1, 6),
    )
    book = _book(client_for(cast.workforce_officer).get(URL, {"year": "2025", "quarter": "3"}))
    assert "B-AG" not in {row[0] for row in book["Assignments"].iter_rows(min_row=2, values_only=True)}


def test_anonymous_users_are_sent_to_sign_in(client_for, cast: Cast) -> None:
    assert client_for(None).get(URL, {"year": "2025", "quarter": "3"}).status_code == 302


@pytest.mark.parametrize(
    "role", ["social_worker", "team_manager", "service_manager", "panel_member", "other_authority_manager"]
)
def test_it_is_for_hr_only(client_for, cast: Cast, role: str) -> None:
    assert client_for(cast.user(role)).get(URL, {"year": "2025", "quarter": "3"}).status_code == 403
    assert client_for(cast.user(role)).get(URL).status_code == 403


def test_it_answers_only_get(client_for, cast: Cast) -> None:
    assert client_for(cast.workforce_officer).post(URL, {"year": "2025", "quarter": "3"}).status_code == 405


def test_quarter_bounds_are_calendar_quarters() -> None:
    assert agency.quarter_bounds(2025, 1) == (dt.date(2025, 1, 1), dt.date(2025, 3, 31))
    assert agency.quarter_bounds(2024, 4) == (dt.date(2024, 10, 1), dt.date(2024, 12, 31))
    with pytest.raises(ValueError, match="1, 2, 3 or 4"):
        agency.quarter_bounds(2025, 5)
