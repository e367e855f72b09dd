"""Forms of the administrator's settings pages. They validate and normalise only; the views hand ``cleaned_data``
to workforce.services.settings, which checks the same rules again and saves.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from django import forms

from workforce.forms.records import DateField, GovukForm
from workforce.models import ComparatorFigure, IndicatorKey, IndicatorTarget, TeamThreshold, WorkloadSettings
from workforce.services import settings as services

MAX_THRESHOLD = 999
MAX_CAPACITY = 9999
MAX_POINTS = Decimal("9999.9")


def _whole_number(label: str, *, min_value: int = 0, max_value: int, help_text: str = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        min_value=min_value,
        max_value=max_value,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "required": f"Enter the {label[0].lower()}{label[1:]}",
            "invalid": f"{label} must be a whole number, for example 20",
            "min_value": f"{label} must be {min_value} or more",
            "max_value": f"{label} must be {max_value} or fewer",
        },
    )


def _points(label: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=Decimal("0"),
        max_value=MAX_POINTS,
        max_digits=5,
        decimal_places=1,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "required": f"Enter the {label[0].lower()}{label[1:]}",
            "invalid": f"{label} must be a number, for example 4 or 2.5",
            "min_value": f"{label} must be 0 or more",
            "max_value": f"{label} must be {MAX_POINTS} or fewer",
            "max_digits": f"{label} must be {MAX_POINTS} or fewer",
            "max_whole_digits": f"{label} must be {MAX_POINTS} or fewer",
            "max_decimal_places": f"{label} can have at most 1 decimal place",
        },
    )


def _value_field() -> forms.DecimalField:
    return forms.DecimalField(
        label="Value",
        help_text="A percentage for rates (for example 15.9), or a number of cases for the average caseload.",
        min_value=Decimal("0"),
        max_digits=7,
        decimal_places=1,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the value",
            "invalid": "Value must be a number, for example 15.9",
            "min_value": "Value must be 0 or more",
            "max_digits": "Value must be 999999.9 or less",
            "max_whole_digits": "Value must be 999999.9 or less",
            "max_decimal_places": "Value can have at most 1 decimal place",
        },
    )


def _indicator_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Indicator",
        choices=[("", "Choose…"), *IndicatorKey.choices],
        error_messages={"required": "Choose the indicator", "invalid_choice": "Choose an indicator from the list"},
    )


def _plain(value: Decimal) -> Decimal:
    """4.0 as 4 and 2.50 as 2.5, never in exponent form (Decimal("10.0").normalize() is 1E+1)."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _check_rate(form: forms.Form, data: dict[str, Any]) -> None:
    indicator, value = data.get("indicator"), data.get("value")
    if indicator in services.PERCENTAGE_INDICATORS and value is not None and value > 100:
        form.add_error("value", services.RATE_ABOVE_HUNDRED.format(indicator=IndicatorKey(indicator).label))


class ThresholdsMixin:
    """The ASYE threshold is not above the main one (ASYE workers get the lower threshold)."""

    def clean(self) -> dict[str, Any]:
        data = super().clean()  # type: ignore[misc]
        main, asye = data.get("caseload_threshold"), data.get("asye_caseload_threshold")
        if main is not None and asye is not None and asye > main:
            self.add_error(  # type: ignore[attr-defined]
                "asye_caseload_threshold", services.ASYE_THRESHOLD_ABOVE_MAIN.format(threshold=main)
            )
        return data


class WorkloadSettingsForm(ThresholdsMixin, GovukForm):
    """The authority's caseload thresholds, capacity and points per case type."""

    input_widths: ClassVar[dict[str, str]] = dict.fromkeys(services.WORKLOAD_FIELDS, "govuk-input--width-4")
    THRESHOLD_FIELDS = ("caseload_threshold", "asye_caseload_threshold")
    CAPACITY_FIELDS = ("capacity_points_per_fte", "asye_capacity_points_per_fte")
    POINTS_FIELDS = tuple(name for name in services.WORKLOAD_FIELDS if name.endswith("_points"))

    caseload_threshold = _whole_number(
        "Caseload threshold",
        max_value=MAX_THRESHOLD,
        help_text="A worker holding more cases than this is shown as over the threshold.",
    )
    asye_caseload_threshold = _whole_number(
        "ASYE caseload threshold",
        max_value=MAX_THRESHOLD,
        help_text="The same for workers in their assessed and supported year in employment. "
        "It must not be above the caseload threshold.",
    )
    capacity_points_per_fte = _whole_number(
        "Capacity points per FTE",
        min_value=1,
        max_value=MAX_CAPACITY,
        help_text="The workload points a full-time worker can hold; a part-time worker’s capacity is in proportion.",
    )
    asye_capacity_points_per_fte = _whole_number(
        "ASYE capacity points per FTE",
        max_value=MAX_CAPACITY,
        help_text="The same for ASYE workers. It must not be above the capacity of other workers.",
    )
    child_in_need_points = _points("Points for a child in need case")
    child_protection_points = _points("Points for a child protection case")
    child_in_care_points = _points("Points for a child in care case")
    care_leaver_points = _points("Points for a care leaver case")
    other_cases_points = _points("Points for another case")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        capacity, asye = data.get("capacity_points_per_fte"), data.get("asye_capacity_points_per_fte")
        if capacity is not None and asye is not None and asye > capacity:
            self.add_error("asye_capacity_points_per_fte", services.ASYE_CAPACITY_ABOVE_MAIN.format(capacity=capacity))
        return data

    @staticmethod
    def initial_for(settings: WorkloadSettings) -> dict[str, Any]:
        initial: dict[str, Any] = {name: getattr(settings, name) for name in services.WORKLOAD_FIELDS}
        for name in WorkloadSettingsForm.POINTS_FIELDS:
            initial[name] = _plain(Decimal(initial[name]))
        return initial


