"""Forms of the framework pages. They validate and normalise only (text is stripped); the views hand
``cleaned_data`` to careers.services, which checks the same rules again and saves.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.db.models import QuerySet

from careers.models import CareerLevel, FrameworkItem
from core.models import User
from workforce.forms.records import DateField, GovukForm

KIND_ORDER = {kind: position for position, kind in enumerate(FrameworkItem.Kind.values)}
TITLE_MAX = FrameworkItem._meta.get_field("title").max_length


def _whole_number(label: str, *, min_value: int, max_value: int, help_text: str = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        min_value=min_value,
        max_value=max_value,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "required": f"Enter the {label[0].lower()}{label[1:]}",
            "invalid": f"{label} must be a whole number, for example {max(min_value, 2)}",
            "min_value": f"{label} must be {min_value} or more",
            "max_value": f"{label} must be {max_value} or fewer",
        },
    )


def _checkboxes(form: forms.Form, *names: str) -> None:
    """GOV.UK checkbox classes (GovukForm styles a CheckboxSelectMultiple as radios, its parent class)."""
    for name in names:
        form.fields[name].widget.attrs["class"] = "govuk-checkboxes__input"


class FrameworkAdaptForm(GovukForm):
    """A name for the new version, and a title and description for every item of the source version."""

    name = forms.CharField(
        label="Name of the adapted version",
        max_length=200,
        help_text="For example, “Northshire practice framework (2026)”. Staff see it beside their evidence.",
        error_messages={"required": "Enter a name for the adapted version"},
    )

    def __init__(self, *args: Any, items: list[FrameworkItem], **kwargs: Any) -> None:
        self.items = sorted(items, key=lambda i: (KIND_ORDER.get(i.kind, 99), i.number))
        super().__init__(*args, **kwargs)
        for item in self.items:
            label = f"{item.get_kind_display()} {item.number}"
            self.fields[f"title_{item.pk}"] = forms.CharField(
                label=label,
                max_length=TITLE_MAX,
                initial=item.title,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={
                    "required": f"Enter the wording of {label.lower()}",
                    "max_length": f"The wording of {label.lower()} must be {TITLE_MAX} characters or fewer",
                },
            )
            self.fields[f"description_{item.pk}"] = forms.CharField(
                label=f"What {label.lower()} means in practice",
                required=False,
                initial=item.description,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        self._govuk_style()

    def item_fields(self) -> list[tuple[FrameworkItem, forms.BoundField, forms.BoundField]]:
        return [(item, self[f"title_{item.pk}"], self[f"description_{item.pk}"]) for item in self.items]

    def groups(self) -> list[tuple[str, list[tuple[FrameworkItem, forms.BoundField, forms.BoundField]]]]:
        rows = self.item_fields()
        kinds = list(dict.fromkeys(item.kind for item in self.items))
        return [(f"{FrameworkItem.Kind(kind).label}s", [row for row in rows if row[0].kind == kind]) for kind in kinds]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data["wording"] = {
            item.pk: (data.get(f"title_{item.pk}", ""), data.get(f"description_{item.pk}", "")) for item in self.items
        }
        return data


class CareerLevelForm(GovukForm):
    """A level's name and position, and its criteria: principles and outcomes of the version in use, evidence, time."""

    input_widths: ClassVar[dict[str, str]] = {
        "code": "govuk-input--width-10",
        "order": "govuk-input--width-3",
        "min_accepted_evidence": "govuk-input--width-3",
        "min_months_at_previous_level": "govuk-input--width-3",
    }

    name = forms.CharField(label="Name", max_length=100, error_messages={"required": "Enter the name of the level"})
    code = forms.CharField(
        label="Code",
        max_length=30,
        help_text="A short code used in lists and imports, for example ESW.",
        error_messages={"required": "Enter a short code for the level, for example ESW"},
    )
    order = _whole_number(
        "Position on the ladder",
        min_value=1,
        max_value=99,
        help_text="1 for the first level, 2 for the next, and so on.",
    )
    description = forms.CharField(
        label="Description", required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text="Optional."
    )
    required_principles = forms.MultipleChoiceField(
        label="Principles that accepted evidence must cover",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose principles from the list"},
    )
    required_outcomes = forms.MultipleChoiceField(
        label="Outcomes that accepted evidence must cover",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose outcomes from the list"},
    )
    min_accepted_evidence = _whole_number("Accepted pieces of evidence needed", min_value=0, max_value=99)
    min_months_at_previous_level = _whole_number(
        "Months at the level below needed",
        min_value=0,
        max_value=240,
        help_text="0 when there is no minimum time, for example for the first level.",
    )
    in_use = forms.BooleanField(
        label="In use",
        required=False,
        help_text="Untick to take the level out of use. It is kept, with the people who held it.",
    )

    def __init__(self, *args: Any, items: list[FrameworkItem], editing: bool = False, **kwargs: Any) -> None:
        self.items = {item.pk: item for item in items}
        super().__init__(*args, **kwargs)
        self.fields["required_principles"].choices = [
            (str(i.pk), f"{i.number}. {i.title}") for i in items if i.kind == FrameworkItem.Kind.PRINCIPLE
        ]
        self.fields["required_outcomes"].choices = [
            (str(i.pk), f"{i.number}. {i.title}") for i in items if i.kind == FrameworkItem.Kind.OUTCOME
        ]
        if not editing:
            del self.fields["in_use"]
        _checkboxes(self, "required_principles", "required_outcomes")

    @classmethod
    def initial_for(cls, level: CareerLevel, items: list[FrameworkItem]) -> dict[str, Any]:
        """The level as it is; required items are ticked by meaning (key), whichever version they were saved in."""
        keys = {item.key for item in level.required_items.all()}
        ticked = [str(item.pk) for item in items if item.key in keys]
        return {
            "name": level.name,
            "code": level.code,
            "order": level.order,
            "description": level.description,
            "required_principles": ticked,
            "required_outcomes": ticked,
            "min_accepted_evidence": level.min_accepted_evidence,
            "min_months_at_previous_level": level.min_months_at_previous_level,
            "in_use": level.disabled_on is None,
        }

    def clean_name(self) -> str:
        return self.cleaned_data["name"].strip()

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip().upper()

    def clean_description(self) -> str:
        return self.cleaned_data["description"].strip()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        chosen = [*data.pop("required_principles", []), *data.pop("required_outcomes", [])]
        data["required_items"] = [self.items[int(pk)] for pk in chosen]
        return data


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.full_name} ({obj.email})" if obj.full_name else obj.email


