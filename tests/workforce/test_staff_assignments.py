"""Adding and correcting assignments, recording leavers and team moves (HR)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from workforce.codes import LeavingReason, Role
from workforce.models import Assignment
from workforce.rules import OVERLAPPING_ASSIGNMENT
from workforce.services import records

pytestmark = pytest.mark.django_db
START = dt.date(2022, 4, 4)


def _url(name: str, worker, *args) -> str:  # noqa: ANN001
    return reverse(f"workforce:{name}", args=[worker.pk, *args])


def _assignment(cast, **overrides: str) -> dict[str, str]:  # noqa: ANN001
    data = {
        "team": str(cast.child_protection.pk),
        "role": Role.CASE_HOLDER,
        "job_title": "Social worker",
        "contract": "permanent",
        "fte": "0.8",
        "start_date": "06/01/2020",
        "end_date": "04/04/2022",
        "leaving_reason": LeavingReason.INTERNAL_MOVE,
        "covers_vacancy": "",
    }
    data.update(overrides)
    return data


# ---------------------------------------------------------------------------
# Add and correct
# ---------------------------------------------------------------------------
def test_it_redirects_anonymous_users_to_sign_in(client_for, cast) -> None:
    assert client_for(None).get(_url("assignment_create", cast.sam)).status_code == 302


def test_it_answers_other_methods_with_405(client_for, cast) -> None:
    assert client_for(cast.workforce_officer).put(_url("assignment_create", cast.sam)).status_code == 405


def test_hr_adds_an_assignment_that_touches_the_next(client_for, cast) -> None:
    client = client_for(cast.workforce_officer)
    assert client.get(_url("assignment_create", cast.sam)).status_code == 200
    response = client.post(_url("assignment_create", cast.sam), _assignment(cast), follow=True)
    assert response.redirect_chain[-1][0] == _url("worker_detail", cast.sam)
    assert "Assignment added" in response.content.decode()
    added = cast.sam.assignments.get(start_date=dt.date(2020, 1, 6))
    assert (added.team, added.fte, added.end_date) == (cast.child_protection, Decimal("0.8"), START)
    assert added.created_by == cast.workforce_officer


def test_it_refuses_an_overlap_beside_the_start_date_and_saves_nothing(client_for, cast) -> None:
    response = client_for(cast.workforce_officer).post(
        _url("assignment_create", cast.sam), _assignment(cast, end_date="05/04/2022")
    )
    body = response.content.decode()
    assert OVERLAPPING_ASSIGNMENT in body
    assert 'id="id_start_date-error"' in body
    assert cast.sam.assignments.count() == 1


def test_it_shows_form_errors_beside_the_fields(client_for, cast) -> None:
    body = (
        client_for(cast.workforce_officer)
        .post(
            _url("assignment_create", cast.sam),
            _assignment(cast, team="", fte="1.5", contract="", leaving_reason="", covers_vacancy="yes"),
        )
        .content.decode()
    )
    assert 'id="id_team-error"' in body
    assert records.FTE_OUT_OF_RANGE in body
    assert 'id="id_contract-error"' in body
    assert 'href="#id_contract_0"' in body  # the summary links to the first radio
    assert records.REASON_REQUIRED_WHEN_ENDED in body
    assert cast.sam.assignments.count() == 1


def test_it_offers_only_the_authoritys_teams(client_for, cast) -> None:
    response = client_for(cast.workforce_officer).post(
        _url("assignment_create", cast.sam), _assignment(cast, team=str(cast.other_team.pk))
    )
    assert 'id="id_team-error"' in response.content.decode()
    assert "Southshire Assessment" not in response.content.decode()


@pytest.mark.parametrize("role", ["social_worker", "team_manager", "service_manager"])
def test_readers_may_not_add_assignments(client_for, cast, role) -> None:
    response = client_for(cast.user(role)).post(_url("assignment_create", cast.sam), _assignment(cast))
    assert response.status_code == 403
    assert cast.sam.assignments.count() == 1


def test_it_hides_another_authoritys_worker(client_for, cast) -> None:
    assert client_for(cast.other_authority_manager).get(_url("assignment_create", cast.sam)).status_code == 404


def test_hr_corrects_an_assignment(client_for, cast) -> None:
    assignment = cast.sam.assignments.get()
    url = _url("assignment_edit", cast.sam, assignment.pk)
    client = client_for(cast.workforce_officer)
    assert 'value="04/04/2022"' in client.get(url).content.decode()
    data = _assignment(cast, team=str(cast.front_door.pk), start_date="04/04/2022", end_date="", leaving_reason="")
    response = client.post(url, data, follow=True)
    assert "Assignment saved" in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.fte == Decimal("0.8")
    assert assignment.history.count() == 2


def test_it_hides_an_assignment_of_another_worker(client_for, cast) -> None:
    other = cast.colleague.assignments.get()
    assert client_for(cast.workforce_officer).get(_url("assignment_edit", cast.sam, other.pk)).status_code == 404


def test_a_team_manager_may_not_correct_an_assignment(client_for, cast) -> None:
    assignment = cast.sam.assignments.get()
    assert client_for(cast.team_manager).get(_url("assignment_edit", cast.sam, assignment.pk)).status_code == 403


# ---------------------------------------------------------------------------
# Leavers
# ---------------------------------------------------------------------------
def test_hr_records_a_leaver(client_for, cast) -> None:
    url = _url("leaver_record", cast.sam)
    client = client_for(cast.workforce_officer)
    page = client.get(url).content.decode()
    assert "Front Door" in page
    assert 'value="internal_move"' not in page  # a move is not a leaver
    response = client.post(
        url, {"end_date": "30/09/2025", "leaving_reason": "resignation", "leaver_destination": "1"}, follow=True
    )
    assert "Sam Patel recorded as a leaver" in response.content.decode()
    assignment = cast.sam.assignments.get()
    assert (assignment.end_date, assignment.leaving_reason) == (dt.date(2025, 9, 30), "resignation")
    assert assignment.is_leaver


def test_a_leaver_needs_a_date_and_a_reason(client_for, cast) -> None:
    body = client_for(cast.workforce_officer).post(_url("leaver_record", cast.sam), {}).content.decode()
    assert 'id="id_end_date-error"' in body
    assert 'id="id_leaving_reason-error"' in body
    assert cast.sam.assignments.get().end_date is None


def test_a_leaving_date_before_the_start_is_shown_beside_the_date(client_for, cast) -> None:
    body = (
        client_for(cast.workforce_officer)
        .post(_url("leaver_record", cast.sam), {"end_date": "01/01/2020", "leaving_reason": "retired"})
        .content.decode()
    )
    assert "on or after the start of the current assignment (4 April 2022)" in body
    assert 'id="id_end_date-error"' in body


def test_a_service_manager_may_not_record_a_leaver(client_for, cast) -> None:
    data = {"end_date": "30/09/2025", "leaving_reason": "resignation"}
    assert client_for(cast.service_manager).post(_url("leaver_record", cast.sam), data).status_code == 403
    assert cast.sam.assignments.get().end_date is None


def test_a_leaver_page_is_hidden_from_another_authority(client_for, cast) -> None:
    assert client_for(cast.other_authority_manager).get(_url("leaver_record", cast.sam)).status_code == 404


# ---------------------------------------------------------------------------
# Team moves
# ---------------------------------------------------------------------------
def test_hr_records_a_team_move_which_is_not_a_leaver(client_for, cast) -> None:
    url = _url("team_move", cast.colleague)
    client = client_for(cast.workforce_officer)
    assert 'value="0.6"' in client.get(url).content.decode()  # pre-filled with the current FTE
    data = {"move_date": "02/06/2025", "team": cast.child_protection.pk, "role": Role.CASE_HOLDER, "fte": "1"}
    response = client.post(url, data, follow=True)
    assert "Move of Chris Morgan recorded" in response.content.decode()
    previous, following = cast.colleague.assignments.order_by("start_date")
    assert (previous.end_date, previous.leaving_reason) == (dt.date(2025, 6, 2), LeavingReason.INTERNAL_MOVE)
    assert not previous.is_leaver
    assert (following.team, following.start_date, following.fte) == (
        cast.child_protection,
        dt.date(2025, 6, 2),
        Decimal("1"),
    )


def test_a_move_that_changes_nothing_is_refused(client_for, cast) -> None:
    data = {"move_date": "02/06/2025", "team": cast.front_door.pk, "role": Role.CASE_HOLDER, "fte": "1"}
    body = client_for(cast.workforce_officer).post(_url("team_move", cast.sam), data).content.decode()
    assert records.MOVE_CHANGES_NOTHING in body
    assert Assignment.objects.filter(worker=cast.sam).count() == 1


def test_a_team_manager_may_not_record_a_move(client_for, cast) -> None:
    data = {"move_date": "02/06/2025", "team": cast.child_protection.pk, "role": Role.CASE_HOLDER, "fte": "1"}
    assert client_for(cast.team_manager).post(_url("team_move", cast.sam), data).status_code == 403
    assert Assignment.objects.filter(worker=cast.sam).count() == 1


def test_a_worker_without_an_open_assignment_has_nothing_to_move(client_for, cast) -> None:
    records.leaver_record(worker=cast.sam, actor=None, end_date=dt.date(2025, 1, 1), leaving_reason="retired")
    body = client_for(cast.workforce_officer).get(_url("team_move", cast.sam)).content.decode()
    assert "holds no open assignment" in body
    assert "Record move" not in body
