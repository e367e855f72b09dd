"""Forms of the staff and team pages. They validate and normalise only; the views hand ``cleaned_data`` to
workforce.services.records, which enforces the same rules again and saves.

Widgets carry the GOV.UK Frontend classes, and after validation the error classes and ``aria-describedby``, so
that the templates' field fragment renders each field with its hint and its error message beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, ClassVar

from django import forms
from django.db.models import QuerySet

from core.concurrency import VersionedFormMixin
from workforce.codes import (
    AbsenceType,
    Contract,
    Ethnicity,
    Gender,
    LeaverDestination,
    LeavingReason,
    PostQualifyingStatus,
    QualificationRoute,
    Role,
    StartOrigin,
)
from workforce.models import CASE_TYPE_FIELDS, FTE_MAX, FTE_MIN_EXCLUSIVE, SWE_REGISTRATION_VALIDATOR, Assignment, Team
from workforce.selectors import today
from workforce.services import records

DATE_HINT = "For example, 30/09/2025"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d %m %Y", "%d %B %Y", "%d %b %Y"]
NOT_RECORDED = ("", "Not recorded")
CASES_REQUIRED_WITH_TYPES = "Enter the number of cases: the cases by type must add up to it."
TEAM_CASELOAD_PEOPLE_CHANGED = (
    "The people in post in this team have changed since the page was opened: check the rows and save again."
)

_INPUT_WIDGETS = (forms.TextInput, forms.EmailInput, forms.DateInput, forms.NumberInput)


def _with_class(widget: forms.Widget, css: str) -> None:
    classes = widget.attrs.get("class", "").split()
    if css not in classes:
        widget.attrs["class"] = " ".join([*classes, css])


def _describedby(widget: forms.Widget, element_id: str) -> None:
    ids = widget.attrs.get("aria-describedby", "").split()
    if element_id not in ids:
        widget.attrs["aria-describedby"] = " ".join([*ids, element_id])


class GovukFormMixin:
    """GOV.UK Frontend classes and ARIA attributes on every widget, and the error summary's links."""

    input_widths: ClassVar[dict[str, str]] = {}  # field name -> govuk-input--width-N / govuk-!-width-...

    def _govuk_style(self) -> None:
        for name, field in self.fields.items():
            widget = field.widget
            bound = self[name]
            if isinstance(widget, forms.RadioSelect):
                _with_class(widget, "govuk-radios__input")
                continue
            if isinstance(widget, forms.HiddenInput):
                continue
            if isinstance(widget, forms.Select):
                _with_class(widget, "govuk-select")
            elif isinstance(widget, forms.Textarea):
                _with_class(widget, "govuk-textarea")
            elif isinstance(widget, _INPUT_WIDGETS):
                _with_class(widget, "govuk-input")
                if name in self.input_widths:
                    _with_class(widget, self.input_widths[name])
            if field.help_text:
                _describedby(widget, f"{bound.auto_id}-hint")

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in self.errors:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            if isinstance(widget, forms.Select) and not isinstance(widget, forms.RadioSelect):
                _with_class(widget, "govuk-select--error")
            elif isinstance(widget, forms.Textarea):
                _with_class(widget, "govuk-textarea--error")
            elif isinstance(widget, _INPUT_WIDGETS):
                _with_class(widget, "govuk-input--error")
            if not isinstance(widget, forms.RadioSelect):
                _describedby(widget, f"{self[name].auto_id}-error")

    def error_links(self) -> list[tuple[str, str]]:
        """(anchor, message) for the error summary: each field error links to its field."""
        links = []
        first_field = next((bf for bf in self.visible_fields()), None)
        for message in self.non_field_errors():
            links.append((f"#{first_field.auto_id}" if first_field else "#main-content", message))
        for bound in self:
            for message in bound.errors:
                anchor = bound.auto_id
                if isinstance(bound.field.widget, forms.RadioSelect):
                    anchor = f"{anchor}_0"
                links.append((f"#{anchor}", message))
        return links


