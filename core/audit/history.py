"""The history of any record, read from django-simple-history's tables, limited to the user's authority.

``AUDITED`` lists every model with history and the lookup from it to its authority (None: installation-wide
reference data, such as the shipped framework wording or England's comparator figures). An entry shows who changed
what, when, and each changed field from which value to which: the previous version of every row on a page is
fetched in one query, so a page costs the same whatever its rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Q, QuerySet

# model label -> lookup from the model to workforce.Authority ("" for the authority itself)
AUDITED: dict[str, str] = {
    "workforce.Authority": "",
    "workforce.ServiceArea": "authority",
    "workforce.Team": "authority",
    "workforce.Worker": "authority",
    "workforce.Assignment": "worker__authority",
    "workforce.Establishment": "team__authority",
    "workforce.CaseloadRecord": "worker__authority",
    "workforce.Absence": "worker__authority",
    "workforce.RoleAssignment": "authority",
    "workforce.ComparatorFigure": "authority",
    "workforce.IndicatorTarget": "authority",
    "workforce.WorkloadSettings": "authority",
    "workforce.TeamThreshold": "team__authority",
    "workforce.AgencyEngagement": "assignment__worker__authority",
    "cpd.CpdSettings": "authority",
    "cpd.CpdRecord": "worker__authority",
    "cpd.CpdAttachment": "record__worker__authority",
    "cpd.CpdDayAllowance": "worker__authority",
    "cpd.CpdDayRequest": "worker__authority",
    "cpd.TrainingCourse": "authority",
    "cpd.TrainingCompletion": "worker__authority",
    "careers.FrameworkVersion": "authority",
    "careers.FrameworkItem": "version__authority",
    "careers.CareersSettings": "authority",
    "careers.CareerLevel": "authority",
    "careers.WorkerLevel": "worker__authority",
    "careers.Evidence": "worker__authority",
    "careers.EvidenceAttachment": "evidence__worker__authority",
    "careers.Panel": "authority",
    "careers.ProgressionApplication": "worker__authority",
}
# Reference rows with no authority (shipped wording, England's figures) are shown to every administrator.
NULLABLE_AUTHORITY = {"workforce.ComparatorFigure", "careers.FrameworkVersion", "careers.FrameworkItem"}
HIDDEN_FIELDS = {
    "id",
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user",
    "history_user_id",
    "created_at",
    "updated_at",
    "created_by",
    "updated_by",
}
ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}


def audited_models() -> list[tuple[str, str]]:
    """(label, readable name) of every audited model, for the record-type choice."""
    out = []
    for label in AUDITED:
        model = apps.get_model(label)
        out.append((label, _sentence_case(f"{model._meta.app_config.verbose_name}: {model._meta.verbose_name}")))
    return sorted(out, key=lambda item: item[1])


def history_model(label: str) -> type[models.Model] | None:
    if label not in AUDITED:
        return None
    return apps.get_model(label).history.model


def history_for_authority(label: str, authority: Any) -> QuerySet:
    """Every historical row of the model that belongs to the authority (and shared reference rows)."""
    model = history_model(label)
    if model is None:
        raise LookupError(label)
    path = AUDITED[label]
    rows = model.objects.select_related("history_user")
    if path == "":
        return rows.filter(id=authority.pk)
    condition = Q(**{path: authority})
    if label in NULLABLE_AUTHORITY:
        condition |= Q(**{f"{path}__isnull": True})
    return rows.filter(condition)


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class Entry:
    record: Any  # the historical row
    action: str
    changes: list[Change]

    @property
    def object_id(self) -> int:
        return self.record.id

    @property
    def when(self) -> dt.datetime:
        return self.record.history_date

    @property
    def who(self) -> str:
        user = self.record.history_user
        return str(user) if user else "The system (import or command)"


def _fields(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if f.name not in HIDDEN_FIELDS and f.attname not in HIDDEN_FIELDS]


def _display(record: Any, field: models.Field) -> str:
    value = getattr(record, field.attname)
    if value is None or value == "":
        return "(empty)"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey):
        return f"#{value}"
    if isinstance(value, dt.datetime):
        return f"{value:%d %b %Y %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%d %b %Y}"
    return str(value)


def _sentence_case(text: str) -> str:
    """ "social work England registration number" → "Social work England registration number" (keeps capitals)."""
    return text[:1].upper() + text[1:]


def entries(records: list[Any]) -> list[Entry]:
    """Entries with their changes, the previous version of each row fetched in one query."""
    if not records:
        return []
    model = type(records[0])
    fields = _fields(model)
    ids = {r.id for r in records}
    # Every version of these objects up to the page's latest date; the previous version of each record is the
    # latest one before it. Bounded by the page's objects, not by the table.
    versions: dict[int, list[Any]] = {}
    previous_rows = model.objects.filter(id__in=ids, history_date__lte=max(r.history_date for r in records))
    for version in previous_rows.order_by("id", "history_date", "history_id"):
        versions.setdefault(version.id, []).append(version)
    out = []
    for record in records:
        older = [
            v
            for v in versions.get(record.id, [])
            if (v.history_date, v.history_id) < (record.history_date, record.history_id)
        ]
        previous = older[-1] if older else None
        changes = []
        for field in fields:
            new = _display(record, field)
            old = _display(previous, field) if previous is not None else ""
            if record.history_type == "+" or (previous is not None and old != new):
                if record.history_type == "+" and new == "(empty)":
                    continue
                changes.append(Change(_sentence_case(str(field.verbose_name)), old, new))
        out.append(Entry(record, ACTIONS.get(record.history_type, record.history_type), changes))
    return out
