"""Forms of the evidence pages. They validate and normalise only; careers.services.evidence decides what may be
saved or submitted, and the views show its errors beside the fields named here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet

from careers.models import FrameworkItem
from core.attachments import check_upload, max_bytes
from core.concurrency import VersionedFormMixin, version_of
from cpd.models import CpdRecord
from workforce.forms.records import DateField, GovukChoicesMixin, GovukForm
from workforce.selectors import today

FILE_HINT = "A PDF, Word or OpenDocument file, a JPEG or PNG image, or plain text, smaller than {limit} MB"
ERROR_FUTURE = "When it happened must be today or in the past"


def _area(label: str, help_text: str) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, strip=True, help_text=help_text, widget=forms.Textarea(attrs={"rows": 6})
    )


class _ItemChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        if isinstance(obj, FrameworkItem):
            return f"{obj.get_kind_display()} {obj.number}: {obj.title}"
        return f"{obj.title} ({obj.start_date:%-d %B %Y})"


def _checkboxes(label: str, help_text: str, model: type = FrameworkItem) -> _ItemChoiceField:
    """An optional set of checkboxes; the form gives each its choices (a queryset) when it is made."""
    return _ItemChoiceField(
        label=label,
        queryset=model.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
    )


class EvidenceForm(GovukChoicesMixin, GovukForm, VersionedFormMixin):
    """A piece of practice: what happened, what the worker did, the impact; the principles and outcomes it shows."""

    input_widths: ClassVar[dict[str, str]] = {"practice_date": "govuk-input--width-10"}

    title = forms.CharField(
        label="Title",
        max_length=200,
        strip=True,
        help_text="A short name for this piece of practice, for example “Family network meeting for the A children”",
        error_messages={"required": "Enter a title", "max_length": "Title must be 200 characters or fewer"},
    )
    practice_date = DateField(label="When it happened", required=False, help_text="For example, 3/2/2026")
    what_happened = _area("What happened", "The situation, without names: use initials or “the child”.")
    what_i_did = _area("What you did", "Your own part: the decisions you made and why.")
    impact = _area("The impact for the child and family", "What changed for them, and how you know.")
    principles = _checkboxes("Principles of practice", "Choose every principle this piece of practice shows.")
    outcomes = _checkboxes("Outcomes", "Choose every outcome it helped to achieve.")
    pcf_domains = _checkboxes(
        "Professional Capabilities Framework domains (optional)",
        "BASW’s nine domains this practice shows, if you map your evidence to them.",
    )
    pqs_standards = _checkboxes(
        "Post-qualifying standards (optional)",
        "The areas of the DfE knowledge and skills statement this practice shows.",
    )
    cpd_records = _checkboxes("Your CPD records (optional)", "Link the learning this practice drew on.", CpdRecord)

    def __init__(
        self,
        *args: Any,
        items: QuerySet[FrameworkItem],
        cpd_records: QuerySet[CpdRecord],
        mappings: QuerySet[FrameworkItem] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["principles"].queryset = items.filter(kind=FrameworkItem.Kind.PRINCIPLE)
        self.fields["outcomes"].queryset = items.filter(kind=FrameworkItem.Kind.OUTCOME)
        mappings = mappings if mappings is not None else FrameworkItem.objects.none()
        for name, kind in (("pcf_domains", FrameworkItem.Kind.DOMAIN), ("pqs_standards", FrameworkItem.Kind.STANDARD)):
            self.fields[name].queryset = mappings.filter(kind=kind)
            if not self.fields[name].queryset.exists():
                del self.fields[name]
        self.fields["cpd_records"].queryset = cpd_records
        if not cpd_records.exists():
            del self.fields["cpd_records"]
        self._govuk_checkboxes()

    def clean_practice_date(self) -> dt.date | None:
        value = self.cleaned_data.get("practice_date")
        if value is not None and value > today():
            raise forms.ValidationError(ERROR_FUTURE)
        return value

    def service_data(self) -> dict[str, Any]:
        """cleaned_data in the service's terms: principles and outcomes together as ``items``."""
        data = dict(self.cleaned_data)
        data["items"] = [
            *data.pop("principles", []),
            *data.pop("outcomes", []),
            *data.pop("pcf_domains", []),
            *data.pop("pqs_standards", []),
        ]
        data["cpd_records"] = list(data.get("cpd_records") or [])
        return data

    @staticmethod
    def initial_for(evidence: Any) -> dict[str, Any]:
        items = list(evidence.items.all())
        return {
            "version": version_of(evidence),
            "title": evidence.title,
            "practice_date": evidence.practice_date,
            "what_happened": evidence.what_happened,
            "what_i_did": evidence.what_i_did,
            "impact": evidence.impact,
            "principles": [i.pk for i in items if i.kind == FrameworkItem.Kind.PRINCIPLE],
            "outcomes": [i.pk for i in items if i.kind == FrameworkItem.Kind.OUTCOME],
            "pcf_domains": [i.pk for i in items if i.kind == FrameworkItem.Kind.DOMAIN],
            "pqs_standards": [i.pk for i in items if i.kind == FrameworkItem.Kind.STANDARD],
            "cpd_records": [r.pk for r in evidence.cpd_records.all()],
        }


class ReviewForm(GovukForm):
    """The reviewer's comment; required to return the evidence (the service says so), optional to accept it."""

    comment = forms.CharField(
        label="Comments",
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Needed to return the evidence: say what needs to change. Optional when you accept it.",
    )


class EvidenceAttachmentForm(GovukChoicesMixin, GovukForm):
    file = forms.FileField(
        label="Upload a file",
        help_text=FILE_HINT.format(limit=max_bytes() // (1024 * 1024)),
        error_messages={"required": "Select a file to upload"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._govuk_checkboxes()

    def clean_file(self) -> UploadedFile:
        uploaded = self.cleaned_data["file"]
        check_upload(uploaded)
        return uploaded
