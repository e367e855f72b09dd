"""Forms of the mandatory training pages: they validate and normalise; cpd.services.training saves."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django import forms
from django.conf import settings
from django.db.models import QuerySet

from cpd.models import TrainingCourse
from cpd.services import training as services
from workforce.forms.records import DateField, GovukForm
from workforce.imports.reading import human_size

FILE_REQUIRED = "Choose a CSV or Excel (.xlsx) file"
FILE_TOO_LARGE = "The file must be smaller than {limit}"


class TrainingCourseForm(GovukForm):
    input_widths: ClassVar[dict[str, str]] = {
        "code": "govuk-input--width-10",
        "validity_months": "govuk-input--width-4",
        "disabled_on": "govuk-input--width-10",
    }

    code = forms.CharField(
        label="Code",
        max_length=30,
        help_text="Short and unique, used in import files, for example SAFEG3",
        error_messages={"required": services.CODE_REQUIRED, "max_length": "Use 30 characters or fewer"},
    )
    name = forms.CharField(
        label="Name",
        max_length=200,
        error_messages={"required": services.NAME_REQUIRED, "max_length": "Use 200 characters or fewer"},
    )
    description = forms.CharField(
        label="Description (optional)", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    validity_months = forms.IntegerField(
        label="Valid for (months)",
        required=False,
        min_value=1,
        max_value=240,
        help_text="Leave empty if it never needs refreshing",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "invalid": "Enter the months as a whole number, for example 36",
            "min_value": "Enter at least 1 month",
            "max_value": "Enter at most 240 months",
        },
    )
    disabled_on = DateField(
        label="No longer required from",
        required=False,
        help_text="Optional. For example, 31/03/2027. The course and its completions are kept",
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip()

    def clean_name(self) -> str:
        return self.cleaned_data["name"].strip()

    def clean_description(self) -> str:
        return self.cleaned_data["description"].strip()


class TrainingCompletionForm(GovukForm):
    input_widths: ClassVar[dict[str, str]] = {"completed_on": "govuk-input--width-10"}

    course = forms.ModelChoiceField(
        label="Course",
        queryset=TrainingCourse.objects.none(),
        empty_label="Choose…",
        error_messages={"required": "Choose the course", "invalid_choice": "Choose one of the courses"},
    )
    completed_on = DateField(label="Date completed")
    note = forms.CharField(label="Note (optional)", required=False, max_length=255)

    def __init__(self, *args: Any, courses: QuerySet[TrainingCourse], today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses
        self.today = today

    def clean_completed_on(self) -> dt.date:
        completed_on = self.cleaned_data["completed_on"]
        if completed_on > self.today:
            raise forms.ValidationError(services.COMPLETED_IN_FUTURE)
        return completed_on

    def clean_note(self) -> str:
        return self.cleaned_data["note"].strip()


class TrainingImportForm(GovukForm):
    file = forms.FileField(
        label="File of completions",
        help_text="CSV (UTF-8) or Excel (.xlsx) with the columns worker_id, course_code and completed_on",
        widget=forms.FileInput(attrs={"class": "govuk-file-upload", "accept": ".csv,.xlsx"}),
        error_messages={"required": FILE_REQUIRED, "empty": "The file is empty", "invalid": FILE_REQUIRED},
    )

    def full_clean(self) -> None:
        super().full_clean()
        if "file" in self.errors:
            widget = self.fields["file"].widget
            widget.attrs["class"] = "govuk-file-upload govuk-file-upload--error"
            widget.attrs["aria-describedby"] = f"{self['file'].auto_id}-hint {self['file'].auto_id}-error"

    def clean_file(self) -> Any:
        uploaded = self.cleaned_data["file"]
        if uploaded.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(FILE_TOO_LARGE.format(limit=human_size(settings.IMPORT_MAX_BYTES)))
        return uploaded
