"""A worker's page: details, equality data for HR and the worker only, assignments, caseloads, absences."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.workforce.factories import AbsenceFactory, AssignmentFactory, CaseloadRecordFactory
from workforce.codes import LeavingReason, Role
from workforce.services import records

pytestmark = pytest.mark.django_db


def _url(worker) -> str:  # noqa: ANN001
    return reverse("workforce:worker_detail", args=[worker.pk])


@pytest.fixture
def sam(cast):  # noqa: ANN001, ANN201
    """Sam with equality data, a move behind them, case types and an absence."""
    sam = cast.sam
    sam.date_of_birth = dt.date(1988, 5, 17)
    sam.gender = "2"
    sam.ethnicity = "AIND"
    sam.save()
    sam.assignments.update(start_date=dt.date(2023, 1, 2))
    AssignmentFactory(
        worker=sam,
        team=cast.child_protection,
        role=Role.QUALIFIED_NO_CASES,
        start_date=dt.date(2021, 9, 6),
        end_date=dt.date(2023, 1, 2),
        leaving_reason=LeavingReason.INTERNAL_MOVE,
    )
    CaseloadRecordFactory(worker=sam, date=dt.date(2024, 3, 31), cases=11, child_in_need=6, child_protection=5)
    AbsenceFactory(worker=sam, start_date=dt.date(2025, 2, 3), end_date=dt.date(2025, 2, 4), working_days_lost=2)
    return sam


def test_it_redirects_anonymous_users_to_sign_in(client_for, cast) -> None:
    response = client_for(None).get(_url(cast.sam))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_it_answers_a_post_with_405(client_for, cast) -> None:
    assert client_for(cast.workforce_officer).post(_url(cast.sam)).status_code == 405


def test_it_shows_hr_the_whole_record(client_for, cast, sam) -> None:
    response = client_for(cast.workforce_officer).get(_url(sam))
    assert response.status_code == 200
    body = response.content.decode()
    assert "17 May 1988" in body
    assert "Female" in body
    assert "Indian" in body
    assert "Child Protection" in body
    assert "Front Door" in body
    assert "Moved" in body  # the internal move is labelled as a move, not a leaver
    assert "Child in need" in body
    assert "2 January 2023" in body
    assert "3 February 2025" in body
    assert [c.date for c in response.context["caseloads"]][-1] == dt.date(2024, 3, 31)  # latest first
    assert response.context["current"].team == cast.front_door
    for link in ("worker_edit", "assignment_create", "team_move", "leaver_record", "absence_create", "worker_archive"):
        assert reverse(f"workforce:{link}", args=[sam.pk]) in body


def test_it_shows_a_social_worker_their_own_record_with_equality_data(client_for, cast, sam) -> None:
    body = client_for(cast.social_worker).get(_url(sam)).content.decode()
    assert "17 May 1988" in body
    assert reverse("workforce:worker_edit", args=[sam.pk]) not in body


def test_it_hides_a_colleagues_record_from_a_social_worker(client_for, cast) -> None:
    assert client_for(cast.social_worker).get(_url(cast.colleague)).status_code == 404


def test_it_shows_a_team_manager_no_equality_data_and_the_caseload_link(client_for, cast, sam) -> None:
    response = client_for(cast.team_manager).get(_url(sam))
    body = response.content.decode()
    assert response.status_code == 200
    assert "17 May 1988" not in body
    assert "Ethnicity" not in body
    assert reverse("workforce:caseload_create", args=[sam.pk]) in body
    assert reverse("workforce:worker_edit", args=[sam.pk]) not in body


def test_it_shows_a_service_manager_a_read_only_record(client_for, cast, sam) -> None:
    body = client_for(cast.service_manager).get(_url(sam)).content.decode()
    assert "Sam Patel" in body
    assert "Change this record" not in body


@pytest.mark.parametrize("role", ["team_manager", "service_manager"])
def test_it_hides_workers_outside_a_managers_teams(client_for, cast, role) -> None:
    assert client_for(cast.user(role)).get(_url(cast.cic_worker)).status_code == 404


@pytest.mark.parametrize("role", ["other_authority_manager", "panel_member"])
def test_it_hides_the_record_from_users_without_scope(client_for, cast, role) -> None:
    assert client_for(cast.user(role)).get(_url(cast.sam)).status_code == 404


def test_an_archived_record_is_visible_to_administrators_only(client_for, cast) -> None:
    records.worker_archive(worker=cast.colleague, actor=cast.workforce_officer, reason="Duplicate")
    assert client_for(cast.workforce_officer).get(_url(cast.colleague)).status_code == 404
    body = client_for(cast.administrator).get(_url(cast.colleague)).content.decode()
    assert "archived" in body
    assert "Duplicate" in body
    assert reverse("workforce:worker_unarchive", args=[cast.colleague.pk]) in body
    assert reverse("workforce:worker_edit", args=[cast.colleague.pk]) not in body


def test_it_shows_fte_to_two_decimals(client_for, cast) -> None:
    cast.colleague.assignments.update(fte=Decimal("0.6"))
    assert "0.60" in client_for(cast.workforce_officer).get(_url(cast.colleague)).content.decode()
