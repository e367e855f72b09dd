"""Forms of the CPD record pages, with the fields in the order of Social Work England's online form.

They validate and normalise only (text stripped, dates and hours as domain types); the rules that depend on
whether the record is being recorded or kept as a draft live in cpd.services.records, whose errors the views
show beside the fields named here.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from django import forms

from core.attachments import max_bytes
from core.concurrency import VersionedFormMixin, version_of
from cpd.models import ActivityType, CpdRecord, Standard, Standard4Part
from workforce.forms.records import DateField, GovukChoicesMixin, GovukForm

ACTION_DRAFT = "draft"
ACTION_RECORD = "record"
FILE_HINT = "A PDF, Word or OpenDocument file, a JPEG or PNG image, or plain text, smaller than {limit} MB"


def _text(label: str, *, required: bool = False, max_length: int | None = None, **kwargs: Any) -> forms.CharField:
    messages = {"required": f"Enter {label[0].lower()}{label[1:]}"}
    if max_length:
        messages["max_length"] = f"{label} must be {max_length} characters or fewer"
    return forms.CharField(
        label=label, required=required, max_length=max_length, strip=True, error_messages=messages, **kwargs
    )


def _area(label: str, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label, required=False, strip=True, help_text=help_text, widget=forms.Textarea(attrs={"rows": 5})
    )


class CpdRecordForm(GovukChoicesMixin, GovukForm, VersionedFormMixin):
    """A written record: title, type, date(s), description, learning, impact, peer reflection, standards, hours."""

    input_widths: ClassVar[dict[str, str]] = {
        "start_date": "govuk-input--width-10",
        "end_date": "govuk-input--width-10",
        "hours": "govuk-input--width-5",
    }
    is_document: ClassVar[bool] = False

    title = _text(
        "Title",
        required=True,
        max_length=200,
        help_text="A short name for the activity, for example “Exploitation and county lines training”",
    )
    activity_type = forms.ChoiceField(
        label="Type of CPD",
        choices=ActivityType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the type of CPD", "invalid_choice": "Choose a type of CPD from the list"},
    )
    start_date = DateField(label="Date of the activity", help_text="The first day, for example 12/03/2026")
    end_date = DateField(
        label="End date (if it lasted more than a day)", required=False, help_text="For example 14/03/2026"
    )
    description = _area(
        "Description of the activity and why it is relevant",
        "What you did, and why it matters for your work with children and families",
    )
    learning = _area("What you learned")
    impact = _area(
        "The impact on your practice and the people you work with",
        "What you do differently, or will do, and what it has meant for children and families",
    )
    peer_reflection = _area(
        "What you learned from reflecting on it with a peer",
        "A colleague, supervision, group supervision or a reflective team meeting all count",
    )
    peer_name = _text("Peer's name", max_length=200)
    peer_role = _text("Peer's role", max_length=200, help_text="For example, team manager or senior practitioner")
    standards = forms.MultipleChoiceField(
        label="Which professional standards does it relate to?",
        choices=Standard.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
        error_messages={"invalid_choice": "Choose standards from the list"},
    )
    standard_4_parts = forms.MultipleChoiceField(
        label="Which parts of standard 4?",
        choices=Standard4Part.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
        error_messages={"invalid_choice": "Choose parts of standard 4 from the list"},
    )
    hours = forms.DecimalField(
        label="Time spent (hours)",
        required=False,
        min_value=Decimal("0"),
        max_digits=5,
        decimal_places=2,
        help_text="For example, 6.5",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "invalid": "Time spent must be a number of hours, for example 6.5",
            "min_value": "Time spent must be 0 hours or more",
            "max_digits": "Time spent must be less than 1000 hours",
            "max_whole_digits": "Time spent must be less than 1000 hours",
            "max_decimal_places": "Time spent can have at most 2 decimal places",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._govuk_checkboxes()

    @staticmethod
    def initial_for(record: CpdRecord) -> dict[str, Any]:
        return {"version": version_of(record)} | {
            name: getattr(record, name)
            for name in (
                "title",
                "activity_type",
                "start_date",
                "end_date",
                "description",
                "learning",
                "impact",
                "peer_reflection",
                "peer_name",
                "peer_role",
                "standards",
                "standard_4_parts",
                "hours",
            )
        }

    # Sections of the page, in SWE's order (the template renders each group under its own heading).
    def about_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("title", "activity_type", "start_date", "end_date")]

    def reflection_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("description", "learning", "impact")]

    def peer_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("peer_reflection", "peer_name", "peer_role")]


class CpdDocumentForm(CpdRecordForm):
    """An existing document (an ASYE review, a course certificate with notes) uploaded as a piece of CPD."""

    is_document: ClassVar[bool] = True
    learning = None  # type: ignore[assignment]
    impact = None  # type: ignore[assignment]
    description = _area("A short note about the document (optional)", "What it is and why it is relevant")
    document = forms.FileField(
        label="The document",
        required=False,  # the service says so beside the field, with the other errors
        help_text=FILE_HINT.format(limit=max_bytes() // (1024 * 1024)),
    )
    field_order: ClassVar[list[str]] = [
        "title",
        "activity_type",
        "start_date",
        "end_date",
        "document",
        "description",
        "peer_reflection",
        "peer_name",
        "peer_role",
        "standards",
        "standard_4_parts",
        "hours",
    ]

    def reflection_fields(self) -> list[forms.BoundField]:
        return [self["description"]]


class CpdDocumentEditForm(CpdDocumentForm):
    """A document record's details; its file is changed through the record page's attachments."""

    document = None  # type: ignore[assignment]


class AttachmentForm(GovukChoicesMixin, GovukForm):
    file = forms.FileField(
        label="Upload a file",
        help_text=FILE_HINT.format(limit=max_bytes() // (1024 * 1024)),
        error_messages={"required": "Select a file to upload"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._govuk_checkboxes()
