"""Django admin is for administrators only: superusers who also hold the administrator role."""

from __future__ import annotations

from allauth.account.decorators import secure_admin_login
from django.contrib.admin import AdminSite
from django.http import HttpRequest

from workforce.access import get_scope


def restrict_admin_to_administrators(site: AdminSite) -> None:
    def has_permission(request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_staff and (user.is_superuser or get_scope(user).is_administrator))

    site.has_permission = has_permission  # type: ignore[method-assign]
    # Signing in to the admin goes through allauth, so MFA and lock-out apply there too.
    site.login = secure_admin_login(site.login)  # type: ignore[method-assign]
    site.site_header = "Equipped administration"
    site.site_title = "Equipped administration"
