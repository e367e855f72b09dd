"""Importing training completions: a bad file is refused whole with every bad row listed; a good one is saved."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from cpd.models import TrainingCompletion
from tests.cpd.factories import TrainingCompletionFactory, TrainingCourseFactory
from tests.cpd.factories_days import freeze_today

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(monkeypatch) -> None:  # noqa: ANN001
    freeze_today(monkeypatch)


@pytest.fixture
def courses(cast):  # noqa: ANN001, ANN201
    return (
        TrainingCourseFactory(authority=cast.authority, code="SAFEG", validity_months=36),
        TrainingCourseFactory(authority=cast.authority, code="GDPR", validity_months=None),
    )


def _csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("completions.csv", text.encode("utf-8-sig"), content_type="text/csv")


def _post(client, uploaded):  # noqa: ANN001, ANN202
    return client.post(reverse("cpd:training_import"), {"file": uploaded})


def test_a_good_csv_is_saved_with_counts(cast, client_for, courses) -> None:  # noqa: ANN001
    TrainingCompletionFactory(worker=cast.sam, course=courses[1], completed_on=dt.date(2025, 9, 1))
    text = "worker_id,course_code,completed_on\nA001,SAFEG,2025-09-01\nA002,safeg,01/10/2025\nA001,GDPR,2025-09-01\n"
    client = client_for(cast.workforce_officer)
    response = _post(client, _csv(text))
    assert response.status_code == 302
    completions = TrainingCompletion.objects.filter(source="imported").order_by("worker__worker_id")
    assert [(c.worker.worker_id, c.completed_on, c.expires_on) for c in completions] == [
        ("A001", dt.date(2025, 9, 1), dt.date(2028, 9, 1)),
        ("A002", dt.date(2025, 10, 1), dt.date(2028, 10, 1)),
    ]
    message = str(list(client.get(reverse("cpd:training_import")).context["messages"])[0])
    assert message == "3 rows imported: 2 new completions, 1 unchanged."
    assert completions[0].history.first().history_user == cast.workforce_officer


def test_a_bad_file_is_refused_whole_listing_every_bad_row(cast, client_for, courses) -> None:  # noqa: ANN001
    text = (
        "worker_id,course_code,completed_on\n"
        "A001,SAFEG,2025-09-01\n"
        "Z999,SAFEG,2025-09-01\n"
        "A002,NOPE,31/02/2025\n"
        "B001,GDPR,2027-01-01\n"
        ",SAFEG,\n"
    )
    response = _post(client_for(cast.workforce_officer), _csv(text))
    assert response.status_code == 200
    problems = [(p.row, p.column, p.value, p.message) for p in response.context["problems"]]
    assert problems == [
        (3, "worker_id", "Z999", "No staff record has this staff reference"),
        (4, "course_code", "NOPE", "No course has this code"),
        (4, "completed_on", "31/02/2025", "Enter a real date as YYYY-MM-DD or DD/MM/YYYY"),
        (5, "worker_id", "B001", "No staff record has this staff reference"),
        (5, "completed_on", "2027-01-01", "The date is in the future"),
        (6, "worker_id", "", "Enter a value"),
        (6, "completed_on", "", "Enter a value"),
    ]
    assert not TrainingCompletion.objects.exists()
    html = response.content.decode()
    assert "<title>Error: " in html
    assert "Z999" in html


def test_the_columns_must_be_exactly_the_three(cast, client_for, courses) -> None:  # noqa: ANN001
    response = _post(
        client_for(cast.workforce_officer), _csv("worker_id,course,completed_on,notes\nA001,SAFEG,2025-09-01,x\n")
    )
    messages = [p.message for p in response.context["problems"]]
    assert messages == [
        "The column course is not one this import reads",
        "The column notes is not one this import reads",
        "The column course_code is missing",
    ]
    assert not TrainingCompletion.objects.exists()


def test_an_xlsx_file_with_real_dates_is_read(cast, client_for, courses) -> None:  # noqa: ANN001
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["completed_on", "worker_id", "course_code"])
    sheet.append([dt.datetime(2025, 9, 1), "A001", "SAFEG"])  # noqa: DTZ001
    buffer = io.BytesIO()
    workbook.save(buffer)
    uploaded = SimpleUploadedFile("c.xlsx", buffer.getvalue())
    assert _post(client_for(cast.workforce_officer), uploaded).status_code == 302
    assert TrainingCompletion.objects.get().completed_on == dt.date(2025, 9, 1)


def test_a_file_that_is_not_csv_or_xlsx_is_refused(cast, client_for, courses) -> None:  # noqa: ANN001
    uploaded = SimpleUploadedFile("c.csv", b"\x00\x01\x02binary")
    response = _post(client_for(cast.workforce_officer), uploaded)
    assert response.status_code == 200
    assert "not a CSV or an Excel" in response.context["problems"][0].message


def test_only_hr_import(cast, client_for, courses) -> None:  # noqa: ANN001
    text = "worker_id,course_code,completed_on\nA001,SAFEG,2025-09-01\n"
    assert _post(client_for(cast.team_manager), _csv(text)).status_code == 403
    assert not TrainingCompletion.objects.exists()
