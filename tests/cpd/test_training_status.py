"""Mandatory training status at the edges of the expiring window, and the expiry date arithmetic."""

from __future__ import annotations

import datetime as dt

import pytest

from cpd.selectors.training import TrainingStatus, my_training, status_of, training_status
from cpd.services.training import add_months, training_completion_record
from tests.cpd.factories import CpdSettingsFactory, TrainingCompletionFactory, TrainingCourseFactory
from tests.cpd.factories_days import TODAY, freeze_today

WINDOW = 60


@pytest.mark.parametrize(
    ("expires_on", "expected"),
    [
        (TODAY - dt.timedelta(days=1), TrainingStatus.EXPIRED),
        (TODAY, TrainingStatus.EXPIRED),
        (TODAY + dt.timedelta(days=1), TrainingStatus.EXPIRING),
        (TODAY + dt.timedelta(days=60), TrainingStatus.EXPIRING),
        (TODAY + dt.timedelta(days=61), TrainingStatus.ACTIVE),
        (None, TrainingStatus.ACTIVE),
    ],
)
def test_the_status_at_the_windows_edges(expires_on: dt.date | None, expected: str) -> None:
    assert status_of(expires_on, completed=True, today=TODAY, window_days=WINDOW) == expected


def test_no_completion_is_missing() -> None:
    assert status_of(None, completed=False, today=TODAY, window_days=WINDOW) == TrainingStatus.MISSING


@pytest.mark.parametrize(
    ("completed", "months", "expected"),
    [
        (dt.date(2025, 1, 31), 1, dt.date(2025, 2, 28)),
        (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),
        (dt.date(2025, 3, 15), 36, dt.date(2028, 3, 15)),
        (dt.date(2025, 11, 30), 3, dt.date(2026, 2, 28)),
        (dt.date(2025, 12, 31), 12, dt.date(2026, 12, 31)),
    ],
)
def test_expiry_is_in_calendar_months(completed: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(completed, months) == expected


@pytest.mark.django_db
def test_it_reads_the_latest_completion_for_many_workers_in_one_query(cast, django_assert_num_queries) -> None:  # noqa: ANN001
    course = TrainingCourseFactory(authority=cast.authority, validity_months=12)
    forever = TrainingCourseFactory(authority=cast.authority, validity_months=None)
    workers = [cast.sam, cast.colleague, cast.cic_worker]
    TrainingCompletionFactory(worker=cast.sam, course=course, completed_on=dt.date(2024, 1, 1), expires_on=TODAY)
    TrainingCompletionFactory(
        worker=cast.sam, course=course, completed_on=dt.date(2025, 4, 1), expires_on=dt.date(2026, 4, 1)
    )
    TrainingCompletionFactory(worker=cast.colleague, course=course, completed_on=dt.date(2025, 3, 2), expires_on=TODAY)
    TrainingCompletionFactory(worker=cast.colleague, course=forever, completed_on=dt.date(2020, 1, 1))
    with django_assert_num_queries(1):
        cells = training_status(workers=workers, courses=[course, forever], today=TODAY, window_days=WINDOW)
    assert {key: cell.status for key, cell in cells.items()} == {
        (cast.sam.pk, course.pk): "expiring",
        (cast.sam.pk, forever.pk): "missing",
        (cast.colleague.pk, course.pk): "expired",
        (cast.colleague.pk, forever.pk): "active",
        (cast.cic_worker.pk, course.pk): "missing",
        (cast.cic_worker.pk, forever.pk): "missing",
    }
    assert cells[(cast.sam.pk, course.pk)].completed_on == dt.date(2025, 4, 1)


@pytest.mark.django_db
def test_the_authoritys_window_applies_and_disabled_courses_are_not_required(cast, monkeypatch) -> None:  # noqa: ANN001
    freeze_today(monkeypatch)
    CpdSettingsFactory(authority=cast.authority, training_expiring_days=10)
    course = TrainingCourseFactory(authority=cast.authority, name="A course")
    TrainingCourseFactory(authority=cast.authority, name="Gone", disabled_on=TODAY)
    TrainingCourseFactory(authority=cast.other_authority, name="Elsewhere")
    TrainingCompletionFactory(
        worker=cast.sam, course=course, completed_on=dt.date(2023, 3, 20), expires_on=dt.date(2026, 3, 20)
    )
    cells = my_training(worker=cast.sam)
    assert [(c.course.name, c.status) for c in cells] == [("A course", "active")]


@pytest.mark.django_db
def test_recording_a_completion_works_out_its_expiry(cast, monkeypatch) -> None:  # noqa: ANN001
    freeze_today(monkeypatch)
    course = TrainingCourseFactory(authority=cast.authority, validity_months=1)
    completion = training_completion_record(
        worker=cast.sam, course=course, completed_on=dt.date(2026, 1, 31), user=cast.workforce_officer
    )
    assert completion.expires_on == dt.date(2026, 2, 28)
    forever = TrainingCourseFactory(authority=cast.authority, validity_months=None)
    completion = training_completion_record(
        worker=cast.sam, course=forever, completed_on=dt.date(2026, 1, 31), user=cast.workforce_officer
    )
    assert completion.expires_on is None
