"""Optimistic locking: a form carries the version of the record it was opened on, and the service refuses to save
over a newer version, so two people editing the same record cannot silently overwrite each other.

The version is the record's ``updated_at`` (every save changes it, imports included), so no model needs a new
column. The service compares it after locking the row (``select_for_update``), inside its transaction.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

STALE = (
    "Somebody else changed this record ({who}, at {time}) after you opened this page. Your changes have not been "
    "saved. Open the record again to see what they changed, then make your changes again."
)


def version_of(instance: Any) -> str:
    """The token a form carries: the record's last change, to the microsecond."""
    return instance.updated_at.isoformat() if getattr(instance, "updated_at", None) else ""


def check_version(instance: Any, expected: str | None) -> None:
    """Raise ValidationError (code "stale") when the record changed since the form was opened.

    `instance` must be the row as it is now, read under a lock; `expected` the token the form was opened with
    (None or "" when the caller does not use optimistic locking, such as an import).
    """
    if not expected or expected == version_of(instance):
        return
    who = getattr(instance, "updated_by", None) or "an import or another user"
    when = timezone.localtime(instance.updated_at).strftime("%H:%M on %d %B %Y")
    raise ValidationError(STALE.format(who=who, time=when), code="stale")


class VersionedFormMixin(forms.Form):
    """Adds the hidden `version` field. Give `initial={"version": version_of(obj)}` when editing, and pass
    `form.expected_version` to the service. The version is taken out of `cleaned_data`, so forms that also create
    records pass their data to the create service unchanged.
    """

    version = forms.CharField(widget=forms.HiddenInput, required=False)
    expected_version: str | None = None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self.expected_version = cleaned.pop("version", "") or None
        return cleaned
