"""Everything held about one worker, for a subject access request (UK GDPR article 15).

``subject_access_data(worker=...)`` gathers one list of rows per record type: the staff record with its equality
data, assignments, agency engagements, caseloads, absences, the sign-in account and its roles, CPD records (full
text), CPD attachments, day allowances and requests, training, reminders, career levels, evidence (full text) with
its reviews and attachments, progression applications with their decisions, and the history of every one of them
(django-simple-history: who changed what, when). The renderers write it as XLSX (a sheet per record type), as JSON
(an object with a key per record type) and as a ZIP of both with the attached files themselves.

Values stay Python values (dates, decimals) so the XLSX keeps real dates and numbers; JSON writes dates as ISO
strings and decimals as strings. Codes are given with their meaning (``"White - British"``, not ``"WBRI"``).
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import QuerySet
from django.http import FileResponse, HttpResponse
from django.utils import timezone
from django.utils.text import capfirst

from careers.models import Evidence, EvidenceAttachment, EvidenceTransition, ProgressionApplication, WorkerLevel
from core.attachments import safe_name
from core.exports.xlsx import (
    MAX_COLUMN_WIDTH,
    MIN_COLUMN_WIDTH,
    Sheet,
    attachment_filename,
    write_workbook,
    xlsx_response,
)
from core.models import DataProtectionEvent, User
from cpd.models import CpdAttachment, CpdDayAllowance, CpdDayRequest, CpdRecord, ReminderSent, TrainingCompletion
from workforce.models import Absence, AgencyEngagement, Assignment, CaseloadRecord, RoleAssignment, Worker

FORMATS = ("xlsx", "json", "zip")
JSON_CONTENT_TYPE = "application/json"
ZIP_CONTENT_TYPE = "application/zip"
HISTORY_KEY = "history"
# Audit columns that every history row already says in its own "when" and "changed by".
HISTORY_SKIPPED_FIELDS = frozenset({"created_at", "updated_at", "created_by", "updated_by", "file"})
CHANGE_TYPES = {"+": "Created", "~": "Changed", "-": "Deleted"}


@dataclass(frozen=True)
class Section:
    """One record type: its key (JSON) and sheet title (XLSX), what it is, and the model its columns come from.

    Foreign keys are written as the related record's name, except those in ``ids`` (links to the worker's own
    records, written as their ID so the sheets can be read across). ``extra`` columns are filled by the builder.
    """

    key: str
    title: str
    description: str
    model: type[models.Model] | None = None
    exclude: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()

    def fields(self) -> list[models.Field]:
        if self.model is None:
            return []
        return [f for f in self.model._meta.concrete_fields if f.name not in self.exclude]

    def columns(self) -> list[tuple[str, str]]:
        out = []
        for f in self.fields():
            name = f"{f.name}_id" if f.name in self.ids else f.name
            title = f"{capfirst(f.verbose_name)} ID" if f.name in self.ids else capfirst(f.verbose_name)
            out.append((name, "ID" if f.name == "id" else title))
        return out + list(self.extra)


LOGIN_COLUMNS = (
    ("email", "E-mail address"),
    ("full_name", "Name"),
    ("is_active", "Account active"),
    ("date_joined", "Account created"),
    ("last_login", "Last sign-in"),
    ("mfa_set_up", "Multi-factor authentication set up"),
    ("mfa_methods", "Multi-factor methods"),
)
HISTORY_COLUMNS = (
    ("record_type", "Record type"),
    ("record_id", "Record ID"),
    ("when", "When"),
    ("change", "Change"),
    ("changed_by", "Changed by"),
    ("reason", "Reason"),
    ("changes", "What changed"),
)
FILE_IN_ZIP = ("file_in_zip", "File in the ZIP download")

SECTIONS: tuple[Section, ...] = (
    Section("worker", "Worker", "The staff record, including equality data", Worker),
    Section("login", "Sign-in account", "E-mail, name, last sign-in, multi-factor set up", extra=LOGIN_COLUMNS),
    Section("role_assignments", "Roles", "Roles of the sign-in account", RoleAssignment, exclude=("user",)),
    Section("assignments", "Assignments", "Posts held: team, role, contract, FTE, dates", Assignment, ("worker",)),
    Section(
        "agency_engagements",
        "Agency engagements",
        "Agency, charges and sign-off",
        AgencyEngagement,
        ids=("assignment",),
    ),
    Section("caseload_records", "Caseload records", "Cases held on each date", CaseloadRecord, ("worker",)),
    Section("absences", "Absences", "Periods of absence and days lost", Absence, ("worker",)),
    Section("cpd_records", "CPD records", "CPD records in full", CpdRecord, ("worker",)),
    Section(
        "cpd_attachments",
        "CPD attachments",
        "Files attached to CPD records",
        CpdAttachment,
        ("file",),
        ids=("record",),
        extra=(FILE_IN_ZIP,),
    ),
    Section("cpd_day_allowances", "CPD day allowances", "Own CPD day allowances", CpdDayAllowance, ("worker",)),
    Section(
        "cpd_day_requests", "CPD day requests", "Requests for CPD days", CpdDayRequest, ("worker",), ids=("cpd_record",)
    ),
    Section(
        "training_completions", "Training completions", "Required training completed", TrainingCompletion, ("worker",)
    ),
    Section(
        "cpd_reminders",
        "CPD reminders",
        "CPD reminder e-mails sent",
        ReminderSent,
        ("worker", "user", "authority"),
    ),
    Section(
        "worker_levels",
        "Career levels",
        "Career levels and when they applied",
        WorkerLevel,
        ("worker",),
        ("application",),
    ),
    Section(
        "evidence",
        "Evidence",
        "Evidence of practice in full",
        Evidence,
        ("worker",),
        extra=(("items", "Principles and outcomes"), ("cpd_record_ids", "CPD record IDs")),
    ),
    Section(
        "evidence_transitions",
        "Evidence reviews",
        "Each submission, acceptance and return, with comments",
        EvidenceTransition,
        ids=("evidence",),
    ),
    Section(
        "evidence_attachments",
        "Evidence attachments",
        "Files attached to evidence",
        EvidenceAttachment,
        ("file",),
        ids=("evidence",),
        extra=(FILE_IN_ZIP,),
    ),
    Section(
        "progression_applications",
        "Progression applications",
        "Applications to a panel and their decisions",
        ProgressionApplication,
        ("worker",),
        extra=(("evidence_ids", "Evidence IDs"),),
    ),
    Section(HISTORY_KEY, "History", "Every change to the records above: who, when, what", extra=HISTORY_COLUMNS),
)
SECTIONS_BY_KEY = {section.key: section for section in SECTIONS}


# ---------------------------------------------------------------------------
# Rows.
# ---------------------------------------------------------------------------
def _choice_label(field: models.Field, value: Any) -> Any:
    if field.choices and value not in (None, ""):
        return str(dict(field.flatchoices).get(value, value))
    return value


def _row(obj: models.Model, section: Section) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for f in section.fields():
        if f.name in section.ids:
            row[f"{f.name}_id"] = getattr(obj, f.attname)
        elif f.is_relation:
            row[f.name] = None if getattr(obj, f.attname) is None else str(getattr(obj, f.name))
        else:
            row[f.name] = _choice_label(f, getattr(obj, f.attname))
    return row


def _forward_relations(section: Section) -> list[str]:
    """The foreign keys written by name, fetched with the rows (no query per row)."""
    return [f.name for f in section.fields() if f.is_relation and f.name not in section.ids]


def _rows(section: Section, queryset: QuerySet) -> list[dict[str, Any]]:
    return [_row(obj, section) for obj in queryset.select_related(*_forward_relations(section))]


def _zip_path(kind: str, attachment: Any) -> str:
    return f"attachments/{kind}/{attachment.pk}-{safe_name(attachment.original_name)}"


def _login_rows(user: User | None) -> list[dict[str, Any]]:
    if user is None:
        return []
    from allauth.mfa.models import Authenticator

    methods = sorted({a.get_type_display() for a in Authenticator.objects.filter(user=user)})
    return [
        {
            "email": user.email,
            "full_name": user.full_name,
            "is_active": user.is_active,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "mfa_set_up": bool(methods),
            "mfa_methods": methods,
        }
    ]


def subject_access_data(*, worker: Worker) -> dict[str, list[dict[str, Any]]]:
    """Every record held about the worker, one list of rows per record type (keys as in ``SECTIONS``)."""
    s = SECTIONS_BY_KEY
    user = worker.user
    data: dict[str, list[dict[str, Any]]] = {
        "worker": _rows(s["worker"], Worker.objects.filter(pk=worker.pk)),
        "login": _login_rows(user),
        "role_assignments": _rows(s["role_assignments"], RoleAssignment.objects.filter(user=user)) if user else [],
        "assignments": _rows(s["assignments"], Assignment.objects.filter(worker=worker).order_by("start_date")),
        "agency_engagements": _rows(
            s["agency_engagements"], AgencyEngagement.objects.filter(assignment__worker=worker).order_by("pk")
        ),
        "caseload_records": _rows(s["caseload_records"], CaseloadRecord.objects.filter(worker=worker).order_by("date")),
        "absences": _rows(s["absences"], Absence.objects.filter(worker=worker).order_by("start_date")),
        "cpd_records": _rows(s["cpd_records"], CpdRecord.objects.filter(worker=worker).order_by("start_date", "pk")),
        "cpd_day_allowances": _rows(s["cpd_day_allowances"], CpdDayAllowance.objects.filter(worker=worker)),
        "cpd_day_requests": _rows(
            s["cpd_day_requests"], CpdDayRequest.objects.filter(worker=worker).order_by("start_date", "pk")
        ),
        "training_completions": _rows(
            s["training_completions"], TrainingCompletion.objects.filter(worker=worker).order_by("completed_on", "pk")
        ),
        "cpd_reminders": _rows(s["cpd_reminders"], ReminderSent.objects.filter(worker=worker).order_by("sent_at")),
        "worker_levels": _rows(
            s["worker_levels"], WorkerLevel.objects.filter(worker=worker).order_by("effective_from")
        ),
        "evidence_transitions": _rows(
            s["evidence_transitions"], EvidenceTransition.objects.filter(evidence__worker=worker).order_by("at", "pk")
        ),
    }
    cpd_attachments = list(CpdAttachment.objects.filter(record__worker=worker).order_by("pk"))
    data["cpd_attachments"] = [
        {**_row(a, s["cpd_attachments"]), "file_in_zip": _zip_path("cpd", a)} for a in cpd_attachments
    ]
    evidence_attachments = list(EvidenceAttachment.objects.filter(evidence__worker=worker).order_by("pk"))
    data["evidence_attachments"] = [
        {**_row(a, s["evidence_attachments"]), "file_in_zip": _zip_path("evidence", a)} for a in evidence_attachments
    ]
    evidence = Evidence.objects.filter(worker=worker).order_by("pk").prefetch_related("items", "cpd_records")
    data["evidence"] = [
        {
            **_row(e, s["evidence"]),
            "items": [item.title for item in e.items.all()],
            "cpd_record_ids": [record.pk for record in e.cpd_records.all()],
        }
        for e in evidence.select_related(*_forward_relations(s["evidence"]))
    ]
    applications = ProgressionApplication.objects.filter(worker=worker).order_by("applied_at", "pk")
    data["progression_applications"] = [
        {**_row(a, s["progression_applications"]), "evidence_ids": [e.pk for e in a.evidence.all()]}
        for a in applications.select_related(*_forward_relations(s["progression_applications"])).prefetch_related(
            "evidence"
        )
    ]
    data[HISTORY_KEY] = history_rows(worker=worker)
    return {section.key: data[section.key] for section in SECTIONS}


def attachments_of(worker: Worker) -> list[tuple[str, Any]]:
    """(path in the ZIP, attachment) for every file attached to the worker's CPD records and evidence."""
    cpd = CpdAttachment.objects.filter(record__worker=worker).order_by("pk")
    evidence = EvidenceAttachment.objects.filter(evidence__worker=worker).order_by("pk")
    return [(_zip_path("cpd", a), a) for a in cpd] + [(_zip_path("evidence", a), a) for a in evidence]


