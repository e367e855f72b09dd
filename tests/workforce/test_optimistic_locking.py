"""Two people editing the same record cannot silently overwrite each other (optimistic locking)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.concurrency import version_of
from tests.workforce.test_staff_record_forms import _record
from workforce.services import records


def _form_version(response) -> str:  # noqa: ANN001
    return response.context["form"]["version"].value()


def test_the_second_save_of_a_staff_record_is_refused_with_a_clear_message(cast, client_for) -> None:  # noqa: ANN001
    url = reverse("workforce:worker_edit", args=[cast.sam.pk])
    first, second = client_for(cast.workforce_officer), client_for(cast.administrator)
    opened_by_first = _form_version(first.get(url))
    opened_by_second = _form_version(second.get(url))
    assert opened_by_first == opened_by_second == version_of(cast.sam)

    client = client_for(cast.workforce_officer)
    client.post(url, _record(worker_id="A001", first_name="Samira", version=opened_by_first))
    client = client_for(cast.administrator)
    response = client.post(url, _record(worker_id="A001", first_name="Samuel", version=opened_by_second))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Somebody else changed this record (Wanda Officer" in content
    assert "Your changes have not been saved" in content
    cast.sam.refresh_from_db()
    assert cast.sam.first_name == "Samira"


def test_a_save_on_the_current_version_goes_through(cast, client_for) -> None:  # noqa: ANN001
    url = reverse("workforce:worker_edit", args=[cast.sam.pk])
    client = client_for(cast.workforce_officer)
    version = _form_version(client.get(url))
    response = client.post(url, _record(worker_id="A001", first_name="Samira", version=version))
    assert response.status_code == 302
    cast.sam.refresh_from_db()
    assert cast.sam.first_name == "Samira"


def test_an_assignment_changed_meanwhile_is_not_overwritten(cast) -> None:  # noqa: ANN001
    assignment = cast.sam.assignments.get()
    opened = version_of(assignment)
    records.assignment_update(assignment=assignment, actor=cast.workforce_officer, job_title="Senior practitioner")

    with pytest.raises(ValidationError, match="Somebody else changed this record"):
        records.assignment_update(
            assignment=assignment, actor=cast.administrator, expected_version=opened, job_title="Social worker"
        )
    assignment.refresh_from_db()
    assert assignment.job_title == "Senior practitioner"


def test_services_called_without_a_version_do_not_check(cast) -> None:  # noqa: ANN001
    """Imports and commands write without a form, so they have no version to compare."""
    records.worker_update(worker=cast.sam, actor=None, first_name="Samira")
    records.worker_update(worker=cast.sam, actor=None, first_name="Sam")
    cast.sam.refresh_from_db()
    assert cast.sam.first_name == "Sam"