class GovukChoicesMixin:
    """GOV.UK checkbox and file-upload classes (call `_govuk_checkboxes()` in `__init__`), and the error styling of
    every field, also for errors a service adds after validation. Used by the CPD and evidence forms.
    """

    def _govuk_checkboxes(self) -> None:
        for field in self.fields.values():  # type: ignore[attr-defined]
            if isinstance(field.widget, forms.CheckboxSelectMultiple):
                field.widget.attrs["class"] = "govuk-checkboxes__input"
            elif isinstance(field.widget, forms.FileInput):
                field.widget.attrs["class"] = "govuk-file-upload"

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        self._style_errors()

    def add_error(self, field: str | None, error: Any) -> None:
        """Errors a service raises after validation get the same error styling as the form's own."""
        super().add_error(field, error)  # type: ignore[misc]
        self._style_errors()

    def _style_errors(self) -> None:
        for name in self.errors:  # type: ignore[attr-defined]
            field = self.fields.get(name)  # type: ignore[attr-defined]
            if field is None or isinstance(field.widget, forms.RadioSelect):
                continue
            widget = field.widget
            css = widget.attrs.get("class", "").split()
            error_class = next(
                (
                    f"{base}--error"
                    for base in ("govuk-file-upload", "govuk-textarea", "govuk-input", "govuk-select")
                    if base in css
                ),
                None,
            )
            if error_class and error_class not in css:
                widget.attrs["class"] = " ".join([*css, error_class])
            described = widget.attrs.get("aria-describedby", "").split()
            error_id = f"{self[name].auto_id}-error"  # type: ignore[index]
            if error_id not in described:
                widget.attrs["aria-describedby"] = " ".join([*described, error_id])


class GovukForm(GovukFormMixin, forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._govuk_style()


class DateField(forms.DateField):
    """A date typed as 30/09/2025 (other common spellings accepted), shown the same way."""

    widget = forms.DateInput(format="%d/%m/%Y")
    input_formats = DATE_INPUT_FORMATS

    def __init__(self, *, label: str, required: bool = True, help_text: str = DATE_HINT, **kwargs: Any) -> None:
        messages = {
            "required": f"Enter the {label[0].lower()}{label[1:]}",
            "invalid": f"{label} must be a real date, for example 30/09/2025",
        }
        messages.update(kwargs.pop("error_messages", {}))
        super().__init__(label=label, required=required, help_text=help_text, error_messages=messages, **kwargs)


def _choice(label: str, choices: Iterable[tuple[str, str]], *, required: bool = False, **kwargs: Any) -> Any:
    """A select of a code list; optional ones start with "Not recorded", required ones with "Choose…"."""
    first = ("", "Choose…") if required else NOT_RECORDED
    return forms.ChoiceField(
        label=label,
        choices=[first, *choices],
        required=required,
        error_messages={"required": f"Choose the {label.lower()}", "invalid_choice": f"Choose a {label.lower()}"},
        **kwargs,
    )


def _fte_field(*, label: str = "FTE", required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        help_text="Full-time equivalent: more than 0 and at most 1, for example 0.6",
        required=required,
        max_digits=5,
        decimal_places=4,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the FTE",
            "invalid": "FTE must be a number, for example 0.6",
            "max_digits": "FTE must be more than 0 and at most 1",
            "max_decimal_places": "FTE can have at most 4 decimal places",
            "max_whole_digits": "FTE must be more than 0 and at most 1",
        },
    )


def _clean_fte(value: Decimal | None) -> Decimal | None:
    if value is not None and not (FTE_MIN_EXCLUSIVE < value <= FTE_MAX):
        raise forms.ValidationError(records.FTE_OUT_OF_RANGE)
    return value


def _count_field(label: str, *, required: bool = False) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=0,
        max_value=9999,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "required": f"Enter the number of {label.lower()}",
            "invalid": f"{label} must be a whole number, for example 12",
            "min_value": f"{label} must be 0 or more",
            "max_value": f"{label} must be 9999 or fewer",
        },
    )


