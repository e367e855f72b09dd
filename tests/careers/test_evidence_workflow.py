"""The evidence state machine of careers.services.evidence: every allowed and every refused transition."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from careers.models import Evidence, EvidenceTransition
from careers.services import evidence as services
from tests.careers.factories_evidence import make_cic_manager, make_evidence, make_framework
from tests.conftest import Cast
from tests.workforce.factories import WorkerFactory
from workforce.access import clear_scope_cache
from workforce.services.accounts import worker_link_user

DRAFT, SUBMITTED, RETURNED, ACCEPTED = (
    Evidence.Status.DRAFT,
    Evidence.Status.SUBMITTED,
    Evidence.Status.RETURNED,
    Evidence.Status.ACCEPTED,
)
COMMENT = "Tell me more about what the children said."


def _actor(cast: Cast, name: str) -> Any:
    if name == "worker":
        return cast.social_worker
    if name == "reviewer":
        return cast.team_manager
    if name == "cic_manager":
        return make_cic_manager(cast)
    return getattr(cast, name)


ALLOWED = [
    # (from, action, actor, comment, to)
    (DRAFT, "submit", "worker", "", SUBMITTED),
    (SUBMITTED, "accept", "reviewer", "", ACCEPTED),
    (SUBMITTED, "accept", "reviewer", "Well evidenced.", ACCEPTED),
    (SUBMITTED, "return", "reviewer", COMMENT, RETURNED),
    (RETURNED, "resubmit", "worker", "", SUBMITTED),
]


@pytest.mark.parametrize(("from_status", "action", "actor", "comment", "to_status"), ALLOWED)
def test_it_allows_the_transition(cast, from_status, action, actor, comment, to_status) -> None:  # noqa: ANN001
    framework = make_framework(cast)
    evidence = make_evidence(cast, framework, from_status)
    steps_before = evidence.transitions.count()
    user = _actor(cast, actor)

    with_result = services.evidence_transition(evidence=evidence, action=action, comment=comment, user=user)

    with_result.refresh_from_db()
    assert with_result.status == to_status
    last = with_result.transitions.order_by("pk").last()
    assert with_result.transitions.count() == steps_before + 1
    assert (last.action, last.from_status, last.to_status, last.by, last.comment) == (
        action,
        from_status,
        to_status,
        user,
        comment,
    )
    if to_status == SUBMITTED:
        assert with_result.submitted_at == last.at
    else:
        assert with_result.decided_at == last.at
    assert with_result.updated_by == user


REFUSED = [
    # (from, action, actor, comment, error)
    (DRAFT, "accept", "reviewer", "", "wrong_state"),
    (RETURNED, "accept", "reviewer", "", "wrong_state"),
    (DRAFT, "return", "reviewer", COMMENT, "wrong_state"),
    (RETURNED, "return", "reviewer", COMMENT, "wrong_state"),
    (SUBMITTED, "submit", "worker", "", "wrong_state"),
    (SUBMITTED, "resubmit", "worker", "", "wrong_state"),
    (DRAFT, "resubmit", "worker", "", "wrong_state"),
    (RETURNED, "submit", "worker", "", "wrong_state"),
    (ACCEPTED, "submit", "worker", "", services.ERROR_ACCEPTED_FINAL),
    (ACCEPTED, "resubmit", "worker", "", services.ERROR_ACCEPTED_FINAL),
    (ACCEPTED, "accept", "reviewer", "", services.ERROR_ACCEPTED_FINAL),
    (ACCEPTED, "return", "reviewer", COMMENT, services.ERROR_ACCEPTED_FINAL),
    (SUBMITTED, "return", "reviewer", "", services.ERROR_COMMENT_REQUIRED),
    (SUBMITTED, "return", "reviewer", "   ", services.ERROR_COMMENT_REQUIRED),
    (SUBMITTED, "accept", "worker", "", services.ERROR_OWN_EVIDENCE),
    (SUBMITTED, "return", "worker", COMMENT, services.ERROR_OWN_EVIDENCE),
    (SUBMITTED, "accept", "service_manager", "", services.ERROR_NOT_REVIEWER),
    (SUBMITTED, "return", "service_manager", COMMENT, services.ERROR_NOT_REVIEWER),
    (SUBMITTED, "accept", "cic_manager", "", services.ERROR_NOT_REVIEWER),
    (SUBMITTED, "accept", "administrator", "", services.ERROR_NOT_REVIEWER),
    (SUBMITTED, "accept", "workforce_officer", "", services.ERROR_NOT_REVIEWER),
    (SUBMITTED, "accept", "panel_member", "", services.ERROR_NOT_REVIEWER),
    (SUBMITTED, "accept", "other_authority_manager", "", services.ERROR_NOT_REVIEWER),
    (DRAFT, "submit", "reviewer", "", services.ERROR_NOT_OWNER),
    (RETURNED, "resubmit", "reviewer", "", services.ERROR_NOT_OWNER),
    (DRAFT, "submit", "administrator", "", services.ERROR_NOT_OWNER),
    (DRAFT, "publish", "worker", "", services.ERROR_UNKNOWN_ACTION),
]


@pytest.mark.parametrize(("from_status", "action", "actor", "comment", "error"), REFUSED)
def test_it_refuses_the_transition(cast, from_status, action, actor, comment, error) -> None:  # noqa: ANN001
    framework = make_framework(cast)
    evidence = make_evidence(cast, framework, from_status)
    steps_before = evidence.transitions.count()

    with pytest.raises(ValidationError) as raised:
        services.evidence_transition(evidence=evidence, action=action, comment=comment, user=_actor(cast, actor))

    if error == "wrong_state":
        assert "cannot be" in raised.value.messages[0]
        assert Evidence.Status(from_status).label.lower() in raised.value.messages[0]
    else:
        assert raised.value.messages == [error]
    evidence.refresh_from_db()
    assert evidence.status == from_status
    assert evidence.transitions.count() == steps_before


def test_it_refuses_a_team_manager_accepting_their_own_evidence(cast) -> None:  # noqa: ANN001
    """Tess manages Front Door and works in it: she may review her colleagues' evidence, never her own."""
    framework = make_framework(cast)
    tess = WorkerFactory(authority=cast.authority, worker_id="A009", first_name="Tess", last_name="Manager")
    tess.assignments.create(team=cast.front_door, start_date=cast.sam.assignments.get().start_date, fte=1)
    worker_link_user(worker=tess, user=cast.team_manager)
    clear_scope_cache(cast.team_manager)
    evidence = make_evidence(cast, framework, SUBMITTED, worker=tess)

    with pytest.raises(ValidationError) as raised:
        services.evidence_accept(evidence=evidence, user=cast.team_manager)

    assert raised.value.messages == [services.ERROR_OWN_EVIDENCE]


