"""The agency pages (spec section 2, HR only): the compliance list with its flags, filters and download, and the
form that records an agency assignment's engagement details.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tests.conftest import Cast
from tests.workforce.factories import AssignmentFactory, WorkerFactory
from workforce import agency
from workforce.codes import Contract, LeavingReason
from workforce.exports.agency import AgencyComplianceExport
from workforce.models import AgencyEngagement, Assignment

pytestmark = pytest.mark.django_db
LIST = reverse("workforce:agency_compliance")
EXPORT = reverse("core:export_download", args=[AgencyComplianceExport.id])
NOT_HR = ["social_worker", "team_manager", "service_manager", "panel_member", "other_authority_manager"]
ON = "2025-09-30"
GOOD = {
    "agency": "Caring Staff Ltd",
    "job_type": "social_worker",
    "pay_rate": "38.00",
    "employer_ni": "4.00",
    "apprenticeship_levy": "0.20",
    "regional_price_cap": "46.00",
    "pq_experience_years": "5",
    "notice_period_weeks": "4",
    "covers_vacancy": "yes",
    "dcs_signoff_on": "",
    "chief_executive_signoff_on": "",
}


def _engage(assignment: Assignment, **details: object) -> AgencyEngagement:
    values = {
        "agency": "Caring Staff Ltd",
        "pay_rate": Decimal("38.00"),
        "employer_ni": Decimal("4.00"),
        "apprenticeship_levy": Decimal("0.20"),
        "regional_price_cap": Decimal("46.00"),
        "pq_experience_years": Decimal("5"),
        "notice_period_weeks": 4,
    } | details
    return AgencyEngagement.objects.create(assignment=assignment, **values)


def _agency_worker(cast: Cast, worker_id: str, *, team=None, start=dt.date(2025, 6, 2), **details) -> Assignment:  # noqa: ANN001
    worker = WorkerFactory(authority=cast.authority, worker_id=worker_id, last_name=worker_id)
    assignment = AssignmentFactory(
        worker=worker, team=team or cast.front_door, contract=Contract.AGENCY, start_date=start
    )
    if details.pop("with_details", True):
        _engage(assignment, **details)
    return assignment


@pytest.fixture
def flagged(cast: Cast) -> dict[str, Assignment]:
    """One agency worker per flag, one within the guidance, and the cast's Children in Care worker (no details)."""
    recent = WorkerFactory(authority=cast.authority, worker_id="AG-RECENT", last_name="AG-RECENT")
    AssignmentFactory(
        worker=recent,
        team=cast.child_protection,
        start_date=dt.date(2020, 1, 6),
        end_date=dt.date(2025, 5, 1),
        leaving_reason=LeavingReason.RESIGNATION,
    )
    recent_post = AssignmentFactory(
        worker=recent, team=cast.child_protection, contract=Contract.AGENCY, start_date=dt.date(2025, 6, 2)
    )
    _engage(recent_post)
    return {
        "fine": _agency_worker(cast, "AG-FINE"),
        "experience": _agency_worker(cast, "AG-EXP", pq_experience_years=Decimal("1.5")),
        "over_cap": _agency_worker(cast, "AG-CAP", pay_rate=Decimal("50.00"), dcs_signoff_on=dt.date(2025, 5, 1)),
        "notice": _agency_worker(cast, "AG-NOTICE", team=cast.child_protection, notice_period_weeks=6),
        "recent_permanent": recent_post,
        "no_details": Assignment.objects.get(worker=cast.cic_worker),
    }


# ---------------------------------------------------------------------------
# Access
# ---------------------------------------------------------------------------
def test_anonymous_users_are_sent_to_sign_in(client_for, cast: Cast) -> None:
    engagement = reverse("workforce:agency_engagement", args=[Assignment.objects.get(worker=cast.cic_worker).pk])
    for url in (LIST, EXPORT, engagement):
        response = client_for(None).get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", NOT_HR)
