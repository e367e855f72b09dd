"""Who may see, change and review a piece of evidence, its files, and a worker's progress (spec section 1).

- The worker sees their own evidence and changes it while it is a draft or returned.
- Team managers see the evidence of the people with an assignment in their teams, and review (accept / return)
  that of the people in their teams today; service managers and administrators read it, never review it.
- Workforce officers may know the evidence exists (counts and status on the team view), never read it: 403.
- Panel members see evidence only through the applications sent to their panel (not here): 404, as does anyone
  outside the worker's authority.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from careers.access import can_read_evidence_content, career_workers_for_user, is_own, is_reviewer_of
from careers.models import Evidence, EvidenceAttachment, EvidenceTransition
from careers.selectors.evidence import evidence_with_details
from careers.services.evidence import EDITABLE, STEPS
from workforce.access import get_scope
from workforce.models import Worker
from workforce.selectors import today

NOT_FOUND = "No such evidence."
CONTENT_FORBIDDEN = "Your role shows the number and status of evidence, not what it says."
READ_ONLY = "You may read this evidence but not change it."
NOT_THE_WORKER = "Only the worker whose evidence this is may do that."
NOT_THE_REVIEWER = "Only a team manager of the worker's current team may review this evidence."


def _readable(user: Any, worker: Worker) -> bool:
    """Within the user's authority: raise 403 for a workforce officer (counts only), say whether content is visible."""
    if can_read_evidence_content(user, worker):
        return True
    scope = get_scope(user)
    if scope.is_hr and career_workers_for_user(user).filter(pk=worker.pk).exists():
        raise PermissionDenied(CONTENT_FORBIDDEN)
    return False


def get_evidence_for_user(user: Any, pk: int) -> tuple[Evidence, bool]:
    """The evidence (with its items, CPD records, files and timeline) and whether the user may change it.

    404 outside the user's scope; 403 for a workforce officer, who may not read evidence.
    """
    scope = get_scope(user)
    if scope.authority is None:
        raise Http404(NOT_FOUND)
    evidence = evidence_with_details(Evidence.objects.filter(pk=pk, worker__authority=scope.authority)).first()
    if evidence is None or not _readable(user, evidence.worker):
        raise Http404(NOT_FOUND)
    return evidence, is_own(user, evidence.worker) and evidence.status in EDITABLE


def get_editable_evidence_for_user(user: Any, pk: int) -> Evidence:
    """The evidence, for its worker to change: 403 when it is read-only to the user (or no longer a draft)."""
    evidence, can_edit = get_evidence_for_user(user, pk)
    if not can_edit:
        raise PermissionDenied(READ_ONLY)
    return evidence


def can_review(user: Any, evidence: Evidence) -> bool:
    """The user may accept or return this evidence now."""
    return evidence.status == Evidence.Status.SUBMITTED and is_reviewer_of(user, evidence.worker, today())


def get_evidence_for_transition(user: Any, pk: int, action: str) -> Evidence:
    """The evidence, for a workflow step: 404 outside scope (or an unknown step); 403 when the step is not the user's.

    Whether the step is allowed from the evidence's state is the service's to say (a message, not an error page).
    """
    if action not in STEPS:
        raise Http404("No such step.")
    evidence, _ = get_evidence_for_user(user, pk)
    if STEPS[action].by_worker:
        if not is_own(user, evidence.worker):
            raise PermissionDenied(NOT_THE_WORKER)
    elif not is_reviewer_of(user, evidence.worker, today()):
        raise PermissionDenied(NOT_THE_REVIEWER)
    return evidence


def get_evidence_attachment_for_user(user: Any, pk: int) -> tuple[EvidenceAttachment, bool]:
    """A file attached to evidence, with the same rules as the evidence; and whether the user may remove it."""
    scope = get_scope(user)
    if scope.authority is None:
        raise Http404("No such file.")
    attachment = (
        EvidenceAttachment.objects.filter(pk=pk, evidence__worker__authority=scope.authority)
        .select_related("evidence", "evidence__worker")
        .first()
    )
    if attachment is None or not _readable(user, attachment.evidence.worker):
        raise Http404("No such file.")
    evidence = attachment.evidence
    return attachment, is_own(user, evidence.worker) and evidence.status in EDITABLE


def get_progress_worker_for_user(user: Any, pk: int) -> tuple[Worker, bool]:
    """A worker whose progress the user may see, and whether they may read the evidence itself (titles, links).

    Managers, administrators and the worker see everything; workforce officers the grid, criteria and counts;
    anyone else 404.
    """
    scope = get_scope(user)
    worker = career_workers_for_user(user).select_related("authority").filter(pk=pk).first()
    if worker is None or not (scope.sees_teams or is_own(user, worker)):
        raise Http404("No such worker.")
    return worker, can_read_evidence_content(user, worker)


WORKER_ACTIONS = tuple(a for a, step in STEPS.items() if step.by_worker)
REVIEW_ACTIONS = (EvidenceTransition.Action.ACCEPT, EvidenceTransition.Action.RETURN)
