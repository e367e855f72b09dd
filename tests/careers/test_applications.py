"""Progression applications (careers.services.applications): every allowed and refused transition, and the e-mails."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from careers.models import Evidence, ProgressionApplication, WorkerLevel
from careers.selectors.progress import progress_for
from careers.services import applications as services
from careers.services.applications import application_decide, application_submit, application_withdraw
from tests.careers.factories import EvidenceFactory, PanelFactory, WorkerLevelFactory
from tests.careers.factories_applications import TODAY, application_for, ladder_for, ready_to_apply
from tests.workforce.factories import UserFactory

pytestmark = pytest.mark.django_db


def _messages(exc: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return exc.value.messages


def _submit(cast, ladder, user=None, **kwargs):  # noqa: ANN001, ANN202
    return application_submit(
        worker=kwargs.pop("worker", cast.sam),
        panel=kwargs.pop("panel", ladder.panel),
        statement=kwargs.pop("statement", "  I am ready.  "),
        user=user or cast.social_worker,
        today=kwargs.pop("today", TODAY),
    )


# -- submitting ------------------------------------------------------------------------------------------------
def test_the_worker_applies_with_all_their_accepted_evidence(cast) -> None:  # noqa: ANN001
    ladder = ready_to_apply(cast)
    draft = EvidenceFactory(worker=cast.sam, framework_version=ladder.version, status=Evidence.Status.DRAFT)
    waiting = EvidenceFactory(worker=cast.sam, framework_version=ladder.version, status=Evidence.Status.SUBMITTED)

    application = _submit(cast, ladder)

    assert application.status == ProgressionApplication.Status.SUBMITTED
    assert application.current_level == ladder.current
    assert application.level_sought == ladder.next
    assert application.statement == "I am ready."
    assert application.applied_by == cast.social_worker
    assert application.applied_at is not None
    portfolio = set(application.evidence.all())
    assert len(portfolio) == 2
    assert draft not in portfolio
    assert waiting not in portfolio
    assert all(e.status == Evidence.Status.ACCEPTED for e in portfolio)


def test_it_emails_each_member_of_the_panel(cast) -> None:  # noqa: ANN001
    ladder = ready_to_apply(cast)
    second = UserFactory(email="second.member@northshire.example")
    ladder.panel.members.add(second)

    application = _submit(cast, ladder)

    assert sorted(m.to[0] for m in mail.outbox) == [cast.panel_member.email, second.email]
    message = mail.outbox[0]
    assert "Sam Patel" in message.subject
    assert "Experienced Social Worker" in message.subject
    assert f"/panels/applications/{application.pk}/" in message.body
    assert "2 accepted pieces" in message.body


def test_the_team_manager_applies_on_behalf_of_a_worker_in_their_team(cast) -> None:  # noqa: ANN001
    ladder = ready_to_apply(cast)

    application = _submit(cast, ladder, user=cast.team_manager)

    assert application.applied_by == cast.team_manager
    assert "on their behalf" in mail.outbox[0].body


@pytest.mark.parametrize("role", ["service_manager", "workforce_officer", "administrator", "panel_member"])
def test_it_refuses_an_application_from_anyone_but_the_worker_and_their_team_manager(cast, role) -> None:  # noqa: ANN001
    ladder = ready_to_apply(cast)

    with pytest.raises(ValidationError) as exc:
        _submit(cast, ladder, user=getattr(cast, role))

    assert _messages(exc) == [services.NOT_ALLOWED_TO_APPLY]


def test_it_refuses_a_worker_applying_for_a_colleague(cast) -> None:  # noqa: ANN001
    ladder = ready_to_apply(cast)

    with pytest.raises(ValidationError) as exc:
        _submit(cast, ladder, worker=cast.colleague)

    assert _messages(exc) == [services.NOT_ALLOWED_TO_APPLY]


def test_it_refuses_when_the_criteria_are_not_met(cast) -> None:  # noqa: ANN001
    ladder = ladder_for(cast.authority, members=[cast.panel_member])
    WorkerLevelFactory(worker=cast.sam, level=ladder.current, effective_from=dt.date(2024, 4, 1))

    with pytest.raises(ValidationError) as exc:
        _submit(cast, ladder)

    assert _messages(exc) == [services.CRITERIA_NOT_MET]
    assert not ProgressionApplication.objects.exists()
    assert mail.outbox == []


def test_it_refuses_at_the_top_of_the_ladder(cast) -> None:  # noqa: ANN001
    ladder = ready_to_apply(cast)
    WorkerLevelFactory(worker=cast.sam, level=ladder.next, effective_from=dt.date(2025, 4, 1))

    with pytest.raises(ValidationError) as exc:
        _submit(cast, ladder)

    assert _messages(exc) == [services.NO_NEXT_LEVEL]


def test_it_refuses_a_second_application_while_one_is_open(cast) -> None:  # noqa: ANN001
    ladder = ready_to_apply(cast)
    _submit(cast, ladder)

    with pytest.raises(ValidationError) as exc:
        _submit(cast, ladder, user=cast.team_manager)

    assert _messages(exc) == [services.OPEN_APPLICATION]


def test_it_allows_a_new_application_after_a_deferral(cast) -> None:  # noqa: ANN001
    ladder = ready_to_apply(cast)
    first = _submit(cast, ladder)
    application_decide(
        application=first, decision="deferred", reasons="More evidence of wishes.", user=cast.panel_member
    )

    second = _submit(cast, ladder)

    assert second.pk != first.pk


def test_it_refuses_a_panel_of_another_authority(cast) -> None:  # noqa: ANN001
    ladder = ready_to_apply(cast)
    elsewhere = PanelFactory(authority=cast.other_authority, name="Southshire panel")

    with pytest.raises(ValidationError) as exc:
        _submit(cast, ladder, panel=elsewhere)

    assert exc.value.message_dict == {"panel": [services.PANEL_OTHER_AUTHORITY]}


def test_it_refuses_a_panel_that_no_longer_sits(cast) -> None:  # noqa: ANN001
    ladder = ready_to_apply(cast)
    ladder.panel.disabled_on = TODAY
    ladder.panel.save()

    with pytest.raises(ValidationError) as exc:
        _submit(cast, ladder)

    assert exc.value.message_dict == {"panel": [services.PANEL_DISABLED]}


# -- deciding --------------------------------------------------------------------------------------------------
def test_an_approval_changes_the_level_from_the_date(cast) -> None:  # noqa: ANN001
    application = application_for(cast)
    mail.outbox.clear()
    new_from = dt.date(2026, 12, 1)

    decided = application_decide(
        application=application, decision="approved", approved_from=new_from, user=cast.panel_member
    )

    assert decided.status == ProgressionApplication.Status.APPROVED
    assert decided.decided_by == cast.panel_member
    assert decided.decided_at is not None
    assert decided.approved_from == new_from
    record = WorkerLevel.objects.get(application=decided)
    assert (record.worker, record.level, record.effective_from) == (cast.sam, decided.level_sought, new_from)
    assert WorkerLevel.objects.filter(worker=cast.sam).count() == 2  # the earlier level is kept
    assert progress_for(worker=cast.sam, today=new_from - dt.timedelta(days=1)).current.level == decided.current_level
    assert progress_for(worker=cast.sam, today=new_from).current.level == decided.level_sought


def test_it_emails_the_worker_the_approval(cast) -> None:  # noqa: ANN001
    application = application_for(cast)

    application_decide(
        application=application, decision="approved", approved_from=dt.date(2026, 12, 1), user=cast.panel_member
    )

    assert [m.to for m in mail.outbox] == [[cast.social_worker.email]]
    assert "approved" in mail.outbox[0].subject
    assert "from 1 December 2026" in mail.outbox[0].body
    assert f"/progression/applications/{application.pk}/" in mail.outbox[0].body


def test_it_defers_with_reasons_and_emails_them_to_the_worker_and_the_manager_who_applied(cast) -> None:  # noqa: ANN001
    application = application_for(cast)
    application.applied_by = cast.team_manager
    application.save()

    decided = application_decide(
        application=application,
        decision="deferred",
        reasons="  Evidence of wishes and feelings, please. ",
        user=cast.panel_member,
    )

    assert decided.status == ProgressionApplication.Status.DEFERRED
    assert decided.decision_reasons == "Evidence of wishes and feelings, please."
    assert decided.approved_from is None
    assert not WorkerLevel.objects.filter(application=decided).exists()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([cast.social_worker.email, cast.team_manager.email])
    assert "Evidence of wishes and feelings, please." in mail.outbox[0].body


def test_it_refuses_an_approval_without_a_date(cast) -> None:  # noqa: ANN001
    application = application_for(cast)

    with pytest.raises(ValidationError) as exc:
        application_decide(application=application, decision="approved", user=cast.panel_member)

    assert exc.value.message_dict == {"approved_from": [services.APPROVED_FROM_REQUIRED]}


def test_it_refuses_a_deferral_without_reasons(cast) -> None:  # noqa: ANN001
    application = application_for(cast)

    with pytest.raises(ValidationError) as exc:
        application_decide(application=application, decision="deferred", reasons="   ", user=cast.panel_member)

    assert exc.value.message_dict == {"reasons": [services.REASONS_REQUIRED]}


def test_it_refuses_an_unknown_decision(cast) -> None:  # noqa: ANN001
    application = application_for(cast)

    with pytest.raises(ValidationError) as exc:
        application_decide(application=application, decision="withdrawn", user=cast.panel_member)

    assert exc.value.message_dict == {"decision": [services.UNKNOWN_DECISION]}


def test_it_never_overwrites_a_level_record_on_the_same_date(cast) -> None:  # noqa: ANN001
    application = application_for(cast)

    with pytest.raises(ValidationError) as exc:
        application_decide(
            application=application, decision="approved", approved_from=dt.date(2024, 4, 1), user=cast.panel_member
        )

    assert exc.value.message_dict == {"approved_from": [services.LEVEL_ON_THAT_DATE]}
    application.refresh_from_db()
    assert application.status == ProgressionApplication.Status.SUBMITTED


def test_it_refuses_a_date_before_a_later_level_record(cast) -> None:  # noqa: ANN001
    application = application_for(cast)

    with pytest.raises(ValidationError) as exc:
        application_decide(
            application=application, decision="approved", approved_from=dt.date(2024, 1, 1), user=cast.panel_member
        )

    assert exc.value.message_dict == {"approved_from": [services.LEVEL_AFTER_THAT_DATE]}


def test_it_refuses_deciding_twice(cast) -> None:  # noqa: ANN001
    application = application_for(cast)
    application_decide(application=application, decision="deferred", reasons="Not yet.", user=cast.panel_member)

    with pytest.raises(ValidationError) as exc:
        application_decide(
            application=application, decision="approved", approved_from=dt.date(2026, 12, 1), user=cast.panel_member
        )

    assert _messages(exc) == [services.NOT_WITH_THE_PANEL]


@pytest.mark.parametrize("role", ["administrator", "team_manager", "social_worker", "workforce_officer"])
def test_it_refuses_a_decision_from_someone_not_on_the_panel(cast, role) -> None:  # noqa: ANN001
    application = application_for(cast)

    with pytest.raises(ValidationError) as exc:
        application_decide(application=application, decision="deferred", reasons="No.", user=getattr(cast, role))

    assert _messages(exc) == [services.NOT_A_PANEL_MEMBER]


def test_it_refuses_a_member_of_another_panel(cast) -> None:  # noqa: ANN001
    application = application_for(cast, members=[])
    PanelFactory(authority=cast.authority, name="Another panel", members=[cast.panel_member])

    with pytest.raises(ValidationError) as exc:
        application_decide(application=application, decision="deferred", reasons="No.", user=cast.panel_member)

    assert _messages(exc) == [services.NOT_A_PANEL_MEMBER]


def test_a_panel_member_cannot_decide_their_own_application(cast) -> None:  # noqa: ANN001
    application = application_for(cast, members=[cast.panel_member, cast.social_worker])

    with pytest.raises(ValidationError) as exc:
        application_decide(application=application, decision="deferred", reasons="No.", user=cast.social_worker)

    assert _messages(exc) == [services.OWN_APPLICATION]


# -- withdrawing -----------------------------------------------------------------------------------------------
def test_the_worker_withdraws_their_application(cast) -> None:  # noqa: ANN001
    application = application_for(cast)

    withdrawn = application_withdraw(application=application, user=cast.social_worker)

    assert withdrawn.status == ProgressionApplication.Status.WITHDRAWN
    with pytest.raises(ValidationError) as exc:
        application_decide(application=withdrawn, decision="deferred", reasons="No.", user=cast.panel_member)
    assert _messages(exc) == [services.NOT_WITH_THE_PANEL]


@pytest.mark.parametrize("role", ["team_manager", "panel_member", "administrator"])
def test_only_the_worker_withdraws(cast, role) -> None:  # noqa: ANN001
    application = application_for(cast)

    with pytest.raises(ValidationError) as exc:
        application_withdraw(application=application, user=getattr(cast, role))

    assert _messages(exc) == [services.ONLY_THE_WORKER_WITHDRAWS]


def test_it_refuses_withdrawing_a_decided_application(cast) -> None:  # noqa: ANN001
    application = application_for(cast)
    application_decide(
        application=application, decision="approved", approved_from=dt.date(2026, 12, 1), user=cast.panel_member
    )

    with pytest.raises(ValidationError) as exc:
        application_withdraw(application=application, user=cast.social_worker)

    assert _messages(exc) == [services.NOT_WITH_THE_PANEL]
