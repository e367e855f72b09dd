"""The teams page: the teams each role may see, with today's headcount, FTE, establishment and vacancy."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.workforce.factories import AssignmentFactory, EstablishmentFactory, TeamFactory, WorkerFactory
from workforce.codes import Contract, Role

pytestmark = pytest.mark.django_db
URL = reverse("workforce:team_list")


def _teams(response) -> dict[str, object]:  # noqa: ANN001
    return {team.code: team for team in response.context["teams"]}


def test_it_redirects_anonymous_users_to_sign_in(client_for, cast) -> None:
    assert client_for(None).get(URL).status_code == 302


def test_it_answers_a_post_with_405(client_for, cast) -> None:
    assert client_for(cast.workforce_officer).post(URL).status_code == 405


@pytest.mark.parametrize("role", ["social_worker", "panel_member"])
def test_it_refuses_roles_without_teams(client_for, cast, role) -> None:
    assert client_for(cast.user(role)).get(URL).status_code == 403


@pytest.mark.parametrize(
    ("role", "codes"),
    [
        ("workforce_officer", {"FD", "CP", "CIC"}),
        ("administrator", {"FD", "CP", "CIC"}),
        ("team_manager", {"FD"}),
        ("service_manager", {"FD", "CP"}),
        ("other_authority_manager", {"B1"}),
    ],
)
def test_it_lists_the_teams_each_role_may_see(client_for, cast, role, codes) -> None:
    response = client_for(cast.user(role)).get(URL)
    assert response.status_code == 200
    assert set(_teams(response)) == codes


def test_it_shows_headcount_fte_establishment_and_vacancy(client_for, cast) -> None:
    EstablishmentFactory(team=cast.front_door, effective_from=dt.date(2020, 4, 1), establishment_fte=Decimal("2"))
    EstablishmentFactory(team=cast.front_door, effective_from=dt.date(2024, 4, 1), establishment_fte=Decimal("3"))
    EstablishmentFactory(team=cast.child_protection, establishment_fte=Decimal("0.5"))
    EstablishmentFactory(team=cast.front_door, effective_from=dt.date(2099, 4, 1), establishment_fte=Decimal("9"))
    AssignmentFactory(worker=WorkerFactory(authority=cast.authority), team=cast.front_door, role=Role.OTHER)
    AssignmentFactory(worker=WorkerFactory(authority=cast.authority), team=cast.child_protection)
    AssignmentFactory(
        worker=WorkerFactory(authority=cast.authority),
        team=cast.front_door,
        contract=Contract.AGENCY,
        fte=Decimal("0.5"),
    )
    response = client_for(cast.workforce_officer).get(URL)
    teams = _teams(response)
    front_door = teams["FD"]
    assert front_door.social_workers_headcount == 2  # Sam and Chris; role `other` left out
    assert front_door.social_workers_fte == Decimal("1.6")
    assert (front_door.agency_headcount, front_door.agency_fte) == (1, Decimal("0.5"))
    assert front_door.establishment_fte == Decimal("3")  # the latest on or before today
    assert front_door.vacancy_fte == Decimal("1.4")  # agency workers do not fill it
    assert teams["CP"].vacancy_fte == Decimal("0")  # never below 0
    assert teams["CIC"].establishment_fte is None
    assert teams["CIC"].vacancy_fte is None
    body = response.content.decode()
    assert "1.40" in body
    assert "Not set" in body


def _count_queries(client) -> int:  # noqa: ANN001
    with CaptureQueriesContext(connection) as context:
        assert client.get(URL).status_code == 200
    return len(context.captured_queries)


def test_its_queries_do_not_grow_with_the_number_of_teams(client_for, cast) -> None:
    client = client_for(cast.workforce_officer)
    before = _count_queries(client)
    for _ in range(10):
        team = TeamFactory(authority=cast.authority, service_area=cast.care)
        EstablishmentFactory(team=team)
        AssignmentFactory(worker=WorkerFactory(authority=cast.authority), team=team)
    assert _count_queries(client) == before
