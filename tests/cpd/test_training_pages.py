"""The mandatory training pages: the worker's own training, the matrix and its XLSX, and HR's courses and records."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cpd.models import TrainingCompletion, TrainingCourse
from tests.cpd.factories import TrainingCompletionFactory, TrainingCourseFactory
from tests.cpd.factories_days import TODAY, freeze_today
from tests.workforce.factories import AssignmentFactory, WorkerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(monkeypatch) -> None:  # noqa: ANN001
    freeze_today(monkeypatch)


@pytest.fixture
def course(cast):  # noqa: ANN001, ANN201
    course = TrainingCourseFactory(authority=cast.authority, code="SAFEG", name="Safeguarding", validity_months=36)
    TrainingCompletionFactory(
        worker=cast.sam, course=course, completed_on=dt.date(2023, 4, 1), expires_on=dt.date(2026, 4, 1)
    )
    TrainingCompletionFactory(
        worker=cast.cic_worker, course=course, completed_on=dt.date(2022, 4, 1), expires_on=dt.date(2025, 4, 1)
    )
    return course


def test_the_worker_sees_their_training(cast, client_for, course) -> None:  # noqa: ANN001
    response = client_for(cast.social_worker).get(reverse("cpd:my_training"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Expiring soon" in html
    assert "1 April 2026" in html
    assert client_for(cast.workforce_officer).get(reverse("cpd:my_training")).status_code == 403


def test_the_matrix_shows_the_managers_teams_with_counts(cast, client_for, course) -> None:  # noqa: ANN001
    response = client_for(cast.team_manager).get(reverse("cpd:training_matrix"))
    assert response.status_code == 200
    matrix = response.context["matrix"]
    assert [(r.worker.worker_id, [c.status for c in r.cells]) for r in matrix.rows] == [
        ("A002", ["missing"]),
        ("A001", ["expiring"]),
    ]
    assert matrix.status_counts == [
        ("expired", "Expired", 0),
        ("expiring", "Expiring soon", 1),
        ("missing", "Missing", 1),
        ("active", "Up to date", 0),
    ]
    assert "expires 1 Apr 2026" in response.content.decode()


def test_hr_filter_the_matrix_by_team_and_status(cast, client_for, course) -> None:  # noqa: ANN001
    client = client_for(cast.workforce_officer)
    rows = client.get(reverse("cpd:training_matrix"), {"status": "expired"}).context["matrix"].rows
    assert [r.worker.worker_id for r in rows] == ["A003"]
    rows = client.get(reverse("cpd:training_matrix"), {"team": cast.front_door.pk}).context["matrix"].rows
    assert [r.worker.worker_id for r in rows] == ["A002", "A001"]


def test_the_matrix_runs_a_fixed_number_of_queries(cast, client_for, course, django_assert_max_num_queries) -> None:  # noqa: ANN001
    client = client_for(cast.workforce_officer)
    client.get(reverse("cpd:training_matrix"))
    for _ in range(8):
        worker = WorkerFactory(authority=cast.authority)
        AssignmentFactory(worker=worker, team=cast.front_door, start_date=dt.date(2024, 1, 1))
        TrainingCompletionFactory(worker=worker, course=course, completed_on=dt.date(2025, 1, 1))
    TrainingCourseFactory(authority=cast.authority)
    with django_assert_max_num_queries(12):
        client.get(reverse("cpd:training_matrix"))


def test_the_matrix_download_has_one_row_per_worker_and_course_with_real_dates(cast, client_for, course) -> None:  # noqa: ANN001
    url = reverse("core:export_download", args=["cpd-training-matrix"])
    response = client_for(cast.team_manager).get(url, {"status": "expiring"})
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.iter_rows(values_only=True))
    assert rows[0] == (
        "Staff reference",
        "Name",
        "Team",
        "Course code",
        "Course",
        "Status",
        "Completed on",
        "Expires on",
    )
    assert rows[1:] == [
        (
            "A001",
            "Sam Patel",
            "Front Door",
            "SAFEG",
            "Safeguarding",
            "Expiring soon",
            dt.datetime(2023, 4, 1),
            dt.datetime(2026, 4, 1),
        ),  # noqa: DTZ001
    ]
    assert client_for(cast.social_worker).get(url).status_code == 403


def test_hr_add_and_change_a_course(cast, client_for) -> None:  # noqa: ANN001
    client = client_for(cast.workforce_officer)
    data = {"code": " FA ", "name": "First aid", "description": "", "validity_months": "24", "disabled_on": ""}
    assert client.post(reverse("cpd:training_course_create"), data).status_code == 302
    course = TrainingCourse.objects.get(code="FA")
    assert (course.authority, course.validity_months, course.created_by) == (cast.authority, 24, cast.workforce_officer)
    response = client.post(reverse("cpd:training_course_create"), {**data, "code": "fa"})
    assert response.context["form"].errors["code"] == ["Another course already has the code fa"]
    edit = reverse("cpd:training_course_edit", args=[course.pk])
    assert client.post(edit, {**data, "disabled_on": "31/03/2026"}).status_code == 302
    course.refresh_from_db()
    assert course.disabled_on == dt.date(2026, 3, 31)
    listing = client.get(reverse("cpd:training_courses"))
    assert "Required until 31 March 2026" in listing.content.decode()
    assert client_for(cast.team_manager).get(edit).status_code == 403
    other = TrainingCourseFactory(authority=cast.other_authority)
    client = client_for(cast.workforce_officer)
    assert client.get(reverse("cpd:training_course_edit", args=[other.pk])).status_code == 404


def test_hr_record_a_completion(cast, client_for, course) -> None:  # noqa: ANN001
    url = reverse("cpd:training_completion_create", args=[cast.colleague.pk])
    client = client_for(cast.workforce_officer)
    future = (TODAY + dt.timedelta(days=1)).strftime("%d/%m/%Y")
    response = client.post(url, {"course": course.pk, "completed_on": future})
    assert response.context["form"].errors["completed_on"] == ["The date completed must be today or in the past"]
    assert client.post(url, {"course": course.pk, "completed_on": "31/01/2026"}).status_code == 302
    completion = TrainingCompletion.objects.get(worker=cast.colleague)
    assert (completion.expires_on, completion.source) == (dt.date(2029, 1, 31), "recorded")
    response = client.post(url, {"course": course.pk, "completed_on": "31/01/2026"})
    assert response.context["form"].errors["completed_on"] == ["This completion is already recorded"]
    assert client_for(cast.team_manager).get(url).status_code == 403
    assert client.get(reverse("cpd:training_completion_create", args=[cast.other_worker.pk])).status_code == 404
