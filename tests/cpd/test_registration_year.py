"""The SWE registration year (1 December to 30 November) and the renewal rule (2 recorded, 1 with a peer)."""

from __future__ import annotations

import datetime as dt

import pytest

from cpd.models import CpdRecord
from cpd.selectors.compliance import meets_requirement_q, renewal_progress, with_renewal_counts
from cpd.years import days_left, registration_year_for, year_end, year_label, year_start
from tests.cpd.factories import CpdRecordFactory
from workforce.models import Worker

TODAY = dt.date(2026, 6, 15)


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (dt.date(2026, 11, 30), 2026),
        (dt.date(2026, 12, 1), 2027),
        (dt.date(2025, 12, 1), 2026),
        (dt.date(2025, 11, 30), 2025),
        (dt.date(2026, 1, 1), 2026),
        (dt.date(2026, 12, 31), 2027),
    ],
)
def test_it_names_the_year_after_the_30_november_it_ends_on(day: dt.date, year: int) -> None:
    assert registration_year_for(day) == year


def test_it_gives_the_bounds_and_label_of_a_year() -> None:
    assert year_start(2026) == dt.date(2025, 12, 1)
    assert year_end(2026) == dt.date(2026, 11, 30)
    assert year_label(2026) == "1 December 2025 to 30 November 2026"


def test_it_counts_the_days_left_to_the_deadline() -> None:
    assert days_left(2026, dt.date(2026, 11, 29)) == 1
    assert days_left(2026, dt.date(2026, 11, 30)) == 0
    assert days_left(2026, dt.date(2026, 12, 1)) == 0
    assert days_left(2027, dt.date(2026, 12, 1)) == 364


def _progress(worker: Worker, year: int = 2026):  # noqa: ANN202
    return renewal_progress(worker=worker, year=year, today=TODAY)


def test_two_records_with_one_peer_reflection_meet_the_requirement(cast) -> None:  # noqa: ANN001
    CpdRecordFactory(worker=cast.sam)
    CpdRecordFactory(worker=cast.sam, peer_reflection="", peer_name="", peer_role="")
    progress = _progress(cast.sam)
    assert (progress.records, progress.with_peer_reflection) == (2, 1)
    assert progress.meets_requirement


def test_drafts_do_not_count(cast) -> None:  # noqa: ANN001
    CpdRecordFactory(worker=cast.sam)
    CpdRecordFactory(worker=cast.sam, status=CpdRecord.Status.DRAFT)
    progress = _progress(cast.sam)
    assert progress.records == 1
    assert not progress.meets_requirement
    assert progress.records_needed == 1


def test_two_records_without_peer_reflection_do_not_meet_it(cast) -> None:  # noqa: ANN001
    CpdRecordFactory.create_batch(2, worker=cast.sam, peer_reflection="", peer_name="", peer_role="")
    progress = _progress(cast.sam)
    assert progress.records == 2
    assert not progress.has_peer_reflection
    assert not progress.meets_requirement


def test_a_record_on_30_november_counts_for_that_year_and_1_december_for_the_next(cast) -> None:  # noqa: ANN001
    CpdRecordFactory(worker=cast.sam, start_date=dt.date(2026, 11, 30))
    CpdRecordFactory(worker=cast.sam, start_date=dt.date(2026, 12, 1))
    assert _progress(cast.sam, 2026).records == 1
    assert _progress(cast.sam, 2027).records == 1


def test_it_counts_many_workers_in_one_query(cast, django_assert_num_queries) -> None:  # noqa: ANN001
    CpdRecordFactory.create_batch(2, worker=cast.sam)
    CpdRecordFactory(worker=cast.colleague)
    workers = with_renewal_counts(Worker.objects.filter(authority=cast.authority), 2026)
    with django_assert_num_queries(1):
        meeting = list(workers.filter(meets_requirement_q()).values_list("pk", flat=True))
    assert meeting == [cast.sam.pk]
