"""Writing CPD records and their attachments (spec section 2, cpd), in Social Work England's shape.

A record is saved as a draft (title, type and date are enough) or "recorded" (every field SWE asks for filled
in); only recorded ones count towards renewal. The registration year is worked out here from the start date, text
is stored stripped, and only the current and later registration years may be changed. The views check who may
call these (cpd.access.records).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from core.attachments import check_upload, save_attachment
from core.concurrency import check_version
from cpd.models import CpdAttachment, CpdRecord, Standard, Standard4Part
from cpd.years import registration_year_for, year_start
from workforce import selectors as wf_selectors
from workforce.models import Worker

END_BEFORE_START = "The end date must be the same as or after the date of the activity"
FUTURE_DATE = "The date of the activity must be today or in the past to record it"
FUTURE_END_DATE = "The end date must be today or in the past to record it"
YEAR_CLOSED = "The date must be in the current registration year (from {start}) or later: earlier years are closed"
RECORD_CLOSED = "This record belongs to a registration year that has ended, so it can no longer be changed"
PEER_NAME_REQUIRED = "Enter the name of the peer you reflected with"
STANDARD_REQUIRED = "Choose at least one professional standard the CPD relates to"
DOCUMENT_REQUIRED = "Select the document to upload"
DOCUMENT_LAST_FILE = "This is the record's document: upload its replacement before removing it"
RECORDED_NOT_DELETABLE = "A recorded piece of CPD cannot be deleted: only drafts can"
REQUIRED_TO_RECORD = {
    "description": "Enter a description of the activity and why it is relevant",
    "learning": "Enter what you learned",
    "impact": "Enter the impact on your practice and the people you work with",
}
UNKNOWN_STANDARD = "Choose standards from the list"
UNKNOWN_PART = "Choose parts of standard 4 from the list"

TEXT_FIELDS = ("title", "description", "learning", "impact", "peer_reflection", "peer_name", "peer_role")
FIELDS = (
    *TEXT_FIELDS,
    "activity_type",
    "start_date",
    "end_date",
    "standards",
    "standard_4_parts",
    "hours",
)
STANDARD_ORDER = [choice.value for choice in Standard]
PART_ORDER = [choice.value for choice in Standard4Part]


def _ordered(values: Iterable[str], order: list[str], message: str, field: str) -> list[str]:
    chosen = set(values or [])
    unknown = chosen - set(order)
    if unknown:
        raise ValidationError({field: message})
    return [value for value in order if value in chosen]


def _normalise(data: Mapping[str, Any]) -> dict[str, Any]:
    """The fields a record keeps, with text stripped, standards in SWE's order and parts only under standard 4."""
    values: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        values[name] = str(data.get(name) or "").strip()
    values["activity_type"] = data.get("activity_type") or ""
    values["start_date"] = data.get("start_date")
    values["end_date"] = data.get("end_date") or None
    values["standards"] = _ordered(data.get("standards") or [], STANDARD_ORDER, UNKNOWN_STANDARD, "standards")
    parts = _ordered(data.get("standard_4_parts") or [], PART_ORDER, UNKNOWN_PART, "standard_4_parts")
    # The parts of standard 4 are asked only when standard 4 is ticked; parts left from an unticked 4 are dropped.
    values["standard_4_parts"] = parts if Standard.S4.value in values["standards"] else []
    hours = data.get("hours")
    values["hours"] = Decimal(hours) if hours not in (None, "") else None
    if not values["peer_reflection"]:
        values["peer_name"] = values["peer_role"] = ""
    return values


def _validate(
    record: CpdRecord, *, recording: bool, on: dt.date, has_document: bool, errors: dict[str, list[str]]
) -> None:
    """The rules beyond each field's own: dates, the open year, peer name, and completeness to record."""

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if record.start_date and record.end_date and record.end_date < record.start_date:
        add("end_date", END_BEFORE_START)
    if record.start_date and record.start_date < year_start(registration_year_for(on)):
        add("start_date", YEAR_CLOSED.format(start=f"{year_start(registration_year_for(on)):%-d %B %Y}"))
    if record.peer_reflection and not record.peer_name:
        add("peer_name", PEER_NAME_REQUIRED)
    if recording:
        if record.start_date and record.start_date > on:
            add("start_date", FUTURE_DATE)
        if record.end_date and record.end_date > on:
            add("end_date", FUTURE_END_DATE)
        if record.kind == CpdRecord.Kind.WRITTEN:
            for field, message in REQUIRED_TO_RECORD.items():
                if not getattr(record, field):
                    add(field, message)
        if not record.standards:
            add("standards", STANDARD_REQUIRED)
    if record.kind == CpdRecord.Kind.DOCUMENT and not has_document:
        add("document", DOCUMENT_REQUIRED)
    if errors:
        raise ValidationError(errors)