# ---------------------------------------------------------------------------
# Staff record
# ---------------------------------------------------------------------------
class WorkerForm(GovukForm, VersionedFormMixin):
    """The staff record (HR). Equality data is part of it: only HR edits staff records."""

    input_widths: ClassVar[dict[str, str]] = {
        "worker_id": "govuk-input--width-10",
        "swe_registration": "govuk-input--width-10",
        "swe_renewal_date": "govuk-input--width-10",
        "date_of_birth": "govuk-input--width-10",
    }

    worker_id = forms.CharField(
        label="Staff reference",
        max_length=30,
        error_messages={
            "required": "Enter the staff reference",
            "max_length": "Staff reference must be 30 characters or fewer",
        },
    )
    first_name = forms.CharField(
        label="First name",
        max_length=100,
        error_messages={"required": "Enter the first name", "max_length": "First name must be 100 characters or fewer"},
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=100,
        error_messages={"required": "Enter the last name", "max_length": "Last name must be 100 characters or fewer"},
    )
    email = forms.EmailField(
        label="E-mail address",
        required=False,
        error_messages={"invalid": "Enter an e-mail address in the correct format, like name@example.org"},
    )
    swe_registration = forms.CharField(
        label="Social Work England registration number",
        help_text="SW followed by up to 10 digits, for example SW123456",
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )
    swe_renewal_date = DateField(label="Registration renewal date", required=False)
    date_of_birth = DateField(label="Date of birth", required=False, help_text="For example, 27/03/1985")
    gender = _choice("Gender", Gender.choices)
    ethnicity = _choice("Ethnicity", Ethnicity.choices)
    qualification_route = _choice("Qualification route", QualificationRoute.choices)
    pq_status = _choice("Post-qualifying status", PostQualifyingStatus.choices)
    start_origin = _choice("Where they came from when they started", StartOrigin.choices)
    leaver_destination = _choice("Where they went when they left", LeaverDestination.choices)

    def clean_worker_id(self) -> str:
        return self.cleaned_data["worker_id"].strip()

    def clean_swe_registration(self) -> str:
        value = self.cleaned_data["swe_registration"].strip().upper().replace(" ", "")
        if value:
            try:
                SWE_REGISTRATION_VALIDATOR(value)
            except forms.ValidationError as exc:
                raise forms.ValidationError(
                    "Enter the Social Work England number as SW followed by up to 10 digits, for example SW123456"
                ) from exc
        return value

    def clean_date_of_birth(self) -> dt.date | None:
        value = self.cleaned_data["date_of_birth"]
        if value is not None and value > today():
            raise forms.ValidationError("Date of birth must be in the past")
        return value


