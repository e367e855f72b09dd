"""Helpers every app's form views share."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest


def posted(request: HttpRequest) -> Any:
    """The submitted data on a POST (even an empty one, so that its form is bound and shows what is missing)."""
    return request.POST if request.method == "POST" else None


def apply_service_errors(form: Form, exc: ValidationError, aliases: Mapping[str, str] | None = None) -> None:
    """Show a service's ValidationError on the form: beside the field it names (or the form field an alias maps
    the service's name to), else at the top.
    """
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            field = (aliases or {}).get(name, name)
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
