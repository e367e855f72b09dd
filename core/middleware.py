"""Request plumbing: multi-factor authentication for the roles in settings.MFA_REQUIRED_ROLES, and the
Permissions-Policy header."""

from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from workforce.access import get_scope

# Paths a user without MFA may still use, so that they can set it up or sign out.
EXEMPT_PREFIXES = ("/accounts/", "/static/", "/healthz")


class RequireMfaMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._must_set_up_mfa(request):
            return redirect("core:mfa_required")
        return self.get_response(request)

    @staticmethod
    def _must_set_up_mfa(request: HttpRequest) -> bool:
        required = set(settings.MFA_REQUIRED_ROLES)
        user = request.user
        if not required or not user.is_authenticated or request.path.startswith(EXEMPT_PREFIXES):
            return False
        if request.path == "/mfa-required/":
            return False
        if not (get_scope(user).roles & required):
            return False
        return not Authenticator.objects.filter(user=user).exclude(type=Authenticator.Type.RECOVERY_CODES).exists()


# Browser features the service never uses, switched off for every page (and any frame or script on it).
# WebAuthn (passkeys, security keys) is not listed: it must stay allowed.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class PermissionsPolicyMiddleware:
    """Adds the Permissions-Policy header to every response that has none."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Permissions-Policy" not in response:
            response["Permissions-Policy"] = PERMISSIONS_POLICY
        return response