# ---------------------------------------------------------------------------
# Assignments, leavers and moves
# ---------------------------------------------------------------------------
COVERS_VACANCY_CHOICES = (("", "Not recorded"), ("yes", "Yes"), ("no", "No"))


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class AssignmentForm(GovukForm, VersionedFormMixin):
    """A post held in a team, from a start date to an optional end date."""

    input_widths: ClassVar[dict[str, str]] = {
        "fte": "govuk-input--width-5",
        "start_date": "govuk-input--width-10",
        "end_date": "govuk-input--width-10",
    }

    team = forms.ModelChoiceField(
        label="Team",
        queryset=Team.objects.none(),
        empty_label="Choose…",
        error_messages={"required": "Choose the team", "invalid_choice": "Choose a team of this authority"},
    )
    role = _choice("Role", Role.choices, required=True)
    job_title = forms.CharField(
        label="Local job title or career level (optional)",
        required=False,
        max_length=100,
        error_messages={"max_length": "Job title must be 100 characters or fewer"},
    )
    contract = forms.ChoiceField(
        label="Contract",
        choices=Contract.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the contract", "invalid_choice": "Choose the contract"},
    )
    fte = _fte_field()
    start_date = DateField(label="Start date")
    end_date = DateField(
        label="End date (optional)", required=False, help_text="Leave blank while in post. " + DATE_HINT
    )
    leaving_reason = _choice("Reason for leaving", LeavingReason.choices, help_text="Only when there is an end date.")
    covers_vacancy = forms.TypedChoiceField(
        label="Does this agency worker cover a vacancy?",
        choices=COVERS_VACANCY_CHOICES,
        coerce=_yes_no,
        empty_value=None,
        required=False,
        help_text="Agency assignments only.",
    )

    def __init__(self, *args: Any, teams: QuerySet[Team], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams.order_by("name")

    def clean_fte(self) -> Decimal | None:
        return _clean_fte(self.cleaned_data.get("fte"))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end, reason = data.get("start_date"), data.get("end_date"), data.get("leaving_reason")
        if start and end and end < start:
            self.add_error("end_date", records.END_BEFORE_START)
        if end and not reason and "leaving_reason" not in self.errors:
            self.add_error("leaving_reason", records.REASON_REQUIRED_WHEN_ENDED)
        if reason and not end and "end_date" not in self.errors:
            self.add_error("leaving_reason", records.REASON_WITHOUT_END_DATE)
        if data.get("covers_vacancy") is not None and data.get("contract") == Contract.PERMANENT:
            self.add_error("covers_vacancy", records.COVERS_VACANCY_AGENCY_ONLY)
        return data

    @staticmethod
    def initial_for(assignment: Assignment) -> dict[str, Any]:
        covers = {True: "yes", False: "no"}.get(assignment.covers_vacancy, "")
        return {
            "team": assignment.team_id,
            "role": assignment.role,
            "job_title": assignment.job_title,
            "contract": assignment.contract,
            "fte": assignment.fte.normalize() if assignment.fte is not None else None,
            "start_date": assignment.start_date,
            "end_date": assignment.end_date,
            "leaving_reason": assignment.leaving_reason,
            "covers_vacancy": covers,
        }


LEAVER_REASONS = [(value, label) for value, label in LeavingReason.choices if value != LeavingReason.INTERNAL_MOVE]


class LeaverForm(GovukForm):
    """A worker leaving the authority's social work: the open assignment ends."""

    input_widths: ClassVar[dict[str, str]] = {"end_date": "govuk-input--width-10"}

    end_date = DateField(
        label="Leaving date",
        help_text="The first day they are no longer in post. " + DATE_HINT,
    )
    leaving_reason = _choice("Reason for leaving", LEAVER_REASONS, required=True)
    leaver_destination = _choice("Where they went (optional)", LeaverDestination.choices)


class TeamMoveForm(GovukForm):
    """A move to another team, role or FTE: the open assignment ends and the next starts the same day."""

    input_widths: ClassVar[dict[str, str]] = {"move_date": "govuk-input--width-10", "fte": "govuk-input--width-5"}

    move_date = DateField(
        label="Move date",
        help_text="The current assignment ends on this date and the new one starts on it. " + DATE_HINT,
    )
    team = forms.ModelChoiceField(
        label="New team",
        queryset=Team.objects.none(),
        empty_label="Choose…",
        error_messages={"required": "Choose the new team", "invalid_choice": "Choose a team of this authority"},
    )
    role = _choice("Role", Role.choices, required=True)
    fte = _fte_field()
    job_title = forms.CharField(
        label="Local job title or career level (optional)",
        required=False,
        max_length=100,
        error_messages={"max_length": "Job title must be 100 characters or fewer"},
    )

    def __init__(self, *args: Any, teams: QuerySet[Team], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams.order_by("name")

    def clean_fte(self) -> Decimal | None:
        return _clean_fte(self.cleaned_data.get("fte"))


class ArchiveForm(GovukForm):
    reason = forms.CharField(
        label="Why is this record being archived?",
        help_text="For example, created in error or a duplicate of another record. Leavers are not archived.",
        max_length=255,
        error_messages={
            "required": records.ARCHIVE_REASON_REQUIRED,
            "max_length": "The reason must be 255 characters or fewer",
        },
    )


# ---------------------------------------------------------------------------
# Absences, caseloads and establishment
# ---------------------------------------------------------------------------
class AbsenceForm(GovukForm):
    input_widths: ClassVar[dict[str, str]] = {
        "start_date": "govuk-input--width-10",
        "end_date": "govuk-input--width-10",
        "working_days_lost": "govuk-input--width-5",
    }

    start_date = DateField(label="First day of absence")
    end_date = DateField(label="Last day of absence")
    type = forms.ChoiceField(
        label="Type of absence",
        choices=AbsenceType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the type of absence"},
    )
    working_days_lost = forms.DecimalField(
        label="Working days lost",
        help_text="For example, 3 or 2.5",
        max_digits=6,
        decimal_places=2,
        min_value=0,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the working days lost",
            "invalid": "Working days lost must be a number, for example 2.5",
            "min_value": "Working days lost must be 0 or more",
            "max_digits": "Working days lost must be 9999.99 or fewer",
            "max_whole_digits": "Working days lost must be 9999.99 or fewer",
            "max_decimal_places": "Working days lost can have at most 2 decimal places",
        },
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", records.ABSENCE_END_BEFORE_START)
        return data


class CaseTypesForm(GovukForm):
    """The five optional case-type counts; when any is given they must add up to ``cases``."""

    child_in_need = _count_field("Child in need")
    child_protection = _count_field("Child protection")
    child_in_care = _count_field("Child in care")
    care_leaver = _count_field("Care leaver")
    other_cases = _count_field("Other cases")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        by_type = {name: data.get(name) for name in CASE_TYPE_FIELDS}
        if data.get("cases") is None:
            if any(value is not None for value in by_type.values()) and "cases" not in self.errors:
                self.add_error("cases", CASES_REQUIRED_WITH_TYPES)
            return data
        try:
            records.check_case_types(data["cases"], by_type)
        except forms.ValidationError as exc:
            self.add_error("cases", exc.message_dict["cases"])
        return data

    def by_type(self) -> dict[str, int | None]:
        return {name: self.cleaned_data.get(name) for name in CASE_TYPE_FIELDS}

    def case_type_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in CASE_TYPE_FIELDS]


class CaseloadForm(CaseTypesForm):
    """One worker's caseload on a date, optionally by case type."""

    field_order = ["date", "cases", *CASE_TYPE_FIELDS]
    input_widths: ClassVar[dict[str, str]] = {
        "date": "govuk-input--width-10",
        "cases": "govuk-input--width-4",
        **dict.fromkeys(CASE_TYPE_FIELDS, "govuk-input--width-4"),
    }

    date = DateField(label="Date")
    cases = _count_field("Cases", required=True)


class EstablishmentForm(GovukForm):
    input_widths: ClassVar[dict[str, str]] = {
        "effective_from": "govuk-input--width-10",
        "establishment_fte": "govuk-input--width-5",
    }

    effective_from = DateField(label="Effective from")
    establishment_fte = forms.DecimalField(
        label="Establishment FTE",
        help_text="The funded social worker FTE of the team, for example 8.5",
        max_digits=8,
        decimal_places=2,
        min_value=0,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the establishment FTE",
            "invalid": "Establishment FTE must be a number, for example 8.5",
            "max_decimal_places": "Establishment FTE can have at most 2 decimal places",
            "max_digits": "Establishment FTE is too large",
            "max_whole_digits": "Establishment FTE is too large",
            "min_value": "Establishment FTE must be 0 or more",
        },
    )


