"""The CPD overview (cpd:overview): who is at risk of not meeting the renewal requirement, by team and person."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from cpd.models import CpdRecord
from tests.cpd.factories import CpdRecordFactory
from tests.workforce.factories import AssignmentFactory, WorkerFactory
from workforce.codes import Role

TODAY = dt.date(2026, 11, 20)
REFLECTION = "Reflected with my supervisor about the network map"
DESCRIPTION = "A confidential description of direct work"
URL = "/cpd/"
# Every query of the request (session, user, scope, team choices, counts, page), whatever the number of people.
OVERVIEW_QUERIES = 11


@pytest.fixture
def records(cast, monkeypatch):  # noqa: ANN001, ANN201
    """Sam has met the requirement; Chris (same team) has one record without peer reflection; Priya has none."""
    monkeypatch.setattr("workforce.selectors.today", lambda: TODAY)
    CpdRecordFactory(
        worker=cast.sam, start_date=dt.date(2026, 2, 1), peer_reflection=REFLECTION, description=DESCRIPTION
    )
    CpdRecordFactory(worker=cast.sam, start_date=dt.date(2026, 3, 1), peer_reflection="")
    CpdRecordFactory(worker=cast.colleague, start_date=dt.date(2026, 4, 1), peer_reflection="", description=DESCRIPTION)
    CpdRecordFactory(worker=cast.colleague, start_date=dt.date(2026, 5, 1), status=CpdRecord.Status.DRAFT)
    CpdRecordFactory(worker=cast.cic_worker, start_date=dt.date(2025, 3, 1))  # last year only
    cast.sam.swe_renewal_date = dt.date(2026, 11, 30)
    cast.sam.save()
    return cast


def _rows(response):  # noqa: ANN001, ANN202
    return {row.name: row for row in response.context["rows"]}


def test_it_lists_the_team_managers_people_with_status_and_dates(client_for, records) -> None:
    response = client_for(records.team_manager).get(URL)
    assert response.status_code == 200
    rows = _rows(response)
    assert set(rows) == {"Sam Patel", "Chris Morgan"}
    sam, chris = rows["Sam Patel"], rows["Chris Morgan"]
    assert (sam.records, sam.has_peer_reflection, sam.status_label) == (2, True, "Met")
    assert (chris.records, chris.has_peer_reflection, chris.status_label) == (1, False, "At risk")
    assert sam.deadline == dt.date(2026, 11, 30)
    assert sam.days_left == 10
    assert sam.swe_renewal_date == dt.date(2026, 11, 30)
    content = response.content.decode()
    assert "30 November 2026" in content
    assert "Not recorded" in content
    counts = {c.key: c.count for c in response.context["overview"].status_counts}
    assert counts == {"met": 1, "at_risk": 1, "not_started": 0}


def test_workforce_officers_see_everyone_with_counts_by_team(client_for, records) -> None:
    response = client_for(records.workforce_officer).get(URL)
    rows = _rows(response)
    assert rows["Priya Shah"].status_label == "Not started"  # last year's record does not count
    summaries = {t.code: (t.people, t.met, t.met_share) for t in response.context["overview"].team_summaries}
    assert summaries["FD"][:2] == (2, 1)
    assert str(summaries["FD"][2]) == "50.0"
    assert summaries["CIC"][:2] == (1, 0)


def test_workforce_officers_never_see_what_was_written_nor_a_link_to_it(client_for, records, monkeypatch) -> None:
    monkeypatch.setattr("cpd.selectors.oversight._worker_cpd_url", lambda pk: f"/cpd/people/{pk}/")
    content = client_for(records.workforce_officer).get(URL).content.decode()
    assert REFLECTION not in content
    assert DESCRIPTION not in content
    assert f"/cpd/people/{records.sam.pk}/" not in content


def test_managers_get_a_link_to_each_persons_cpd(client_for, records, monkeypatch) -> None:
    monkeypatch.setattr("cpd.selectors.oversight._worker_cpd_url", lambda pk: f"/cpd/people/{pk}/")
    content = client_for(records.team_manager).get(URL).content.decode()
    assert f'href="/cpd/people/{records.sam.pk}/"' in content
    assert REFLECTION not in content


def test_it_works_without_the_worker_cpd_page(client_for, records) -> None:
    """The person's CPD page is built elsewhere: the link is left out when its URL does not exist."""
    response = client_for(records.team_manager).get(URL)
    try:
        expected = reverse("cpd:worker_cpd", kwargs={"pk": records.sam.pk})
    except Exception:  # noqa: BLE001
        expected = None
    assert _rows(response)["Sam Patel"].cpd_url == expected


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("status=at_risk", {"Chris Morgan"}),
        ("status=met", {"Sam Patel"}),
        ("status=not_started", {"Priya Shah"}),
        ("team={cic}", {"Priya Shah"}),
    ],
)
def test_it_filters_by_status_and_team(client_for, records, query, names) -> None:
    query = query.format(cic=records.children_in_care.pk)
    response = client_for(records.workforce_officer).get(f"{URL}?{query}")
    assert set(_rows(response)) == names


