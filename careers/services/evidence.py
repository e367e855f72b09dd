"""Writing evidence and moving it through its workflow (spec section 2, careers).

The state machine::

    draft ──submit (worker)──▶ submitted ──accept (reviewer)──▶ accepted  (final)
                                 │    ▲
              return (reviewer,  │    │ resubmit (worker)
              comment required)  ▼    │
                                returned

The worker writes and changes their evidence only while it is a draft or returned; the reviewer is a team manager
of the team the worker is in today, never the worker themself. Every transition writes an EvidenceTransition (who,
when, what they said) and e-mails the other side after the transaction commits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from careers.models import Evidence, EvidenceAttachment, EvidenceTransition, FrameworkItem, FrameworkVersion
from careers.selectors.evidence import (
    LINKABLE_KINDS,
    MAPPING_KINDS,
    current_framework_version,
    reviewers_for,
    worker_email,
)
from core.attachments import save_attachment
from core.concurrency import check_version
from core.emails import send_templated_email
from cpd.access import is_own, is_team_manager_of
from cpd.models import CpdRecord
from workforce.models import Worker
from workforce.selectors import today

ERROR_NOT_OWNER = "Only the worker whose evidence this is may write, change or submit it."
ERROR_NO_FRAMEWORK = "Your authority has not chosen a practice framework yet: ask an administrator."
ERROR_NOT_EDITABLE = "Evidence can only be changed while it is a draft or has been returned with comments."
ERROR_ITEM_VERSION = "Choose principles and outcomes of the framework this evidence is written against."
ERROR_CPD_NOT_OWN = "Choose only your own CPD records."
ERROR_TITLE = "Enter a title"
ERROR_TEXT = "Enter {label}"
ERROR_PRINCIPLE = "Choose at least one principle"
ERROR_OUTCOME = "Choose at least one outcome"
ERROR_UNKNOWN_ACTION = "There is no such step in the evidence workflow."
ERROR_ACCEPTED_FINAL = "This evidence has been accepted: it cannot be changed or reviewed again."
ERROR_WRONG_STATE = "This evidence cannot be {action} while it is {status}."
ERROR_OWN_EVIDENCE = "You cannot review your own evidence."
ERROR_NOT_REVIEWER = "Only a team manager of the worker's current team may review this evidence."
ERROR_COMMENT_REQUIRED = "Enter a comment saying what needs to change"
ERROR_ATTACHMENT_OTHER = "That file is not attached to this evidence."

EDITABLE = frozenset({Evidence.Status.DRAFT, Evidence.Status.RETURNED})
TEXT_FIELDS = ("what_happened", "what_i_did", "impact")


@dataclass(frozen=True)
class Step:
    """One allowed transition: from which states, to which, by whom, and what it is called in messages."""

    from_statuses: frozenset[str]
    to_status: str
    by_worker: bool  # the worker (True) or their reviewer (False)
    verb: str


STEPS: dict[str, Step] = {
    EvidenceTransition.Action.SUBMIT: Step(
        frozenset({Evidence.Status.DRAFT}), Evidence.Status.SUBMITTED, by_worker=True, verb="submitted"
    ),
    EvidenceTransition.Action.RESUBMIT: Step(
        frozenset({Evidence.Status.RETURNED}), Evidence.Status.SUBMITTED, by_worker=True, verb="resubmitted"
    ),
    EvidenceTransition.Action.ACCEPT: Step(
        frozenset({Evidence.Status.SUBMITTED}), Evidence.Status.ACCEPTED, by_worker=False, verb="accepted"
    ),
    EvidenceTransition.Action.RETURN: Step(
        frozenset({Evidence.Status.SUBMITTED}), Evidence.Status.RETURNED, by_worker=False, verb="returned"
    ),
}


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------
def _clean_items(evidence: Evidence, items: Iterable[FrameworkItem]) -> list[FrameworkItem]:
    """Principles and outcomes of the evidence's own version; optionally PCF domains and PQS standards (shipped)."""
    items = list(items)
    for item in items:
        if item.kind in MAPPING_KINDS:
            if item.version.authority_id is not None or item.version.family == FrameworkVersion.Family.PRACTICE:
                raise ValidationError({"items": ERROR_ITEM_VERSION})
        elif item.version_id != evidence.framework_version_id or item.kind not in LINKABLE_KINDS:
            raise ValidationError({"items": ERROR_ITEM_VERSION})
    return items


