"""The authority's CPD settings form."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django import forms

from cpd.selectors.days import is_whole_or_half
from cpd.services import settings as services
from workforce.forms.records import GovukForm

REMINDERS_NOT_NUMBERS = "Enter the reminder points as whole numbers of days separated by commas, for example 90, 30, 7"


class CpdSettingsForm(GovukForm):
    input_widths: ClassVar[dict[str, str]] = {
        "days_per_year": "govuk-input--width-4",
        "reminder_days": "govuk-input--width-20",
        "training_expiring_days": "govuk-input--width-4",
    }

    days_per_year = forms.DecimalField(
        label="Protected CPD days a year",
        help_text="Whole or half days, for example 3",
        max_digits=4,
        decimal_places=1,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the protected CPD days a year",
            "invalid": "Enter the days as a number, for example 3",
            "max_digits": "Enter at most 999.5 days",
            "max_decimal_places": services.DAYS_NOT_HALVES,
            "max_whole_digits": "Enter at most 999.5 days",
        },
    )
    pro_rata = forms.TypedChoiceField(
        label="Pro rata to FTE",
        help_text="Part-time workers get the days multiplied by their FTE, rounded to the nearest half day",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether part-time workers get the days pro rata"},
    )
    reminder_days = forms.CharField(
        label="Reminder points (days before 30 November)",
        help_text="Whole days separated by commas, for example 90, 60, 30, 14, 7. Leave empty for no reminders",
        required=False,
        max_length=200,
    )
    training_expiring_days = forms.IntegerField(
        label="Training expiring window (days)",
        help_text="Training that expires within this many days shows as expiring soon",
        min_value=1,
        max_value=365,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the expiring window in days",
            "invalid": services.WINDOW_OUT_OF_RANGE,
            "min_value": services.WINDOW_OUT_OF_RANGE,
            "max_value": services.WINDOW_OUT_OF_RANGE,
        },
    )

    def clean_days_per_year(self) -> Decimal:
        days = self.cleaned_data["days_per_year"]
        if days < 0:
            raise forms.ValidationError(services.DAYS_NEGATIVE)
        if not is_whole_or_half(days):
            raise forms.ValidationError(services.DAYS_NOT_HALVES)
        return days

    def clean_reminder_days(self) -> list[int]:
        parts = [part.strip() for part in self.cleaned_data["reminder_days"].replace(";", ",").split(",")]
        days = []
        for part in parts:
            if not part:
                continue
            if not part.isdigit():
                raise forms.ValidationError(REMINDERS_NOT_NUMBERS)
            day = int(part)
            if not 1 <= day <= services.MAX_REMINDER_DAYS:
                raise forms.ValidationError(services.REMINDER_OUT_OF_RANGE)
            days.append(day)
        return sorted(set(days), reverse=True)