class PanelForm(GovukForm):
    name = forms.CharField(label="Name", max_length=200, error_messages={"required": "Enter the name of the panel"})
    members = MemberChoiceField(
        label="Members",
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="People of the authority who hold the panel member role.",
        error_messages={"invalid_choice": "Choose members from the list", "invalid_pk_value": "Choose from the list"},
    )
    in_use = forms.BooleanField(
        label="In use",
        required=False,
        help_text="Untick when the panel no longer meets. It is kept, with its decisions.",
    )

    def __init__(self, *args: Any, candidates: QuerySet[User], editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = candidates
        if not editing:
            del self.fields["in_use"]
        _checkboxes(self, "members")

    def clean_name(self) -> str:
        return self.cleaned_data["name"].strip()


class CareersSettingsForm(GovukForm):
    input_widths: ClassVar[dict[str, str]] = {"review_overdue_days": "govuk-input--width-3"}

    review_overdue_days = _whole_number(
        "Review overdue after (days)",
        min_value=1,
        max_value=365,
        help_text="Evidence waiting for its manager's review longer than this is shown as overdue.",
    )


class WorkerLevelForm(GovukForm):
    input_widths: ClassVar[dict[str, str]] = {"effective_from": "govuk-input--width-10"}

    level = forms.ModelChoiceField(
        label="Career level",
        queryset=CareerLevel.objects.none(),
        empty_label="Choose…",
        error_messages={"required": "Choose the career level", "invalid_choice": "Choose a level from the list"},
    )
    effective_from = DateField(label="From")
    note = forms.CharField(
        label="Note",
        max_length=255,
        required=False,
        help_text="Optional. For example, “Joined from Westshire as a senior practitioner”.",
    )

    def __init__(self, *args: Any, levels: QuerySet[CareerLevel], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = levels

    def clean_note(self) -> str:
        return self.cleaned_data["note"].strip()
