"""Creating, changing, archiving and restoring staff records (HR; restore: administrators)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from workforce.models import Worker
from workforce.services import records

pytestmark = pytest.mark.django_db
CREATE = reverse("workforce:worker_create")


def _url(name: str, worker) -> str:  # noqa: ANN001
    return reverse(f"workforce:{name}", args=[worker.pk])


def _record(**overrides: str) -> dict[str, str]:
    data = {
        "worker_id": "A100",
        "first_name": "Nia",
        "last_name": "Okafor",
        "email": "nia.okafor@northshire.example",
        "swe_registration": "sw 556677",
        "swe_renewal_date": "30/11/2026",
        "date_of_birth": "1990-02-14",
        "gender": "2",
        "ethnicity": "BAFR",
        "qualification_route": "postgraduate",
        "pq_status": "practitioner",
        "start_origin": "2",
        "leaver_destination": "",
    }
    data.update(overrides)
    return data


# ---------------------------------------------------------------------------
# Create
# ---------------------------------------------------------------------------
def test_it_redirects_anonymous_users_to_sign_in(client_for, cast) -> None:
    assert client_for(None).get(CREATE).status_code == 302


def test_it_answers_other_methods_with_405(client_for, cast) -> None:
    assert client_for(cast.workforce_officer).delete(CREATE).status_code == 405


@pytest.mark.parametrize("role", ["social_worker", "team_manager", "service_manager", "other_authority_manager"])
def test_it_lets_only_hr_create_records(client_for, cast, role) -> None:
    assert client_for(cast.user(role)).post(CREATE, _record()).status_code == 403
    assert not Worker.objects.filter(worker_id="A100").exists()


def test_hr_creates_a_record_and_goes_on_to_its_assignment(client_for, cast) -> None:
    client = client_for(cast.workforce_officer)
    assert client.get(CREATE).status_code == 200
    response = client.post(CREATE, _record(), follow=True)
    worker = Worker.objects.get(worker_id="A100")
    assert response.redirect_chain == [(reverse("workforce:assignment_create", args=[worker.pk]), 302)]
    assert "Staff record of Nia Okafor created" in response.content.decode()
    assert worker.authority == cast.authority
    assert worker.swe_registration == "SW556677"
    assert worker.swe_renewal_date == dt.date(2026, 11, 30)
    assert worker.date_of_birth == dt.date(1990, 2, 14)
    assert worker.created_by == cast.workforce_officer


def test_it_shows_errors_beside_the_fields_and_saves_nothing(client_for, cast) -> None:
    response = client_for(cast.workforce_officer).post(
        CREATE, _record(first_name="", swe_registration="123", date_of_birth="31/02/1990")
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert 'href="#id_first_name"' in body
    assert '<p id="id_first_name-error" class="govuk-error-message">' in body
    assert 'id="id_swe_registration-error"' in body
    assert "Date of birth must be a real date" in body
    assert 'aria-describedby="id_first_name-error"' in body
    assert "govuk-input--error" in body
    assert body.count("<title>Error: ") == 1
    assert not Worker.objects.filter(worker_id="A100").exists()


def test_it_shows_a_taken_staff_reference_beside_the_field(client_for, cast) -> None:
    body = client_for(cast.workforce_officer).post(CREATE, _record(worker_id="A001")).content.decode()
    assert records.WORKER_ID_TAKEN in body
    assert 'id="id_worker_id-error"' in body
    assert Worker.objects.filter(worker_id="A001").count() == 1


# ---------------------------------------------------------------------------
# Edit
# ---------------------------------------------------------------------------
def test_hr_changes_a_record(client_for, cast) -> None:
    url = _url("worker_edit", cast.sam)
    client = client_for(cast.workforce_officer)
    assert "Patel" in client.get(url).content.decode()
    response = client.post(url, _record(worker_id="A001", first_name="Samira"), follow=True)
    assert response.redirect_chain[-1][0] == _url("worker_detail", cast.sam)
    assert "Staff record saved" in response.content.decode()
    cast.sam.refresh_from_db()
    assert cast.sam.first_name == "Samira"
    assert cast.sam.history.first().history_user == cast.workforce_officer


@pytest.mark.parametrize("role", ["social_worker", "team_manager", "service_manager"])
def test_readers_may_not_change_a_record(client_for, cast, role) -> None:
    client = client_for(cast.user(role))
    assert client.get(_url("worker_edit", cast.sam)).status_code == 403
    assert client.post(_url("worker_edit", cast.sam), _record(worker_id="A001")).status_code == 403
    cast.sam.refresh_from_db()
    assert cast.sam.first_name == "Sam"


def test_it_hides_another_authoritys_record(client_for, cast) -> None:
    assert client_for(cast.other_authority_manager).get(_url("worker_edit", cast.sam)).status_code == 404
    assert client_for(cast.workforce_officer).get(_url("worker_edit", cast.other_worker)).status_code == 404


# ---------------------------------------------------------------------------
# Archive and restore
# ---------------------------------------------------------------------------
def test_hr_archives_a_record_which_is_kept(client_for, cast) -> None:
    url = _url("worker_archive", cast.colleague)
    client = client_for(cast.workforce_officer)
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "Duplicate of A001"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("workforce:staff_list")
    assert "Staff record of Chris Morgan archived" in response.content.decode()
    worker = Worker.objects.get(pk=cast.colleague.pk)
    assert worker.is_archived
    assert worker.assignments.exists()


def test_archiving_needs_a_reason_beside_the_field(client_for, cast) -> None:
    body = client_for(cast.workforce_officer).post(_url("worker_archive", cast.colleague), {"reason": ""}).content
    assert b'id="id_reason-error"' in body
    assert not Worker.objects.get(pk=cast.colleague.pk).is_archived


def test_a_team_manager_may_not_archive(client_for, cast) -> None:
    assert (
        client_for(cast.team_manager).post(_url("worker_archive", cast.colleague), {"reason": "x"}).status_code == 403
    )


def test_an_archived_record_cannot_be_changed_until_restored(client_for, cast) -> None:
    records.worker_archive(worker=cast.colleague, actor=None, reason="Error")
    assert client_for(cast.administrator).get(_url("worker_edit", cast.colleague)).status_code == 403


def test_restoring_answers_a_get_with_405(client_for, cast) -> None:
    assert client_for(cast.administrator).get(_url("worker_unarchive", cast.colleague)).status_code == 405


def test_an_administrator_restores_an_archived_record(client_for, cast) -> None:
    records.worker_archive(worker=cast.colleague, actor=None, reason="Error")
    response = client_for(cast.administrator).post(_url("worker_unarchive", cast.colleague), follow=True)
    assert "Staff record of Chris Morgan restored" in response.content.decode()
    assert not Worker.objects.get(pk=cast.colleague.pk).is_archived


def test_a_workforce_officer_may_not_restore(client_for, cast) -> None:
    # Archived records are out of a workforce officer's scope (404); on a live one the restore is refused (403).
    records.worker_archive(worker=cast.colleague, actor=None, reason="Error")
    client = client_for(cast.workforce_officer)
    assert client.post(_url("worker_unarchive", cast.colleague)).status_code == 404
    assert client.post(_url("worker_unarchive", cast.sam)).status_code == 403


def test_restoring_is_hidden_from_another_authority(client_for, cast) -> None:
    assert client_for(cast.other_authority_manager).post(_url("worker_unarchive", cast.sam)).status_code == 404
