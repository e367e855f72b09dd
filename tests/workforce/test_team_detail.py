"""A team's page: establishment and its history, people in post, vacancy, recent starters and leavers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.workforce.factories import AssignmentFactory, CaseloadRecordFactory, EstablishmentFactory, WorkerFactory
from workforce.codes import Contract, LeavingReason
from workforce.selectors import today

pytestmark = pytest.mark.django_db


def _url(team) -> str:  # noqa: ANN001
    return reverse("workforce:team_detail", args=[team.pk])


def test_it_redirects_anonymous_users_to_sign_in(client_for, cast) -> None:
    assert client_for(None).get(_url(cast.front_door)).status_code == 302


def test_it_answers_a_post_with_405(client_for, cast) -> None:
    assert client_for(cast.workforce_officer).post(_url(cast.front_door)).status_code == 405


@pytest.mark.parametrize("role", ["other_authority_manager", "social_worker", "panel_member"])
def test_it_hides_the_team_from_users_without_scope(client_for, cast, role) -> None:
    assert client_for(cast.user(role)).get(_url(cast.front_door)).status_code == 404


def test_it_hides_teams_outside_a_managers_area(client_for, cast) -> None:
    assert client_for(cast.service_manager).get(_url(cast.children_in_care)).status_code == 404
    assert client_for(cast.team_manager).get(_url(cast.child_protection)).status_code == 404


def test_it_shows_the_team_today(client_for, cast) -> None:
    on = today()
    EstablishmentFactory(team=cast.front_door, effective_from=dt.date(2021, 4, 1), establishment_fte=Decimal("2"))
    EstablishmentFactory(team=cast.front_door, effective_from=dt.date(2023, 4, 1), establishment_fte=Decimal("4"))
    CaseloadRecordFactory(worker=cast.colleague, date=on - dt.timedelta(days=40), cases=9)
    response = client_for(cast.workforce_officer).get(_url(cast.front_door))
    assert response.status_code == 200
    summary = response.context["summary"]
    assert summary["establishment_fte"] == Decimal("4")
    assert summary["social_workers_headcount"] == 2
    assert summary["vacancy_fte"] == Decimal("2.4")
    body = response.content.decode()
    assert "4.00 FTE, from 1 April 2023" in body
    assert "2.40 FTE" in body
    assert [e.establishment_fte for e in response.context["establishment_history"]] == [Decimal("4"), Decimal("2")]
    people = {a.worker.full_name: a for a in response.context["people"]}
    assert people["Sam Patel"].latest_cases == 17
    assert people["Chris Morgan"].latest_cases == 9
    assert (on - dt.timedelta(days=40)).strftime("%B") in body
    assert reverse("workforce:establishment_set", args=[cast.front_door.pk]) in body


def test_it_says_why_there_is_no_vacancy_figure(client_for, cast) -> None:
    body = client_for(cast.workforce_officer).get(_url(cast.front_door)).content.decode()
    assert "the team has no establishment" in body


def test_it_lists_starters_and_leavers_of_the_last_twelve_months_but_not_moves(client_for, cast) -> None:
    on = today()
    recent = on - dt.timedelta(days=60)
    leaver = WorkerFactory(authority=cast.authority, first_name="Lee", last_name="Ver")
    AssignmentFactory(worker=leaver, team=cast.front_door, end_date=recent, leaving_reason=LeavingReason.RESIGNATION)
    old_leaver = WorkerFactory(authority=cast.authority, first_name="Olga", last_name="Old")
    AssignmentFactory(
        worker=old_leaver,
        team=cast.front_door,
        end_date=on - dt.timedelta(days=400),
        leaving_reason=LeavingReason.RETIRED,
    )
    starter = WorkerFactory(authority=cast.authority, first_name="Stella", last_name="Start")
    AssignmentFactory(worker=starter, team=cast.front_door, start_date=recent, contract=Contract.AGENCY)
    mover = WorkerFactory(authority=cast.authority, first_name="Mo", last_name="Ver")
    AssignmentFactory(
        worker=mover, team=cast.child_protection, end_date=recent, leaving_reason=LeavingReason.INTERNAL_MOVE
    )
    AssignmentFactory(worker=mover, team=cast.front_door, start_date=recent)
    response = client_for(cast.workforce_officer).get(_url(cast.front_door))
    assert [a.worker.full_name for a in response.context["leavers"]] == ["Lee Ver"]
    assert [a.worker.full_name for a in response.context["starters"]] == ["Stella Start"]
    assert "Resignation" in response.content.decode()


def test_a_team_manager_sees_the_caseload_entry_but_not_the_establishment_form(client_for, cast) -> None:
    body = client_for(cast.team_manager).get(_url(cast.front_door)).content.decode()
    assert "Enter this month’s caseloads" in body
    assert reverse("workforce:establishment_set", args=[cast.front_door.pk]) not in body


def test_a_service_manager_reads_the_teams_caseloads(client_for, cast) -> None:
    body = client_for(cast.service_manager).get(_url(cast.child_protection)).content.decode()
    assert "See the team’s latest caseloads" in body