def _clean_cpd_records(worker: Worker, records: Iterable[CpdRecord]) -> list[CpdRecord]:
    records = list(records)
    if any(r.worker_id != worker.pk for r in records):
        raise ValidationError({"cpd_records": ERROR_CPD_NOT_OWN})
    return records


@transaction.atomic
def evidence_create(
    *,
    worker: Worker,
    title: str,
    practice_date: dt.date | None = None,
    what_happened: str = "",
    what_i_did: str = "",
    impact: str = "",
    items: Iterable[FrameworkItem] = (),
    cpd_records: Iterable[CpdRecord] = (),
    user: Any,
) -> Evidence:
    """A draft written by the worker, against the framework version their authority uses now (for good)."""
    if not is_own(user, worker):
        raise ValidationError(ERROR_NOT_OWNER)
    version = current_framework_version(worker)
    if version is None:
        raise ValidationError(ERROR_NO_FRAMEWORK)
    evidence = Evidence(
        worker=worker,
        framework_version=version,
        title=title.strip(),
        practice_date=practice_date,
        what_happened=what_happened.strip(),
        what_i_did=what_i_did.strip(),
        impact=impact.strip(),
        status=Evidence.Status.DRAFT,
        created_by=user,
        updated_by=user,
    )
    linked_items = _clean_items(evidence, items)
    linked_records = _clean_cpd_records(worker, cpd_records)
    evidence.full_clean()
    evidence.save()
    evidence.items.set(linked_items)
    evidence.cpd_records.set(linked_records)
    return evidence


def _check_editable(evidence: Evidence, user: Any) -> None:
    if not is_own(user, evidence.worker):
        raise ValidationError(ERROR_NOT_OWNER)
    if evidence.status not in EDITABLE:
        raise ValidationError(ERROR_NOT_EDITABLE)


@transaction.atomic
def evidence_update(
    *,
    evidence: Evidence,
    title: str,
    practice_date: dt.date | None = None,
    what_happened: str = "",
    what_i_did: str = "",
    impact: str = "",
    items: Iterable[FrameworkItem] = (),
    cpd_records: Iterable[CpdRecord] = (),
    user: Any,
    expected_version: str | None = None,
) -> Evidence:
    """The worker changes a draft or returned piece; its framework version never changes. Refused when it changed
    since `expected_version` (optimistic locking)."""
    evidence = Evidence.objects.select_for_update(of=("self",)).select_related("worker").get(pk=evidence.pk)
    check_version(evidence, expected_version)
    _check_editable(evidence, user)
    evidence.title = title.strip()
    evidence.practice_date = practice_date
    evidence.what_happened = what_happened.strip()
    evidence.what_i_did = what_i_did.strip()
    evidence.impact = impact.strip()
    evidence.updated_by = user
    linked_items = _clean_items(evidence, items)
    linked_records = _clean_cpd_records(evidence.worker, cpd_records)
    evidence.full_clean()
    evidence.save()
    evidence.items.set(linked_items)
    evidence.cpd_records.set(linked_records)
    return evidence


def evidence_missing(evidence: Evidence) -> dict[str, str]:
    """What a piece still needs before it may be submitted: field name → message (empty when complete)."""
    missing: dict[str, str] = {}
    if not evidence.title.strip():
        missing["title"] = ERROR_TITLE
    for name in TEXT_FIELDS:
        if not getattr(evidence, name).strip():
            label = Evidence._meta.get_field(name).verbose_name
            missing[name] = ERROR_TEXT.format(label=label)
    kinds = {i.kind for i in evidence.items.all()}
    if FrameworkItem.Kind.PRINCIPLE not in kinds:
        missing["principles"] = ERROR_PRINCIPLE
    if FrameworkItem.Kind.OUTCOME not in kinds:
        missing["outcomes"] = ERROR_OUTCOME
    return missing