# ---------------------------------------------------------------------------
# History: every historical row of the worker's records, deleted records included.
# ---------------------------------------------------------------------------
class _Labels:
    """Names of related records in history rows, one query per distinct record."""

    def __init__(self) -> None:
        self._cache: dict[tuple[type, Any], str] = {}

    def __call__(self, model: type[models.Model], pk: Any) -> str | None:
        if pk is None:
            return None
        key = (model, pk)
        if key not in self._cache:
            found = model._default_manager.filter(pk=pk).first()
            self._cache[key] = str(found) if found is not None else f"{model._meta.verbose_name} {pk} (deleted)"
        return self._cache[key]


def _history_sources(worker: Worker) -> list[tuple[str, type[models.Model], dict[str, Any]]]:
    """(record type, model, filter on its historical table) for every model that holds the worker's records."""

    def ids(model: type[models.Model], **lookup: Any) -> list[int]:
        return sorted(set(model.history.filter(**lookup).values_list("id", flat=True)))

    assignment_ids = ids(Assignment, worker_id=worker.pk)
    cpd_record_ids = ids(CpdRecord, worker_id=worker.pk)
    evidence_ids = ids(Evidence, worker_id=worker.pk)
    sources: list[tuple[str, type[models.Model], dict[str, Any]]] = [
        ("Worker", Worker, {"id": worker.pk}),
        ("Assignments", Assignment, {"worker_id": worker.pk}),
        ("Agency engagements", AgencyEngagement, {"assignment_id__in": assignment_ids}),
        ("Caseload records", CaseloadRecord, {"worker_id": worker.pk}),
        ("Absences", Absence, {"worker_id": worker.pk}),
        ("CPD records", CpdRecord, {"worker_id": worker.pk}),
        ("CPD attachments", CpdAttachment, {"record_id__in": cpd_record_ids}),
        ("CPD day allowances", CpdDayAllowance, {"worker_id": worker.pk}),
        ("CPD day requests", CpdDayRequest, {"worker_id": worker.pk}),
        ("Training completions", TrainingCompletion, {"worker_id": worker.pk}),
        ("Career levels", WorkerLevel, {"worker_id": worker.pk}),
        ("Evidence", Evidence, {"worker_id": worker.pk}),
        ("Evidence attachments", EvidenceAttachment, {"evidence_id__in": evidence_ids}),
        ("Progression applications", ProgressionApplication, {"worker_id": worker.pk}),
    ]
    if worker.user_id is not None:
        sources.insert(1, ("Roles", RoleAssignment, {"user_id": worker.user_id}))
    return sources