def test_it_refuses_to_submit_incomplete_evidence_naming_what_is_missing(cast) -> None:  # noqa: ANN001
    framework = make_framework(cast)
    evidence = make_evidence(cast, framework, DRAFT, items=[framework.p1], impact="", what_i_did=" ")

    with pytest.raises(ValidationError) as raised:
        services.evidence_submit(evidence=evidence, user=cast.social_worker)

    assert raised.value.message_dict == {
        "what_i_did": ["Enter what you did"],
        "impact": ["Enter the impact for the child and family"],
        "outcomes": [services.ERROR_OUTCOME],
    }
    assert Evidence.objects.get(pk=evidence.pk).status == DRAFT


def test_it_refuses_to_submit_evidence_without_a_principle(cast) -> None:  # noqa: ANN001
    framework = make_framework(cast)
    evidence = make_evidence(cast, framework, DRAFT, items=[framework.o1, framework.o2])

    with pytest.raises(ValidationError) as raised:
        services.evidence_submit(evidence=evidence, user=cast.social_worker)

    assert raised.value.message_dict == {"principles": [services.ERROR_PRINCIPLE]}


def test_it_keeps_the_whole_history_of_a_return_and_resubmission(cast) -> None:  # noqa: ANN001
    framework = make_framework(cast)
    evidence = make_evidence(cast, framework, DRAFT)
    services.evidence_submit(evidence=evidence, user=cast.social_worker)
    services.evidence_return(evidence=evidence, comment=COMMENT, user=cast.team_manager)
    services.evidence_update(
        evidence=evidence,
        title=evidence.title,
        what_happened="More detail.",
        what_i_did="More detail.",
        impact="More detail.",
        items=[framework.p1, framework.o1],
        user=cast.social_worker,
    )
    services.evidence_resubmit(evidence=evidence, user=cast.social_worker)
    services.evidence_accept(evidence=evidence, user=cast.team_manager)

    steps = list(evidence.transitions.values_list("action", "by__email"))
    assert steps == [
        (EvidenceTransition.Action.SUBMIT, cast.social_worker.email),
        (EvidenceTransition.Action.RETURN, cast.team_manager.email),
        (EvidenceTransition.Action.RESUBMIT, cast.social_worker.email),
        (EvidenceTransition.Action.ACCEPT, cast.team_manager.email),
    ]
    assert Evidence.objects.get(pk=evidence.pk).status == ACCEPTED
