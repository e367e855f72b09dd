"""E-mails of the evidence workflow: reviewers hear of a submission, the worker of a decision, after commit."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from careers.services import evidence as services
from tests.careers.factories_evidence import make_cic_manager, make_evidence, make_framework
from workforce.codes import UserRole
from workforce.services.accounts import role_assign, user_create


def test_it_tells_the_team_managers_of_the_workers_team_on_submit(
    cast,
    django_capture_on_commit_callbacks,  # noqa: ANN001
) -> None:
    framework = make_framework(cast)
    second = user_create(email="tom.second@northshire.example", full_name="Tom Second")
    role_assign(user=second, authority=cast.authority, role=UserRole.TEAM_MANAGER, team=cast.front_door)
    make_cic_manager(cast)  # manages another team: not told
    evidence = make_evidence(cast, framework, title="Family network meeting for the A children")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.evidence_submit(evidence=evidence, user=cast.social_worker)
        assert mail.outbox == []  # nothing before the commit

    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["tess.manager@northshire.example", "tom.second@northshire.example"]
    assert message.subject == "Sam Patel has submitted evidence for review: Family network meeting for the A children"
    assert f"/my-progression/evidence/{evidence.pk}/" in message.body
    assert "submitted a piece of evidence" in message.body
    html, _ = message.alternatives[0]
    assert f"/my-progression/evidence/{evidence.pk}/" in html


def test_it_tells_the_reviewers_again_on_resubmit(cast, django_capture_on_commit_callbacks) -> None:  # noqa: ANN001
    framework = make_framework(cast)
    evidence = make_evidence(cast, framework, "returned")

    with django_capture_on_commit_callbacks(execute=True):
        services.evidence_resubmit(evidence=evidence, user=cast.social_worker)

    assert [m.to for m in mail.outbox] == [["tess.manager@northshire.example"]]
    assert "resubmitted" in mail.outbox[0].body


def test_it_tells_the_worker_when_accepted(cast, django_capture_on_commit_callbacks) -> None:  # noqa: ANN001
    framework = make_framework(cast)
    evidence = make_evidence(cast, framework, "submitted", title="Chronology for the B family")

    with django_capture_on_commit_callbacks(execute=True):
        services.evidence_accept(evidence=evidence, comment="Clear & well evidenced.", user=cast.team_manager)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [cast.sam.email or cast.social_worker.email]
    assert message.subject == "Your evidence has been accepted: Chronology for the B family"
    assert "Tess Manager has accepted your evidence" in message.body
    assert "Clear & well evidenced." in message.body  # plain text is not HTML-escaped


def test_it_tells_the_worker_when_returned_with_the_comment(
    cast,
    django_capture_on_commit_callbacks,  # noqa: ANN001
) -> None:
    framework = make_framework(cast)
    cast.sam.email = ""
    cast.sam.save()
    evidence = make_evidence(cast, framework, "submitted")

    with django_capture_on_commit_callbacks(execute=True):
        services.evidence_return(evidence=evidence, comment="Say what the children said.", user=cast.team_manager)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [cast.social_worker.email]  # the login's address when the record has none
    assert message.subject.startswith("Your evidence has been returned with comments")
    assert "Say what the children said." in message.body
    assert "Say what the children said." in message.alternatives[0][0]


def test_it_sends_nothing_when_a_transition_is_refused(cast, django_capture_on_commit_callbacks) -> None:  # noqa: ANN001
    framework = make_framework(cast)
    evidence = make_evidence(cast, framework, "submitted")

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(ValidationError):
        services.evidence_return(evidence=evidence, comment="", user=cast.team_manager)

    assert callbacks == []
    assert mail.outbox == []