def _history_value(row: Any, field: models.Field, labels: _Labels) -> Any:
    if field.is_relation:
        return labels(field.related_model, getattr(row, field.attname))
    return _choice_label(field, getattr(row, field.attname))


def history_rows(*, worker: Worker) -> list[dict[str, Any]]:
    """One row per historical version: what kind of record, which, when, created/changed/deleted, by whom, and each
    changed field from which value to which (a created record lists the values it was created with)."""
    labels = _Labels()
    out: list[dict[str, Any]] = []
    for record_type, model, lookup in _history_sources(worker):
        fields = [f for f in model._meta.concrete_fields if f.name not in HISTORY_SKIPPED_FIELDS and f.name != "id"]
        previous: dict[Any, dict[str, Any]] = {}
        versions = model.history.filter(**lookup).select_related("history_user").order_by("history_date", "history_id")
        for version in versions:
            values = {capfirst(f.verbose_name): _history_value(version, f, labels) for f in fields}
            before = previous.get(version.id)
            if version.history_type == "+" or before is None:
                changes = [{"field": k, "from": None, "to": v} for k, v in values.items() if v not in (None, "", [])]
            elif version.history_type == "~":
                changes = [
                    {"field": k, "from": before.get(k), "to": v} for k, v in values.items() if before.get(k) != v
                ]
            else:
                changes = []
            previous[version.id] = values
            out.append(
                {
                    "record_type": record_type,
                    "record_id": version.id,
                    "when": version.history_date,
                    "change": CHANGE_TYPES.get(version.history_type, version.history_type),
                    "changed_by": str(version.history_user) if version.history_user_id else None,
                    "reason": version.history_change_reason or "",
                    "changes": changes,
                }
            )
    out.sort(key=lambda row: row["when"])
    return out


