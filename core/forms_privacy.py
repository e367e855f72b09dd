"""The administrator's retention policy form: for each record type, years after leaving and whether it applies."""

from __future__ import annotations

from typing import Any

from django import forms

from core.models import RETENTION_MAX_YEARS, RetentionPolicy
from core.privacy.retention import PolicyRow
from workforce.forms.records import GovukForm

YEARS_ERROR = f"Enter a whole number of years from 1 to {RETENTION_MAX_YEARS}"
WHAT_IT_DOES = {
    RetentionPolicy.RecordType.LEAVER_PERSONAL_DATA: (
        "Names become “Anonymised” and the staff reference a pseudonym; e-mail, date of birth and Social Work "
        "England registration are removed; the sign-in account is closed and its details removed, unless it has "
        "been used within the period."
    ),
    RetentionPolicy.RecordType.CPD_RECORDS: (
        "The text of CPD records, CPD day requests and training notes becomes “Anonymised”; attached files are deleted."
    ),
    RetentionPolicy.RecordType.EVIDENCE: (
        "The text of evidence, review comments, progression applications and panel reasons becomes “Anonymised”; "
        "attached files are deleted."
    ),
}


class RetentionPolicyForm(GovukForm):
    """Two fields per record type, named ``<type>_years`` and ``<type>_active``."""

    def __init__(self, *args: Any, rows: list[PolicyRow], **kwargs: Any) -> None:
        self.rows = rows
        initial = {}
        for row in rows:
            initial[f"{row.record_type}_years"] = row.years
            initial[f"{row.record_type}_active"] = row.is_active
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        for row in rows:
            messages = {"required": YEARS_ERROR, "invalid": YEARS_ERROR, "min_value": YEARS_ERROR}
            messages["max_value"] = YEARS_ERROR
            self.fields[f"{row.record_type}_years"] = forms.IntegerField(
                label="Years after leaving",
                min_value=1,
                max_value=RETENTION_MAX_YEARS,
                error_messages=messages,
                widget=forms.TextInput(
                    attrs={"inputmode": "numeric", "spellcheck": "false", "class": "govuk-input govuk-input--width-3"}
                ),
            )
            self.fields[f"{row.record_type}_active"] = forms.BooleanField(
                label="Apply this policy when the retention command runs",
                required=False,
                widget=forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input"}),
            )
        self._govuk_style()

    def policies(self) -> list[dict[str, Any]]:
        """For the template: each record type with its label, what anonymising it does, and its two fields."""
        return [
            {
                "record_type": row.record_type,
                "label": row.label,
                "what_it_does": WHAT_IT_DOES[row.record_type],
                "years": self[f"{row.record_type}_years"],
                "active": self[f"{row.record_type}_active"],
            }
            for row in self.rows
        ]

    def policy_values(self) -> dict[str, tuple[int, bool]]:
        return {
            row.record_type: (
                self.cleaned_data[f"{row.record_type}_years"],
                bool(self.cleaned_data[f"{row.record_type}_active"]),
            )
            for row in self.rows
        }