# ---------------------------------------------------------------------------
# A team's caseloads on one page
# ---------------------------------------------------------------------------
class TeamCaseloadDateForm(GovukForm):
    input_widths: ClassVar[dict[str, str]] = {"date": "govuk-input--width-10"}

    date = DateField(label="Date of these caseloads")


class TeamCaseloadRowForm(CaseTypesForm):
    """One person's row: blank cases means no record for them this time."""

    field_order = ["worker", "cases", *CASE_TYPE_FIELDS]
    input_widths: ClassVar[dict[str, str]] = {
        "cases": "govuk-input--width-3",
        **dict.fromkeys(CASE_TYPE_FIELDS, "govuk-input--width-3"),
    }

    worker = forms.IntegerField(widget=forms.HiddenInput)
    cases = _count_field("Cases")

    assignment: Assignment | None = None  # the row's person, set by the formset


class BaseTeamCaseloadFormSet(forms.BaseFormSet):
    """One row per person in post in the team (``assignments``, with ``latest_cases`` annotated)."""

    def __init__(self, data: Any = None, *, assignments: list[Assignment], **kwargs: Any) -> None:
        self.assignments = assignments
        self._by_worker = {a.worker_id: a for a in assignments}
        initial = [{"worker": a.worker_id, "cases": getattr(a, "latest_cases", None)} for a in assignments]
        super().__init__(data, initial=initial, **kwargs)

    def _construct_form(self, i: int, **kwargs: Any) -> forms.Form:
        form = super()._construct_form(i, **kwargs)
        worker_pk = form.initial.get("worker")
        if form.is_bound:
            try:
                worker_pk = int(form.data.get(form.add_prefix("worker"), ""))
            except ValueError:
                worker_pk = None
        form.assignment = self._by_worker.get(worker_pk)
        return form

    def clean(self) -> None:
        if any(self.errors):
            return
        posted = [form.cleaned_data.get("worker") for form in self.forms]
        if sorted(p for p in posted if p is not None) != sorted(self._by_worker):
            raise forms.ValidationError(TEAM_CASELOAD_PEOPLE_CHANGED)
        if not any(form.cleaned_data.get("cases") is not None for form in self.forms):
            raise forms.ValidationError(records.CASELOAD_NOTHING_ENTERED)

    def entries(self) -> list[records.CaseloadEntry]:
        """The rows with a number of cases, for ``caseloads_record_for_team``."""
        return [
            records.CaseloadEntry(
                worker_pk=form.cleaned_data["worker"], cases=form.cleaned_data["cases"], by_type=form.by_type()
            )
            for form in self.forms
            if form.cleaned_data.get("cases") is not None
        ]

    def form_for_worker(self, worker_pk: int) -> forms.Form | None:
        return next((form for form in self.forms if form.assignment and form.assignment.worker_id == worker_pk), None)


TeamCaseloadFormSet = forms.formset_factory(TeamCaseloadRowForm, formset=BaseTeamCaseloadFormSet, extra=0)
