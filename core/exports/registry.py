"""The export registry: each downloadable table is a declarative class registered here (house style 9).

An export declares an ``id``, a ``name``, who may use it (``allowed(user)``), ordered ``field_titles``
and a ``rows(request)`` generator over the same filtered query the page shows. The one export view checks
``allowed`` and renders through core.exports.xlsx.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, ClassVar

from django.http import HttpRequest
from django.urls import reverse

from core.exports.xlsx import Sheet

_REGISTRY: dict[str, type[Export]] = {}


class Export:
    id: ClassVar[str]
    name: ClassVar[str]
    field_titles: ClassVar[Sequence[tuple[str, str]]]  # (field, column title), in column order
    column_widths: ClassVar[Sequence[int] | None] = None

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    @classmethod
    def allowed(cls, user: Any) -> bool:
        raise NotImplementedError

    def rows(self) -> Iterator[Sequence[Any]]:
        raise NotImplementedError

    def sheets(self) -> list[Sheet]:
        return [
            Sheet(
                title=self.name,
                headers=[title for _, title in self.field_titles],
                rows=self.rows(),
                column_widths=self.column_widths,
            )
        ]


def register(export: type[Export]) -> type[Export]:
    if export.id in _REGISTRY:
        raise ValueError(f"An export with id {export.id!r} is already registered.")
    _REGISTRY[export.id] = export
    return export


def download_url(export: type[Export], querystring: str = "") -> str:
    """The address that downloads an export; a list's query string carries its filters to the download."""
    url = reverse("core:export_download", args=[export.id])
    return f"{url}?{querystring}" if querystring else url


def get_export(export_id: str) -> type[Export] | None:
    return _REGISTRY.get(export_id)


def all_exports() -> dict[str, type[Export]]:
    return dict(_REGISTRY)
