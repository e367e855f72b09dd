"""Every file the app hands out as a download is logged: who, when, what (path and filters) and how many rows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from core.audit.models import DownloadLog
from workforce.access import get_scope


class DownloadLogMiddleware:
    """Logs responses sent as attachments (spreadsheets, PDFs, uploaded files) to signed-in users."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        disposition = response.get("Content-Disposition", "") if response.status_code == 200 else ""
        user = getattr(request, "user", None)
        if disposition.startswith("attachment") and user is not None and user.is_authenticated:
            _log(request, response, disposition)
        return response


def _filename(disposition: str) -> str:
    for part in disposition.split(";"):
        key, _, value = part.strip().partition("=")
        if key in ("filename", "filename*"):
            return value.strip('"').removeprefix("utf-8''")[:300]
    return ""


def _log(request: HttpRequest, response: HttpResponse, disposition: str) -> None:
    authority = get_scope(request.user).authority
    rows: Any = getattr(response, "data_rows", None)
    DownloadLog.objects.create(
        user=request.user,
        authority_code=authority.code if authority else "",
        path=request.path[:500],
        query=request.META.get("QUERY_STRING", "")[:1000],
        filename=_filename(disposition),
        content_type=response.get("Content-Type", "")[:120],
        rows=rows,
    )
