"""The careers step of seed_demo (careers.demo): levels, a panel, evidence in every state, one application waiting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.db import transaction

from careers import demo as careers_demo
from careers.models import (
    CareersSettings,
    Evidence,
    EvidenceTransition,
    Panel,
    ProgressionApplication,
    WorkerLevel,
)
from careers.selectors.progress import progress_for
from workforce.models import Assignment
from workforce.selectors import in_post_q
from workforce.services.demo import (
    DEFAULT_PASSWORD,
    PANEL_MEMBER_EMAIL,
    SOCIAL_WORKER_EMAIL,
    TEAM_MANAGER_EMAIL,
    DemoWorkforce,
    seed_logins,
    seed_workforce,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker) -> Iterator[tuple[DemoWorkforce, str]]:  # noqa: ANN001
    """The demo workforce, its logins and the careers step, once for the module; rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        workforce = seed_workforce(today=TODAY)
        seed_logins(workforce=workforce, password=DEFAULT_PASSWORD)
        line = careers_demo.seed_careers(workforce)
        yield workforce, line
        transaction.set_rollback(True)


def _evidence(workforce: DemoWorkforce) -> list[Evidence]:
    return list(
        Evidence.objects.filter(worker__authority=workforce.authority)
        .select_related("worker", "worker__user")
        .prefetch_related("transitions__by")
    )


def test_it_reports_what_it_made(seeded) -> None:  # noqa: ANN001
    _, line = seeded
    assert line.startswith("Careers: ")
    assert "one application waiting for the panel" in line


def test_everyone_in_post_has_a_level(seeded) -> None:  # noqa: ANN001
    workforce, _ = seeded
    in_post = set(
        Assignment.objects.filter(in_post_q(TODAY), worker__authority=workforce.authority)
        .exclude(role="other")
        .values_list("worker_id", flat=True)
    )
    with_level = set(
        WorkerLevel.objects.filter(worker__authority=workforce.authority).values_list("worker_id", flat=True)
    )
    assert in_post <= with_level
    assert CareersSettings.objects.filter(authority=workforce.authority).exists()


def test_the_social_worker_login_moved_up_after_her_asye(seeded) -> None:  # noqa: ANN001
    workforce, _ = seeded
    levels = WorkerLevel.objects.filter(worker__email=SOCIAL_WORKER_EMAIL).order_by("effective_from")
    assert [record.level.code for record in levels] == ["ASYE", "SW"]


def test_there_is_evidence_in_every_state(seeded) -> None:  # noqa: ANN001
    workforce, _ = seeded
    evidence = _evidence(workforce)
    assert {e.status for e in evidence} == set(Evidence.Status.values)
    amiras = {e.status for e in evidence if e.worker.email == SOCIAL_WORKER_EMAIL}
    assert amiras == set(Evidence.Status.values)
    assert len({e.worker_id for e in evidence}) >= 4


def test_some_submitted_evidence_is_overdue_and_some_is_not(seeded) -> None:  # noqa: ANN001
    workforce, _ = seeded
    overdue_days = CareersSettings.objects.get(authority=workforce.authority).review_overdue_days
    submitted = [e for e in _evidence(workforce) if e.status == Evidence.Status.SUBMITTED]
    ages = [(TODAY - e.submitted_at.date()).days for e in submitted]
    assert any(age > overdue_days for age in ages)
    assert any(age <= overdue_days for age in ages)


def test_returned_evidence_was_resubmitted_and_accepted(seeded) -> None:  # noqa: ANN001
    workforce, _ = seeded
    timelines = [[t.action for t in e.transitions.all()] for e in _evidence(workforce)]
    assert ["submit", "return", "resubmit", "accept"] in timelines
    assert ["submit", "return", "resubmit"] in timelines
    assert ["submit", "return"] in timelines
    assert [] in timelines  # a draft


def test_each_step_is_by_the_right_person_in_order(seeded) -> None:  # noqa: ANN001
    workforce, _ = seeded
    for evidence in _evidence(workforce):
        steps = list(evidence.transitions.all())
        assert [s.at for s in steps] == sorted(s.at for s in steps)
        status = Evidence.Status.DRAFT
        for step in steps:
            assert step.from_status == status
            status = step.to_status
            if step.action in (EvidenceTransition.Action.ACCEPT, EvidenceTransition.Action.RETURN):
                assert step.by.email == TEAM_MANAGER_EMAIL
            else:
                assert step.by == evidence.worker.user
        assert status == evidence.status
        assert all(s.comment for s in steps if s.action == EvidenceTransition.Action.RETURN)


def test_evidence_writers_other_than_the_login_cannot_sign_in(seeded) -> None:  # noqa: ANN001
    workforce, _ = seeded
    for evidence in _evidence(workforce):
        if evidence.worker.email != SOCIAL_WORKER_EMAIL:
            assert not evidence.worker.user.has_usable_password()


def test_one_application_waits_for_the_panel_with_a_portfolio_meeting_the_criteria(seeded) -> None:  # noqa: ANN001
    workforce, _ = seeded
    application = ProgressionApplication.objects.select_related("worker", "panel").get(
        worker__authority=workforce.authority
    )
    assert application.status == ProgressionApplication.Status.SUBMITTED
    assert application.panel.name == "Progression panel"
    assert list(application.panel.members.values_list("email", flat=True)) == [PANEL_MEMBER_EMAIL]
    assert Assignment.objects.filter(
        in_post_q(TODAY), worker=application.worker, team__code="CP"
    ).exists()  # the team manager login's team
    progress = progress_for(worker=application.worker, today=TODAY)
    assert progress.criteria_met
    assert application.level_sought == progress.level
    accepted = set(application.worker.evidence.filter(status=Evidence.Status.ACCEPTED))
    assert set(application.evidence.all()) == accepted


def test_a_second_run_changes_nothing(seeded) -> None:  # noqa: ANN001
    workforce, _ = seeded
    before = (Evidence.objects.count(), EvidenceTransition.objects.count(), WorkerLevel.objects.count())

    line = careers_demo.seed_careers(workforce)

    assert "already" in line
    assert (Evidence.objects.count(), EvidenceTransition.objects.count(), WorkerLevel.objects.count()) == before
    assert Panel.objects.filter(authority=workforce.authority).count() == 1


def test_register_adds_the_step(monkeypatch) -> None:  # noqa: ANN001
    from workforce.services import demo

    steps: dict = {}
    monkeypatch.setattr(demo, "_STEPS", steps)

    careers_demo.register()

    assert steps["careers"] == (20, careers_demo.seed_careers)
