"""The progress grid and criteria of careers.selectors.progress."""

from __future__ import annotations

import datetime as dt

import pytest

from careers.models import Evidence
from careers.selectors.progress import ACCEPTED, MISSING, PENDING, progress_for
from tests.careers.factories import (
    CareerLevelFactory,
    CareersSettingsFactory,
    EvidenceFactory,
    FrameworkItemFactory,
    FrameworkVersionFactory,
    WorkerLevelFactory,
)

TODAY = dt.date(2026, 11, 1)


@pytest.fixture
def framework(cast):  # noqa: ANN001, ANN201
    version = FrameworkVersionFactory(code="test-v1")
    p1 = FrameworkItemFactory(version=version, kind="principle", number=1, key="welfare", title="Welfare")
    p2 = FrameworkItemFactory(version=version, kind="principle", number=2, key="wishes", title="Wishes")
    o1 = FrameworkItemFactory(version=version, kind="outcome", number=1, key="together", title="Together")
    CareersSettingsFactory(authority=cast.authority, framework_version=version)
    current = CareerLevelFactory(authority=cast.authority, order=1, code="SW", name="Social Worker")
    senior = CareerLevelFactory(
        authority=cast.authority,
        order=2,
        code="ESW",
        name="Experienced",
        min_accepted_evidence=2,
        min_months_at_previous_level=12,
    )
    senior.required_items.set([p1, o1])
    WorkerLevelFactory(worker=cast.sam, level=current, effective_from=dt.date(2024, 4, 1))
    return version, p1, p2, o1, senior


def test_it_shows_accepted_pending_and_missing_cells(cast, framework) -> None:  # noqa: ANN001
    version, p1, p2, o1, senior = framework
    EvidenceFactory(worker=cast.sam, framework_version=version, status=Evidence.Status.ACCEPTED, items=[p1, o1])
    EvidenceFactory(worker=cast.sam, framework_version=version, status=Evidence.Status.SUBMITTED, items=[p2, o1])

    progress = progress_for(worker=cast.sam, today=TODAY)

    assert progress.level == senior
    assert [[c.status for c in row.cells] for row in progress.rows] == [[ACCEPTED], [PENDING]]
    assert not progress.criteria_met  # one accepted piece of the two needed
    assert progress.missing_items == ["1 of 2 accepted"]


def test_it_meets_the_criteria_with_evidence_written_against_an_older_wording(cast, framework) -> None:  # noqa: ANN001
    version, p1, p2, o1, senior = framework
    old = FrameworkVersionFactory(code="test-v0")
    old_p1 = FrameworkItemFactory(version=old, kind="principle", number=1, key="welfare", title="Old welfare")
    old_o1 = FrameworkItemFactory(version=old, kind="outcome", number=1, key="together", title="Old together")
    EvidenceFactory(worker=cast.sam, framework_version=old, status=Evidence.Status.ACCEPTED, items=[old_p1, old_o1])
    EvidenceFactory(worker=cast.sam, framework_version=version, status=Evidence.Status.ACCEPTED, items=[p2])

    progress = progress_for(worker=cast.sam, today=TODAY)

    assert progress.criteria_met
    assert progress.rows[0].cells[0].status == ACCEPTED
    assert progress.rows[1].cells[0].status == MISSING


def test_it_needs_time_at_the_current_level(cast, framework) -> None:  # noqa: ANN001
    version, p1, p2, o1, senior = framework
    EvidenceFactory.create_batch(
        2, worker=cast.sam, framework_version=version, status=Evidence.Status.ACCEPTED, items=[p1, o1]
    )

    assert not progress_for(worker=cast.sam, today=dt.date(2025, 3, 31)).criteria_met  # 11 months
    assert progress_for(worker=cast.sam, today=dt.date(2025, 4, 1)).criteria_met  # 12 months