def test_the_list_and_its_download_are_for_hr_only(client_for, cast: Cast, role: str) -> None:
    client = client_for(cast.user(role))
    assert client.get(LIST).status_code == 403
    assert client.get(EXPORT).status_code == 403


def test_the_list_answers_only_get(client_for, cast: Cast) -> None:
    assert client_for(cast.workforce_officer).post(LIST).status_code == 405


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("social_worker", 404),
        ("team_manager", 404),  # the worker is in Children in Care, outside Front Door
        ("service_manager", 404),  # Children in Care is not in Safeguarding
        ("panel_member", 404),
        ("other_authority_manager", 404),
        ("workforce_officer", 200),
        ("administrator", 200),
    ],
)
def test_the_engagement_form_is_hrs_and_out_of_scope_is_404(client_for, cast: Cast, role: str, status: int) -> None:
    url = reverse("workforce:agency_engagement", args=[Assignment.objects.get(worker=cast.cic_worker).pk])
    client = client_for(cast.user(role))
    assert client.get(url).status_code == status
    assert client.post(url, GOOD).status_code == (302 if status == 200 else status)


def test_a_manager_who_may_read_the_worker_gets_403(client_for, cast: Cast) -> None:
    assignment = _agency_worker(cast, "AG-FD")  # in Front Door: the team and service managers read this record
    url = reverse("workforce:agency_engagement", args=[assignment.pk])
    assert client_for(cast.team_manager).get(url).status_code == 403
    assert client_for(cast.service_manager).post(url, GOOD | {"agency": "Changed"}).status_code == 403
    assert AgencyEngagement.objects.get(assignment=assignment).agency == "Caring Staff Ltd"


def test_a_permanent_assignment_has_no_engagement_page(client_for, cast: Cast) -> None:
    url = reverse("workforce:agency_engagement", args=[Assignment.objects.get(worker=cast.sam).pk])
    assert client_for(cast.workforce_officer).get(url).status_code == 404


def test_another_authoritys_agency_assignment_is_404(client_for, cast: Cast) -> None:
    theirs = AssignmentFactory(
        worker=WorkerFactory(authority=cast.other_authority), team=cast.other_team, contract=Contract.AGENCY
    )
    url = reverse("workforce:agency_engagement", args=[theirs.pk])
    assert client_for(cast.workforce_officer).get(url).status_code == 404
    assert client_for(cast.workforce_officer).post(url, GOOD).status_code == 404
    assert client_for(cast.other_authority_manager).get(url).status_code == 403  # their own, read-only


def test_an_unknown_assignment_is_404(client_for, cast: Cast) -> None:
    url = reverse("workforce:agency_engagement", args=[999999])
    assert client_for(cast.workforce_officer).get(url).status_code == 404


# ---------------------------------------------------------------------------
# The compliance list
# ---------------------------------------------------------------------------
def test_it_lists_agency_workers_in_post_with_every_flag(
    client_for, cast: Cast, flagged: dict[str, Assignment]
) -> None:
    response = client_for(cast.workforce_officer).get(LIST, {"on": ON})
    assert response.status_code == 200
    page = response.content.decode()
    result = response.context["result"]
    assert result.total == 6
    assert result.compliant == 1
    assert {count.key: count.count for count in result.counts} == {
        "no_details": 1,
        "experience": 1,
        "over_cap": 1,
        "recent_permanent": 1,
        "notice": 1,
    }
    for label in agency.FLAG_SHORT_LABELS.values():
        assert label.replace("'", "&#x27;") in page
    assert "Within the guidance" in page
    for assignment in flagged.values():
        assert reverse("workforce:agency_engagement", args=[assignment.pk]) in page


@pytest.mark.parametrize("key", ["no_details", "experience", "over_cap", "recent_permanent", "notice"])
def test_it_filters_by_flag(client_for, cast: Cast, flagged: dict[str, Assignment], key: str) -> None:
    response = client_for(cast.workforce_officer).get(LIST, {"on": ON, "flag": key})
    shown = [check.assignment for check in response.context["result"].checks]
    assert shown == [flagged[key]]
    assert response.context["result"].total == 6  # the counts still cover everyone in post on the date