def section_counts(data: dict[str, list[dict[str, Any]]]) -> list[tuple[Section, int]]:
    """For the page: each record type and how many rows it has."""
    return [(section, len(data[section.key])) for section in SECTIONS]


# ---------------------------------------------------------------------------
# Renderers.
# ---------------------------------------------------------------------------
def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def _cell(value: Any) -> Any:
    """A value for a spreadsheet cell: lists become lines, changes become 'field: from → to' lines."""
    if isinstance(value, list):
        parts = []
        for item in value:
            if isinstance(item, dict) and "field" in item:
                before = _text(item["from"])
                parts.append(f"{item['field']}: {before + ' → ' if before else ''}{_text(item['to'])}")
            else:
                parts.append(_text(item))
        return "\n".join(parts)
    if isinstance(value, dict):
        return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return timezone.localtime(value).replace(tzinfo=None)  # Excel has no time zones: local (UK) time
    return value


def _width(title: str, values: Iterable[Any]) -> int:
    longest = len(title)
    for value in values:
        if isinstance(value, str):
            longest = max(longest, *(len(line) for line in value.split("\n")))
        elif isinstance(value, dt.date):
            longest = max(longest, 16)
        elif isinstance(value, int | float | Decimal):
            longest = max(longest, len(str(value)))
    return max(MIN_COLUMN_WIDTH, min(MAX_COLUMN_WIDTH, longest + 2))


