"""The dashboard's choice of date and scope (a GET form: the page is bookmarkable and the downloads share it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, ClassVar

from django import forms

from workforce.forms.records import DateField, GovukForm

EARLIEST_AS_AT = dt.date(1950, 1, 1)
LATEST_AS_AT = dt.date(2099, 12, 31)
AS_AT_OUT_OF_RANGE = "The date must be between 1 January 1950 and 31 December 2099"
FIELDS = ("as_at", "scope")


class DashboardForm(GovukForm):
    """Always bound: what the query string leaves out takes the user's default (last 30 September, their scope)."""

    as_at = DateField(
        label="As at",
        help_text="The figures are for this date and the year to it. For example, 30/09/2025",
    )
    scope = forms.ChoiceField(
        label="Show the figures of",
        choices=(),
        error_messages={"required": "Choose what to show", "invalid_choice": "Choose one of the scopes listed"},
    )
    input_widths: ClassVar[dict[str, str]] = {"as_at": "govuk-input--width-10"}

    def __init__(
        self,
        params: Mapping[str, Any] | None,
        *,
        scope_choices: list[tuple[str, Any]],
        default_scope: str,
        default_as_at: dt.date,
    ) -> None:
        data = {"as_at": default_as_at.strftime("%d/%m/%Y"), "scope": default_scope}
        for name in FIELDS:
            value = (params or {}).get(name)
            if isinstance(value, str) and value.strip():
                data[name] = value.strip()
        super().__init__(data)
        self.fields["scope"].choices = scope_choices

    def clean_as_at(self) -> dt.date:
        as_at = self.cleaned_data["as_at"]
        if not EARLIEST_AS_AT <= as_at <= LATEST_AS_AT:
            raise forms.ValidationError(AS_AT_OUT_OF_RANGE)
        return as_at

    @property
    def scope_refused(self) -> bool:
        """The scope asked for is not one the user may see (the page answers 404, as for any object out of scope)."""
        return "scope" in self.errors