def test_it_filters_by_any_flag_no_flag_and_team(client_for, cast: Cast, flagged: dict[str, Assignment]) -> None:
    client = client_for(cast.workforce_officer)

    def shown(**query: str) -> set[int]:
        return {c.assignment.pk for c in client.get(LIST, {"on": ON, **query}).context["result"].checks}

    assert shown(flag="none") == {flagged["fine"].pk}
    assert shown(flag="any") == {a.pk for k, a in flagged.items() if k != "fine"}
    assert shown(team=str(cast.child_protection.pk)) == {flagged["notice"].pk, flagged["recent_permanent"].pk}
    response = client.get(LIST, {"on": ON, "team": str(cast.child_protection.pk)})
    assert response.context["result"].total == 2


def test_it_lists_who_was_in_post_on_the_date(client_for, cast: Cast, flagged: dict[str, Assignment]) -> None:
    response = client_for(cast.workforce_officer).get(LIST, {"on": "31/05/2025"})
    assert [c.assignment for c in response.context["result"].checks] == [flagged["no_details"]]
    assert "On 31 May 2025: 1 agency worker, 0 within the guidance" in response.content.decode()


def test_bad_filters_are_shown_beside_the_fields(client_for, cast: Cast) -> None:
    response = client_for(cast.workforce_officer).get(LIST, {"on": "31/02/2025", "flag": "made-up"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "In post on must be a real date, for example 30/09/2025" in page
    assert response.context["result"].checks == []


def test_the_download_has_the_rows_the_filters_select(client_for, cast: Cast, flagged: dict[str, Assignment]) -> None:
    response = client_for(cast.workforce_officer).get(LIST, {"on": ON, "flag": "any"})
    assert f'href="{EXPORT}?on=2025-09-30&amp;flag=any"' in response.content.decode()
    download = client_for(cast.workforce_officer).get(EXPORT, {"on": ON, "flag": "any"})
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith('attachment; filename="Agency compliance - ')
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content)))["Agency compliance"]
    header, *rows = list(sheet.iter_rows(values_only=True))
    assert header == tuple(title for _, title in AgencyComplianceExport.field_titles)
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert set(by_id) == {"AG-EXP", "AG-CAP", "AG-NOTICE", "AG-RECENT", "A003"}
    assert by_id["AG-CAP"]["Hourly charge (£)"] == pytest.approx(54.2)
    assert by_id["AG-CAP"]["Flags"] == agency.FLAG_OVER_CAP
    assert by_id["A003"]["Flags"] == agency.FLAG_NO_DETAILS
    assert isinstance(by_id["AG-CAP"]["Start date"], dt.datetime)
    assert sheet.freeze_panes == "A2"


def test_the_list_takes_the_same_number_of_queries_for_more_rows(client_for, cast: Cast) -> None:
    client = client_for(cast.workforce_officer)
    client.get(LIST, {"on": ON, "flag": "any"})  # warm the session and the user's scope
    for n in range(3):
        _agency_worker(cast, f"AG-{n}")
    with CaptureQueriesContext(connection) as few:
        client.get(LIST, {"on": ON, "flag": "any"})
    for n in range(3, 20):
        _agency_worker(cast, f"AG-{n}", notice_period_weeks=8)
    with CaptureQueriesContext(connection) as many:
        client.get(LIST, {"on": ON, "flag": "any"})
    assert len(many) == len(few)


