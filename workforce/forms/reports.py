"""Forms of the report pages: the turnover workbook's date and scope, and the census year. Validation only."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from django import forms

from workforce.census import MAX_YEAR, MIN_YEAR
from workforce.forms.records import DATE_HINT, DateField, GovukForm


class TurnoverReportForm(GovukForm):
    """The as-at date and the scope (the authority, a service area or a team the user may see)."""

    input_widths: ClassVar[dict[str, str]] = {"as_at": "govuk-input--width-10"}

    as_at = DateField(
        label="As at",
        help_text="The figures are for the year ending on this date (the census date is 30 September). " + DATE_HINT,
    )
    scope = forms.ChoiceField(
        label="Scope",
        choices=(),
        error_messages={"required": "Choose the scope", "invalid_choice": "Choose a scope from the list"},
    )

    def __init__(self, *args: Any, scopes: Sequence[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = list(scopes)


class CensusYearForm(GovukForm):
    """The census year: the year ending 30 September YYYY."""

    input_widths: ClassVar[dict[str, str]] = {"year": "govuk-input--width-4"}

    year = forms.IntegerField(
        label="Census year",
        help_text="The return is as at 30 September of this year, for the year from 1 October before it.",
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the census year",
            "invalid": "Census year must be a year written in 4 digits, for example 2025",
            "min_value": f"Census year must be {MIN_YEAR} or later",
            "max_value": f"Census year must be {MAX_YEAR} or earlier",
        },
    )
