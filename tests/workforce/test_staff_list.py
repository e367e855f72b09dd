"""The staff list: who sees whom, the filters, pagination, and a constant number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.workforce.factories import AssignmentFactory, WorkerFactory
from workforce.codes import Contract, LeavingReason, Role

pytestmark = pytest.mark.django_db
URL = reverse("workforce:staff_list")


def _names(response) -> list[str]:  # noqa: ANN001
    return [worker.full_name for worker in response.context["page"].object_list]


def test_it_redirects_anonymous_users_to_sign_in(client_for, cast) -> None:
    response = client_for(None).get(URL)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_it_answers_a_post_with_405(client_for, cast) -> None:
    assert client_for(cast.workforce_officer).post(URL).status_code == 405


@pytest.mark.parametrize("role", ["social_worker", "panel_member"])
def test_it_refuses_roles_without_a_staff_list(client_for, cast, role) -> None:
    assert client_for(cast.user(role)).get(URL).status_code == 403


def test_it_shows_hr_everyone_in_post_in_the_authority(client_for, cast) -> None:
    response = client_for(cast.workforce_officer).get(URL)
    assert response.status_code == 200
    assert _names(response) == ["Chris Morgan", "Sam Patel", "Priya Shah"]
    body = response.content.decode()
    assert "Front Door" in body
    assert "Owen Jones" not in body


def test_it_shows_a_team_manager_only_the_people_in_their_teams(client_for, cast) -> None:
    response = client_for(cast.team_manager).get(URL)
    assert _names(response) == ["Chris Morgan", "Sam Patel"]


def test_it_shows_another_authority_only_its_own_people(client_for, cast) -> None:
    response = client_for(cast.other_authority_manager).get(URL)
    assert _names(response) == ["Owen Jones"]
    assert "Northshire" not in response.content.decode()


def test_it_shows_leavers_when_asked(client_for, cast) -> None:
    leaver = WorkerFactory(authority=cast.authority, first_name="Lee", last_name="Ver")
    AssignmentFactory(
        worker=leaver,
        team=cast.front_door,
        start_date=dt.date(2020, 1, 6),
        end_date=dt.date(2024, 3, 31),
        leaving_reason=LeavingReason.RESIGNATION,
    )
    client = client_for(cast.workforce_officer)
    assert "Lee Ver" not in _names(client.get(URL))
    assert _names(client.get(URL, {"status": "left"})) == ["Lee Ver"]
    assert "Lee Ver" in _names(client.get(URL, {"status": "all"}))
    assert "Left" in client.get(URL, {"status": "left"}).content.decode()


def test_it_filters_by_team_service_area_role_and_contract(client_for, cast) -> None:
    client = client_for(cast.workforce_officer)
    assert _names(client.get(URL, {"team": cast.children_in_care.pk})) == ["Priya Shah"]
    assert _names(client.get(URL, {"service_area": cast.safeguarding.pk})) == ["Chris Morgan", "Sam Patel"]
    assert _names(client.get(URL, {"contract": Contract.AGENCY})) == ["Priya Shah"]
    assert _names(client.get(URL, {"role": Role.SENIOR_PRACTITIONER})) == []


def test_it_filters_on_the_current_team_after_a_move(client_for, cast) -> None:
    """A worker who moved shows under the team they are in now, not the team they left."""
    cast.colleague.assignments.update(end_date=dt.date(2024, 1, 1), leaving_reason=LeavingReason.INTERNAL_MOVE)
    AssignmentFactory(worker=cast.colleague, team=cast.child_protection, start_date=dt.date(2024, 1, 1))
    client = client_for(cast.workforce_officer)
    assert _names(client.get(URL, {"team": cast.front_door.pk})) == ["Sam Patel"]
    assert _names(client.get(URL, {"team": cast.child_protection.pk})) == ["Chris Morgan"]


@pytest.mark.parametrize("query", ["sam", "PATEL", "sam patel", "a001", "SW"])
def test_it_searches_names_staff_references_and_swe_numbers(client_for, cast, query) -> None:
    cast.sam.swe_registration = "SW998877"
    cast.sam.save()
    cast.colleague.swe_registration = ""
    cast.colleague.save()
    cast.cic_worker.swe_registration = ""
    cast.cic_worker.save()
    assert _names(client_for(cast.workforce_officer).get(URL, {"q": query})) == ["Sam Patel"]


def test_it_shows_an_invalid_filter_beside_the_field(client_for, cast) -> None:
    response = client_for(cast.team_manager).get(URL, {"team": cast.children_in_care.pk})
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert 'id="id_team-error"' in body
    assert _names(response) == []


def test_it_paginates_fifty_to_a_page(client_for, cast) -> None:
    for n in range(55):
        AssignmentFactory(worker=WorkerFactory(authority=cast.authority, last_name=f"Z{n:02d}"), team=cast.front_door)
    client = client_for(cast.workforce_officer)
    first = client.get(URL)
    assert len(first.context["page"].object_list) == 50
    assert 'aria-label="Pagination"' in first.content.decode()
    second = client.get(URL, {"page": 2, "team": cast.front_door.pk})
    assert len(second.context["page"].object_list) == 7  # 55 + Sam and Chris, 50 on page 1
    assert f"team={cast.front_door.pk}&amp;status=in_post&amp;page=1" in second.content.decode()


def test_it_links_the_download_with_the_same_filters(client_for, cast) -> None:
    response = client_for(cast.workforce_officer).get(URL, {"contract": "agency", "q": "priya", "page": "1"})
    expected = reverse("core:export_download", args=["staff-list"]) + "?q=priya&amp;contract=agency&amp;status=in_post"
    assert expected in response.content.decode()


def _queries(client, url: str) -> int:  # noqa: ANN001
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(context.captured_queries)


def _add_workers(cast, count: int) -> None:  # noqa: ANN001
    for _ in range(count):
        worker = WorkerFactory(authority=cast.authority)
        AssignmentFactory(
            worker=worker,
            team=cast.front_door,
            start_date=dt.date(2019, 1, 7),
            end_date=dt.date(2021, 1, 4),
            leaving_reason=LeavingReason.INTERNAL_MOVE,
        )
        AssignmentFactory(worker=worker, team=cast.child_protection, start_date=dt.date(2021, 1, 4))


@pytest.mark.parametrize(
    "url",
    [
        URL + "?status=all",
        URL + "?q=a&status=all",
        reverse("core:export_download", args=["staff-list"]) + "?status=all",
    ],
)
def test_its_queries_do_not_grow_with_the_number_of_workers(client_for, cast, url) -> None:
    client = client_for(cast.workforce_officer)
    _add_workers(cast, 5)
    with_5 = _queries(client, url)
    _add_workers(cast, 45)
    with_50 = _queries(client, url)
    assert with_5 == with_50


def test_a_team_manager_list_costs_a_bounded_number_of_queries(client_for, cast, django_assert_max_num_queries) -> None:
    client = client_for(cast.team_manager)
    _add_workers(cast, 50)
    with django_assert_max_num_queries(12):
        assert client.get(URL, {"status": "all"}).status_code == 200
