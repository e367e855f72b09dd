"""Forms of progression applications: the application (panel and statement) and a panel's decision.

They validate and normalise only; careers.services.applications checks the rules again and saves.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from careers.models import Panel, ProgressionApplication
from careers.services import applications as services
from workforce.forms.records import DateField, GovukForm

STATEMENT_REQUIRED = "Enter a supporting statement"
PANEL_REQUIRED = "Choose the panel to send the application to"


class ApplicationForm(GovukForm):
    panel = forms.ModelChoiceField(
        label="Panel",
        queryset=Panel.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": PANEL_REQUIRED, "invalid_choice": PANEL_REQUIRED},
    )
    statement = forms.CharField(
        label="Supporting statement",
        help_text="Why you are ready for the next level: what your evidence shows about your practice.",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10000,
        strip=True,
        error_messages={"required": STATEMENT_REQUIRED},
    )

    def __init__(self, *args: Any, panels: QuerySet[Panel], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["panel"].queryset = panels


DECISION_CHOICES = [
    (ProgressionApplication.Status.APPROVED, "Approve: the worker moves up to the level sought"),
    (ProgressionApplication.Status.DEFERRED, "Defer, with reasons"),
]


class DecisionForm(GovukForm):
    decision = forms.ChoiceField(
        label="Decision",
        choices=DECISION_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": services.UNKNOWN_DECISION, "invalid_choice": services.UNKNOWN_DECISION},
    )
    approved_from = DateField(
        label="New level from",
        required=False,
        help_text="If approving: the date the new level starts, for example 01/04/2026",
    )
    reasons = forms.CharField(
        label="Reasons",
        required=False,
        strip=True,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Needed if deferring: what the worker should do before applying again. Optional if approving.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        decision = data.get("decision")
        approved = decision == ProgressionApplication.Status.APPROVED
        if approved and not data.get("approved_from") and "approved_from" not in self.errors:
            self.add_error("approved_from", services.APPROVED_FROM_REQUIRED)
        if decision == ProgressionApplication.Status.DEFERRED and not data.get("reasons"):
            self.add_error("reasons", services.REASONS_REQUIRED)
        return data