# ---------------------------------------------------------------------------
# The workflow
# ---------------------------------------------------------------------------
def _check_step(evidence: Evidence, action: str, user: Any, comment: str, on: dt.date) -> Step:
    """The step, after every refusal the workflow has (in the order a user would want to hear them)."""
    step = STEPS.get(action)  # type: ignore[call-overload]
    if step is None:
        raise ValidationError(ERROR_UNKNOWN_ACTION)
    if evidence.status == Evidence.Status.ACCEPTED:
        raise ValidationError(ERROR_ACCEPTED_FINAL)
    if evidence.status not in step.from_statuses:
        status = Evidence.Status(evidence.status).label.lower()
        raise ValidationError(ERROR_WRONG_STATE.format(action=step.verb, status=status))
    if step.by_worker:
        if not is_own(user, evidence.worker):
            raise ValidationError(ERROR_NOT_OWNER)
        missing = evidence_missing(evidence)
        if missing:
            raise ValidationError(missing)
    else:
        if is_own(user, evidence.worker):
            raise ValidationError(ERROR_OWN_EVIDENCE)
        if not is_team_manager_of(user, evidence.worker, on):
            raise ValidationError(ERROR_NOT_REVIEWER)
        if action == EvidenceTransition.Action.RETURN and not comment:
            raise ValidationError({"comment": ERROR_COMMENT_REQUIRED})
    return step


@transaction.atomic
def evidence_transition(*, evidence: Evidence, action: str, comment: str = "", user: Any) -> Evidence:
    """Move the evidence one step (submit, resubmit, accept, return), record it, and e-mail after commit."""
    evidence = (
        Evidence.objects.select_for_update(of=("self",)).select_related("worker", "worker__user").get(pk=evidence.pk)
    )
    comment = (comment or "").strip()
    on = today()
    step = _check_step(evidence, action, user, comment, on)
    now = timezone.now()
    from_status = evidence.status
    evidence.status = step.to_status
    if step.by_worker:
        evidence.submitted_at = now
    else:
        evidence.decided_at = now
    evidence.updated_by = user
    evidence.full_clean()
    evidence.save()
    transition = EvidenceTransition(
        evidence=evidence, action=action, from_status=from_status, to_status=step.to_status, by=user, at=now
    )
    transition.comment = comment
    transition.full_clean()
    transition.save()
    transaction.on_commit(lambda: _notify(evidence, transition, on))
    return evidence


def evidence_submit(*, evidence: Evidence, user: Any) -> Evidence:
    return evidence_transition(evidence=evidence, action=EvidenceTransition.Action.SUBMIT, user=user)


def evidence_resubmit(*, evidence: Evidence, user: Any) -> Evidence:
    return evidence_transition(evidence=evidence, action=EvidenceTransition.Action.RESUBMIT, user=user)


def evidence_accept(*, evidence: Evidence, comment: str = "", user: Any) -> Evidence:
    return evidence_transition(evidence=evidence, action=EvidenceTransition.Action.ACCEPT, comment=comment, user=user)


def evidence_return(*, evidence: Evidence, comment: str, user: Any) -> Evidence:
    return evidence_transition(evidence=evidence, action=EvidenceTransition.Action.RETURN, comment=comment, user=user)


def _notify(evidence: Evidence, transition: EvidenceTransition, on: dt.date) -> None:
    """Submitted or resubmitted: the reviewers hear of it; accepted or returned: the worker does."""
    context = {
        "evidence": evidence,
        "worker": evidence.worker,
        "transition": transition,
        "url": reverse("careers:evidence_detail", args=[evidence.pk]),
    }
    if transition.action in (EvidenceTransition.Action.SUBMIT, EvidenceTransition.Action.RESUBMIT):
        reviewers = reviewers_for(evidence.worker, on)
        send_templated_email(to=[u.email for u in reviewers], template="careers/evidence_submitted", context=context)
    elif transition.action == EvidenceTransition.Action.ACCEPT:
        send_templated_email(to=[worker_email(evidence.worker)], template="careers/evidence_accepted", context=context)
    else:
        send_templated_email(to=[worker_email(evidence.worker)], template="careers/evidence_returned", context=context)


# ---------------------------------------------------------------------------
# Attachments
# ---------------------------------------------------------------------------
def evidence_attachment_add(*, evidence: Evidence, uploaded: UploadedFile, user: Any) -> EvidenceAttachment:
    """Attach a checked file to a piece the worker may still change."""
    _check_editable(evidence, user)
    return save_attachment(EvidenceAttachment(evidence=evidence), uploaded, user=user)


def evidence_attachment_remove(*, attachment: EvidenceAttachment, user: Any) -> None:
    """Remove a file from a piece the worker may still change.

    The stored file stays on disk: the history keeps the row, so an administrator can still restore it.
    """
    _check_editable(attachment.evidence, user)
    attachment.delete()