class TeamThresholdForm(ThresholdsMixin, GovukForm):
    """A team's own caseload thresholds."""

    input_widths: ClassVar[dict[str, str]] = {
        "caseload_threshold": "govuk-input--width-4",
        "asye_caseload_threshold": "govuk-input--width-4",
    }

    caseload_threshold = _whole_number(
        "Caseload threshold",
        max_value=MAX_THRESHOLD,
        help_text="A worker in this team holding more cases than this is shown as over the threshold.",
    )
    asye_caseload_threshold = _whole_number(
        "ASYE caseload threshold",
        max_value=MAX_THRESHOLD,
        help_text="The same for ASYE workers. It must not be above the caseload threshold.",
    )

    @staticmethod
    def initial_for(threshold: TeamThreshold | None, settings: WorkloadSettings) -> dict[str, Any]:
        source = threshold or settings
        return {
            "caseload_threshold": source.caseload_threshold,
            "asye_caseload_threshold": source.asye_caseload_threshold,
        }


class IndicatorTargetForm(GovukForm):
    """The authority's target for an indicator, from a date."""

    input_widths: ClassVar[dict[str, str]] = {
        "value": "govuk-input--width-5",
        "effective_from": "govuk-input--width-10",
    }

    indicator = _indicator_field()
    value = _value_field()
    effective_from = DateField(
        label="Effective from",
        help_text="The target applies from this date until a later target for the same indicator. "
        "For example, 1/4/2025",
        error_messages={"required": "Enter the date the target applies from"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        _check_rate(self, data)
        return data

    @staticmethod
    def initial_for(target: IndicatorTarget) -> dict[str, Any]:
        return {"indicator": target.indicator, "value": target.value, "effective_from": target.effective_from}


COMPARATOR_KIND_CHOICES = [
    (kind.value, kind.label) for kind in (ComparatorFigure.Kind.REGION, ComparatorFigure.Kind.STATISTICAL_NEIGHBOURS)
]


class ComparatorFigureForm(GovukForm):
    """A regional or statistical-neighbour figure to compare the authority's indicators with."""

    input_widths: ClassVar[dict[str, str]] = {
        "label": "govuk-!-width-two-thirds",
        "as_at": "govuk-input--width-10",
        "value": "govuk-input--width-5",
    }

    kind = forms.ChoiceField(
        label="Kind of figure",
        choices=COMPARATOR_KIND_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of figure", "invalid_choice": "Choose the kind of figure"},
    )
    label = forms.CharField(
        label="Label",
        help_text="As the dashboard will show it, for example North West or Statistical neighbours.",
        max_length=100,
        error_messages={"required": "Enter the label", "max_length": "Label must be 100 characters or fewer"},
    )
    as_at = DateField(
        label="Census date", help_text="The date the figure is for, usually 30 September. For example, 30/09/2025"
    )
    indicator = _indicator_field()
    value = _value_field()
    source = forms.CharField(
        label="Source (optional)",
        help_text="Where the figure comes from, for example the regional workforce benchmarking report.",
        required=False,
        max_length=255,
        error_messages={"max_length": "Source must be 255 characters or fewer"},
    )

    def clean_label(self) -> str:
        value = self.cleaned_data["label"].strip()
        if not value:
            raise forms.ValidationError("Enter the label")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        _check_rate(self, data)
        return data

    @staticmethod
    def initial_for(figure: ComparatorFigure) -> dict[str, Any]:
        return {
            "kind": figure.kind,
            "label": figure.label,
            "as_at": figure.as_at,
            "indicator": figure.indicator,
            "value": figure.value,
            "source": figure.source,
        }
