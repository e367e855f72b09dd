"""Progression applications (spec section 2, careers): a worker (or their team manager) sends the worker's accepted
evidence to a panel once it meets the criteria of the next level; a member of that panel approves it from a date
(which starts a new level record, history kept) or defers it with reasons; the worker may withdraw it meanwhile.

Every refusal is a ``ValidationError`` with one of the messages below. The e-mails go to the panel's members when an
application arrives, and to the worker (and the manager who applied for them) when it is decided.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from careers.access import is_own, is_reviewer_of
from careers.models import Evidence, Panel, ProgressionApplication, WorkerLevel
from careers.selectors.progress import progress_for
from core.emails import send_templated_email
from workforce.models import Worker

NOT_ALLOWED_TO_APPLY = "Only the worker or the manager of their team can apply for them."
PANEL_OTHER_AUTHORITY = "Choose a panel of the worker's own authority."
PANEL_DISABLED = "This panel no longer sits: choose another panel."
NO_NEXT_LEVEL = "There is no level above the worker's current level to apply for."
CRITERIA_NOT_MET = "The evidence does not yet meet the criteria of the next level."
OPEN_APPLICATION = "There is already an application with a panel: wait for its decision or withdraw it first."
NOT_WITH_THE_PANEL = "This application is no longer with the panel: it has already been decided or withdrawn."
NOT_A_PANEL_MEMBER = "Only a member of the panel the application was sent to can decide it."
OWN_APPLICATION = "You cannot decide your own application."
UNKNOWN_DECISION = "Choose whether to approve or defer the application."
APPROVED_FROM_REQUIRED = "Enter the date the new level starts from."
REASONS_REQUIRED = "Enter the reasons for deferring the application."
LEVEL_ON_THAT_DATE = "The worker already has a level record starting on that date: choose another date."
LEVEL_AFTER_THAT_DATE = "The worker has a level record starting on or after that date: choose a later date."
ONLY_THE_WORKER_WITHDRAWS = "Only the worker can withdraw their application."

APPROVED = ProgressionApplication.Status.APPROVED
DEFERRED = ProgressionApplication.Status.DEFERRED


def _worker_email(worker: Worker) -> str:
    if worker.user_id and worker.user.email:
        return worker.user.email
    return worker.email or ""


@transaction.atomic
def application_submit(
    *, worker: Worker, panel: Panel, statement: str, user: Any, today: dt.date
) -> ProgressionApplication:
    """Send the worker's accepted evidence to the panel for the next level; e-mail the panel's members."""
    if not (is_own(user, worker) or is_reviewer_of(user, worker, today)):
        raise ValidationError(NOT_ALLOWED_TO_APPLY)
    if panel.authority_id != worker.authority_id:
        raise ValidationError({"panel": PANEL_OTHER_AUTHORITY})
    if panel.disabled_on is not None and panel.disabled_on <= today:
        raise ValidationError({"panel": PANEL_DISABLED})
    # Locking the worker row makes two applications sent at the same moment wait for each other.
    Worker.objects.select_for_update().filter(pk=worker.pk).first()
    if ProgressionApplication.objects.filter(worker=worker, status=ProgressionApplication.Status.SUBMITTED).exists():
        raise ValidationError(OPEN_APPLICATION)
    progress = progress_for(worker=worker, today=today)
    if progress.level is None:
        raise ValidationError(NO_NEXT_LEVEL)
    if not progress.criteria_met:
        raise ValidationError(CRITERIA_NOT_MET)
    application = ProgressionApplication(
        worker=worker,
        current_level=progress.current.level if progress.current else None,
        level_sought=progress.level,
        panel=panel,
        statement=(statement or "").strip(),
        applied_by=user,
        applied_at=timezone.now(),
        created_by=user,
        updated_by=user,
    )
    application.full_clean()
    application.save()
    application.evidence.set(Evidence.objects.filter(worker=worker, status=Evidence.Status.ACCEPTED))
    link = reverse("careers:panel_application", args=[application.pk])
    for member in panel.members.filter(is_active=True).order_by("email"):
        send_templated_email(
            to=[member.email],
            template="careers/application_submitted",
            context={"application": application, "member": member, "link": link},
        )
    return application


@transaction.atomic
def application_decide(
    *,
    application: ProgressionApplication,
    decision: str,
    approved_from: dt.date | None = None,
    reasons: str = "",
    user: Any,
) -> ProgressionApplication:
    """A panel member approves the application from a date (a new level record) or defers it with reasons."""
    application = (
        ProgressionApplication.objects.select_for_update(of=("self",))
        .select_related("worker", "worker__user", "level_sought", "panel", "applied_by")
        .get(pk=application.pk)
    )
    if application.status != ProgressionApplication.Status.SUBMITTED:
        raise ValidationError(NOT_WITH_THE_PANEL)
    if not application.panel.members.filter(pk=user.pk).exists():
        raise ValidationError(NOT_A_PANEL_MEMBER)
    if is_own(user, application.worker):
        raise ValidationError(OWN_APPLICATION)
    reasons = (reasons or "").strip()
    if decision == APPROVED:
        if approved_from is None:
            raise ValidationError({"approved_from": APPROVED_FROM_REQUIRED})
        latest = (
            WorkerLevel.objects.filter(worker=application.worker, effective_from__gte=approved_from)
            .order_by("effective_from")
            .first()
        )
        if latest is not None:
            message = LEVEL_ON_THAT_DATE if latest.effective_from == approved_from else LEVEL_AFTER_THAT_DATE
            raise ValidationError({"approved_from": message})
        application.approved_from = approved_from
    elif decision == DEFERRED:
        if not reasons:
            raise ValidationError({"reasons": REASONS_REQUIRED})
        application.approved_from = None
    else:
        raise ValidationError({"decision": UNKNOWN_DECISION})
    application.status = decision
    application.decision_reasons = reasons
    application.decided_by = user
    application.decided_at = timezone.now()
    application.updated_by = user
    application.full_clean()
    application.save()
    if decision == APPROVED:
        level = WorkerLevel(
            worker=application.worker,
            level=application.level_sought,
            effective_from=approved_from,
            application=application,
            note=f"Approved by {application.panel.name}"[:255],
            created_by=user,
            updated_by=user,
        )
        level.full_clean()
        level.save()
    recipients = [_worker_email(application.worker)]
    if application.applied_by_id != application.worker.user_id and application.applied_by.email:
        recipients.append(application.applied_by.email)
    link = reverse("careers:application_detail", args=[application.pk])
    for address in dict.fromkeys(a for a in recipients if a):
        send_templated_email(
            to=[address],
            template="careers/application_decided",
            context={"application": application, "link": link},
        )
    return application


@transaction.atomic
def application_withdraw(*, application: ProgressionApplication, user: Any) -> ProgressionApplication:
    """The worker takes their application back while it is with the panel."""
    application = (
        ProgressionApplication.objects.select_for_update(of=("self",)).select_related("worker").get(pk=application.pk)
    )
    if not is_own(user, application.worker):
        raise ValidationError(ONLY_THE_WORKER_WITHDRAWS)
    if application.status != ProgressionApplication.Status.SUBMITTED:
        raise ValidationError(NOT_WITH_THE_PANEL)
    application.status = ProgressionApplication.Status.WITHDRAWN
    application.updated_by = user
    application.full_clean()
    application.save()
    return application
