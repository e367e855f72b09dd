"""The upload form of the import page: the kind of file and the file. It validates only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings

from workforce.imports.reading import human_size
from workforce.imports.schemas import KIND_HINTS, KIND_LABELS

KIND_REQUIRED = "Select the kind of file you are importing"
FILE_REQUIRED = "Select a CSV or Excel file to import"
FILE_EMPTY = "The selected file is empty"
FILE_TOO_LARGE = "The selected file must be smaller than {limit}"


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(error_messages={"required": KIND_REQUIRED, "invalid_choice": KIND_REQUIRED})
    file = forms.FileField(
        allow_empty_file=True,
        error_messages={"required": FILE_REQUIRED, "invalid": FILE_REQUIRED, "missing": FILE_REQUIRED},
    )

    def __init__(self, *args: Any, kinds: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind, KIND_LABELS[kind]) for kind in kinds]
        if len(kinds) == 1:
            self.fields["kind"].initial = kinds[0]

    def kind_options(self) -> list[dict[str, Any]]:
        """The radios, with their hints and whether each is checked."""
        current = self.data.get("kind") if self.is_bound else self.fields["kind"].initial
        return [
            {"value": value, "label": label, "hint": KIND_HINTS[value], "checked": value == current}
            for value, label in self.fields["kind"].choices
        ]

    def clean_file(self) -> Any:
        uploaded = self.cleaned_data["file"]
        if uploaded.size == 0:
            raise forms.ValidationError(FILE_EMPTY)
        if uploaded.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(FILE_TOO_LARGE.format(limit=human_size(settings.IMPORT_MAX_BYTES)))
        return uploaded
