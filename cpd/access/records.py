"""Who may see and change CPD records, their attachments and a worker's CPD pages (spec section 1).

- Out of scope (another worker's record for a social worker, a worker outside a manager's teams, a panel member,
  another authority): 404, the record's existence is not revealed.
- A workforce officer has every worker of the authority in scope but may not read what they wrote: 403 on a
  record, its attachments and the year PDF; the worker's CPD page shows them counts and status only.
- Only the worker changes their own records, and only while the record's registration year is the current one
  or a later one: earlier years are closed (read-only, 403 to a change).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from cpd.access import can_edit_cpd, can_read_cpd_content, cpd_workers_for_user
from cpd.models import CpdAttachment, CpdRecord
from cpd.years import registration_year_for
from workforce import selectors as wf_selectors
from workforce.access import get_scope
from workforce.models import Worker

NO_CONTENT = "You may see the counts and status of this worker's CPD, not what they wrote."
READ_ONLY = "You may read this CPD record but not change it."
PAST_YEAR = "This record belongs to a registration year that has ended, so it can no longer be changed."
NO_OWN_RECORD = "Your account is not linked to a staff record, so you have no CPD record of your own here."


def is_year_open(year: int, on: dt.date | None = None) -> bool:
    """A registration year is open to changes while it is the current one or a later one."""
    return year >= registration_year_for(on or wf_selectors.today())


def _record_in_scope(user: Any, pk: int) -> CpdRecord:
    record = (
        CpdRecord.objects.filter(worker__in=cpd_workers_for_user(user), pk=pk)
        .select_related("worker", "worker__authority")
        .first()
    )
    if record is None:
        raise Http404("No such CPD record.")
    return record


def get_cpd_record_for_user(user: Any, pk: int) -> tuple[CpdRecord, bool]:
    """The record and whether the user may change it; 404 outside scope, 403 to HR (no content)."""
    record = _record_in_scope(user, pk)
    if not can_read_cpd_content(user, record.worker):
        raise PermissionDenied(NO_CONTENT)
    return record, can_edit_cpd(user, record.worker) and is_year_open(record.registration_year)


def get_editable_cpd_record_for_user(user: Any, pk: int) -> CpdRecord:
    """The record for its owner to change; 403 when the user may only read it or its year has ended."""
    record, can_edit = get_cpd_record_for_user(user, pk)
    if not can_edit:
        raise PermissionDenied(PAST_YEAR if can_edit_cpd(user, record.worker) else READ_ONLY)
    return record


def get_cpd_attachment_for_user(user: Any, record_pk: int, pk: int) -> tuple[CpdAttachment, bool]:
    """An attachment of a record the user may read, and whether they may remove it (same rules as the record)."""
    record, can_edit = get_cpd_record_for_user(user, record_pk)
    attachment = CpdAttachment.objects.filter(record=record, pk=pk).first()
    if attachment is None:
        raise Http404("No such attachment.")
    attachment.record = record
    return attachment, can_edit


def get_editable_cpd_attachment_for_user(user: Any, record_pk: int, pk: int) -> CpdAttachment:
    attachment, can_edit = get_cpd_attachment_for_user(user, record_pk, pk)
    if not can_edit:
        raise PermissionDenied(PAST_YEAR if can_edit_cpd(user, attachment.record.worker) else READ_ONLY)
    return attachment


def get_own_cpd_worker(user: Any) -> Worker:
    """The signed-in user's own worker record, for the "My CPD" pages; 403 when they have none."""
    own_pk = get_scope(user).own_worker_id
    worker = Worker.objects.filter(pk=own_pk).select_related("authority").first() if own_pk else None
    if worker is None:
        raise PermissionDenied(NO_OWN_RECORD)
    return worker


def get_cpd_worker_for_user(user: Any, pk: int) -> tuple[Worker, bool]:
    """A worker whose CPD page the user may open, and whether they may read its content (HR: counts only)."""
    worker = cpd_workers_for_user(user).select_related("authority").filter(pk=pk).first()
    if worker is None:
        raise Http404("No such worker.")
    return worker, can_read_cpd_content(user, worker)


def get_cpd_worker_content_for_user(user: Any, pk: int) -> Worker:
    """A worker whose CPD content (e.g. the year PDF) the user may read; 403 for HR."""
    worker, can_read = get_cpd_worker_for_user(user, pk)
    if not can_read:
        raise PermissionDenied(NO_CONTENT)
    return worker
