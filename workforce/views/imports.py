"""TEMPORARY scaffolding: replaced by the real pages in this same change."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def _todo(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("Not built yet", status=501)


staff_list = worker_detail = team_list = team_detail = import_start = _todo