# ---------------------------------------------------------------------------
# The engagement form
# ---------------------------------------------------------------------------
def test_hr_record_the_details_and_see_the_flags_change(client_for, cast: Cast) -> None:
    assignment = Assignment.objects.get(worker=cast.cic_worker)
    url = reverse("workforce:agency_engagement", args=[assignment.pk])
    client = client_for(cast.workforce_officer)
    page = client.get(url).content.decode()
    assert "No details recorded" in page
    assert "Record the details" in page
    response = client.post(url, GOOD | {"pay_rate": "50.00", "pq_experience_years": "2"}, follow=True)
    assert response.redirect_chain == [(url, 302)]
    page = response.content.decode()
    assert "Engagement details of Priya Shah saved." in page
    assert agency.FLAG_OVER_CAP in page
    assert agency.FLAG_EXPERIENCE.replace("'", "&#x27;") in page
    assert "Hourly charge: <strong>£54.20</strong>" in page
    engagement = AgencyEngagement.objects.get(assignment=assignment)
    assert (engagement.agency, engagement.pay_rate, engagement.created_by) == (
        "Caring Staff Ltd",
        Decimal("50.00"),
        cast.workforce_officer,
    )
    assignment.refresh_from_db()
    assert assignment.covers_vacancy is True
    assert engagement.history.first().history_user == cast.workforce_officer


def test_both_sign_offs_clear_the_cap_flag(client_for, cast: Cast) -> None:
    assignment = Assignment.objects.get(worker=cast.cic_worker)
    url = reverse("workforce:agency_engagement", args=[assignment.pk])
    data = GOOD | {"pay_rate": "50.00", "dcs_signoff_on": "01/05/2025", "chief_executive_signoff_on": "2025-05-02"}
    page = client_for(cast.workforce_officer).post(url, data, follow=True).content.decode()
    assert "Within the guidance" in page
    engagement = AgencyEngagement.objects.get(assignment=assignment)
    assert engagement.chief_executive_signoff_on == dt.date(2025, 5, 2)


def test_it_changes_recorded_details(client_for, cast: Cast) -> None:
    assignment = _agency_worker(cast, "AG-CHANGE", team=cast.children_in_care)
    url = reverse("workforce:agency_engagement", args=[assignment.pk])
    client = client_for(cast.workforce_officer)
    form = client.get(url).context["form"]
    assert form.initial["agency"] == "Caring Staff Ltd"
    client.post(url, GOOD | {"agency": "Other Agency", "notice_period_weeks": "8", "covers_vacancy": ""})
    assignment.agency_engagement.refresh_from_db()
    assert (assignment.agency_engagement.agency, assignment.agency_engagement.notice_period_weeks) == (
        "Other Agency",
        8,
    )
    assert AgencyEngagement.objects.filter(assignment=assignment).count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("agency", "", "Enter the agency"),
        ("job_type", "", "Choose the job type"),
        ("pay_rate", "abc", "Hourly pay rate (£) must be an amount in pounds, for example 38.50"),
        ("pay_rate", "-1", "Hourly pay rate (£) must be 0 or more"),
        ("employer_ni", "1.234", "must have at most 2 decimal places (pence)"),
        ("pq_experience_years", "", "Enter the years of post-qualifying experience"),
        ("notice_period_weeks", "4.5", "Notice period must be a whole number of weeks, for example 4"),
        ("dcs_signoff_on", "31/02/2025", "DCS sign-off date must be a real date, for example 30/09/2025"),
    ],
)
def test_it_shows_what_is_wrong_beside_each_field(client_for, cast: Cast, field: str, value: str, message: str) -> None:
    url = reverse("workforce:agency_engagement", args=[Assignment.objects.get(worker=cast.cic_worker).pk])
    response = client_for(cast.workforce_officer).post(url, GOOD | {field: value})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert message.replace("'", "&#x27;") in page
    assert f'href="#id_{field}"' in page
    assert not AgencyEngagement.objects.exists()


def test_an_archived_workers_engagement_cannot_be_changed(client_for, cast: Cast) -> None:
    cast.cic_worker.archive(user=cast.administrator, reason="duplicate")
    url = reverse("workforce:agency_engagement", args=[Assignment.objects.get(worker=cast.cic_worker).pk])
    assert client_for(cast.administrator).get(url).status_code == 403
    assert client_for(cast.workforce_officer).get(url).status_code == 404