def test_the_counts_follow_the_team_filter(client_for, records) -> None:
    response = client_for(records.workforce_officer).get(f"{URL}?team={records.front_door.pk}")
    counts = {c.key: c.count for c in response.context["overview"].status_counts}
    assert counts == {"met": 1, "at_risk": 1, "not_started": 0}
    assert len(response.context["overview"].team_summaries) == 2  # the by-team table keeps every team with people


def test_a_past_year_counts_that_years_records(client_for, records) -> None:
    response = client_for(records.workforce_officer).get(f"{URL}?year=2025")
    rows = _rows(response)
    assert rows["Priya Shah"].records == 1
    assert rows["Sam Patel"].records == 0
    assert rows["Sam Patel"].days_left == 0
    assert rows["Sam Patel"].deadline == dt.date(2025, 11, 30)


def test_it_shows_an_error_for_a_year_it_does_not_offer(client_for, records) -> None:
    response = client_for(records.workforce_officer).get(f"{URL}?year=1999")
    assert response.status_code == 200
    assert response.content.decode().count("There is a problem") == 1
    assert "<title>Error: " in response.content.decode()
    assert "Select a registration year from the list" in response.content.decode()


def test_a_team_outside_the_users_scope_is_not_found(client_for, records) -> None:
    assert client_for(records.team_manager).get(f"{URL}?team={records.children_in_care.pk}").status_code == 404
    assert client_for(records.workforce_officer).get(f"{URL}?team={records.other_team.pk}").status_code == 404


def test_the_other_authoritys_manager_sees_only_their_own_people(client_for, records) -> None:
    response = client_for(records.other_authority_manager).get(URL)
    assert set(_rows(response)) == {"Owen Jones"}


def test_other_roles_in_post_and_leavers_are_left_out(client_for, records) -> None:
    other = WorkerFactory(authority=records.authority, first_name="Olive", last_name="Other")
    AssignmentFactory(worker=other, team=records.front_door, role=Role.OTHER)
    gone = WorkerFactory(authority=records.authority, first_name="Gwen", last_name="Gone")
    AssignmentFactory(worker=gone, team=records.front_door, end_date=dt.date(2026, 6, 30))
    assert set(_rows(client_for(records.team_manager).get(URL))) == {"Sam Patel", "Chris Morgan"}


@pytest.mark.parametrize("role", ["social_worker", "panel_member"])
def test_roles_without_an_overview_are_refused(client_for, records, role) -> None:
    assert client_for(getattr(records, role)).get(URL).status_code == 403


def test_anonymous_users_are_sent_to_sign_in(client_for, records) -> None:
    response = client_for(None).get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_answers_a_post_with_405(client_for, records) -> None:
    assert client_for(records.team_manager).post(URL).status_code == 405


def test_the_download_has_the_pages_filters(client_for, records) -> None:
    url = reverse("core:export_download", args=["cpd-overview"])
    response = client_for(records.workforce_officer).get(f"{url}?status=at_risk")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Staff reference", "Name", "Team code")
    assert len(rows) == 2
    assert rows[1][1] == "Chris Morgan"
    assert rows[1][5] == 1
    assert rows[1][6] == "No"
    assert rows[1][7] == "At risk"
    assert rows[1][8].date() == dt.date(2026, 11, 30)
    assert rows[1][9] == 10
    assert REFLECTION not in str(rows)


def test_the_download_is_refused_to_a_social_worker(client_for, records) -> None:
    url = reverse("core:export_download", args=["cpd-overview"])
    assert client_for(records.social_worker).get(url).status_code == 403


def _queries(client, url: str) -> int:  # noqa: ANN001
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_people(client_for, records, django_assert_num_queries) -> None:
    client = client_for(records.workforce_officer)
    before = _queries(client, URL)
    for n in range(6):
        worker = WorkerFactory(authority=records.authority)
        AssignmentFactory(worker=worker, team=records.children_in_care)
        CpdRecordFactory.create_batch(n % 3, worker=worker)
    assert _queries(client, URL) == before
    with django_assert_num_queries(OVERVIEW_QUERIES):
        client.get(URL)
