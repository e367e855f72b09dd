"""Adding a worker's absence (HR) and a worker's caseload record (their team manager, or HR)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from workforce.models import Absence, CaseloadRecord

pytestmark = pytest.mark.django_db


def _url(name: str, worker) -> str:  # noqa: ANN001
    return reverse(f"workforce:{name}", args=[worker.pk])


ABSENCE = {"start_date": "03/03/2025", "end_date": "05/03/2025", "type": "sickness", "working_days_lost": "3"}
CASELOAD = {"date": "30/09/2025", "cases": "12", "child_in_need": "5", "child_protection": "7"}


# ---------------------------------------------------------------------------
# Absences
# ---------------------------------------------------------------------------
def test_absences_redirect_anonymous_users_to_sign_in(client_for, cast) -> None:
    assert client_for(None).post(_url("absence_create", cast.sam), ABSENCE).status_code == 302


def test_absences_answer_other_methods_with_405(client_for, cast) -> None:
    assert client_for(cast.workforce_officer).delete(_url("absence_create", cast.sam)).status_code == 405


def test_hr_adds_an_absence(client_for, cast) -> None:
    client = client_for(cast.workforce_officer)
    assert client.get(_url("absence_create", cast.sam)).status_code == 200
    response = client.post(_url("absence_create", cast.sam), ABSENCE, follow=True)
    assert "Absence added" in response.content.decode()
    absence = Absence.objects.get(worker=cast.sam)
    assert (absence.start_date, absence.working_days_lost) == (dt.date(2025, 3, 3), Decimal("3"))


def test_absence_errors_are_shown_beside_the_fields(client_for, cast) -> None:
    data = {**ABSENCE, "end_date": "01/03/2025", "working_days_lost": "-1", "type": ""}
    body = client_for(cast.workforce_officer).post(_url("absence_create", cast.sam), data).content.decode()
    assert 'id="id_end_date-error"' in body
    assert "Working days lost must be 0 or more" in body
    assert 'id="id_type-error"' in body
    assert not Absence.objects.exists()


@pytest.mark.parametrize("role", ["social_worker", "team_manager", "service_manager"])
def test_readers_may_not_add_absences(client_for, cast, role) -> None:
    assert client_for(cast.user(role)).post(_url("absence_create", cast.sam), ABSENCE).status_code == 403
    assert not Absence.objects.exists()


def test_absences_of_another_authority_are_hidden(client_for, cast) -> None:
    assert client_for(cast.other_authority_manager).get(_url("absence_create", cast.sam)).status_code == 404


# ---------------------------------------------------------------------------
# Caseloads
# ---------------------------------------------------------------------------
def test_caseloads_redirect_anonymous_users_to_sign_in(client_for, cast) -> None:
    assert client_for(None).get(_url("caseload_create", cast.sam)).status_code == 302


def test_caseloads_answer_other_methods_with_405(client_for, cast) -> None:
    assert client_for(cast.team_manager).put(_url("caseload_create", cast.sam)).status_code == 405


@pytest.mark.parametrize("role", ["team_manager", "workforce_officer"])
def test_a_team_manager_or_hr_records_a_caseload(client_for, cast, role) -> None:
    client = client_for(cast.user(role))
    assert client.get(_url("caseload_create", cast.sam)).status_code == 200
    response = client.post(_url("caseload_create", cast.sam), CASELOAD, follow=True)
    assert "Caseload recorded" in response.content.decode()
    record = CaseloadRecord.objects.get(worker=cast.sam, date=dt.date(2025, 9, 30))
    assert (record.cases, record.child_in_need, record.child_protection, record.care_leaver) == (12, 5, 7, 0)
    assert record.created_by == cast.user(role)


def test_case_types_that_do_not_add_up_are_shown_beside_cases(client_for, cast) -> None:
    data = {**CASELOAD, "child_protection": "1"}
    body = client_for(cast.team_manager).post(_url("caseload_create", cast.sam), data).content.decode()
    assert "add up to 6, not 12" in body
    assert 'id="id_cases-error"' in body
    assert not CaseloadRecord.objects.filter(date=dt.date(2025, 9, 30)).exists()


@pytest.mark.parametrize("role", ["service_manager", "social_worker"])
def test_readers_may_not_record_caseloads(client_for, cast, role) -> None:
    assert client_for(cast.user(role)).post(_url("caseload_create", cast.sam), CASELOAD).status_code == 403
    assert not CaseloadRecord.objects.filter(date=dt.date(2025, 9, 30)).exists()


def test_a_team_manager_cannot_reach_workers_outside_their_teams(client_for, cast) -> None:
    assert client_for(cast.team_manager).get(_url("caseload_create", cast.cic_worker)).status_code == 404
    assert client_for(cast.other_authority_manager).get(_url("caseload_create", cast.sam)).status_code == 404
