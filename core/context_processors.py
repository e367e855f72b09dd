"""Template context every page needs: the service and authority names, and the navigation."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from core.navigation import navigation_for
from workforce.access import get_scope


def navigation(request: HttpRequest) -> dict[str, Any]:
    scope = get_scope(getattr(request, "user", None))
    return {
        "service_name": settings.SERVICE_NAME,
        "header_name": scope.authority.name if scope.authority else settings.SERVICE_NAME,
        "scope": scope,
        "navigation": navigation_for(request.user, request.path) if request.user.is_authenticated else [],
    }