def _save(
    record: CpdRecord,
    *,
    recording: bool,
    user: Any,
    has_document: bool,
    errors: dict[str, list[str]] | None = None,
) -> CpdRecord:
    on = wf_selectors.today()
    _validate(record, recording=recording, on=on, has_document=has_document, errors=errors or {})
    record.registration_year = registration_year_for(record.start_date)
    if recording:
        record.status = CpdRecord.Status.RECORDED
        record.recorded_at = record.recorded_at or timezone.now()
    record.updated_by = user
    record.full_clean()
    record.save()
    return record


def _attachment(*, record: CpdRecord, uploaded: UploadedFile, user: Any) -> CpdAttachment:
    return save_attachment(CpdAttachment(record=record), uploaded, user=user)


@transaction.atomic
def cpd_record_create(
    *,
    worker: Worker,
    data: Mapping[str, Any],
    record_it: bool,
    user: Any,
    kind: str = CpdRecord.Kind.WRITTEN,
    document: UploadedFile | None = None,
) -> CpdRecord:
    """A new written record, or a DOCUMENT record with its ``document`` (required); a draft unless ``record_it``."""
    record = CpdRecord(worker=worker, kind=kind, created_by=user, **_normalise(data))
    errors: dict[str, list[str]] = {}
    if document is not None:
        try:
            check_upload(document)
        except ValidationError as exc:
            errors["document"] = exc.messages
    _save(record, recording=record_it, user=user, has_document=document is not None, errors=errors)
    if document is not None:
        _attachment(record=record, uploaded=document, user=user)
    return record


@transaction.atomic
def cpd_record_update(
    *, record: CpdRecord, data: Mapping[str, Any], record_it: bool, user: Any, expected_version: str | None = None
) -> CpdRecord:
    """Change a record; a recorded one stays recorded (and must stay complete), a draft may be recorded now.
    Refused when the record changed since `expected_version` (optimistic locking).
    """
    check_version(CpdRecord.objects.select_for_update().get(pk=record.pk), expected_version)
    if registration_year_for(wf_selectors.today()) > record.registration_year:
        raise ValidationError(RECORD_CLOSED)
    for name, value in _normalise(data).items():
        setattr(record, name, value)
    recording = record_it or record.status == CpdRecord.Status.RECORDED
    return _save(record, recording=recording, user=user, has_document=record.attachments.exists())


@transaction.atomic
def cpd_record_delete(*, record: CpdRecord, user: Any) -> None:
    """Delete a draft (its history keeps it); recorded CPD stays. The attachments' files are removed too."""
    if record.status != CpdRecord.Status.DRAFT:
        raise ValidationError(RECORDED_NOT_DELETABLE)
    if registration_year_for(wf_selectors.today()) > record.registration_year:
        raise ValidationError(RECORD_CLOSED)
    files = [attachment.file for attachment in record.attachments.all()]
    record._history_user = user  # type: ignore[attr-defined]  # simple_history: who deleted it
    record.delete()
    transaction.on_commit(lambda: [stored.delete(save=False) for stored in files])


def cpd_attachment_add(*, record: CpdRecord, uploaded: UploadedFile, user: Any) -> CpdAttachment:
    """Attach a certificate or notes to a record of an open year (the upload is checked by its content)."""
    if registration_year_for(wf_selectors.today()) > record.registration_year:
        raise ValidationError(RECORD_CLOSED)
    try:
        return _attachment(record=record, uploaded=uploaded, user=user)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc


@transaction.atomic
def cpd_attachment_remove(*, attachment: CpdAttachment, user: Any) -> None:
    """Remove an attachment and its stored file (the worker removed it on purpose); its history row stays."""
    record = attachment.record
    if registration_year_for(wf_selectors.today()) > record.registration_year:
        raise ValidationError(RECORD_CLOSED)
    if record.kind == CpdRecord.Kind.DOCUMENT and record.attachments.count() <= 1:
        raise ValidationError(DOCUMENT_LAST_FILE)
    stored = attachment.file
    attachment._history_user = user  # type: ignore[attr-defined]
    attachment.delete()
    transaction.on_commit(lambda: stored.delete(save=False))