def subject_access_sheets(data: dict[str, list[dict[str, Any]]]) -> list[Sheet]:
    """A sheet per record type, in the order of ``SECTIONS``; every text cell escaped against formula injection."""
    sheets = []
    for section in SECTIONS:
        columns = section.columns()
        rows = [[_cell(row.get(key)) for key, _ in columns] for row in data[section.key]]
        widths = [_width(title, (row[i] for row in rows)) for i, (_, title) in enumerate(columns)]
        sheets.append(Sheet(title=section.title, headers=[t for _, t in columns], rows=rows, column_widths=widths))
    return sheets


def subject_access_json(data: dict[str, list[dict[str, Any]]]) -> bytes:
    """One object with a key per record type; dates as ISO strings, decimals as strings."""
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode("utf-8")


def _file_name(worker: Worker) -> str:
    return f"Subject access - {safe_name(worker.worker_id)}"


def subject_access_response(*, worker: Worker, fmt: str) -> tuple[HttpResponse, int]:
    """The download in the format asked for, and the number of rows it holds (for the log)."""
    data = subject_access_data(worker=worker)
    rows = sum(len(rows) for rows in data.values())
    name = _file_name(worker)
    if fmt == "json":
        response = HttpResponse(subject_access_json(data), content_type=JSON_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{attachment_filename(name, "json")}"'
    elif fmt == "xlsx":
        response = xlsx_response(name, subject_access_sheets(data))
    elif fmt == "zip":
        spool = tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024)  # noqa: SIM115 (FileResponse closes it)
        write_zip(worker=worker, data=data, target=spool)
        spool.seek(0)
        response = FileResponse(
            spool, as_attachment=True, filename=attachment_filename(name, "zip"), content_type=ZIP_CONTENT_TYPE
        )
    else:
        raise ValueError(f"Unknown format {fmt!r}")
    response["Cache-Control"] = "private, no-store"
    return response, rows


def write_zip(*, worker: Worker, data: dict[str, list[dict[str, Any]]], target: Any) -> list[str]:
    """The JSON, the XLSX and the attached files in one ZIP; returns the paths of files missing from storage."""
    missing = []
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("subject-access.json", subject_access_json(data))
        with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as workbook:
            write_workbook(subject_access_sheets(data), workbook)
            workbook.seek(0)
            archive.writestr("subject-access.xlsx", workbook.read())
        for path, attachment in attachments_of(worker):
            try:
                with attachment.file.open("rb") as stream, archive.open(path, "w") as member:
                    while chunk := stream.read(1024 * 1024):
                        member.write(chunk)
            except (FileNotFoundError, ValueError):
                missing.append(path)
        if missing:
            archive.writestr("attachments/MISSING.txt", "Files listed but no longer stored:\n" + "\n".join(missing))
    return missing


# ---------------------------------------------------------------------------
# The log of downloads.
# ---------------------------------------------------------------------------
def subject_access_log(*, worker: Worker, fmt: str, rows: int, user: User) -> DataProtectionEvent:
    """Record who downloaded whose data, when and in which format."""
    return DataProtectionEvent.objects.create(
        kind=DataProtectionEvent.Kind.SUBJECT_ACCESS,
        user=user,
        authority_code=worker.authority.code,
        worker_pk=worker.pk,
        format=fmt,
        count=rows,
        summary=f"Subject access export of worker #{worker.pk} as {fmt.upper()} ({rows} rows)",
    )


def subject_access_downloads(*, worker: Worker, limit: int = 20) -> list[DataProtectionEvent]:
    """The latest downloads of the worker's export, newest first."""
    return list(
        DataProtectionEvent.objects.filter(
            kind=DataProtectionEvent.Kind.SUBJECT_ACCESS, worker_pk=worker.pk, authority_code=worker.authority.code
        ).select_related("user")[:limit]
    )
