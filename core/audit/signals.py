"""Sign-ins, failed sign-ins and sign-outs, recorded from Django's auth signals (allauth and passkeys send them)."""

from __future__ import annotations

from typing import Any

from axes.helpers import get_client_ip_address
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from core.audit.models import SignInEvent


def _request_details(request: Any) -> dict[str, Any]:
    if request is None:
        return {}
    ip = None
    try:
        ip = get_client_ip_address(request) or None
    except Exception:  # noqa: BLE001 - an unreadable address must never stop a sign-in
        ip = request.META.get("REMOTE_ADDR") or None
    return {"ip_address": ip, "user_agent": request.META.get("HTTP_USER_AGENT", "")[:300]}


def _method(request: Any) -> str:
    session = getattr(request, "session", None)
    try:
        methods = session.get("account_authentication_methods", []) if session is not None else []
        return str(methods[-1].get("method", ""))[:30] if methods else ""
    except (AttributeError, IndexError, TypeError):
        return ""


@receiver(user_logged_in, dispatch_uid="audit_signed_in")
def _signed_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    SignInEvent.objects.create(
        outcome=SignInEvent.Outcome.SUCCESS,
        user=user,
        email=user.email,
        method=_method(request),
        **_request_details(request),
    )


@receiver(user_login_failed, dispatch_uid="audit_sign_in_failed")
def _sign_in_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    email = str(credentials.get("email") or credentials.get("username") or "")[:254]
    SignInEvent.objects.create(outcome=SignInEvent.Outcome.FAILURE, email=email, **_request_details(request))


@receiver(user_logged_out, dispatch_uid="audit_signed_out")
def _signed_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is None:
        return
    SignInEvent.objects.create(
        outcome=SignInEvent.Outcome.SIGNED_OUT, user=user, email=user.email, **_request_details(request)
    )
