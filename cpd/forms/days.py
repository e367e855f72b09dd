"""Forms of the CPD days pages: they validate and normalise; cpd.services.days enforces the rules and saves."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from django import forms

from cpd.filters import year_choices
from cpd.selectors.days import is_whole_or_half
from cpd.services import days as services
from workforce.forms.records import DateField, GovukForm


def _days_field(label: str, help_text: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        max_digits=4,
        decimal_places=1,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the number of days",
            "invalid": "Enter the days as a number, for example 1 or 0.5",
            "max_digits": "Enter at most 999.5 days",
            "max_decimal_places": services.DAYS_NOT_HALVES,
            "max_whole_digits": "Enter at most 999.5 days",
        },
    )


class DayRequestForm(GovukForm):
    input_widths: ClassVar[dict[str, str]] = {"start_date": "govuk-input--width-10", "days": "govuk-input--width-4"}

    start_date = DateField(label="First day")
    days = _days_field("Number of days", "Whole or half days, for example 1 or 0.5")
    purpose = forms.CharField(
        label="What the time is for",
        max_length=300,
        help_text="For example, the course or the reading you will do",
        error_messages={"required": services.PURPOSE_REQUIRED, "max_length": "Use 300 characters or fewer"},
    )

    def clean_days(self) -> Decimal:
        days = self.cleaned_data["days"]
        if days <= 0:
            raise forms.ValidationError(services.DAYS_NOT_POSITIVE)
        if not is_whole_or_half(days):
            raise forms.ValidationError(services.DAYS_NOT_HALVES)
        return days

    def clean_purpose(self) -> str:
        return self.cleaned_data["purpose"].strip()


class DayDecisionForm(GovukForm):
    APPROVE = "approve"
    REFUSE = "refuse"

    decision = forms.ChoiceField(
        label="Your decision",
        choices=[(APPROVE, "Approve"), (REFUSE, "Refuse")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to approve or refuse the request"},
    )
    reason = forms.CharField(
        label="Reason for refusing",
        required=False,
        max_length=2000,
        help_text="Needed when you refuse; the worker will read it",
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        cleaned["reason"] = (cleaned.get("reason") or "").strip()
        if cleaned.get("decision") == self.REFUSE and not cleaned["reason"]:
            self.add_error("reason", services.REFUSAL_REASON_REQUIRED)
        return cleaned


class DayAllowanceForm(GovukForm):
    input_widths: ClassVar[dict[str, str]] = {"days": "govuk-input--width-4"}

    year = forms.TypedChoiceField(
        label="CPD year", coerce=int, choices=year_choices, error_messages={"required": "Choose the CPD year"}
    )
    days = _days_field("Days this year", "Replaces the authority's rule for this worker, for example 5 or 2.5")
    reason = forms.CharField(
        label="Reason",
        max_length=255,
        help_text="For example, agreed extra days for a qualification",
        error_messages={"required": services.ALLOWANCE_REASON_REQUIRED, "max_length": "Use 255 characters or fewer"},
    )

    def clean_days(self) -> Decimal:
        days = self.cleaned_data["days"]
        if days < 0:
            raise forms.ValidationError(services.ALLOWANCE_NEGATIVE)
        if not is_whole_or_half(days):
            raise forms.ValidationError(services.DAYS_NOT_HALVES)
        return days

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(services.ALLOWANCE_REASON_REQUIRED)
        return reason
